r"""AdamW (decoupled weight decay) against Adam with L2 regularization.

Loshchilov & Hutter, "Decoupled Weight Decay Regularization" (arXiv:1711.05101), Algorithm 2:

.. math::
    \theta_t = \theta_{t-1} - \eta_t\Bigl(\alpha\frac{\hat m_t}{\sqrt{\hat v_t}+\varepsilon} +
    \lambda\theta_{t-1}\Bigr),

where :math:`\eta_t` is the schedule multiplier (1 for a constant schedule) and the decay is
*not* multiplied by α. PyTorch (``torch.optim.AdamW``: θ ← θ(1 − lr·λ), λ = 1e-2), optax
(``optax.adamw``, 1e-4) and Keras (4e-3) multiply λ by the learning rate instead:
:math:`\theta_t = \theta_{t-1} - \mathrm{lr}\,(\hat m_t/(\sqrt{\hat v_t}+\varepsilon) +
\lambda\theta_{t-1})`.

Adam with L2 regularization (``torch.optim.Adam(weight_decay=λ)``) adds λθ to the gradient
before the moments, so the decay passes through the adaptive scaling: its strength on a
coordinate is divided by that coordinate's :math:`\sqrt{\hat v}+\varepsilon`
(:func:`effective_decay_l2`); coordinates with large gradients are decayed less. For plain
SGD the two coincide with λ_L2 = λ/α (:func:`sgd_l2_equals_decoupled`).

>>> th, mh, vh = sp.symbols("theta mhat vhat", positive=True)
>>> adamw_step(th, mh, vh, convention="pytorch", eps=0)
-alpha*(lambda*theta + mhat/sqrt(vhat)) + theta
"""

from __future__ import annotations

import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.adam import adam_steps

CONVENTIONS = ("paper", "pytorch", "optax", "keras")
#: default λ of each implementation (each named below)
DEFAULT_WEIGHT_DECAY = {
    "pytorch": sp.Rational(1, 100),
    "optax": sp.Rational(1, 10**4),
    "keras": sp.Rational(4, 1000),
}


def adamw_step(
    theta: sp.Expr,
    m_hat: sp.Expr,
    v_hat: sp.Expr,
    *,
    convention: str = "pytorch",
    lr: sp.Expr = S.alpha,
    wd: sp.Expr = S.lam,
    eps: sp.Expr = S.eps,
    schedule: sp.Expr = 1,
) -> sp.Expr:
    r"""θ after one AdamW step, given the bias-corrected moments.

    * ``"paper"`` (arXiv:1711.05101, Algorithm 2, line 12):
      :math:`\theta - \eta_t(\alpha\hat m/(\sqrt{\hat v}+\varepsilon) + \lambda\theta)`,
      ``lr`` is α and ``schedule`` is :math:`\eta_t`;
    * ``"pytorch"``, ``"optax"``, ``"keras"``:
      :math:`\theta - \mathrm{lr}\,(\hat m/(\sqrt{\hat v}+\varepsilon) + \lambda\theta)`.
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    adam = m_hat / (sp.sqrt(v_hat) + eps)
    if convention == "paper":
        return theta - schedule * (lr * adam + wd * theta)
    return theta - lr * (adam + wd * theta)


def adam_l2_steps(
    n: int,
    *,
    wd: sp.Expr = S.lam,
    theta1: sp.Expr = S.w1,
    **kw,
) -> list[sp.Expr]:
    r"""[θ_1, …, θ_{n+1}] of Adam with L2: the gradient at θ_t is :math:`g_t + \lambda\theta_t`.

    The gradients :math:`g_t` are those of the unregularized loss at :math:`\theta_t`. Source:
    ``torch.optim.Adam(weight_decay=λ)``; Loshchilov & Hutter (arXiv:1711.05101), Algorithm 2
    (the "Adam with L2" line).
    """
    thetas = [S.as_expr(theta1)]
    gs: list[sp.Expr] = []
    for i in range(1, n + 1):
        gs.append(S.grad(i) + wd * thetas[-1])
        thetas.append(adam_steps(i, gs=gs, w1=theta1, **kw).w[-1])
    return thetas


def effective_decay_l2(
    v_hat: sp.Expr | None = None,
    *,
    lr: sp.Expr = S.alpha,
    wd: sp.Expr = S.lam,
    eps: sp.Expr = S.eps,
) -> sp.Expr:
    r"""Shrink factor per unit θ from the L2 term in one Adam step:
    :math:`\frac{\alpha\lambda}{\sqrt{\hat v}+\varepsilon}`.

    (The λθ part of :math:`\hat m` contributes
    :math:`\alpha\lambda\theta/(\sqrt{\hat v}+\varepsilon)` to
    the step when θ is held fixed over the EMA's window.) Decreasing in :math:`\hat v`: large
    gradients, weak decay. Compare :func:`effective_decay_decoupled`. Source: Loshchilov & Hutter
    (arXiv:1711.05101) §2; seed ``003_b8a56a2a249e5e41.txt``, Practice 5.
    """
    v_hat = sp.Symbol("vhat", nonnegative=True) if v_hat is None else v_hat
    return lr * wd / (sp.sqrt(v_hat) + eps)


def effective_decay_decoupled(
    *,
    convention: str = "pytorch",
    lr: sp.Expr = S.alpha,
    wd: sp.Expr = S.lam,
    schedule: sp.Expr = 1,
) -> sp.Expr:
    r"""AdamW's shrink factor per unit θ: :math:`\mathrm{lr}\cdot\lambda` (PyTorch, optax, Keras)
    or :math:`\eta_t\lambda` (paper), independent of :math:`\hat v`."""
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    return schedule * wd if convention == "paper" else lr * wd


def sgd_l2_equals_decoupled(
    theta: sp.Expr | None = None,
    g: sp.Expr = S.g,
    *,
    lr: sp.Expr = S.alpha,
    wd: sp.Expr = S.lam,
) -> sp.Equality:
    r"""For SGD, L2 with :math:`\lambda' = \lambda/\alpha` equals decoupled decay λ:
    :math:`\theta - \alpha(g + \tfrac{\lambda}{\alpha}\theta) = (1-\lambda)\theta - \alpha g`.

    Source: Loshchilov & Hutter (arXiv:1711.05101), Proposition 1.
    """
    theta = sp.Symbol("theta", real=True) if theta is None else theta
    return sp.Eq(theta - lr * (g + wd / lr * theta), (1 - wd) * theta - lr * g, evaluate=False)


__all__ = [
    "CONVENTIONS",
    "DEFAULT_WEIGHT_DECAY",
    "adam_l2_steps",
    "adamw_step",
    "effective_decay_decoupled",
    "effective_decay_l2",
    "sgd_l2_equals_decoupled",
]
