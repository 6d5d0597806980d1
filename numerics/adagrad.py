r"""AdaGrad (Duchi, Hazan & Singer, JMLR 2011), diagonal form.

.. math::

    G_t = G_{t-1} + g_t^2, \qquad
    x_t = x_{t-1} - \frac{\alpha_t\, g_t}{\sqrt{G_t} + \varepsilon}, \qquad
    \alpha_t = \frac{\alpha}{1 + (t-1)\,\delta}

``lr`` = α, ``eps`` = ε, ``lr_decay`` = δ (PyTorch's ``lr_decay``; 0 in the paper),
``initial_accumulator_value`` = :math:`G_0` (0 in the paper and PyTorch, 0.1 in optax and
Keras). ``eps_placement="outside"`` is :math:`\sqrt{G_t}+\varepsilon` (paper's
:math:`\delta I + \operatorname{diag}(G_t)^{1/2}`, PyTorch, the slides of seed 004);
``"inside"`` is :math:`\sqrt{G_t+\varepsilon}` (optax, Keras). ``weight_decay`` adds
:math:`\lambda x_{t-1}` to :math:`g_t` (L2, as PyTorch).

.. warning::
   Defaults differ: PyTorch ε = 1e-10 outside, :math:`G_0 = 0`; optax/Keras ε = 1e-7 inside,
   :math:`G_0 = 0.1`.

>>> import numpy as np
>>> x, s = np.array([1.0]), init(np.array([1.0]))
>>> x, s = step(x, np.array([2.0]), s, lr=0.1, eps=0.0)
>>> x.tolist(), s.G.tolist()
([0.9], [4.0])
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from adaproof.numerics import validate as v

DEFAULTS: dict[str, Any] = {
    "lr": 0.01,
    "eps": 1e-10,
    "eps_placement": "outside",
    "initial_accumulator_value": 0.0,
    "lr_decay": 0.0,
    "weight_decay": 0.0,
}
CHECKS = {
    "lr": v.positive,
    "eps": v.nonnegative,
    "eps_placement": v.choice("outside", "inside"),
    "initial_accumulator_value": v.nonnegative,
    "lr_decay": v.nonnegative,
    "weight_decay": v.nonnegative,
}


class State(NamedTuple):
    """``count``: steps taken; ``G``: the running sum of squared gradients."""

    count: int
    G: np.ndarray


def init(params: Any, **hyper: Any) -> State:
    """:math:`G_0` = ``initial_accumulator_value`` everywhere."""
    p = v.as_params(params)
    h = v.resolve(DEFAULTS, hyper, p, checks=CHECKS)
    return State(0, np.zeros_like(p) + h["initial_accumulator_value"])


def _denominator(G: np.ndarray, h: dict) -> np.ndarray:
    if h["eps_placement"] == "inside":
        return np.sqrt(G + h["eps"])
    return np.sqrt(G) + h["eps"]


def _lr(t: int, h: dict, dtype: Any) -> np.ndarray:
    one = np.asarray(1, dtype=dtype)
    return h["lr"] / (one + np.asarray(t - 1, dtype=dtype) * h["lr_decay"])


def step(params: Any, grads: Any, state: State, **hyper: Any) -> tuple[np.ndarray, State]:
    """One step; returns ``(new_params, new_state)`` without touching the inputs."""
    p, g, h, _ = v.prepare(params, grads, hyper, DEFAULTS, checks=CHECKS)
    v.check_state(state, State, p, "adagrad")
    t = state.count + 1
    G = state.G + g * g
    return p - _lr(t, h, p.dtype) * g / _denominator(G, h), State(t, G)


def describe(state: State, **hyper: Any) -> dict[str, np.ndarray]:
    """``G`` and ``lr_eff`` = :math:`\\alpha_t/(\\sqrt{G_t}+\\varepsilon)` for the last step."""
    h = v.resolve(DEFAULTS, hyper, state.G, checks=CHECKS)
    with np.errstate(divide="ignore"):
        lr_eff = _lr(max(state.count, 1), h, state.G.dtype) / _denominator(state.G, h)
    return {"G": state.G, "lr_eff": lr_eff}


__all__ = ["CHECKS", "DEFAULTS", "State", "describe", "init", "step"]
