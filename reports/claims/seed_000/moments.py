r"""The tutorial's recursion and its solution's moments :math:`v^{(t)}`, :math:`s^{(t)}`
(claims 000-0 … 000-3b)."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
from adaproof.derivations import ema, symbols
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import (
    Approximation,
    Comparison,
    Evidence,
    Proof,
    claim,
)
from adaproof.reports.claims.seed_000._shared import (
    BETA,
    GAMMA,
    SOURCE,
    beta,
    constant_run,
    first_within,
    gamma,
)

TASK, SOLUTION = "Theoretical Task", "Solution to Theoretical Task"


@claim(
    id="000-0",
    source=SOURCE,
    location=f"{TASK}, update rule",
    statement=r"\theta^{(t+1)} = \theta^{(t)} - \alpha\frac{1}{\sqrt{s^{(t+1)}}+\epsilon}v^{(t+1)},"
    r"\quad \text{for } t = 1, 2, \dots \text{ (from } \theta^{(0)})",
    kind=Kind.ALGORITHM,
    expected=Verdict.REFUTED,
    title="update loop starts at t = 1",
    corrected_by="000-0.fix",
)
def update_loop_from_t1() -> Evidence:
    """The update is printed "for t = 1, 2, ..." from θ^(0): θ^(1) is never defined.

    With t ≥ 1 the first rule computes θ^(2) from θ^(1), which no rule gives; the
    solution's v^(1) = (1-β)g is the t = 0 step (v^(1) = β v^(0) + (1-β)∇C(θ^(0))).
    Evidence: the iterates the printed loop defines (a counterexample when θ^(1) is not
    among them), and the t = 0 step matching the solution's v^(1) symbolically and in
    the run.
    """
    defined_by_loop = [t + 1 for t in range(1, 4)]
    first = ema.ema_unrolled([symbols.g], beta)[0]
    run = constant_run((1.0,), 1)
    return Evidence(
        "loop 't = 1, 2, ...' defines theta^(2), theta^(3), ... but never theta^(1)",
        proofs=[
            Proof(
                "expand(v^(1) - (1-beta) g) = 0 (the t = 0 step)",
                sp.expand(first - (1 - beta) * symbols.g) == 0,
            )
        ],
        comparisons=[
            Comparison("run v^(1) against 1-beta", float(run["v"][0, 0]), 1 - BETA, tol=1e-15)
        ],
        counterexample=None
        if 1 in defined_by_loop
        else {"t": 0, "theta^(1)": "undefined by the printed loop"},
        corrected=r"\theta^{(t+1)} = \theta^{(t)} - \alpha\frac{v^{(t+1)}}{\sqrt{s^{(t+1)}}"
        r"+\epsilon}, \quad t = 0, 1, 2, \dots",
        details={"iterates_defined_by_printed_loop": defined_by_loop, "v1": str(first)},
    )


@claim(
    id="000-0.fix",
    source=SOURCE,
    location=f"{TASK}, update rule (corrected)",
    statement=r"\theta^{(t+1)} = \theta^{(t)} - \alpha\frac{v^{(t+1)}}{\sqrt{s^{(t+1)}}+\epsilon},"
    r"\quad t = 0, 1, 2, \dots",
    kind=Kind.ALGORITHM,
    expected=Verdict.PROVED,
    title="update loop from t = 0",
)
def update_loop_from_t0() -> Evidence:
    """With t = 0, 1, 2, ... the loop defines every θ^(n), n ≥ 1, and its first moment
    values are the solution's v^(1) = (1-β)g, v^(2) = (1-β)(1+β)g (same as 000-1)."""
    vs = ema.ema_unrolled([symbols.g, symbols.g], beta)
    run = constant_run((1.0,), 2)
    return Evidence(
        "t = 0 start: v^(1), v^(2) as in the solution",
        proofs=[
            Proof("expand(v^(1) - (1-beta) g) = 0", sp.expand(vs[0] - (1 - beta) * symbols.g) == 0),
            Proof(
                "expand(v^(2) - (1-beta)(1+beta) g) = 0",
                sp.expand(vs[1] - (1 - beta) * (1 + beta) * symbols.g) == 0,
            ),
        ],
        comparisons=[
            Comparison(
                "run v^(2) against (1-beta)(1+beta)",
                float(run["v"][1, 0]),
                (1 - BETA) * (1 + BETA),
                tol=1e-15,
            )
        ],
        details={"v": [str(x) for x in vs]},
    )


def _first_steps(n: int) -> Evidence:
    """v^(n), s^(n) for constant g against the solution's printed products."""
    g = symbols.g
    vs = ema.ema_unrolled([g] * n, beta)
    ss = ema.ema_unrolled([g**2] * n, gamma)
    printed_v = [(1 - beta) * g, (1 - beta) * (1 + beta) * g][n - 1]
    printed_s = [(1 - gamma) * g**2, (1 - gamma) * (1 + gamma) * g**2][n - 1]
    gs = np.array([0.3, -2.0, 7.5])
    run = constant_run(tuple(gs), n)
    fv = float(printed_v.subs({beta: BETA, g: 1}))
    fs = float(printed_s.subs({gamma: GAMMA, g: 1}))
    err = max(
        float(np.max(np.abs(run["v"][n - 1] - fv * gs) / np.abs(gs))),
        float(np.max(np.abs(run["s"][n - 1] - fs * gs * gs) / (gs * gs))),
    )
    return Evidence(
        f"recursion unrolled {n}x equals the printed v^({n}), s^({n}); run agrees to {err:.1e}",
        proofs=[
            Proof(f"expand(v^({n}) - printed) = 0", sp.expand(vs[-1] - printed_v) == 0),
            Proof(f"expand(s^({n}) - printed) = 0", sp.expand(ss[-1] - printed_s) == 0),
        ],
        comparisons=[
            Comparison(
                "run against the printed products (max relative error)",
                error=err,
                tol=1e-14,
                note="a few float64 roundings",
            )
        ],
        details={"g": gs.tolist()},
    )


@claim(
    id="000-1a",
    source=SOURCE,
    location=SOLUTION,
    inventory="000-1",
    statement=r"v^{(1)} = (1-\beta)g, \quad s^{(1)} = (1-\gamma)(g\odot g)",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="first moments after one step",
)
def moments_after_one_step() -> Evidence:
    """v^(1) = (1-β)g and s^(1) = (1-γ)(g⊙g): one step of each EMA from 0."""
    return _first_steps(1)


@claim(
    id="000-1b",
    source=SOURCE,
    location=SOLUTION,
    inventory="000-1",
    statement=r"v^{(2)} = (1-\beta)(1+\beta)g, \quad s^{(2)} = (1-\gamma)(1+\gamma)(g\odot g)",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="moments after two steps",
)
def moments_after_two_steps() -> Evidence:
    """v^(2) = (1-β)(1+β)g and s^(2) = (1-γ)(1+γ)(g⊙g): two steps, factored."""
    return _first_steps(2)


def _off_by_one(which: str) -> Evidence:
    """v^(t+1) (or s^(t+1)) has t+1 terms; the printed sum (1-b)Σ_{τ=1}^t b^{τ-1} has t.

    Symbolic: the unrolled recursion minus the printed sum, t = 1..5 (a counterexample
    when it is not 0). Numeric: the run's second moment at t = 1 against the unrolled
    recursion, and against the printed value.
    """
    b, bval = (beta, BETA) if which == "v" else (gamma, GAMMA)
    u = symbols.g if which == "v" else symbols.g**2
    diffs = []
    for t in range(1, 6):
        actual = ema.ema_unrolled([u] * (t + 1), b)[-1]
        printed = (1 - b) * symbols.geometric_sum(b, t) * u
        diffs.append(sp.factor(sp.cancel(actual - printed)))
    derived2 = float((ema.ema_unrolled([u] * 2, b)[-1] / u).subs(b, bval))
    run2 = float(constant_run((1.0,), 2)[which][1, 0])
    printed2 = float(((1 - b) * symbols.geometric_sum(b, 1)).subs(b, bval))
    differs = diffs[0] != 0 and abs(run2 - printed2) > 1e-12
    param = "beta" if which == "v" else "gamma"
    return Evidence(
        f"{which}^(2) = {run2:.6g} but the printed sum with t = 1 gives {printed2:.6g}",
        comparisons=[
            Comparison(f"run {which}^(2) against the unrolled recursion", run2, derived2, tol=1e-15)
        ],
        counterexample={
            "t": 1,
            param: bval,
            "g": 1.0,
            f"{which}^(2)_recursion": run2,
            "printed": printed2,
        }
        if differs
        else None,
        corrected=(
            r"v^{(t+1)} = (1-\beta)\Big(\sum_{\tau=1}^{t+1}\beta^{\tau-1}\Big)g = (1-\beta^{t+1})g"
            if which == "v"
            else r"s^{(t+1)} = (1-\gamma)\Big(\sum_{\tau=1}^{t+1}\gamma^{\tau-1}\Big)(g\odot g)"
            r" = (1-\gamma^{t+1})(g\odot g)"
        ),
        details={"difference_recursion_minus_printed": [str(d) for d in diffs], "t": [1, 5]},
    )


@claim(
    id="000-2a",
    source=SOURCE,
    location=f"{SOLUTION}, 'Using recursion'",
    inventory="000-2",
    statement=r"v^{(t+1)} = (1-\beta)\Big(\sum_{\tau=1}^t\beta^{\tau-1}\Big)g",
    kind=Kind.IDENTITY,
    expected=Verdict.REFUTED,
    title="unrolled first moment",
    corrected_by="000-2.fix",
)
def unrolled_first_moment() -> Evidence:
    """v^(t+1) = (1-β)(Σ_{τ=1}^t β^{τ-1}) g: off by one (it is v^(t)).

    The recursion unrolled t+1 times is (1-β^{t+1})g; the printed sum equals
    (1-β^t)g. Counterexample t = 1, β = 0.9, g = 1: v^(2) = 0.19, printed 0.1 —
    contradicting the solution's own v^(2) = (1-β)(1+β)g.
    """
    return _off_by_one("v")


@claim(
    id="000-2b",
    source=SOURCE,
    location=f"{SOLUTION}, 'Using recursion'",
    inventory="000-2",
    statement=r"s^{(t+1)} = (1-\gamma)\Big(\sum_{\tau=1}^t\gamma^{\tau-1}\Big)(g\odot g)",
    kind=Kind.IDENTITY,
    expected=Verdict.REFUTED,
    title="unrolled second moment",
    corrected_by="000-2.fix",
)
def unrolled_second_moment() -> Evidence:
    """s^(t+1) = (1-γ)(Σ_{τ=1}^t γ^{τ-1})(g⊙g): the same off-by-one (it is s^(t))."""
    return _off_by_one("s")


@claim(
    id="000-2.fix",
    source=SOURCE,
    location=f"{SOLUTION}, 'Using recursion' (corrected)",
    inventory="000-2",
    statement=r"v^{(t+1)} = (1-\beta)\Big(\sum_{\tau=1}^{t+1}\beta^{\tau-1}\Big)g"
    r" = (1-\beta^{t+1})g,"
    r"\quad s^{(t+1)} = (1-\gamma^{t+1})(g\odot g)",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="unrolled moments, corrected",
)
def unrolled_moments_corrected() -> Evidence:
    """v^(t+1) = (1-β)Σ_{τ=1}^{t+1}β^{τ-1}g = (1-β^{t+1})g and likewise s^(t+1).

    Symbolic: for t = 1..8 the unrolled recursion minus the corrected sum expands
    to 0, and (1-β)Σ_{τ=1}^{t+1}β^{τ-1} = 1-β^{t+1} (geometric sum, general t).
    Numeric: the run's v^(n), s^(n) for n ≤ 200 equal 1-β^n, 1-γ^n to 1e-13.
    """
    small_t = True
    for t in range(1, 9):
        for b, u in ((beta, symbols.g), (gamma, symbols.g**2)):
            actual = ema.ema_unrolled([u] * (t + 1), b)[-1]
            corrected = (1 - b) * sum(b ** (tau - 1) for tau in range(1, t + 2)) * u
            small_t &= sp.expand(actual - corrected) == 0
    general = sp.simplify(
        (1 - beta) * symbols.geometric_sum(beta, symbols.t + 1) - (1 - beta ** (symbols.t + 1))
    )
    run = constant_run((1.0,), 200)
    n = np.arange(1, 201)
    err = max(
        float(np.max(np.abs(run["v"][:, 0] - (1 - BETA**n)))),
        float(np.max(np.abs(run["s"][:, 0] - (1 - GAMMA**n)))),
    )
    return Evidence(
        f"unrolled recursion = corrected sum (t = 1..8, and general t); run error {err:.1e}",
        proofs=[
            Proof("expand(unrolled - corrected sum) = 0, t = 1..8, v and s", small_t),
            Proof("(1-beta) sum_{tau=1}^{t+1} beta^(tau-1) - (1-beta^(t+1)) = 0", general == 0),
        ],
        comparisons=[
            Comparison("run v^(n), s^(n) against 1-b^n, n <= 200 (max abs)", error=err, tol=1e-13)
        ],
    )


def _large_t(which: str) -> Evidence:
    b, bval = (beta, BETA) if which == "v" else (gamma, GAMMA)
    name = "beta" if which == "v" else "gamma"
    lim = symbols.limit_t_to_infinity(symbols.geometric_sum(b, symbols.t), b)
    run = constant_run((1.0,), 6000)
    rel = np.abs(run[which][:, 0] - 1.0)
    n1 = first_within(rel, 0.01)
    predicted = math.ceil(math.log(0.01) / math.log(bval))
    target = "g" if which == "v" else "g*g"
    return Evidence(
        f"{which}^(n) ~ {target} only as n -> oo: relative error {name}^n, within 1% from "
        f"n = {n1} at {bval}",
        proofs=[
            Proof("lim sum_{tau<=t} b^(tau-1) - 1/(1-b) = 0", sp.simplify(lim - 1 / (1 - b)) == 0)
        ],
        comparisons=[
            Comparison("first n within 1%: run against ceil(log 0.01/log b)", n1, predicted, tol=0)
        ],
        approximation=Approximation(
            "n \\to \\infty", float(rel[99]), {name: bval, "n": 100, "relative_error": f"{name}^n"}
        ),
        details={
            "limit_of_sum": str(lim),
            "error_at_n_10": float(rel[9]),
            "error_at_n_100": float(rel[99]),
        },
    )


@claim(
    id="000-3a",
    source=SOURCE,
    location=f"{SOLUTION}, 'For large t'",
    inventory="000-3",
    statement=r"\sum_{\tau=1}^t\beta^{\tau-1}\approx\frac{1}{1-\beta}, \quad v^{(t+1)}\approx g",
    kind=Kind.LIMIT,
    expected=Verdict.APPROXIMATE,
    title="first moment tends to g",
)
def first_moment_tends_to_g() -> Evidence:
    """Σ_{τ=1}^t β^{τ-1} ≈ 1/(1-β), so v^(t+1) ≈ g for large t: a limit.

    SymPy: lim Σ = 1/(1-β). The run's v^(n)/g - 1 = -β^n: within 1% from n = 44
    at β = 0.9 (ceil(log 0.01/log 0.9) = 44).
    """
    return _large_t("v")


@claim(
    id="000-3b",
    source=SOURCE,
    location=f"{SOLUTION}, 'For large t'",
    inventory="000-3",
    statement=r"\sum_{\tau=1}^t\gamma^{\tau-1}\approx\frac{1}{1-\gamma},"
    r" \quad s^{(t+1)}\approx g\odot g",
    kind=Kind.LIMIT,
    expected=Verdict.APPROXIMATE,
    title="second moment tends to g*g",
)
def second_moment_tends_to_g2() -> Evidence:
    """s^(t+1) ≈ g⊙g for large t: relative error γ^n; at γ = 0.999 within 1% only
    from n = 4603 — "large t" means thousands of steps for the second moment."""
    return _large_t("s")
