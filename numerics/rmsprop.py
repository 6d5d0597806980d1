r"""RMSprop (Tieleman & Hinton, Coursera lecture 6.5, 2012), plain or centered, with momentum.

.. math::

    v_t &= \rho v_{t-1} + (1-\rho) g_t^2, \qquad
    \bar g_t = \rho \bar g_{t-1} + (1-\rho) g_t \quad\text{(centered only)}\\
    D_t &= \sqrt{v_t - [\bar g_t^2]_{\text{centered}}} + \varepsilon \quad
      \text{or} \quad \sqrt{v_t - [\bar g_t^2] + \varepsilon}\\
    b_t &= \mu b_{t-1} + g_t / D_t, \qquad x_t = x_{t-1} - \alpha b_t

(with μ = 0, simply :math:`x_t = x_{t-1} - \alpha g_t/D_t`). ``lr`` = α, ``rho`` = ρ
(0.9 in the lecture; PyTorch's ``alpha`` = 0.99), ``eps`` = ε, ``momentum`` = μ.
``centered=True`` is Graves (2013, arXiv:1308.0850) eq. (38–40), as PyTorch.
``eps_placement="outside"`` is :math:`\sqrt{v}+\varepsilon` (PyTorch);
``"inside"`` is :math:`\sqrt{v+\varepsilon}` (optax default, Keras). No bias correction;
:math:`v_0` = ``initial_accumulator_value`` (0 in PyTorch). ``weight_decay`` is L2.

>>> import numpy as np
>>> x, s = np.array([1.0]), init(np.array([1.0]))
>>> x, s = step(x, np.array([3.0]), s, lr=0.01, rho=0.9, eps=0.0)
>>> round(float(x[0]), 12)  # first step: alpha/sqrt(1 - rho) = 0.01/sqrt(0.1)
0.968377223398
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from adaproof.numerics import validate as v

DEFAULTS: dict[str, Any] = {
    "lr": 0.01,
    "rho": 0.9,
    "eps": 1e-8,
    "eps_placement": "outside",
    "centered": False,
    "momentum": 0.0,
    "initial_accumulator_value": 0.0,
    "weight_decay": 0.0,
}
CHECKS = {
    "lr": v.positive,
    "rho": v.unit_interval,
    "eps": v.nonnegative,
    "eps_placement": v.choice("outside", "inside"),
    "centered": v.flag,
    "momentum": v.unit_interval,
    "initial_accumulator_value": v.nonnegative,
    "weight_decay": v.nonnegative,
}


class State(NamedTuple):
    """``v``: EMA of g²; ``g_avg``: EMA of g (centered); ``b``: momentum buffer."""

    count: int
    v: np.ndarray
    g_avg: np.ndarray
    b: np.ndarray


def init(params: Any, **hyper: Any) -> State:
    """:math:`v_0` = ``initial_accumulator_value``; :math:`\\bar g_0 = b_0 = 0`."""
    p = v.as_params(params)
    h = v.resolve(DEFAULTS, hyper, p, checks=CHECKS)
    z = np.zeros_like(p)
    return State(0, z + h["initial_accumulator_value"], z, z.copy())


def _denominator(vv: np.ndarray, g_avg: np.ndarray, h: dict) -> np.ndarray:
    if h["centered"]:
        vv = vv - g_avg * g_avg
    if h["eps_placement"] == "inside":
        return np.sqrt(vv + h["eps"])
    return np.sqrt(vv) + h["eps"]


def step(params: Any, grads: Any, state: State, **hyper: Any) -> tuple[np.ndarray, State]:
    """One step; returns ``(new_params, new_state)`` without touching the inputs."""
    p, g, h, _ = v.prepare(params, grads, hyper, DEFAULTS, checks=CHECKS)
    v.check_state(state, State, p, "rmsprop")
    rho, d = h["rho"], h["1-rho"]  # 1 - rho from float64, rounded once (validate.resolve)
    vv = state.v * rho + d * (g * g)
    g_avg = state.g_avg * rho + d * g if h["centered"] else state.g_avg
    r = g / _denominator(vv, g_avg, h)
    if np.any(h["momentum"]):
        b = state.b * h["momentum"] + r
        return p - h["lr"] * b, State(state.count + 1, vv, g_avg, b)
    return p - h["lr"] * r, State(state.count + 1, vv, g_avg, state.b)


def describe(state: State, **hyper: Any) -> dict[str, np.ndarray]:
    """``v`` (and ``g_avg``, ``b``) and ``lr_eff`` = :math:`\\alpha/D_t`."""
    h = v.resolve(DEFAULTS, hyper, state.v, checks=CHECKS)
    with np.errstate(divide="ignore"):
        lr_eff = h["lr"] / _denominator(state.v, state.g_avg, h)
    out = {"v": state.v, "lr_eff": lr_eff}
    if h["centered"]:
        out["g_avg"] = state.g_avg
    if np.any(h["momentum"]):
        out["b"] = state.b
    return out


__all__ = ["CHECKS", "DEFAULTS", "State", "describe", "init", "step"]
