r"""Adam (Kingma & Ba, ICLR 2015, arXiv:1412.6980), AMSGrad, L2 and decoupled weight decay.

Algorithm 1 of the paper, with the options below at their paper values:

.. math::

    m_t &= \beta_1 m_{t-1} + (1-\beta_1) g_t, \qquad
    v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2\\
    \hat m_t &= \frac{m_t}{1-\beta_1^t}, \qquad \hat v_t = \frac{v_t}{1-\beta_2^t}\\
    x_t &= x_{t-1} - \alpha\,\frac{\hat m_t}{\sqrt{\hat v_t + \varepsilon_{\text{root}}}
      + \varepsilon}

``lr`` = α, ``beta1`` = β₁, ``beta2`` = β₂, ``eps`` = ε, ``eps_root`` = ε_root (optax's
``eps_root``; 0 in the paper). The bias corrections are computed stably,
:math:`1-\beta^t = -\operatorname{expm1}(t\log1p(\beta-1))`.

Conventions (option: values, **paper default** first):

- ``bias_correction``: **True**; False drops both corrections (Reddi et al.'s Adam).
- ``eps_on``: **"v_hat"** adds ε to :math:`\sqrt{\hat v_t}` (Algorithm 1, PyTorch, optax);
  ``"v"`` is the paper's "efficient" form used by Keras/TF, :math:`\alpha_t =
  \alpha\sqrt{1-\beta_2^t}/(1-\beta_1^t)`, :math:`x_t = x_{t-1} - \alpha_t m_t/(\sqrt{v_t}
  + \hat\varepsilon)`, equal to Algorithm 1 only if :math:`\hat\varepsilon =
  \varepsilon\sqrt{1-\beta_2^t}`.
- ``amsgrad``: **False**; True keeps :math:`\tilde v_t = \max(\tilde v_{t-1}, \cdot)` and uses
  it in place of :math:`v_t` (Reddi, Kale & Kumar, ICLR 2018, Algorithm 2).
- ``amsgrad_max``: **"raw"** takes the max of the raw :math:`v_t` and then divides by
  :math:`1-\beta_2^t` when bias-correcting (Reddi et al.'s max; PyTorch, Keras);
  ``"corrected"`` takes the max of :math:`\hat v_t` (optax's default).
- ``weight_decay`` = λ with ``weight_decay_mode``: **"l2"** adds :math:`\lambda x_{t-1}` to
  :math:`g_t` (PyTorch ``Adam``); ``"decoupled"`` multiplies :math:`x` by :math:`1-\alpha\lambda`
  before the step (PyTorch/optax ``AdamW``); ``"decoupled_paper"`` multiplies by
  :math:`1-\lambda` (Loshchilov & Hutter, ICLR 2019, Algorithm 2, with schedule multiplier
  :math:`\eta_t = 1`).

.. warning::
   PyTorch writes the denominator :math:`\sqrt{v_t}/\sqrt{1-\beta_2^t} + \varepsilon` and the
   step :math:`\alpha/(1-\beta_1^t)`: the same as Algorithm 1 in exact arithmetic, rounded
   differently. Keras's ε = 1e-7 is ε̂ of the efficient form.

>>> import numpy as np
>>> x, s = np.array([1.0, 1.0]), init(np.zeros(2))
>>> x, s = step(x, np.array([2.0, -1e-3]), s, lr=0.1, eps=0.0)
>>> x.tolist()  # first step is lr * sign(g) with bias correction and eps = 0
[0.9, 1.1]
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from adaproof.numerics import validate as v
from adaproof.numerics.precision import bias_correction_checked_d

DEFAULTS: dict[str, Any] = {
    "lr": 1e-3,
    "beta1": 0.9,
    "beta2": 0.999,
    "eps": 1e-8,
    "eps_root": 0.0,
    "eps_on": "v_hat",
    "bias_correction": True,
    "amsgrad": False,
    "amsgrad_max": "raw",
    "weight_decay": 0.0,
    "weight_decay_mode": "l2",
}
CHECKS = {
    "lr": v.positive,
    "beta1": v.unit_interval,
    "beta2": v.unit_interval,
    "eps": v.nonnegative,
    "eps_root": v.nonnegative,
    "eps_on": v.choice("v_hat", "v"),
    "bias_correction": v.flag,
    "amsgrad": v.flag,
    "amsgrad_max": v.choice("raw", "corrected"),
    "weight_decay": v.nonnegative,
    "weight_decay_mode": v.choice("l2", "decoupled", "decoupled_paper"),
}


class State(NamedTuple):
    """``m``, ``v``: the moment EMAs; ``v_max``: AMSGrad's running max (zeros otherwise)."""

    count: int
    m: np.ndarray
    v: np.ndarray
    v_max: np.ndarray


def init(params: Any, **hyper: Any) -> State:
    """:math:`m_0 = v_0 = 0` (and the AMSGrad max 0)."""
    p = v.as_params(params)
    v.resolve(DEFAULTS, hyper, p, checks=CHECKS)
    z = np.zeros_like(p)
    return State(0, z, z.copy(), z.copy())


def _corrections(t: int, h: dict, dtype: Any) -> tuple[Any, Any]:
    if not h["bias_correction"]:
        one = np.asarray(1, dtype=dtype)
        return one, one
    return (
        bias_correction_checked_d(t, h["1-beta1"]),
        bias_correction_checked_d(t, h["1-beta2"]),
    )


def _parts(t: int, m: np.ndarray, vv: np.ndarray, h: dict) -> tuple[Any, Any, Any]:
    """(numerator, denominator, step size): the update is ``lr_t * num / den``."""
    c1, c2 = _corrections(t, h, m.dtype)
    corrected_max = h["amsgrad"] and h["amsgrad_max"] == "corrected"
    if h["eps_on"] == "v":
        den = np.sqrt((vv * c2 if corrected_max else vv) + h["eps_root"]) + h["eps"]
        return m, den, h["lr"] * np.sqrt(c2) / c1
    v_hat = vv if corrected_max else vv / c2
    return m / c1, np.sqrt(v_hat + h["eps_root"]) + h["eps"], h["lr"]


def step(params: Any, grads: Any, state: State, **hyper: Any) -> tuple[np.ndarray, State]:
    """One step; returns ``(new_params, new_state)`` without touching the inputs.

    Written with in-place ufuncs on four fresh arrays (new m, v, x and one scratch): each
    temporary of a large batch costs a page-faulting allocation and a pass over memory.
    """
    p, g, h, one = v.prepare(params, grads, hyper, DEFAULTS, checks=CHECKS)
    v.check_state(state, State, p, "adam")
    # mode "l2" is already in g (prepare); the decoupled modes shrink x before the step
    wd, mode = h["weight_decay"], h["weight_decay_mode"]
    if mode != "l2" and np.any(wd):
        if mode == "decoupled":
            p = p * (one - h["lr"] * wd)
        else:
            p = p * (one - wd)
    t = state.count + 1
    b1, b2 = h["beta1"], h["beta2"]
    c1, c2 = _corrections(t, h, p.dtype)
    m, vv, tmp, new = (np.empty_like(p) for _ in range(4))  # 0-d safe, unlike ufunc results
    np.multiply(state.m, b1, out=m)
    np.multiply(g, h["1-beta1"], out=tmp)
    m += tmp
    np.multiply(state.v, b2, out=vv)
    np.multiply(g, g, out=tmp)
    tmp *= h["1-beta2"]
    vv += tmp
    v_max = state.v_max
    corrected_max = h["amsgrad"] and h["amsgrad_max"] == "corrected"
    if h["amsgrad"]:
        v_max = np.maximum(state.v_max, vv / c2 if corrected_max else vv, out=np.empty_like(p))
    src = v_max if h["amsgrad"] else vv
    # denominator into tmp
    # rounding order kept as lr * ((m / c1) / den), as in Algorithm 1
    if h["eps_on"] == "v":
        np.multiply(src, c2, out=tmp) if corrected_max else np.copyto(tmp, src)
        np.copyto(new, m)
        lr_t = h["lr"] * np.sqrt(c2) / c1
    else:
        np.copyto(tmp, src) if corrected_max else np.divide(src, c2, out=tmp)
        np.divide(m, c1, out=new)
        lr_t = h["lr"]
    if np.any(h["eps_root"]):
        tmp += h["eps_root"]
    np.sqrt(tmp, out=tmp)
    tmp += h["eps"]
    new /= tmp
    new *= lr_t
    np.subtract(p, new, out=new)
    return new, State(t, m, vv, v_max)


def describe(state: State, **hyper: Any) -> dict[str, np.ndarray]:
    r"""``m``, ``v``, ``m_hat``, ``v_hat`` (bias-corrected; = m, v without correction),
    ``v_max`` (AMSGrad) and ``lr_eff``, the factor multiplying :math:`m_t` in the last step."""
    h = v.resolve(DEFAULTS, hyper, state.m, checks=CHECKS)
    t = max(state.count, 1)
    c1, c2 = _corrections(t, h, state.m.dtype)
    out = {"m": state.m, "v": state.v, "m_hat": state.m / c1, "v_hat": state.v / c2}
    used = state.v_max if h["amsgrad"] else state.v
    with np.errstate(divide="ignore", invalid="ignore"):
        num, den, lr_t = _parts(t, np.ones_like(state.m), used, h)
        out["lr_eff"] = lr_t * num / den
    if h["amsgrad"]:
        out["v_max"] = state.v_max
    return out


__all__ = ["CHECKS", "DEFAULTS", "State", "describe", "init", "step"]
