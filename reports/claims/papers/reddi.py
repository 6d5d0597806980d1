r"""Reddi, Kale & Kumar (ICLR 2018): the online counterexample, Adam's drift to the worst
point and AMSGrad (claims reddi-1 … reddi-3). The game is numerics.reddi's, the same run
the reddi_counterexample figure draws (reports.simulate.reddi_game)."""

from __future__ import annotations

import numpy as np
import sympy as sp
from adaproof.numerics.problems import reddi_online
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, claim
from adaproof.reports.claims.helpers import decide, decided
from adaproof.reports.claims.papers._shared import REDDI

C_VALUE, STEPS = 3.0, 3000


@claim(
    id="reddi-1",
    source=REDDI,
    location="§3, online example",
    statement=r"f_t(x) = Cx \ (t \bmod 3 = 1),\ -x \text{ otherwise on } [-1,1]:\ x^\star = -1",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="optimum of the online problem",
)
def online_optimum() -> Evidence:
    """f_t(x) = Cx (t mod 3 = 1), -x otherwise, on [-1, 1], C > 2: the average loss over a
    period (Cx - x - x)/3 = (C-2)x/3 has a positive slope (decided with C = 2 + k, k > 0),
    so it is minimised at x = -1. Numeric: numerics.problems.reddi_online's average loss
    on a grid of [-1, 1]: argmin -1; its gradients over a period average to (C-2)/3."""
    C, k, x = sp.Symbol("C", positive=True), sp.Symbol("k", positive=True), sp.Symbol("x")
    cycle = sp.simplify((C * x - x - x) / 3)
    slope = sp.diff(cycle, x)
    d = decided(decide(slope.subs(C, 2 + k), ">", sp.Integer(0)), "(C-2)/3 > 0 for C > 2")
    prob = reddi_online(C_VALUE)
    grid = np.linspace(-1, 1, 201)
    mean_grad = float(np.mean([prob.grad(np.array(0.0), t) for t in (1, 2, 3)]))
    return Evidence(
        "average loss (C-2)x/3, minimised at x = -1",
        proofs=d.proofs,
        comparisons=[
            *d.comparisons,
            Comparison(
                "argmin of the average loss on a grid",
                float(grid[np.argmin(prob.f(grid))]),
                -1.0,
                tol=0,
            ),
            Comparison(
                "mean gradient over a period against the slope",
                mean_grad,
                float(slope.subs(C, C_VALUE)),
                tol=1e-15,
            ),
        ],
        counterexample=d.counterexample,
        details={"cycle_average": str(cycle), "decide": d.method},
    )


@claim(
    id="reddi-2",
    source=REDDI,
    location="§3, Theorem 1",
    statement=r"\beta_1 = 0,\ \beta_2 = \tfrac{1}{1+C^2}:\ \text{Adam converges to } x = +1",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONFIRMED,
    title="Adam converges to the worst point",
    figure="reddi_counterexample",
)
def adam_worst_point() -> Evidence:
    """Adam with β₁ = 0, β₂ = 1/(1+C²), α_t = α/√t converges to x = +1, the worst point
    (Theorem 1's construction). Run C = 3, α = 0.5, 3000 steps from x = 1
    (numerics.reddi.play): x_T = 1 and the average regret stays near its maximum
    2(C-2)/3 = 0.67, not → 0."""
    r = simulate.reddi_game(C_VALUE, 0.5, STEPS)["adam"]
    ceiling = 2 * (C_VALUE - 2) / 3
    return Evidence(
        f"Adam: x_T = {r.final:.4f}, average regret {r.avg_regret[-1]:.3f}",
        comparisons=[
            Comparison("x_T against +1", r.final, 1.0, tol=0.01),
            Comparison(
                "average regret against 3/4 of its ceiling 2(C-2)/3",
                float(r.avg_regret[-1]),
                0.75 * ceiling,
                mode="lower",
            ),
        ],
        details={"C": C_VALUE, "steps": STEPS, "lr": "0.5/sqrt(t)"},
    )


@claim(
    id="reddi-3",
    source=REDDI,
    location="§4, AMSGrad",
    statement=r"\hat v_t = \max(\hat v_{t-1}, v_t):\ \text{AMSGrad converges to } x^\star = -1",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONFIRMED,
    title="AMSGrad converges",
    figure="reddi_counterexample",
)
def amsgrad_converges() -> Evidence:
    """AMSGrad (max of v) on the same problem converges to x = -1 and its average regret
    → 0. Run C = 3, 3000 steps: x_T = -0.994, average regret 0.027 (< 0.05)."""
    r = simulate.reddi_game(C_VALUE, 0.5, STEPS)["amsgrad"]
    return Evidence(
        f"AMSGrad: x_T = {r.final:.4f}, average regret {r.avg_regret[-1]:.4f}",
        comparisons=[
            Comparison("x_T against -1", r.final, -1.0, tol=0.01),
            Comparison("average regret", float(r.avg_regret[-1]), 0.05, mode="upper"),
        ],
        details={"C": C_VALUE, "steps": STEPS, "lr": "0.5/sqrt(t)"},
    )
