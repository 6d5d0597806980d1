r"""Kingma & Ba, "Adam" (ICLR 2015): the efficient form, the step bounds of §2.1, the bias
correction of §3 and AdaMax (§7.1)."""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp
from adaproof.derivations import adam, adamax, moments, symbols, worst_case
from adaproof.numerics.run import feed
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import (
    adam_max_ratio_at,
    lagrange_identity,
    mc_mean_against,
    relative,
)
from adaproof.reports.claims.papers._shared import KINGMA

b1, b2 = symbols.beta1, symbols.beta2


@claim(
    id="kb-2-efficient",
    source=KINGMA,
    location="§2, end (efficient version)",
    statement=r"\alpha_t = \alpha\frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t},\ \theta_t = \theta_{t-1} -"
    r" \alpha_t\frac{m_t}{\sqrt{v_t}+\hat\epsilon} \text{ (same as Algorithm 1)}",
    kind=Kind.ALGORITHM,
    expected=Verdict.CONDITIONAL,
    title="efficient form of Adam",
)
def efficient_form() -> Evidence:
    """§2: the "efficient" order α_t = α√(1-β₂^t)/(1-β₁^t), θ_t = θ_{t-1} - α_t m_t/(√v_t+ε̂)
    equals Algorithm 1 only when ε̂ = ε√(1-β₂^t) (derivations.adam.efficient_form_epsilon;
    SymPy: the ratio of the two steps is 1 exactly then).

    With a constant ε̂ = ε (Keras/TF) they differ where √v̂ is not ≫ ε. Counterexample
    (computed when the steps differ by more than 1%): gradient 1e-8 at t = 1 with
    ε = 1e-8: Algorithm 1 steps α/2, the efficient form with ε̂ = ε steps 0.031α
    (numerics Adam eps_on="v_hat" vs eps_on="v"); at g = 1 they agree to 1e-6.
    """
    c1, c2 = sp.symbols("c1 c2", positive=True)  # 1 - beta1^t, 1 - beta2^t, in (0, 1)
    m, v = sp.Symbol("m", real=True), sp.Symbol("v", positive=True)
    t = sp.Symbol("t", positive=True, integer=True)
    alg1 = symbols.alpha * (m / c1) / (sp.sqrt(v / c2) + symbols.eps)
    eps_hat = adam.efficient_form_epsilon(t).subs(b2**t, 1 - c2)
    eff = symbols.alpha * sp.sqrt(c2) / c1 * m / (sp.sqrt(v) + eps_hat)
    ratio = sp.simplify(alg1 / eff)
    g = np.array([[1e-8, 1.0]])
    alg_steps = -feed("adam", g, lr=1.0, eps=1e-8).delta[0]
    eff_steps = -feed("adam", g, lr=1.0, eps=1e-8, eps_on="v").delta[0]
    small, big = float(alg_steps[0]), float(eff_steps[0])
    return Evidence(
        f"equal iff eps_hat = eps sqrt(1-beta2^t); with eps_hat = eps, g = 1e-8: steps "
        f"{small:.3f} vs {big:.3f} alpha",
        proofs=[
            Proof(
                "Algorithm 1 step / efficient step = 1 with eps_hat = eps sqrt(1-beta2^t)",
                ratio == 1,
            )
        ],
        comparisons=[
            Comparison(
                "Algorithm 1's first step at g = 1e-8 against alpha/2", small, 0.5, tol=1e-9
            ),
            Comparison(
                "the two forms at g = 1 (ratio - 1)",
                error=abs(float(alg_steps[1] / eff_steps[1]) - 1),
                tol=1e-6,
            ),
        ],
        counterexample={
            "t": 1,
            "g": 1e-8,
            "eps": 1e-8,
            "eps_hat": 1e-8,
            "algorithm1_step_over_alpha": small,
            "efficient_step_over_alpha": big,
        }
        if abs(big / small - 1) > 0.01
        else None,
        condition=r"\hat\epsilon = \epsilon\sqrt{1-\beta_2^t}"
        r" \text{ (or } \sqrt{\hat v_t} \gg \epsilon)",
        details={"ratio_with_eps_hat": str(ratio)},
    )


def _adversarial(first: list[np.ndarray], seed: int, ratios: tuple[float, ...]) -> np.ndarray:
    """Gradient sequences as columns: ``first``, then a constant one, six Cauchy ones (drawn
    with ``seed``) and the geometric ramps r^k for r in ``ratios``."""
    t = len(first[0])
    rng = np.random.default_rng(seed)
    cols = [
        *first,
        np.ones(t),
        *rng.standard_cauchy(size=(6, t)),
        *(r ** np.arange(t, dtype=float) for r in ratios),
    ]
    return np.array(cols).T


@functools.cache
def _adam_worst(beta1: float, beta2: float, t: int) -> dict:
    """Adam (ε = 0) at step t on the attaining sequence and adversarial/random ones."""
    sparse = np.full(t, 1e-150)
    sparse[-1] = 1.0
    g = _adversarial(
        [simulate.adam_attaining(t, beta1, beta2), sparse], 501, (0.5, 0.9, 0.99, 1.0, 1.05)
    )
    d = np.abs(simulate.adam_stream(g, lr=1.0, beta1=beta1, beta2=beta2, eps=0.0)[-1])
    bound = adam_max_ratio_at(t, beta1, beta2)
    kb = worst_case.kingma_ba_bound(b1, b2).subs({b1: beta1, b2: beta2})
    return {
        "attaining": float(d[0]),
        "sparse": float(d[1]),
        "max": float(d.max()),
        "R_t": float(bound),
        "kingma_ba_bound": float(kb),
        "t": t,
        "beta1": beta1,
        "beta2": beta2,
    }


def _above_paper_bound(w: dict) -> dict | None:
    """The attaining run of :func:`_adam_worst` as a counterexample to the paper's bound, when
    its step exceeds that bound (relative margin 1e-9); None otherwise."""
    if w["attaining"] <= w["kingma_ba_bound"] * (1 + 1e-9):
        return None
    return {
        "beta1": w["beta1"],
        "beta2": w["beta2"],
        "t": w["t"],
        "gradients": "g_k = (beta1/beta2)^(t-k)",
        "step_over_alpha": w["attaining"],
        "bound": w["kingma_ba_bound"],
    }


_SHARP_BOUND = (
    r"|\Delta_t| \le \alpha\frac{1-\beta_1}{1-\beta_1^t}\sqrt{\frac{1-\beta_2^t}"
    r"{1-\beta_2}\cdot\frac{1-(\beta_1^2/\beta_2)^t}{1-\beta_1^2/\beta_2}}\ (\epsilon = 0)"
)


@claim(
    id="kb-2.1a",
    source=KINGMA,
    location="§2.1 Adam's update rule",
    statement=r"|\Delta_t| \le \alpha\frac{1-\beta_1}{\sqrt{1-\beta_2}} \text{ in the case }"
    r" (1-\beta_1) > \sqrt{1-\beta_2}",
    kind=Kind.INEQUALITY,
    expected=Verdict.REFUTED,
    title="Adam step bound, first case",
    corrected_by="kb-2.1.fix",
    figure="worst_case_ratio",
)
def step_bound_first_case() -> Evidence:
    """§2.1, first case: |Δ_t| ≤ α(1-β₁)/√(1-β₂) when (1-β₁) > √(1-β₂) — false.

    The defaults are in this case (0.1 > 0.0316; bound 3.162α). The sharp bound is
    R_t (derivations.worst_case.adam_max_ratio, Cauchy–Schwarz), attained by
    g_k = (β₁/β₂)^{t-k}: Adam (ε = 0) on it steps 7.087α at t = 3000 (R_∞ = 7.27).
    Also at β₁ = 0.5, β₂ = 0.9: 1.861α against 1.581α (t = 200). The paper's value
    is what the "severe sparsity" sequence gives, not the supremum.
    """
    w = _adam_worst(0.9, 0.999, 3000)
    w2 = _adam_worst(0.5, 0.9, 200)
    return Evidence(
        f"defaults: step {w['attaining']:.3f} alpha > bound {w['kingma_ba_bound']:.3f} alpha"
        f" (beta = 0.5, 0.9: {w2['attaining']:.3f} > {w2['kingma_ba_bound']:.3f})",
        comparisons=[
            relative("attaining sequence against R_t (defaults)", w["attaining"], w["R_t"], 1e-9),
            relative(
                "severe-sparsity step against the paper's bound (beta = 0.5, 0.9)",
                w2["sparse"],
                w2["kingma_ba_bound"],
                1e-3,
            ),
        ],
        counterexample=_above_paper_bound(w),
        corrected=_SHARP_BOUND,
        details={"defaults": w, "beta1_0.5_beta2_0.9": w2},
    )


@claim(
    id="kb-2.1b",
    source=KINGMA,
    location="§2.1 Adam's update rule",
    statement=r"|\Delta_t| \le \alpha \text{ otherwise}",
    kind=Kind.INEQUALITY,
    expected=Verdict.REFUTED,
    title="Adam step bound, second case",
    corrected_by="kb-2.1.fix",
    figure="worst_case_ratio",
)
def step_bound_second_case() -> Evidence:
    """§2.1, second case: |Δ_t| ≤ α when (1-β₁) ≤ √(1-β₂) — false.

    β₁ = 0.9, β₂ = 0.99 (0.1 = √0.01: the second case): R_t → 2.35; Adam (ε = 0) on
    the attaining sequence steps 2.345α at t = 1000 (R_2 = 1.0011 > 1 already). For
    β₁² ≥ β₂ (e.g. β₁ = 0.99, β₂ = 0.9, also the second case) the step is unbounded
    in t (kb-2.1.fix).
    """
    w = _adam_worst(0.9, 0.99, 1000)
    r2 = float(worst_case.adam_max_ratio(2, sp.Rational(9, 10), sp.Rational(99, 100)))
    return Evidence(
        f"beta1 = 0.9, beta2 = 0.99: step {w['attaining']:.3f} alpha at t = 1000 (bound 1);"
        f" R_2 = {r2:.4f}",
        comparisons=[relative("attaining sequence against R_t", w["attaining"], w["R_t"], 1e-9)],
        counterexample=_above_paper_bound(w),
        corrected=r"|\Delta_t| \le \alpha R_t,\ R_t \uparrow (1-\beta_1)\sqrt{\frac{\beta_2}"
        r"{(1-\beta_2)(\beta_2-\beta_1^2)}}\ (\beta_1^2 < \beta_2),"
        r"\ \text{unbounded otherwise}",
        details={**w, "R_2": r2},
    )


@claim(
    id="kb-2.1.fix",
    source=KINGMA,
    location="§2.1 (corrected: the sharp bound)",
    statement=r"\frac{|\hat m_t|}{\sqrt{\hat v_t}} \le \frac{1-\beta_1}{1-\beta_1^t}\sqrt{\frac{1-"
    r"\beta_2^t}{1-\beta_2}\cdot\frac{1-(\beta_1^2/\beta_2)^t}{1-\beta_1^2/\beta_2}}",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="sharp Adam step bound",
    figure="worst_case_ratio",
)
def sharp_step_bound() -> Evidence:
    """|m̂_t|/√v̂_t ≤ R_t = (1-β₁)/(1-β₁^t)·√((1-β₂^t)/(1-β₂)·(1-q^t)/(1-q)), q = β₁²/β₂,
    sharp; unbounded in t when β₁² ≥ β₂.

    Symbolic: Lagrange's identity (the Cauchy–Schwarz gap is a sum of squares, t = 2..4),
    R_2 in closed form; the limit for β₁² < β₂ (adam_max_ratio_limit) equals R_t at
    t = 10^6 at the defaults. Numeric (adversarial): at (0.5, 0.9), (0.9, 0.999) and
    (0.9, 0.99) the attaining sequence reaches R_t to 1e-9 and 13 other sequences stay
    below; at β₁ = 0.99, β₂ = 0.9 (β₁² > β₂) the attained ratio grows from t = 50 to
    t = 150 by more than 10x.
    """
    two = (1 + b2) * (b1**2 + b2) / (b2 * (1 + b1) ** 2)
    lim = worst_case.adam_max_ratio_limit(sp.Rational(9, 10), sp.Rational(999, 1000))
    far = adam_max_ratio_at(10**6, 0.9, 0.999)
    runs = [
        _adam_worst(a, b, t) for a, b, t in ((0.5, 0.9, 200), (0.9, 0.999, 3000), (0.9, 0.99, 1000))
    ]
    grow = [_adam_worst(0.99, 0.9, t)["attaining"] for t in (50, 150)]
    comparisons = [
        Comparison(
            "R_t at t = 10^6 against the limit (relative)",
            error=abs(float(far) / float(lim) - 1),
            tol=1e-9,
        )
    ]
    for w in runs:
        betas = f"beta = ({w['beta1']}, {w['beta2']})"
        comparisons.append(
            relative(f"attaining sequence against R_t at {betas}", w["attaining"], w["R_t"], 1e-9)
        )
        comparisons.append(
            relative(
                f"largest of 13 other sequences, {betas}", w["max"], w["R_t"], 1e-9, mode="upper"
            )
        )
    comparisons.append(
        Comparison(
            "beta1^2 > beta2: growth from t = 50 to 150", grow[1] / grow[0], 10.0, mode="lower"
        )
    )
    return Evidence(
        "attaining sequences reach R_t (" + ", ".join(f"{w['R_t']:.4f}" for w in runs) + "); "
        f"R_inf = {float(lim):.4f} at the defaults; beta1^2 > beta2: unbounded",
        proofs=[
            lagrange_identity(),
            Proof(
                "R_2^2 = (1+beta2)(beta1^2+beta2)/(beta2(1+beta1)^2)",
                sp.simplify(worst_case.adam_max_ratio(2, b1, b2) ** 2 - two) == 0,
            ),
        ],
        comparisons=comparisons,
        details={"runs": runs, "R_inf_defaults": float(lim), "beta1_0.99_beta2_0.9_t50_t150": grow},
    )


@claim(
    id="kb-3",
    source=KINGMA,
    location="§3 Initialization bias correction",
    statement=r"\mathbb{E}[v_t] = \mathbb{E}[g_t^2](1-\beta_2^t) + \zeta \ (\zeta = 0 \text{ if"
    r" stationary})",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="bias correction of v",
    figure="ema_bias",
)
def bias_correction_of_v() -> Evidence:
    """§3: E[v_t] = E[g_t²](1-β₂^t) for stationary gradients, so v̂_t = v_t/(1-β₂^t) is
    unbiased. Symbolic: derivations.moments.mean_v equals the printed form. Monte Carlo
    (numerics.montecarlo.ema_moments): 20000 i.i.d. N(0.5, 1.5²) streams, β₂ = 0.9: the
    means of v_t and v̂_t are within 4 standard errors of mean_v and of
    E[g²] = 0.5² + 1.5² = 2.5 for t = 1..40."""
    mean_v = moments.mean_v(symbols.t, b2)
    mc = simulate.ema_moments(0.9, 40, 20000, mu=0.5, sigma=1.5, seed=502, beta2=0.9)
    at = {b2: 0.9, symbols.mu: 0.5, symbols.sigma: 1.5}
    on_v, z_v = mc_mean_against("mean_v", mc, "v", mean_v, at)
    on_hat, z_hat = mc_mean_against("E[g^2]", mc, "v_hat", symbols.mu**2 + symbols.sigma**2, at)
    return Evidence(
        f"E[v_hat_t] = E[g^2]; Monte Carlo max |z| = {max(z_v, z_hat):.2f} (t = 1..40)",
        proofs=[
            Proof(
                "simplify(mean_v/(1-beta2^t) - (mu^2+sigma^2)) = 0",
                sp.simplify(mean_v / (1 - b2**symbols.t) - (symbols.mu**2 + symbols.sigma**2)) == 0,
            )
        ],
        comparisons=[on_v, on_hat],
        details={"mean_v": str(mean_v), "samples": mc.B, "tolerance": "4 standard errors"},
    )


@claim(
    id="kb-7.1a",
    source=KINGMA,
    location="§7.1 AdaMax",
    statement=r"u_t = \lim_{p\to\infty}(v_t)^{1/p} = \max(\beta_2 u_{t-1}, |g_t|)",
    kind=Kind.LIMIT,
    expected=Verdict.PROVED,
    title="AdaMax as the p -> oo limit",
)
def adamax_limit() -> Evidence:
    """§7.1: AdaMax's u_t = max(β₂u_{t-1}, |g_t|) is the p → ∞ limit of v_t^{1/p},
    v_t = β₂^p v_{t-1} + (1-β₂^p)|g_t|^p.

    Symbolic: for t = 2 and numbers (g = (3, 2), β₂ = 1/2) the limit of
    derivations.adamax.lp_second_moment is max(β₂·3, 2) = 2 (SymPy limit). Numeric:
    v_t^{1/p} at p = 2000 (log-space) along a random stream stays within
    log(t)/p of numerics AdaMax's u_t (t ≤ 200).
    """
    p = sp.Symbol("p", positive=True)
    expr = adamax.lp_second_moment(2, p, sp.Rational(1, 2), [sp.Integer(3), sp.Integer(2)])
    lim = sp.limit(expr, p, sp.oo)
    rng = np.random.default_rng(503)
    g = rng.normal(size=(200, 3)) * np.exp(rng.normal(size=(200, 3)))
    u = feed("adamax", g, beta2=0.999).states["u"]
    P = 2000.0
    logv = np.full(3, -np.inf)
    worst = 0.0
    for t in range(200):
        term = math.log(-math.expm1(P * math.log(0.999))) + P * np.log(np.abs(g[t]))
        logv = np.logaddexp(P * math.log(0.999) + logv, term)
        worst = max(worst, float(np.max(np.abs(logv / P - np.log(u[t])))))
    return Evidence(
        f"limit = max (SymPy, t = 2); p = 2000: |log(v^(1/p)/u)| <= {worst:.1e} <= log(t)/p",
        proofs=[Proof("lim_{p -> oo} v_2^(1/p) = max(beta2 * 3, 2) = 2 at g = (3, 2)", lim == 2)],
        comparisons=[
            Comparison(
                "|log(v_t^(1/p)/u_t)| at p = 2000", worst, math.log(200) / P, tol=1e-9, mode="upper"
            )
        ],
        details={"sympy_limit": str(lim)},
    )


@functools.cache
def _adamax_worst(t: int) -> dict:
    att = simulate.geometric(worst_case.adamax_attaining_sequence(4, b2), t, {b2: 0.999})
    g = _adversarial([att], 504, (0.9, 0.999, 1.0, 1.001, 1.01))
    d = np.abs(feed("adamax", g, lr=1.0, beta1=0.9, beta2=0.999).delta)
    bound = worst_case.adamax_max_ratio(symbols.t, b1, b2).evalf(
        30, subs={symbols.t: t, b1: 0.9, b2: 0.999}
    )
    return {"attaining": float(d[-1, 0]), "max_any": float(d.max()), "R_t": float(bound), "t": t}


@claim(
    id="kb-7.1b",
    source=KINGMA,
    location="§7.1 AdaMax",
    statement=r"|\Delta_t| \le \alpha",
    kind=Kind.INEQUALITY,
    expected=Verdict.REFUTED,
    title="AdaMax step bound",
    corrected_by="kb-7.1.fix",
)
def adamax_step_bound() -> Evidence:
    """§7.1: AdaMax's update satisfies |Δ_t| ≤ α — false, by a little.

    sup|m̂_t|/u_t = (1-β₁)/(1-β₁^t)·Σ_{j<t}(β₁/β₂)^j (derivations.worst_case
    .adamax_max_ratio), → (1-β₁)β₂/(β₂-β₁) = 1.0091 at the defaults. Counterexample:
    g_k = β₂^{-(t-k)} (gradients growing by 0.1% per step), t = 500: numerics AdaMax
    steps 1.0091α.
    """
    w = _adamax_worst(500)
    return Evidence(
        f"AdaMax step {w['attaining']:.5f} alpha on g_k = beta2^-(t-k) (t = 500)",
        comparisons=[relative("attaining sequence against R_t", w["attaining"], w["R_t"], 1e-9)],
        counterexample={
            "beta1": 0.9,
            "beta2": 0.999,
            "t": 500,
            "gradients": "g_k = beta2^-(t-k)",
            "step_over_alpha": w["attaining"],
        }
        if w["attaining"] > 1.0 + 1e-9
        else None,
        corrected=r"|\Delta_t| \le \alpha\frac{1-\beta_1}{1-\beta_1^t}\sum_{j=0}^{t-1}"
        r"\Big(\frac{\beta_1}{\beta_2}\Big)^j \le \alpha\frac{(1-\beta_1)\beta_2}{\beta_2-\beta_1}",
        details=w,
    )


@claim(
    id="kb-7.1.fix",
    source=KINGMA,
    location="§7.1 AdaMax (corrected)",
    statement=r"|\Delta_t| \le \alpha\frac{1-\beta_1}{1-\beta_1^t}"
    r"\sum_{j=0}^{t-1}\Big(\frac{\beta_1}"
    r"{\beta_2}\Big)^j",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="sharp AdaMax step bound",
)
def adamax_sharp_bound() -> Evidence:
    """AdaMax: |Δ_t| ≤ α(1-β₁)/(1-β₁^t)·Σ_{j<t}(β₁/β₂)^j, sharp.

    Symbolic: t = 2 closed form (β₁+β₂)/(β₂(1+β₁)) and the limit (1-β₁)β₂/(β₂-β₁).
    Numeric: the attaining sequence reaches the bound at t = 500 to 1e-9; constant,
    Cauchy and geometric sequences never exceed the limit at any step.
    """
    lim = worst_case.adamax_max_ratio_limit(sp.Rational(9, 10), sp.Rational(999, 1000))
    w = _adamax_worst(500)
    return Evidence(
        f"bound reached ({w['R_t']:.5f} at t = 500), limit {float(lim):.5f}, never exceeded",
        proofs=[
            Proof(
                "R_2 = (beta1+beta2)/(beta2(1+beta1))",
                sp.simplify(worst_case.adamax_max_ratio(2, b1, b2) - (b1 + b2) / (b2 * (1 + b1)))
                == 0,
            )
        ],
        comparisons=[
            relative("attaining sequence against R_t", w["attaining"], w["R_t"], 1e-9),
            relative(
                "largest step of any sequence against the limit",
                w["max_any"],
                float(lim),
                1e-9,
                mode="upper",
            ),
        ],
        details={**w, "limit": float(lim)},
    )
