r"""Moments of an EMA of i.i.d. gradients, exact at every t, their limits, and the notes' bounds.

Setting (seed ``002_5f54ea678090eb2e.txt`` §2.1, "Momentum as averaging"): gradients
:math:`g_1, g_2, \dots` i.i.d. with mean :math:`\mu` and variance :math:`\sigma^2`,
:math:`m_t = \beta m_{t-1} + (1-\beta) g_t`, :math:`m_0 = 0`,
:math:`\hat m_t = m_t / (1-\beta^t)`. Since :math:`m_t = \sum_k c_k g_k` with
:math:`c_k = (1-\beta)\beta^{t-k}`, :math:`E[m_t] = \mu\sum_k c_k` and
:math:`\operatorname{Var}(m_t) = \sigma^2 \sum_k c_k^2` (independence), so

.. math::
    E[m_t] = \mu(1-\beta^t), \quad
    \operatorname{Var}(m_t) = \sigma^2 \frac{(1-\beta)^2 (1-\beta^{2t})}{1-\beta^2}, \quad
    \operatorname{Var}(\hat m_t) = \sigma^2 \frac{(1-\beta)^2
    (1-\beta^{2t})}{(1-\beta^2)(1-\beta^t)^2}.

The sums are written with :func:`~derivations.symbols.geometric_sum` (β < 1), so no
Piecewise appears. The notes' own formulas and bounds (catalogue claims 002-11 to 002-13) are
provided as printed, whether or not they hold: deciding that is the claims' job.

>>> from derivations.symbols import beta, sigma
>>> var_m_hat(1, beta)
sigma**2
>>> sp.factor(var_m_hat_limit(beta))
-sigma**2*(beta - 1)/(beta + 1)
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import bias_correction, half_life


def mean_m(t: sp.Expr, beta: sp.Expr, mu: sp.Expr = S.mu) -> sp.Expr:
    r""":math:`E[m_t] = \mu(1-\beta^t)` for i.i.d. gradients of mean μ, :math:`m_0 = 0`.

    Source: seed ``002_5f54ea678090eb2e.txt`` §2 (:math:`E[v_t] = (1-\beta_2^t)g^2`, the same
    computation); seed ``004_7e32fd81a2d4d5ec.txt`` (:math:`E[m_t] = E[\nabla w](1-\beta^t)`).

    >>> from derivations.symbols import beta, t
    >>> mean_m(t, beta)
    mu*(1 - beta**t)
    """
    return mu * (1 - beta**t)


def mean_m_hat(t: sp.Expr, beta: sp.Expr, mu: sp.Expr = S.mu) -> sp.Expr:
    r""":math:`E[\hat m_t] = E[m_t]/(1-\beta^t) = \mu` at every t (bias correction is exact here).

    Source: Kingma & Ba (arXiv:1412.6980) §3; seed ``002_5f54ea678090eb2e.txt`` §2.1.

    >>> from derivations.symbols import beta, t
    >>> mean_m_hat(t, beta)
    mu
    """
    return sp.cancel(mean_m(t, beta, mu) * bias_correction(t, beta))


def mean_v(t: sp.Expr, beta: sp.Expr, mu: sp.Expr = S.mu, sigma: sp.Expr = S.sigma) -> sp.Expr:
    r""":math:`E[v_t] = (\mu^2+\sigma^2)(1-\beta^t)` for the EMA :math:`v_t` of :math:`g_t^2`,
    :math:`v_0 = 0`.

    Source: seed ``002_5f54ea678090eb2e.txt`` §2 (with :math:`E[g_t^2] = g^2 = \mu^2+\sigma^2`).
    """
    return (mu**2 + sigma**2) * (1 - beta**t)


def var_m(t: sp.Expr, beta: sp.Expr, sigma: sp.Expr = S.sigma) -> sp.Expr:
    r""":math:`\operatorname{Var}(m_t) = \sigma^2(1-\beta)^2\sum_{j=0}^{t-1}\beta^{2j} =
    \sigma^2\frac{(1-\beta)^2(1-\beta^{2t})}{1-\beta^2}`.

    Source: derived here from the unrolled :math:`m_t` (seed ``002_5f54ea678090eb2e.txt``
    §2.1) with :math:`\operatorname{Var}\sum_k c_k g_k = \sigma^2\sum_k c_k^2`.

    >>> from derivations.symbols import beta
    >>> sp.factor(var_m(2, beta))
    sigma**2*(beta - 1)**2*(beta**2 + 1)
    """
    return sigma**2 * (1 - beta) ** 2 * S.geometric_sum(beta**2, t)


def var_m_hat(t: sp.Expr, beta: sp.Expr, sigma: sp.Expr = S.sigma) -> sp.Expr:
    r""":math:`\operatorname{Var}(\hat m_t) =
    \sigma^2\frac{(1-\beta)^2(1-\beta^{2t})}{(1-\beta^2)(1-\beta^t)^2}`, exact for every t ≥ 1.

    Equals σ² at t = 1 (:math:`\hat m_1 = g_1`). Source: seed ``002_5f54ea678090eb2e.txt``
    §2.1 (its printed version is :func:`var_m_hat_notes`).

    >>> from derivations.symbols import beta
    >>> sp.factor(var_m_hat(2, beta))
    sigma**2*(beta**2 + 1)/(beta + 1)**2
    """
    return var_m(t, beta, sigma) * bias_correction(t, beta) ** 2


def var_m_limit(beta: sp.Expr, sigma: sp.Expr = S.sigma) -> sp.Expr:
    r""":math:`\lim_{t\to\infty}\operatorname{Var}(m_t) = \sigma^2\frac{1-\beta}{1+\beta}`.

    Computed by :func:`~derivations.symbols.limit_t_to_infinity` when β is the package symbol.
    """
    return _limit(lambda b: var_m(S.t, b, sigma), beta)


def var_m_hat_limit(beta: sp.Expr, sigma: sp.Expr = S.sigma) -> sp.Expr:
    r""":math:`\lim_{t\to\infty}\operatorname{Var}(\hat m_t) =
    \sigma^2\frac{(1-\beta)^2}{1-\beta^2} = \sigma^2\frac{1-\beta}{1+\beta}`.

    Source: seed ``002_5f54ea678090eb2e.txt`` §2.1 ("For large t … σ²(1−β₁)/(1+β₁)").

    >>> from derivations.symbols import beta
    >>> sp.factor(var_m_hat_limit(beta) - S.sigma**2 * (1 - beta) / (1 + beta))
    0
    """
    return _limit(lambda b: var_m_hat(S.t, b, sigma), beta)


def _limit(build: Callable[[sp.Expr], sp.Expr], beta: sp.Expr) -> sp.Expr:
    """lim_{t→∞} of ``build(β)``, β (a symbol or an expression) assumed in (0, 1)."""
    b = sp.Dummy("b", positive=True)
    lim = S.limit_t_to_infinity(build(b), b)
    return sp.factor(lim.subs(b, beta))


def var_m_hat_notes(t: sp.Expr, beta: sp.Expr, sigma: sp.Expr = S.sigma) -> sp.Expr:
    r"""The notes' printed formula (002, item 11):
    :math:`\sigma^2\frac{(1-\beta_1)(1-\beta_1^{2t-1})}{(1-\beta_1^2)(1-\beta_1^t)^2}`.

    As printed in seed ``002_5f54ea678090eb2e.txt`` §2.1, with the notes' β₁ written β.
    Kept verbatim (one factor :math:`1-\beta_1`, exponent :math:`2t-1`) for the claims
    to test; compare :func:`var_m_hat`.
    """
    return sigma**2 * (1 - beta) * (1 - beta ** (2 * t - 1)) / ((1 - beta**2) * (1 - beta**t) ** 2)


def var_factor_notes_13(t: sp.Expr, beta: sp.Expr) -> sp.Expr:
    r"""The factor the notes then bound (002, item 13):
    :math:`\frac{(1-\beta_1)^2(1-\beta_1^{2t-1})}{(1-\beta_1^2)(1-\beta_1^t)^2}`.

    As printed in seed ``002_5f54ea678090eb2e.txt`` §2.1 ("We need to control …"); note the
    square on :math:`1-\beta_1` that item 11 lacks, and the exponent :math:`2t-1`.
    """
    return (1 - beta) ** 2 * (1 - beta ** (2 * t - 1)) / ((1 - beta**2) * (1 - beta**t) ** 2)


def var_factor(t: sp.Expr, beta: sp.Expr) -> sp.Expr:
    r"""The exact factor
    :math:`\operatorname{Var}(\hat m_t)/\sigma^2 =
    \frac{(1-\beta)^2(1-\beta^{2t})}{(1-\beta^2)(1-\beta^t)^2}`.

    Source: :func:`var_m_hat` divided by σ².
    """
    return sp.cancel(var_m_hat(t, beta) / S.sigma**2)


def var_factor_taylor(beta: sp.Expr) -> sp.Expr:
    r"""The notes' first-order Taylor value of the limit factor (002, item 12): :math:`1-\beta_1`.

    Source: seed ``002_5f54ea678090eb2e.txt`` §2.1 ("by first-order taylor expansion …
    σ²(1−β₁)"). The exact limit factor is :math:`(1-\beta)/(1+\beta)`; their ratio is
    :func:`taylor_ratio`.
    """
    return 1 - beta


def taylor_ratio(beta: sp.Expr) -> sp.Expr:
    r"""Exact limit factor over the notes' Taylor value:
    :math:`\frac{(1-\beta)/(1+\beta)}{1-\beta} = \frac{1}{1+\beta}` (→ ½ as β → 1).

    Source: derived here to quantify 002 item 12.

    >>> from derivations.symbols import beta
    >>> taylor_ratio(beta)
    1/(beta + 1)
    """
    return sp.cancel(var_m_hat_limit(beta, sigma=sp.Integer(1)) / var_factor_taylor(beta))


def equivalent_batch_size(beta: sp.Expr) -> sp.Expr:
    r"""The batch size N with :math:`\sigma^2/N = \lim_t \operatorname{Var}(\hat m_t)`:
    :math:`N = \frac{1+\beta}{1-\beta}`.

    With the notes' :math:`\beta_1 = (N-1)/N` this is :math:`2N-1`, not N (002 item 12).

    >>> from derivations.symbols import beta
    >>> n = sp.Symbol("N", positive=True)
    >>> sp.simplify(equivalent_batch_size((n - 1) / n))
    2*N - 1
    """
    return sp.cancel(1 / var_m_hat_limit(beta, sigma=sp.Integer(1)))


# -- the notes' relations, as stated (002 items 12-13) ------------------------


def limit_factor_identity(beta: sp.Expr) -> sp.Equality:
    r"""002 item 12: :math:`\frac{(1-\beta_1)^2}{1-\beta_1^2} = \frac{1-\beta_1}{1+\beta_1}`
    (stated identity)."""
    return sp.Eq((1 - beta) ** 2 / (1 - beta**2), (1 - beta) / (1 + beta), evaluate=False)


def limit_factor_bound(beta: sp.Expr) -> sp.LessThan:
    r"""002 item 13: with :math:`\beta_1 = 1-\alpha`,
    :math:`\frac{(1-\beta_1)^2}{1-\beta_1^2} = \frac{\alpha}{2-\alpha} \le \alpha` (stated bound).

    Source: seed ``002_5f54ea678090eb2e.txt`` §2.1.
    """
    return sp.Le((1 - beta) ** 2 / (1 - beta**2), 1 - beta, evaluate=False)


def finite_t_condition(t: sp.Expr, beta: sp.Expr) -> sp.GreaterThan:
    r"""002 item 13's hypothesis :math:`t \ge \log(1/2)/\log(\beta_1)` (equivalently
    :math:`\beta_1^t \le 1/2`)."""
    return sp.Ge(t, half_life(beta), evaluate=False)


def finite_t_bound(t: sp.Expr, beta: sp.Expr, *, as_printed: bool = True) -> sp.LessThan:
    r"""002 item 13: for :math:`t \ge \log(1/2)/\log\beta_1`, the variance factor is
    :math:`\le 4\alpha = 4(1-\beta_1)`.

    ``as_printed=True`` bounds the notes' factor :func:`var_factor_notes_13`; ``False`` the
    exact factor :func:`var_factor`. Holds only under :func:`finite_t_condition`.
    Source: seed ``002_5f54ea678090eb2e.txt`` §2.1.
    """
    lhs = var_factor_notes_13(t, beta) if as_printed else var_factor(t, beta)
    return sp.Le(lhs, 4 * (1 - beta), evaluate=False)


__all__ = [
    "equivalent_batch_size",
    "finite_t_bound",
    "finite_t_condition",
    "limit_factor_bound",
    "limit_factor_identity",
    "mean_m",
    "mean_m_hat",
    "mean_v",
    "taylor_ratio",
    "var_factor",
    "var_factor_notes_13",
    "var_factor_taylor",
    "var_m",
    "var_m_hat",
    "var_m_hat_limit",
    "var_m_hat_notes",
    "var_m_limit",
]
