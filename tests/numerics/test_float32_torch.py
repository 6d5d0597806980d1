"""float32: hyperparameter complements rounded once, and parity with ``torch.optim`` in float32.

PyTorch forms :math:`1-\\beta` from the Python float (double) and rounds the result once to
the tensor's dtype; forming it in float32 after rounding β (``1 - float32(0.999)``) is
:math:`1.29\\times10^{-5}` relatively too small, a bias every :math:`v_t` inherits.
:func:`numerics.validate.resolve` now hands out ``h["1-beta"]`` formed in float64 and rounded
once (relative error :math:`\\le 2^{-24} \\approx 6\\times10^{-8}`).

The torch comparison runs seven optimizers for 100 steps on one float32 gradient stream.
Tolerances, with ``u`` = :math:`2^{-24}` the float32 unit roundoff:

- states (EMAs, sums, buffers): each step rounds a few times (≲ 4u) and an EMA forgets old
  errors, a sum (AdaGrad) averages them; the relative state difference stays ≲ 10u–100u,
  so ``STATE_TOL`` = 3e-6 (= 50u). The old biased complement alone gave 1.29e-5 on Adam's
  ``v``, which this catches. Nonnegative states (v, G, u) are compared element by element;
  signed ones (m, the momentum buffer) cross zero, where PyTorch's ``lerp`` form
  :math:`m + (1-\beta_1)(g - m)` and ours :math:`\beta_1 m + (1-\beta_1) g` differ by an ulp
  of g, so they are compared relative to their largest magnitude so far per coordinate.
- iterates: the two implementations round each update differently (PyTorch divides by
  :math:`\\sqrt{v_t}/\\sqrt{1-\\beta_2^t}` and scales by :math:`\\alpha/(1-\\beta_1^t)`),
  a few ulps of the step per step; over 100 steps that is ≲ 100 × 4u ≈ 2.4e-5 of the path
  length :math:`\\sum_t|\\Delta x_t|`, so ``PATH_TOL`` = 2e-5 relative to it.
"""

import numpy as np
import pytest
from adaproof.numerics import validate
from adaproof.numerics.registry import OPTIMIZERS

T, N = 100, 64
STATE_TOL = 3e-6
PATH_TOL = 2e-5


def _ulps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance in float32 units in the last place (same-sign finite values)."""
    a32, b32 = np.asarray(a, np.float32), np.asarray(b, np.float32)
    return np.abs(a32.view(np.int32).astype(np.int64) - b32.view(np.int32).astype(np.int64))


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9, 0.99, 0.999, 0.9999, 1 - 1e-7])
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_complement_is_rounded_once(beta: float, dtype: type) -> None:
    p = np.zeros(2, dtype)
    if np.asarray(beta, dtype) >= 1:  # rounds up to 1 in this dtype: refused, never run
        with pytest.raises(ValueError, match=f"b = {beta:g} becomes 1.0 in"):
            validate.resolve({"b": 0.5}, {"b": beta}, p, checks={"b": validate.unit_interval})
        return
    h = validate.resolve({"b": 0.5}, {"b": beta}, p, checks={"b": validate.unit_interval})
    assert h["1-b"].dtype == dtype
    assert h["b"].dtype == dtype
    assert h["1-b"] == np.asarray(1.0 - beta, dtype=dtype)


def test_complement_float64_is_the_old_subtraction() -> None:
    """In float64 ``h["1-b"]`` is bit for bit ``1 - b`` (what the optimizers used before)."""
    b = np.random.default_rng(0).uniform(0, 1, (5, 1))
    checks = {"b": validate.unit_interval}
    h = validate.resolve({"b": 0.5}, {"b": b}, np.zeros((5, 3)), checks=checks)
    assert h["1-b"].shape == (5, 1)
    np.testing.assert_array_equal(h["1-b"], np.float64(1) - h["b"])


def test_complement_of_a_batch_float32() -> None:
    betas = np.array([[0.9], [0.99], [0.999], [0.9999]])
    h = validate.resolve(
        {"b": 0.5}, {"b": betas}, np.zeros((4, 2), np.float32), checks={"b": validate.unit_interval}
    )
    assert h["1-b"].dtype == np.float32
    np.testing.assert_array_equal(h["1-b"], (1.0 - betas).astype(np.float32))
    # the float32 subtraction it replaces is off by far more than an ulp near 1
    assert np.max(_ulps(np.float32(1) - h["b"], h["1-b"])) > 100


@pytest.mark.parametrize("g", [0.7, 3.0, -1e-3, 123.456])
def test_adam_v1_float32_is_rounded_once(g: float) -> None:
    """v₁ = (1-β₂) g² at β₂ = 0.999 is float32(0.001 g²) within 1 ulp (was 1.29e-5 low)."""
    adam = OPTIMIZERS["adam"]
    x = np.zeros(1, np.float32)
    g32 = np.array([g], np.float32)
    _, s = adam.step(x, g32, adam.init(x), beta2=0.999)
    want = np.float32(0.001 * float(g32[0]) ** 2)
    assert s.v.dtype == np.float32
    assert _ulps(s.v[0], want) <= 1, (float(s.v[0]), float(want))
    assert _ulps(s.m[0], np.float32(0.1 * float(g32[0]))) <= 1


def test_rmsprop_v1_float32_is_rounded_once() -> None:
    rms = OPTIMIZERS["rmsprop"]
    x = np.zeros(1, np.float32)
    _, s = rms.step(x, np.array([2.0], np.float32), rms.init(x), rho=0.999)
    assert _ulps(s.v[0], np.float32(0.001 * 4.0)) <= 1


# (our name, our hyperparameters, torch class, torch kwargs, [(our state, torch state)])
CASES = [
    (
        "adam",
        {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
        "Adam",
        {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8},
        [("m", "exp_avg"), ("v", "exp_avg_sq")],
    ),
    (
        "rmsprop",
        {"lr": 1e-2, "rho": 0.99, "eps": 1e-8},
        "RMSprop",
        {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8},
        [("v", "square_avg")],
    ),
    ("adagrad", {"lr": 1e-2, "eps": 1e-10}, "Adagrad", {"lr": 1e-2, "eps": 1e-10}, [("G", "sum")]),
    (
        "adadelta",
        {"lr": 1.0, "rho": 0.9, "eps": 1e-6},
        "Adadelta",
        {"lr": 1.0, "rho": 0.9, "eps": 1e-6},
        [("v", "square_avg"), ("u", "acc_delta")],
    ),
    (
        "adamax",
        {"lr": 2e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
        "Adamax",
        {"lr": 2e-3, "betas": (0.9, 0.999), "eps": 1e-8},
        [("m", "exp_avg"), ("u", "exp_inf")],
    ),
    (
        "nadam",
        {"lr": 2e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
        "NAdam",
        {"lr": 2e-3, "betas": (0.9, 0.999), "eps": 1e-8},
        [("m", "exp_avg"), ("v", "exp_avg_sq")],
    ),
    (
        "momentum",
        {"lr": 1e-2, "momentum": 0.9},
        "SGD",
        {"lr": 1e-2, "momentum": 0.9},
        [("b", "momentum_buffer")],
    ),
]


@pytest.mark.oracle
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_float32_parity_with_torch(case: tuple) -> None:
    torch = pytest.importorskip("torch")
    name, ours, cls, theirs, pairs = case
    rng = np.random.default_rng(7)
    x0 = rng.standard_normal(N).astype(np.float32)
    # mixed scales (1e-1 to 10) per coordinate, with noise
    grads = (rng.standard_normal((T, N)) * np.exp(rng.standard_normal(N))).astype(np.float32)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        p = torch.tensor(x0.copy(), dtype=torch.float32, requires_grad=True)
        opt = getattr(torch.optim, cls)([p], foreach=False, **theirs)
        o = OPTIMIZERS[name]
        x, s = x0.copy(), o.init(x0, **ours)
        path = np.zeros(N)
        worst_state = {k: 0.0 for k, _ in pairs}
        scale = {k: np.zeros(N) for k, _ in pairs}
        for t in range(T):
            before = p.detach().numpy().copy()
            p.grad = torch.from_numpy(grads[t].copy())
            opt.step()
            x, s = o.step(x, grads[t], s, **ours)
            ref = p.detach().numpy()
            path += np.abs(ref.astype(np.float64) - before)
            st = opt.state[p]
            for k, tk in pairs:
                a = getattr(s, k).astype(np.float64)
                b = st[tk].detach().numpy().astype(np.float64)
                signed = k in ("m", "b")
                scale[k] = np.maximum(scale[k], np.abs(b)) if signed else np.abs(b)
                rel = np.max(np.abs(a - b) / np.maximum(scale[k], 1e-30))
                worst_state[k] = max(worst_state[k], float(rel))
    finally:
        torch.set_num_threads(threads)
    assert x.dtype == np.float32
    assert all(getattr(s, k).dtype == np.float32 for k, _ in pairs)
    rel_x = float(np.max(np.abs(x.astype(np.float64) - ref) / path))
    assert rel_x <= PATH_TOL, (name, rel_x)
    for k, rel in worst_state.items():
        assert rel <= STATE_TOL, (name, k, rel)
