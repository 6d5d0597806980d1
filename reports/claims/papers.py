r"""Claims of the anchor papers the seeds rely on.

Kingma & Ba, "Adam" (ICLR 2015, arXiv:1412.6980); Reddi, Kale & Kumar, "On the
Convergence of Adam and Beyond" (ICLR 2018); Duchi, Hazan & Singer, "Adaptive
Subgradient Methods" (JMLR 2011); Zeiler, "ADADELTA" (arXiv:1212.5701);
Loshchilov & Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019,
arXiv:1711.05101). Symbolic parts come from :mod:`derivations`, numeric parts run
the optimizers of :mod:`numerics` (``run.feed``/``run.minimize`` or the registry's
``step`` where a per-step learning rate is needed). Reasoning in each docstring.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp
from adaproof.derivations import adagrad as dada
from adaproof.derivations import adam as dadam
from adaproof.derivations import adamax as dmax
from adaproof.derivations import adamw as dw
from adaproof.derivations import moments as dmom
from adaproof.derivations import symbols as S
from adaproof.derivations import worst_case as dwc
from adaproof.numerics.problems import reddi_online
from adaproof.numerics.registry import OPTIMIZERS
from adaproof.numerics.run import feed
from adaproof.reports.claims._verdicts import (
    ALG,
    CONDITIONAL,
    CONFIRMED,
    IDN,
    INQ,
    LIM,
    PROVED,
    QUAL,
    REFUTED,
    conditional,
    confirmed,
    decide,
    make_claim,
    proved,
    refuted,
)
from adaproof.reports.claims.base import Claim, Result

KINGMA = "Kingma & Ba 2015, Adam (arXiv:1412.6980)"
REDDI = "Reddi, Kale & Kumar 2018, On the Convergence of Adam and Beyond (ICLR)"
DUCHI = "Duchi, Hazan & Singer 2011, AdaGrad (JMLR 12)"
ZEILER = "Zeiler 2012, ADADELTA (arXiv:1212.5701)"
LOSHCHILOV = "Loshchilov & Hutter 2019, Decoupled Weight Decay (arXiv:1711.05101)"

b1, b2 = S.beta1, S.beta2


# ---------------------------------------------------------------------------
# Kingma & Ba


def check_kb_eff() -> Result:
    """§2: the "efficient" order α_t = α√(1-β₂^t)/(1-β₁^t), θ_t = θ_{t-1} - α_t m_t/(√v_t+ε̂)
    equals Algorithm 1 only when ε̂ = ε√(1-β₂^t) (derivations.adam.efficient_form_epsilon;
    SymPy: the two steps differ by 0 exactly then).

    With a constant ε̂ = ε (Keras/TF) they differ where √v̂ is not ≫ ε. Counterexample:
    gradient 1e-8 at t = 1 with ε = 1e-8: Algorithm 1 steps α/2, the efficient form
    with ε̂ = ε steps 0.031α (ε̂ = ε acts like ε/√(1-β₂^t) = 31.6ε at t = 1;
    numerics Adam eps_on="v_hat" vs eps_on="v"); at g = 1 they agree to 1e-6.
    """
    t = sp.Symbol("t", positive=True, integer=True)
    m, v = sp.Symbol("m", real=True), sp.Symbol("v", positive=True)
    c1, c2 = sp.symbols("c1 c2", positive=True)  # 1 - beta1^t, 1 - beta2^t, in (0, 1)
    alg1 = S.alpha * (m / c1) / (sp.sqrt(v / c2) + S.eps)
    eps_hat = dadam.efficient_form_epsilon(t).subs(b2**t, 1 - c2)
    eff = S.alpha * sp.sqrt(c2) / c1 * m / (sp.sqrt(v) + eps_hat)
    ratio = sp.simplify(alg1 / eff)
    g = np.array([[1e-8, 1.0]])
    a1 = float(-feed("adam", g, lr=1.0, eps=1e-8).delta[0, 0])
    ef = float(-feed("adam", g, lr=1.0, eps=1e-8, eps_on="v").delta[0, 0])
    big1 = float(-feed("adam", g, lr=1.0, eps=1e-8).delta[0, 1])
    bigf = float(-feed("adam", g, lr=1.0, eps=1e-8, eps_on="v").delta[0, 1])
    ok = ratio == 1 and abs(a1 - 0.5) < 1e-9 and ef < 0.05 and abs(big1 / bigf - 1) < 1e-6
    return conditional(
        ok,
        f"equal iff eps_hat = eps sqrt(1-beta2^t); with eps_hat = eps, g = 1e-8: steps "
        f"{a1:.3f} vs {ef:.3f} alpha",
        {
            "ratio_with_eps_hat": str(ratio),
            "alg1_step": a1,
            "efficient_step": ef,
            "g1_steps_agree_rel": abs(big1 / bigf - 1),
        },
        counterexample={
            "t": 1,
            "g": 1e-8,
            "eps": 1e-8,
            "eps_hat": 1e-8,
            "algorithm1_step_over_alpha": a1,
            "efficient_step_over_alpha": ef,
        },
        conditions=r"\hat\epsilon = \epsilon\sqrt{1-\beta_2^t}"
        r" \text{ (or } \sqrt{\hat v_t} \gg \epsilon)",
    )


@functools.cache
def _adam_worst(beta1: float, beta2: float, t: int) -> dict:
    """Adam (ε = 0) on the attaining sequence and adversarial/random ones, at step t."""
    att = (beta1 / beta2) ** np.arange(t - 1, -1, -1, dtype=float)
    sparse = np.full(t, 1e-150)
    sparse[-1] = 1.0
    rng = np.random.default_rng(501)
    cols = [
        att,
        sparse,
        np.ones(t),
        *rng.standard_cauchy(size=(6, t)),
        *(r ** np.arange(t, dtype=float) for r in (0.5, 0.9, 0.99, 1.0, 1.05)),
    ]
    g = np.array(cols).T
    d = np.abs(feed("adam", g, lr=1.0, beta1=beta1, beta2=beta2, eps=0.0).delta[-1])
    bound = float(dwc.adam_max_ratio(S.t, b1, b2).evalf(30, subs={S.t: t, b1: beta1, b2: beta2}))
    kb = float(dwc.kingma_ba_bound(b1, b2).subs({b1: beta1, b2: beta2}))
    return {
        "attaining": float(d[0]),
        "sparse": float(d[1]),
        "max": float(d.max()),
        "R_t": bound,
        "kingma_ba_bound": kb,
        "t": t,
        "beta1": beta1,
        "beta2": beta2,
    }


def check_kb_21a() -> Result:
    """§2.1, first case: |Δ_t| ≤ α(1-β₁)/√(1-β₂) when (1-β₁) > √(1-β₂) — false.

    The defaults are in this case (0.1 > 0.0316; bound 3.162α). The sharp bound is
    R_t (derivations.worst_case.adam_max_ratio, Cauchy–Schwarz), attained by
    g_k = (β₁/β₂)^{t-k}: Adam (ε = 0) on it steps 7.087α at t = 3000 (R_∞ = 7.27).
    Also at β₁ = 0.5, β₂ = 0.9: 1.861α against 1.581α (t = 200). The paper's value
    is what the "severe sparsity" sequence gives, not the supremum.
    """
    w = _adam_worst(0.9, 0.999, 3000)
    w2 = _adam_worst(0.5, 0.9, 200)
    ok = w["attaining"] > 2 * w["kingma_ba_bound"] and abs(w2["sparse"] / 1.5811 - 1) < 1e-3
    ok &= abs(w["kingma_ba_bound"] - 0.1 / math.sqrt(0.001)) < 1e-12
    ok &= w2["attaining"] > w2["kingma_ba_bound"] * 1.1
    return refuted(
        ok,
        f"defaults: step {w['attaining']:.3f} alpha > bound {w['kingma_ba_bound']:.3f} alpha"
        f" (beta = 0.5, 0.9: {w2['attaining']:.3f} > {w2['kingma_ba_bound']:.3f})",
        {"defaults": w, "beta1_0.5_beta2_0.9": w2},
        counterexample={
            "beta1": 0.9,
            "beta2": 0.999,
            "t": 3000,
            "gradients": "g_k = (beta1/beta2)^(t-k)",
            "step_over_alpha": w["attaining"],
            "bound": w["kingma_ba_bound"],
        },
        corrected=r"|\Delta_t| \le \alpha\frac{1-\beta_1}{1-\beta_1^t}\sqrt{\frac{1-\beta_2^t}"
        r"{1-\beta_2}\cdot\frac{1-(\beta_1^2/\beta_2)^t}{1-\beta_1^2/\beta_2}}\ (\epsilon = 0)",
    )


def check_kb_21b() -> Result:
    """§2.1, second case: |Δ_t| ≤ α when (1-β₁) ≤ √(1-β₂) — false.

    β₁ = 0.9, β₂ = 0.99 (0.1 = √0.01: the second case): R_t → 2.35; Adam (ε = 0) on
    the attaining sequence steps 2.345α at t = 1000 (R_2 = 1.0011 > 1 already). For
    β₁² ≥ β₂ (e.g. β₁ = 0.99, β₂ = 0.9, also the second case) the step is unbounded
    in t (kb-2.1.fix).
    """
    w = _adam_worst(0.9, 0.99, 1000)
    r2 = float(dwc.adam_max_ratio(2, sp.Rational(9, 10), sp.Rational(99, 100)))
    ok = w["attaining"] > 2.3 and w["kingma_ba_bound"] == 1.0 and r2 > 1
    return refuted(
        ok,
        f"beta1 = 0.9, beta2 = 0.99: step {w['attaining']:.3f} alpha at t = 1000 (bound 1);"
        f" R_2 = {r2:.4f}",
        {**w, "R_2": r2},
        counterexample={
            "beta1": 0.9,
            "beta2": 0.99,
            "t": 1000,
            "gradients": "g_k = (beta1/beta2)^(t-k)",
            "step_over_alpha": w["attaining"],
            "bound": 1.0,
        },
        corrected=r"|\Delta_t| \le \alpha R_t,\ R_t \uparrow (1-\beta_1)\sqrt{\frac{\beta_2}"
        r"{(1-\beta_2)(\beta_2-\beta_1^2)}}\ (\beta_1^2 < \beta_2),"
        r"\ \text{unbounded otherwise}",
    )


def check_kb_21_fix() -> Result:
    """|m̂_t|/√v̂_t ≤ R_t = (1-β₁)/(1-β₁^t)·√((1-β₂^t)/(1-β₂)·(1-q^t)/(1-q)), q = β₁²/β₂,
    sharp; unbounded in t when β₁² ≥ β₂.

    Symbolic: R_2 closed form; the limit for β₁² < β₂ (adam_max_ratio_limit) equals
    R_t at t = 10^6 at the defaults. Numeric (adversarial): at (0.5, 0.9),
    (0.9, 0.999) and (0.9, 0.99) the attaining sequence reaches R_t to 1e-9 and 13
    other sequences stay below; at β₁ = 0.99, β₂ = 0.9 (β₁² > β₂) the attained ratio
    grows from t = 50 to t = 150 by more than 10x.
    """
    two = (1 + b2) * (b1**2 + b2) / (b2 * (1 + b1) ** 2)
    ok = sp.simplify(dwc.adam_max_ratio(2, b1, b2) ** 2 - two) == 0
    lim = dwc.adam_max_ratio_limit(sp.Rational(9, 10), sp.Rational(999, 1000))
    big = float(dwc.adam_max_ratio(S.t, b1, b2).evalf(30, subs={S.t: 10**6, b1: 0.9, b2: 0.999}))
    ok &= abs(big / float(lim) - 1) < 1e-9
    rows = []
    for a, b, t in ((0.5, 0.9, 200), (0.9, 0.999, 3000), (0.9, 0.99, 1000)):
        w = _adam_worst(a, b, t)
        ok &= abs(w["attaining"] / w["R_t"] - 1) < 1e-9 and w["max"] <= w["R_t"] * (1 + 1e-9)
        rows.append(w)
    grow = [_adam_worst(0.99, 0.9, t)["attaining"] for t in (50, 150)]
    ok &= grow[1] > 10 * grow[0]
    return proved(
        ok,
        "attaining sequences reach R_t (" + ", ".join(f"{w['R_t']:.4f}" for w in rows) + "); "
        f"R_inf = {float(lim):.4f} at the defaults; beta1^2 > beta2: unbounded",
        {"runs": rows, "R_inf_defaults": float(lim), "beta1_0.99_beta2_0.9_t50_t150": grow},
    )


@functools.cache
def _mc_v(T: int = 40, B: int = 20000) -> dict:
    rng = np.random.default_rng(502)
    g = rng.normal(0.5, 1.5, size=(T, B))
    vh = feed("adam", g, beta2=0.9).states["v_hat"]
    return {"mean": vh.mean(axis=1), "se": vh.std(axis=1, ddof=1) / math.sqrt(B), "B": B}


def check_kb_3() -> Result:
    """§3: E[v_t] = E[g_t²](1-β₂^t) for stationary gradients, so v̂_t = v_t/(1-β₂^t) is
    unbiased. Symbolic: derivations.moments.mean_v. Monte Carlo: 20000 i.i.d. N(0.5, 1.5²)
    streams through numerics Adam (β₂ = 0.9): mean of v̂_t within 4 standard errors
    of 0.5² + 1.5² = 2.5 for t = 1..40."""
    ok = sp.simplify(dmom.mean_v(S.t, b2) / (1 - b2**S.t) - (S.mu**2 + S.sigma**2)) == 0
    mc = _mc_v()
    z = np.abs(mc["mean"] - 2.5) / mc["se"]
    return proved(
        ok and float(z.max()) < 4,
        f"E[v_hat_t] = E[g^2]; Monte Carlo max |z| = {float(z.max()):.2f} (t = 1..40)",
        {
            "mean_v": str(dmom.mean_v(S.t, b2)),
            "max_abs_z": float(z.max()),
            "samples": mc["B"],
            "tolerance": "4 standard errors",
        },
    )


def check_kb_71a() -> Result:
    """§7.1: AdaMax's u_t = max(β₂u_{t-1}, |g_t|) is the p → ∞ limit of v_t^{1/p},
    v_t = β₂^p v_{t-1} + (1-β₂^p)|g_t|^p.

    Symbolic: for t = 2 and numbers (g = (3, 2), β₂ = 1/2) the limit of
    derivations.adamax.lp_second_moment is max(β₂·3, 2) = 2 (SymPy limit). Numeric:
    v_t^{1/p} at p = 2000 (log-space) along a random stream stays within
    log(t)/p of numerics AdaMax's u_t (t ≤ 200).
    """
    p = sp.Symbol("p", positive=True)
    expr = dmax.lp_second_moment(2, p, sp.Rational(1, 2), [sp.Integer(3), sp.Integer(2)])
    lim = sp.limit(expr, p, sp.oo)
    ok = lim == 2
    rng = np.random.default_rng(503)
    g = rng.normal(size=(200, 3)) * np.exp(rng.normal(size=(200, 3)))
    u = feed("adamax", g, beta2=0.999).states["u"]
    P = 2000.0
    logv = np.full(3, -np.inf)
    worst = 0.0
    for t in range(200):
        term = math.log(-math.expm1(P * math.log(0.999))) + P * np.log(np.abs(g[t]))
        logv = np.logaddexp(P * math.log(0.999) + logv, term)
        approx = np.exp(logv / P)
        worst = max(worst, float(np.max(np.abs(np.log(approx / u[t])))))
    ok &= worst <= math.log(200) / P + 1e-9
    return proved(
        ok,
        f"limit = max (SymPy, t = 2); p = 2000: |log(v^(1/p)/u)| <= {worst:.1e} <= log(t)/p",
        {"sympy_limit": str(lim), "max_log_error": worst, "bound": math.log(200) / P},
    )


def _adamax_worst(t: int) -> dict:
    att = 0.999 ** -np.arange(t - 1, -1, -1, dtype=float)
    rng = np.random.default_rng(504)
    cols = [
        att,
        np.ones(t),
        *rng.standard_cauchy(size=(6, t)),
        *(r ** np.arange(t, dtype=float) for r in (0.9, 0.999, 1.0, 1.001, 1.01)),
    ]
    g = np.array(cols).T
    d = np.abs(feed("adamax", g, lr=1.0, beta1=0.9, beta2=0.999).delta)
    bound = float(dwc.adamax_max_ratio(S.t, b1, b2).evalf(30, subs={S.t: t, b1: 0.9, b2: 0.999}))
    return {"attaining": float(d[-1, 0]), "max_any": float(d.max()), "R_t": bound, "t": t}


def check_kb_71b() -> Result:
    """§7.1: AdaMax's update satisfies |Δ_t| ≤ α — false, by a little.

    sup|m̂_t|/u_t = (1-β₁)/(1-β₁^t)·Σ_{j<t}(β₁/β₂)^j (derivations.worst_case
    .adamax_max_ratio), → (1-β₁)β₂/(β₂-β₁) = 1.0091 at the defaults. Counterexample:
    g_k = β₂^{-(t-k)} (gradients growing by 0.1% per step), t = 500: numerics AdaMax
    steps 1.0091α.
    """
    w = _adamax_worst(500)
    return refuted(
        w["attaining"] > 1.009,
        f"AdaMax step {w['attaining']:.5f} alpha on g_k = beta2^-(t-k) (t = 500)",
        w,
        counterexample={
            "beta1": 0.9,
            "beta2": 0.999,
            "t": 500,
            "gradients": "g_k = beta2^-(t-k)",
            "step_over_alpha": w["attaining"],
        },
        corrected=r"|\Delta_t| \le \alpha\frac{1-\beta_1}{1-\beta_1^t}\sum_{j=0}^{t-1}"
        r"\Big(\frac{\beta_1}{\beta_2}\Big)^j \le \alpha\frac{(1-\beta_1)\beta_2}{\beta_2-\beta_1}",
    )


def check_kb_71_fix() -> Result:
    """AdaMax: |Δ_t| ≤ α(1-β₁)/(1-β₁^t)·Σ_{j<t}(β₁/β₂)^j, sharp.

    Symbolic: t = 2 closed form (β₁+β₂)/(β₂(1+β₁)) and the limit (1-β₁)β₂/(β₂-β₁).
    Numeric: the attaining sequence reaches the bound at t = 500 to 1e-9; constant,
    Cauchy and geometric sequences never exceed it at any step.
    """
    ok = sp.simplify(dwc.adamax_max_ratio(2, b1, b2) - (b1 + b2) / (b2 * (1 + b1))) == 0
    lim = dwc.adamax_max_ratio_limit(sp.Rational(9, 10), sp.Rational(999, 1000))
    w = _adamax_worst(500)
    ok &= abs(w["attaining"] / w["R_t"] - 1) < 1e-9 and w["max_any"] <= float(lim) * (1 + 1e-9)
    return proved(
        ok,
        f"bound reached ({w['R_t']:.5f} at t = 500), limit {float(lim):.5f}, never exceeded",
        {**w, "limit": float(lim)},
    )


# ---------------------------------------------------------------------------
# Reddi, Kale & Kumar


@functools.cache
def _reddi(C: float = 3.0, T: int = 3000) -> dict:
    """Adam (β₁ = 0, β₂ = 1/(1+C²), no bias correction, ε = 0) and AMSGrad with
    α_t = 0.5/√t, projected on [-1, 1]: numerics' step with a per-step learning rate."""
    prob = reddi_online(C)
    out = {}
    for name, ams in (("adam", False), ("amsgrad", True)):
        opt = OPTIMIZERS["adam"]
        hyper = {
            "beta1": 0.0,
            "beta2": 1 / (1 + C * C),
            "eps": 0.0,
            "bias_correction": False,
            "amsgrad": ams,
        }
        x = np.array(1.0)
        state = opt.init(x, **hyper)
        regret = 0.0
        for t in range(1, T + 1):
            g = prob.grad(x, t)
            regret += float(g * (x - (-1.0)))
            x, state = opt.step(x, g, state, lr=0.5 / math.sqrt(t), **hyper)
            x = prob.project(x)
        out[name] = {"x_T": float(x), "avg_regret": regret / T}
    return out


def check_reddi_1() -> Result:
    """f_t(x) = Cx (t mod 3 = 1), -x otherwise, on [-1, 1], C > 2: the average loss
    (C-2)x/3 is minimised at x = -1 (derivations: linear with positive slope,
    decided). Numeric: numerics.problems.reddi_online's f at a grid: argmin -1."""
    C = sp.Symbol("C", positive=True)
    cycle = sp.simplify((C * S.g - S.g - S.g) / 3)
    k = sp.Symbol("k", positive=True)  # C = 2 + k, C > 2
    d = decide(((C - 2) / 3).subs(C, 2 + k), ">", sp.Integer(0))
    prob = reddi_online(3.0)
    grid = np.linspace(-1, 1, 201)
    return proved(
        d.verdict == "true" and float(grid[np.argmin(prob.f(grid))]) == -1.0,
        "average loss (C-2)x/3, minimised at x = -1",
        {"cycle_average": str(cycle), "decide": d.method},
    )


def check_reddi_2() -> Result:
    """Adam with β₁ = 0, β₂ = 1/(1+C²), α_t = α/√t converges to x = +1, the worst point
    (Theorem 1's construction). Run C = 3, 3000 steps from x = 1: x_T = 1 and the
    average regret stays near its maximum 2(C-2)/3 = 0.67, not → 0."""
    r = _reddi()["adam"]
    return confirmed(
        r["x_T"] > 0.99 and r["avg_regret"] > 0.5,
        f"Adam: x_T = {r['x_T']:.4f}, average regret {r['avg_regret']:.3f}",
        {**r, "C": 3.0, "steps": 3000, "lr": "0.5/sqrt(t)"},
    )


def check_reddi_3() -> Result:
    """AMSGrad (max of v) on the same problem converges to x = -1 and its average regret
    → 0. Run C = 3, 3000 steps: x_T = -0.994, average regret 0.027 (< 0.05)."""
    r = _reddi()["amsgrad"]
    return confirmed(
        r["x_T"] < -0.99 and r["avg_regret"] < 0.05,
        f"AMSGrad: x_T = {r['x_T']:.4f}, average regret {r['avg_regret']:.4f}",
        {**r, "C": 3.0, "steps": 3000, "lr": "0.5/sqrt(t)"},
    )


# ---------------------------------------------------------------------------
# Duchi, Hazan & Singer


def check_duchi_lemma4() -> Result:
    """Lemma 4: Σ_t a_t²/√(Σ_{τ≤t} a_τ²) ≤ 2√(Σ_t a_t²) — the inequality behind AdaGrad's
    regret (and the corrected version of seed 002's √2).

    Symbolic: derivations.adagrad.telescoping_step (each term ≤ 2(√S_t - √S_{t-1}))
    decided. Numeric: AdaGrad (ε = 0, lr = 1) fed adversarial sequences — constant
    (the tight case), growing and shrinking geometric, Cauchy: Σ lr_eff·g² / √G_T stays
    below 2 and approaches it (1.98 for 10^4 equal terms).
    """
    rel = dada.telescoping_step()
    d = decide(rel.lhs, "<=", rel.rhs)
    T = 10000
    rng = np.random.default_rng(505)
    cols = [
        np.ones(T),
        1.001 ** np.arange(T),
        0.999 ** np.arange(T),
        *rng.standard_cauchy(size=(4, T)),
    ]
    g = np.array(cols).T
    h = feed("adagrad", g, lr=1.0, eps=0.0)
    lhs = np.sum(h.states["lr_eff"] * g**2, axis=0)
    ratio = lhs / np.sqrt(np.sum(g**2, axis=0))
    ok = d.verdict == "true" and float(ratio.max()) < 2 and float(ratio[0]) > 1.98
    return proved(
        ok,
        f"largest ratio {float(ratio.max()):.4f} < 2 (constant sequence: {float(ratio[0]):.4f})",
        {"decide": d.method, "ratios": ratio.tolist(), "T": T},
    )


# ---------------------------------------------------------------------------
# Zeiler


def check_zeiler_1() -> Result:
    """ADADELTA "requires no manual tuning of a learning rate": its first steps are
    √(ε/(1-ρ)) in size (ρ = 0.95, ε = 1e-6: 0.0045), so ε is the learning rate in
    disguise. Counterexample: f = x², x₀ = 10, 1000 steps with the paper's ρ = 0.95
    end at 9.34, 4.62, 0 for ε = 1e-8, 1e-6, 1e-4 (numerics AdaDelta); the correction
    is verified in 004-5.fix."""
    from adaproof.reports.claims.seed_004 import _adadelta_eps_runs

    r = _adadelta_eps_runs()
    ok = r["x_1000"][0] > 9 and 4 < r["x_1000"][1] < 5 and abs(r["x_1000"][2]) < 1e-6
    return refuted(
        ok,
        "x after 1000 steps depends on eps like GD's on its learning rate",
        r,
        counterexample={
            "f": "x^2",
            "x0": 10.0,
            "rho": 0.95,
            "x_1000_eps_1e-8": r["x_1000"][0],
            "x_1000_eps_1e-6": r["x_1000"][1],
            "x_1000_eps_1e-4": r["x_1000"][2],
        },
        corrected=r"|\Delta x_1| = \frac{\sqrt{\epsilon}\,|g_1|}{\sqrt{(1-\rho)g_1^2+\epsilon}}"
        r" \approx \sqrt{\epsilon/(1-\rho)}",
    )


# ---------------------------------------------------------------------------
# Loshchilov & Hutter


def check_lh_1() -> Result:
    """Proposition 1: for SGD, L2 regularisation with λ' = λ/α equals decoupled weight decay
    λ: θ - α(g + λ'θ) = (1-λ)θ - αg (derivations.adamw.sgd_l2_equals_decoupled,
    expand). Numeric: numerics SGD with weight_decay = λ/α against the decoupled update
    on a quadratic: the same iterates to 1e-12."""
    rel = dw.sgd_l2_equals_decoupled()
    ok = sp.expand(rel.lhs - rel.rhs) == 0
    lr, lam = 0.1, 0.01
    x_l2 = np.array([1.0, -2.0])
    x_dec = x_l2.copy()
    opt = OPTIMIZERS["sgd"]
    st = opt.init(x_l2, lr=lr, weight_decay=lam / lr)
    for _ in range(100):
        x_l2, st = opt.step(x_l2, 3 * x_l2, st, lr=lr, weight_decay=lam / lr)
        x_dec = (1 - lam) * x_dec - lr * 3 * x_dec
    err = float(np.max(np.abs(x_l2 - x_dec)))
    return proved(
        ok and err < 1e-12,
        f"identical iterates (error {err:.1e})",
        {"identity": "expand(lhs - rhs) = 0", "max_abs_error": err},
    )


@functools.cache
def _l2_vs_decoupled() -> dict:
    """Adam with L2 and AdamW on pure decay with gradient noise of scales 1 and 0.01."""
    rng = np.random.default_rng(506)
    T = 2000
    noise = rng.normal(size=(T, 1)) * np.array([1.0, 0.01])  # one stream, two scales
    out = {}
    for mode in ("l2", "decoupled"):
        opt = OPTIMIZERS["adam"]
        hyper = {"lr": 1e-3, "weight_decay": 0.1, "weight_decay_mode": mode}
        x = np.ones(2)
        st = opt.init(x, **hyper)
        for t in range(T):
            x, st = opt.step(x, noise[t], st, **hyper)
        out[mode] = x.tolist()
    return out


def check_lh_2() -> Result:
    """§2: with L2 regularisation in Adam, weights with large historic gradients are
    regularised less than with decoupled decay (the two are not equivalent).

    Symbolic: the L2 term shrinks θ by αλ/(√v̂+ε) per step (derivations.adamw
    .effective_decay_l2, decreasing in v̂), decoupled decay by αλ. Numeric: zero-mean
    gradient noise (one stream, scales 1 and 0.01) on two weights from θ = 1,
    λ = 0.1, α = 1e-3, 2000 steps: with L2 the noisy weight ends at 0.76, the quiet
    one at 0.02 (its decay term dominates its gradient); AdamW ends both at 0.757.
    """
    vh = sp.Symbol("vhat", nonnegative=True)
    dec = dw.effective_decay_l2(vh)
    vp = sp.Symbol("v", positive=True)
    lam_p = sp.Symbol("lam", positive=True)  # a decay that is actually on
    deriv = sp.diff(dec, vh).subs({S.eps: sp.Symbol("e", positive=True), vh: vp, S.lam: lam_p})
    d = decide(deriv, "<", sp.Integer(0))
    r = _l2_vs_decoupled()
    l2, dc = r["l2"], r["decoupled"]
    ok = d.verdict == "true" and l2[0] > 0.5 and abs(l2[1]) < 0.1
    ok &= abs(dc[0] - dc[1]) < 0.01
    return confirmed(
        ok,
        f"L2: theta = {l2[0]:.3f} (noisy) vs {l2[1]:.3f} (quiet); AdamW: {dc[0]:.3f} vs "
        f"{dc[1]:.3f}",
        {"decide": d.method, "l2": l2, "decoupled": dc, "steps": 2000},
    )


# ---------------------------------------------------------------------------


def _c(source, cid, location, statement, *rest, **kw) -> Claim:
    """An anchor-paper row: the source comes first; papers have no inventory item."""
    return make_claim(source, cid, location, None, statement, *rest, **kw)


CLAIMS: list[Claim] = [
    _c(
        KINGMA,
        "kb-2-efficient",
        "§2, end (efficient version)",
        r"\alpha_t = \alpha\frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t},\ \theta_t = \theta_{t-1} -"
        r" \alpha_t\frac{m_t}{\sqrt{v_t}+\hat\epsilon} \text{ (same as Algorithm 1)}",
        ALG,
        CONDITIONAL,
        check_kb_eff,
        "efficient form of Adam",
    ),
    _c(
        KINGMA,
        "kb-2.1a",
        "§2.1 Adam's update rule",
        r"|\Delta_t| \le \alpha\frac{1-\beta_1}{\sqrt{1-\beta_2}} \text{ in the case }"
        r" (1-\beta_1) > \sqrt{1-\beta_2}",
        INQ,
        REFUTED,
        check_kb_21a,
        "Adam step bound, first case",
        corrected_by="kb-2.1.fix",
    ),
    _c(
        KINGMA,
        "kb-2.1b",
        "§2.1 Adam's update rule",
        r"|\Delta_t| \le \alpha \text{ otherwise}",
        INQ,
        REFUTED,
        check_kb_21b,
        "Adam step bound, second case",
        corrected_by="kb-2.1.fix",
    ),
    _c(
        KINGMA,
        "kb-2.1.fix",
        "§2.1 (corrected: the sharp bound)",
        r"\frac{|\hat m_t|}{\sqrt{\hat v_t}} \le \frac{1-\beta_1}{1-\beta_1^t}\sqrt{\frac{1-"
        r"\beta_2^t}{1-\beta_2}\cdot\frac{1-(\beta_1^2/\beta_2)^t}{1-\beta_1^2/\beta_2}}",
        INQ,
        PROVED,
        check_kb_21_fix,
        "sharp Adam step bound",
    ),
    _c(
        KINGMA,
        "kb-3",
        "§3 Initialization bias correction",
        r"\mathbb{E}[v_t] = \mathbb{E}[g_t^2](1-\beta_2^t) + \zeta \ (\zeta = 0 \text{ if"
        r" stationary})",
        IDN,
        PROVED,
        check_kb_3,
        "bias correction of v",
    ),
    _c(
        KINGMA,
        "kb-7.1a",
        "§7.1 AdaMax",
        r"u_t = \lim_{p\to\infty}(v_t)^{1/p} = \max(\beta_2 u_{t-1}, |g_t|)",
        LIM,
        PROVED,
        check_kb_71a,
        "AdaMax as the p -> oo limit",
    ),
    _c(
        KINGMA,
        "kb-7.1b",
        "§7.1 AdaMax",
        r"|\Delta_t| \le \alpha",
        INQ,
        REFUTED,
        check_kb_71b,
        "AdaMax step bound",
        corrected_by="kb-7.1.fix",
    ),
    _c(
        KINGMA,
        "kb-7.1.fix",
        "§7.1 AdaMax (corrected)",
        r"|\Delta_t| \le \alpha\frac{1-\beta_1}{1-\beta_1^t}\sum_{j=0}^{t-1}\Big(\frac{\beta_1}"
        r"{\beta_2}\Big)^j",
        INQ,
        PROVED,
        check_kb_71_fix,
        "sharp AdaMax step bound",
    ),
    _c(
        REDDI,
        "reddi-1",
        "§3, online example",
        r"f_t(x) = Cx \ (t \bmod 3 = 1),\ -x \text{ otherwise on } [-1,1]:\ x^\star = -1",
        IDN,
        PROVED,
        check_reddi_1,
        "optimum of the online problem",
    ),
    _c(
        REDDI,
        "reddi-2",
        "§3, Theorem 1",
        r"\beta_1 = 0,\ \beta_2 = \tfrac{1}{1+C^2}:\ \text{Adam converges to } x = +1",
        QUAL,
        CONFIRMED,
        check_reddi_2,
        "Adam converges to the worst point",
    ),
    _c(
        REDDI,
        "reddi-3",
        "§4, AMSGrad",
        r"\hat v_t = \max(\hat v_{t-1}, v_t):\ \text{AMSGrad converges to } x^\star = -1",
        QUAL,
        CONFIRMED,
        check_reddi_3,
        "AMSGrad converges",
    ),
    _c(
        DUCHI,
        "duchi-lemma4",
        "Lemma 4",
        r"\sum_{t=1}^T\frac{a_t^2}{\sqrt{\sum_{\tau\le t}a_\tau^2}} \le 2\sqrt{\sum_{t=1}^T"
        r" a_t^2}",
        INQ,
        PROVED,
        check_duchi_lemma4,
        "AdaGrad's sum lemma",
    ),
    _c(
        ZEILER,
        "zeiler-1",
        "§3, abstract",
        r"\Delta x_t = -\frac{\mathrm{RMS}[\Delta x]_{t-1}}{\mathrm{RMS}[g]_t}g_t:\ \text{no"
        r" manual tuning of a learning rate}",
        QUAL,
        REFUTED,
        check_zeiler_1,
        "AdaDelta needs no learning rate",
        corrected_by="004-5.fix",
    ),
    _c(
        LOSHCHILOV,
        "lh-1",
        "Proposition 1",
        r"\text{SGD: } \theta - \alpha(g + \lambda'\theta) = (1-\lambda)\theta - \alpha g,\ "
        r"\lambda' = \lambda/\alpha",
        IDN,
        PROVED,
        check_lh_1,
        "SGD: L2 = weight decay",
    ),
    _c(
        LOSHCHILOV,
        "lh-2",
        "§2, Proposition 2",
        r"\text{Adam with L}_2: \text{ weights with large gradients are regularized less than"
        r" with decoupled decay}",
        QUAL,
        CONFIRMED,
        check_lh_2,
        "Adam: L2 is not weight decay",
    ),
]
