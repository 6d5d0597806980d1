"""Simulations shared by the claims and the figures: the one bridge from reports to numerics.

Every number a claim or a figure calls "simulated" comes through here (or straight from
:func:`numerics.run.feed` / :func:`numerics.run.minimize`) from the real recursions; nothing
here evaluates a closed form. Runs that several claims or figures use are cached, so a claim
and a figure of the same quantity see the same run.

- :func:`ema_moments`: Monte Carlo moments of m, m̂, v, v̂ over i.i.d. Gaussian gradient
  streams (:func:`numerics.montecarlo.ema_moments`, the one Monte Carlo).
- :func:`reddi_game`: Adam and AMSGrad on Reddi et al.'s online counterexample
  (:func:`numerics.reddi.play`, the one Reddi game).
- :func:`adadelta_eps_runs`: AdaDelta on f = x² for several ε (its ε is a learning rate).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

__all__ = ["adadelta_eps_runs", "ema_moments", "reddi_game"]


@functools.cache
def ema_moments(
    beta: float,
    T: int,
    B: int,
    *,
    mu: float = 0.0,
    sigma: float = 1.0,
    seed: int = 0,
    beta2: float | None = None,
) -> Any:
    """Monte Carlo moments of m_t, m̂_t, v_t, v̂_t (t = 1..T) over ``B`` i.i.d.
    N(mu, sigma²) gradient streams: a :class:`numerics.montecarlo.Moments` with means,
    variances and their standard errors."""
    from adaproof.numerics.montecarlo import ema_moments as _ema_moments

    return _ema_moments(beta, T, B, mu=mu, sigma=sigma, seed=seed, beta2=beta2)


@functools.cache
def reddi_game(C: float = 3.0, alpha: float = 0.5, steps: int = 3000) -> dict[str, Any]:
    """Reddi et al.'s game played by Adam and by AMSGrad (:func:`numerics.reddi.play`):
    ``{"adam": ReddiRun, "amsgrad": ReddiRun}``."""
    from adaproof.numerics.reddi import play

    return {
        "adam": play(C, alpha, steps, amsgrad=False),
        "amsgrad": play(C, alpha, steps, amsgrad=True),
    }


@functools.cache
def adadelta_eps_runs(
    eps: tuple[float, ...] = (1e-8, 1e-6, 1e-4, 1e-2), rho: float = 0.95, steps: int = 1000
) -> dict[str, list[float]]:
    """AdaDelta (numerics) on f(x) = x² from x₀ = 10, one run per ε (a batch): the first
    step and the iterate after ``steps`` steps."""
    from adaproof.numerics.run import minimize

    e = np.array(eps)
    tr = minimize(
        "adadelta",
        lambda x, t: 2 * x,
        np.full(e.size, 10.0),
        steps,
        rho=rho,
        eps=e,
        event_ndim=0,
    )
    return {
        "eps": list(eps),
        "first_step": (10 - tr.x[1]).tolist(),
        "x_final": tr.x[-1].tolist(),
        "steps": steps,
    }
