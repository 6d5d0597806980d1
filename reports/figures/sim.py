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
    """Run optimizer ``name`` on the gradient stream ``grads`` (T, *batch): a History.

    A stream of shape (T,) runs as a batch of one and comes back with shape (T,):
    the figures never depend on how the optimizers treat 0-d parameters.
    """
    from adaproof.numerics.run import History
    from adaproof.numerics.run import feed as _feed

    g = np.asarray(grads, dtype=np.float64)
    if g.ndim > 1:
        return _feed(name, g, **hyper)
    h = _feed(name, g[:, None], **hyper)
    return History(h.x[:, 0], h.delta[:, 0], {k: v[:, 0] for k, v in h.states.items()})


def adam_states(grads: np.ndarray, **hyper: Any) -> dict[str, np.ndarray]:
    """Adam's named states ("m", "m_hat", "v", "v_hat", …), each (T, *batch)."""
    return dict(feed("adam", grads, **hyper).states)


def minimize(name: str, grad_fn: Any, x0: Any, steps: int, **hyper: Any) -> Any:
    """Run optimizer ``name`` from ``x0`` on ``grad_fn(x, t)`` or a Problem: a Trajectory.

    A scalar ``x0`` of a scalar problem runs as a batch of one and comes back scalar.
    """
    from adaproof.numerics.run import Trajectory
    from adaproof.numerics.run import minimize as _minimize

    x = np.asarray(x0, dtype=np.float64)
    if x.ndim:
        return _minimize(name, grad_fn, x, steps, **hyper)
    tr = _minimize(name, grad_fn, x[None], steps, event_ndim=0, **hyper)
    return Trajectory(tr.x[:, 0], tr.diverged[0], tr.diverged_at[0])


def moments(beta: float, T: int, B: int, *, mu: float, sigma: float, seed: int) -> dict[str, Any]:
    """Monte Carlo moments of m_t and m̂_t over B i.i.d. gradient streams, t = 1..T.

    Keys ``mean_m``, ``se_mean_m``, ``var_m``, ``se_var_m`` and the same for ``m_hat``
    (arrays of length T), from :func:`numerics.montecarlo.ema_moments`.
    """
    from adaproof.numerics.montecarlo import ema_moments

    r = ema_moments(beta, T, B, mu=mu, sigma=sigma, seed=seed)
    out: dict[str, Any] = {"B": r.B}
    for q in ("m", "m_hat"):
        out[f"mean_{q}"] = r.mean[q]
        out[f"se_mean_{q}"] = r.se_mean[q]
        out[f"var_{q}"] = r.var[q]
        out[f"se_var_{q}"] = r.se_var[q]
    return out
