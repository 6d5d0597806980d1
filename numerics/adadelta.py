r"""AdaDelta (Zeiler, 2012, arXiv:1212.5701, Algorithm 1).

.. math::

    E[g^2]_t &= \rho E[g^2]_{t-1} + (1-\rho) g_t^2\\
    \Delta x_t &= -\frac{\sqrt{E[\Delta x^2]_{t-1} + \varepsilon}}
                        {\sqrt{E[g^2]_t + \varepsilon}}\, g_t\\
    E[\Delta x^2]_t &= \rho E[\Delta x^2]_{t-1} + (1-\rho) \Delta x_t^2, \qquad
    x_t = x_{t-1} + \alpha\,\Delta x_t

``rho`` = ρ (paper 0.95; PyTorch/optax 0.9), ``eps`` = ε (1e-6), ``lr`` = α (1 in the paper
and PyTorch: the paper has no learning rate). As in PyTorch and optax, the accumulator
:math:`E[\Delta x^2]` stores the *unscaled* :math:`\Delta x_t`; α only scales the move.
``weight_decay`` is L2.

>>> import numpy as np
>>> x, s = np.array([0.0]), init(np.array([0.0]))
>>> x, s = step(x, np.array([1.0]), s, rho=0.5, eps=1e-6)
>>> round(float(x[0]), 9)  # -sqrt(eps)/sqrt(0.5 + eps)
-0.001414212
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from adaproof.numerics import validate as v

DEFAULTS: dict[str, Any] = {"lr": 1.0, "rho": 0.95, "eps": 1e-6, "weight_decay": 0.0}
CHECKS = {
    "lr": v.positive,
    "rho": v.unit_interval,
    "eps": v.nonnegative,
    "weight_decay": v.nonnegative,
}


class State(NamedTuple):
    """``v`` = E[g²] and ``u`` = E[Δx²]."""

    count: int
    v: np.ndarray
    u: np.ndarray


def init(params: Any, **hyper: Any) -> State:
    """Both accumulators start at 0."""
    p = v.as_params(params)
    v.resolve(DEFAULTS, hyper, p, checks=CHECKS)
    return State(0, np.zeros_like(p), np.zeros_like(p))


def step(params: Any, grads: Any, state: State, **hyper: Any) -> tuple[np.ndarray, State]:
    """One step; returns ``(new_params, new_state)`` without touching the inputs."""
    p, g, h, _ = v.prepare(params, grads, hyper, DEFAULTS, checks=CHECKS)
    v.check_state(state, State, p, "adadelta")
    rho, d, eps = h["rho"], h["1-rho"], h["eps"]  # d = 1 - rho rounded once (validate.resolve)
    vv = state.v * rho + d * (g * g)
    delta = np.sqrt(state.u + eps) / np.sqrt(vv + eps) * g
    u = state.u * rho + d * (delta * delta)
    return p - h["lr"] * delta, State(state.count + 1, vv, u)


def describe(state: State, **hyper: Any) -> dict[str, np.ndarray]:
    """``v`` = E[g²], ``u`` = E[Δx²]."""
    return {"v": state.v, "u": state.u}


__all__ = ["CHECKS", "DEFAULTS", "State", "describe", "init", "step"]
