r"""RMSprop: the accumulator :math:`v_t = \rho v_{t-1} + (1-\rho) g_t^2` and the update conventions.

RMSprop (Hinton, Coursera lecture 6e, 2012; Tieleman & Hinton):

.. math::
    v_t = \rho v_{t-1} + (1-\rho) g_t^2,\quad v_0 = 0,\qquad
    w_{t+1} = w_t - \eta\frac{g_t}{\sqrt{v_t}+\varepsilon}\ \text{(PyTorch)}
    \quad\text{or}\quad \eta\frac{g_t}{\sqrt{v_t+\varepsilon}}\ \text{(Keras, optax)}.

No bias correction: for a constant gradient the first step is
:math:`\eta/\sqrt{1-\rho}` (≈ 3.16 η at ρ = 0.9) times sign g.

>>> v = rmsprop_v_unrolled(2, rho=S.rho)
>>> sp.factor(v[1])
-(rho - 1)*(g1**2*rho + g2**2)
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import G, ema_closed_form, ema_unrolled, weights_sum

#: where ε goes and what the accumulator is (each named below)
CONVENTIONS = ("pytorch", "keras", "optax", "optax_eps_outside", "centered")


def rmsprop_v_unrolled(
    n: int, rho: sp.Expr = S.rho, gs: Sequence[sp.Expr] | None = None, v0: sp.Expr = 0
) -> list[sp.Expr]:
    r"""[v_1, …, v_n] of :math:`v_t = \rho v_{t-1} + (1-\rho)g_t^2` (the recursion itself).

    Source: seed ``003_b8a56a2a249e5e41.txt`` (RMSprop's G_k); seed
    ``004_7e32fd81a2d4d5ec.txt`` (RMSprop slide, indices from 0 there).

    >>> rmsprop_v_unrolled(1)
    [g1**2*(1 - rho)]
    """
    gs = S.stream(n, gs)
    return ema_unrolled([x**2 for x in gs], rho, v0)


def rmsprop_v_closed_form(t: sp.Expr, rho: sp.Expr = S.rho) -> sp.Expr:
    r""":math:`v_t = (1-\rho)\sum_{k=1}^{t}\rho^{t-k}g_k^2` (``Sum`` over ``g[k]``).

    Seed ``004_7e32fd81a2d4d5ec.txt`` writes it with indices from 0,
    :math:`v_t = (1-\beta)\sum_{z=0}^{t}\beta^{t-z}\nabla b_z^2` (t + 1 terms).
    """
    sq = sp.IndexedBase("gsq")
    return ema_closed_form(t, rho, sq).xreplace({sq[S.k]: G[S.k] ** 2})


def rmsprop_step(
    v: sp.Expr,
    g: sp.Expr,
    *,
    convention: str = "pytorch",
    lr: sp.Expr = S.alpha,
    eps: sp.Expr = S.eps,
    g_avg: sp.Expr = 0,
) -> sp.Expr:
    r"""The step subtracted from w given the accumulator v, under a named convention.

    * ``"pytorch"`` (``torch.optim.RMSprop``, ``alpha`` is ρ, default 0.99):
      :math:`\eta g/(\sqrt{v}+\varepsilon)`;
    * ``"keras"``, ``"optax"`` (default ``eps_in_sqrt=True``): :math:`\eta g/\sqrt{v+\varepsilon}`;
    * ``"optax_eps_outside"``: optax with ``eps_in_sqrt=False``, as PyTorch;
    * ``"centered"`` (PyTorch ``centered=True``, Graves 2013, arXiv:1308.0850):
      :math:`\eta g/(\sqrt{v-\bar g^2}+\varepsilon)` with ``g_avg`` the EMA :math:`\bar g` of g.
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    if convention in ("keras", "optax"):
        return lr * g / sp.sqrt(v + eps)
    if convention == "centered":
        return lr * g / (sp.sqrt(v - g_avg**2) + eps)
    return lr * g / (sp.sqrt(v) + eps)


def constant_gradient_step(
    t: sp.Expr,
    *,
    rho: sp.Expr = S.rho,
    g: sp.Expr = S.g,
    lr: sp.Expr = S.alpha,
    eps: sp.Expr = S.eps,
    eps_inside: bool = False,
) -> sp.Expr:
    r"""RMSprop's step for a constant gradient g:
    :math:`\eta\frac{g}{|g|\sqrt{1-\rho^t}+\varepsilon}` (or ε inside).

    Starts at :math:`\eta\,\mathrm{sign}(g)/\sqrt{1-\rho}` (ε = 0) and falls to
    :math:`\eta g/(|g|+\varepsilon)`.
    Source: derived here; compare seed ``004_7e32fd81a2d4d5ec.txt`` item 7 (Adam without
    bias correction: "initial steps are very large").

    >>> from derivations.symbols import t
    >>> constant_gradient_step(1, eps=0)
    alpha*g/(sqrt(1 - rho)*Abs(g))
    """
    w = weights_sum(t, rho)
    den = sp.sqrt(g**2 * w + eps) if eps_inside else sp.Abs(g) * sp.sqrt(w) + eps
    return lr * g / den


__all__ = [
    "CONVENTIONS",
    "constant_gradient_step",
    "rmsprop_step",
    "rmsprop_v_closed_form",
    "rmsprop_v_unrolled",
]
