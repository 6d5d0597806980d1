r"""Worst cases of Adam's and AdaMax's normalized step over all gradient sequences.

**Adam.** With :math:`m_0 = v_0 = 0`, :math:`\hat m_t = \sum_{k=1}^t a_k g_k` and
:math:`\hat v_t = \sum_{k=1}^t b_k g_k^2`, where

.. math::
    a_k = \frac{(1-\beta_1)\beta_1^{t-k}}{1-\beta_1^t},\qquad
    b_k = \frac{(1-\beta_2)\beta_2^{t-k}}{1-\beta_2^t}.

By Cauchy–Schwarz, :math:`|\sum_k a_k g_k| = |\sum_k (a_k/\sqrt{b_k})(\sqrt{b_k}g_k)|
\le \sqrt{\sum_k a_k^2/b_k}\,\sqrt{\hat v_t}`, with equality iff :math:`g_k \propto a_k/b_k
\propto (\beta_1/\beta_2)^{t-k}`. Hence

.. math::
    \sup_{g}\frac{|\hat m_t|}{\sqrt{\hat v_t}} = \sqrt{\sum_{k=1}^t\frac{a_k^2}{b_k}}
    = \frac{1-\beta_1}{1-\beta_1^t}\sqrt{\frac{1-\beta_2^t}{1-\beta_2}
      \sum_{j=0}^{t-1}\Bigl(\frac{\beta_1^2}{\beta_2}\Bigr)^j},

which as t → ∞ tends to :math:`(1-\beta_1)\sqrt{\beta_2/((1-\beta_2)(\beta_2-\beta_1^2))}` when
:math:`\beta_1^2 < \beta_2` and grows without bound (geometrically, or like √t at equality)
when :math:`\beta_1^2 \ge \beta_2`. Kingma & Ba (arXiv:1412.6980, §2.1) state
:math:`|\Delta_t| \le \alpha(1-\beta_1)/\sqrt{1-\beta_2}` if :math:`1-\beta_1 > \sqrt{1-\beta_2}`,
else :math:`|\Delta_t| \le \alpha` (:func:`kingma_ba_bound`); the supremum exceeds both
(e.g. ≈ 7.27 against 3.16 at the defaults β₁ = 0.9, β₂ = 0.999).

**AdaMax** (Kingma & Ba §7.1): :math:`u_t = \max(\beta_2u_{t-1}, |g_t|) = \max_k\beta_2^{t-k}|g_k|`,
so :math:`|\hat m_t| \le \sum_k a_k|g_k| \le u_t\sum_k a_k\beta_2^{-(t-k)}`, with equality at
:math:`g_k = \beta_2^{-(t-k)}`:

.. math::
    \sup_g\frac{|\hat m_t|}{u_t} =
    \frac{1-\beta_1}{1-\beta_1^t}\sum_{j=0}^{t-1}\Bigl(\frac{\beta_1}{\beta_2}\Bigr)^j
    \xrightarrow[t\to\infty]{} \frac{(1-\beta_1)\beta_2}{\beta_2-\beta_1}\quad(\beta_1<\beta_2),

above the paper's :math:`|\Delta_t| \le \alpha` for every t ≥ 2.

The sums are written with :func:`~derivations.symbols.geometric_sum`; at :math:`\beta_1^2 = \beta_2`
(Adam) or :math:`\beta_1 = \beta_2` (AdaMax) the closed form is 0/0 and the sum is t.

>>> from derivations.symbols import beta1, beta2
>>> adam_max_ratio(1, beta1, beta2)
1
>>> round(float(adam_max_ratio_limit(sp.Rational(9, 10), sp.Rational(999, 1000))), 3)
7.27
"""

from __future__ import annotations

import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import bias_correction as _bc


def _weights(t: sp.Expr, k: sp.Expr, beta1: sp.Expr, beta2: sp.Expr, bias_correction: bool):
    a = (1 - beta1) * beta1 ** (t - k)
    b = (1 - beta2) * beta2 ** (t - k)
    if bias_correction:
        a, b = a * _bc(t, beta1), b * _bc(t, beta2)
    return a, b


def adam_weights(
    t: int, beta1: sp.Expr = S.beta1, beta2: sp.Expr = S.beta2, *, bias_correction: bool = True
) -> tuple[list[sp.Expr], list[sp.Expr]]:
    r"""([a_1…a_t], [b_1…b_t]) with :math:`\hat m_t = \sum_k a_kg_k`,
    :math:`\hat v_t = \sum_k b_kg_k^2`."""
    pairs = [_weights(t, k, beta1, beta2, bias_correction) for k in range(1, t + 1)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def adam_max_ratio(
    t: sp.Expr = S.t,
    beta1: sp.Expr = S.beta1,
    beta2: sp.Expr = S.beta2,
    *,
    bias_correction: bool = True,
) -> sp.Expr:
    r""":math:`\sup_g |\hat m_t|/\sqrt{\hat v_t} =
    \frac{1-\beta_1}{1-\beta_1^t}\sqrt{\frac{1-\beta_2^t}{1-\beta_2}\cdot\frac{1-(\beta_1^2/\beta_2)^t}{1-\beta_1^2/\beta_2}}`.

    Exact for every t ≥ 1 (Cauchy–Schwarz, attained by :func:`adam_attaining_sequence`);
    ``bias_correction=False`` gives :math:`\sup|m_t|/\sqrt{v_t} = \frac{1-\beta_1}{\sqrt{1-\beta_2}}
    \sqrt{\sum_{j<t}(\beta_1^2/\beta_2)^j}`. Source: derived here (module docstring) to test
    Kingma & Ba (arXiv:1412.6980) §2.1.

    >>> from derivations.symbols import beta1, beta2
    >>> two = (1 + beta2) * (beta1**2 + beta2) / (beta2 * (1 + beta1) ** 2)
    >>> sp.simplify(adam_max_ratio(2, beta1, beta2) ** 2 - two)
    0
    """
    r = beta1**2 / beta2
    if bias_correction:
        return (
            (1 - beta1)
            / (1 - beta1**t)
            * sp.sqrt(S.geometric_sum(beta2, t) * S.geometric_sum(r, t))
        )
    return (1 - beta1) / sp.sqrt(1 - beta2) * sp.sqrt(S.geometric_sum(r, t))


def adam_attaining_sequence(
    n: int, beta1: sp.Expr = S.beta1, beta2: sp.Expr = S.beta2
) -> list[sp.Expr]:
    r"""A gradient sequence :math:`g_1…g_n` attaining :func:`adam_max_ratio` at t = n:
    :math:`g_k = (\beta_1/\beta_2)^{n-k}`.

    (:math:`g_k \propto a_k/b_k`, the Cauchy–Schwarz equality case; any positive multiple,
    or the negative, attains it too; the same with or without bias correction.)
    """
    return [(beta1 / beta2) ** (n - k) for k in range(1, n + 1)]


def adam_max_ratio_limit(beta1: sp.Expr = S.beta1, beta2: sp.Expr = S.beta2) -> sp.Expr:
    r""":math:`\lim_{t\to\infty}` of :func:`adam_max_ratio` for :math:`\beta_1^2 < \beta_2`:
    :math:`(1-\beta_1)\sqrt{\frac{\beta_2}{(1-\beta_2)(\beta_2-\beta_1^2)}}`.

    For :math:`\beta_1^2 \ge \beta_2` the supremum grows without bound in t. With or without
    bias correction the limit is the same. Source: derived here.
    """
    return (1 - beta1) * sp.sqrt(beta2 / ((1 - beta2) * (beta2 - beta1**2)))


def adam_sparse_ratio(
    t: sp.Expr = S.t, beta1: sp.Expr = S.beta1, beta2: sp.Expr = S.beta2
) -> sp.Expr:
    r"""|m̂_t|/√v̂_t when only the current gradient is nonzero:
    :math:`\frac{1-\beta_1}{1-\beta_1^t}\sqrt{\frac{1-\beta_2^t}{1-\beta_2}}`.

    Tends to :math:`(1-\beta_1)/\sqrt{1-\beta_2}`, the paper's first bound ("the most severe
    case of sparsity"). Source: Kingma & Ba (arXiv:1412.6980) §2.1.
    """
    return (1 - beta1) / (1 - beta1**t) * sp.sqrt(S.geometric_sum(beta2, t))


def kingma_ba_bound(beta1: sp.Expr = S.beta1, beta2: sp.Expr = S.beta2) -> sp.Piecewise:
    r"""The paper's bound on :math:`|\Delta_t|/\alpha`: :math:`\frac{1-\beta_1}{\sqrt{1-\beta_2}}`
    if :math:`1-\beta_1 > \sqrt{1-\beta_2}`, else 1.

    A genuine case split of the source (not an artefact of β < 1). Source: Kingma & Ba
    (arXiv:1412.6980) §2.1, as stated.

    >>> float(kingma_ba_bound(sp.Rational(9, 10), sp.Rational(999, 1000)))  # doctest: +ELLIPSIS
    3.162...
    """
    first = (1 - beta1) / sp.sqrt(1 - beta2)
    return sp.Piecewise((first, 1 - beta1 > sp.sqrt(1 - beta2)), (sp.Integer(1), True))


def cauchy_schwarz_gap(n: int) -> sp.Equality:
    r"""Lagrange's identity behind the supremum, for t = n, in free weights :math:`a_k`,
    :math:`b_k > 0`:

    .. math::
        \Bigl(\sum_k\frac{a_k^2}{b_k}\Bigr)\Bigl(\sum_k b_kg_k^2\Bigr) - \Bigl(\sum_k a_kg_k\Bigr)^2
        = \sum_{j<k}\frac{(a_jb_kg_k - a_kb_jg_j)^2}{b_jb_k} \;\ge 0 .
    """
    a = [sp.Symbol(f"a{i}", positive=True) for i in range(1, n + 1)]
    b = [sp.Symbol(f"b{i}", positive=True) for i in range(1, n + 1)]
    g = S.grads(n)
    lhs = (
        sp.Add(*[x**2 / y for x, y in zip(a, b, strict=True)])
        * sp.Add(*[y * z**2 for y, z in zip(b, g, strict=True)])
        - sp.Add(*[x * z for x, z in zip(a, g, strict=True)]) ** 2
    )
    rhs = sp.Add(
        *[
            (a[j] * b[k] * g[k] - a[k] * b[j] * g[j]) ** 2 / (b[j] * b[k])
            for j in range(n)
            for k in range(j + 1, n)
        ]
    )
    return sp.Eq(lhs, rhs, evaluate=False)


# -- AdaMax ------------------------------------------------------------------------


def adamax_max_ratio(
    t: sp.Expr = S.t, beta1: sp.Expr = S.beta1, beta2: sp.Expr = S.beta2
) -> sp.Expr:
    r""":math:`\sup_g|\hat m_t|/u_t =
    \frac{1-\beta_1}{1-\beta_1^t}\cdot\frac{1-(\beta_1/\beta_2)^t}{1-\beta_1/\beta_2}` (paper's
    AdaMax, no ε).

    Attained by :func:`adamax_attaining_sequence`. Source: derived here to test Kingma & Ba
    (arXiv:1412.6980) §7.1 ("|Δ_t| ≤ α").

    >>> from derivations.symbols import beta1, beta2
    >>> sp.factor(adamax_max_ratio(2, beta1, beta2))
    (beta1 + beta2)/(beta2*(beta1 + 1))
    """
    return (1 - beta1) / (1 - beta1**t) * S.geometric_sum(beta1 / beta2, t)


def adamax_attaining_sequence(n: int, beta2: sp.Expr = S.beta2) -> list[sp.Expr]:
    r"""Gradients attaining :func:`adamax_max_ratio` at t = n: :math:`g_k = \beta_2^{-(n-k)}` (so
    every :math:`\beta_2^{n-k}|g_k| = 1`)."""
    return [beta2 ** (k - n) for k in range(1, n + 1)]


def adamax_max_ratio_limit(beta1: sp.Expr = S.beta1, beta2: sp.Expr = S.beta2) -> sp.Expr:
    r""":math:`\lim_{t\to\infty}` of :func:`adamax_max_ratio` for β₁ < β₂:
    :math:`\frac{(1-\beta_1)\beta_2}{\beta_2-\beta_1}` (> 1).

    For β₁ ≥ β₂ the supremum grows without bound. Source: derived here.

    >>> round(float(adamax_max_ratio_limit(sp.Rational(9, 10), sp.Rational(999, 1000))), 4)
    1.0091
    """
    return (1 - beta1) * beta2 / (beta2 - beta1)


__all__ = [
    "adam_attaining_sequence",
    "adam_max_ratio",
    "adam_max_ratio_limit",
    "adam_sparse_ratio",
    "adam_weights",
    "adamax_attaining_sequence",
    "adamax_max_ratio",
    "adamax_max_ratio_limit",
    "cauchy_schwarz_gap",
    "kingma_ba_bound",
]
