r"""AdaMax: Adam with the infinity norm, its unrolled state, conventions and the p → ∞ limit.

AdaMax (Kingma & Ba, arXiv:1412.6980, §7.1, Algorithm 2):

.. math::
    m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad
    u_t = \max(\beta_2 u_{t-1}, |g_t|),\quad
    \theta_t = \theta_{t-1} - \frac{\alpha}{1-\beta_1^t}\frac{m_t}{u_t},

with :math:`m_0 = u_0 = 0`, so :math:`u_t = \max_{k\le t}\beta_2^{t-k}|g_k|`. It is the
p → ∞ limit of Adam's second moment with :math:`L^p` norms:
:math:`v_t = \beta_2^p v_{t-1} + (1-\beta_2^p)|g_t|^p`, :math:`u_t = \lim_{p\to\infty} v_t^{1/p}`.
Conventions: PyTorch and optax use :math:`\max(\beta_2u_{t-1}, |g_t|+\varepsilon)`;
Keras divides by :math:`u_t+\varepsilon`. The worst case of :math:`|\hat m_t|/u_t` is
:func:`derivations.worst_case.adamax_max_ratio`.

>>> adamax_u_unrolled(2)[-1]
Max(beta2*Abs(g1), Abs(g2))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import bias_correction as _bc
from adaproof.derivations.ema import ema_unrolled

CONVENTIONS = ("paper", "pytorch", "optax", "keras")


def adamax_u_unrolled(
    n: int,
    beta2: sp.Expr = S.beta2,
    gs: Sequence[sp.Expr] | None = None,
    *,
    convention: str = "paper",
    eps: sp.Expr = S.eps,
) -> list[sp.Expr]:
    r"""[u_1, …, u_n] of :math:`u_t = \max(\beta_2u_{t-1}, |g_t|)` (``"pytorch"``/``"optax"``:
    :math:`|g_t|+\varepsilon`).

    Source: Kingma & Ba (arXiv:1412.6980), Algorithm 2; ``torch.optim.Adamax``;
    ``optax.scale_by_adamax``.
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    gs = S.stream(n, gs)
    shift = eps if convention in ("pytorch", "optax") else 0
    out: list[sp.Expr] = []
    u = sp.Integer(0)
    for x in gs:
        u = sp.Max(beta2 * u, sp.Abs(x) + shift)
        out.append(u)
    return out


def adamax_u_closed_form(
    n: int, beta2: sp.Expr = S.beta2, gs: Sequence[sp.Expr] | None = None
) -> sp.Expr:
    r""":math:`u_n = \max_{1\le k\le n}\beta_2^{n-k}|g_k|` (paper's convention, :math:`u_0 = 0`)."""
    gs = list(S.grads(n) if gs is None else gs)
    return sp.Max(*[beta2 ** (n - k) * sp.Abs(x) for k, x in enumerate(gs, start=1)])


def lp_second_moment(
    n: int, p: sp.Expr, beta2: sp.Expr = S.beta2, gs: Sequence[sp.Expr] | None = None
) -> sp.Expr:
    r""":math:`v_n^{1/p}` with :math:`v_t = \beta_2^p v_{t-1} + (1-\beta_2^p)|g_t|^p`,
    :math:`v_0 = 0` (§7.1's starting point).

    Tends to :func:`adamax_u_closed_form` as p → ∞ (the paper drops the factor
    :math:`(1-\beta_2^p)^{1/p} \to 1`). Source: Kingma & Ba (arXiv:1412.6980), §7.1, eq. (6)–(10).
    """
    gs = list(S.grads(n) if gs is None else gs)
    v = ema_unrolled([sp.Abs(x) ** p for x in gs], beta2**p)[-1]
    return v ** (1 / S.as_expr(p))


def adamax_step(
    m: sp.Expr,
    u: sp.Expr,
    t: sp.Expr,
    *,
    convention: str = "paper",
    alpha: sp.Expr = S.alpha,
    beta1: sp.Expr = S.beta1,
    eps: sp.Expr = S.eps,
) -> sp.Expr:
    r"""The step subtracted from θ: :math:`\frac{\alpha}{1-\beta_1^t}\frac{m_t}{u_t}` (Keras:
    :math:`\frac{m_t}{u_t+\varepsilon}`).

    For ``"pytorch"``/``"optax"`` ε is already inside u (:func:`adamax_u_unrolled`).
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    den = u + eps if convention == "keras" else u
    return alpha * _bc(t, beta1) * m / den


class AdamaxSteps(NamedTuple):
    """AdaMax's state for t = 1..n and the parameters θ_1..θ_{n+1}."""

    m: list[sp.Expr]
    u: list[sp.Expr]
    m_hat: list[sp.Expr]
    theta: list[sp.Expr]


def adamax_steps(
    n: int,
    gs: Sequence[sp.Expr] | None = None,
    *,
    convention: str = "paper",
    alpha: sp.Expr = S.alpha,
    beta1: sp.Expr = S.beta1,
    beta2: sp.Expr = S.beta2,
    eps: sp.Expr = S.eps,
    theta1: sp.Expr = S.w1,
) -> AdamaxSteps:
    r"""AdaMax's first n steps in :math:`g_1…g_n` (Kingma & Ba, arXiv:1412.6980, Algorithm 2).

    >>> s = adamax_steps(1, convention="paper")
    >>> s.theta[1]
    -alpha*g1/Abs(g1) + w1
    """
    gs = list(S.grads(n) if gs is None else gs)
    m = ema_unrolled(gs, beta1)
    u = adamax_u_unrolled(n, beta2, gs, convention=convention, eps=eps)
    m_hat = [mt * _bc(i, beta1) for i, mt in enumerate(m, start=1)]
    theta = [S.as_expr(theta1)]
    for i, (mt, ut) in enumerate(zip(m, u, strict=True), start=1):
        step = adamax_step(mt, ut, i, convention=convention, alpha=alpha, beta1=beta1, eps=eps)
        theta.append(theta[-1] - step)
    return AdamaxSteps(m, u, m_hat, theta)


__all__ = [
    "CONVENTIONS",
    "AdamaxSteps",
    "adamax_step",
    "adamax_steps",
    "adamax_u_closed_form",
    "adamax_u_unrolled",
    "lp_second_moment",
]
