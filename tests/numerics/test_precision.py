"""Stable bias correction and the float16/32/64 pitfalls, shown by the types themselves."""

import mpmath
import numpy as np
import pytest
from adaproof.numerics import precision
from adaproof.numerics.problems import quadratic
from adaproof.numerics.run import feed, minimize
from hypothesis import given, settings
from hypothesis import strategies as st


def _exact(t: int, d: float) -> float:
    with mpmath.workdps(50):
        return float(1 - (1 - mpmath.mpf(d)) ** t)


@given(
    t=st.integers(1, 10**6),
    d=st.floats(1e-12, 0.5, allow_nan=False),
)
@settings(max_examples=200, deadline=None)
def test_stable_bias_correction_is_accurate(t, d):
    """-expm1(t log1p(-d)) is within a few ulp of the 50-digit value for every t and d."""
    exact = _exact(t, d)
    got = float(precision.bias_correction(t, d=d))
    assert abs(got - exact) <= 8 * np.spacing(exact)


def test_naive_bias_correction_loses_digits_near_one():
    d = 1e-10
    exact = _exact(1, d)
    naive = float(precision.bias_correction_naive(1, d=d))
    stable = float(precision.bias_correction(1, d=d))
    assert abs(naive - exact) / exact > 1e-9  # ~8e-9 lost to 1 - (1 - d)
    assert abs(stable - exact) / exact < 1e-15
    assert float(precision.bias_correction_naive(1, d=d, dtype=np.float32)) == 0.0
    assert float(precision.bias_correction(1, d=d, dtype=np.float32)) == pytest.approx(d, rel=1e-6)


def test_bias_correction_keeps_dtype_and_validates():
    for dt in (np.float16, np.float32, np.float64):
        assert precision.bias_correction(3, 0.9, dtype=dt).dtype == dt
    with pytest.raises(ValueError, match="beta must be in"):
        precision.bias_correction(3, 1.0)
    with pytest.raises(ValueError, match="exactly one"):
        precision.bias_correction(3, 0.9, d=0.1)


def test_eps_underflows_in_float16():
    r = precision.eps_underflow(1e-8, np.float16)
    assert r["vanished"]
    assert r["stored"] == 0.0
    assert not precision.eps_underflow(1e-8, np.float32)["vanished"]


def test_eps_underflow_in_float16_adam_is_refused():
    """eps = 1e-8 is 0 in float16, which would make a zero-gradient coordinate's step 0/0 = NaN:
    refused up front, naming eps and what it became; eps = 0 given explicitly is the user's."""
    g = np.zeros((1, 2), dtype=np.float16)
    g[0, 0] = 1
    with pytest.raises(ValueError, match=r"^eps = 1e-08 becomes 0 in float16 "):
        feed("adam", g, lr=0.1)
    with np.errstate(invalid="ignore"):
        h16 = feed("adam", g, lr=0.1, eps=0.0)
    h32 = feed("adam", g.astype(np.float32), lr=0.1)
    assert np.isnan(h16.x[1, 1])
    assert h32.x[1, 1] == 0.0


def test_square_overflows_in_float16():
    assert precision.square_overflow(300.0, np.float16)["overflow"]
    assert not precision.square_overflow(300.0, np.float32)["overflow"]
    g = np.full((1, 1), 300.0, dtype=np.float16)
    with np.errstate(over="ignore"):
        h = feed("adam", g, lr=0.1, eps=1e-4)
    assert np.isinf(h.states["v"][0, 0])  # (1 - beta2) * inf
    assert h.x[1, 0] == 0.0  # m_hat / sqrt(inf) = 0: the step vanishes silently


def test_zero_over_zero_without_eps():
    assert precision.zero_over_zero(0.0)["nan"]
    assert not precision.zero_over_zero(1e-8)["nan"]


def test_minimize_freezes_float16_overflow_instead_of_nan():
    tr = minimize(
        "sgd",
        quadratic(1.0),
        np.array([1.0, 1.0], np.float16),
        200,
        lr=np.array([0.1, 1.5], np.float16),
        event_ndim=0,
    )
    assert tr.x.dtype == np.float16
    assert tr.diverged.tolist() == [False, True]
    assert np.all(np.isfinite(tr.x))


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_feed_and_minimize_keep_dtype(dtype):
    g = np.ones((3, 2), dtype=dtype)
    eps = np.float64(1e-4)  # the default 1e-8 is 0 in float16 (refused)
    h = feed("adam", g, x0=np.float64(1.0), lr=np.float64(0.01), eps=eps)
    assert h.x.dtype == dtype
    assert all(a.dtype == dtype for a in h.states.values())
    tr = minimize("rmsprop", quadratic(10.0), np.ones(2, dtype), 5, lr=0.01, eps=eps)
    assert tr.x.dtype == dtype


def test_float32_rounds_like_float32():
    """Ours in float32 equals ours in float64 rounded each step? No: it rounds each operation,
    so it differs from float64 by ~1e-7 relative, and equals a float32 re-run bitwise."""
    rng = np.random.default_rng(0)
    g = rng.standard_normal((50, 4))
    a = feed("adam", g.astype(np.float32), x0=1.0, lr=1e-2).x[-1]
    b = feed("adam", g.astype(np.float32), x0=1.0, lr=1e-2).x[-1]
    c = feed("adam", g, x0=1.0, lr=1e-2).x[-1]
    assert np.array_equal(a, b)
    rel = np.max(np.abs(a - c) / np.abs(c))
    assert 1e-10 < rel < 1e-4
