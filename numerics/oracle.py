r"""The papers' algorithms at 50 significant digits (mpmath), one coordinate at a time.

An independent implementation for the parity tests: plain Python loops over ``mpmath.mpf``
written from the papers, not from :mod:`numerics`' vectorised code. Every optimizer here
acts coordinatewise, so :func:`run` applies the scalar recursion to each column of a
gradient stream of shape (T, n). Hyperparameters are converted with ``mpf(float)``, i.e.
the exact binary value a float64 run uses, so a float64 run differs from the oracle only
by its own rounding.

- ``adam``: Kingma & Ba (2015) Algorithm 1, :math:`x \leftarrow x - \alpha\hat m_t/
  (\sqrt{\hat v_t}+\varepsilon)`.
- ``adagrad``: Duchi et al. (2011), :math:`x \leftarrow x - \alpha g_t/(\sqrt{G_t} +
  \varepsilon)`.
- ``rmsprop``: Tieleman & Hinton (2012), :math:`x \leftarrow x - \alpha g_t/(\sqrt{v_t} +
  \varepsilon)`.
- ``adadelta``: Zeiler (2012) Algorithm 1.
- ``adamax``: Kingma & Ba (2015) Algorithm 2 (no ε).
- ``amsgrad``: Reddi et al. (2018) Algorithm 2: max of raw :math:`v_t`, no bias correction,
  no ε, :math:`\alpha_t = \alpha/\sqrt t` when ``sqrt_decay=True``.
- ``nadam``: Dozat (2016) with :math:`\mu_t = \beta_1(1-\frac12 0.96^{t\psi})`; ``m_decay``
  "beta1" (PyTorch/Keras) or "schedule" (:math:`\mu_t` in the moment).

>>> import numpy as np
>>> xs = run("adam", np.array([[2.0]]), x0=0.0, lr=0.1, eps=0.0)
>>> float(xs[1, 0])
-0.1
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import mpmath
import numpy as np

DPS = 50


def _mp(x: Any) -> mpmath.mpf:
    return mpmath.mpf(float(x))


def _bc(beta: mpmath.mpf, t: int) -> mpmath.mpf:
    return 1 - beta**t


def ema(xs: Sequence[Any], beta: float, x0: float = 0.0) -> list:
    r""":math:`m_t = \beta m_{t-1} + (1-\beta) x_t` for t = 1..n (returns m_1..m_n)."""
    b, m, out = _mp(beta), _mp(x0), []
    for x in map(_mp, xs):
        m = b * m + (1 - b) * x
        out.append(m)
    return out


def adam(
    gs: Sequence[Any],
    x0: Any,
    *,
    lr: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> list:
    """Kingma & Ba (2015), Algorithm 1."""
    a, b1, b2, e = map(_mp, (lr, beta1, beta2, eps))
    x, m, v, out = _mp(x0), mpmath.mpf(0), mpmath.mpf(0), [_mp(x0)]
    for t, g in enumerate(map(_mp, gs), start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        x = x - a * (m / _bc(b1, t)) / (mpmath.sqrt(v / _bc(b2, t)) + e)
        out.append(x)
    return out


def adagrad(
    gs: Sequence[Any], x0: Any, *, lr: float = 1e-2, eps: float = 1e-10, initial: float = 0.0
) -> list:
    """Duchi, Hazan & Singer (2011), diagonal AdaGrad with δ = ε outside the root."""
    a, e = _mp(lr), _mp(eps)
    x, G, out = _mp(x0), _mp(initial), [_mp(x0)]
    for g in map(_mp, gs):
        G = G + g * g
        x = x - a * g / (mpmath.sqrt(G) + e)
        out.append(x)
    return out


def rmsprop(
    gs: Sequence[Any], x0: Any, *, lr: float = 1e-2, rho: float = 0.9, eps: float = 1e-8
) -> list:
    """Tieleman & Hinton (2012): divide the gradient by the root of its running mean square."""
    a, r, e = _mp(lr), _mp(rho), _mp(eps)
    x, v, out = _mp(x0), mpmath.mpf(0), [_mp(x0)]
    for g in map(_mp, gs):
        v = r * v + (1 - r) * g * g
        x = x - a * g / (mpmath.sqrt(v) + e)
        out.append(x)
    return out


def adadelta(gs: Sequence[Any], x0: Any, *, rho: float = 0.95, eps: float = 1e-6) -> list:
    """Zeiler (2012), Algorithm 1 (no learning rate)."""
    r, e = _mp(rho), _mp(eps)
    x, Eg, Ed, out = _mp(x0), mpmath.mpf(0), mpmath.mpf(0), [_mp(x0)]
    for g in map(_mp, gs):
        Eg = r * Eg + (1 - r) * g * g
        d = -mpmath.sqrt(Ed + e) / mpmath.sqrt(Eg + e) * g
        Ed = r * Ed + (1 - r) * d * d
        x = x + d
        out.append(x)
    return out


def adamax(
    gs: Sequence[Any], x0: Any, *, lr: float = 2e-3, beta1: float = 0.9, beta2: float = 0.999
) -> list:
    """Kingma & Ba (2015), Algorithm 2 (AdaMax); a zero u (all g = 0 so far) does not move."""
    a, b1, b2 = _mp(lr), _mp(beta1), _mp(beta2)
    x, m, u, out = _mp(x0), mpmath.mpf(0), mpmath.mpf(0), [_mp(x0)]
    for t, g in enumerate(map(_mp, gs), start=1):
        m = b1 * m + (1 - b1) * g
        u = max(b2 * u, abs(g))
        if u != 0:
            x = x - a / _bc(b1, t) * m / u
        out.append(x)
    return out


def amsgrad(
    gs: Sequence[Any],
    x0: Any,
    *,
    lr: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    sqrt_decay: bool = False,
) -> list:
    """Reddi, Kale & Kumar (2018), Algorithm 2 (no bias correction, no ε, no projection)."""
    a, b1, b2 = _mp(lr), _mp(beta1), _mp(beta2)
    x, m, v, vmax, out = _mp(x0), mpmath.mpf(0), mpmath.mpf(0), mpmath.mpf(0), [_mp(x0)]
    for t, g in enumerate(map(_mp, gs), start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        vmax = max(vmax, v)
        at = a / mpmath.sqrt(t) if sqrt_decay else a
        x = x - at * m / mpmath.sqrt(vmax)
        out.append(x)
    return out


def nadam(
    gs: Sequence[Any],
    x0: Any,
    *,
    lr: float = 2e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
    momentum_decay: float = 4e-3,
    m_decay: str = "beta1",
) -> list:
    """Dozat (2016) NAdam with the momentum schedule μ_t = β₁(1 − ½·0.96^{tψ})."""
    a, b1, b2, e, psi = map(_mp, (lr, beta1, beta2, eps, momentum_decay))
    c = _mp(0.96)

    def mu(t: int) -> mpmath.mpf:
        return b1 * (1 - c ** (t * psi) / 2)

    x, m, v, prod, out = _mp(x0), mpmath.mpf(0), mpmath.mpf(0), mpmath.mpf(1), [_mp(x0)]
    for t, g in enumerate(map(_mp, gs), start=1):
        d = mu(t) if m_decay == "schedule" else b1
        m = d * m + (1 - d) * g
        v = b2 * v + (1 - b2) * g * g
        prod = prod * mu(t)
        m_bar = (1 - mu(t)) * g / (1 - prod) + mu(t + 1) * m / (1 - prod * mu(t + 1))
        x = x - a * m_bar / (mpmath.sqrt(v / _bc(b2, t)) + e)
        out.append(x)
    return out


def ema_run(xs: Any, beta: float, x0: float = 0.0) -> np.ndarray:
    """:func:`ema` at 50 digits along axis 0 of ``xs`` (T, n), rounded once to float64.

    >>> ema_run(np.ones((2, 1)), 0.5)[:, 0].tolist()
    [0.5, 0.75]
    """
    a = np.asarray(xs, dtype=np.float64)
    cols = a.reshape(a.shape[0], -1)
    with mpmath.workdps(DPS):
        out = [[float(y) for y in ema(cols[:, j], beta, x0)] for j in range(cols.shape[1])]
    return np.array(out).T.reshape(a.shape)


ALGORITHMS: dict[str, Callable[..., list]] = {
    "adam": adam,
    "adagrad": adagrad,
    "rmsprop": rmsprop,
    "adadelta": adadelta,
    "adamax": adamax,
    "amsgrad": amsgrad,
    "nadam": nadam,
}


def run(name: str, grads: Any, *, x0: Any = 0.0, as_float: bool = True, **hyper: Any) -> Any:
    """Iterates (T+1, n) of algorithm ``name`` on the stream ``grads`` (T, n) at 50 digits.

    ``x0`` is a number or an (n,) array. Returns float64 (rounded once at the end) or, with
    ``as_float=False``, a list of columns of ``mpf``.
    """
    if name not in ALGORITHMS:
        raise ValueError(f"name must be one of {sorted(ALGORITHMS)}, got {name!r}")
    g = np.asarray(grads, dtype=np.float64)
    if g.ndim == 1:
        g = g[:, None]
    if g.ndim != 2:
        raise ValueError(f"grads must have shape (T, n), got {g.shape}")
    starts = np.broadcast_to(np.asarray(x0, dtype=np.float64), (g.shape[1],))
    with mpmath.workdps(DPS):
        cols = [ALGORITHMS[name](g[:, j], starts[j], **hyper) for j in range(g.shape[1])]
    if not as_float:
        return cols
    return np.array([[float(x) for x in col] for col in cols]).T


__all__ = ["ALGORITHMS", "DPS", "ema", "ema_run", "run", *ALGORITHMS]
