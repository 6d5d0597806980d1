r"""Floating-point behaviour of the recursions: stable bias correction and known pitfalls.

Adam divides by :math:`1-\beta^t`. Written naively, ``1 - beta**t`` loses digits when
:math:`\beta` is close to 1 (in float64 up to ~6e-9 relative at :math:`\beta = 1-10^{-10}`,
and ``float32(1 - 1e-10) == 1.0`` so the correction becomes 0). The stable form

.. math::

    1-\beta^t = -\operatorname{expm1}\bigl(t \log1p(-d)\bigr), \qquad d = 1-\beta,

keeps full relative precision and accepts :math:`d` directly, so :math:`\beta` never has to
be rounded at all.

The pitfalls below are computed with the types themselves (no upcast), each returning what
the type does, so a test or a report can show them:

- :func:`eps_underflow`: ε = 1e-8 is 0 in float16 (smallest subnormal ≈ 6e-8).
- :func:`square_overflow`: g² overflows to inf in float16 for |g| > ~256.
- :func:`zero_over_zero`: with ε = 0 a coordinate whose gradients were all 0 gives 0/0 = NaN.

>>> float(bias_correction(1, d=1e-10)) == 1e-10
True
>>> float(np.float16(1e-8))
0.0
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _beta_and_d(beta: Any, d: Any, dtype: Any) -> tuple[np.ndarray, np.ndarray]:
    """(β, d) in ``dtype``; the one given is exact, the other derived from it."""
    if (beta is None) == (d is None):
        raise ValueError("give exactly one of beta and d = 1 - beta")
    one = np.asarray(1, dtype=dtype)
    if d is None:
        b = np.asarray(beta, dtype=dtype)
        if not np.all((b >= 0) & (b < 1)):
            raise ValueError(f"beta must be in [0, 1), got {beta}")
        return b, one - b  # exact for beta >= 1/2 (Sterbenz)
    dd = np.asarray(d, dtype=dtype)
    if not np.all((dd > 0) & (dd <= 1)):
        raise ValueError(f"d = 1 - beta must be in (0, 1], got {d}")
    return one - dd, dd


def _t(t: Any, dtype: Any) -> np.ndarray:
    tt = np.asarray(t)
    if tt.dtype.kind not in "iu" or np.any(tt < 0):
        raise ValueError(f"t must be a nonnegative integer, got {t}")
    return tt.astype(dtype)


def bias_correction(
    t: Any, beta: Any = None, *, d: Any = None, dtype: Any = np.float64
) -> np.ndarray:
    r"""The stable :math:`1-\beta^t = -\operatorname{expm1}(t\log1p(-d))`, in ``dtype``.

    ``t`` may be an integer or an array (broadcasting with ``beta``/``d``). Give either
    ``beta`` or ``d = 1 - beta`` (the latter avoids rounding β near 1).

    >>> float(bias_correction(2, 0.5))
    0.75
    >>> bias_correction(3, d=np.float32(1e-10), dtype=np.float32).dtype
    dtype('float32')
    >>> float(bias_correction(1, 0.0)), float(bias_correction(0, 0.5))
    (1.0, 0.0)
    """
    _, dd = _beta_and_d(beta, d, dtype)
    with np.errstate(divide="ignore"):  # beta = 0: log1p(-1) = -inf, expm1(-inf) = -1, exact
        return -np.expm1(_t(t, dtype) * np.log1p(-dd))


def bias_correction_checked_d(t: int, d: np.ndarray) -> np.ndarray:
    r""":func:`bias_correction` ``(t, d=d, dtype=d.dtype)`` without its checks, for callers
    that have checked both: ``t`` an integer >= 0 and ``d`` = 1 - β an array in (0, 1] of
    the dtype wanted (the optimizers' resolved ``h["1-beta1"]``). The same numbers; at
    every step of a small-batch run the checks cost several times the arithmetic.

    >>> float(bias_correction_checked_d(2, np.asarray(0.5))) == float(bias_correction(2, 0.5))
    True
    """
    with np.errstate(divide="ignore"):  # d = 1 (beta = 0): expm1(-inf) = -1, exact
        return -np.expm1(np.asarray(t, dtype=d.dtype) * np.log1p(-d))


def bias_correction_naive(
    t: Any, beta: Any = None, *, d: Any = None, dtype: Any = np.float64
) -> np.ndarray:
    r"""The textbook :math:`1-\beta^t` computed as ``1 - beta**t`` in ``dtype`` (for comparison).

    With ``d`` given, β is first formed as ``1 - d`` in ``dtype`` (where it may round to 1).

    >>> float(bias_correction_naive(1, d=1e-10, dtype=np.float32))
    0.0
    """
    b, _ = _beta_and_d(beta, d, dtype)
    return np.asarray(1, dtype=dtype) - b ** _t(t, dtype)


def eps_underflow(eps: float = 1e-8, dtype: Any = np.float16) -> dict[str, Any]:
    """What ``eps`` becomes in ``dtype`` and whether it vanished (float16: 1e-8 -> 0)."""
    e = np.asarray(eps, dtype=dtype)
    return {"eps": eps, "dtype": np.dtype(dtype).name, "stored": float(e), "vanished": e == 0}


def square_overflow(g: float = 300.0, dtype: Any = np.float16) -> dict[str, Any]:
    """Square ``g`` in ``dtype``: float16 overflows to inf above ~256 (max 65504)."""
    x = np.asarray(g, dtype=dtype)
    with np.errstate(over="ignore"):
        sq = x * x
    return {"g": g, "dtype": np.dtype(dtype).name, "g2": float(sq), "overflow": bool(np.isinf(sq))}


def zero_over_zero(eps: float = 0.0, dtype: Any = np.float64) -> dict[str, Any]:
    r"""Adam's first step on a coordinate with g = 0: :math:`\hat m/(\sqrt{\hat v}+\varepsilon)`.

    With ε = 0 this is 0/0 = NaN (IEEE 754); any ε > 0 representable in ``dtype`` gives 0.
    """
    m = np.zeros((), dtype=dtype)
    v = np.zeros((), dtype=dtype)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = m / (np.sqrt(v) + np.asarray(eps, dtype=dtype))
    return {"eps": eps, "dtype": np.dtype(dtype).name, "ratio": float(r), "nan": bool(np.isnan(r))}


def relative_error(approx: Any, exact: Any) -> np.ndarray:
    """Elementwise :math:`|a-e|/|e|` in float64 (0 where both are 0)."""
    a = np.asarray(approx, dtype=np.float64)
    e = np.asarray(exact, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.abs(a - e) / np.abs(e)
    return np.where((a == e), 0.0, r)


__all__ = [
    "bias_correction",
    "bias_correction_naive",
    "eps_underflow",
    "relative_error",
    "square_overflow",
    "zero_over_zero",
]
