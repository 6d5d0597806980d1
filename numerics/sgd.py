r"""Plain SGD, heavy-ball momentum (also in its EMA form) and Nesterov momentum.

.. math::

    b_t = \mu b_{t-1} + (1-\tau)\, g_t, \qquad
    x_t = x_{t-1} - \alpha \cdot
      \begin{cases} b_t & \text{heavy ball}\\ g_t + \mu b_t & \text{Nesterov}\end{cases}

with :math:`b_0 = 0`, ``lr`` = α, ``momentum`` = μ, ``dampening`` = τ. ``momentum=0`` is
plain SGD :math:`x_t = x_{t-1} - \alpha g_t`. ``form="ema"`` writes the buffer as an
exponential moving average :math:`b_t = \mu b_{t-1} + (1-\mu) g_t` (seed 000); its
buffer is exactly :math:`(1-\mu)` times the heavy-ball buffer, so it is heavy ball with
the learning rate :math:`(1-\mu)\alpha`.

Sources: Polyak (1964) heavy ball; Sutskever et al. (ICML 2013) Nesterov momentum in the
form used by PyTorch ``torch.optim.SGD`` (``nesterov=True`` uses :math:`g_t + \mu b_t`).

.. warning::
   PyTorch initialises the buffer to :math:`b_1 = g_1` *without* dampening; here
   :math:`b_0 = 0`, so :math:`b_1 = (1-\tau) g_1`. The two agree when ``dampening=0``
   (PyTorch's default).

``weight_decay`` = λ adds :math:`\lambda x_{t-1}` to the gradient (L2, as PyTorch).

>>> import numpy as np
>>> x, s = np.array([1.0]), init(np.array([1.0]))
>>> for _ in range(2):
...     x, s = step(x, 2 * x, s, lr=0.1, momentum=0.5)
>>> x.round(6).tolist()
[0.54]
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from adaproof.numerics import validate as v

DEFAULTS: dict[str, Any] = {
    "lr": 0.01,
    "momentum": 0.0,
    "dampening": 0.0,
    "nesterov": False,
    "form": "heavy_ball",
    "weight_decay": 0.0,
}
CHECKS = {
    "lr": v.positive,
    "momentum": v.unit_interval,
    "dampening": v.unit_interval,
    "nesterov": v.flag,
    "form": v.choice("heavy_ball", "ema"),
    "weight_decay": v.nonnegative,
}


class State(NamedTuple):
    """``count``: steps taken; ``b``: the momentum buffer (zeros for plain SGD)."""

    count: int
    b: np.ndarray


def init(params: Any, **hyper: Any) -> State:
    """Zero buffer of the parameters' shape and dtype."""
    p = v.as_params(params)
    v.resolve(DEFAULTS, hyper, p, checks=CHECKS)
    return State(0, np.zeros_like(p))


def step(params: Any, grads: Any, state: State, **hyper: Any) -> tuple[np.ndarray, State]:
    """One step; returns ``(new_params, new_state)`` without touching the inputs."""
    p, g, h, _ = v.prepare(params, grads, hyper, DEFAULTS, checks=CHECKS)
    v.check_state(state, State, p, "sgd")
    mu = h["momentum"]
    # 1 - mu and 1 - dampening formed in float64 and rounded once (validate.resolve)
    d = h["1-momentum"] if h["form"] == "ema" else h["1-dampening"]
    b = state.b * mu + d * g
    d = g + mu * b if h["nesterov"] else b
    return p - h["lr"] * d, State(state.count + 1, b)


def describe(state: State, **hyper: Any) -> dict[str, np.ndarray]:
    """Named state for :func:`numerics.run.feed`: the buffer ``b``."""
    return {"b": state.b}


__all__ = ["CHECKS", "DEFAULTS", "State", "describe", "init", "step"]
