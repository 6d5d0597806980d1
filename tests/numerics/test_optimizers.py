"""Every optimizer: purity, dtype preservation, batching, validation, hand-checked steps."""

import numpy as np
import pytest
from adaproof.numerics import adagrad, adam, rmsprop, sgd
from adaproof.numerics.registry import OPTIMIZERS, get
from hypothesis import given, settings
from hypothesis import strategies as st

NAMES = sorted(OPTIMIZERS)


def _run(name, grads, x0, **hyper):
    opt = OPTIMIZERS[name]
    x, s = x0, opt.init(x0, **hyper)
    for g in grads:
        x, s = opt.step(x, g, s, **hyper)
    return x, s


@pytest.mark.parametrize("name", NAMES)
def test_inputs_are_not_mutated(name):
    rng = np.random.default_rng(1)
    x0 = rng.standard_normal((3, 2))
    g = rng.standard_normal((3, 2))
    opt = OPTIMIZERS[name]
    s0 = opt.init(x0)
    _, s1 = opt.step(x0, g, s0)
    keep = [x0.copy(), g.copy(), *(a.copy() for a in s0 if isinstance(a, np.ndarray))]
    opt.step(x0, g, s0)
    now = [x0, g, *(a for a in s0 if isinstance(a, np.ndarray))]
    assert all(np.array_equal(a, b) for a, b in zip(keep, now, strict=True))
    assert s1.count == 1
    assert s0.count == 0


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("name", NAMES)
def test_dtype_is_preserved(name, dtype):
    rng = np.random.default_rng(2)
    x0 = rng.uniform(1, 2, (4,)).astype(dtype)
    grads = rng.uniform(0.5, 1.5, (5, 4))  # float64 grads must not upcast
    hyper = {"lr": np.float64(0.01)} if name != "adadelta" else {"rho": np.float64(0.9)}
    if dtype == np.float16 and OPTIMIZERS[name].defaults.get("eps", 1.0) < 6e-8:
        hyper["eps"] = np.float64(1e-4)  # the default 1e-8 is 0 in float16: refused
    x, s = _run(name, grads, x0, **hyper)
    assert x.dtype == dtype
    for a in s:
        if isinstance(a, np.ndarray):
            assert a.dtype == dtype
    assert np.all(np.isfinite(x))


def test_adam_first_step_is_lr_times_sign():
    with np.errstate(invalid="ignore"):
        x, _ = _run("adam", [np.array([3.0, -1e-6, 0.0])], np.zeros(3), lr=0.1, eps=0.0)
    assert x[:2].tolist() == [-0.1, 0.1]
    assert np.isnan(x[2])  # 0/0 with eps = 0 is NaN, as IEEE 754 says


def test_adam_hand_computed_two_steps():
    g = [np.array([1.0]), np.array([3.0])]
    x, s = _run("adam", g, np.array([0.0]), lr=0.1, beta1=0.5, beta2=0.75, eps=0.0)
    # m2 = 0.5*0.5 + 0.5*3 = 1.75, v2 = 0.75*0.25 + 0.25*9 = 2.4375
    assert s.m[0] == 1.75
    assert s.v[0] == 2.4375
    m_hat, v_hat = 1.75 / 0.75, 2.4375 / (1 - 0.75**2)
    assert x[0] == pytest.approx(-0.1 - 0.1 * m_hat / np.sqrt(v_hat), rel=1e-15)


def test_efficient_form_equals_algorithm_1_with_eps_hat():
    """Kingma & Ba §2: the efficient form equals Algorithm 1 iff eps_hat = eps*sqrt(1-b2^t)."""
    rng = np.random.default_rng(3)
    g = rng.standard_normal((1, 5))
    eps = 1e-3
    a, _ = _run("adam", g, np.zeros(5), eps=eps)
    c2 = 1 - 0.999
    b, _ = _run("adam", g, np.zeros(5), eps=eps * np.sqrt(c2), eps_on="v")
    np.testing.assert_allclose(a, b, rtol=1e-14)
    c, _ = _run("adam", g, np.zeros(5), eps=eps, eps_on="v")
    assert not np.allclose(a, c, rtol=1e-6)


def test_amsgrad_raw_and_corrected_max_differ_after_a_drop():
    g = np.r_[np.full(3, 10.0), np.full(20, 0.1)][:, None]
    raw, _ = _run("adam", g, np.zeros(1), amsgrad=True, amsgrad_max="raw")
    cor, _ = _run("adam", g, np.zeros(1), amsgrad=True, amsgrad_max="corrected")
    plain, _ = _run("adam", g, np.zeros(1))
    assert raw[0] != cor[0] != plain[0]


def test_rmsprop_equals_adam_with_beta1_zero_and_no_correction():
    """optax's equivalence: scale_by_rms matches scale_by_adam(b1=0) (no bias correction)."""
    rng = np.random.default_rng(4)
    g = rng.standard_normal((30, 6))
    a, _ = _run("rmsprop", g, np.ones(6), lr=0.01, rho=0.9, eps=1e-8)
    b, _ = _run("adam", g, np.ones(6), lr=0.01, beta1=0.0, beta2=0.9, bias_correction=False)
    np.testing.assert_allclose(a, b, rtol=1e-14)


def test_adagrad_lr_decay_and_initial_accumulator():
    g = [np.array([1.0]), np.array([1.0])]
    x, s = _run(
        "adagrad", g, np.array([0.0]), lr=1.0, eps=0.0, lr_decay=1.0, initial_accumulator_value=3.0
    )
    assert s.G[0] == 5.0
    assert x[0] == pytest.approx(-1 / 2 - 0.5 / np.sqrt(5), rel=1e-15)


def test_momentum_ema_form_is_heavy_ball_with_scaled_lr():
    rng = np.random.default_rng(5)
    g = rng.standard_normal((20, 3))
    a, _ = _run("momentum", g, np.zeros(3), lr=0.1, form="ema")
    b, _ = _run("momentum", g, np.zeros(3), lr=0.1 * (1 - 0.9))
    np.testing.assert_allclose(a, b, rtol=1e-13)


def test_decoupled_weight_decay_modes():
    x0 = np.array([2.0])
    g = [np.array([0.0])]
    kw = {"lr": 0.1, "eps": 1.0, "weight_decay": 0.5}
    x_w, _ = _run("adam", g, x0, weight_decay_mode="decoupled", **kw)
    x_p, _ = _run("adam", g, x0, weight_decay_mode="decoupled_paper", **kw)
    x_l2, _ = _run("adam", g, x0, weight_decay_mode="l2", **kw)
    assert x_w[0] == 2.0 * (1 - 0.05)
    assert x_p[0] == 1.0
    assert x_l2[0] < 2.0
    assert x_l2[0] != x_w[0]


@pytest.mark.parametrize("name", NAMES)
def test_batched_hyperparameters_equal_one_at_a_time(name):
    """A (lr x seed) grid in one call equals each configuration run alone, to 2 ulp."""
    rng = np.random.default_rng(6)
    lrs = np.array([1e-3, 1e-2, 1e-1])[:, None, None]
    grads = rng.standard_normal((25, 3, 4, 2))
    x0 = rng.uniform(-1, 1, (3, 4, 2))
    xb, _ = _run(name, grads, x0, lr=lrs)
    for i in range(3):
        for j in range(4):
            xi, _ = _run(name, grads[:, i, j], x0[i, j], lr=float(lrs[i, 0, 0]))
            ulp = np.spacing(np.abs(xi))
            assert np.all(np.abs(xb[i, j] - xi) <= 2 * ulp), (name, i, j)


@pytest.mark.parametrize(
    ("module", "kw", "msg"),
    [
        (adam, {"beta2": 1.5}, r"beta2 must be in \[0, 1\), got 1.5"),
        (adam, {"beta1": -0.1}, r"beta1 must be in \[0, 1\), got -0.1"),
        (adam, {"beta1": np.array([0.5, 1.0])}, r"beta1 must be in \[0, 1\), got 1.0"),
        (adam, {"lr": 0.0}, r"lr must be positive and finite, got 0.0"),
        (sgd, {"lr": -1}, r"lr must be positive and finite, got -1"),
        (adagrad, {"eps": -1e-8}, r"eps must be >= 0 and finite, got -1e-08"),
        (rmsprop, {"eps_placement": "middle"}, r"eps_placement must be one of"),
        (adam, {"amsgrad": "yes"}, r"amsgrad must be True or False"),
    ],
)
def test_bad_hyperparameters_name_argument_and_value(module, kw, msg):
    x = np.zeros(2)
    with pytest.raises(ValueError, match=msg):
        module.step(x, np.ones(2), module.init(x), **kw)


def test_bad_grads_and_names():
    x = np.zeros((2, 3))
    s = adam.init(x)
    with pytest.raises(
        ValueError, match=r"grads must have the shape of params \(2, 3\), got \(3,\)"
    ):
        adam.step(x, np.ones(3), s)
    g = np.ones((2, 3))
    g[1, 2] = np.nan
    with pytest.raises(ValueError, match=r"grads must be finite, got nan at index \(1, 2\)"):
        adam.step(x, g, s)
    with pytest.raises(TypeError, match="unknown hyperparameter"):
        adam.step(x, np.ones((2, 3)), s, learning_rate=0.1)
    with pytest.raises(ValueError, match="optimizer must be one of"):
        get("adamm")
    with pytest.raises(ValueError, match=r"lr of shape \(4,\) must broadcast"):
        adam.step(x, np.ones((2, 3)), s, lr=np.ones(4))


@pytest.mark.parametrize("name", NAMES)
def test_feed_records_named_state_for_every_optimizer(name):
    from adaproof.numerics.run import feed

    h = feed(name, np.ones((4, 3)), x0=1.0)
    assert h.x.shape == (5, 3)
    assert h.states
    assert all(a.shape == (4, 3) for a in h.states.values())


@given(
    c=st.floats(1e-3, 1e3),
    seed=st.integers(0, 2**32 - 1),
    name=st.sampled_from(["adam", "rmsprop", "adagrad", "adamax", "amsgrad"]),
)
@settings(max_examples=40, deadline=None)
def test_scale_invariance_without_eps(c, seed, name):
    """With eps = 0 these updates are invariant to g -> c g, c > 0 (seed 001, item on
    scale invariance): the iterates agree to rounding (30 steps, ~1e-13 relative)."""
    rng = np.random.default_rng(seed)
    g = rng.standard_normal((30, 3))
    a, _ = _run(name, g, np.ones(3), eps=0.0)
    b, _ = _run(name, c * g, np.ones(3), eps=0.0)
    np.testing.assert_allclose(a, b, rtol=1e-12)


def test_scale_invariance_breaks_with_eps():
    g = np.full((5, 1), 1e-6)
    a, _ = _run("adam", g, np.ones(1), eps=1e-8)
    b, _ = _run("adam", 1e3 * g, np.ones(1), eps=1e-8)
    assert abs(a[0] - b[0]) > 1e-6


def test_batched_beta_grid_equals_one_at_a_time():
    """lr x beta1 x beta2 grid (2 x 3 x 2) x 2 starting points in one Adam call."""
    rng = np.random.default_rng(8)
    lr = np.array([1e-3, 1e-1]).reshape(2, 1, 1, 1, 1)
    b1 = np.array([0.0, 0.5, 0.9]).reshape(1, 3, 1, 1, 1)
    b2 = np.array([0.9, 0.999]).reshape(1, 1, 2, 1, 1)
    x0 = rng.uniform(-1, 1, (2, 3, 2, 2, 3))
    g = rng.standard_normal((15, *x0.shape))
    xb, _ = _run("adam", g, x0, lr=lr, beta1=b1, beta2=b2)
    for idx in np.ndindex(2, 3, 2, 2):
        i, j, k, _ = idx
        kw = {"lr": lr.flat[i], "beta1": b1.flat[j], "beta2": b2.flat[k]}
        xi, _ = _run("adam", g[(slice(None), *idx)], x0[idx], **kw)
        assert np.all(np.abs(xb[idx] - xi) <= 2 * np.spacing(np.abs(xi))), idx


@given(
    beta=st.one_of(st.floats(max_value=-1e-300), st.floats(min_value=1.0)),
    which=st.sampled_from(["beta1", "beta2"]),
)
@settings(max_examples=50, deadline=None)
def test_any_beta_outside_unit_interval_is_refused_by_name(beta, which):
    x = np.zeros(1)
    with pytest.raises(ValueError, match=rf"^{which} must be in \[0, 1\), got "):
        adam.step(x, np.ones(1), adam.init(x), **{which: beta})


@given(lr=st.one_of(st.floats(max_value=0.0), st.just(float("nan")), st.just(float("inf"))))
@settings(max_examples=30, deadline=None)
def test_any_nonpositive_lr_is_refused(lr):
    x = np.zeros(1)
    for name in NAMES:
        with pytest.raises(ValueError, match=r"^lr must be positive and finite, got "):
            OPTIMIZERS[name].step(x, np.ones(1), OPTIMIZERS[name].init(x), lr=lr)
