r"""§2.1 of the notes, the bounds on the variance of m̂_t: with β₁ = 1 − α the limit factor is
at most α, and past the half-life the finite-t factor is at most 4α."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
from adaproof.derivations import moments, symbols
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import decide, interval
from adaproof.reports.claims.seed_002 import SOURCE
from adaproof.reports.claims.seed_002._shared import var_m_hat_runs as _mc

_SECTION = "§2.1 Momentum as Averaging"
_b, _t = symbols.beta1, symbols.t
_alpha = sp.Symbol("a", positive=True)  # the notes' alpha = 1 - beta1 (not a step size)


@claim(
    id="002-13a",
    source=SOURCE,
    location=_SECTION + ", β₁ = 1 − α",
    inventory="002-13",
    statement=r"\frac{(1-\beta_1)^2}{1-\beta_1^2} = \frac{\alpha^2}{2\alpha-\alpha^2} ="
    r" \frac{\alpha}{2-\alpha} \le \alpha",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="limit factor at most 1 - beta1",
    figure="var_m_hat",
)
def limit_factor_bound() -> Evidence:
    """b = 1 - a: (1-b)^2/(1-b^2) = a^2/(2a - a^2) = a/(2-a) <= a (0 < a <= 1).

    Symbolic: the identity (cancel) and the inequality (decided). Numeric: the
    simulated limit variance at b = 0.8 (a = 0.2) is at most 0.2.
    """
    bound = moments.limit_factor_bound(_b)
    ident = sp.cancel(bound.lhs.subs(_b, 1 - _alpha) - _alpha / (2 - _alpha)) == 0
    d = decide(_alpha / (2 - _alpha), "<=", _alpha, {_alpha: interval(0, 1, closed_hi=True)})
    var, se = _mc(0.8, 100)
    return Evidence(
        "(1-b)^2/(1-b^2) = a/(2-a) <= a",
        proofs=[
            Proof("cancel((1-b)^2/(1-b^2) - a/(2-a)) = 0 at b = 1 - a", ident),
            Proof(f"a/(2-a) <= a on (0, 1] ({d.method})", d.verdict == "true"),
        ],
        comparisons=[
            Comparison(
                "Monte Carlo Var(m_hat_100) at b = 0.8 - 4 SE vs a = 0.2",
                float(var[-1] - 4 * se[-1]),
                0.2,
                mode="upper",
            )
        ],
    )


@claim(
    id="002-13b",
    source=SOURCE,
    location=_SECTION + ", threshold on t",
    inventory="002-13",
    statement=r"t \ge \log(1/2)/\log(\beta_1) \Rightarrow \beta_1^t \le 1/2",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="threshold gives beta^t <= 1/2",
    figure="ema_half_life",
)
def half_threshold() -> Evidence:
    """t >= log(1/2)/log(b) implies b^t <= 1/2 (log b < 0 flips the inequality).

    Symbolic: b^t = exp(t log b) <= exp(log(1/2)) decided on t log b <= log(1/2).
    Numeric: the EMA weight b^t of the initial value at t = ceil(threshold),
    run by the recursion for 200 values of b in (0, 1) at once, is at most 1/2.
    """
    tt = sp.Symbol("t", positive=True)
    lb = sp.Symbol("l", negative=True)  # l = log b < 0
    half = sp.log(sp.Rational(1, 2))
    d = decide(lb * (half / lb + tt), "<=", half)
    bs = np.linspace(0.005, 0.995, 200)
    t0 = np.ceil(np.log(0.5) / np.log(bs)).astype(int)
    w = simulate.ema(np.zeros((bs.size, int(t0.max()))), beta=bs, init=1.0)
    worst = float(np.max(w[np.arange(bs.size), t0 - 1]))
    return Evidence(
        f"largest beta^t at the threshold: {worst:.4f} <= 1/2",
        proofs=[
            Proof(f"t log b <= log(1/2) for t >= log(1/2)/log b ({d.method})", d.verdict == "true")
        ],
        comparisons=[
            Comparison(
                "largest weight of the initial value at the threshold", worst, 0.5, mode="upper"
            )
        ],
        details={"betas": 200},
    )


@claim(
    id="002-13c",
    source=SOURCE,
    location=_SECTION + ", finite-t bound",
    inventory="002-13",
    statement=r"\frac{(1-\beta_1)^2(1-\beta_1^{2t-1})}{(1-\beta_1^2)(1-\beta_1^t)^2} \le 4\alpha ="
    r" 4(1-\beta)",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="variance factor at most 4 alpha",
    figure="var_m_hat",
)
def finite_t_bound() -> Evidence:
    """For t >= log(1/2)/log(b): (1-b)^2 (1-b^{2t-1}) / ((1-b^2)(1-b^t)^2) <= 4a.

    Symbolic: with x = b^t <= 1/2, 1 - b^{2t-1} <= 1 and (1-x)^2 >= 1/4, so the
    factor is at most 4a/(2-a) <= 4a — for the expression as printed
    (derivations.moments.var_factor_notes_13) and for the derived variance
    (1-b^{2t} <= 1). Adversarial: b near 0 and near 1 at the smallest admissible t
    (the factor decreases in t), evaluated exactly. Numeric: the simulated
    Var(m_hat_t)/sigma^2 at that t is below 4a for b in {0.3, 0.9, 0.99}. The bound is
    loose by at least 25%.
    """
    from adaproof.derivations.parsing.assume import Domain

    x = sp.Symbol("x", positive=True)
    half_open = Domain(sp.Integer(0), sp.Rational(1, 2), lo_open=True, hi_open=False)
    d1 = decide(1 / (1 - x) ** 2, "<=", sp.Integer(4), {x: half_open})
    d2 = decide(
        4 * _alpha / (2 - _alpha), "<=", 4 * _alpha, {_alpha: interval(0, 1, closed_hi=True)}
    )
    printed = moments.finite_t_bound(_t, _b, as_printed=True)
    derived = moments.finite_t_bound(_t, _b, as_printed=False)
    # package-made expressions only: compiled once to plain float functions
    ratio_printed = sp.lambdify((_b, _t), printed.lhs / printed.rhs, "math")
    ratio_derived = sp.lambdify((_b, _t), derived.lhs / derived.rhs, "math")
    worst_printed = worst_true = 0.0
    grid = np.r_[
        np.linspace(0.001, 0.05, 20), np.linspace(0.05, 0.95, 60), 1 - np.logspace(-1.3, -6, 30)
    ]
    for bv in grid:
        t0 = math.ceil(math.log(0.5) / math.log(bv))
        worst_printed = max(worst_printed, ratio_printed(float(bv), t0))
        worst_true = max(worst_true, ratio_derived(float(bv), t0))
    comps = [
        Comparison(
            "largest printed factor/(4a) at the threshold", worst_printed, 1.0, mode="upper"
        ),
        Comparison("largest derived factor/(4a) at the threshold", worst_true, 1.0, mode="upper"),
    ]
    for bv in (0.3, 0.9, 0.99):
        t0 = math.ceil(math.log(0.5) / math.log(bv))
        var, _ = _mc(bv, t0)
        comps.append(
            Comparison(
                f"Monte Carlo Var(m_hat_{t0}) at b = {bv} vs 4a (strict)",
                float(var[-1]) / (4 * (1 - bv)),
                1.0,
                mode="upper",
            )
        )
    return Evidence(
        f"largest factor/(4a) at the threshold: printed {worst_printed:.3f}, "
        f"derived {worst_true:.3f}",
        proofs=[
            Proof(f"1/(1-x)^2 <= 4 on (0, 1/2] ({d1.method})", d1.verdict == "true"),
            Proof(f"4a/(2-a) <= 4a on (0, 1] ({d2.method})", d2.verdict == "true"),
        ],
        comparisons=comps,
    )
