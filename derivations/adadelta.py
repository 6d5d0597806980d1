r"""AdaDelta: the update with units of the parameter, unrolled, and what sets its first step.

AdaDelta (Zeiler, arXiv:1212.5701, Algorithm 1):

.. math::
    \begin{aligned}
    E[g^2]_t &= \rho E[g^2]_{t-1} + (1-\rho) g_t^2,\\
    \Delta x_t &= -\frac{\sqrt{E[\Delta
    x^2]_{t-1}+\varepsilon}}{\sqrt{E[g^2]_t+\varepsilon}}\,g_t,\\
    E[\Delta x^2]_t &= \rho E[\Delta x^2]_{t-1} + (1-\rho)\Delta x_t^2,\qquad x_{t+1} = x_t +
    \eta\,\Delta x_t,
    \end{aligned}

with both accumulators starting at 0 and η = 1 in the paper. PyTorch (``lr=1.0``) and Keras
(``learning_rate=0.001``, ρ = 0.95) multiply the step by η but update
:math:`E[\Delta x^2]` with the unscaled Δx; optax likewise (``learning_rate`` required).
No learning rate, but the first step is set by ε:
:math:`|\Delta x_1| = \sqrt{\varepsilon}\,|g_1|/\sqrt{(1-\rho)g_1^2+\varepsilon}
\approx \sqrt{\varepsilon/(1-\rho)}` for :math:`g_1^2 \gg
\varepsilon` (seed ``004_7e32fd81a2d4d5ec.txt``
item 5: "removes the need to set η₀").

>>> sp.simplify(first_step(g=S.g)**2 - S.eps * S.g**2 / ((1 - S.rho) * S.g**2 + S.eps))
0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import sympy as sp
from adaproof.derivations import symbols as S


class AdadeltaSteps(NamedTuple):
    """AdaDelta's accumulators and steps for t = 1..n, and x_1..x_{n+1}."""

    Eg2: list[sp.Expr]
    dx: list[sp.Expr]
    Edx2: list[sp.Expr]
    x: list[sp.Expr]


def adadelta_steps(
    n: int,
    gs: Sequence[sp.Expr] | None = None,
    *,
    rho: sp.Expr = S.rho,
    eps: sp.Expr = S.eps,
    lr: sp.Expr = 1,
    x1: sp.Expr = S.w1,
) -> AdadeltaSteps:
    r"""AdaDelta's first n steps in :math:`g_1…g_n` (Zeiler, arXiv:1212.5701, Algorithm 1).

    ``lr`` is PyTorch's/Keras' extra factor on the step (1 in the paper); the accumulator
    of squared updates uses the step before ``lr``, as in ``torch.optim.Adadelta``.

    >>> adadelta_steps(1).dx[0]
    -sqrt(epsilon)*g1/sqrt(epsilon + g1**2*(1 - rho))
    """
    gs = S.stream(n, gs)
    eg2, edx2 = sp.Integer(0), sp.Integer(0)
    out = AdadeltaSteps([], [], [], [S.as_expr(x1)])
    for g in gs:
        eg2 = rho * eg2 + (1 - rho) * g**2
        dx = -sp.sqrt(edx2 + eps) / sp.sqrt(eg2 + eps) * g
        edx2 = rho * edx2 + (1 - rho) * dx**2
        out.Eg2.append(eg2)
        out.dx.append(dx)
        out.Edx2.append(edx2)
        out.x.append(out.x[-1] + lr * dx)
    return out


def first_step(g: sp.Expr = S.g, *, rho: sp.Expr = S.rho, eps: sp.Expr = S.eps) -> sp.Expr:
    r""":math:`\Delta x_1 = -\frac{\sqrt\varepsilon}{\sqrt{(1-\rho)g^2+\varepsilon}}\,g`: the step
    size is set by ε, not by a learning rate.

    Source: Zeiler (arXiv:1212.5701), Algorithm 1 at t = 1.
    """
    return -sp.sqrt(eps) * g / sp.sqrt((1 - rho) * g**2 + eps)


def first_step_large_gradient(
    g: sp.Expr = S.g, *, rho: sp.Expr = S.rho, eps: sp.Expr = S.eps
) -> sp.Expr:
    r""":math:`\lim_{|g|\to\infty}\Delta x_1 = -\operatorname{sign}(g)\sqrt{\varepsilon/(1-\rho)}`
    (e.g. 3.16e-3 at ε = 1e-6, ρ = 0.9)."""
    return -sp.sign(g) * sp.sqrt(eps) / sp.sqrt(1 - rho)


def scaling_first_step(c: sp.Expr = S.c, g: sp.Expr = S.g, **kw: sp.Expr) -> sp.Expr:
    r"""First step with gradient :math:`c g` over the step with g:
    :math:`\frac{c\sqrt{(1-\rho)g^2+\varepsilon}}{\sqrt{(1-\rho)c^2g^2+\varepsilon}}` (→ sign c as
    ε → 0)."""
    return sp.simplify(first_step(c * g, **kw) / first_step(g, **kw))


__all__ = [
    "AdadeltaSteps",
    "adadelta_steps",
    "first_step",
    "first_step_large_gradient",
    "scaling_first_step",
]
