r"""Test problems: each a :class:`Problem` with ``f(x)``, ``grad(x, t)`` and maybe ``project``.

``x`` may carry any leading batch axes; ``event_ndim`` says how many trailing axes are the
point (0: a scalar problem applied elementwise; 1: the last axis holds the coordinates).
Gradients keep the dtype of ``x``. ``t`` (1, 2, …) matters only for online/stochastic ones.

- :func:`quadratic`: :math:`f(x) = \sum_i a_i x_i^2` for any diagonal scale (x², 10x²).
- :func:`rosenbrock_tutorial`: :math:`f(x, y) = (1-x)^2 + 10(y-x^2)^2` (seed 000).
- :func:`sparse_logistic`: logistic regression with a rare but perfectly informative
  feature (seed 002 §1's "polymerase"/"quark" words).
- :func:`sigmoid_neuron`: :math:`\sum_i \tfrac12(\sigma(w^\top x_i + b) - y_i)^2`, whose
  gradient is the slides' :math:`(f(x)-y) f(x)(1-f(x)) x` summed over points (seed 004).
- :func:`reddi_online`: :math:`f_t(x) = Cx` if t mod 3 = 1 else :math:`-x` on [-1, 1]
  (Reddi, Kale & Kumar, ICLR 2018, §3) and :func:`reddi_stochastic`, its stochastic version.

>>> p = rosenbrock_tutorial()
>>> bool(np.all(p.grad(np.array([1.0, 1.0]), 1) == 0)), float(p.f(np.array([0.0, 0.0])))
(True, 1.0)
>>> r = reddi_online(3.0)
>>> [float(r.grad(np.array(0.0), t)) for t in (1, 2, 3, 4)]
[3.0, -1.0, -1.0, 3.0]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from adaproof.numerics import validate as v


@dataclass(frozen=True)
class Problem:
    """A test problem. ``x_star``: the minimiser (of the average loss for online ones)."""

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray, int], np.ndarray]
    event_ndim: int
    project: Callable[[np.ndarray], np.ndarray] | None = None
    x_star: Any = None
    data: dict[str, Any] = field(default_factory=dict)


def _x(x: Any) -> np.ndarray:
    return v.as_params(x)


def quadratic(scale: Any = 1.0) -> Problem:
    r""":math:`f(x) = \sum_i a_i x_i^2`, :math:`\nabla f = 2 a \odot x`; ``scale`` = a.

    A scalar ``scale`` gives a scalar problem (event_ndim 0); a 1-D one a vector problem
    whose last axis has ``len(scale)`` coordinates.

    >>> quadratic(10.0).grad(np.array([1.0, 2.0]), 1).tolist()
    [20.0, 40.0]
    """
    a = np.asarray(scale, dtype=np.float64)
    if a.ndim > 1:
        raise ValueError(f"scale must be a number or a 1-D array, got shape {a.shape}")
    v.positive("scale", a)
    if a.ndim == 0:

        def f(x: Any) -> np.ndarray:
            x = _x(x)
            return a.astype(x.dtype) * x * x

        def grad(x: Any, t: int = 1) -> np.ndarray:
            x = _x(x)
            return 2 * a.astype(x.dtype) * x

        return Problem(f"quadratic({float(a):g})", f, grad, 0, x_star=0.0)

    def fv(x: Any) -> np.ndarray:
        x = _x(x)
        return np.sum(a.astype(x.dtype) * x * x, axis=-1)

    def gv(x: Any, t: int = 1) -> np.ndarray:
        x = _x(x)
        return 2 * a.astype(x.dtype) * x

    return Problem("quadratic", fv, gv, 1, x_star=np.zeros(a.shape))


def rosenbrock_tutorial() -> Problem:
    r""":math:`f(x, y) = (1-x)^2 + 10(y-x^2)^2` (seed 000); minimum 0 at (1, 1).

    .. math:: \nabla f = \bigl(-2(1-x) - 40x(y-x^2),\; 20(y-x^2)\bigr)
    """

    def f(p: Any) -> np.ndarray:
        p = _x(p)
        x, y = p[..., 0], p[..., 1]
        return (1 - x) ** 2 + 10 * (y - x * x) ** 2

    def grad(p: Any, t: int = 1) -> np.ndarray:
        p = _x(p)
        x, y = p[..., 0], p[..., 1]
        r = y - x * x
        return np.stack([-2 * (1 - x) - 40 * x * r, 20 * r], axis=-1)

    return Problem("rosenbrock_tutorial", f, grad, 1, x_star=np.array([1.0, 1.0]))


def _log1pexp(z: np.ndarray) -> np.ndarray:
    return np.logaddexp(0, z)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.exp(-np.logaddexp(0, -z))


def sparse_logistic(
    n: int = 500,
    d: int = 5,
    *,
    rare_rate: float = 0.02,
    signal: float = 0.2,
    seed: int = 0,
    batch_size: int | None = None,
) -> Problem:
    r"""Mean logistic loss :math:`\frac1n\sum_i \log(1+e^{-y_i w^\top x_i})`, labels ±1.

    Columns 0..d-2 are dense :math:`\mathcal N(\text{signal}\cdot y, 1)` features (weakly
    informative); column d-1 is the *rare* feature: :math:`x_{i,d-1} = y_i` with
    probability ``rare_rate`` and 0 otherwise, so it is perfectly informative when present
    but its gradient coordinate is almost always zero (seed 002 §1). Data are drawn from
    ``seed``. With ``batch_size`` the gradient at step t is a minibatch estimate drawn from
    ``default_rng([seed, t])`` (reproducible, independent of call order).
    """
    v.count("n", n)
    v.count("d", d)
    if not 0 < rare_rate <= 1:
        raise ValueError(f"rare_rate must be in (0, 1], got {rare_rate}")
    rng = np.random.default_rng(seed)
    y = rng.choice(np.array([-1.0, 1.0]), size=n)
    X = rng.standard_normal((n, d)) + signal * y[:, None]
    X[:, -1] = np.where(rng.random(n) < rare_rate, y, 0.0)
    if batch_size is not None:
        v.count("batch_size", batch_size)

    def f(w: Any) -> np.ndarray:
        w = _x(w)
        z = (w @ X.T.astype(w.dtype)) * y.astype(w.dtype)
        return np.mean(_log1pexp(-z), axis=-1)

    def grad(w: Any, t: int = 1) -> np.ndarray:
        w = _x(w)
        if batch_size is None:
            Xb, yb = X, y
        else:
            idx = np.random.default_rng([seed, t]).integers(0, n, size=batch_size)
            Xb, yb = X[idx], y[idx]
        Xb, yb = Xb.astype(w.dtype), yb.astype(w.dtype)
        z = (w @ Xb.T) * yb
        coef = -yb * _sigmoid(-z) / yb.shape[0]
        return coef @ Xb

    return Problem("sparse_logistic", f, grad, 1, data={"X": X, "y": y, "rare_column": d - 1})


def sigmoid_neuron(X: Any = (0.5, 2.5), Y: Any = (0.2, 0.9)) -> Problem:
    r"""One sigmoid neuron, squared error summed over points (seed 004's slides).

    Parameters on the last axis are :math:`(w_1, \dots, w_k, b)`;
    :math:`f(x) = \sigma(w^\top x + b)`, loss :math:`\sum_i \tfrac12 (f(x_i) - y_i)^2`,

    .. math:: \nabla_w = \sum_i (f(x_i) - y_i) f(x_i)(1 - f(x_i))\, x_i, \qquad
              \nabla_b = \sum_i (f(x_i) - y_i) f(x_i)(1 - f(x_i)).

    ``X`` has shape (n,) or (n, k). The default two points are illustrative (the seed gives
    the rule, not data).

    >>> p = sigmoid_neuron()
    >>> p.grad(np.array([0.0, 0.0]), 1).round(4).tolist()
    [-0.2125, -0.025]
    """
    Xa = np.asarray(X, dtype=np.float64)
    Xa = Xa[:, None] if Xa.ndim == 1 else Xa
    Ya = np.asarray(Y, dtype=np.float64)
    if Xa.ndim != 2 or Ya.shape != (Xa.shape[0],):
        raise ValueError(f"X must be (n,) or (n, k) and Y (n,), got {Xa.shape} and {Ya.shape}")

    def _out(p: np.ndarray) -> np.ndarray:
        w, b = p[..., :-1], p[..., -1:]
        return _sigmoid(w @ Xa.T.astype(p.dtype) + b)

    def f(p: Any) -> np.ndarray:
        p = _x(p)
        return 0.5 * np.sum((_out(p) - Ya.astype(p.dtype)) ** 2, axis=-1)

    def grad(p: Any, t: int = 1) -> np.ndarray:
        p = _x(p)
        o = _out(p)
        r = (o - Ya.astype(p.dtype)) * o * (1 - o)
        return np.concatenate([r @ Xa.astype(p.dtype), r.sum(axis=-1, keepdims=True)], axis=-1)

    return Problem("sigmoid_neuron", f, grad, 1, data={"X": Xa, "Y": Ya})


def _box(x: np.ndarray) -> np.ndarray:
    return np.clip(x, -1, 1)


def reddi_online(C: float = 3.0) -> Problem:
    r"""Reddi et al. (ICLR 2018) §3: :math:`f_t(x) = Cx` if :math:`t \bmod 3 = 1`, else
    :math:`-x`, on :math:`\mathcal F = [-1, 1]` (projection ``project``), C > 2.

    ``f`` is the average loss over a period, :math:`\frac{C-2}{3}x`, minimised at x = -1.
    Their Adam (β₁ = 0, β₂ = 1/(1+C²), α_t = α/√t, no bias correction, no ε) drifts to +1.
    """
    if not C > 2:
        raise ValueError(f"C must be > 2, got {C}")

    def f(x: Any) -> np.ndarray:
        x = _x(x)
        return (C - 2) / 3 * x

    def grad(x: Any, t: int) -> np.ndarray:
        x = _x(x)
        return np.full_like(x, C if t % 3 == 1 else -1.0)

    return Problem(f"reddi_online({C:g})", f, grad, 0, project=_box, x_star=-1.0)


def reddi_stochastic(C: float = 3.0, delta: float = 0.1, *, seed: int = 0) -> Problem:
    r"""Reddi et al. (ICLR 2018) §3, stochastic: :math:`f_t(x) = Cx` with probability
    :math:`p = (1+\delta)/(C+1)`, else :math:`-x`, on [-1, 1].

    :math:`\mathbb E f_t(x) = \delta x` (minimised at x = -1). Every batch element draws its
    own sequence; step t uses ``default_rng([seed, t])`` (reproducible).
    """
    if not C > 2:
        raise ValueError(f"C must be > 2, got {C}")
    p = (1 + delta) / (C + 1)
    if not (delta > 0 and p <= 1):
        raise ValueError(f"delta must be > 0 with (1 + delta)/(C + 1) <= 1, got {delta}")

    def f(x: Any) -> np.ndarray:
        x = _x(x)
        return delta * x

    def grad(x: Any, t: int) -> np.ndarray:
        x = _x(x)
        u = np.random.default_rng([seed, t]).random(x.shape)
        return np.where(u < p, C, -1.0).astype(x.dtype)

    return Problem(
        f"reddi_stochastic({C:g}, {delta:g})",
        f,
        grad,
        0,
        project=_box,
        x_star=-1.0,
        data={"p": p},
    )


__all__ = [
    "Problem",
    "quadratic",
    "reddi_online",
    "reddi_stochastic",
    "rosenbrock_tutorial",
    "sigmoid_neuron",
    "sparse_logistic",
]
