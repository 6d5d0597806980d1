r"""NAdam: Adam with Nesterov momentum (Dozat, ICLR workshop 2016), in PyTorch's form.

With the momentum schedule :math:`\mu_t = \beta_1\bigl(1 - \tfrac12\, 0.96^{t\psi}\bigr)`
(ψ = ``momentum_decay`` = 0.004, i.e. Dozat's :math:`0.96^{t/250}`):

.. math::

    m_t &= \beta_1 m_{t-1} + (1-\beta_1) g_t, \qquad
    v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2, \qquad \hat v_t = v_t/(1-\beta_2^t)\\
    x_t &= x_{t-1} - \frac{\alpha}{\sqrt{\hat v_t} + \varepsilon}\Bigl(
        \frac{(1-\mu_t)\, g_t}{1-\prod_{i\le t}\mu_i}
      + \frac{\mu_{t+1}\, m_t}{1-\prod_{i\le t+1}\mu_i}\Bigr)

``lr`` = α (0.002), ``beta1``, ``beta2``, ``eps`` = ε (1e-8). Option ``m_decay``:
**"beta1"** as above (PyTorch ``NAdam``, Keras ``Nadam``); ``"schedule"`` uses
:math:`m_t = \mu_t m_{t-1} + (1-\mu_t) g_t`, the scheduled coefficient in the moment itself
(a reading of Dozat's Algorithm 2 in which :math:`\mu_t` replaces β₁ everywhere; the
default is the form Keras documents as Dozat's and PyTorch implements, checked against
``torch.optim.NAdam``; the paper's own text was not available to check which it prints).
``weight_decay`` is L2. The state carries :math:`\prod_{i\le t}\mu_i` per element
(it depends on β₁, which may vary over the batch).

>>> import numpy as np
>>> x, s = init(np.zeros(1)), None
>>> x, s = step(np.zeros(1), np.ones(1), init(np.zeros(1)), eps=0.0)
>>> bool(x[0] < 0)
True
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
    "eps": 1e-8,
    "momentum_decay": 4e-3,
    "m_decay": "beta1",
    "weight_decay": 0.0,
}
CHECKS = {
    "lr": v.positive,
    "beta1": v.unit_interval,
    "beta2": v.unit_interval,
    "eps": v.nonnegative,
    "momentum_decay": v.nonnegative,
    "m_decay": v.choice("beta1", "schedule"),
    "weight_decay": v.nonnegative,
}


class State(NamedTuple):
    """``m``, ``v``: moment EMAs; ``mu_product``: :math:`\\prod_{i\\le t}\\mu_i`."""

    count: int
    m: np.ndarray
    v: np.ndarray
    mu_product: np.ndarray


def init(params: Any, **hyper: Any) -> State:
    """:math:`m_0 = v_0 = 0`, empty product 1."""
    p = v.as_params(params)
    v.resolve(DEFAULTS, hyper, p, checks=CHECKS)
    return State(0, np.zeros_like(p), np.zeros_like(p), np.ones_like(p))


def mu(t: int, beta1: Any, momentum_decay: Any, dtype: Any = np.float64) -> np.ndarray:
    r""":math:`\mu_t = \beta_1(1 - \tfrac12\, 0.96^{t\psi})` in ``dtype``."""
    b1 = np.asarray(beta1, dtype=dtype)
    psi = np.asarray(momentum_decay, dtype=dtype)
    half, one = np.asarray(0.5, dtype=dtype), np.asarray(1, dtype=dtype)
    return b1 * (one - half * np.asarray(0.96, dtype=dtype) ** (np.asarray(t, dtype) * psi))


def step(params: Any, grads: Any, state: State, **hyper: Any) -> tuple[np.ndarray, State]:
    """One step; returns ``(new_params, new_state)`` without touching the inputs."""
    p, g, h, one = v.prepare(params, grads, hyper, DEFAULTS, checks=CHECKS)
    v.check_state(state, State, p, "nadam")
    t = state.count + 1
    mu_t = mu(t, h["beta1"], h["momentum_decay"], p.dtype)
    mu_next = mu(t + 1, h["beta1"], h["momentum_decay"], p.dtype)
    prod = state.mu_product * mu_t
    prod_next = prod * mu_next
    if h["m_decay"] == "schedule":
        m = state.m * mu_t + (one - mu_t) * g
    else:
        m = state.m * h["beta1"] + h["1-beta1"] * g
    vv = state.v * h["beta2"] + h["1-beta2"] * (g * g)
    den = np.sqrt(vv / bias_correction_checked_d(t, h["1-beta2"])) + h["eps"]
    lr = h["lr"]
    new = p - lr * (one - mu_t) / (one - prod) * (g / den)
    new = new - lr * mu_next / (one - prod_next) * (m / den)
    return new, State(t, m, vv, prod)


def describe(state: State, **hyper: Any) -> dict[str, np.ndarray]:
    """``m``, ``v`` and ``v_hat``."""
    h = v.resolve(DEFAULTS, hyper, state.m, checks=CHECKS)
    c2 = bias_correction_checked_d(max(state.count, 1), h["1-beta2"])
    return {"m": state.m, "v": state.v, "v_hat": state.v / c2}


__all__ = ["CHECKS", "DEFAULTS", "State", "describe", "init", "mu", "step"]
