r"""Duchi, Hazan & Singer (AdaGrad's Lemma 4), Zeiler (ADADELTA) and Loshchilov & Hutter
(decoupled weight decay) (claims duchi-lemma4, zeiler-1, lh-1, lh-2)."""

from __future__ import annotations

import functools

import numpy as np
import sympy as sp
from adaproof.derivations import adagrad, adamw, symbols
from adaproof.numerics.registry import OPTIMIZERS
from adaproof.numerics.run import feed
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import decide, decided, supporting
from adaproof.reports.claims.papers._shared import DUCHI, LOSHCHILOV, ZEILER


@claim(
    id="duchi-lemma4",
    source=DUCHI,
    location="Lemma 4",
    statement=r"\sum_{t=1}^T\frac{a_t^2}{\sqrt{\sum_{\tau\le t}a_\tau^2}} \le 2\sqrt{\sum_{t=1}^T"
    r" a_t^2}",
    kind=Kind.INEQUALITY,
    expected=Verdict.CONFIRMED,
    title="AdaGrad's sum lemma",
    figure="sum_to_integral",
)
def adagrad_sum_lemma() -> Evidence:
    """Lemma 4: Σ_t a_t²/√(Σ_{τ≤t} a_τ²) ≤ 2√(Σ_t a_t²) — the inequality behind AdaGrad's
    regret (and the corrected version of seed 002's √2).

    The lemma follows by summing derivations.adagrad.telescoping_step (each term
    ≤ 2(√S_t - √S_{t-1})) over t; that step is decided by the engine — a symbolic
    proof of the step when the engine reduces it, a sampled check otherwise — and the
    summation itself is not carried out symbolically, so the lemma rests on the runs.
    Numeric: AdaGrad (ε = 0, lr = 1) fed adversarial sequences — constant (the tight
    case), growing and shrinking geometric, Cauchy: Σ lr_eff·g² / √G_T stays below 2 and
    approaches it (1.985 for 10^4 equal terms).
    """
    rel = adagrad.telescoping_step()
    d = decided(decide(rel.lhs, "<=", rel.rhs), "a_t^2/sqrt(S_t) <= 2(sqrt(S_t) - sqrt(S_{t-1}))")
    T = 10000
    rng = np.random.default_rng(505)
    g = np.array(
        [
            np.ones(T),
            1.001 ** np.arange(T),
            0.999 ** np.arange(T),
            *rng.standard_cauchy(size=(4, T)),
        ]
    ).T
    h = feed("adagrad", g, lr=1.0, eps=0.0)
    ratio = np.sum(h.states["lr_eff"] * g**2, axis=0) / np.sqrt(np.sum(g**2, axis=0))
    return Evidence(
        f"largest ratio {float(ratio.max()):.4f} < 2 (constant sequence: {float(ratio[0]):.4f})",
        # the telescoping step supports the lemma; summing it is not done symbolically
        proofs=supporting({p.statement: p.holds for p in d.proofs}),
        comparisons=[
            *d.comparisons,
            Comparison(
                "largest ratio over 7 sequences, T = 10^4", float(ratio.max()), 2.0, mode="upper"
            ),
            Comparison("tight case (constant sequence)", float(ratio[0]), 1.98, mode="lower"),
        ],
        counterexample=d.counterexample,
        details={"decide": d.method, "ratios": ratio.tolist(), "T": T},
    )


@claim(
    id="zeiler-1",
    source=ZEILER,
    location="§3, abstract",
    statement=r"\Delta x_t = -\frac{\mathrm{RMS}[\Delta x]_{t-1}}{\mathrm{RMS}[g]_t}g_t:\ \text{no"
    r" manual tuning of a learning rate}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.REFUTED,
    title="AdaDelta needs no learning rate",
    corrected_by="004-5.fix",
)
def adadelta_no_tuning() -> Evidence:
    """ADADELTA "requires no manual tuning of a learning rate": its first steps are
    √(ε/(1-ρ)) in size (ρ = 0.95, ε = 1e-6: 0.0045), so ε is the learning rate in
    disguise. Counterexample (computed when the end points spread by more than 1):
    f = x², x₀ = 10, 1000 steps with the paper's ρ = 0.95 end at 9.34, 4.62, 0 for
    ε = 1e-8, 1e-6, 1e-4 (numerics AdaDelta, reports.simulate.adadelta_eps_runs, the
    run of 004-5); the correction is verified in 004-5.fix."""
    r = simulate.adadelta_eps_runs()
    x = r["x_final"]
    first = np.array(r["first_step"])
    scaling = float(np.max(np.abs(first / np.sqrt(np.array(r["eps"]) / 0.05) - 1)))
    return Evidence(
        "x after 1000 steps depends on eps like GD's on its learning rate",
        comparisons=[
            Comparison(
                "first steps against sqrt(eps/(1-rho)) (relative, |g| >> eps)",
                error=scaling,
                tol=1e-2,
            )
        ],
        counterexample={
            "f": "x^2",
            "x0": 10.0,
            "rho": 0.95,
            "x_1000_eps_1e-8": x[0],
            "x_1000_eps_1e-6": x[1],
            "x_1000_eps_1e-4": x[2],
        }
        if max(x) - min(x) > 1.0
        else None,
        corrected=r"|\Delta x_1| = \frac{\sqrt{\epsilon}\,|g_1|}{\sqrt{(1-\rho)g_1^2+\epsilon}}"
        r" \approx \sqrt{\epsilon/(1-\rho)}",
        details=r,
    )


@claim(
    id="lh-1",
    source=LOSHCHILOV,
    location="Proposition 1",
    statement=r"\text{SGD: } \theta - \alpha(g + \lambda'\theta) = (1-\lambda)\theta - \alpha g,\ "
    r"\lambda' = \lambda/\alpha",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="SGD: L2 = weight decay",
)
def sgd_l2_is_weight_decay() -> Evidence:
    """Proposition 1: for SGD, L2 regularisation with λ' = λ/α equals decoupled weight decay
    λ: θ - α(g + λ'θ) = (1-λ)θ - αg (derivations.adamw.sgd_l2_equals_decoupled,
    expand). Numeric: numerics SGD with weight_decay = λ/α against the decoupled update
    on a quadratic: the same iterates to 1e-12."""
    rel = adamw.sgd_l2_equals_decoupled()
    lr, lam = 0.1, 0.01
    x_l2 = np.array([1.0, -2.0])
    x_dec = x_l2.copy()
    opt = OPTIMIZERS["sgd"]
    st = opt.init(x_l2, lr=lr, weight_decay=lam / lr)
    for _ in range(100):
        x_l2, st = opt.step(x_l2, 3 * x_l2, st, lr=lr, weight_decay=lam / lr)
        x_dec = (1 - lam) * x_dec - lr * 3 * x_dec
    err = float(np.max(np.abs(x_l2 - x_dec)))
    return Evidence(
        f"identical iterates (error {err:.1e})",
        proofs=[Proof("expand(lhs - rhs) = 0", sp.expand(rel.lhs - rel.rhs) == 0)],
        comparisons=[
            Comparison("numerics SGD with L2 against decoupled decay", error=err, tol=1e-12)
        ],
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


@claim(
    id="lh-2",
    source=LOSHCHILOV,
    location="§2, Proposition 2",
    statement=r"\text{Adam with L}_2: \text{ weights with large gradients are regularized less than"
    r" with decoupled decay}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONFIRMED,
    title="Adam: L2 is not weight decay",
)
def adam_l2_not_weight_decay() -> Evidence:
    """§2: with L2 regularisation in Adam, weights with large historic gradients are
    regularised less than with decoupled decay (the two are not equivalent).

    Symbolic (a supporting lemma): the L2 term shrinks θ by αλ/(√v̂+ε) per step
    (derivations.adamw.effective_decay_l2, decreasing in v̂, decided), decoupled decay by
    αλ. Numeric: zero-mean gradient noise (one stream, scales 1 and 0.01) on two weights
    from θ = 1, λ = 0.1, α = 1e-3, 2000 steps: with L2 the noisy weight ends at 0.76, the
    quiet one at 0.02 (its decay term dominates its gradient); AdamW ends both at 0.757.
    """
    vh = sp.Symbol("vhat", nonnegative=True)
    dec = adamw.effective_decay_l2(vh)
    vp, lam = sp.Symbol("v", positive=True), sp.Symbol("lam", positive=True)
    deriv = sp.diff(dec, vh).subs(
        {symbols.eps: sp.Symbol("e", positive=True), vh: vp, symbols.lam: lam}
    )
    d = decided(decide(deriv, "<", sp.Integer(0)), "d(L2 decay per step)/d v_hat < 0")
    r = _l2_vs_decoupled()
    l2, dc = r["l2"], r["decoupled"]
    return Evidence(
        f"L2: theta = {l2[0]:.3f} (noisy) vs {l2[1]:.3f} (quiet); AdamW: {dc[0]:.3f} vs "
        f"{dc[1]:.3f}",
        proofs=supporting({p.statement: p.holds for p in d.proofs}),
        comparisons=[
            *d.comparisons,
            Comparison("L2: noisy weight", l2[0], 0.5, mode="lower"),
            Comparison("L2: quiet weight", abs(l2[1]), 0.1, mode="upper"),
            Comparison("AdamW: noisy minus quiet", error=abs(dc[0] - dc[1]), tol=0.01),
        ],
        counterexample=d.counterexample,
        details={"decide": d.method, "l2": l2, "decoupled": dc, "steps": 2000},
    )
