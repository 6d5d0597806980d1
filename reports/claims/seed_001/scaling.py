r"""Part 2: the step size and the effect of scaling every gradient by c (claims 001-3a …
001-5b)."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
from adaproof.derivations import adam, momentum, symbols
from adaproof.numerics.run import feed
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Approximation, Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import reduces_to_zero
from adaproof.reports.claims.seed_001._shared import (
    EPS,
    MU,
    NOISE,
    SCALING,
    SOURCE,
    STEP_SIZE,
    stream,
)


def _scaled_steps(c: float, eps: float, base: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return feed("adam", base, lr=0.01, eps=eps).delta, feed(
        "adam", c * base, lr=0.01, eps=eps
    ).delta


@claim(
    id="001-3a",
    source=SOURCE,
    location=f"{STEP_SIZE}; {SCALING}",
    inventory="001-3",
    statement=r"u_t \mapsto c\,u_t \text{ under } g_t \mapsto cg_t: \text{ doubling all gradients"
    r" doubles the step}",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="momentum step linear in c",
)
def momentum_linear_in_c() -> Evidence:
    """Momentum SGD: g ↦ cg gives u_t ↦ c u_t, so doubling every gradient doubles every step.

    Symbolic: u_t(cg) = c u_t(g) for t = 1..6 (derivations.momentum.scaling_relations).
    Numeric: the momentum run on a stream and on 2x the stream: steps in ratio 2 to 1e-12.
    """
    relations = momentum.scaling_relations(6)
    g = stream()
    d1 = feed("momentum", g, lr=0.01).delta
    d2 = feed("momentum", 2 * g, lr=0.01).delta
    err = float(np.max(np.abs(d2 - 2 * d1)) / np.max(np.abs(d1)))
    return Evidence(
        f"u_t(c g) = c u_t(g) (t = 1..6); doubled stream doubles every step (error {err:.1e})",
        proofs=[reduces_to_zero("expand(u_t(cg) - c u_t(g)) = 0, t = 1..6", relations)],
        comparisons=[Comparison("steps(2g) against 2 steps(g) (relative)", error=err, tol=1e-12)],
        details={"steps": g.shape[0], "runs": g.shape[1]},
    )


@claim(
    id="001-3b",
    source=SOURCE,
    location=f"{STEP_SIZE}; {NOISE}",
    statement=r"\text{Since } u_t \text{ is an EMA of the } g_\tau \dots",
    kind=Kind.IDENTITY,
    expected=Verdict.REFUTED,
    title="momentum buffer is an EMA",
    corrected_by="001-3b.fix",
)
def momentum_buffer_is_ema() -> Evidence:
    """ "u_t is an EMA of the g_τ": it is not — u_t = Σ μ^{t-k} g_k = m_t/(1-μ).

    The weights sum to (1-μ^t)/(1-μ) → 1/(1-μ) = 10 at μ = 0.9
    (derivations.momentum.weights_total), not 1 as an average's do. Counterexample
    (when the run leaves the range of the gradients): constant g = 1, μ = 0.9: u_50 =
    9.948, outside the range [min g, max g] = {1} of any average.
    """
    total = momentum.weights_total(symbols.t)
    lim = symbols.limit_t_to_infinity(total, symbols.mu_m)
    u50 = float(-feed("momentum", np.ones((50, 1)), lr=1.0).delta[-1, 0])
    predicted = float(total.subs({symbols.t: 50, symbols.mu_m: MU}))
    return Evidence(
        f"u_t's weights sum to (1-mu^t)/(1-mu) -> {float(lim.subs(symbols.mu_m, MU)):.0f}: "
        f"u_50 = {u50:.3f} for g = 1",
        comparisons=[Comparison("run u_50 against the weights' sum", u50, predicted, tol=1e-12)],
        counterexample={"mu": MU, "g": 1.0, "t": 50, "u_t": u50, "any_average_of_g": 1.0}
        if abs(u50 - 1.0) > 1e-9
        else None,
        corrected=r"u_t = \sum_{k=1}^t\mu^{t-k}g_k = \frac{m_t}{1-\mu},\quad"
        r" m_t = \mu m_{t-1} + (1-\mu)g_t \text{ (the EMA)}",
        details={"weights_total": str(total), "limit": str(lim)},
    )


@claim(
    id="001-3b.fix",
    source=SOURCE,
    location=f"{STEP_SIZE} (corrected)",
    statement=r"u_t = \sum_{k=1}^t\mu^{t-k}g_k = \frac{m_t}{1-\mu}",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="momentum buffer = EMA/(1-mu)",
)
def momentum_buffer_scaled_ema() -> Evidence:
    """u_t = m_t/(1-μ) with m_t the EMA of parameter μ (m_0 = 0).

    Symbolic: the identity for t = 1..8 (derivations.momentum.ema_relation).
    Numeric: heavy ball (lr = 1) and EMA-form momentum (numerics sgd form="ema",
    lr = 1/(1-μ)) give the same steps on a random stream to 1e-12.
    """
    relations = momentum.ema_relation(8)
    g = stream()
    hb = feed("momentum", g, lr=1.0).delta
    em = feed("momentum", g, lr=1 / (1 - MU), form="ema").delta
    err = float(np.max(np.abs(hb - em)) / np.max(np.abs(hb)))
    return Evidence(
        f"u_t = m_t/(1-mu) (t = 1..8); heavy ball = EMA momentum at lr/(1-mu) ({err:.1e})",
        proofs=[reduces_to_zero("cancel(u_t - m_t/(1-mu)) = 0, t = 1..8", relations, sp.cancel)],
        comparisons=[Comparison("heavy ball against EMA form (relative)", error=err, tol=1e-12)],
    )


@claim(
    id="001-4a",
    source=SOURCE,
    location=SCALING,
    inventory="001-4",
    statement=r"g_t\mapsto cg_t:\ \hat m_t\mapsto c\hat m_t,\ \hat v_t\mapsto c^2\hat v_t",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="moments under scaling",
)
def moments_under_scaling() -> Evidence:
    """g ↦ cg gives m̂_t ↦ c m̂_t and v̂_t ↦ c² v̂_t (exactly, every t).

    Symbolic: for t = 1..4 the scaled unrolled moments minus c·m̂, c²·v̂ are 0
    (derivations.adam.scaled_adam_steps). Numeric: the states of runs on g and
    -3.7 g agree to 1e-9 (relative; m̂ can pass near 0).
    """
    s, sc = adam.adam_steps(4), adam.scaled_adam_steps(4)
    m_ok = all(sp.expand(a - symbols.c * b) == 0 for a, b in zip(sc.m_hat, s.m_hat, strict=True))
    v_ok = all(sp.expand(a - symbols.c**2 * b) == 0 for a, b in zip(sc.v_hat, s.v_hat, strict=True))
    g = stream()
    h1, hc = feed("adam", g, lr=0.01), feed("adam", -3.7 * g, lr=0.01)
    m1, mc = h1.states["m_hat"], hc.states["m_hat"]
    v1, vc = h1.states["v_hat"], hc.states["v_hat"]
    e1 = float(np.max(np.abs(mc + 3.7 * m1) / (3.7 * np.abs(m1) + 1e-300)))
    e2 = float(np.max(np.abs(vc - 3.7**2 * v1) / (3.7**2 * v1)))
    return Evidence(
        f"m_hat -> c m_hat, v_hat -> c^2 v_hat (t = 1..4 symbolic; run error {max(e1, e2):.1e})",
        proofs=[
            Proof("expand(m_hat_t(cg) - c m_hat_t(g)) = 0, t = 1..4", m_ok),
            Proof("expand(v_hat_t(cg) - c^2 v_hat_t(g)) = 0, t = 1..4", v_ok),
        ],
        comparisons=[
            Comparison("m_hat(-3.7 g) against -3.7 m_hat(g) (relative)", error=e1, tol=1e-9),
            Comparison("v_hat(-3.7 g) against 3.7^2 v_hat(g) (relative)", error=e2, tol=1e-9),
        ],
    )


@claim(
    id="001-4b",
    source=SOURCE,
    location=SCALING,
    inventory="001-4",
    statement=r"\frac{\hat m_t}{\sqrt{\hat v_t}} \mapsto \frac{c\hat m_t}{c\sqrt{\hat v_t}} ="
    r" \frac{\hat m_t}{\sqrt{\hat v_t}}\ (c>0),\ \text{direction flips for } c<0",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="Adam's ratio is scale invariant",
    figure="gradient_scale",
)
def ratio_scale_invariant() -> Evidence:
    """At ε = 0, m̂/√v̂ ↦ sign(c) m̂/√v̂: invariant for c > 0, flipped for c < 0.

    Symbolic: scaling_factor(eps=0) = c/|c|. Numeric: ε = 0 runs on g, 1000 g and
    -0.001 g take the same steps up to the sign, to 1e-12 — for the whole
    trajectory (the step depends on the gradients only through m̂/√v̂).
    """
    factor = adam.scaling_factor(eps=0)
    g = stream()
    errs = {}
    for c in (1000.0, -0.001):
        d1, dc = _scaled_steps(c, 0.0, g)
        errs[str(c)] = float(np.max(np.abs(dc - math.copysign(1, c) * d1)) / 0.01)
    return Evidence(
        "eps = 0: steps with c g equal sign(c) x steps with g",
        proofs=[
            Proof(
                "scaling_factor(eps = 0) = c/|c|",
                sp.simplify(factor - symbols.c / sp.Abs(symbols.c)) == 0,
            )
        ],
        comparisons=[
            Comparison(f"steps(c g) against sign(c) steps(g), c = {c}", error=e, tol=1e-12)
            for c, e in errs.items()
        ],
        details={"scaling_factor_eps0": str(factor)},
    )


def _scaling_factor_at(c: float, v_hat: float, eps: float) -> float:
    vh = sp.Symbol("vhat", nonnegative=True)
    f = adam.scaling_factor(v_hat=vh)
    return float(f.subs({vh: v_hat, symbols.c: c, symbols.eps: eps}))


@claim(
    id="001-5a",
    source=SOURCE,
    location=SCALING,
    inventory="001-5",
    statement=r"\varepsilon > 0:\ \text{scale-invariance is slightly broken}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONDITIONAL,
    title="epsilon breaks invariance slightly",
    figure="gradient_scale",
)
def epsilon_breaks_invariance() -> Evidence:
    """ "With ε > 0 scale invariance is slightly broken": slight only when ε ≪ √v̂.

    step(cg)/step(g) = c(√v̂+ε)/(|c|√v̂+ε) (derivations.adam.scaling_factor), which
    differs from sign(c) by ε(|c|-1)/(|c|√v̂+ε). In the regime the source itself
    describes (v̂ small, √v̂+ε ≈ ε) the break is total: with gradients of size 1e-10 =
    ε/100 and c = 100 the run's steps grow by 50.5x instead of staying equal; at
    |g| = 1e-2 they stay equal to 1e-5. The counterexample is the run whose ratio
    is more than 1% from 1.
    """
    ratios = {}
    for gval in (1e-10, 1e-2):
        d1, dc = _scaled_steps(100.0, EPS, np.full((50, 1), gval))
        ratios[gval] = float(dc[-1, 0] / d1[-1, 0])
    small, large = ratios[1e-10], ratios[1e-2]
    return Evidence(
        f"c = 100: steps x{small:.1f} at |g| = eps/100, x{large:.7f} at |g| = 1e-2",
        comparisons=[
            Comparison(
                f"run ratio at |g| = {gv:g} against scaling_factor",
                r,
                _scaling_factor_at(100.0, gv * gv, EPS),
                tol=1e-6 * abs(r),
            )
            for gv, r in ratios.items()
        ],
        counterexample={"g": 1e-10, "eps": EPS, "c": 100.0, "step_ratio": small, "claimed": 1.0}
        if abs(small - 1) > 0.01
        else None,
        condition=r"\varepsilon(|c|-1) \ll |c|\sqrt{\hat v_t}+\varepsilon"
        r" \text{ (gradients much larger than } \varepsilon)"
        if abs(large - 1) < 1e-4
        else None,
        details={"ratio_g_1e-10": small, "ratio_g_1e-2": large},
    )


@claim(
    id="001-5b",
    source=SOURCE,
    location=SCALING,
    inventory="001-5",
    statement=r"\sqrt{\hat v_t}+\varepsilon\approx\varepsilon"
    r" \Rightarrow \text{step} \propto c\hat m_t",
    kind=Kind.LIMIT,
    expected=Verdict.APPROXIMATE,
    title="tiny v_hat: step proportional to c",
)
def tiny_v_hat_step_proportional() -> Evidence:
    """When √v̂ ≪ ε the step is ≈ α c m̂/ε, ∝ c: the limit v̂ → 0 of scaling_factor is c
    (SymPy). Error: relative |c|√v̂/ε. Run: gradients 1e-12 (√v̂ = 1e-12 ≪ ε = 1e-8),
    c = 10: steps grow 9.991x (scaling_factor at these values: 9.991)."""
    vh = sp.Symbol("vhat", nonnegative=True)
    lim = sp.limit(adam.scaling_factor(v_hat=vh), vh, 0)
    d1, dc = _scaled_steps(10.0, EPS, np.full((50, 1), 1e-12))
    ratio = float(dc[-1, 0] / d1[-1, 0])
    predicted = _scaling_factor_at(10.0, 1e-24, EPS)
    return Evidence(
        f"limit v_hat -> 0 of the scaling factor is c; run at sqrt(v_hat) = 1e-4 eps: x{ratio:.4f}",
        proofs=[Proof("lim_{v_hat -> 0} scaling_factor = c", sp.simplify(lim - symbols.c) == 0)],
        comparisons=[Comparison("run ratio against scaling_factor", ratio, predicted, tol=1e-6)],
        approximation=Approximation(
            "\\sqrt{\\hat v_t} \\ll \\varepsilon",
            abs(ratio / 10.0 - 1),
            {"c": 10.0, "g": 1e-12, "eps": EPS, "relative_error": "about |c| sqrt(v_hat)/eps"},
        ),
        details={"limit": str(lim)},
    )
