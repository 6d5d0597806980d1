r"""Part 2.3: the role of ε and the ε-free bound on Adam's step (claims 001-6a … 001-6c.fix)."""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp
from adaproof.derivations import adam, symbols, worst_case
from adaproof.numerics.run import feed
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import (
    adam_max_ratio_at,
    decide,
    decided,
    lagrange_identity,
    relative,
)
from adaproof.reports.claims.seed_001._shared import BETA1, BETA2, EPS, EPSILON, SOURCE

b1, b2 = symbols.beta1, symbols.beta2


def _worst_sequences(t: int) -> np.ndarray:
    """Adversarial and random gradient sequences of length t (columns); no gradient is 0
    (at ε = 0 an all-zero history makes the step 0/0)."""
    seq = simulate.adam_attaining(t, BETA1, BETA2)
    cols = [seq, -seq]
    ramp = np.ones(t)
    ramp[-1] = 1e6
    cols.append(ramp)  # ordinary history, one huge gradient
    tiny = np.full(t, 1e-12)
    tiny[-1] = 1e6
    cols.append(tiny)  # tiny v_hat, then a huge m_hat
    sparse = np.full(t, 1e-150)
    sparse[-1] = 1.0
    cols.append(sparse)  # the paper's 'most severe sparsity'
    rng = np.random.default_rng(103)
    for r in (0.85, 0.9, 0.95, 0.99, 1.0, 1.01):  # geometric ramps around the optimum
        cols.append(r ** np.arange(t, dtype=float))
    cols.extend(rng.standard_cauchy(size=(8, t)))
    cols.extend(np.exp(rng.normal(size=(8, t)) * 3))
    return np.array(cols).T


@functools.cache
def _worst_case_run(t: int = 3000) -> dict:
    g = _worst_sequences(t)
    ratio = np.abs(simulate.adam_stream(g, lr=1.0, beta1=BETA1, beta2=BETA2, eps=0.0))
    bound_steps = np.array([adam_max_ratio_at(k, BETA1, BETA2) for k in range(1, t + 1, 50)])
    lim = worst_case.adam_max_ratio_limit(b1, b2).evalf(30, subs={b1: BETA1, b2: BETA2})
    return {
        "max_ratio_at_t": float(ratio[-1].max()),
        "attaining_at_t": float(ratio[-1, 0]),
        "max_ratio_any_step": float(ratio.max()),
        "max_over_R_k_sampled": float(np.max(ratio[::50] / bound_steps[:, None])),
        "R_t": adam_max_ratio_at(t, BETA1, BETA2),
        "R_inf": float(lim),
        "sequences": g.shape[1],
        "t": t,
        "spike_after_tiny_history": float(ratio[-1, 3]),
    }


@claim(
    id="001-6a",
    source=SOURCE,
    location=EPSILON,
    inventory="001-6",
    statement=r"\sqrt{\hat v_t}+\varepsilon \ge \varepsilon > 0 \Rightarrow |\Delta w_t| \le"
    r" \frac{\alpha|\hat m_t|}{\varepsilon}",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="step at most alpha |m_hat|/eps",
)
def step_below_m_hat_over_eps() -> Evidence:
    """√v̂+ε ≥ ε > 0, so |Δw_t| ≤ α|m̂_t|/ε: true (and loose).

    Symbolic: derivations.adam.epsilon_step_bound decided. Numeric: over the
    adversarial/random sequences of 001-6c.fix at ε = 1e-8 the bound holds at every
    step (it exceeds the actual step by a factor up to ~1e8: the ε-free bound of
    001-6c.fix is the useful one).
    """
    rel = adam.epsilon_step_bound()
    e = sp.Symbol("e", positive=True)
    d = decided(
        decide(rel.lhs.subs(symbols.eps, e), "<=", rel.rhs.subs(symbols.eps, e)),
        "|step| <= alpha |m_hat|/eps",
    )
    g = _worst_sequences(400)
    h = feed("adam", g, lr=1.0, eps=EPS)
    bound = np.abs(h.states["m_hat"]) / EPS
    step = np.abs(h.delta)
    slack = bound / np.maximum(step, 1e-300)
    return Evidence(
        f"|step| <= alpha |m_hat|/eps at every step; slack up to {float(slack.max()):.1e}",
        proofs=d.proofs,
        comparisons=[
            *d.comparisons,
            Comparison(
                "largest step / (alpha |m_hat|/eps) over 400 steps",
                float(np.max(step / np.maximum(bound, 1e-300))),
                1.0,
                tol=1e-12,
                mode="upper",
            ),
        ],
        counterexample=d.counterexample,
        details={"decide": d.method, "sequences": g.shape[1], "max_slack": float(slack.max())},
    )


@claim(
    id="001-6b",
    source=SOURCE,
    location=EPSILON,
    inventory="001-6",
    statement=r"\text{Without } \varepsilon, \text{ when } \hat v_t = 0"
    r" \text{ we would divide by zero}",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="division by zero without eps",
)
def division_by_zero_without_eps() -> Evidence:
    """Without ε, v̂_t = 0 (e.g. a first gradient of 0, or a coordinate that never had a
    non-zero gradient) divides by zero: m̂_t = v̂_t = 0 and the step is 0/0; with ε > 0 it
    is 0/ε = 0. Symbolic: the step at m̂ = v̂ = 0 is 0 for ε > 0 and undefined (nan) at
    ε = 0. Numeric: numerics Adam fed g = 0 returns NaN at ε = 0 and 0 at ε = 1e-8."""
    e = sp.Symbol("e", positive=True)
    at_pos = adam.step_from_moments(sp.Integer(0), sp.Integer(0), eps=e)
    at_zero = adam.step_from_moments(sp.Integer(0), sp.Integer(0), eps=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        d0 = float(feed("adam", np.zeros((1, 1)), lr=0.1, eps=0.0).delta[0, 0])
    d1 = float(feed("adam", np.zeros((1, 1)), lr=0.1, eps=1e-8).delta[0, 0])
    return Evidence(
        "g = 0 first: step 0/0 (nan) at eps = 0, 0 at eps > 0",
        proofs=[
            Proof("step(m_hat = v_hat = 0, eps > 0) = 0", at_pos == 0),
            Proof("step(m_hat = v_hat = 0, eps = 0) = 0/0 (nan)", at_zero is sp.nan),
        ],
        comparisons=[
            Comparison("run at eps = 0 is NaN (1 if NaN)", float(math.isnan(d0)), 1.0, tol=0),
            Comparison("run at eps = 1e-8", d1, 0.0, tol=0),
        ],
        details={"step_eps_positive": str(at_pos), "step_eps_0": str(at_zero)},
    )


@claim(
    id="001-6c",
    source=SOURCE,
    location=EPSILON,
    inventory="001-6",
    statement=r"\text{Without } \varepsilon, \text{ when } \hat v_t \ll 1 \text{ a single large }"
    r" \hat m_t \text{ would produce an exploding update}",
    kind=Kind.INEQUALITY,
    expected=Verdict.REFUTED,
    title="exploding update without eps",
    corrected_by="001-6c.fix",
    figure="worst_case_ratio",
)
def exploding_update_without_eps() -> Evidence:
    """ "Without ε, when v̂_t ≪ 1 ... a single large m̂_t would produce an exploding update":
    false — m̂ and v̂ come from the same gradients, so |m̂_t|/√v̂_t ≤ R_t whatever they are.

    Cauchy–Schwarz (derivations.worst_case.adam_max_ratio): with ε = 0,
    |Δ_t| ≤ α R_t, R_t ↑ R_∞ = (1-β₁)√(β₂/((1-β₂)(β₂-β₁²))) = 7.27 at the defaults.
    Counterexample to "exploding": 2999 gradients of 1e-12 then one of 1e6
    (v̂ tiny before, a huge m̂): the step is 3.08α (below R_∞), and no sequence tried
    gets above R_t. ε only matters when v̂_t = 0 (0/0).
    """
    w = _worst_case_run()
    spike = w["spike_after_tiny_history"]
    return Evidence(
        f"with eps = 0 the step never exceeded {w['max_ratio_any_step']:.3f} alpha "
        f"(tiny history then 1e6: {spike:.3f} alpha)",
        comparisons=[
            relative(
                "largest step/alpha against R_inf",
                w["max_ratio_any_step"],
                w["R_inf"],
                1e-9,
                mode="upper",
            ),
        ],
        counterexample={
            "gradients": "g_1..g_2999 = 1e-12, g_3000 = 1e6",
            "eps": 0.0,
            "step_over_alpha": spike,
            "claimed": "exploding (unbounded)",
        }
        if spike <= w["R_inf"]
        else None,
        corrected=r"\varepsilon = 0:\ |\Delta w_t| \le \alpha\frac{1-\beta_1}{1-\beta_1^t}"
        r"\sqrt{\frac{1-\beta_2^t}{1-\beta_2}\cdot\frac{1-(\beta_1^2/\beta_2)^t}"
        r"{1-\beta_1^2/\beta_2}} \le \alpha(1-\beta_1)\sqrt{\frac{\beta_2}{(1-\beta_2)"
        r"(\beta_2-\beta_1^2)}} \ (\beta_1^2<\beta_2)",
        details=w,
    )


@claim(
    id="001-6c.fix",
    source=SOURCE,
    location=f"{EPSILON} (corrected: the eps-free bound)",
    statement=r"\frac{|\hat m_t|}{\sqrt{\hat v_t}} \le \frac{1-\beta_1}{1-\beta_1^t}"
    r"\sqrt{\frac{1-\beta_2^t}{1-\beta_2}\cdot\frac{1-(\beta_1^2/\beta_2)^t}"
    r"{1-\beta_1^2/\beta_2}} \ \text{(sharp)}",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="sharp bound on Adam's step",
    figure="worst_case_ratio",
)
def sharp_step_bound() -> Evidence:
    """|m̂_t|/√v̂_t ≤ R_t (sharp), R_t → 7.27 at β₁ = 0.9, β₂ = 0.999.

    Symbolic: Lagrange's identity for t = 2..4 (derivations.worst_case
    .cauchy_schwarz_gap) — the gap is a sum of squares. Numeric (adversarial): the
    attaining sequence g_k = (β₁/β₂)^{t-k} run through Adam (ε = 0) reaches R_t at
    t = 3000 to 1e-9; ±, spikes, sparse, geometric ramps, Cauchy and log-normal
    sequences never exceed R_k at the sampled steps.
    """
    w = _worst_case_run()
    return Evidence(
        f"attaining sequence reaches R_3000 = {w['R_t']:.4f}; nothing above; "
        f"R_inf = {w['R_inf']:.4f}",
        proofs=[lagrange_identity()],
        comparisons=[
            relative(
                "attaining sequence at t = 3000 against R_t", w["attaining_at_t"], w["R_t"], 1e-9
            ),
            Comparison(
                "largest step over R_k at sampled steps",
                w["max_over_R_k_sampled"],
                1.0,
                tol=1e-9,
                mode="upper",
            ),
        ],
        details=w,
    )
