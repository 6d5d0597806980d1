r"""Worked Example 3 of the page: Adam's first step with and without bias correction."""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp
from adaproof.derivations import symbols
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Approximation, Comparison, Evidence, Proof, claim
from adaproof.reports.claims.seed_003 import SOURCE
from adaproof.reports.claims.seed_003._shared import adam_first_moments

EXAMPLE = "Worked Example 3"
_b1, _b2 = symbols.beta1, symbols.beta2


@claim(
    id="003-7a",
    source=SOURCE,
    location=EXAMPLE,
    inventory="003-7",
    statement=r"\mathbf{m}_1 = 0.2,\ \hat{\mathbf{m}}_1 = 0.2/(1-0.9) = 2",
    kind=Kind.VALUE,
    expected=Verdict.PROVED,
    title="Example 3: m_1 and m_hat_1",
)
def example3_m1() -> Evidence:
    """m_1 = 0.9*0 + 0.1*2 = 0.2 and m_hat_1 = 0.2/(1-0.9) = 2 (exact and simulated)."""
    m1 = sp.Rational(9, 10) * 0 + sp.Rational(1, 10) * 2
    mh = m1 / (1 - sp.Rational(9, 10))
    m_num, _ = adam_first_moments(2.0)
    return Evidence(
        "m_1 = 0.2, m_hat_1 = 2",
        proofs=[
            Proof("m_1 = 1/5, m_hat_1 = 2 in exact arithmetic", m1 == sp.Rational(1, 5) and mh == 2)
        ],
        comparisons=[Comparison("m_1 of the EMA run", m_num, 0.2, 1e-16)],
    )


@functools.cache
def _first_steps() -> tuple[float, float]:
    """Example 3's first step (g = 2, eta = 1e-3): uncorrected eta m_1/sqrt(v_1) from the
    EMAs, corrected from numerics' Adam."""
    m, v = adam_first_moments(2.0)
    unc = 1e-3 * m / math.sqrt(v)
    cor = -float(
        simulate.adam_updates(np.array([[2.0]]), lr=1e-3, beta1=0.9, beta2=0.999, eps=0.0)[0, 0]
    )
    return float(unc), cor


@claim(
    id="003-7b",
    source=SOURCE,
    location=EXAMPLE,
    inventory="003-7",
    statement=r"\text{without bias correction, the first step is unexpectedly small (}10\times"
    r"\text{ smaller)}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.REFUTED,
    title="Example 3: uncorrected first step",
    corrected_by="003-7b.fix",
    figure="constant_gradient_step",
)
def uncorrected_first_step() -> Evidence:
    """ "Without bias correction, Adam's first step … takes an unexpectedly small step"
    ("10x smaller"): Adam's uncorrected first step is 3.16x the corrected one.

    Both moments are uncorrected: m_1/sqrt(v_1) = 0.1*2/sqrt(0.001*4) = 3.162.
    Run: from x = 1, eta = 1e-3: a counterexample when the uncorrected first step is
    larger than the corrected one.
    """
    unc, cor = _first_steps()
    counterexample = None
    if unc > cor:
        counterexample = {
            "f": "x^2",
            "x0": 1,
            "eta": 1e-3,
            "beta1": 0.9,
            "beta2": 0.999,
            "uncorrected_step": unc,
            "corrected_step": cor,
        }
    return Evidence(
        f"first step: uncorrected {unc:.4e}, corrected {cor:.4e} (ratio {unc / cor:.3f})",
        comparisons=[
            Comparison(
                "run ratio vs (1-beta1)/sqrt(1-beta2) = sqrt(10)", unc / cor, math.sqrt(10), 1e-9
            )
        ],
        counterexample=counterexample,
        corrected=r"\Delta x_1^{\text{uncorrected}} = -\eta\frac{1-\beta_1}{\sqrt{1-\beta_2}}"
        r"\operatorname{sign}(g_1) \approx -3.16\,\eta",
    )


@claim(
    id="003-7b.fix",
    source=SOURCE,
    location=EXAMPLE + " (corrected)",
    inventory="003-7",
    statement=r"\Delta x_1^{\text{uncorrected}} = -\eta\frac{1-\beta_1}{\sqrt{1-\beta_2}}"
    r"\operatorname{sign}(g_1) \approx -3.16\,\eta",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="Example 3: uncorrected first step is 3.16 eta",
    figure="constant_gradient_step",
)
def uncorrected_first_step_value() -> Evidence:
    """Uncorrected first step = eta (1-beta1)/sqrt(1-beta2) sign(g) = 3.162 eta (defaults).

    Symbolic: (1-b1) g/sqrt((1-b2) g^2) for g > 0. Numeric: the EMA run.
    """
    gp = sp.Symbol("g", positive=True)
    expr = sp.simplify((1 - _b1) * gp / sp.sqrt((1 - _b2) * gp**2))
    val = float(expr.subs({_b1: sp.Rational(9, 10), _b2: sp.Rational(999, 1000)}))
    unc, _ = _first_steps()
    return Evidence(
        f"(1-beta1)/sqrt(1-beta2) = {val:.4f}",
        proofs=[
            Proof(
                "simplify((1-b1) g/sqrt((1-b2) g^2) - (1-b1)/sqrt(1-b2)) = 0",
                sp.simplify(expr - (1 - _b1) / sp.sqrt(1 - _b2)) == 0,
            )
        ],
        comparisons=[
            Comparison("uncorrected first step / eta, run vs formula", unc / 1e-3, val, 1e-9)
        ],
    )


@claim(
    id="003-7c",
    source=SOURCE,
    location=EXAMPLE + ", answer",
    inventory="003-7",
    statement=r"1/(1-\beta_1^k) \text{ decays from } 10 \text{ at } k=1 \text{ to} \approx 1",
    kind=Kind.LIMIT,
    expected=Verdict.APPROXIMATE,
    title="Example 3: correction factor",
)
def correction_factor_decay() -> Evidence:
    """The factor 1/(1-beta1^k) goes from 10 to ≈ 1: within 1% of 1 from k = 44.

    Symbolic: 1/(1-0.9^k) <= 1.01 iff k >= ln(1/101)/ln(0.9) = 43.8. Numeric:
    the EMA of a constant gradient from 0 first reaches 1/1.01 of it at k = 44; at
    k = 10 the factor is still 1.54.
    """
    k_sym = int(sp.ceiling(sp.log(sp.Rational(1, 101)) / sp.log(sp.Rational(9, 10))))
    m = simulate.ema(np.ones((1, 200)), beta=0.9)[0]
    k_num = int(np.argmax(1 / m <= 1.01)) + 1
    return Evidence(
        f"1/(1-0.9^k) is {1 / m[0]:.4g} at k = 1 and within 1% of 1 from k = {k_num}",
        comparisons=[
            Comparison("first k within 1%: run vs SymPy", k_num, k_sym),
            Comparison("1/(1-0.9^k) at k = 1", float(1 / m[0]), 10.0, 1e-12),
        ],
        approximation=Approximation(r"k \to \infty", float(1 / m[9] - 1), {"beta1": 0.9, "k": 10}),
    )
