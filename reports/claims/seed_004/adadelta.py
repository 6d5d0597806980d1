r"""AdaDelta on the slides: "no initial learning rate" (claims 004-5, 004-5.fix)."""

from __future__ import annotations

import sympy as sp
from adaproof.derivations import symbols
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import relative
from adaproof.reports.claims.seed_004._shared import SOURCE

beta = symbols.beta
g, e = sp.Symbol("g", positive=True), sp.Symbol("epsilon", positive=True)


def first_step() -> sp.Expr:
    """One AdaDelta step from u_0 = v_0 = 0, written from the slide's steps 2-3."""
    v1 = (1 - beta) * g**2
    return sp.sqrt(0 + e) / sp.sqrt(v1 + e) * g


def _large_g_limit() -> tuple[sp.Expr, Proof]:
    """The first step's limit for large |g| and the proof that it is sqrt(eps/(1-beta))."""
    z = sp.Symbol("z", positive=True)
    lim = sp.limit(first_step().subs(g, 1 / z), z, 0)
    proof = Proof(
        "large-g limit of the first step: sqrt(eps/(1-beta))",
        sp.simplify(lim**2 - e / (1 - beta)) == 0,
    )
    return lim, proof


@claim(
    id="004-5",
    source=SOURCE,
    location="Ada Delta",
    inventory="004-5",
    statement=r"\Delta w_t = -\frac{\sqrt{u_{t-1}+\epsilon}}{\sqrt{v_t+\epsilon}}\nabla w_t:"
    r" \text{ avoids setting the initial learning rate } \eta_0",
    kind=Kind.QUALITATIVE,
    expected=Verdict.REFUTED,
    title="AdaDelta needs no learning rate",
    corrected_by="004-5.fix",
)
def adadelta_no_learning_rate() -> Evidence:
    """AdaDelta "avoids setting the initial learning rate η₀": it has no η₀, but ε takes its
    place.

    The first step is √ε g/√((1-β)g²+ε) ≈ √(ε/(1-β)) sign g (SymPy, one step of the
    slide's steps 2-3). Counterexample (when the end points for different ε differ by
    more than GD's would for different η₀ = 1, i.e. not at all): f = x², x₀ = 10,
    β = 0.95, 1000 steps: x ends at 9.34 (ε = 1e-8), 4.62 (ε = 1e-6) and 0 (ε = 1e-4).
    """
    lim, limit_proof = _large_g_limit()
    r = simulate.adadelta_eps_runs()
    spread = max(r["x_final"]) - min(r["x_final"])
    return Evidence(
        "x after 1000 steps: "
        + ", ".join(
            f"{x:.3g} (eps = {ep:g})" for ep, x in zip(r["eps"], r["x_final"], strict=True)
        ),
        proofs=[limit_proof],
        comparisons=[
            relative(
                f"first step at eps = {ep:g} against the derived one",
                s,
                float(first_step().subs({g: 20.0, e: ep, beta: 0.95})),
                1e-12,
            )
            for ep, s in zip(r["eps"], r["first_step"], strict=True)
        ],
        counterexample={
            "f": "x^2",
            "x0": 10.0,
            "rho": 0.95,
            "steps": r["steps"],
            "x_final_by_eps": dict(zip(map(str, r["eps"]), r["x_final"], strict=True)),
        }
        if spread > 1.0
        else None,
        corrected=r"\text{AdaDelta has no } \eta_0, \text{ but its first step is }"
        r" \frac{\sqrt{\epsilon}\,|\nabla w|}{\sqrt{(1-\beta)\nabla w^2+\epsilon}}"
        r" \approx \sqrt{\epsilon/(1-\beta)}: \ \epsilon \text{ sets the initial step size}",
        details={"first_step_large_g_limit": str(lim), **r},
    )


@claim(
    id="004-5.fix",
    source=SOURCE,
    location="Ada Delta (corrected)",
    inventory="004-5",
    statement=r"|\Delta w_1| = \frac{\sqrt{\epsilon}|\nabla w_1|}"
    r"{\sqrt{(1-\beta)\nabla w_1^2+\epsilon}}"
    r" \approx \sqrt{\epsilon/(1-\beta)}",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="AdaDelta's first step",
)
def adadelta_first_step() -> Evidence:
    """AdaDelta's first step is √ε|g|/√((1-β)g²+ε) → √(ε/(1-β)) for |g|² ≫ ε/(1-β).

    Symbolic: one step of the recursion and its large-g limit. Numeric: the first
    steps of numerics AdaDelta (x₀ = 10, g = 20) for ε = 1e-8..1e-2 equal the
    formula to 1e-12 (relative).
    """
    _, limit_proof = _large_g_limit()
    r = simulate.adadelta_eps_runs()
    pred = [float(first_step().evalf(subs={g: 20.0, e: x, beta: 0.95})) for x in r["eps"]]
    err = max(abs(a / b - 1) for a, b in zip(r["first_step"], pred, strict=True))
    return Evidence(
        f"first step = sqrt(eps) g/sqrt((1-beta) g^2 + eps) (run error {err:.1e})",
        proofs=[limit_proof],
        comparisons=[
            Comparison(
                "numerics AdaDelta's first steps against the formula (relative)",
                error=err,
                tol=1e-12,
            )
        ],
        details={
            "first_step": str(first_step()),
            "first_steps_run": r["first_step"],
            "predicted": pred,
        },
    )
