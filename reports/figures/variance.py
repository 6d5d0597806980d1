r"""Figure 5: :math:`\operatorname{Var}(\hat m_t)/\sigma^2` against t.

Lecture notes 9 (seed ``002_5f54ea678090eb2e.txt`` §2.1, claims 002-11 … 002-13)
print :math:`\sigma^2\frac{(1-\beta_1)(1-\beta_1^{2t-1})}{(1-\beta_1^2)(1-\beta_1^t)^2}`;
the exact value for i.i.d. gradients is

.. math::
    \operatorname{Var}(\hat m_t) = \sigma^2
    \frac{(1-\beta)^2(1-\beta^{2t})}{(1-\beta^2)(1-\beta^t)^2}
    \xrightarrow[t\to\infty]{} \sigma^2\frac{1-\beta}{1+\beta}.

The figure shows the exact curve (:mod:`derivations.moments`), Monte Carlo
estimates with ±2 standard errors (:func:`reports.simulate.ema_moments`, the one
Monte Carlo, the function claims 002-11 … 002-13 use; the real recursion), the printed
formula, the limit, the Taylor value :math:`1-\beta` and the stated bound
:math:`4(1-\beta)` for t past the half-life.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from adaproof.reports.figures import style
from adaproof.reports.figures.bridge import evaluate
from matplotlib.ticker import FixedFormatter, FixedLocator, NullFormatter

BETA = 0.8
T = 25
B = 100_000


def var_m_hat_data(beta: float = BETA, T: int = T, B: int = B, seed: int = 5) -> dict[str, Any]:
    """Exact, Monte Carlo (value and SE), notes' formula, limit, Taylor value and bound."""
    from adaproof.derivations import ema as E
    from adaproof.derivations import moments as M
    from adaproof.derivations import symbols as S
    from adaproof.reports.simulate import ema_moments

    t = np.arange(1, T + 1)
    at = {S.t: t, S.beta: beta, S.sigma: 1.0}
    mc = ema_moments(beta, T, B, mu=0.0, sigma=1.0, seed=seed)
    half = float(evaluate(E.half_life(S.beta), {S.beta: beta}))
    return {
        "beta": beta,
        "B": mc.B,
        "t": t,
        "exact": evaluate(M.var_m_hat(S.t, S.beta), at),
        "mc": mc.var["m_hat"],
        "mc_se": mc.se_var["m_hat"],
        "notes": evaluate(M.var_m_hat_notes(S.t, S.beta), at),
        "limit": float(evaluate(M.var_m_hat_limit(S.beta), {S.beta: beta, S.sigma: 1.0})),
        "taylor": float(evaluate(M.var_factor_taylor(S.beta), {S.beta: beta})),
        "bound": float(evaluate(M.finite_t_bound(S.t, S.beta).rhs, {S.beta: beta})),
        "half_life": half,
    }


def draw_var_m_hat(fig: Any, d: dict[str, Any]) -> None:
    ax = fig.subplots()
    t, beta = d["t"], d["beta"]
    ax.plot(t, d["exact"], color=style.BLUE, lw=2.2, label="exact", zorder=3)
    ax.errorbar(
        t,
        d["mc"],
        yerr=2 * d["mc_se"],
        fmt="o",
        color=style.BLACK,
        ms=3.5,
        capsize=2,
        label=rf"Monte Carlo, {d['B']:,} runs ($\pm 2$ SE)",
        zorder=4,
    )
    ax.plot(
        t,
        d["notes"],
        "--",
        color=style.VERMILLION,
        label=r"notes: $\frac{(1-\beta)(1-\beta^{2t-1})}{(1-\beta^2)(1-\beta^t)^2}$",
    )
    ax.axhline(d["limit"], color=style.GREEN, lw=1.4, label=r"limit $\frac{1-\beta}{1+\beta}$")
    ax.axhline(d["taylor"], color=style.ORANGE, lw=1.4, ls="-.", label=r"Taylor: $1-\beta$")
    tb = t[t >= d["half_life"]]
    ax.plot(
        tb,
        np.full(tb.shape, d["bound"]),
        ":",
        color=style.PURPLE,
        lw=2.2,
        label=r"stated bound $4(1-\beta)$, $t\geq\ln(1/2)/\ln\beta$",
    )
    ax.set_yscale("log")
    ax.set_xlabel(r"$t$")
    ax.set_ylabel(r"$\operatorname{Var}(\hat m_t)/\sigma^2$")
    ax.set_title(rf"Variance of $\hat m_t$ for i.i.d. gradients, $\beta_1={beta:g}$")
    ax.legend(loc="upper right", ncol=2)
    ax.set_ylim(d["limit"] * 0.6, 3.0)
    # label the levels the figure is about (limit, Taylor value, bound, where the notes'
    # formula ends) and two round ones,
    # instead of the decades alone
    levels = sorted(
        {
            round(v, 2 if v > 0.3 else 3)
            for v in (d["limit"], d["taylor"], d["bound"], d["notes"][-1], 1.0, 2.0)
        }
    )
    ax.yaxis.set_major_locator(FixedLocator(levels))
    ax.yaxis.set_major_formatter(FixedFormatter([f"{v:.3g}" for v in levels]))
    ax.yaxis.set_minor_formatter(NullFormatter())
