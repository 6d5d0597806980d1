r"""Claims of "Problem 3: Adam vs. SGD with Momentum" (a solved homework problem).

Source ``001_a9f80f3499dce77f.txt``. Adam as in Kingma & Ba's Algorithm 1 (scalar w,
:math:`w_{t+1} = w_t - \alpha\hat m_t/(\sqrt{\hat v_t}+\varepsilon)`, :math:`m_0 = v_0 = 0`)
and heavy-ball momentum :math:`u_t = \mu u_{t-1} + g_t`, :math:`w_{t+1} = w_t - \alpha u_t`.
Symbolic parts come from :mod:`derivations.adam`, :mod:`derivations.momentum` and
:mod:`derivations.worst_case`; numeric parts feed gradient streams to
``numerics.run.feed("adam" | "momentum", ...)``. Each check's reasoning is in its docstring.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp
from adaproof.derivations import adam as dadam
from adaproof.derivations import momentum as dmom
from adaproof.derivations import symbols as S
from adaproof.derivations import worst_case as dwc
from adaproof.numerics.run import feed
from adaproof.numerics.streams import spike
from adaproof.reports.claims._verdicts import (
    APPROXIMATE,
    CONDITIONAL,
    CONFIRMED,
    IDN,
    INQ,
    LIM,
    PROVED,
    QUAL,
    REFUTED,
    approximate,
    conditional,
    confirmed,
    decide,
    make_claim,
    proved,
    refuted,
)
from adaproof.reports.claims.base import Claim, Result

SOURCE = "001_a9f80f3499dce77f.txt"

b1, b2, al, ep = S.beta1, S.beta2, S.alpha, S.eps
g1, g2 = S.grads(2)
B1, B2, EPS = 0.9, 0.999, 1e-8  # Adam's defaults (Kingma & Ba)
MU = 0.9  # heavy-ball momentum (numerics preset "momentum")


# ---------------------------------------------------------------------------
# Part 1: the first two updates


def _printed_part1() -> dict[str, sp.Expr]:
    return {
        "m1": (1 - b1) * g1,
        "v1": (1 - b2) * g1**2,
        "m_hat1": g1,
        "v_hat1": g1**2,
        "w2": S.w1 - al * g1 / (sp.sqrt(g1**2) + ep),
        "m2": (1 - b1) * (b1 * g1 + g2),
        "v2": (1 - b2) * (b2 * g1**2 + g2**2),
        "m_hat2": (1 - b1) * (b1 * g1 + g2) / (1 - b1**2),
        "v_hat2": (1 - b2) * (b2 * g1**2 + g2**2) / (1 - b2**2),
    }


def _derived_part1() -> dict[str, sp.Expr]:
    s = dadam.adam_steps(2)
    return {
        "m1": s.m[0],
        "v1": s.v[0],
        "m_hat1": s.m_hat[0],
        "v_hat1": s.v_hat[0],
        "w2": s.w[1],
        "m2": s.m[1],
        "v2": s.v[1],
        "m_hat2": s.m_hat[1],
        "v_hat2": s.v_hat[1],
        "w3": s.w[2],
    }


@functools.cache
def _adam_two_steps() -> dict[str, np.ndarray]:
    """numerics: Adam on 64 random (g1, g2) pairs, alpha = 0.01, eps = 1e-3 (visible)."""
    rng = np.random.default_rng(101)
    g = rng.normal(size=(2, 64)) * np.exp(rng.normal(size=(2, 64)))
    h = feed("adam", g, x0=0.5, lr=0.01, beta1=B1, beta2=B2, eps=1e-3)
    return {"g": g, "x": h.x, **h.states}


def _part1_check(names: tuple[str, ...]) -> Result:
    """Compare the printed expressions with the unrolled recursion (SymPy) and the run."""
    printed, derived = _printed_part1(), _derived_part1()
    if "w3" in names:
        printed["w3"] = derived["w2"] - al * derived["m_hat2"] / (sp.sqrt(derived["v_hat2"]) + ep)
    sym = {n: sp.simplify(printed[n] - derived[n]) == 0 for n in names}
    run = _adam_two_steps()
    subs_base = {b1: B1, b2: B2, al: 0.01, ep: 1e-3, S.w1: 0.5}
    keymap = {"m": "m", "v": "v", "m_hat": "m_hat", "v_hat": "v_hat"}
    err = 0.0
    for n in names:
        expr = printed[n].subs(subs_base)
        want = np.array([float(expr.evalf(30, subs={g1: a, g2: b})) for a, b in run["g"][:, :8].T])
        if n.startswith("w"):
            got = run["x"][int(n[1:]) - 1, :8]
        else:
            got = run[keymap[n[:-1]]][int(n[-1]) - 1, :8]
        err = max(err, float(np.max(np.abs(got - want) / (np.abs(want) + 1e-300))))
    return proved(
        all(sym.values()) and err < 1e-11,
        f"{', '.join(names)}: printed = unrolled recursion; run agrees to {err:.1e}",
        {
            "symbolic": {
                n: "simplify(printed - recursion) = 0" if ok else "differs" for n, ok in sym.items()
            },
            "max_rel_error_run": err,
            "tolerance": "1e-11 (float64 rounding of a few operations; ratios of near-cancelling"
            " sums amplify it)",
            "runs_compared": 8,
        },
    )


def check_001_1a() -> Result:
    """m_1 = (1-β₁)g_1, v_1 = (1-β₂)g_1²: one step of each EMA from 0."""
    return _part1_check(("m1", "v1"))


def check_001_1b() -> Result:
    """m̂_1 = g_1, v̂_1 = g_1²: the corrections 1/(1-β^1) cancel the factors exactly."""
    return _part1_check(("m_hat1", "v_hat1"))


def check_001_1c() -> Result:
    """w_2 = w_1 - α g_1/(√(g_1²)+ε): the first step is α g_1/(|g_1|+ε), ≈ α sign(g_1)."""
    return _part1_check(("w2",))


def check_001_2a() -> Result:
    """m_2 = (1-β₁)(β₁g_1+g_2), v_2 = (1-β₂)(β₂g_1²+g_2²)."""
    return _part1_check(("m2", "v2"))


def check_001_2b() -> Result:
    """m̂_2, v̂_2 as the printed fractions over 1-β₁², 1-β₂²."""
    return _part1_check(("m_hat2", "v_hat2"))


def check_001_2c() -> Result:
    """w_3 = w_2 - α m̂_2/(√v̂_2+ε), with the printed m̂_2, v̂_2 substituted."""
    return _part1_check(("w3",))


# ---------------------------------------------------------------------------
# Part 2: scaling


@functools.cache
def _stream(seed: int = 102, T: int = 300, batch: int = 16) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.normal(0.3, 1.0, size=(T, batch)) * np.exp(rng.normal(size=(1, batch)))


def check_001_3a() -> Result:
    """Momentum SGD: g ↦ cg gives u_t ↦ c u_t, so doubling every gradient doubles every step.

    Symbolic: u_t(cg) = c u_t(g) for t = 1..6 (derivations.momentum.scaling_relations).
    Numeric: the momentum run on a stream and on 2x the stream: steps in ratio 2 to 1e-12.
    """
    rel = dmom.scaling_relations(6)
    sym = all(sp.expand(r.lhs - r.rhs) == 0 for r in rel)
    g = _stream()
    d1 = feed("momentum", g, lr=0.01).delta
    d2 = feed("momentum", 2 * g, lr=0.01).delta
    err = float(np.max(np.abs(d2 - 2 * d1)) / np.max(np.abs(d1)))
    return proved(
        sym and err < 1e-12,
        f"u_t(c g) = c u_t(g) (t = 1..6); doubled stream doubles every step (error {err:.1e})",
        {
            "symbolic": "expand(u_t(cg) - c u_t(g)) = 0, t = 1..6",
            "max_rel_error": err,
            "steps": g.shape[0],
            "runs": g.shape[1],
        },
    )


def check_001_3b() -> Result:
    """ "u_t is an EMA of the g_τ": it is not — u_t = Σ μ^{t-k} g_k = m_t/(1-μ).

    The weights sum to (1-μ^t)/(1-μ) → 1/(1-μ) = 10 at μ = 0.9
    (derivations.momentum.weights_total), not 1; the identity u_t = m_t/(1-μ) with m
    the EMA of parameter μ holds (ema_relation). Counterexample: constant g = 1,
    μ = 0.9: u_50 = 9.948, outside the range [min g, max g] = {1} of any average.
    """
    wt = dmom.weights_total(S.t)
    lim = S.limit_t_to_infinity(wt, S.mu_m)
    h = feed("momentum", np.ones((50, 1)), lr=1.0)
    u50 = float(-h.delta[-1, 0])
    ok = sp.simplify(lim - 1 / (1 - S.mu_m)) == 0 and u50 > 9.9
    return refuted(
        ok,
        f"u_t's weights sum to (1-mu^t)/(1-mu) -> {float(lim.subs(S.mu_m, MU)):.0f}: "
        f"u_50 = {u50:.3f} for g = 1",
        {"weights_total": str(wt), "limit": str(lim)},
        counterexample={"mu": MU, "g": 1.0, "t": 50, "u_t": u50, "any_average_of_g": 1.0},
        corrected=r"u_t = \sum_{k=1}^t\mu^{t-k}g_k = \frac{m_t}{1-\mu},\quad"
        r" m_t = \mu m_{t-1} + (1-\mu)g_t \text{ (the EMA)}",
    )


def check_001_3b_fix() -> Result:
    """u_t = m_t/(1-μ) with m_t the EMA of parameter μ (m_0 = 0).

    Symbolic: the identity for t = 1..8 (derivations.momentum.ema_relation).
    Numeric: heavy ball (lr = 1) and EMA-form momentum (numerics sgd form="ema",
    lr = 1/(1-μ)) give the same steps on a random stream to 1e-12.
    """
    rel = dmom.ema_relation(8)
    sym = all(sp.cancel(r.lhs - r.rhs) == 0 for r in rel)
    g = _stream()
    hb = feed("momentum", g, lr=1.0).delta
    em = feed("momentum", g, lr=1 / (1 - MU), form="ema").delta
    err = float(np.max(np.abs(hb - em)) / np.max(np.abs(hb)))
    return proved(
        sym and err < 1e-12,
        f"u_t = m_t/(1-mu) (t = 1..8); heavy ball = EMA momentum at lr/(1-mu) ({err:.1e})",
        {"symbolic": "cancel(u_t - m_t/(1-mu)) = 0, t = 1..8", "max_rel_error": err},
    )


def _scaled_runs(c: float, eps: float, base: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    d1 = feed("adam", base, lr=0.01, eps=eps).delta
    dc = feed("adam", c * base, lr=0.01, eps=eps).delta
    return d1, dc


def check_001_4a() -> Result:
    """g ↦ cg gives m̂_t ↦ c m̂_t and v̂_t ↦ c² v̂_t (exactly, every t).

    Symbolic: for t = 1..4 the scaled unrolled moments minus c·m̂, c²·v̂ are 0
    (derivations.adam.scaled_adam_steps). Numeric: the states of runs on g and
    -3.7 g agree to 1e-13.
    """
    s, sc = dadam.adam_steps(4), dadam.scaled_adam_steps(4)
    sym = all(sp.expand(a - S.c * b) == 0 for a, b in zip(sc.m_hat, s.m_hat, strict=True)) and all(
        sp.expand(a - S.c**2 * b) == 0 for a, b in zip(sc.v_hat, s.v_hat, strict=True)
    )
    g = _stream()
    h1, hc = feed("adam", g, lr=0.01), feed("adam", -3.7 * g, lr=0.01)
    e1 = float(
        np.max(
            np.abs(hc.states["m_hat"] + 3.7 * h1.states["m_hat"])
            / (3.7 * np.abs(h1.states["m_hat"]) + 1e-300)
        )
    )
    e2 = float(
        np.max(
            np.abs(hc.states["v_hat"] - 3.7**2 * h1.states["v_hat"]) / (3.7**2 * h1.states["v_hat"])
        )
    )
    return proved(
        sym and max(e1, e2) < 1e-9,
        f"m_hat -> c m_hat, v_hat -> c^2 v_hat (t = 1..4 symbolic; run error {max(e1, e2):.1e})",
        {
            "symbolic": "t = 1..4",
            "m_hat_rel_error": e1,
            "v_hat_rel_error": e2,
            "tolerance": "1e-9 (relative, m_hat can pass near 0)",
        },
    )


def check_001_4b() -> Result:
    """At ε = 0, m̂/√v̂ ↦ sign(c) m̂/√v̂: invariant for c > 0, flipped for c < 0.

    Symbolic: scaling_factor(eps=0) = c/|c|. Numeric: ε = 0 runs on g, 1000 g and
    -0.001 g take the same steps up to the sign, to 1e-12 — for the whole
    trajectory (the step depends on the gradients only through m̂/√v̂).
    """
    f = dadam.scaling_factor(eps=0)
    sym = sp.simplify(f - S.c / sp.Abs(S.c)) == 0
    g = _stream()
    errs = {}
    for c in (1000.0, -0.001):
        d1, dc = _scaled_runs(c, 0.0, g)
        errs[c] = float(np.max(np.abs(dc - math.copysign(1, c) * d1)) / 0.01)
    return proved(
        sym and max(errs.values()) < 1e-12,
        "eps = 0: steps with c g equal sign(c) x steps with g",
        {
            "scaling_factor_eps0": str(f),
            "max_abs_error_over_lr": {str(k): v for k, v in errs.items()},
        },
    )


def check_001_5a() -> Result:
    """ "With ε > 0 scale invariance is slightly broken": slight only when ε ≪ √v̂.

    step(cg)/step(g) = c(√v̂+ε)/(|c|√v̂+ε) (derivations.adam.scaling_factor), which
    differs from sign(c) by ε(|c|-1)/(|c|√v̂+ε): below 1% iff ε(|c|-1) < 0.01
    (|c|√v̂+ε). In the regime the source itself describes (v̂ small, √v̂+ε ≈ ε) the
    break is total: with gradients of size 1e-10 = ε/100 and c = 100 the run's
    steps grow by 50.5x instead of staying equal (1.98x at |g| = ε).
    """
    vh = sp.Symbol("vhat", nonnegative=True)
    f = dadam.scaling_factor(v_hat=vh)
    dev = sp.simplify(f.subs(S.c, sp.Symbol("cc", positive=True)) - 1)
    g = np.full((50, 1), 1e-10)
    d1, dc = _scaled_runs(100.0, EPS, g)
    ratio = float(dc[-1, 0] / d1[-1, 0])
    gbig = np.full((50, 1), 1e-2)
    d1b, dcb = _scaled_runs(100.0, EPS, gbig)
    ratio_big = float(dcb[-1, 0] / d1b[-1, 0])
    ok = abs(ratio - 50.5) < 0.01 and abs(ratio_big - 1) < 1e-5
    return conditional(
        ok,
        f"c = 100: steps x{ratio:.1f} at |g| = eps/100, x{ratio_big:.7f} at |g| = 1e-2",
        {"relative_deviation": str(dev), "ratio_g_1e-10": ratio, "ratio_g_1e-2": ratio_big},
        counterexample={"g": 1e-10, "eps": EPS, "c": 100.0, "step_ratio": ratio, "claimed": 1.0},
        conditions=r"\varepsilon(|c|-1) \ll |c|\sqrt{\hat v_t}+\varepsilon"
        r" \text{ (gradients much larger than } \varepsilon)",
    )


def check_001_5b() -> Result:
    """When √v̂ ≪ ε the step is ≈ α c m̂/ε, ∝ c: the limit v̂ → 0 of scaling_factor is c
    (SymPy). Error: relative |c|√v̂/ε. Run: gradients 1e-12 (√v̂ = 1e-12 ≪ ε = 1e-8),
    c = 10: steps grow 9.991x (predicted 10(1e-12+1e-8)/(1e-11+1e-8) = 9.991)."""
    vh = sp.Symbol("vhat", nonnegative=True)
    lim = sp.limit(dadam.scaling_factor(v_hat=vh), vh, 0)
    g = np.full((50, 1), 1e-12)
    d1, dc = _scaled_runs(10.0, EPS, g)
    ratio = float(dc[-1, 0] / d1[-1, 0])
    pred = 10 * (1e-12 + 1e-8) / (1e-11 + 1e-8)
    ok = sp.simplify(lim - S.c) == 0 and abs(ratio - pred) < 1e-6
    return approximate(
        ok,
        f"limit v_hat -> 0 of the scaling factor is c; run at sqrt(v_hat) = 1e-4 eps: x{ratio:.4f}",
        {
            "limit": str(lim),
            "ratio_run": ratio,
            "predicted": pred,
            "relative_error": "about |c| sqrt(v_hat)/eps",
        },
    )


# ---------------------------------------------------------------------------
# Role of epsilon, worst cases


def _attaining(t: int) -> np.ndarray:
    """derivations.worst_case.adam_attaining_sequence at the defaults, as floats.

    The derivation's g_k = (β₁/β₂)^{t-k} is read off symbolically (its ratio of
    consecutive terms, checked below) and generated in NumPy: SymPy powers of
    3000 terms are slow and add nothing.
    """
    seq = dwc.adam_attaining_sequence(4, b1, b2)
    ratio = sp.simplify(seq[1] / seq[0])
    if sp.simplify(seq[-1] - 1) != 0 or sp.simplify(ratio - b2 / b1) != 0:
        raise AssertionError(f"unexpected attaining sequence {seq}")
    return (B1 / B2) ** np.arange(t - 1, -1, -1, dtype=float)


def _worst_sequences(t: int) -> np.ndarray:
    """Adversarial and random gradient sequences of length t (columns); no gradient is 0
    (at ε = 0 an all-zero history makes the step 0/0)."""
    seq = _attaining(t)
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


def _max_ratio_float(t: int, beta1: float, beta2: float) -> float:
    """derivations.worst_case.adam_max_ratio evaluated at floats (30 digits)."""
    expr = dwc.adam_max_ratio(S.t, b1, b2)
    return float(expr.evalf(30, subs={S.t: t, b1: beta1, b2: beta2}))


@functools.cache
def _worst_case_run(t: int = 3000) -> dict:
    g = _worst_sequences(t)
    h = feed("adam", g, lr=1.0, beta1=B1, beta2=B2, eps=0.0)
    ratio = np.abs(h.delta)  # |step|/alpha, alpha = 1
    r_t = _max_ratio_float(t, B1, B2)
    lim = float(dwc.adam_max_ratio_limit(b1, b2).evalf(30, subs={b1: B1, b2: B2}))
    bound_steps = np.array([_max_ratio_float(k, B1, B2) for k in range(1, t + 1, 50)])
    over = ratio[::50] - bound_steps[:, None] * (1 + 1e-9)
    return {
        "max_ratio_at_t": float(ratio[-1].max()),
        "attaining_at_t": float(ratio[-1, 0]),
        "max_ratio_any_step": float(ratio.max()),
        "exceeds_R_k_at_sampled_steps": int(np.sum(over > 0)),
        "R_t": r_t,
        "R_inf": lim,
        "sequences": g.shape[1],
        "t": t,
        "spike_after_tiny_history": float(ratio[-1, 3]),
    }


def check_001_6a() -> Result:
    """√v̂+ε ≥ ε > 0, so |Δw_t| ≤ α|m̂_t|/ε: true (and loose).

    Symbolic: derivations.adam.epsilon_step_bound decided. Numeric: over the
    adversarial/random sequences of 001-6c.fix at ε = 1e-8 the bound holds at every
    step (it exceeds the actual step by a factor up to ~1e8: the ε-free bound of
    001-6c.fix is the useful one).
    """
    rel = dadam.epsilon_step_bound()
    mh, vh = sp.Symbol("mhat", real=True), sp.Symbol("vhat", nonnegative=True)
    epsp = sp.Symbol("e", positive=True)
    d = decide(rel.lhs.subs(ep, epsp), "<=", rel.rhs.subs(ep, epsp))
    g = _worst_sequences(400)
    h = feed("adam", g, lr=1.0, eps=EPS)
    bound = np.abs(h.states["m_hat"]) / EPS
    slack = bound / np.maximum(np.abs(h.delta), 1e-300)
    ok = d.verdict == "true" and bool(np.all(np.abs(h.delta) <= bound * (1 + 1e-12)))
    del mh, vh
    return proved(
        ok,
        f"|step| <= alpha |m_hat|/eps at every step; slack up to {float(slack.max()):.1e}",
        {
            "decide": d.method,
            "steps": 400,
            "sequences": g.shape[1],
            "max_slack_factor": float(slack.max()),
        },
    )


def check_001_6b() -> Result:
    """Without ε, v̂_t = 0 (e.g. a first gradient of 0, or a coordinate that never had a
    non-zero gradient) divides by zero: m̂_t = v̂_t = 0 and the step is 0/0; with ε > 0 it
    is 0/ε = 0. Symbolic: the step at m̂ = v̂ = 0 is 0 for ε > 0 and undefined (nan) at
    ε = 0. Numeric: numerics Adam fed g = 0 returns NaN at ε = 0 and 0 at ε = 1e-8."""
    e = sp.Symbol("e", positive=True)
    at_pos = dadam.step_from_moments(sp.Integer(0), sp.Integer(0), eps=e)
    at_zero = dadam.step_from_moments(sp.Integer(0), sp.Integer(0), eps=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        d0 = float(feed("adam", np.zeros((1, 1)), lr=0.1, eps=0.0).delta[0, 0])
    d1 = float(feed("adam", np.zeros((1, 1)), lr=0.1, eps=1e-8).delta[0, 0])
    ok = at_pos == 0 and at_zero is sp.nan and math.isnan(d0) and d1 == 0.0
    return proved(
        ok,
        "g = 0 first: step 0/0 (nan) at eps = 0, 0 at eps > 0",
        {
            "step_eps_positive": str(at_pos),
            "step_eps_0": str(at_zero),
            "run_eps_0": "nan",
            "run_eps_1e-8": d1,
        },
    )


def check_001_6c() -> Result:
    """ "Without ε, when v̂_t ≪ 1 ... a single large m̂_t would produce an exploding update":
    false — m̂ and v̂ come from the same gradients, so |m̂_t|/√v̂_t ≤ R_t whatever they are.

    Cauchy–Schwarz (derivations.worst_case.adam_max_ratio): with ε = 0,
    |Δ_t| ≤ α R_t, R_t ↑ R_∞ = (1-β₁)√(β₂/((1-β₂)(β₂-β₁²))) = 7.27 at the defaults.
    Counterexample to "exploding": 2999 gradients of 1e-12 then one of 1e6
    (v̂ tiny before, a huge m̂): the step is 3.08α, and no sequence tried gets above
    R_t. ε only matters when v̂_t = 0 (0/0).
    """
    w = _worst_case_run()
    ok = w["max_ratio_any_step"] <= w["R_inf"] * (1 + 1e-9) and w["spike_after_tiny_history"] < 4
    return refuted(
        ok,
        f"with eps = 0 the step never exceeded {w['max_ratio_any_step']:.3f} alpha "
        f"(tiny history then 1e6: {w['spike_after_tiny_history']:.3f} alpha)",
        w,
        counterexample={
            "gradients": "g_1..g_2999 = 1e-12, g_3000 = 1e6",
            "eps": 0.0,
            "step_over_alpha": w["spike_after_tiny_history"],
            "claimed": "exploding (unbounded)",
        },
        corrected=r"\varepsilon = 0:\ |\Delta w_t| \le \alpha\frac{1-\beta_1}{1-\beta_1^t}"
        r"\sqrt{\frac{1-\beta_2^t}{1-\beta_2}\cdot\frac{1-(\beta_1^2/\beta_2)^t}"
        r"{1-\beta_1^2/\beta_2}} \le \alpha(1-\beta_1)\sqrt{\frac{\beta_2}{(1-\beta_2)"
        r"(\beta_2-\beta_1^2)}} \ (\beta_1^2<\beta_2)",
    )


def check_001_6c_fix() -> Result:
    """|m̂_t|/√v̂_t ≤ R_t (sharp), R_t → 7.27 at β₁ = 0.9, β₂ = 0.999.

    Symbolic: Lagrange's identity for t = 2..4 (derivations.worst_case
    .cauchy_schwarz_gap) — the gap is a sum of squares; R_2 closed form. Numeric
    (adversarial): the attaining sequence g_k = (β₁/β₂)^{t-k} run through Adam
    (ε = 0) reaches R_t at t = 3000 to 1e-9; ±, spikes, sparse, geometric ramps,
    Cauchy and log-normal sequences never exceed it.
    """
    sym = True
    for n in (2, 3, 4):
        eq = dwc.cauchy_schwarz_gap(n)
        sym &= sp.simplify(eq.lhs - eq.rhs) == 0
    w = _worst_case_run()
    reach = abs(w["attaining_at_t"] / w["R_t"] - 1)
    ok = sym and reach < 1e-9 and w["max_ratio_at_t"] <= w["R_t"] * (1 + 1e-9)
    ok &= w["exceeds_R_k_at_sampled_steps"] == 0
    return proved(
        ok,
        f"attaining sequence reaches R_3000 = {w['R_t']:.4f} (rel. {reach:.0e}); "
        f"nothing above; R_inf = {w['R_inf']:.4f}",
        {**w, "lagrange_identity_t": [2, 3, 4], "attained_rel_error": reach},
    )


# ---------------------------------------------------------------------------
# Part 3: per-parameter adaptation, noise, sparsity


@functools.cache
def _two_scales() -> dict:
    g = np.broadcast_to(np.array([100.0, 0.01]), (200, 2)).copy()
    h = feed("adam", g, lr=1e-3, eps=EPS)
    return {"delta": h.delta, "lr_eff": h.states["lr_eff"]}


def check_001_7a() -> Result:
    """A coordinate with consistently large |g| gets a larger v̂ and a smaller effective
    learning rate α/(√v̂+ε): for constant g, v̂_t = g² exactly, so the rate is α/(|g|+ε),
    decreasing in |g| (decided). Run: rates 1e-5 and 0.09999 for |g| = 100 and 0.01."""
    gp = sp.Symbol("gabs", positive=True)
    d = decide(sp.diff(al / (gp + ep), gp), "<", sp.Integer(0))
    r = _two_scales()["lr_eff"][-1]
    ok = d.verdict == "true" and r[0] < r[1] and abs(r[0] * 100 / 1e-3 - 1) < 1e-9
    return proved(
        ok,
        f"rates {r[0]:.3g} (|g| = 100) < {r[1]:.4g} (|g| = 0.01)",
        {"decide": d.method, "lr_eff": r.tolist()},
    )


def check_001_7b() -> Result:
    """ "... and thus a smaller effective step": false for the source's own "effective step
    magnitude" α|m̂|/(√v̂+ε).

    For a consistent gradient the step is α|g|/(|g|+ε) ≈ α, independent of |g|
    (derivations.adam.constant_gradient_step, bias-corrected, exact at every t) —
    the scale invariance the source itself derives in Part 2.2. Counterexample:
    coordinates with constant gradients 100 and 0.01 take the same step 1e-3 (to 1e-6).
    """
    st = dadam.constant_gradient_step(S.t)
    d = _two_scales()["delta"][-1]
    ok = sp.simplify(st - al * S.g / (sp.Abs(S.g) + ep)) == 0
    ok &= abs(abs(d[0]) / abs(d[1]) - 1) < 1e-5
    return refuted(
        ok,
        f"steps {abs(d[0]):.9f} (|g| = 100) and {abs(d[1]):.9f} (|g| = 0.01): equal",
        {"constant_gradient_step": str(st)},
        counterexample={"g": [100.0, 0.01], "alpha": 1e-3, "steps": np.abs(d).tolist()},
        corrected=r"\text{constant } g:\ \frac{\alpha}{\sqrt{\hat v_t}+\varepsilon} ="
        r" \frac{\alpha}{|g|+\varepsilon} \text{ falls with } |g|, \text{ but the step }"
        r" \alpha\frac{|\hat m_t|}{\sqrt{\hat v_t}+\varepsilon} = \alpha\frac{|g|}{|g|+\varepsilon}"
        r" \approx \alpha \text{ for every } |g| \gg \varepsilon",
    )


def check_001_7b_fix() -> Result:
    """Constant g: the rate α/(|g|+ε) falls with |g| while the step α|g|/(|g|+ε) is the same
    for all |g| ≫ ε. Symbolic: the step is independent of t (bias-corrected, exact);
    numeric: steps for |g| = 1e-4..1e4 equal α to 1e-4 at every one of 200 steps."""
    st = dadam.constant_gradient_step(S.t)
    ok = S.t not in st.free_symbols
    g = np.broadcast_to(np.logspace(-4, 4, 9), (200, 9)).copy()
    d = np.abs(feed("adam", g, lr=1e-3, eps=EPS).delta) / 1e-3
    err = float(np.max(np.abs(d - 1)))
    return proved(
        ok and err < 1e-4,
        f"|step|/alpha = 1 within {err:.1e} for |g| in [1e-4, 1e4]",
        {"step": str(st), "max_deviation": err, "tolerance": "eps/|g| <= 1e-4"},
    )


@functools.cache
def _sparse_runs() -> dict:
    """Adam and momentum on a coordinate whose gradient is 1 every K steps, else 0."""
    T = 6000
    Ks = np.array([1, 2, 5, 10, 20, 50, 100, 120, 200, 500])
    g = np.zeros((T, Ks.size))
    for j, K in enumerate(Ks):
        g[K - 1 :: K, j] = 1.0
    da = -feed("adam", g, lr=1.0, eps=EPS).delta
    dm = -feed("momentum", g, lr=1.0).delta
    half = T // 2
    arrival, per_arrival_a, per_arrival_m = [], [], []
    for j, K in enumerate(Ks):
        idx = np.arange(K - 1, T, K)
        idx = idx[(idx >= half) & (idx + K <= T)]  # whole periods only
        arrival.append(float(da[idx, j].mean()))
        n_arr = idx.size
        lo = idx[0]
        hi = lo + n_arr * K
        per_arrival_a.append(float(da[lo:hi, j].sum() / n_arr))
        per_arrival_m.append(float(dm[lo:hi, j].sum() / n_arr))
    return {
        "K": Ks.tolist(),
        "arrival_step": arrival,
        "adam_per_arrival": per_arrival_a,
        "momentum_per_arrival": per_arrival_m,
    }


def check_001_7c() -> Result:
    """A rarely non-zero coordinate gets a relatively larger step when its gradient appears:
    only when it is rarer than about once per (1-β₁)^{-2} = 100 steps.

    Quantitative reading: gradient 1 every K steps (else 0), steady state, against
    the step α of a coordinate with a consistent gradient 1. The arrival step is
    ≈ α(1-β₁)√K for 1/(1-β₁)² ≲ K ≪ 1/(1-β₂) and below α for K between 2 and 100
    (0.48α at K = 10): the momentum term m̂ carries only (1-β₁) of the new gradient.
    """
    r = _sparse_runs()
    arr = dict(zip(r["K"], r["arrival_step"], strict=True))
    smaller = [k for k, a in arr.items() if 1 < k and a < 1]
    larger = [k for k, a in arr.items() if a > 1]
    ok = arr[10] < 0.5 and max(smaller) == 100 and min(larger) == 120
    return conditional(
        ok,
        f"arrival step/alpha: {', '.join(f'K={k}: {a:.2f}' for k, a in arr.items())}",
        {**r, "smaller_than_consistent": smaller, "larger_than_consistent": larger},
        counterexample={"K": 10, "arrival_step_over_alpha": arr[10], "consistent": 1.0},
        conditions=r"\text{gradient present less often than once per }"
        r"(1-\beta_1)^{-2} = 100 \text{ steps}",
    )


def check_001_8a() -> Result:
    """ "A single sporadic large gradient raises v̂_t only slightly": only for spikes
    |S| ≪ RMS·√((1-β₂^t)/(1-β₂)) ≈ 31.6 RMS (t ≫ 1000).

    One step adds (1-β₂)S²/(1-β₂^t) to v̂ (a recursion step, exact). Run: baseline
    gradient 1 with a spike at t = 1000: v̂ grows by 1.3% (S = 3), 16% (S = 10),
    2.6x (S = 31.6), 16.8x (S = 100).
    """
    sp_ = _spike_runs()
    r = dict(zip(sp_["S"], sp_["v_hat_ratio"], strict=True))
    ok = r[3.0] < 1.02 and r[100.0] > 15
    return conditional(
        ok,
        "v_hat x" + ", x".join(f"{v:.3g} (S = {s:g})" for s, v in r.items()),
        {**{k: sp_[k] for k in ("S", "v_hat_ratio")}, "t_spike": sp_["t0"]},
        counterexample={"S": 100.0, "baseline": 1.0, "v_hat_ratio": r[100.0], "claimed": "slight"},
        conditions=r"|S| \ll \mathrm{RMS}\sqrt{(1-\beta_2^t)/(1-\beta_2)}"
        r" \approx 31.6\,\mathrm{RMS}",
    )


@functools.cache
def _spike_runs() -> dict:
    T, t0 = 4000, 1000
    heights = np.array([1.0, 3.0, 10.0, 31.6, 100.0, 1000.0])
    g = spike(T, t0=t0, height=heights, base=1.0)
    ha = feed("adam", g, lr=1.0, eps=EPS)
    hm = feed("momentum", g, lr=1.0)
    vh = ha.states["v_hat"]
    da, dm = -ha.delta, -hm.delta
    return {
        "S": heights.tolist(),
        "t0": t0,
        "v_hat_ratio": (vh[t0 - 1] / vh[t0 - 2]).tolist(),
        "adam_spike_step": (da[t0 - 1] / da[t0 - 2]).tolist(),
        "momentum_spike_step": (dm[t0 - 1] / dm[t0 - 2]).tolist(),
        "adam_extra_displacement": ((da[t0 - 1 :] - da[t0 - 1 :, :1]).sum(0) / da[t0 - 2]).tolist(),
        "momentum_extra_displacement": (
            (dm[t0 - 1 :] - dm[t0 - 1 :, :1]).sum(0) / dm[t0 - 2]
        ).tolist(),
        "adam_min_step_after": (da[t0 - 1 :].min(0) / da[t0 - 2]).tolist(),
    }


def check_001_8b() -> Result:
    """RMS normalization down-weights a spike's effect: true for the step at the spike,
    false for its total effect.

    At the spike Adam's step is bounded (≤ 2.7x the normal step for every S here;
    → (1-β₁)√((1-β₂^t)/(1-β₂)) ≈ 2.5 as S → ∞) while momentum's grows like S/10.
    But v̂ remembers S² for ~1/(1-β₂) steps: after S = 100 Adam's steps shrink to
    0.26x and it loses 1365 normal steps of progress over 3000 steps, while momentum
    gains exactly S - 1 = 99. Units: displacement divided by each method's normal step.
    """
    r = _spike_runs()
    ia = dict(zip(r["S"], r["adam_spike_step"], strict=True))
    im = dict(zip(r["S"], r["momentum_spike_step"], strict=True))
    ta = dict(zip(r["S"], r["adam_extra_displacement"], strict=True))
    tm = dict(zip(r["S"], r["momentum_extra_displacement"], strict=True))
    ok = max(ia.values()) < 2.8 and im[100.0] > 10 and abs(ta[100.0]) > 10 * abs(tm[100.0])
    return conditional(
        ok,
        f"spike step x{ia[100.0]:.2f} (Adam) vs x{im[100.0]:.1f} (momentum) at S = 100; "
        f"total effect {ta[100.0]:.0f} vs {tm[100.0]:+.0f} normal steps",
        r,
        counterexample={
            "S": 100.0,
            "adam_extra_displacement": ta[100.0],
            "momentum_extra_displacement": tm[100.0],
        },
        conditions=r"\text{effect measured on the steps within} \sim 1/(1-\beta_1)"
        r"\text{ of the spike, not over the } \sim 1/(1-\beta_2)"
        r"\text{ steps } \hat v \text{ remembers it}",
    )


def check_001_8c() -> Result:
    """In momentum SGD the spike moves u_t noticeably: u jumps by exactly S - g (linear), and
    the spike adds (S-1)/(1-μ) lr to the displacement (S - 1 normal steps): 99 for
    S = 100. Symbolic: u_t is linear in each g_k with weight μ^{t-k}."""
    u = dmom.heavy_ball_unrolled(4)
    sym = all(sp.diff(u[-1], S.grad(k)) == S.mu_m ** (4 - k) for k in range(1, 5))
    r = _spike_runs()
    tm = dict(zip(r["S"], r["momentum_extra_displacement"], strict=True))
    err = max(abs(tm[s] - (s - 1)) for s in tm)
    return proved(
        sym and err < 1e-6,
        f"extra displacement = S - 1 normal steps (error {err:.1e})",
        {
            "weights": "d u_t/d g_k = mu^(t-k)",
            "momentum_extra_displacement": r["momentum_extra_displacement"],
            "S": r["S"],
        },
    )


def check_001_9a() -> Result:
    """Momentum SGD gives a rare coordinate no boost: each arrival of g moves w by
    α g Σ μ^j = α g/(1-μ), whatever the gap K (linear recursion). Run: 10.000 per
    arrival for every K in 1..500 (to 1e-6)."""
    wt = S.limit_t_to_infinity(dmom.weights_total(S.t), S.mu_m)
    r = _sparse_runs()
    err = max(abs(x - 10.0) for x in r["momentum_per_arrival"])
    return proved(
        sp.simplify(wt - 1 / (1 - S.mu_m)) == 0 and err < 1e-6,
        f"movement per arrival = alpha g/(1-mu) = 10 for every K (error {err:.1e})",
        {"K": r["K"], "momentum_per_arrival": r["momentum_per_arrival"]},
    )


def check_001_9b() -> Result:
    """In Adam a rare coordinate "catches up": per arrival it moves ≈ α√K (K = gap), so over
    time it progresses at 1/√K of a frequent coordinate's rate, against 1/K for momentum.

    Run: movement per arrival for K = 2..200 grows with log-log slope ≈ 0.5
    (between 0.45 and 0.55), 9.8α at K = 100 vs α per step for the frequent one.
    "Catches up" read as: progress ratio 1/√K instead of 1/K — a partial catch-up.
    """
    r = _sparse_runs()
    K = np.array(r["K"])
    a = np.array(r["adam_per_arrival"])
    sel = (K >= 2) & (K <= 200)
    slope = float(np.polyfit(np.log(K[sel]), np.log(a[sel]), 1)[0])
    ok = 0.45 < slope < 0.55
    return confirmed(
        ok,
        f"Adam's movement per arrival ~ K^{slope:.2f} (momentum: K^0)",
        {
            "K": r["K"],
            "adam_per_arrival": r["adam_per_arrival"],
            "loglog_slope": slope,
            "tolerance": "slope in (0.45, 0.55) over K = 2..200",
        },
    )


# ---------------------------------------------------------------------------


_c = functools.partial(make_claim, SOURCE)


_P1, _P21, _P22, _P23 = (
    "Part 1 (3.1)",
    "Part 2, 1. Effective step size",
    "Part 2, 2. Scaling gradients by c",
    "Part 2, 3. Role of epsilon",
)
_P3A, _P3B = "Part 3 (a) Learning-rate adaptation", "Part 3 (b) Noisy gradients and sparse features"

CLAIMS: list[Claim] = [
    _c(
        "001-1a",
        f"{_P1}, first update",
        "001-1",
        r"m_1 = (1-\beta_1)g_1, \quad v_1 = (1-\beta_2)g_1^2",
        IDN,
        PROVED,
        check_001_1a,
        "first moments",
    ),
    _c(
        "001-1b",
        f"{_P1}, first update",
        "001-1",
        r"\hat m_1 = g_1, \quad \hat v_1 = g_1^2",
        IDN,
        PROVED,
        check_001_1b,
        "first corrected moments",
    ),
    _c(
        "001-1c",
        f"{_P1}, first update",
        "001-1",
        r"w_2 = w_1 - \alpha\frac{g_1}{\sqrt{g_1^2}+\varepsilon}",
        IDN,
        PROVED,
        check_001_1c,
        "first update",
    ),
    _c(
        "001-2a",
        f"{_P1}, second update",
        "001-2",
        r"m_2 = (1-\beta_1)(\beta_1g_1+g_2), \quad v_2 = (1-\beta_2)(\beta_2g_1^2+g_2^2)",
        IDN,
        PROVED,
        check_001_2a,
        "second moments",
    ),
    _c(
        "001-2b",
        f"{_P1}, second update",
        "001-2",
        r"\hat m_2 = \frac{(1-\beta_1)(\beta_1g_1+g_2)}{1-\beta_1^2}, \quad"
        r" \hat v_2 = \frac{(1-\beta_2)(\beta_2g_1^2+g_2^2)}{1-\beta_2^2}",
        IDN,
        PROVED,
        check_001_2b,
        "second corrected moments",
    ),
    _c(
        "001-2c",
        f"{_P1}, second update",
        "001-2",
        r"w_3 = w_2 - \alpha\frac{\hat m_2}{\sqrt{\hat v_2}+\varepsilon}",
        IDN,
        PROVED,
        check_001_2c,
        "second update",
    ),
    _c(
        "001-3a",
        f"{_P21}; {_P22}",
        "001-3",
        r"u_t \mapsto c\,u_t \text{ under } g_t \mapsto cg_t: \text{ doubling all gradients"
        r" doubles the step}",
        IDN,
        PROVED,
        check_001_3a,
        "momentum step linear in c",
    ),
    _c(
        "001-3b",
        f"{_P21}; {_P3B}",
        None,
        r"\text{Since } u_t \text{ is an EMA of the } g_\tau \dots",
        IDN,
        REFUTED,
        check_001_3b,
        "momentum buffer is an EMA",
        corrected_by="001-3b.fix",
    ),
    _c(
        "001-3b.fix",
        f"{_P21} (corrected)",
        None,
        r"u_t = \sum_{k=1}^t\mu^{t-k}g_k = \frac{m_t}{1-\mu}",
        IDN,
        PROVED,
        check_001_3b_fix,
        "momentum buffer = EMA/(1-mu)",
    ),
    _c(
        "001-4a",
        _P22,
        "001-4",
        r"g_t\mapsto cg_t:\ \hat m_t\mapsto c\hat m_t,\ \hat v_t\mapsto c^2\hat v_t",
        IDN,
        PROVED,
        check_001_4a,
        "moments under scaling",
    ),
    _c(
        "001-4b",
        _P22,
        "001-4",
        r"\frac{\hat m_t}{\sqrt{\hat v_t}} \mapsto \frac{c\hat m_t}{c\sqrt{\hat v_t}} ="
        r" \frac{\hat m_t}{\sqrt{\hat v_t}}\ (c>0),\ \text{direction flips for } c<0",
        IDN,
        PROVED,
        check_001_4b,
        "Adam's ratio is scale invariant",
    ),
    _c(
        "001-5a",
        _P22,
        "001-5",
        r"\varepsilon > 0:\ \text{scale-invariance is slightly broken}",
        QUAL,
        CONDITIONAL,
        check_001_5a,
        "epsilon breaks invariance slightly",
    ),
    _c(
        "001-5b",
        _P22,
        "001-5",
        r"\sqrt{\hat v_t}+\varepsilon\approx\varepsilon \Rightarrow \text{step} \propto c\hat m_t",
        LIM,
        APPROXIMATE,
        check_001_5b,
        "tiny v_hat: step proportional to c",
    ),
    _c(
        "001-6a",
        _P23,
        "001-6",
        r"\sqrt{\hat v_t}+\varepsilon \ge \varepsilon > 0 \Rightarrow |\Delta w_t| \le"
        r" \frac{\alpha|\hat m_t|}{\varepsilon}",
        INQ,
        PROVED,
        check_001_6a,
        "step at most alpha |m_hat|/eps",
    ),
    _c(
        "001-6b",
        _P23,
        "001-6",
        r"\text{Without } \varepsilon, \text{ when } \hat v_t = 0 \text{ we would divide by zero}",
        IDN,
        PROVED,
        check_001_6b,
        "division by zero without eps",
    ),
    _c(
        "001-6c",
        _P23,
        "001-6",
        r"\text{Without } \varepsilon, \text{ when } \hat v_t \ll 1 \text{ a single large }"
        r" \hat m_t \text{ would produce an exploding update}",
        INQ,
        REFUTED,
        check_001_6c,
        "exploding update without eps",
        corrected_by="001-6c.fix",
    ),
    _c(
        "001-6c.fix",
        f"{_P23} (corrected: the eps-free bound)",
        None,
        r"\frac{|\hat m_t|}{\sqrt{\hat v_t}} \le \frac{1-\beta_1}{1-\beta_1^t}"
        r"\sqrt{\frac{1-\beta_2^t}{1-\beta_2}\cdot\frac{1-(\beta_1^2/\beta_2)^t}"
        r"{1-\beta_1^2/\beta_2}} \ \text{(sharp)}",
        INQ,
        PROVED,
        check_001_6c_fix,
        "sharp bound on Adam's step",
    ),
    _c(
        "001-7a",
        f"{_P21}; {_P3A}",
        "001-7",
        r"\text{consistently large } |g| \Rightarrow \text{larger } \hat v_t \Rightarrow"
        r" \text{smaller } \frac{\alpha}{\sqrt{\hat v_t}+\varepsilon}",
        INQ,
        PROVED,
        check_001_7a,
        "large gradients, smaller rate",
    ),
    _c(
        "001-7b",
        f"{_P21}; {_P3A}",
        "001-7",
        r"\text{consistently large } |g| \Rightarrow \text{smaller effective step }"
        r" \alpha\frac{|\hat m_t|}{\sqrt{\hat v_t}+\varepsilon}",
        INQ,
        REFUTED,
        check_001_7b,
        "large gradients, smaller step",
        corrected_by="001-7b.fix",
    ),
    _c(
        "001-7b.fix",
        f"{_P3A} (corrected)",
        "001-7",
        r"g_t \equiv g:\ \alpha\frac{|\hat m_t|}{\sqrt{\hat v_t}+\varepsilon} ="
        r" \frac{\alpha|g|}{|g|+\varepsilon} \approx \alpha",
        IDN,
        PROVED,
        check_001_7b_fix,
        "consistent gradients, step alpha",
    ),
    _c(
        "001-7c",
        _P3A,
        "001-7",
        r"\text{rarely non-zero gradient} \Rightarrow \text{relatively larger step when it"
        r" appears}",
        QUAL,
        CONDITIONAL,
        check_001_7c,
        "rare gradients, larger step",
    ),
    _c(
        "001-8a",
        _P3B,
        "001-8",
        r"\text{A single sporadic large gradient increases } \hat v_t \text{ only slightly}",
        QUAL,
        CONDITIONAL,
        check_001_8a,
        "spike raises v_hat slightly",
    ),
    _c(
        "001-8b",
        _P3B,
        "001-8",
        r"\text{RMS normalization down-weights the impact of that large gradient}",
        QUAL,
        CONDITIONAL,
        check_001_8b,
        "Adam down-weights a spike",
    ),
    _c(
        "001-8c",
        _P3B,
        "001-8",
        r"\text{momentum SGD: one large } g_t \text{ can still move } u_t \text{ noticeably}",
        QUAL,
        PROVED,
        check_001_8c,
        "spike moves momentum",
    ),
    _c(
        "001-9a",
        _P3B,
        "001-9",
        r"\text{momentum SGD: a sparse coordinate gets no automatic boost}",
        QUAL,
        PROVED,
        check_001_9a,
        "momentum: no boost for sparse",
    ),
    _c(
        "001-9b",
        _P3B,
        "001-9",
        r"\text{Adam: a sparse coordinate's } \hat v_t \text{ stays small, it can catch up}",
        QUAL,
        CONFIRMED,
        check_001_9b,
        "Adam: sparse coordinates catch up",
    ),
]
