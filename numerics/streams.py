r"""Gradient streams of shape (T, *batch) to feed an optimizer (:func:`numerics.run.feed`).

- :func:`iid`: :math:`g_t \sim \mathcal N(\mu, \sigma^2)` i.i.d. (the setting of the moment
  derivations of seed 002/004), from an explicit ``numpy.random.Generator``;
- :func:`constant`: :math:`g_t = g`; :func:`alternating`: :math:`g, -g, g, \dots`;
- :func:`spike`: zero except :math:`g_{t_0} = h`;
- :func:`geometric`: :math:`g_t = g_1 r^{t-1}` (growth r > 1, decay r < 1: the sequences
  attaining the worst-case ratio :math:`|\hat m_t|/\sqrt{\hat v_t}`).

``g`` arguments may be arrays: the result is (T, *g.shape) (a batch of streams).

>>> constant(2.0, 3).tolist()
[2.0, 2.0, 2.0]
>>> alternating(1.0, 4).tolist()
[1.0, -1.0, 1.0, -1.0]
>>> spike(4, t0=2, height=5.0).tolist()
[0.0, 5.0, 0.0, 0.0]
>>> geometric(3, g1=1.0, ratio=2.0).tolist()
[1.0, 2.0, 4.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np
from adaproof.numerics import validate as v


def _shape(batch: Any) -> tuple[int, ...]:
    if batch is None:
        return ()
    if isinstance(batch, int | np.integer):
        return (int(batch),)
    return tuple(int(b) for b in batch)


def _t(T: int, dtype: Any, shape: tuple[int, ...]) -> np.ndarray:
    v.count("T", T)
    return np.arange(T, dtype=dtype).reshape((T,) + (1,) * len(shape))


def iid(
    rng: np.random.Generator,
    T: int,
    batch: Any = (),
    mu: Any = 0.0,
    sigma: Any = 1.0,
    *,
    dtype: Any = np.float64,
) -> np.ndarray:
    """``T`` i.i.d. normal gradients per batch element, mean ``mu``, std ``sigma``.

    ``mu``/``sigma`` may be arrays broadcasting over ``batch``. The normals are drawn in
    float64 and rounded once to ``dtype``.

    >>> iid(np.random.default_rng(0), 5, (2, 3)).shape
    (5, 2, 3)
    """
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    v.count("T", T)
    v.finite("mu", mu)
    v.nonnegative("sigma", sigma)
    shape = (T, *_shape(batch))
    z = rng.standard_normal(shape)
    return (np.asarray(mu) + np.asarray(sigma) * z).astype(dtype, copy=False)


def constant(g: Any, T: int, *, dtype: Any = None) -> np.ndarray:
    """:math:`g_t = g` for t = 1..T; shape (T, *g.shape)."""
    v.count("T", T)
    a = np.asarray(g, dtype=dtype if dtype is not None else None)
    if a.dtype.kind != "f":
        a = a.astype(np.float64)
    return np.broadcast_to(a, (T, *a.shape)).copy()


def alternating(g: Any, T: int, *, dtype: Any = None) -> np.ndarray:
    """:math:`g_t = (-1)^{t-1} g`: g, -g, g, …"""
    out = constant(g, T, dtype=dtype)
    out[1::2] *= -1
    return out


def spike(
    T: int, *, t0: int, height: Any = 1.0, base: Any = 0.0, dtype: Any = np.float64
) -> np.ndarray:
    """``base`` everywhere except :math:`g_{t_0}` = ``height`` (t0 counted from 1)."""
    v.count("t0", t0)
    if t0 > T:
        raise ValueError(f"t0 must be <= T = {T}, got {t0}")
    h = np.asarray(height, dtype=dtype)
    out = np.broadcast_to(np.asarray(base, dtype=dtype), (T, *h.shape)).copy()
    out[t0 - 1] = h
    return out


def geometric(T: int, *, g1: Any = 1.0, ratio: Any, dtype: Any = np.float64) -> np.ndarray:
    """:math:`g_t = g_1 r^{t-1}`; ``g1`` and ``ratio`` broadcast into the batch."""
    g = np.asarray(g1, dtype=dtype)
    r = np.asarray(ratio, dtype=dtype)
    v.finite("ratio", r)
    shape = np.broadcast_shapes(g.shape, r.shape)
    return g * r ** _t(T, dtype, shape)


__all__ = ["alternating", "constant", "geometric", "iid", "spike"]
