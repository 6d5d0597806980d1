r"""Exponential moving averages: unrolled, in closed form, their weights and bias correction.

The EMA with parameter :math:`\beta \in (0, 1)` of a stream :math:`x_1, x_2, \dots` is

.. math::
    m_t = \beta m_{t-1} + (1-\beta) x_t
        = \beta^t m_0 + \sum_{k=1}^{t} (1-\beta)\beta^{t-k} x_k .

Sources: Kingma & Ba, "Adam" (arXiv:1412.6980), §3 (bias correction); seed
``002_5f54ea678090eb2e.txt`` §2 and §2.1 (the unrolled :math:`v_t`, :math:`m_t`);
seed ``003_b8a56a2a249e5e41.txt``, Practice 4 (half-life, effective window).

>>> from derivations.symbols import beta, grads
>>> g1, g2 = grads(2)
>>> sp.expand(ema_unrolled([g1, g2], beta)[-1] - (1 - beta) * (beta * g1 + g2))
0
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from adaproof.derivations import symbols as S

#: the general-t gradient sequence g_k (real), used in closed forms with a symbolic t
G = sp.IndexedBase("g", real=True)


def ema_unrolled(xs: Sequence[sp.Expr], beta: sp.Expr, x0: sp.Expr = 0) -> list[sp.Expr]:
    r"""[m_1, …, m_n] of :math:`m_t = \beta m_{t-1} + (1-\beta)x_t`, :math:`m_0 = x_0`.

    The recursion itself, step by step (nothing closed-form): every closed form in
    this package is tested against it. Source: Kingma & Ba (arXiv:1412.6980),
    Algorithm 1; seed ``001_a9f80f3499dce77f.txt``, Part 1.

    >>> from derivations.symbols import beta1, grads
    >>> ema_unrolled(grads(1), beta1)
    [g1*(1 - beta1)]
    """
    out: list[sp.Expr] = []
    m = S.as_expr(x0)
    for x in xs:
        m = beta * m + (1 - beta) * x
        out.append(m)
    return out


def ema_closed_form(
    t: sp.Expr, beta: sp.Expr, x: sp.IndexedBase | None = None, x0: sp.Expr = 0
) -> sp.Expr:
    r"""The general-t form :math:`m_t = \beta^t m_0 + \sum_{k=1}^{t}(1-\beta)\beta^{t-k}x_k`.

    Returned as an unevaluated ``Sum`` over ``x[k]`` (default: the gradients
    ``g[k]``); ``.doit()`` for an integer t gives the finite expansion, and
    :func:`concrete` maps ``g[i]`` onto the package's symbols ``g1, g2, …``.
    Source: seed ``002_5f54ea678090eb2e.txt`` §2 (the unrolled :math:`v_t`).

    >>> from derivations.symbols import beta
    >>> concrete(ema_closed_form(2, beta).doit())
    (1 - beta)*(beta*g1 + g2)
    """
    x = G if x is None else x
    k = S.k
    return beta**t * x0 + sp.Sum(ema_weight(t, k, beta) * x[k], (k, 1, t))


def concrete(expr: sp.Expr) -> sp.Expr:
    """Replace ``g[i]`` (integer i ≥ 1) by the package's gradient symbols :math:`g_i` (``g1, g2,
    …``)."""
    reps = {
        e: S.grad(int(e.indices[0]))
        for e in expr.atoms(sp.Indexed)
        if e.base == G and e.indices[0].is_Integer
    }
    return expr.xreplace(reps)


def ema_weight(t: sp.Expr, k: sp.Expr, beta: sp.Expr) -> sp.Expr:
    r"""Weight of :math:`x_k` in :math:`m_t`: :math:`(1-\beta)\beta^{t-k}`, 1 ≤ k ≤ t.

    Source: seed ``002_5f54ea678090eb2e.txt`` §2.1.

    >>> from derivations.symbols import beta
    >>> ema_weight(3, 1, beta)
    beta**2*(1 - beta)
    """
    return (1 - beta) * beta ** (t - k)


def weights_sum(t: sp.Expr, beta: sp.Expr) -> sp.Expr:
    r""":math:`\sum_{k=1}^{t}(1-\beta)\beta^{t-k} = 1-\beta^t` (no Piecewise: β < 1).

    Source: seed ``002_5f54ea678090eb2e.txt`` §2 ("E[v_t] = (1−β₂ᵗ)g²").

    >>> from derivations.symbols import beta, t
    >>> weights_sum(t, beta)
    1 - beta**t
    """
    return sp.cancel((1 - beta) * S.geometric_sum(beta, t))


def bias_correction(t: sp.Expr, beta: sp.Expr) -> sp.Expr:
    r"""Adam's bias-correction factor :math:`\frac{1}{1-\beta^t}`.

    Dividing by the weights' sum makes the weights of :math:`\hat m_t = m_t/(1-\beta^t)`
    sum to one. Source: Kingma & Ba (arXiv:1412.6980), §3.

    >>> from derivations.symbols import beta1
    >>> bias_correction(1, beta1)
    1/(1 - beta1)
    """
    return 1 / (1 - beta**t)


def normalized_weight(t: sp.Expr, k: sp.Expr, beta: sp.Expr) -> sp.Expr:
    r"""Weight of :math:`x_k` in :math:`\hat m_t`: :math:`\frac{(1-\beta)\beta^{t-k}}{1-\beta^t}`.

    Source: seed ``002_5f54ea678090eb2e.txt`` §2.1
    (:math:`\hat m_t = \sum_\tau \beta_1^\tau g_{t-\tau} / \sum_\tau \beta_1^\tau`).
    """
    return ema_weight(t, k, beta) * bias_correction(t, beta)


def half_life(beta: sp.Expr) -> sp.Expr:
    r"""Steps h after which a weight has halved, :math:`\beta^h = \tfrac12`:
    :math:`h = \frac{\ln(1/2)}{\ln\beta}`.

    Source: seed ``003_b8a56a2a249e5e41.txt``, Practice 4 ("≈ 6.6 for ρ = 0.9 and ≈ 69
    for ρ = 0.99"); seed ``002_5f54ea678090eb2e.txt`` §2.1 (t ≥ log(1/2)/log(β₁)).

    >>> from derivations.symbols import beta
    >>> half_life(beta)
    -log(2)/log(beta)
    >>> round(float(half_life(sp.Rational(9, 10))), 2)
    6.58
    """
    return sp.log(sp.Rational(1, 2)) / sp.log(beta)


def effective_window(beta: sp.Expr) -> sp.Expr:
    r"""The EMA's effective window :math:`\frac{1}{1-\beta}` (total weight / largest weight).

    Equal to :math:`\sum_{j\ge0}\beta^j`, the sum of the weights relative to the newest
    one, and to the mean age plus one, :math:`\sum_{j\ge0}(j+1)(1-\beta)\beta^j`.
    Source: seed ``003_b8a56a2a249e5e41.txt``, Practice 2 and 4.

    >>> from derivations.symbols import beta
    >>> effective_window(sp.Rational(9999, 10000))
    10000
    """
    return 1 / (1 - beta)


def mean_age(beta: sp.Expr) -> sp.Expr:
    r"""Mean age of the (t → ∞) weights,
    :math:`\sum_{j\ge0} j(1-\beta)\beta^j = \frac{\beta}{1-\beta}`.

    Source: standard EMA algebra (the "center of mass" of the weights), used to compare
    with :func:`effective_window` and :func:`half_life`.
    """
    return beta / (1 - beta)


def half_life_vs_window(beta: sp.Expr) -> sp.Expr:
    r"""Ratio half-life / window :math:`= -\frac{(1-\beta)\ln 2}{\ln\beta}`, → ln 2 as β → 1.

    Source: seed ``003_b8a56a2a249e5e41.txt``, Practice 4 (half-life and window quoted side by
    side).
    """
    return half_life(beta) / effective_window(beta)


__all__ = [
    "G",
    "bias_correction",
    "concrete",
    "effective_window",
    "ema_closed_form",
    "ema_unrolled",
    "ema_weight",
    "half_life",
    "half_life_vs_window",
    "mean_age",
    "normalized_weight",
    "weights_sum",
]
