r"""AdaMax (Kingma & Ba, ICLR 2015, arXiv:1412.6980, §7.1, Algorithm 2).

.. math::

    m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t, \qquad
    u_t = \max(\beta_2 u_{t-1}, |g_t|), \qquad
    x_t = x_{t-1} - \frac{\alpha}{1-\beta_1^t}\,\frac{m_t}{u_t}

``lr`` = α (0.002 in the paper), ``beta1`` = β₁, ``beta2`` = β₂, ``eps`` = ε (**0**: the
paper has none). ``eps_on``: **"max"** gives :math:`u_t = \max(\beta_2 u_{t-1}, |g_t| +
\varepsilon)` (PyTorch, optax, ε = 1e-8 there); ``"denominator"`` divides by
:math:`u_t + \varepsilon` (Keras, ε = 1e-7). With ε = 0 both are the paper's.

With ε = 0, :math:`u_t = 0` only when every gradient so far was 0, and then
:math:`m_t = 0` too: that coordinate does not move (the step is taken as 0, not 0/0).
``weight_decay`` is L2.

>>> import numpy as np
>>> x, s = np.array([1.0]), init(np.array([1.0]))
>>> x, s = step(x, np.array([-4.0]), s)
>>> round(float(x[0]), 12)  # first step: alpha * sign(g)
1.002
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from adaproof.numerics import validate as v
from adaproof.numerics.precision import bias_correction_checked_d

DEFAULTS: dict[str, Any] = {
    "lr": 2e-3,
    "beta1": 0.9,
    "beta2": 0.999,
    "eps": 0.0,
    "eps_on": "max",
    "weight_decay": 0.0,
}
CHECKS = {
    "lr": v.positive,
    "beta1": v.unit_interval,
    "beta2": v.unit_interval,
    "eps": v.nonnegative,
    "eps_on": v.choice("max", "denominator"),
    "weight_decay": v.nonnegative,
}


class State(NamedTuple):
    """``m``: EMA of g; ``u``: the exponentially weighted infinity norm."""

    count: int
    m: np.ndarray
    u: np.ndarray


def init(params: Any, **hyper: Any) -> State:
    """:math:`m_0 = u_0 = 0`."""
    p = v.as_params(params)
    v.resolve(DEFAULTS, hyper, p, checks=CHECKS)
    return State(0, np.zeros_like(p), np.zeros_like(p))


def _ratio(m: np.ndarray, u: np.ndarray, h: dict) -> np.ndarray:
    den = u + h["eps"] if h["eps_on"] == "denominator" else u
    out = np.zeros_like(m)
    np.divide(m, den, out=out, where=den != 0)
    return out


def step(params: Any, grads: Any, state: State, **hyper: Any) -> tuple[np.ndarray, State]:
    """One step; returns ``(new_params, new_state)`` without touching the inputs."""
    p, g, h, _ = v.prepare(params, grads, hyper, DEFAULTS, checks=CHECKS)
    v.check_state(state, State, p, "adamax")
    t = state.count + 1
    b1 = h["beta1"]
    m = state.m * b1 + h["1-beta1"] * g
    a = np.abs(g) + h["eps"] if h["eps_on"] == "max" else np.abs(g)
    u = np.maximum(state.u * h["beta2"], a)
    lr_t = h["lr"] / bias_correction_checked_d(t, h["1-beta1"])
    return p - lr_t * _ratio(m, u, h), State(t, m, u)


def describe(state: State, **hyper: Any) -> dict[str, np.ndarray]:
    """``m``, ``u``, ``m_hat`` = m/(1-β₁ᵗ)."""
    h = v.resolve(DEFAULTS, hyper, state.m, checks=CHECKS)
    c1 = bias_correction_checked_d(max(state.count, 1), h["1-beta1"])
    return {"m": state.m, "u": state.u, "m_hat": state.m / c1}


__all__ = ["CHECKS", "DEFAULTS", "State", "describe", "init", "step"]
