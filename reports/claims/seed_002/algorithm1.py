r"""§2 of the notes: Algorithm 1 (Adam) as printed — the sign of m_t and the missing epsilon."""

from __future__ import annotations

import numpy as np
import sympy as sp
from adaproof.derivations import symbols
from adaproof.numerics.run import minimize
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, claim
from adaproof.reports.claims.helpers import supporting
from adaproof.reports.claims.seed_002 import SOURCE

_RUN = {"f": "w^2/2", "w1": 1.0, "eta": 0.01, "beta1": 0.9, "beta2": 0.999, "steps": 500}


def _first_step_over_eta(sign: int) -> sp.Expr:
    """(w_2 - w_1)/eta of Algorithm 1 with m_t = beta1 m_{t-1} + sign (1-beta1) g_t (SymPy)."""
    g1 = sp.Symbol("g1", positive=True)
    b1, b2 = symbols.beta1, symbols.beta2
    m1 = sign * (1 - b1) * g1 / (1 - b1)
    v1 = (1 - b2) * g1**2 / (1 - b2)
    return sp.simplify(-m1 / sp.sqrt(v1))


def _adam_quadratic(printed_sign: bool) -> tuple[float, float]:
    """Adam (eps = 0) on f(w) = w^2/2 from w = 1 with the printed m_t (the EMA of -g, i.e.
    Adam fed -w) or the usual one: numerics.run.minimize. Returns (w_2, w_501)."""
    sign = -1.0 if printed_sign else 1.0
    tr = minimize(
        "adam", lambda w, t: sign * w, np.array(1.0), _RUN["steps"], lr=_RUN["eta"], eps=0.0
    )
    return float(tr.x[1]), float(tr.x[-1])


@claim(
    id="002-8a",
    source=SOURCE,
    location="§2, Algorithm 1",
    inventory="002-8",
    statement=r"\mathbf{m}_t = \beta_1\mathbf{m}_{t-1} - (1-\beta_1)\mathbf{g}_t",
    kind=Kind.ALGORITHM,
    expected=Verdict.REFUTED,
    title="Algorithm 1 as printed",
    corrected_by="002-8a.fix",
)
def algorithm1_as_printed() -> Evidence:
    """Algorithm 1 as printed (m_t = beta1 m_{t-1} - (1-beta1) g_t) climbs.

    The printed m_t is the usual first moment of -g_t while v_t sees only
    g_t^2, so the printed update is Adam's step fed -g: gradient ascent. Run as
    printed (m_0 = v_0 = 0, no epsilon) on f(w) = w^2/2 from w_1 = 1, eta = 0.01,
    beta = (0.9, 0.999), 500 steps: a counterexample when w ends farther from the
    minimum than it started. Symbolic: m_1 as printed is -(1-beta1) g_1, so
    w_2 = w_1 + eta (the run's first step agrees).
    """
    first = _first_step_over_eta(-1)
    w2, w_end = _adam_quadratic(printed_sign=True)
    counterexample = {**_RUN, "w_501": w_end} if abs(w_end) > _RUN["w1"] else None
    return Evidence(
        f"as printed w goes from 1 to {w_end:.3f} on f = w^2/2",
        comparisons=[
            Comparison(
                "first step over eta: run vs SymPy", (w2 - 1.0) / _RUN["eta"], float(first), 1e-12
            )
        ],
        counterexample=counterexample,
        corrected=r"\mathbf{m}_t = \beta_1\mathbf{m}_{t-1} + (1-\beta_1)\mathbf{g}_t",
        details={"first_step_over_eta": str(first)},
    )


@claim(
    id="002-8a.fix",
    source=SOURCE,
    location="§2, Algorithm 1 (corrected)",
    inventory="002-8",
    statement=r"\mathbf{m}_t = \beta_1\mathbf{m}_{t-1} + (1-\beta_1)\mathbf{g}_t",
    kind=Kind.ALGORITHM,
    expected=Verdict.CONFIRMED,
    title="Algorithm 1 with the sign corrected",
)
def algorithm1_corrected() -> Evidence:
    """With m_t = beta1 m_{t-1} + (1-beta1) g_t the run of 002-8a reaches the minimum.

    Symbolic (a lemma about the first step only): w_2 = w_1 - eta sign(g_1).
    Numeric: |w_501| < 0.05 (a constant step leaves O(eta) oscillation).
    """
    first = _first_step_over_eta(+1)
    w2, w_end = _adam_quadratic(printed_sign=False)
    return Evidence(
        f"corrected sign: |w_501| = {abs(w_end):.4f} < 0.05",
        proofs=supporting({"first step over eta = -sign(g_1) = -1": first == -1}),
        comparisons=[
            Comparison(
                "first step over eta: run vs SymPy", (w2 - 1.0) / _RUN["eta"], float(first), 1e-12
            ),
            Comparison("|w_501| near the minimum 0", abs(w_end), 0.0, 0.05),
        ],
        details={"first_step_over_eta": str(first), "w_501": w_end},
    )


@claim(
    id="002-8b",
    source=SOURCE,
    location="§2, Algorithm 1",
    inventory="002-8",
    statement=r"A_0[i] = \epsilon^2;\ \mathbf{w}_{t+1}[i] = \mathbf{w}_t[i] - \eta_t"
    r"\frac{\hat{\mathbf{m}}_t[i]}{\sqrt{\hat{\mathbf{v}}_t[i]}}",
    kind=Kind.ALGORITHM,
    expected=Verdict.REFUTED,
    title="Algorithm 1 update without epsilon",
    corrected_by="002-8b.fix",
)
def update_without_epsilon() -> Evidence:
    """The printed update w - eta m_hat/sqrt(v_hat) (no epsilon; A_0 = eps^2 is
    never used) is undefined for a coordinate that has only seen zero gradients:
    the notes' rare word. Adam fed g_t = (1, 0) for 3 steps with eps = 0: a
    counterexample when the position is not finite.
    """
    out = simulate.adam_zero_coordinate(eps=0.0)
    counterexample = None
    if not out["finite"]:
        counterexample = {
            "g_t": "(1, 0), t = 1..3",
            "eps": 0,
            "w[2]": str(out["second"]),
            "numerics": out.get("error", "non-finite position"),
        }
    return Evidence(
        "a never-seen coordinate gives 0/0 without epsilon"
        if counterexample
        else "the update stays finite without epsilon",
        counterexample=counterexample,
        corrected=r"\mathbf{w}_{t+1}[i] = \mathbf{w}_t[i] - \eta_t"
        r"\frac{\hat{\mathbf{m}}_t[i]}{\sqrt{\hat{\mathbf{v}}_t[i]}+\epsilon}",
        details={"second_coordinate": str(out["second"])},
    )


@claim(
    id="002-8b.fix",
    source=SOURCE,
    location="§2, Algorithm 1 (corrected)",
    inventory="002-8",
    statement=r"\mathbf{w}_{t+1}[i] = \mathbf{w}_t[i] - \eta_t\frac{\hat{\mathbf{m}}_t[i]}"
    r"{\sqrt{\hat{\mathbf{v}}_t[i]}+\epsilon}",
    kind=Kind.ALGORITHM,
    expected=Verdict.CONFIRMED,
    title="Algorithm 1 update with epsilon",
)
def update_with_epsilon() -> Evidence:
    """With sqrt(v_hat) + eps (eps = 1e-8) the never-seen coordinate stays at its
    start and the other moves by eta/(1 + 1e-8) per step (m_hat = v_hat^{1/2} = 1)."""
    out = simulate.adam_zero_coordinate(eps=1e-8)
    return Evidence(
        "with epsilon the never-seen coordinate does not move",
        comparisons=[
            Comparison("never-seen coordinate after 3 steps", out["second"], 0.0),
            Comparison("other coordinate after 3 steps vs -3 eta", out["first"], -0.3, 1e-8),
        ],
        details={"finite": out["finite"]},
    )
