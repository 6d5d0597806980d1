r"""Online linear losses played by projected adaptive gradient descent, and their regret.

The regret bounds of AdaGrad (Duchi, Hazan & Singer 2011, Theorem 5; Cutkosky's
lecture notes 9, Theorems 2 and 3) hold for *any* sequence of gradients, chosen
by an adversary who sees the iterate. This module plays such sequences:

.. math::

    \eta_t[i] = \frac{c}{\sqrt{\sum_{\tau \le t} g_\tau[i]^2}}, \qquad
    w_{t+1} = \Pi_{\|w\|_\infty \le D}\bigl(w_t - \eta_t \odot g_t\bigr)
    \quad\text{(per coordinate)}

or, with ``norm="l2"``, one rate :math:`c/\sqrt{\sum_{\tau\le t}\|g_\tau\|^2}` and
projection onto the Euclidean ball of radius :math:`D`. A coordinate (or a run)
whose gradients have all been zero so far does not move (the rate times a zero
gradient is taken as zero rather than 0/0).

The regret against the best fixed point of the set is
:math:`\sum_t \langle g_t, w_t\rangle + D\|\sum_t g_t\|_*` (dual norm: ℓ1 for the
box, ℓ2 for the ball).

>>> import numpy as np
>>> g = np.ones((1, 4, 1))
>>> run_fixed(g, D=1.0, c=np.sqrt(2.0)).w[0, :, 0].round(3).tolist()
[0.0, -1.0, -1.0, -1.0]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

NORMS = ("linf", "l2")


class Play(NamedTuple):
    """A played game: iterates ``w`` (batch, T, d), gradients ``g`` and the regret."""

    w: np.ndarray
    g: np.ndarray
    regret: np.ndarray  # (batch,)
    scale: np.ndarray  # (batch,) the bound's gradient term: sum_i sqrt(G_i) or sqrt(G)


def _check(D: float, c: float, norm: str) -> None:
    if not D > 0:
        raise ValueError(f"D must be positive, got {D}")
    if not c > 0:
        raise ValueError(f"c must be positive, got {c}")
    if norm not in NORMS:
        raise ValueError(f"norm must be one of {NORMS}, got {norm!r}")


def _project(w: np.ndarray, D: float, norm: str) -> np.ndarray:
    if norm == "linf":
        return np.clip(w, -D, D)
    r = np.linalg.norm(w, axis=-1, keepdims=True)
    return w * np.minimum(1.0, D / np.maximum(r, np.finfo(w.dtype).tiny))


def _step(w, g, acc, D, c, norm):
    if norm == "linf":
        acc = acc + g * g
        denom = np.sqrt(acc)
    else:
        acc = acc + np.sum(g * g, axis=-1, keepdims=True)
        denom = np.sqrt(acc)
    safe = np.where(denom > 0, denom, 1.0)
    step = np.where(denom > 0, c * g / safe, 0.0)
    return _project(w - step, D, norm), acc


def run_online(
    adversary: Callable[[int, np.ndarray], np.ndarray],
    T: int,
    *,
    batch: int,
    dim: int,
    D: float,
    c: float,
    norm: str = "linf",
    w1: np.ndarray | None = None,
) -> Play:
    """Play ``T`` rounds; ``adversary(t, w_t)`` returns g_t (batch, dim) seeing w_t.

    ``t`` counts from 0. ``w1`` (batch, dim) defaults to the origin.
    """
    _check(D, c, norm)
    if T < 1 or batch < 1 or dim < 1:
        raise ValueError(f"T, batch and dim must be >= 1, got {T}, {batch}, {dim}")
    w = np.zeros((batch, dim)) if w1 is None else _project(np.asarray(w1, float), D, norm)
    acc = np.zeros((batch, dim if norm == "linf" else 1))
    ws = np.empty((batch, T, dim))
    gs = np.empty((batch, T, dim))
    for t in range(T):
        g = np.asarray(adversary(t, w), dtype=float)
        if g.shape != (batch, dim):
            raise ValueError(f"adversary returned shape {g.shape}, expected {(batch, dim)}")
        ws[:, t], gs[:, t] = w, g
        w, acc = _step(w, g, acc, D, c, norm)
    return _score(ws, gs, D, norm)


def run_fixed(
    g: np.ndarray, *, D: float, c: float, norm: str = "linf", w1: np.ndarray | None = None
) -> Play:
    """Play a fixed gradient sequence ``g`` of shape (batch, T, dim) from ``w1`` (origin)."""
    g = np.asarray(g, dtype=float)
    if g.ndim != 3:
        raise ValueError(f"g must have shape (batch, T, dim), got {g.shape}")
    return run_online(
        lambda t, w: g[:, t],
        g.shape[1],
        batch=g.shape[0],
        dim=g.shape[2],
        D=D,
        c=c,
        norm=norm,
        w1=w1,
    )


def _score(ws: np.ndarray, gs: np.ndarray, D: float, norm: str) -> Play:
    total = gs.sum(axis=1)
    played = np.einsum("btd,btd->b", gs, ws)
    if norm == "linf":
        best = -D * np.abs(total).sum(axis=-1)
        scale = np.sqrt((gs * gs).sum(axis=1)).sum(axis=-1)
    else:
        best = -D * np.linalg.norm(total, axis=-1)
        scale = np.sqrt((gs * gs).sum(axis=(1, 2)))
    return Play(ws, gs, played - best, scale)


def sum_to_integral_terms(g: np.ndarray) -> np.ndarray:
    r"""AdaGrad's :math:`\sum_t g_t^2/\sqrt{\sum_{\tau\le t} g_\tau^2}` along the last axis.

    Accumulated step by step (the running sum is the AdaGrad accumulator); terms
    with a zero accumulator contribute zero.

    >>> round(float(sum_to_integral_terms(np.ones(2))), 6)
    1.707107
    """
    g = np.asarray(g, dtype=float)
    acc = np.zeros(g.shape[:-1])
    out = np.zeros(g.shape[:-1])
    for t in range(g.shape[-1]):
        sq = g[..., t] ** 2
        acc = acc + sq
        out = out + np.where(acc > 0, sq / np.sqrt(np.where(acc > 0, acc, 1.0)), 0.0)
    return out


__all__ = ["NORMS", "Play", "run_fixed", "run_online", "sum_to_integral_terms"]
