"""numerics.kernels: the in-place chunked Adam update against the pure numerics.adam.step,
an mpmath run of Kingma & Ba's Algorithm 1, PyTorch, and its own compiled twin."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
from adaproof.numerics import kernels
from adaproof.numerics.kernels import CompiledKernelUnavailable, adam_update_

HYPER = [
    {},
    {"lr": 0.05, "beta1": 0.5, "beta2": 0.9, "eps": 1e-3},
    {"lr": 1e-2, "beta1": 0.0, "beta2": 0.99, "eps": 0.0},
]


def _problem(rng, n, dtype, steps=6):
    w = rng.standard_normal(n).astype(dtype)
    top = 2 if dtype == np.float16 else 3  # float16 squares overflow above ~256
    grads = [(rng.standard_normal(n) * 10.0 ** rng.integers(-top, top, n)).astype(dtype)]
    grads += [rng.standard_normal(n).astype(dtype) for _ in range(steps - 1)]
    return w, grads


def _run_kernel(w, grads, **kw):
    w = w.copy()
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t, g in enumerate(grads, start=1):
        adam_update_(w, g, m, v, t, **kw)
    return w, m, v


@pytest.fixture(scope="module")
def compiled():
    lib = kernels.compiled_kernel()
    if lib is None:
        pytest.skip(f"no compiled kernel here: {kernels.compiled_reason()}")
    return lib


@pytest.mark.parametrize("hyper", HYPER)
def test_matches_mpmath_algorithm_1(hyper):
    # 50-digit run of the paper's Algorithm 1 in its own order of operations; float64
    # rounding of ~15 operations per step, compounded over 8 steps, stays far below 1e-12
    rng = np.random.default_rng(7)
    w0, grads = _problem(rng, 6, np.float64, steps=8)
    w, m, v = _run_kernel(w0, grads, **hyper)
    lr, b1, b2 = hyper.get("lr", 1e-3), hyper.get("beta1", 0.9), hyper.get("beta2", 0.999)
    eps = hyper.get("eps", 1e-8)
    with mpmath.workdps(50):
        B1, B2 = mpmath.mpf(b1), mpmath.mpf(b2)
        for i in range(w0.size):
            wi, mi, vi = mpmath.mpf(w0[i]), mpmath.mpf(0), mpmath.mpf(0)
            for t, g in enumerate(grads, start=1):
                gi = mpmath.mpf(g[i])
                mi = B1 * mi + (1 - B1) * gi
                vi = B2 * vi + (1 - B2) * gi**2
                m_hat, v_hat = mi / (1 - B1**t), vi / (1 - B2**t)
                wi = wi - lr * m_hat / (mpmath.sqrt(v_hat) + eps)
            assert float(wi) == pytest.approx(w[i], rel=1e-12, abs=1e-15)
            assert float(mi) == pytest.approx(m[i], rel=1e-13, abs=1e-300)
            assert float(vi) == pytest.approx(v[i], rel=1e-13, abs=1e-300)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_matches_pure_numerics_adam(dtype):
    # reference: the pure numerics.adam.step in float64 (its default, paper conventions)
    from adaproof.numerics import adam

    rng = np.random.default_rng(3)
    w0, grads = _problem(rng, 5000, dtype)
    w, m, v = _run_kernel(w0, grads)
    params, state = w0.astype(np.float64), adam.init(w0.astype(np.float64))
    for g in grads:
        params, state = adam.step(params, g.astype(np.float64), state)
    assert w.dtype == m.dtype == v.dtype == dtype
    # rounding budget, each term a few units of the dtype's eps (k ~ 10 roundings per step):
    # m, v are sums of weighted gradients, so their error scales with max|g|, max g^2 (not
    # with m, v themselves, which may cancel); the step alpha*m_hat/sqrt(v_hat) inherits m's
    # absolute error divided by sqrt(v_hat), plus its own relative rounding.
    eps = np.finfo(dtype).eps
    steps = len(grads)
    gmax = np.max(np.abs(np.asarray(grads, dtype=np.float64)), axis=0)
    v_hat = state.v / -np.expm1(steps * np.log(0.999))
    np.testing.assert_array_less(np.abs(m - state.m), 8 * steps * eps * gmax)
    np.testing.assert_array_less(np.abs(v - state.v), 8 * steps * eps * gmax**2)
    tol_w = 4 * eps * np.abs(w0) + 16 * steps * eps * 1e-3 * (1 + 10 * gmax / np.sqrt(v_hat))
    np.testing.assert_array_less(np.abs(w - params), tol_w)
    if dtype == np.float64:  # same constants, same order for m and v: equal to the last bit
        np.testing.assert_array_equal(m, state.m)
        np.testing.assert_array_equal(v, state.v)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_batched_shape_and_chunking_do_not_change_the_result(dtype):
    rng = np.random.default_rng(11)
    w0, grads = _problem(rng, 3 * 1000 * 7, dtype, steps=3)
    # eps = 1e-8 underflows to 0 in float16 (smallest subnormal 6e-8), as in any float16 Adam
    flat = _run_kernel(w0, grads, eps=1e-3)
    tiny = _run_kernel(w0, grads, eps=1e-3, chunk_bytes=1)  # clamps to 1024 elements
    shaped = _run_kernel(w0.reshape(3, 1000, 7), [g.reshape(3, 1000, 7) for g in grads], eps=1e-3)
    for a, b, c in zip(flat, tiny, shaped, strict=True):
        assert a.dtype == dtype
        assert c.shape == (3, 1000, 7)
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c.reshape(-1))


def test_grads_not_modified_and_zero_gradient_does_not_move():
    w = np.array([1.0, 2.0])
    g = np.zeros(2)
    g.flags.writeable = False
    m, v = np.zeros(2), np.zeros(2)
    adam_update_(w, g, m, v, 1)
    assert w.tolist() == [1.0, 2.0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"beta2": 1.5}, r"beta2 must be in \[0, 1\), got 1.5"),
        ({"beta1": -0.1}, r"beta1 must be in \[0, 1\)"),
        ({"lr": 0.0}, "lr must be a positive"),
        ({"eps": -1.0}, "eps must be"),
        ({"t": 0}, "t must be an integer >= 1"),
        ({"backend": "fortran"}, "backend must be one of"),
    ],
)
def test_rejects_bad_hyperparameters(kwargs, message):
    w, g, m, v = (np.zeros(4) for _ in range(4))
    t = kwargs.pop("t", 1)
    with pytest.raises(ValueError, match=message):
        adam_update_(w, g, m, v, t, **kwargs)


def test_rejects_bad_arrays():
    z = np.zeros(4)
    with pytest.raises(ValueError, match="shape"):
        adam_update_(z.copy(), np.zeros(5), z.copy(), z.copy(), 1)
    with pytest.raises(TypeError, match="dtype"):
        adam_update_(z.copy(), np.zeros(4, np.float32), z.copy(), z.copy(), 1)
    with pytest.raises(ValueError, match="C-contiguous"):
        adam_update_(np.zeros(8)[::2], z.copy(), z.copy(), z.copy(), 1)
    i = np.zeros(4, dtype=np.int64)
    with pytest.raises(TypeError, match="float16, float32 or float64"):
        adam_update_(i, i, i, i, 1)
    ro = np.zeros(4)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="m must be writeable"):
        adam_update_(z.copy(), z.copy(), ro, z.copy(), 1)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("hyper", HYPER)
def test_compiled_matches_numpy(compiled, dtype, hyper):
    # same operations in the same order without FMA contraction: at most 2 ulp apart
    # (in practice bit-identical)
    rng = np.random.default_rng(5)
    w0, grads = _problem(rng, 70001, dtype)
    for a, b in zip(
        _run_kernel(w0, grads, **hyper),
        _run_kernel(w0, grads, backend="c", **hyper),
        strict=True,
    ):
        np.testing.assert_array_max_ulp(a, b, maxulp=2)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_triad_backends_agree(compiled, dtype):
    rng = np.random.default_rng(2)
    a, b = rng.standard_normal(100_001).astype(dtype), rng.standard_normal(100_001).astype(dtype)
    x, y = a.copy(), a.copy()
    kernels.triad_(x, b, 0.25)
    kernels.triad_(y, b, 0.25, backend="c")
    np.testing.assert_array_max_ulp(x, y, maxulp=1)
    np.testing.assert_allclose(x, a + dtype(0.25) * b, rtol=2 * np.finfo(dtype).eps)


def test_build_writes_into_cache_dir_and_reuses_it(tmp_path, monkeypatch):
    if kernels._compiler() is None:
        pytest.skip("no C compiler on PATH")
    monkeypatch.setenv("ADAPROOF_CACHE_DIR", str(tmp_path))
    kernels._reset_compiled()
    try:
        lib = kernels.compiled_kernel()
        assert lib is not None, kernels.compiled_reason()
        built = list((tmp_path / "kernels").glob("adam_*"))
        assert len(built) == 1
        mtime = built[0].stat().st_mtime_ns
        kernels._reset_compiled()
        assert kernels.compiled_kernel() is not None
        assert built[0].stat().st_mtime_ns == mtime  # loaded, not rebuilt
    finally:
        kernels._reset_compiled()


def test_falls_back_to_numpy_with_a_clear_warning_without_a_compiler(tmp_path, monkeypatch):
    monkeypatch.setenv("CC", "no-such-compiler-adaproof")
    monkeypatch.setenv("ADAPROOF_CACHE_DIR", str(tmp_path))
    kernels._reset_compiled()
    try:
        rng = np.random.default_rng(9)
        w0, grads = _problem(rng, 100, np.float64, steps=2)
        with pytest.warns(CompiledKernelUnavailable, match="no C compiler found"):
            got = _run_kernel(w0, grads, backend="c")
        assert "no C compiler" in kernels.compiled_reason()
        for a, b in zip(got, _run_kernel(w0, grads), strict=True):
            np.testing.assert_array_equal(a, b)
    finally:
        kernels._reset_compiled()


def test_compile_error_is_reported_not_raised(tmp_path, monkeypatch):
    fake = tmp_path / "fakecc"
    fake.write_text("#!/bin/sh\necho 'fakecc: error: broken toolchain' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("CC", str(fake))
    monkeypatch.setenv("ADAPROOF_CACHE_DIR", str(tmp_path / "cache"))
    kernels._reset_compiled()
    try:
        assert kernels.compiled_kernel() is None
        assert "broken toolchain" in kernels.compiled_reason()
    finally:
        kernels._reset_compiled()


@pytest.mark.oracle
@pytest.mark.parametrize("backend", ["numpy", "c"])
def test_matches_torch_adam_in_float64(backend):
    torch = pytest.importorskip("torch")
    if backend == "c" and kernels.compiled_kernel() is None:
        pytest.skip(kernels.compiled_reason())
    rng = np.random.default_rng(4)
    w0, grads = _problem(rng, 1000, np.float64)
    w, m, v = _run_kernel(w0, grads, backend=backend, lr=0.01)
    p = torch.nn.Parameter(torch.tensor(w0))
    opt = torch.optim.Adam([p], lr=0.01, foreach=False)
    for g in grads:
        p.grad = torch.tensor(g)
        opt.step()
    state = opt.state[p]
    # PyTorch divides sqrt(v) by sqrt(1-b2^t) and updates m with lerp: rounding differs
    np.testing.assert_allclose(w, p.detach().numpy(), rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(m, state["exp_avg"].numpy(), rtol=1e-13, atol=0)
    np.testing.assert_allclose(v, state["exp_avg_sq"].numpy(), rtol=1e-13, atol=0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("backend", ["numpy", "c"])
def test_flush_subnormals_changes_nothing_on_normal_numbers(backend, dtype):
    if backend == "c" and kernels.compiled_kernel() is None:
        pytest.skip(kernels.compiled_reason())
    rng = np.random.default_rng(6)
    w0, grads = _problem(rng, 20000, dtype)
    plain = _run_kernel(w0, grads, backend=backend)
    flushed = _run_kernel(w0, grads, backend=backend, flush_subnormals=True)
    for a, b in zip(plain, flushed, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("backend", ["numpy", "c"])
def test_flush_subnormals_zeroes_decayed_moments_and_restores_the_fpu(backend, dtype):
    # a converged run: gradient exactly 0, m decayed to just above the smallest normal;
    # one more step (x beta1) makes it subnormal, which the option flushes to zero
    if backend == "c" and kernels.compiled_kernel() is None:
        pytest.skip(kernels.compiled_reason())
    tiny = np.finfo(dtype).tiny
    n = 5000
    w = np.ones(n, dtype)
    g = np.zeros(n, dtype)
    m0 = np.full(n, 1.05 * tiny, dtype)
    m0[::2] *= -1
    v0 = np.full(n, 1e-6, dtype)
    results = {}
    for flush in (False, True):
        wf, mf, vf = w.copy(), m0.copy(), v0.copy()
        adam_update_(wf, g, mf, vf, 500, backend=backend, flush_subnormals=flush)
        results[flush] = (wf, mf, vf)
    w_plain, m_plain, _ = results[False]
    w_flush, m_flush, v_flush = results[True]
    assert np.all(m_plain != 0)
    assert np.all(np.abs(m_plain) < tiny)  # without the option: subnormal, as IEEE says
    assert np.all(m_flush == 0)
    np.testing.assert_array_equal(v_flush, v0 * dtype(0.999))
    np.testing.assert_array_equal(w_flush, w_plain)  # w = 1 cannot see a 1e-308 step
    # the CPU's modes are restored after the call: NumPy makes subnormals again
    assert np.multiply(np.array([tiny], dtype), dtype(0.5))[0] != 0
