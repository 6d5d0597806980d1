r"""L^p norms on the AdaMax slides: large powers and the unit circle (claims 004-9a …
004-9b.fix)."""

from __future__ import annotations

import numpy as np
import sympy as sp
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import decide, decided, interval
from adaproof.reports.claims.seed_004._shared import SOURCE


@claim(
    id="004-9a",
    source=SOURCE,
    location="AdaMax & MaxProp",
    inventory="004-9",
    statement=r"|x|^p \text{ for large } p \text{ becomes too small to represent}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONDITIONAL,
    title="large powers underflow",
)
def large_powers_underflow() -> Evidence:
    """|x|^p for large p "becomes too small to represent": only for |x| < 1; for |x| > 1 it
    overflows. In float64, 0.5^1100 = 0 and 2^1100 = inf. The p-norm itself stays
    finite computed as max|x|·(Σ(|x_i|/max)^p)^{1/p}, and its limit is max|x| (SymPy)."""
    x = np.array([0.5, 2.0])
    with np.errstate(over="ignore", under="ignore"):
        powed = np.power(x, 1100.0)
    stable = float(2.0 * (1 + 0.25**1100) ** (1 / 1100))
    p = sp.Symbol("p", positive=True)
    lim = sp.limit((2**p + sp.Rational(1, 2) ** p) ** (1 / p), p, sp.oo)
    return Evidence(
        "0.5^1100 underflows to 0, 2^1100 overflows to inf (float64)",
        proofs=[Proof("lim_{p -> oo} (2^p + 2^-p)^(1/p) = 2", lim == 2)],
        comparisons=[
            Comparison("0.5^1100 in float64", float(powed[0]), 0.0, tol=0),
            Comparison("scaled p-norm of (0.5, 2) at p = 1100", stable, 2.0, tol=0),
        ],
        counterexample={"x": 2.0, "p": 1100, "float64": "inf (too large, not too small)"}
        if np.isinf(powed[1])
        else None,
        condition=r"|x| < 1",
        details={"limit_p_norm": str(lim)},
    )


@claim(
    id="004-9b",
    source=SOURCE,
    location="AdaMax & MaxProp, L^p unit circle",
    statement=r"1 = (|x_1|^p+|x_2|^p)^{1/p} \Rightarrow 1^p = |x_1|^p+|x_2|^p \Rightarrow"
    r" 1 = |x_1|+|x_2|",
    kind=Kind.IDENTITY,
    expected=Verdict.REFUTED,
    title="L^p unit circle",
    corrected_by="004-9b.fix",
)
def unit_circle_l1() -> Evidence:
    """1 = (|x_1|^p + |x_2|^p)^{1/p} ⇒ 1^p = |x_1|^p + |x_2|^p ⇒ 1 = |x_1| + |x_2|: the last
    step is false for p ≠ 1. Counterexample p = 2, x = (0.6, 0.8) (exact rationals): on
    the circle, but 0.6 + 0.8 = 1.4; the same point in floating point."""
    a, b = sp.Rational(3, 5), sp.Rational(4, 5)
    on_circle, l1 = a**2 + b**2, a + b
    return Evidence(
        f"(0.6, 0.8): |x1|^2+|x2|^2 = {on_circle} but |x1|+|x2| = {float(l1):g}",
        comparisons=[Comparison("0.6^2 + 0.8^2 in float64", 0.6**2 + 0.8**2, 1.0, tol=1e-15)],
        counterexample={"p": 2, "x": [0.6, 0.8], "sum_p": str(on_circle), "sum_abs": str(l1)}
        if on_circle == 1 and l1 != 1
        else None,
        corrected=r"\|x\|_p = 1 \iff |x_1|^p + |x_2|^p = 1;\ \text{then }"
        r" 1 \le |x_1|+|x_2| \le 2^{1-1/p}",
    )


@claim(
    id="004-9b.fix",
    source=SOURCE,
    location="AdaMax & MaxProp, L^p unit circle (corrected)",
    statement=r"|x_1|^p+|x_2|^p = 1 \Rightarrow 1 \le |x_1|+|x_2| \le 2^{1-1/p}",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="L^p unit circle, corrected",
)
def unit_circle_bounds() -> Evidence:
    """On the unit circle of L^p, 1 ≤ |x_1|+|x_2| ≤ 2^{1-1/p} (equal to 1 only at p = 1 or
    on the axes). Symbolic: |x|^p ≤ |x| on [0,1] for p ≥ 1 (decided at p = 2, 3, 4),
    hence |x_1|+|x_2| ≥ |x_1|^p+|x_2|^p = 1; the maximum at |x_1| = |x_2| = 2^{-1/p}.
    Numeric: 2000 points on each circle p = 1, 2, 4, 8."""
    xx = sp.Symbol("x", nonnegative=True)
    proofs, comparisons, cx = [], [], None
    for p in (2, 3, 4):
        d = decided(
            decide(xx**p, "<=", xx, {xx: interval(0, 1, closed=True)}), f"x^{p} <= x on [0, 1]"
        )
        proofs += d.proofs
        comparisons += d.comparisons
        cx = cx or d.counterexample
    th = np.linspace(0, np.pi / 2, 2000)
    worst = 0.0
    for p in (1, 2, 4, 8):
        c, s = np.cos(th), np.sin(th)
        nrm = (c**p + s**p) ** (1 / p)
        l1 = c / nrm + s / nrm
        worst = max(worst, float(np.max(l1 - 2 ** (1 - 1 / p))), float(np.max(1 - l1)))
    return Evidence(
        "1 <= |x1|+|x2| <= 2^(1-1/p) on every L^p circle",
        proofs=proofs,
        comparisons=[
            *comparisons,
            Comparison(
                "largest violation on 4 circles, 2000 points each", worst, 1e-12, mode="upper"
            ),
        ],
        counterexample=cx,
        details={"p": [1, 2, 4, 8], "points": 2000},
    )
