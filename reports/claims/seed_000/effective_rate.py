r"""The tutorial's effective learning rate :math:`\alpha_{\text{eff}}` and the invariance of
the update to the gradient's magnitude (claims 000-4 … 000-6)."""

from __future__ import annotations

import functools

import numpy as np
import sympy as sp
from adaproof.derivations import adam, symbols
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import (
    Approximation,
    Comparison,
    Evidence,
    Proof,
    claim,
)
from adaproof.reports.claims.helpers import decide, decided
from adaproof.reports.claims.seed_000._shared import BETA, GAMMA, SOURCE, constant_run, first_within

TASK, SOLUTION = "Theoretical Task", "Solution to Theoretical Task"
IMPACT = f"{SOLUTION}, Gradient Magnitude Impact"


@functools.cache
def _step_over_alpha() -> np.ndarray:
    """step_n/α for g = 1, ε = 0 (the tutorial's recursion) over 8000 steps."""
    run = constant_run((1.0,), 8000, 0.0, 1e-3)
    return -run["delta"][:, 0] / 1e-3


@claim(
    id="000-4",
    source=SOURCE,
    location=f"{TASK}, item 1; {SOLUTION}",
    inventory="000-4",
    statement=r"\alpha_{\text{eff}} \approx \alpha\frac{1}{|g|} \text{ for sufficiently large } t",
    kind=Kind.LIMIT,
    expected=Verdict.APPROXIMATE,
    title="effective learning rate alpha/|g|",
    figure="constant_gradient_step",
)
def effective_rate_limit() -> Evidence:
    """α_eff ≈ α/|g| "for sufficiently large t": a limit, reached only after ~3900 steps.

    Exactly (constant g, no bias correction) α_eff,t = α(1-β^t)/(|g|√(1-γ^t)+ε),
    whose limit is α/(|g|+ε) (derivations.adam.constant_gradient_limit) ≈ α/|g|
    for |g| ≫ ε. At β = 0.9, γ = 0.999 the ratio step/α starts at
    0.1/√0.001 = 3.16, peaks at 6.57 (t = 12), and is within 1% of 1 from
    t = 3925 on (derivations.adam.steps_to_tolerance; the run agrees).
    """
    lim = adam.constant_gradient_limit(bias_correction=False)
    limit_ok = sp.simplify(lim - symbols.alpha * symbols.g / (sp.Abs(symbols.g) + symbols.eps)) == 0
    t_sym = adam.steps_to_tolerance(0.01, BETA, GAMMA)
    r = _step_over_alpha()
    t_run = first_within(np.abs(r - 1), 0.01)
    peak = int(np.argmax(r))
    return Evidence(
        f"alpha_eff -> alpha/(|g|+eps); at beta=0.9, gamma=0.999 within 1% only from "
        f"t = {t_run} (step/alpha = {r[0]:.2f} at t=1, peak {r[peak]:.2f} at t={peak + 1})",
        proofs=[Proof("lim_t step = alpha g/(|g|+eps)", limit_ok)],
        comparisons=[
            Comparison("steps until within 1%: run against derivation", t_run, t_sym, tol=0)
        ],
        approximation=Approximation(
            "t \\to \\infty",
            float(abs(r[99] - 1)),
            {"beta": BETA, "gamma": GAMMA, "t": 100, "relative_error": "|step/alpha - 1|"},
        ),
        details={
            "limit": str(lim),
            "exact_finite_t": "alpha (1-beta^t) / (|g| sqrt(1-gamma^t) + eps)",
            "step_over_alpha_t1": float(r[0]),
            "peak_step_over_alpha": float(r[peak]),
            "peak_at_t": peak + 1,
            "step_over_alpha_t1000": float(r[999]),
        },
    )


@claim(
    id="000-5a",
    source=SOURCE,
    location=f"{IMPACT}, 'Invariance'",
    inventory="000-5",
    statement=r"\text{Update magnitude becomes } \alpha\frac{g_i}{|g_i|}"
    r" = \alpha\,\mathrm{sign}(g_i)",
    kind=Kind.LIMIT,
    expected=Verdict.APPROXIMATE,
    title="update becomes alpha sign(g)",
)
def update_becomes_sign() -> Evidence:
    """The update becomes α sign(g): only for t ≳ 3900 and |g| ≫ ε.

    Limit α g/(|g|+ε): relative error ε/(|g|+ε) besides the transient of 000-4.
    Run at t = 8000 (transient gone to 1e-4) with ε = 1e-8: |Δ|/α = 1.000 for
    |g| = 1, 0.99 for |g| = 1e-6, 0.5 for |g| = 1e-8 and 0.01 for |g| = 1e-10.
    """
    g = (1.0, 1e-6, 1e-8, 1e-10)
    ratio = np.abs(constant_run(g, 8000, 1e-8, 1e-3)["delta"][-1]) / 1e-3
    lim = np.array([1 / (1 + 1e-8 / x) for x in g])
    transient = float(abs(_step_over_alpha()[-1] - 1))
    return Evidence(
        f"|step|/alpha at t=8000, eps=1e-8: {', '.join(f'{x:.3g}' for x in ratio)} "
        f"for |g| = {', '.join(f'{x:g}' for x in g)}",
        comparisons=[
            Comparison("transient at t = 8000", transient, 1e-3, mode="upper"),
            Comparison(
                "run against the limit g/(|g|+eps) (max relative)",
                error=float(np.max(np.abs(ratio / lim - 1))),
                tol=2 * transient + 1e-12,
            ),
        ],
        approximation=Approximation(
            "t \\to \\infty,\\ |g| \\gg \\epsilon",
            float(np.max(np.abs(ratio - 1))),
            {"t": 8000, "eps": 1e-8, "g": list(g), "relative_error": "eps/(|g|+eps)"},
        ),
        details={"step_over_alpha_t8000": ratio.tolist(), "transient_at_8000": transient},
    )


@claim(
    id="000-5b",
    source=SOURCE,
    location=f"{IMPACT}, 'Invariance'",
    inventory="000-5",
    statement=r"\Rightarrow \text{Direction preserved, magnitude normalized}",
    kind=Kind.INEQUALITY,
    expected=Verdict.CONFIRMED,
    title="direction preserved",
)
def direction_preserved() -> Evidence:
    """Direction preserved: every step moves against g, at every t (not only in the
    limit): step_t/g = α(1-β^t)/(|g|√(1-γ^t)+ε) > 0. The relation is decided with
    β = 1/(1+x) (a proof when the engine reduces it symbolically, otherwise a sampled
    check); the run's steps all have sign -sign(g) over 500 steps."""
    x = sp.Symbol("x", positive=True)
    gabs = sp.Symbol("gabs", positive=True)
    b = 1 / (1 + x)
    expr = symbols.alpha * (1 - b**symbols.t) / (gabs * sp.sqrt(1 - b**symbols.t) + symbols.eps)
    d = decided(decide(expr, ">", sp.Integer(0)), "alpha(1-beta^t)/(|g|sqrt(1-gamma^t)+eps) > 0")
    gs = np.array([2.0, -0.5, 1e-6])
    delta = constant_run(tuple(gs), 500, 1e-8)["delta"]
    wrong = int(np.sum(np.sign(delta) != -np.sign(gs)))
    return Evidence(
        "sign(step_t) = -sign(g) at every t",
        proofs=d.proofs,
        comparisons=[*d.comparisons, Comparison("steps not against g (of 1500)", wrong, 0, tol=0)],
        counterexample=d.counterexample,
        details={"decide": d.method, "steps": 500, "g": gs.tolist()},
    )


@claim(
    id="000-6",
    source=SOURCE,
    location=f"{TASK}, item 2; {IMPACT}",
    inventory="000-6",
    statement=r"\text{Large } |g_i|: \text{ small } \alpha/|g_i|;\ \text{small } |g_i|:"
    r" \text{ large } \alpha/|g_i|",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="rate falls with |g|",
)
def rate_falls_with_gradient() -> Evidence:
    """Large |g_i| → small α_eff, small |g_i| → large: α_eff,t = α(1-β^t)/(|g|√(1-γ^t)+ε)
    decreases strictly in |g| at every t (derivative < 0, decided), so also the limit
    α/(|g|+ε). Numeric: per-coordinate rates on g = (1e-3, 0.1, 1, 10, 1000) are in
    decreasing order at t = 1, 10, 1000 (the step α sign g itself does not depend on |g|).
    """
    gabs = sp.Symbol("gabs", positive=True)
    c = sp.Symbol("c", positive=True)  # sqrt(1-gamma^t) in (0, 1]
    rate = symbols.alpha * c / (gabs * c + symbols.eps)  # the factor (1-beta^t) > 0 dropped
    d = decided(decide(sp.diff(rate, gabs), "<", sp.Integer(0)), "d alpha_eff/d|g| < 0")
    g = (1e-3, 0.1, 1.0, 10.0, 1000.0)
    rates = -constant_run(g, 1000, 1e-8)["delta"] / np.asarray(g)
    out_of_order = sum(int(np.sum(np.diff(rates[t]) >= 0)) for t in (0, 9, 999))
    return Evidence(
        "d alpha_eff / d|g| < 0 at every t; simulated rates ordered",
        proofs=d.proofs,
        comparisons=[
            *d.comparisons,
            Comparison("rates out of order at t = 1, 10, 1000", out_of_order, 0, tol=0),
        ],
        counterexample=d.counterexample,
        details={"decide": d.method, "rates_t1000": rates[999].tolist(), "g": list(g)},
    )
