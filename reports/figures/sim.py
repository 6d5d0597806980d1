"""The simulations behind the figures: thin adapters over :mod:`numerics`.

Every number a figure plots as "simulated" or "measured" comes through here
from the real recursions (:func:`numerics.run.feed`, :func:`numerics.run.minimize`,
:func:`numerics.montecarlo.ema_moments`); nothing here computes a closed form.
Keeping the calls in one module keeps the figure modules about drawing.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def feed(name: str, grads: np.ndarray, **hyper: Any) -> Any:
    """Run optimizer ``name`` on the gradient stream ``grads`` (T, *batch): a History."""
    from numerics.run import feed as _feed

    return _feed(name, np.asarray(grads, dtype=np.float64), **hyper)


def adam_states(grads: np.ndarray, **hyper: Any) -> dict[str, np.ndarray]:
    """Adam's named states ("m", "m_hat", "v", "v_hat", …), each (T, *batch)."""
    return dict(feed("adam", grads, **hyper).states)


def minimize(name: str, grad_fn: Any, x0: np.ndarray, steps: int, **hyper: Any) -> Any:
    """Run optimizer ``name`` from ``x0`` on ``grad_fn(x, t)`` or a Problem: a Trajectory."""
    from numerics.run import minimize as _minimize

    return _minimize(name, grad_fn, np.asarray(x0, dtype=np.float64), steps, **hyper)


def moments(beta: float, T: int, B: int, *, mu: float, sigma: float, seed: int) -> dict[str, Any]:
    """Monte Carlo moments of m_t and m̂_t over B i.i.d. gradient streams, t = 1..T."""
    from numerics.montecarlo import ema_moments

    return _as_dict(ema_moments(beta, T, B, mu=mu, sigma=sigma, seed=seed))


def _as_dict(result: Any) -> dict[str, Any]:
    if isinstance(result, dict):
        return dict(result)
    if hasattr(result, "_asdict"):
        return dict(result._asdict())
    return dict(vars(result))
