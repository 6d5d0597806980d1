r"""Heavy-ball momentum :math:`u_t = \mu u_{t-1} + g_t` and its exact relation to the EMA.

Momentum SGD (seed ``001_a9f80f3499dce77f.txt``, Setup):

.. math::
    u_t = \mu u_{t-1} + g_t,\quad u_0 = 0,\qquad w_{t+1} = w_t - \alpha u_t .

Unrolled, :math:`u_t = \sum_{k=1}^t \mu^{t-k} g_k`. The EMA with β = μ of the same
gradients, :math:`m_t = \mu m_{t-1} + (1-\mu)g_t`, is exactly :math:`(1-\mu)u_t`, so

.. math::
    u_t = \frac{m_t}{1-\mu} = \frac{1-\mu^t}{1-\mu}\,\hat m_t ,

and heavy ball with learning rate α takes the same steps as EMA momentum with learning
rate :math:`\alpha/(1-\mu)` (PyTorch's ``SGD(momentum=μ, dampening=μ)`` is the EMA form).
The buffer is *not* an average of the gradients: for a constant gradient g it tends
to :math:`g/(1-\mu)`, ten times g at μ = 0.9.

The heavy-ball coefficient is the symbol ``mu_m`` (printed μ).

>>> u = heavy_ball_unrolled(2, mu=S.mu_m)
>>> u[1]
g1*mu + g2
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import G, ema_unrolled


def heavy_ball_unrolled(
    n: int, mu: sp.Expr = S.mu_m, gs: Sequence[sp.Expr] | None = None, u0: sp.Expr = 0
) -> list[sp.Expr]:
    r"""[u_1, …, u_n] of :math:`u_t = \mu u_{t-1} + g_t`, :math:`u_0` = ``u0`` (the recursion
    itself).

    Source: seed ``001_a9f80f3499dce77f.txt``, Setup ("Momentum SGD").

    >>> heavy_ball_unrolled(3)[-1]
    g3 + mu*(g1*mu + g2)
    """
    gs = S.stream(n, gs)
    out: list[sp.Expr] = []
    u = S.as_expr(u0)
    for x in gs:
        u = mu * u + x
        out.append(u)
    return out


def heavy_ball_closed_form(t: sp.Expr, mu: sp.Expr = S.mu_m) -> sp.Expr:
    r"""The general-t form :math:`u_t = \sum_{k=1}^{t}\mu^{t-k} g_k` (a ``Sum`` over ``g[k]``).

    Source: seed ``001_a9f80f3499dce77f.txt``, Part 2 ("u_t is an EMA of the g_τ" — it is a
    sum with geometric weights, not an average; see :func:`weights_total`).

    >>> from derivations.ema import concrete
    >>> concrete(heavy_ball_closed_form(2).doit())
    g1*mu + g2
    """
    return sp.Sum(mu ** (t - S.k) * G[S.k], (S.k, 1, t))


def weights_total(t: sp.Expr, mu: sp.Expr = S.mu_m) -> sp.Expr:
    r"""Sum of u_t's weights, :math:`\sum_{k=1}^{t}\mu^{t-k} = \frac{1-\mu^t}{1-\mu}` (→ 1/(1−μ),
    not 1).

    >>> from derivations.symbols import t
    >>> weights_total(t)
    (1 - mu**t)/(1 - mu)
    """
    return S.geometric_sum(mu, t)


def ema_relation(n: int, mu: sp.Expr = S.mu_m) -> list[sp.Equality]:
    r"""For t = 1..n: :math:`u_t = m_t/(1-\mu)` with :math:`m_t` the EMA (β = μ) of the same
    gradients.

    Each equation holds identically (``cancel(lhs - rhs) == 0``); the general-t statement is
    :func:`ema_relation_general`. Source: derived here for seed
    ``001_a9f80f3499dce77f.txt`` Part 2 ("u_t is an EMA of the g_τ").
    """
    u = heavy_ball_unrolled(n, mu)
    m = ema_unrolled(S.grads(n), mu)
    return [sp.Eq(ut, mt / (1 - mu), evaluate=False) for ut, mt in zip(u, m, strict=True)]


def ema_relation_general(t: sp.Expr = S.t, mu: sp.Expr = S.mu_m) -> sp.Equality:
    r""":math:`u_t = \frac{1-\mu^t}{1-\mu}\hat m_t` in closed form (``Sum`` over ``g[k]``), for
    every t.

    With :math:`\hat m_t = m_t/(1-\mu^t)` the bias-corrected EMA. Source: derived here.
    """
    from adaproof.derivations.ema import ema_closed_form

    m_hat = ema_closed_form(t, mu) / (1 - mu**t)
    return sp.Eq(heavy_ball_closed_form(t, mu), weights_total(t, mu) * m_hat, evaluate=False)


def equivalent_ema_lr(alpha: sp.Expr = S.alpha, mu: sp.Expr = S.mu_m) -> sp.Expr:
    r"""The EMA-momentum learning rate with the same steps as heavy ball at lr α:
    :math:`\frac{\alpha}{1-\mu}`.

    From :math:`\alpha u_t = \frac{\alpha}{1-\mu} m_t`. Source: derived here.
    """
    return alpha / (1 - mu)


def constant_gradient_buffer(t: sp.Expr, mu: sp.Expr = S.mu_m, g: sp.Expr = S.g) -> sp.Expr:
    r""":math:`u_t = g\frac{1-\mu^t}{1-\mu}` for a constant gradient g; its limit is
    :math:`\frac{g}{1-\mu}`."""
    return g * weights_total(t, mu)


def momentum_steps(
    n: int,
    mu: sp.Expr = S.mu_m,
    alpha: sp.Expr = S.alpha,
    gs: Sequence[sp.Expr] | None = None,
    w1: sp.Expr = S.w1,
) -> list[sp.Expr]:
    r"""[w_1, …, w_{n+1}] of :math:`w_{t+1} = w_t - \alpha u_t`.

    Source: seed ``001_a9f80f3499dce77f.txt``, Setup.
    """
    w = [S.as_expr(w1)]
    for u in heavy_ball_unrolled(n, mu, gs):
        w.append(w[-1] - alpha * u)
    return w


def scaling_factor(c: sp.Expr = S.c) -> sp.Expr:
    r"""Momentum-SGD step with gradients :math:`c g` over the step with g: exactly c (u is linear
    in g).

    Source: seed ``001_a9f80f3499dce77f.txt``, Part 2, item 2 ("u_t ↦ c u_t");
    :func:`scaling_relations` proves it for the first steps.
    """
    return c


def scaling_relations(n: int, c: sp.Expr = S.c, mu: sp.Expr = S.mu_m) -> list[sp.Equality]:
    r"""For t = 1..n: :math:`u_t(c g) = c\,u_t(g)` (identities).

    Source: seed ``001_a9f80f3499dce77f.txt``, Part 2, item 2.
    """
    scaled = heavy_ball_unrolled(n, mu, [c * x for x in S.grads(n)])
    plain = heavy_ball_unrolled(n, mu)
    return [sp.Eq(a, c * b, evaluate=False) for a, b in zip(scaled, plain, strict=True)]


__all__ = [
    "constant_gradient_buffer",
    "ema_relation",
    "ema_relation_general",
    "equivalent_ema_lr",
    "heavy_ball_closed_form",
    "heavy_ball_unrolled",
    "momentum_steps",
    "scaling_factor",
    "scaling_relations",
    "weights_total",
]
