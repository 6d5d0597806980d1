r"""Pitfall 5 (epsilon in float16 and float64) and the comparison table of the page."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
from adaproof.derivations import symbols
from adaproof.numerics.run import feed
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, Proof, claim
from adaproof.reports.claims.seed_003 import SOURCE
from adaproof.reports.claims.seed_003._shared import example1, example2, rmsprop_history

TABLE = "Why Adam Dominates Practice (table)"
_rho = symbols.rho


def _float16_adam_step(eps: float) -> tuple[float, str]:
    """Adam's first step on g = 1e-4 in float16 (numerics, eta = 1e-3): the step, or NaN and
    numerics' refusal when eps is not representable."""
    try:
        h = feed("adam", np.array([[1e-4]], dtype=np.float16), lr=1e-3, eps=eps)
    except ValueError as e:
        return float("nan"), str(e)
    return float(h.delta[0, 0]), ""


@claim(
    id="003-13a",
    source=SOURCE,
    location="Pitfall 5",
    inventory="003-13",
    statement=r"\epsilon = 10^{-8} \text{ is too large for float16 (it dominates the denominator)}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.REFUTED,
    title="epsilon in float16",
    corrected_by="003-13a.fix",
    figure="precision",
)
def epsilon_float16() -> Evidence:
    """ "epsilon = 1e-8 is too large for float16 (it dominates the denominator)": in
    float16 it is 0.

    1e-8 is below half the smallest positive float16 (2^-24 = 5.96e-8), so it rounds
    to 0 and cannot dominate anything (a counterexample when float16(1e-8) is 0);
    numerics refuses it for float16 parameters for that reason.
    """
    below = sp.Rational(1, 10**8) < sp.Rational(1, 2**25)
    e16 = float(np.float16(1e-8))
    _, refusal = _float16_adam_step(1e-8)
    counterexample = None
    if e16 == 0.0:
        counterexample = {
            "dtype": "float16",
            "eps": 1e-8,
            "eps_as_float16": e16,
            "numerics": refusal or "accepted",
        }
    return Evidence(
        f"float16(1e-8) = {e16}; numerics: {refusal or 'accepted'}",
        proofs=[Proof("1e-8 < 2^-25 (half the smallest positive float16)", bool(below))],
        comparisons=[Comparison("float16(1e-8) vs 0 (rounding to nearest)", e16, 0.0)],
        counterexample=counterexample,
        corrected=r"\text{float16: } \epsilon=10^{-8} \text{ rounds to } 0;\ "
        r"\text{use } \epsilon \ge 2^{-24} \text{ (e.g. } 10^{-4})",
        details={"smallest_float16": 2.0**-24},
    )


@claim(
    id="003-13a.fix",
    source=SOURCE,
    location="Pitfall 5 (corrected)",
    inventory="003-13",
    statement=r"\text{float16: } \epsilon = 10^{-8} \text{ rounds to } 0;\ \epsilon = 10^{-4}"
    r" \text{ keeps the step finite}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONFIRMED,
    title="epsilon in float16, corrected",
    figure="precision",
)
def epsilon_float16_corrected() -> Evidence:
    """In float16 eps = 1e-8 rounds to 0, while eps = 1e-4 (representable) gives a finite
    step of about eta: m_hat = 1e-4, v_hat underflows to 0, the denominator is eps = 1e-4.
    Run in float16 by numerics (rounding of the subnormal m allows ~2% around eta)."""
    good, _ = _float16_adam_step(1e-4)
    return Evidence(
        f"float16 step with eps 1e-4: {good:.3g}",
        comparisons=[
            Comparison("float16(1e-8)", float(np.float16(1e-8)), 0.0),
            Comparison("float16 step with eps = 1e-4 over eta", abs(good) / 1e-3, 1.0, 0.02),
        ],
        details={"eta": 1e-3},
    )


@claim(
    id="003-13b",
    source=SOURCE,
    location="Pitfall 5",
    inventory="003-13",
    statement=r"\epsilon = 10^{-8} \text{ is unnecessary for float64}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONDITIONAL,
    title="epsilon in float64",
    figure="precision",
)
def epsilon_float64() -> Evidence:
    """ "[epsilon = 1e-8 is] unnecessary for float64": only while every coordinate has
    seen a non-zero gradient. A coordinate with only zero gradients gives 0/0 in any
    precision: float64 Adam with eps = 0 goes non-finite there (a counterexample), while
    eps = 1e-8 keeps it at its start."""
    bad, good = simulate.adam_zero_coordinate(eps=0.0), simulate.adam_zero_coordinate(eps=1e-8)
    counterexample = None
    if not bad["finite"]:
        counterexample = {
            "dtype": "float64",
            "eps": 0.0,
            "g": "(1, 0) for 3 steps",
            "second_coordinate": str(bad["second"]),
            "numerics": bad.get("error", "non-finite position"),
        }
    return Evidence(
        "eps = 0 in float64: 0/0 for a coordinate whose gradients are all zero",
        comparisons=[Comparison("never-seen coordinate with eps = 1e-8", good["second"], 0.0)],
        counterexample=counterexample,
        condition=r"\hat{v}_k > 0 \text{ in every coordinate}",
    )


@claim(
    id="003-14a",
    source=SOURCE,
    location=TABLE,
    inventory="003-14",
    statement=r"\text{Doesn't Die: AdaGrad } \times \text{ (dies); SGD, momentum, RMSprop, Adam }"
    r"\checkmark",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONDITIONAL,
    title="table: which methods die",
)
def which_methods_die() -> Evidence:
    """Table, "Doesn't die": AdaGrad ✗, SGD/momentum/RMSprop/Adam ✓ — AdaGrad's rate
    dies only when sum g^2 diverges (see 003-1b): a counterexample when its rate on
    Example 1's converging run stays above 1e-3; RMSprop's is bounded below by
    eta/sqrt(sup g^2 + eps) (003-2b)."""
    _, G = example1(2000)
    rate = 0.5 / math.sqrt(G[-1])
    rms_rate = 0.1 / math.sqrt(example2()["G_rms"][-1] + 1e-8)
    counterexample = None
    if rate > 1e-3:
        counterexample = {
            "f": "10x^2",
            "x0": 5,
            "eta": 0.5,
            "steps": 2000,
            "adagrad_effective_rate": rate,
        }
    return Evidence(
        f"AdaGrad on a converging run keeps rate {rate:.4f}; RMSprop's stays {rms_rate:.3g}",
        comparisons=[
            Comparison(
                "RMSprop's rate after 1000 steps vs 0.1/20", rms_rate, 0.1 / 20, mode="lower"
            )
        ],
        counterexample=counterexample,
        condition=r"\sum_k g_k^2 = \infty",
        details={"adagrad_rate_2000": rate},
    )


@claim(
    id="003-14b",
    source=SOURCE,
    location=TABLE,
    inventory="003-14",
    statement=r"\text{Bias Correction: RMSprop N/A}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.REFUTED,
    title="table: bias correction N/A for RMSprop",
    corrected_by="003-14b.fix",
)
def rmsprop_bias() -> Evidence:
    """Table, "Bias correction: N/A" for RMSprop: RMSprop's G starts at 0 and has
    exactly Adam's bias, G_k = (1-rho^k) g^2 for a constant gradient; its first
    step is eta/sqrt(1-rho) = 3.16 eta at rho = 0.9 (a run shows it): a counterexample
    when the first step is not eta (what an unbiased G would give)."""
    step1 = float(1.0 / math.sqrt(rmsprop_history(np.array([[1.0]]), rho=0.9)[0, 0]))
    counterexample = None
    if abs(step1 - 1.0) > 1e-12:
        counterexample = {
            "rho": 0.9,
            "g": "constant",
            "step_1_over_eta": step1,
            "bias_corrected": 1.0,
        }
    return Evidence(
        f"RMSprop's first step is {step1:.4f} eta (bias toward zero in G)",
        comparisons=[
            Comparison("first step over eta vs 1/sqrt(1-rho)", step1, math.sqrt(10), 1e-6)
        ],
        counterexample=counterexample,
        corrected=r"\text{RMSprop: } G_k = (1-\rho^k)g^2 \text{ for constant } g;\ "
        r"G_k/(1-\rho^k) \text{ removes the bias}",
    )


@claim(
    id="003-14b.fix",
    source=SOURCE,
    location="Why Adam Dominates Practice (corrected)",
    inventory="003-14",
    statement=r"\text{RMSprop: } G_k = (1-\rho^k)g^2 \text{ for constant } g",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="RMSprop's accumulator is biased like Adam's",
)
def rmsprop_accumulator_bias() -> Evidence:
    """RMSprop's G_k = (1-rho^k) g^2 for a constant gradient (geometric sum), so the
    correction G_k/(1-rho^k) applies; the RMSprop accumulator run matches to 1e-13."""
    ok = sp.cancel((1 - _rho) * symbols.geometric_sum(_rho, symbols.t) - (1 - _rho**symbols.t)) == 0
    G = rmsprop_history(np.full((1, 50), 3.0), rho=0.9)[0]
    err = float(np.max(np.abs(G / (9.0 * -np.expm1(np.arange(1, 51) * math.log(0.9))) - 1)))
    return Evidence(
        "G_k = (1 - rho^k) g^2",
        proofs=[Proof("(1-rho) sum rho^tau = 1 - rho^t", ok)],
        comparisons=[
            Comparison("RMSprop's G_k / ((1-rho^k) g^2) - 1, k <= 50", error=err, tol=1e-13)
        ],
    )
