r"""AdaGrad: the accumulator, the update conventions, the sum-to-integral step and the √d relation.

Diagonal AdaGrad (Duchi, Hazan & Singer, JMLR 2011; McMahan & Streeter, COLT 2010):

.. math::
    G_t = G_{t-1} + g_t^2,\quad G_0 = 0,\qquad
    w_{t+1} = w_t - \eta\frac{g_t}{\sqrt{G_t}+\varepsilon}.

The analysis in seed ``002_5f54ea678090eb2e.txt`` (proof of Theorem 3) rests on the
sum-to-integral lemma: for :math:`a_t \ge 0`, :math:`S_t = \sum_{\tau\le t} a_\tau > 0`,

.. math::
    \sum_{t=1}^{T}\frac{a_t}{\sqrt{S_t}} \le \int_0^{S_T}\frac{dx}{\sqrt x} = 2\sqrt{S_T},

whereas the notes print :math:`\sqrt{2 S_T}` for the integral (:func:`sum_to_integral_notes`).

>>> adagrad_G_unrolled(2)
[g1**2, g1**2 + g2**2]
>>> integral_inverse_sqrt()
Eq(Integral(1/sqrt(x), (x, 0, S)), 2*sqrt(S))
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from adaproof.derivations import symbols as S

#: (where ε goes, initial accumulator) in PyTorch, optax/Keras and the notes (each named below)
CONVENTIONS = ("pytorch", "optax", "keras", "notes")
INITIAL_ACCUMULATOR = {
    "pytorch": sp.Integer(0),
    "optax": sp.Rational(1, 10),
    "keras": sp.Rational(1, 10),
    "notes": sp.Integer(0),
}


def adagrad_G_unrolled(
    n: int, gs: Sequence[sp.Expr] | None = None, G0: sp.Expr = 0
) -> list[sp.Expr]:
    r"""[G_1, …, G_n] of :math:`G_t = G_{t-1} + g_t^2` (the recursion itself).

    Source: seed ``003_b8a56a2a249e5e41.txt`` (AdaGrad's :math:`G_k`); Duchi et al. 2011.
    """
    gs = S.stream(n, gs)
    out: list[sp.Expr] = []
    acc = S.as_expr(G0)
    for x in gs:
        acc = acc + x**2
        out.append(acc)
    return out


def adagrad_step(
    G: sp.Expr,
    g: sp.Expr,
    *,
    convention: str = "pytorch",
    lr: sp.Expr = S.alpha,
    eps: sp.Expr = S.eps,
) -> sp.Expr:
    r"""The step subtracted from w given the accumulator :math:`G_t` (including :math:`g_t^2`).

    * ``"pytorch"`` (``torch.optim.Adagrad``, ε = 1e-10, accumulator starts at 0):
      :math:`\eta g/(\sqrt{G}+\varepsilon)`;
    * ``"optax"``, ``"keras"`` (ε = 1e-7, accumulator starts at 0.1):
      :math:`\eta g/\sqrt{G+\varepsilon}`;
    * ``"notes"`` (seed ``002_5f54ea678090eb2e.txt`` §1): :math:`\eta g/\sqrt{\varepsilon^2+G}`.

    The initial accumulator of each is :data:`INITIAL_ACCUMULATOR` (pass it as ``G0`` to
    :func:`adagrad_G_unrolled`).
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    if convention == "pytorch":
        return lr * g / (sp.sqrt(G) + eps)
    if convention == "notes":
        return lr * g / sp.sqrt(eps**2 + G)
    return lr * g / sp.sqrt(G + eps)


def effective_lr_constant(t: sp.Expr, lr: sp.Expr = S.alpha, g: sp.Expr = S.g) -> sp.Expr:
    r"""η/√G_t for :math:`|g_k| = |g|` at every step (ε = 0): :math:`\frac{\eta}{|g|\sqrt t}`.

    Source: seed ``003_b8a56a2a249e5e41.txt``, Practice 3 (η = 0.1, |g| = 1: 0.01 at k = 100).

    >>> from derivations.symbols import t
    >>> effective_lr_constant(100, lr=sp.Rational(1, 10), g=1)
    1/100
    """
    return lr / (sp.Abs(g) * sp.sqrt(t))


# -- sum-to-integral (seed 002, proof of Theorem 3) -----------------------------


def _a(n: int) -> list[sp.Symbol]:
    return [sp.Symbol(f"a{i}", nonnegative=True) for i in range(1, n + 1)]


def sum_to_integral_lhs(n: int, a: Sequence[sp.Expr] | None = None) -> sp.Expr:
    r""":math:`\sum_{t=1}^{n}\frac{a_t}{\sqrt{S_t}}`, :math:`S_t = a_1+\dots+a_t` (with
    :math:`a_t = g_t^2`: :math:`\sum_t\eta_t g_t^2/c`).

    Source: seed ``002_5f54ea678090eb2e.txt``, proof of Theorem 3.
    """
    a = list(_a(n) if a is None else a)
    total, out = sp.Integer(0), sp.Integer(0)
    for x in a:
        total += x
        out += x / sp.sqrt(total)
    return out


def sum_to_integral_lemma(n: int, a: Sequence[sp.Expr] | None = None) -> sp.LessThan:
    r"""The lemma :math:`\sum_{t=1}^{n}\frac{a_t}{\sqrt{S_t}} \le 2\sqrt{S_n}` (:math:`a_t \ge 0`,
    :math:`S_1 > 0`).

    True: each term is :math:`\le 2(\sqrt{S_t}-\sqrt{S_{t-1}})` (:func:`telescoping_step`).
    Tight as n → ∞ with equal :math:`a_t` (:math:`\sum 1/\sqrt t \sim 2\sqrt n`).
    Source: seed ``002_5f54ea678090eb2e.txt`` ("sum-to-integration lemma (Notes 6 Lemma 2)").
    """
    a = list(_a(n) if a is None else a)
    return sp.Le(sum_to_integral_lhs(n, a), 2 * sp.sqrt(sp.Add(*a)), evaluate=False)


def sum_to_integral_notes(n: int, a: Sequence[sp.Expr] | None = None) -> sp.LessThan:
    r"""The notes' version, as printed:
    :math:`\sum_{t=1}^{n}\frac{a_t}{\sqrt{S_t}} \le \sqrt{2 S_n}`.

    Source: seed ``002_5f54ea678090eb2e.txt``, proof of Theorem 3
    (":math:`\le\int_0^{\sum g^2}dx/\sqrt x = \sqrt{2\sum_t g_t[i]^2}`"); the integral is
    :math:`2\sqrt{S}` (:func:`integral_inverse_sqrt`). With :math:`a_t = 1` it fails from n = 5.
    """
    a = list(_a(n) if a is None else a)
    return sp.Le(sum_to_integral_lhs(n, a), sp.sqrt(2 * sp.Add(*a)), evaluate=False)


def integral_inverse_sqrt(upper: sp.Expr | None = None) -> sp.Equality:
    r""":math:`\int_0^{S}\frac{dx}{\sqrt x} = 2\sqrt S`, computed by SymPy (S > 0).

    Source: the integral in seed ``002_5f54ea678090eb2e.txt``, proof of Theorem 3.
    """
    x = sp.Symbol("x", positive=True)
    upper = sp.Symbol("S", positive=True) if upper is None else upper
    integral = sp.Integral(1 / sp.sqrt(x), (x, 0, upper))
    return sp.Eq(integral, integral.doit())


def telescoping_step(a: sp.Expr | None = None, s_prev: sp.Expr | None = None) -> sp.LessThan:
    r"""One term of the lemma: :math:`\frac{a}{\sqrt{S}} \le 2(\sqrt{S}-\sqrt{S-a})`,
    :math:`S = S_{t-1}+a`.

    Because :math:`2(\sqrt S-\sqrt{S-a}) = \frac{2a}{\sqrt S+\sqrt{S-a}} \ge \frac{a}{\sqrt S}`.
    Summing telescopes to :math:`2\sqrt{S_n}`.
    """
    a = sp.Symbol("a", nonnegative=True) if a is None else a
    s_prev = sp.Symbol("S_prev", nonnegative=True) if s_prev is None else s_prev
    s = s_prev + a
    return sp.Le(a / sp.sqrt(s), 2 * (sp.sqrt(s) - sp.sqrt(s_prev)), evaluate=False)


def telescoping_identity(a: sp.Expr | None = None, s_prev: sp.Expr | None = None) -> sp.Equality:
    r""":math:`2(\sqrt{S}-\sqrt{S_{t-1}}) = \frac{2a}{\sqrt{S}+\sqrt{S_{t-1}}}`,
    :math:`S = S_{t-1}+a` (the step behind :func:`telescoping_step`)."""
    a = sp.Symbol("a", nonnegative=True) if a is None else a
    s_prev = sp.Symbol("S_prev", nonnegative=True) if s_prev is None else s_prev
    s = s_prev + a
    return sp.Eq(
        2 * (sp.sqrt(s) - sp.sqrt(s_prev)), 2 * a / (sp.sqrt(s) + sp.sqrt(s_prev)), evaluate=False
    )


# -- Cauchy-Schwarz and sqrt(d) (seed 002, after Theorem 3) -----------------------


def gradient_matrix(d: int, T: int) -> list[list[sp.Symbol]]:
    """Symbols :math:`g_t[i]` (``g_t_i``, real) for t = 1..T (rows), coordinates i = 1..d
    (columns)."""
    return [[sp.Symbol(f"g_{t}_{i}", real=True) for i in range(1, d + 1)] for t in range(1, T + 1)]


def per_coordinate_sum(gm: Sequence[Sequence[sp.Expr]]) -> sp.Expr:
    r"""Bound (1) of the notes: :math:`\sum_{i=1}^{d}\sqrt{\sum_{t=1}^{T} g_t[i]^2}`."""
    d = len(gm[0])
    return sp.Add(*[sp.sqrt(sp.Add(*[row[i] ** 2 for row in gm])) for i in range(d)])


def total_norm(gm: Sequence[Sequence[sp.Expr]]) -> sp.Expr:
    r"""Bound (2) of the notes: :math:`\sqrt{\sum_{t=1}^{T}\|g_t\|^2}`."""
    return sp.sqrt(sp.Add(*[x**2 for row in gm for x in row]))


def cauchy_schwarz_sqrt_d(d: int, T: int) -> sp.LessThan:
    r""":math:`\sum_{i=1}^{d}\sqrt{\sum_{t} g_t[i]^2} \le \sqrt d\sqrt{\sum_t\|g_t\|^2}` for d
    coordinates, T steps.

    Cauchy–Schwarz on the vectors :math:`(1,\dots,1)` and :math:`(\sqrt{G_T[i]})_i`; equality
    when every coordinate has the same :math:`\sum_t g_t[i]^2`
    (:func:`cauchy_schwarz_equality_case`),
    and (1) ≥ (2) always, so the factor √d is attained and 1 is the other end.
    Source: seed ``002_5f54ea678090eb2e.txt``, after Theorem 3 (catalogue claim 002-4).
    """
    gm = gradient_matrix(d, T)
    return sp.Le(per_coordinate_sum(gm), sp.sqrt(d) * total_norm(gm), evaluate=False)


def cauchy_schwarz_general(d: int) -> sp.LessThan:
    r""":math:`\sum_{i=1}^{d}\sqrt{x_i} \le \sqrt{d\sum_i x_i}` for :math:`x_i \ge 0` (the same
    inequality, one symbol per coordinate)."""
    x = [sp.Symbol(f"x{i}", nonnegative=True) for i in range(1, d + 1)]
    return sp.Le(sp.Add(*[sp.sqrt(v) for v in x]), sp.sqrt(d * sp.Add(*x)), evaluate=False)


def cauchy_schwarz_equality_case(d: int, T: int) -> tuple[sp.Expr, sp.Expr]:
    r"""Both sides of :func:`cauchy_schwarz_sqrt_d` when every coordinate sees the same :math:`g_t`.

    Then :math:`\sum_i\sqrt{\sum_t g_t^2} = d\sqrt{\sum_t g_t^2} = \sqrt d\sqrt{d\sum_t g_t^2}`:
    equality, so √d is the best constant.
    Source: seed ``002_5f54ea678090eb2e.txt`` (after Theorem 3).
    """
    gs = S.grads(T)
    gm = [[gt] * d for gt in gs]
    return per_coordinate_sum(gm), sp.sqrt(d) * total_norm(gm)


def sum_sqrt_ge_sqrt_sum(d: int) -> sp.GreaterThan:
    r""":math:`\sum_i\sqrt{x_i} \ge \sqrt{\sum_i x_i}`: bound (1) is never below bound (2)."""
    x = [sp.Symbol(f"x{i}", nonnegative=True) for i in range(1, d + 1)]
    return sp.Ge(sp.Add(*[sp.sqrt(v) for v in x]), sp.sqrt(sp.Add(*x)), evaluate=False)


__all__ = [
    "CONVENTIONS",
    "INITIAL_ACCUMULATOR",
    "adagrad_G_unrolled",
    "adagrad_step",
    "cauchy_schwarz_equality_case",
    "cauchy_schwarz_general",
    "cauchy_schwarz_sqrt_d",
    "effective_lr_constant",
    "gradient_matrix",
    "integral_inverse_sqrt",
    "per_coordinate_sum",
    "sum_sqrt_ge_sqrt_sum",
    "sum_to_integral_lemma",
    "sum_to_integral_lhs",
    "sum_to_integral_notes",
    "telescoping_identity",
    "telescoping_step",
    "total_norm",
]
