r"""AdaGrad and RMSprop sections of the page: does the effective learning rate die?"""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp
from adaproof.derivations import symbols
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import decide, supporting
from adaproof.reports.claims.seed_003 import SOURCE
from adaproof.reports.claims.seed_003._shared import (
    adagrad_history,
    example1,
    rmsprop_history,
    rmsprop_minimize,
)

ADAGRAD = "AdaGrad (Duchi et al., 2011)"
RMSPROP = "RMSprop (Tieleman & Hinton, 2012)"
_rho = symbols.rho


@claim(
    id="003-1a",
    source=SOURCE,
    location=ADAGRAD + ", critical limitation",
    inventory="003-1",
    statement=r"G_k = G_{k-1} + \nabla f(\mathbf{x}_k)\odot\nabla f(\mathbf{x}_k)"
    r" \text{ grows monotonically and never decreases}",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="AdaGrad's accumulator is monotone",
)
def accumulator_monotone() -> Evidence:
    """AdaGrad's G_k grows monotonically: G_k - G_{k-1} = g_k^2 >= 0.

    Symbolic: decided. Numeric: AdaGrad's accumulator along runs on random
    streams never decreases.
    """
    d = decide(symbols.g**2, ">=", sp.Integer(0))
    rng = np.random.default_rng(40)
    g = rng.normal(size=(16, 300)) * np.exp(rng.normal(size=(16, 300)))
    drops = int(np.sum(np.diff(adagrad_history(g), axis=-1) < 0))
    return Evidence(
        "G_k never decreases",
        proofs=[Proof(f"g^2 >= 0 ({d.method})", d.verdict == "true")],
        comparisons=[Comparison("decreases of G_k along 16 runs of 300 steps", drops, 0)],
    )


@claim(
    id="003-1b",
    source=SOURCE,
    location=ADAGRAD + ", critical limitation",
    inventory="003-1",
    statement=r"\text{effective learning rate } \frac{\eta}{\sqrt{G_k+\epsilon}} \text{ shrinks to"
    r" zero}",
    kind=Kind.LIMIT,
    expected=Verdict.CONDITIONAL,
    title="AdaGrad's rate shrinks to zero",
)
def rate_shrinks_to_zero() -> Evidence:
    """ "Effective learning rate shrinks to zero": only when sum g_k^2 diverges.

    eta/sqrt(G_k + eps) -> 0 iff G_k -> oo (SymPy's limit). When AdaGrad converges
    fast the gradients are square-summable and the rate stays positive: Example 1's
    problem (f = 10x^2, x0 = 5, eta = 0.5) run for 2000 steps is a counterexample when
    its rate no longer changes (steps 1000 and 2000 equal to 1e-12) and stays above 1e-3.
    """
    x, G = example1(2000)
    r1000, r2000 = 0.5 / math.sqrt(G[999]), 0.5 / math.sqrt(G[1999])
    gg = sp.Symbol("G", positive=True)
    lim = sp.limit(sp.Rational(1, 2) / sp.sqrt(gg), gg, sp.oo)
    counterexample = None
    if abs(r2000 / r1000 - 1) < 1e-12 and r2000 > 1e-3:
        counterexample = {
            "f": "10 x^2",
            "x0": 5.0,
            "eta": 0.5,
            "eps": 0.0,
            "steps": 2000,
            "G_final": float(G[-1]),
            "effective_rate": r2000,
        }
    return Evidence(
        f"converging run: effective rate stays {r2000:.5f} (G -> {G[-1]:.4g})",
        proofs=[Proof(f"lim_(G -> oo) eta/sqrt(G) = {lim}", lim == 0)],
        counterexample=counterexample,
        condition=r"\sum_k g_k^2 = \infty \text{ (gradients that do not vanish, e.g."
        r" persistent noise)}",
        details={"rate_1000": r1000, "rate_2000": r2000, "x_2000": float(x[-1])},
    )


@functools.cache
def _displacements(n: int) -> dict:
    """AdaGrad (eta = 0.1, eps = 0) on 2n constant gradients and on 2n random signs (one
    batched, blocked run): movement over the first n and the next n steps."""
    eta = 0.1
    signs = np.random.default_rng(44).choice([-1.0, 1.0], size=2 * n)
    g = np.stack([np.ones(2 * n), signs])
    _, delta = simulate.adagrad(g, lr=eta, eps=0.0)
    steps = np.abs(delta)
    k = np.arange(1, 2 * n + 1)
    first, second = float(np.sum(steps[0, :n])), float(np.sum(steps[0, n:]))
    return {
        "first": first,
        "second": second,
        "ratio_linear": second / first,
        "ratio_random_signs_abs_steps": float(np.sum(steps[1, n:]) / np.sum(steps[1, :n])),
        "step_10000_over_first": float(steps[0, n - 1] / steps[0, 0]),
        "step_error": float(np.max(np.abs(steps / (eta / np.sqrt(k)) - 1))),
    }


@claim(
    id="003-1c",
    source=SOURCE,
    location="Pitfall 1",
    inventory="003-1",
    statement=r"\text{AdaGrad: after} \sim 10{,}000+ \text{ iterations, parameters stop updating}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.REFUTED,
    title="AdaGrad stops updating",
    corrected_by="003-1c.fix",
    figure="long_run_quadratic",
)
def adagrad_stops_updating() -> Evidence:
    """ "After ~10,000+ iterations, parameters stop updating" — they keep moving.

    Quantitative reading: the movement over iterations 10^4..2*10^4 compared
    with the first 10^4. AdaGrad on a stream of constant-magnitude gradients
    (f(x) = x, and random ±1) takes step eta/sqrt(k): a counterexample when it moves
    more than 40% as far in the second 10^4 steps as in the first (it moves 41%, and the
    total grows like 2 eta sqrt(k) without bound).
    """
    moved = _displacements(10_000)
    counterexample = None
    if moved["ratio_linear"] > 0.4:
        counterexample = {
            "f": "x",
            "eta": 0.1,
            "eps": 0.0,
            "moved_first_1e4": moved["first"],
            "moved_next_1e4": moved["second"],
        }
    return Evidence(
        f"moves {moved['ratio_linear']:.1%} as far in steps 1e4..2e4 as in the first 1e4",
        comparisons=[
            Comparison(
                "AdaGrad's steps vs eta/sqrt(k) (relative)", error=moved["step_error"], tol=1e-12
            )
        ],
        counterexample=counterexample,
        corrected=r"|g_k| \equiv g:\ |\Delta x_k| = \eta/\sqrt{k},\ "
        r"\sum_{k=n+1}^{2n}\eta/\sqrt{k} \ge 2\eta(\sqrt{2n+1}-\sqrt{n+1})",
        details=moved,
    )


@claim(
    id="003-1c.fix",
    source=SOURCE,
    location="Pitfall 1 (corrected)",
    inventory="003-1",
    statement=r"|g_k| \equiv g:\ |\Delta x_k| = \frac{\eta}{\sqrt{k}},\ \sum_{k=n+1}^{2n}"
    r"\frac{\eta}{\sqrt{k}} \ge 2\eta(\sqrt{2n+1}-\sqrt{n+1})",
    kind=Kind.INEQUALITY,
    expected=Verdict.CONFIRMED,
    title="AdaGrad slows like 1/sqrt(k) but keeps moving",
    figure="long_run_quadratic",
)
def adagrad_keeps_moving() -> Evidence:
    """With |g_k| = g constant, AdaGrad's k-th step is eta/sqrt(k) (eps = 0), and the
    movement over steps n+1..2n is at least 2 eta (sqrt(2n+1) - sqrt(n+1)).

    Lemmas (SymPy): eta g/sqrt(k g^2) = eta/sqrt(k); 1/sqrt(k) >= 2(sqrt(k+1) -
    sqrt(k)) (decided). Summing and telescoping is not formalised, so the bound rests
    on the run: the simulated steps equal eta/sqrt(k) to 1e-12 and the movement
    82.83 eta beats the bound 82.82 eta (n = 10^4).
    """
    kk = sp.Symbol("k", positive=True)
    gp = sp.Symbol("g", positive=True)  # |g|: the step's magnitude
    step = sp.simplify(symbols.alpha * gp / sp.sqrt(kk * gp**2) - symbols.alpha / sp.sqrt(kk))
    d = decide(1 / sp.sqrt(kk), ">=", 2 * (sp.sqrt(kk + 1) - sp.sqrt(kk)))
    moved = _displacements(10_000)
    bound = 2 * 0.1 * (math.sqrt(20_001) - math.sqrt(10_001))
    return Evidence(
        f"movement {moved['second']:.3f} >= bound {bound:.3f} (eta = 0.1)",
        proofs=supporting(
            {
                "eta g/sqrt(k g^2) = eta/sqrt(k)": step == 0,
                f"1/sqrt(k) >= 2(sqrt(k+1) - sqrt(k)) ({d.method})": d.verdict == "true",
            }
        ),
        comparisons=[
            Comparison(
                "AdaGrad's steps vs eta/sqrt(k) (relative)", error=moved["step_error"], tol=1e-12
            ),
            Comparison(
                "movement over steps 1e4+1..2e4 vs the bound", moved["second"], bound, mode="lower"
            ),
        ],
    )


@claim(
    id="003-2a",
    source=SOURCE,
    location=RMSPROP + ", key property",
    inventory="003-2",
    statement=r"G_k = \rho G_{k-1} + (1-\rho)\nabla f\odot\nabla f \text{ can go up AND down}",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="RMSprop's accumulator goes up and down",
)
def rmsprop_up_and_down() -> Evidence:
    """RMSprop's G_k can go up and down: G_k - G_{k-1} = (1-rho)(g_k^2 - G_{k-1}).

    Symbolic: the identity (expand). Numeric: RMSprop on gradients 1 (20 steps)
    then 0.1 (20 steps): G rises, then falls.
    """
    gg, gp = sp.Symbol("g", real=True), sp.Symbol("G", nonnegative=True)
    ok = sp.expand(_rho * gp + (1 - _rho) * gg**2 - gp - (1 - _rho) * (gg**2 - gp)) == 0
    G = rmsprop_history(np.r_[np.ones(20), np.full(20, 0.1)][None, :], rho=0.9)[0]
    return Evidence(
        "G_k rises while g^2 > G and falls after",
        proofs=[Proof("expand(G_k - G_(k-1) - (1-rho)(g_k^2 - G_(k-1))) = 0", ok)],
        comparisons=[
            Comparison("steps 2..20 where G did not rise", int(np.sum(np.diff(G[:20]) <= 0)), 0),
            Comparison("steps 22..40 where G did not fall", int(np.sum(np.diff(G[20:]) >= 0)), 0),
        ],
        details={"G_20": float(G[19]), "G_40": float(G[-1])},
    )


@claim(
    id="003-2b",
    source=SOURCE,
    location=RMSPROP + ", key property",
    inventory="003-2",
    statement=r"\text{RMSprop does not stop learning}",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="RMSprop's rate is bounded below",
    figure="long_run_quadratic",
)
def rmsprop_keeps_learning() -> Evidence:
    """RMSprop does not stop learning: eta/sqrt(G_k+eps) >= eta/sqrt(M + eps) with
    M = max(G_0, sup g^2), because G_k is a convex combination.

    Symbolic: G <= M and g^2 <= M imply rho G + (1-rho) g^2 <= M (decided with
    G = M - p, g^2 = M - q). Numeric: on Example 2 (f = x^2, x0 = 10, eta = 0.1,
    rho = 0.9) the rate after 1000 steps is 0.1/sqrt(G) = 1.0, far above the
    bound 0.1/20 and above AdaGrad's 2.5e-4.
    """
    pp, qq, mm = (sp.Symbol(n, nonnegative=True) for n in ("p", "q", "M"))
    d = decide(_rho * (mm - pp) + (1 - _rho) * (mm - qq), "<=", mm)
    _, G = rmsprop_minimize(lambda v: 2 * v, 10.0, 1000, lr=0.1, rho=0.9, eps=1e-8)
    rate = 0.1 / math.sqrt(G[-1] + 1e-8)
    return Evidence(
        f"RMSprop's rate after 1000 steps: {rate:.3g} >= 0.1/20",
        proofs=[Proof(f"rho (M-p) + (1-rho)(M-q) <= M ({d.method})", d.verdict == "true")],
        comparisons=[
            Comparison(
                "RMSprop's rate after 1000 steps vs eta/sqrt(sup g^2)", rate, 0.1 / 20, mode="lower"
            )
        ],
    )


@claim(
    id="003-15",
    source=SOURCE,
    location=ADAGRAD + ", key property",
    statement=r"\text{large historical gradients} \Rightarrow \text{small effective learning rate"
    r" } \eta/\sqrt{G_k+\epsilon}",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="AdaGrad's rate decreases with G",
)
def rate_decreases_with_history() -> Evidence:
    """AdaGrad's key property: larger historical gradients give a smaller rate.

    d/dG [eta/sqrt(G + eps)] = -eta/(2 (G+eps)^{3/2}) < 0. Numeric: AdaGrad on two
    coordinates with gradient scales 10 and 0.1: the rate of the first is 100 times
    smaller at every step (eps = 1e-8 shifts the ratio by at most 100 eps/(2 G_1) = 5e-5).
    """
    gg = sp.Symbol("G", nonnegative=True)
    deriv = sp.diff(symbols.alpha / sp.sqrt(gg + symbols.eps), gg)
    neg = sp.simplify(deriv + symbols.alpha / (2 * (gg + symbols.eps) ** sp.Rational(3, 2))) == 0
    sgn = np.random.default_rng(45).choice([-1.0, 1.0], size=(2, 200))
    G = adagrad_history(sgn * np.array([[10.0], [0.1]]))
    ratio = np.sqrt(G[0] + 1e-8) / np.sqrt(G[1] + 1e-8)
    return Evidence(
        "rate ratio of the two coordinates is 100 at every step",
        proofs=[Proof(f"d/dG eta/sqrt(G + eps) = {sp.sstr(deriv)} < 0", neg)],
        comparisons=[
            Comparison(
                "rate ratio of the two coordinates vs 100",
                error=float(np.max(np.abs(ratio - 100))),
                tol=1e-4,
            )
        ],
    )
