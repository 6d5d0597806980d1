r"""RMSprop on the slides: the update as printed and as meant, its coefficients, the slide
against the listing, and how its rate compares with AdaGrad's (claims 004-3a … 004-4c)."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
from adaproof.derivations import ema, rmsprop, symbols
from adaproof.numerics.run import feed, minimize
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import decide, decided, interval, relative
from adaproof.reports.claims.seed_004._shared import SOURCE, adagrad_neuron, data, point_grad

beta = symbols.beta


@claim(
    id="004-3a",
    source=SOURCE,
    location="RMS Prop, update rule",
    inventory="004-3",
    statement=r"v_t = \beta v_t + (1-\beta)\nabla w_t^2",
    kind=Kind.ALGORITHM,
    expected=Verdict.REFUTED,
    title="RMSprop update as printed",
    corrected_by="004-3a.fix",
)
def rmsprop_update_as_printed() -> Evidence:
    """The RMSprop update as printed, v_t = βv_t + (1-β)∇w_t², is an equation in v_t whose
    solution is v_t = ∇w_t²: no memory at all (SymPy solves it).

    Counterexample (when the printed rule's value differs from the run): β = 0.9,
    gradients 1 then 0.1: the printed rule gives v = 0.01 at the second step, RMSprop's
    recursion 0.091 (numerics run). The later slides print the recursion correctly.
    """
    v, gg = sp.Symbol("v_t"), sp.Symbol("g", real=True)
    sol = sp.solve(sp.Eq(v, beta * v + (1 - beta) * gg**2), v)
    printed_v2 = float(sol[0].subs(gg, 0.1)) if len(sol) == 1 else float("nan")
    v2 = float(feed("rmsprop", np.array([[1.0], [0.1]]), rho=0.9, lr=0.1).states["v"][1, 0])
    recursion = float(rmsprop.rmsprop_v_unrolled(2, sp.Rational(9, 10), [1, sp.Rational(1, 10)])[1])
    return Evidence(
        f"printed rule solves to v_t = g_t^2 ({printed_v2:g}); the recursion gives {v2:.3f}",
        comparisons=[
            Comparison("run v_2 against the unrolled recursion", v2, recursion, tol=1e-15)
        ],
        counterexample={
            "beta": 0.9,
            "gradients": [1.0, 0.1],
            "printed_v2": printed_v2,
            "recursion_v2": v2,
        }
        if not abs(printed_v2 - v2) <= 1e-12
        else None,
        corrected=r"v_t = \beta v_{t-1} + (1-\beta)\nabla w_t^2",
        details={"solution_of_printed_equation": str(sol)},
    )


@claim(
    id="004-3a.fix",
    source=SOURCE,
    location="RMS Prop, update rule (as on the later slides)",
    inventory="004-3",
    statement=r"v_t = \beta v_{t-1} + (1-\beta)\nabla w_t^2",
    kind=Kind.ALGORITHM,
    expected=Verdict.PROVED,
    title="RMSprop recursion",
)
def rmsprop_recursion() -> Evidence:
    """v_t = βv_{t-1} + (1-β)∇w_t²: derivations.rmsprop.rmsprop_v_unrolled equals the EMA
    unrolled (t = 1..5) and the numerics RMSprop accumulator follows the recursion
    on a random stream to 1e-13."""
    un = rmsprop.rmsprop_v_unrolled(5, symbols.rho)
    em = ema.ema_unrolled([x**2 for x in symbols.grads(5)], symbols.rho)
    g = np.random.default_rng(404).normal(size=(100, 3))
    run = feed("rmsprop", g, rho=0.9, lr=0.1).states["v"]
    want, vv = np.empty_like(g), np.zeros(3)
    for t in range(g.shape[0]):
        vv = 0.9 * vv + 0.1 * g[t] ** 2
        want[t] = vv
    err = float(np.max(np.abs(run - want) / want))
    return Evidence(
        f"recursion (run error {err:.1e})",
        proofs=[
            Proof(
                "expand(rmsprop_v_unrolled - EMA of g^2) = 0, t = 1..5",
                all(sp.expand(a - b) == 0 for a, b in zip(un, em, strict=True)),
            )
        ],
        comparisons=[
            Comparison("numerics RMSprop against the printed recursion", error=err, tol=1e-13)
        ],
    )


@claim(
    id="004-3b",
    source=SOURCE,
    location="RMS Prop, beta = 0.9",
    inventory="004-3",
    statement=r"v_0 = 0.1\nabla b_0^2,\ v_1 = 0.09\nabla b_0^2 + 0.1\nabla b_1^2,"
    r"\ v_2 = 0.081\nabla"
    r" b_0^2 + 0.09\nabla b_1^2 + 0.1\nabla b_2^2",
    kind=Kind.VALUE,
    expected=Verdict.PROVED,
    title="RMSprop coefficients",
)
def rmsprop_coefficients() -> Evidence:
    """β = 0.9: v_0 = 0.1∇b_0², v_1 = 0.09∇b_0² + 0.1∇b_1², v_2 = 0.081∇b_0² + 0.09∇b_1²
    + 0.1∇b_2² — the recursion from v_{-1} = 0, exact in rationals (SymPy) and the
    coefficients read off three unit-impulse runs of numerics RMSprop."""
    gs = symbols.grads(3)
    un = rmsprop.rmsprop_v_unrolled(3, sp.Rational(9, 10), gs)
    tenth, c9, c81 = sp.Rational(1, 10), sp.Rational(9, 100), sp.Rational(81, 1000)
    printed = [
        tenth * gs[0] ** 2,
        c9 * gs[0] ** 2 + tenth * gs[1] ** 2,
        c81 * gs[0] ** 2 + c9 * gs[1] ** 2 + tenth * gs[2] ** 2,
    ]
    coef = feed("rmsprop", np.eye(3), rho=0.9, lr=0.1).states["v"]  # column k: impulse at k
    want = np.array([[0.1, 0, 0], [0.09, 0.1, 0], [0.081, 0.09, 0.1]])
    return Evidence(
        "coefficients 0.1; 0.09, 0.1; 0.081, 0.09, 0.1",
        proofs=[
            Proof(
                "expand(unrolled v_t - printed) = 0, t = 0, 1, 2",
                all(sp.expand(a - b) == 0 for a, b in zip(un, printed, strict=True)),
            )
        ],
        comparisons=[
            Comparison(
                "impulse responses against the printed coefficients",
                error=float(np.max(np.abs(coef - want))),
                tol=1e-15,
            )
        ],
        details={"impulse_response": coef.tolist()},
    )


@claim(
    id="004-3c",
    source=SOURCE,
    location="RMS Prop, unrolled",
    inventory="004-3",
    statement=r"v_t = (1-\beta)\sum_{z=0}^t\beta^{t-z}\nabla b_z^2",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="RMSprop accumulator unrolled",
)
def rmsprop_unrolled() -> Evidence:
    """v_t = (1-β)Σ_{z=0}^t β^{t-z}∇b_z²: consistent with v_0 = 0.1∇b_0² (0-based index,
    v_{-1} = 0). SymPy: the sum equals the unrolled recursion for t = 0..5; numeric:
    random stream, relative error < 1e-13."""
    gs = symbols.grads(6)
    un = rmsprop.rmsprop_v_unrolled(6, beta, gs)
    ok = all(
        sp.expand(un[t] - (1 - beta) * sum(beta ** (t - z) * gs[z] ** 2 for z in range(t + 1))) == 0
        for t in range(6)
    )
    g = np.random.default_rng(405).normal(size=(60, 2))
    run = feed("rmsprop", g, rho=0.9, lr=0.1).states["v"]
    idx = np.arange(60)
    formula = np.array(
        [
            0.1 * np.sum(0.9 ** (t - idx[: t + 1])[:, None] * g[: t + 1] ** 2, axis=0)
            for t in range(60)
        ]
    )
    err = float(np.max(np.abs(run - formula) / formula))
    return Evidence(
        f"sum = recursion for t = 0..5; run error {err:.1e}",
        proofs=[Proof("expand(unrolled - printed sum) = 0, t = 0..5", ok)],
        comparisons=[Comparison("numerics RMSprop against the printed sum", error=err, tol=1e-13)],
    )


@claim(
    id="004-3e",
    source=SOURCE,
    location="RMS Prop, update rule vs code listing (eps = 1e-4)",
    statement=r"\frac{\eta}{\sqrt{v_t+\epsilon}}\nabla w_t \ \text{(slide)} \ \text{vs}\ "
    r"\texttt{eta*dw/(np.sqrt(v\_w)+eps)} \ \text{(listing)}",
    kind=Kind.ALGORITHM,
    expected=Verdict.CONDITIONAL,
    title="RMSprop slide vs listing",
)
def rmsprop_slide_vs_listing() -> Evidence:
    """The RMSprop slide's η/√(v_t+ε) and its listing's η/(√v+ε) (ε = 1e-4) agree only when
    v ≫ ε (then both ≈ η/√v); below they differ by up to √ε/ε = 100x.

    Symbolic: the ratio √(v+ε)/(√v+ε) → 1 as v → ∞ and → 1/√ε as v → 0 (SymPy limits).
    Counterexample: gradients of size 1e-3 (v = 1e-6), β = 0.5, ε = 1e-4: the listing's
    rate is 9.1x the slide's (numerics RMSprop, eps_placement "outside" vs "inside").
    """
    vv, e = sp.Symbol("v", positive=True), sp.Symbol("e", positive=True)
    ratio = sp.sqrt(vv + e) / (sp.sqrt(vv) + e)
    hi, lo = sp.limit(ratio, vv, sp.oo), sp.limit(ratio, vv, 0)
    g = np.full((30, 2), 1e-3)
    g[:, 1] = 10.0
    rates = {}
    for place in ("inside", "outside"):
        h = feed("rmsprop", g, rho=0.5, eps=1e-4, lr=0.1, eps_placement=place)
        rates[place] = h.states["lr_eff"][-1]
    small = float(rates["outside"][0] / rates["inside"][0])
    large = float(rates["outside"][1] / rates["inside"][1])
    predicted = [float(ratio.subs({vv: x * x, e: 1e-4})) for x in (1e-3, 10.0)]
    return Evidence(
        f"listing/slide rate: x{small:.2f} at |g| = 1e-3, x{large:.6f} at |g| = 10",
        proofs=[
            Proof("lim_{v -> oo} sqrt(v+eps)/(sqrt(v)+eps) = 1", hi == 1),
            Proof(
                "lim_{v -> 0} sqrt(v+eps)/(sqrt(v)+eps) = 1/sqrt(eps)",
                sp.simplify(lo - 1 / sp.sqrt(e)) == 0,
            ),
        ],
        comparisons=[
            relative(f"run rate ratio at |g| = {x:g} against the derived ratio", r, p, 1e-9)
            for x, r, p in ((1e-3, small, predicted[0]), (10.0, large, predicted[1]))
        ],
        counterexample={"g": 1e-3, "beta": 0.5, "eps": 1e-4, "listing_over_slide": small}
        if abs(small - 1) > 0.01
        else None,
        condition=r"v_t \gg \epsilon",
        details={
            "ratio": str(ratio),
            "rates_inside": rates["inside"].tolist(),
            "rates_outside": rates["outside"].tolist(),
        },
    )


@claim(
    id="004-3d",
    source=SOURCE,
    location="RMS Prop",
    inventory="004-3",
    statement=r"\therefore \frac{\eta}{\sqrt{v_t+\epsilon}} \text{ decays slowly for } b",
    kind=Kind.QUALITATIVE,
    expected=Verdict.PROVED,
    title="RMSprop rate does not vanish",
)
def rmsprop_rate_does_not_vanish() -> Evidence:
    """ "η/√(v_t+ε) decays slowly for b" (RMSprop): it does not decay to zero at all —
    v_t is a convex combination of v_{t-1} and g², so v_t ≤ max g² and the rate stays
    ≥ η/√(max g² + ε) (decided). Numeric: RMSprop (β = 0.9, ε inside the root) on the
    sparse neuron data for 20 epochs: the rate for b (numerics' lr_eff) never drops
    below that bound and ends at 3.9, AdaGrad's at 0.025."""
    p, q, M = (sp.Symbol(n, nonnegative=True) for n in ("p", "q", "M"))
    d = decided(
        decide(beta * (M - p) + (1 - beta) * (M - q), "<=", M, {beta: interval(0, 1)}),
        "beta(M - p) + (1-beta)(M - q) <= M: v_t <= max g^2",
    )
    x, _ = data()
    steps = 20 * x.size
    kw = {"lr": 0.1, "rho": 0.9, "eps": 1e-8, "eps_placement": "inside"}
    tr = minimize("rmsprop", point_grad, np.array([-2.0, -2.0]), steps, **kw)
    gs = np.array([point_grad(tr.x[t], t + 1) for t in range(steps)])
    rates = feed("rmsprop", gs, **kw).states["lr_eff"]
    bound = 0.1 / math.sqrt(float(np.max(gs[:, 1] ** 2)) + 1e-8)
    ada = float(adagrad_neuron()["rate_b"][-1])
    return Evidence(
        f"rate for b stays >= {bound:.3f}; final {rates[-1, 1]:.3f} vs AdaGrad {ada:.3f}",
        proofs=d.proofs,
        comparisons=[
            *d.comparisons,
            relative(
                "smallest RMSprop rate for b against eta/sqrt(max g^2 + eps)",
                float(rates[:, 1].min()),
                bound,
                1e-12,
                mode="lower",
            ),
        ],
        counterexample=d.counterexample,
        details={
            "decide": d.method,
            "final_rate_b": float(rates[-1, 1]),
            "adagrad_final_rate_b": ada,
        },
    )


@claim(
    id="004-4a",
    source=SOURCE,
    location="AdaGrad vs RMSProp",
    inventory="004-4",
    statement=r"\text{In AdaGrad the learning rate monotonically decreases}",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="AdaGrad's rate is monotone",
)
def adagrad_rate_monotone() -> Evidence:
    """AdaGrad's learning rate decreases monotonically: v_t - v_{t-1} = ∇w_t² ≥ 0
    (decided), so η/(√v_t+ε) never increases; the neuron run confirms (no increase
    in 2000 steps, w and b)."""
    d = decided(decide(symbols.g**2, ">=", sp.Integer(0)), "v_t - v_{t-1} = g^2 >= 0")
    r = adagrad_neuron()
    inc = int(np.sum(np.diff(r["rate_w"]) > 0) + np.sum(np.diff(r["rate_b"]) > 0))
    return Evidence(
        "AdaGrad's rates never increase",
        proofs=d.proofs,
        comparisons=[*d.comparisons, Comparison("increases of the rate in the run", inc, 0, tol=0)],
        counterexample=d.counterexample,
        details={"decide": d.method, "steps": int(r["rate_w"].size)},
    )


@claim(
    id="004-4b",
    source=SOURCE,
    location="AdaGrad vs RMSProp",
    inventory="004-4",
    statement=r"\text{In RMSProp the learning rate may increase, decrease or remain constant}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.PROVED,
    title="RMSprop's rate moves both ways",
)
def rmsprop_rate_both_ways() -> Evidence:
    """RMSprop's rate may increase, decrease or remain constant:
    v_t - v_{t-1} = (1-β)(g_t² - v_{t-1}) has either sign or is 0 (identity, expand).
    Run (β = 0.9): gradients 1 (rate falls), then 0.1 (rate rises), then a constant
    gradient equal to √v (rate constant to 1e-15)."""
    gg, vv = sp.Symbol("g", real=True), sp.Symbol("v", nonnegative=True)
    identity = sp.expand(beta * vv + (1 - beta) * gg**2 - vv - (1 - beta) * (gg**2 - vv)) == 0
    g = np.r_[np.ones(10), np.full(30, 0.1)]
    lr = feed("rmsprop", g[:, None], rho=0.9, lr=0.1, eps=0.0).states["lr_eff"][:, 0]
    hold = feed(
        "rmsprop", np.full((20, 1), 0.5), rho=0.9, lr=0.1, eps=0.0, initial_accumulator_value=0.25
    ).states["lr_eff"][:, 0]
    return Evidence(
        "rate falls (g = 1), rises (g = 0.1), stays (g^2 = v)",
        proofs=[Proof("v_t - v_{t-1} = (1-beta)(g_t^2 - v_{t-1})", identity)],
        comparisons=[
            Comparison("rate increases while g = 1", int(np.sum(np.diff(lr[:10]) >= 0)), 0, tol=0),
            Comparison(
                "rate decreases while g = 0.1", int(np.sum(np.diff(lr[10:]) <= 0)), 0, tol=0
            ),
            Comparison("spread of the rate while g^2 = v", float(np.ptp(hold)), 0.0, tol=1e-15),
        ],
        details={"rate_after_g1": float(lr[9]), "rate_after_g0.1": float(lr[-1])},
    )


@claim(
    id="004-4c",
    source=SOURCE,
    location="RMS Prop, oscillations",
    inventory="004-4",
    statement=r"\text{RMSProp: the learning rate remains constant,"
    r" so the algorithm oscillates around"
    r" the minimum}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONFIRMED,
    title="RMSprop oscillates",
)
def rmsprop_oscillates() -> Evidence:
    """RMSprop oscillates around the minimum because its rate stops decaying.

    Quantitative reading: f(x) = x² with the RMSprop listing's η = 0.1, β = 0.5,
    ε = 1e-4 (outside the root), x₀ = 1, 1000 steps: RMSprop ends in a 2-cycle
    ±0.04995 (≈ η/2: the step η g/(√v+ε) ≈ η once v tracks g²), its rate at the
    end is ≈ 1 = η/|g|, grown not decayed; AdaGrad (same η) reaches |x| < 1e-10.
    """
    tr = minimize("rmsprop", lambda x, t: 2 * x, np.array(1.0), 1000, lr=0.1, rho=0.5, eps=1e-4)
    ta = minimize("adagrad", lambda x, t: 2 * x, np.array(1.0), 1000, lr=0.1, eps=1e-8)
    tail = tr.x[-20:]
    same_sign = int(np.sum(np.sign(tail[1:]) == np.sign(tail[:-1])))
    amp = float(np.mean(np.abs(tail)))
    return Evidence(
        f"RMSprop: 2-cycle of amplitude {amp:.5f} (eta/2 = 0.05); AdaGrad: |x| = "
        f"{abs(float(ta.x[-1])):.1e}",
        comparisons=[
            Comparison("RMSprop's last 20 iterates not alternating in sign", same_sign, 0, tol=0),
            Comparison("RMSprop's amplitude against eta/2", amp, 0.05, tol=0.002),
            Comparison("AdaGrad's |x| after 1000 steps", abs(float(ta.x[-1])), 1e-10, mode="upper"),
        ],
        details={
            "rmsprop_last": tail[-4:].tolist(),
            "adagrad_last": float(ta.x[-1]),
            "steps": 1000,
        },
    )
