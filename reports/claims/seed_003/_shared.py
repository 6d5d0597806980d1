"""Runs shared by several sections of the course page's claims: Example 1 (AdaGrad on
f = 10x²) and Example 2 (AdaGrad and RMSprop on f = x²), the accumulators, Adam's first
moments. The page puts ε inside the root, η/√(G_k + ε); the runs do the same. The runs of
Examples 1 and 2 live in :mod:`adaproof.reports.simulate` (the long_run_quadratic figure draws
Example 2's)."""

from __future__ import annotations

import numpy as np
from adaproof.reports import simulate
from adaproof.reports.simulate import adagrad_minimize, rmsprop_minimize
from adaproof.reports.simulate import course_example1 as example1
from adaproof.reports.simulate import course_example2 as example2

__all__ = [
    "adagrad_history",
    "adagrad_minimize",
    "adam_first_moments",
    "example1",
    "example2",
    "rmsprop_history",
    "rmsprop_minimize",
]


def adagrad_history(g: np.ndarray) -> np.ndarray:
    """AdaGrad's G_k along the last axis (numerics AdaGrad on the stream)."""
    G, _ = simulate.adagrad(g)
    return G


def rmsprop_history(g: np.ndarray, rho: float) -> np.ndarray:
    """RMSprop's G_k along the last axis: the EMA of g² with parameter rho (numerics)."""
    return simulate.ema(np.asarray(g, dtype=float) ** 2, beta=rho)


def adam_first_moments(g: float) -> tuple[float, float]:
    """m_1 and v_1 of Adam (0.9, 0.999) after one gradient g (the EMAs, numerics)."""
    m = simulate.ema(np.array([[g]]), beta=0.9)[0, 0]
    v = simulate.ema(np.array([[g * g]]), beta=0.999)[0, 0]
    return float(m), float(v)
