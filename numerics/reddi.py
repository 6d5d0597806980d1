r"""Reddi, Kale & Kumar (ICLR 2018) §3: Adam and AMSGrad on their online counterexample.

The game: :math:`f_t(x) = Cx` if :math:`t \bmod 3 = 1`, else :math:`-x`, on
:math:`\mathcal F = [-1, 1]` (:func:`numerics.problems.reddi_online`), C > 2, whose average
loss :math:`\frac{C-2}{3}x` is minimised at :math:`x^\star = -1`. Their settings: β₁ = 0,
β₂ = 1/(1+C²), :math:`\alpha_t = \alpha/\sqrt t`, no bias correction, no ε, :math:`x_1 = 1`,
projection after each step. Adam (and AMSGrad, ``amsgrad=True``: the running max of the raw
:math:`v_t`) are the real steps of :mod:`numerics.adam`, run by :func:`numerics.run.minimize`
with the schedule :math:`t^{-1/2}`.

The regret of the linear losses against the best fixed point in hindsight is
:math:`R_T = \sum_{t\le T} g_t x_t + |\sum_{t\le T} g_t|`; for C > 2 the partial sums of the
gradients are positive, so that point is :math:`x^\star = -1`.

>>> run = play(3.0, 0.5, 30)
>>> float(run.x[0]), run.x.shape, run.g[:4].tolist()
(1.0, (31,), [3.0, -1.0, -1.0, 3.0])
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from adaproof.numerics import validate as v
from adaproof.numerics.problems import reddi_online
from adaproof.numerics.run import minimize

__all__ = ["ReddiRun", "average_regret", "play"]


class ReddiRun(NamedTuple):
    """One played game: iterates ``x`` (x_1 … x_{T+1}, shape (T+1,)), the gradients ``g``
    (g_1 … g_T) and ``avg_regret`` R_t/t for t = 1 … T."""

    x: np.ndarray
    g: np.ndarray
    avg_regret: np.ndarray

    @property
    def final(self) -> float:
        """The last iterate x_{T+1}."""
        return float(self.x[-1])


def average_regret(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    r"""R_t/t, t = 1 … T, of the linear losses :math:`g_t x` played at ``x[:-1]`` against the
    best fixed point of [-1, 1] in hindsight: :math:`R_t = \sum g_\tau x_\tau + |\sum g_\tau|`."""
    x, g = np.asarray(x, dtype=np.float64), np.asarray(g, dtype=np.float64)
    if x.shape != (g.size + 1,):
        raise ValueError(f"x must have one more entry than g, got {x.shape} and {g.shape}")
    played = np.cumsum(g * x[:-1])
    best = -np.abs(np.cumsum(g))
    return (played - best) / np.arange(1, g.size + 1)


def play(
    C: float = 3.0, alpha: float = 0.5, steps: int = 3000, *, amsgrad: bool = False
) -> ReddiRun:
    """Adam (or AMSGrad) with Reddi et al.'s settings on their game, from x_1 = 1."""
    v.scalar("alpha", alpha)
    if not alpha > 0:
        raise ValueError(f"alpha must be positive, got {alpha}")
    v.count("steps", steps)
    problem = reddi_online(C)  # validates C > 2
    tr = minimize(
        "adam",
        problem,
        np.array([1.0]),
        steps,
        lr=alpha,
        beta1=0.0,
        beta2=1.0 / (1.0 + C * C),
        eps=0.0,
        bias_correction=False,
        amsgrad=amsgrad,
        amsgrad_max="raw",
        schedule=lambda t: t**-0.5,
    )
    x = tr.x[:, 0]
    g = np.array([problem.grad(x[t - 1 : t], t)[0] for t in range(1, steps + 1)])
    return ReddiRun(x, g, average_regret(x, g))
