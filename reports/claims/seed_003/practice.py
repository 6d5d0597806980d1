r"""Practice problems 1-5 of the page: alternating gradients, the EMA window, AdaGrad's rate,
half-lives, AdamW's decoupled decay."""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp
from adaproof.derivations import symbols
from adaproof.derivations.ema import half_life
from adaproof.numerics.run import feed
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Approximation, Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import printed_value, supporting
from adaproof.reports.claims.seed_003 import SOURCE
from adaproof.reports.claims.seed_003._shared import adagrad_history

_b1, _b2 = symbols.beta1, symbols.beta2


@claim(
    id="003-8a",
    source=SOURCE,
    location="Practice 1",
    inventory="003-8",
    statement=r"\pm g:\ \sqrt{\hat v} \approx |g|",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="alternating gradients: sqrt(v_hat)",
    figure="alternating_gradients",
)
def alternating_v_hat() -> Evidence:
    """Alternating +g, -g: sqrt(v_hat) = |g| exactly (v_hat = (1-b2^k) g^2/(1-b2^k))."""
    ok = (
        sp.cancel(
            (1 - _b2) * symbols.geometric_sum(_b2, symbols.t) * symbols.g**2 / (1 - _b2**symbols.t)
            - symbols.g**2
        )
        == 0
    )
    g = np.tile([1.5, -1.5], 100)[None, :]
    v = simulate.ema(g * g, beta=0.999)[0]
    vhat = v / -np.expm1(np.arange(1, 201) * math.log(0.999))
    with np.errstate(invalid="ignore"):  # a broken recursion may go negative: NaN fails below
        err = float(np.max(np.abs(np.sqrt(vhat) / 1.5 - 1)))
    return Evidence(
        "sqrt(v_hat) = |g| at every step",
        proofs=[Proof("cancel((1-b2) sum b2^tau g^2/(1-b2^t) - g^2) = 0", ok)],
        comparisons=[Comparison("sqrt(v_hat)/|g| - 1 over 200 steps", error=err, tol=1e-12)],
    )


@claim(
    id="003-8b",
    source=SOURCE,
    location="Practice 1",
    inventory="003-8",
    statement=r"\pm g:\ \hat m \approx 0,\ \text{effective step} \propto 0/|g| = 0",
    kind=Kind.LIMIT,
    expected=Verdict.APPROXIMATE,
    title="alternating gradients: step ~ 0",
    figure="alternating_gradients",
)
def alternating_step() -> Evidence:
    """ "m_hat ≈ 0 … effective step ≈ 0" for alternating gradients: it is
    (1-beta1)/(1+beta1) = 5.3% of a full step at beta1 = 0.9, alternating in sign.

    Symbolic: m_k/g = (1-b) sum_{tau<k} b^tau (-1)^tau -> (1-b)/(1+b). Numeric:
    Adam on g_k = (-1)^k: |step|/eta at k = 200 is 0.0526 (0.5% at beta1 = 0.99).
    """
    ident = sp.cancel(
        (1 - _b1) * symbols.geometric_sum(-_b1, symbols.t)
        - (1 - _b1) / (1 + _b1)
        + (-1) ** symbols.t * (1 - _b1) * _b1**symbols.t / (1 + _b1)
    )
    tail = symbols.limit_t_to_infinity((1 - _b1) * _b1**symbols.t / (1 + _b1), _b1)
    g = np.tile([1.0, -1.0], 150)[None, :]
    comps, steps = [], {}
    for bv in (0.9, 0.99):
        upd = simulate.adam_updates(g, lr=1.0, beta1=bv, beta2=0.999, eps=0.0)
        steps[bv] = float(abs(upd[0, 199]))
        comps.append(
            Comparison(
                f"|step|/eta at k = 200, beta1 = {bv} vs (1-b)/(1+b)",
                steps[bv],
                (1 - bv) / (1 + bv),
                0.02 * (1 - bv),
                "limit",
            )
        )
    return Evidence(
        f"|step|/eta -> (1-b1)/(1+b1): {steps[0.9]:.4f} at b1 = 0.9",
        proofs=[
            Proof(
                "(1-b) sum (-b)^tau = (1-b)/(1+b) - (-1)^t (1-b) b^t/(1+b), the second term -> 0",
                sp.simplify(ident) == 0 and tail == 0,
            )
        ],
        comparisons=comps,
        approximation=Approximation(r"\beta_1 \to 1", steps[0.9], {"beta1": 0.9, "k": 200}),
    )


def _mean_age_sum_proof() -> Proof:
    x = sp.Symbol("x", positive=True)
    tau = sp.Symbol("tau", integer=True, positive=True)
    bb = 1 / (1 + x)
    s = sp.summation(tau * (1 - bb) * bb ** (tau - 1), (tau, 1, sp.oo))
    return Proof(
        "sum_tau tau (1-b) b^(tau-1) = 1/(1-b) (b = 1/(1+x))", sp.simplify(s - 1 / (1 - bb)) == 0
    )


def _impulse_mean_age(beta: float, n: int) -> tuple[float, np.ndarray]:
    """Mean age of the EMA weights from the impulse response of the recursion (numerics):
    the weight of g_1 at step t is the weight of a gradient of age t."""
    w = simulate.ema(np.r_[1.0, np.zeros(n - 1)][None, :], beta=beta)[0]
    return float(np.sum(np.arange(1, n + 1) * w)), w


@claim(
    id="003-9a",
    source=SOURCE,
    location="Practice 2, Pitfall 2",
    inventory="003-9",
    statement=r"\beta_2 = 0.9999:\ \text{window } 1/(1-0.9999) = 10{,}000;\ 0.999:\ \sim1000",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="EMA window",
    figure="ema_half_life",
)
def ema_window() -> Evidence:
    """beta2 = 0.9999 has an effective window 1/(1-beta2) = 10,000 (0.999: 1000).

    Read as the mean age of the EMA weights: sum_{tau>=1} tau (1-b) b^(tau-1)
    = 1/(1-b) (SymPy, b = 1/(1+x)). Numeric: the impulse response of the real
    EMA recursion (150,000 steps, run as a blocked scan) has mean age 10,000 within 1e-4.
    """
    comps, ages = [], {}
    for bv, n in ((0.9999, 150_000), (0.999, 20_000)):
        ages[bv], _ = _impulse_mean_age(bv, n)
        comps.append(
            Comparison(f"mean age (1-b) at b = {bv} vs 1", ages[bv] * (1 - bv), 1.0, 1e-4, "limit")
        )
    return Evidence(
        f"mean age {ages[0.9999]:.1f} at 0.9999, {ages[0.999]:.1f} at 0.999",
        proofs=[_mean_age_sum_proof()],
        comparisons=comps,
    )


@functools.cache
def _vhat_after_drop(before: int, after: int) -> np.ndarray:
    g = np.r_[np.ones(before), np.full(after, 0.01)][None, :]
    v = simulate.ema(g * g, beta=0.9999)[0]
    k = np.arange(1, before + after + 1)
    return (v / -np.expm1(k * math.log(0.9999)))[before:]


@claim(
    id="003-9b",
    source=SOURCE,
    location="Practice 2, Pitfall 2",
    inventory="003-9",
    statement=r"\hat v \text{ stays large for thousands of iterations after gradients shrink}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONFIRMED,
    title="v_hat lags after gradients shrink",
)
def v_hat_lags() -> Evidence:
    """beta2 = 0.9999: "v_hat stays large for thousands of steps after gradients shrink".

    Gradients of size 1 for 30,000 steps, then 0.01: v_hat is still 0.90 after
    1000 steps and 0.59 after 5000 (the new level is 1e-4), so the step is
    about 1/77 of eta for thousands of steps; sqrt(v_hat) gets within 2x of the
    new |g| only after ~78,000 steps (0.9999^n * 0.95 <= 3e-4, a lemma).
    """
    n_sym = float(
        sp.log(sp.Rational(3, 10**4) / sp.Rational(95, 100)) / sp.log(sp.Rational(9999, 10**4))
    )
    vh = _vhat_after_drop(30_000, 5000)
    return Evidence(
        f"v_hat after the drop: {vh[999]:.3f} at +1000, {vh[4999]:.3f} at +5000",
        proofs=supporting({"steps to within 2x exceed 5000": n_sym > 5000}),
        comparisons=[
            Comparison("v_hat 1000 steps after the drop vs 0.5", float(vh[999]), 0.5, mode="lower"),
            Comparison(
                "v_hat 5000 steps after the drop vs 0.5", float(vh[4999]), 0.5, mode="lower"
            ),
        ],
        details={"new_level": 1e-4, "steps_to_within_2x": n_sym},
    )


def _practice3(k: int, printed: str) -> Evidence:
    exact = sp.Rational(1, 10) / sp.sqrt(k + sp.Rational(1, 10**8))
    val = float(sp.N(exact, 30))
    signs = np.random.default_rng(43).choice([-1.0, 1.0], size=(1, k))
    G = float(adagrad_history(signs)[0, -1])
    return Evidence(
        f"0.1/sqrt({k} + 1e-8) = {val:.12g}",
        proofs=[
            Proof(
                f"0.1/sqrt({k} + 1e-8) rounds to {printed}", printed_value(val, printed) == "exact"
            )
        ],
        comparisons=[
            Comparison(f"G_{k} of AdaGrad on a ±1 stream", G, float(k)),
            Comparison(
                "rate from the run vs exact (relative)",
                error=abs(0.1 / math.sqrt(G + 1e-8) / val - 1),
                tol=1e-14,
            ),
        ],
    )


@claim(
    id="003-10a",
    source=SOURCE,
    location="Practice 3",
    inventory="003-10",
    statement=r"G_{100} = 100,\ \text{effective LR} = 0.1/\sqrt{100} = 0.01",
    kind=Kind.VALUE,
    expected=Verdict.PROVED,
    title="AdaGrad rate at k = 100",
)
def adagrad_rate_100() -> Evidence:
    """AdaGrad, |g| = 1, eta = 0.1, eps = 1e-8: effective rate 0.01 at k = 100.

    Exact: 0.1/sqrt(100 + 1e-8) = 0.01 (1 - 5e-11). The AdaGrad run on a ±1
    stream has G_100 = 100 exactly.
    """
    return _practice3(100, "0.01")


@claim(
    id="003-10b",
    source=SOURCE,
    location="Practice 3",
    inventory="003-10",
    statement=r"\text{after step 10{,}000: effective LR} = 0.1/\sqrt{10000} = 0.001",
    kind=Kind.VALUE,
    expected=Verdict.PROVED,
    title="AdaGrad rate at k = 10000",
)
def adagrad_rate_10000() -> Evidence:
    """Effective rate 0.001 at k = 10,000 (0.1/sqrt(10^4 + 1e-8))."""
    return _practice3(10_000, "0.001")


def _half_life(r: float, printed: str) -> Evidence:
    exact = half_life(sp.nsimplify(r))
    val = float(sp.N(exact, 30))
    w = simulate.ema(np.zeros((1, 200)), beta=r, init=1.0)[0]
    n_below = int(np.argmax(w <= 0.5)) + 1
    return Evidence(
        f"half-life {val:.4f}; the weight drops below 1/2 at step {n_below}",
        proofs=[
            Proof(
                f"ln(1/2)/ln({r}) = {val:.6f} rounds to {printed}",
                printed_value(val, printed) == "exact",
            )
        ],
        comparisons=[
            Comparison(
                "first step the EMA weight is <= 1/2 vs ceil(half-life)", n_below, math.ceil(val)
            )
        ],
        details={"exact": val, "printed": printed},
    )


@claim(
    id="003-11a",
    source=SOURCE,
    location="Practice 4",
    inventory="003-11",
    statement=r"\ln(0.5)/\ln(0.9) \approx 6.6",
    kind=Kind.VALUE,
    expected=Verdict.PROVED,
    title="half-life at rho = 0.9",
    figure="ema_half_life",
)
def half_life_09() -> Evidence:
    """Half-life ln(0.5)/ln(0.9) = 6.579 ≈ 6.6 (derivations.ema.half_life): the EMA weight of
    an old value halves between steps 6 and 7 (run with initial value 1, zero inputs)."""
    return _half_life(0.9, "6.6")


@claim(
    id="003-11b",
    source=SOURCE,
    location="Practice 4",
    inventory="003-11",
    statement=r"\ln(0.5)/\ln(0.99) \approx 69",
    kind=Kind.VALUE,
    expected=Verdict.PROVED,
    title="half-life at rho = 0.99",
    figure="ema_half_life",
)
def half_life_099() -> Evidence:
    """Half-life ln(0.5)/ln(0.99) = 68.97 ≈ 69: crossing between steps 68 and 69."""
    return _half_life(0.99, "69")


@claim(
    id="003-11c",
    source=SOURCE,
    location="Practice 4",
    inventory="003-11",
    statement=r"\text{effective window} \approx 1/(1-\rho):\ 10 \ (\rho=0.9),\ 100\ (\rho=0.99)",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="effective window",
    figure="ema_half_life",
)
def effective_window() -> Evidence:
    """Effective window 1/(1-rho): 10 for rho = 0.9, 100 for rho = 0.99 (mean age of
    the EMA weights; the last 1/(1-rho) gradients carry 65% and 63% of the weight)."""
    comps, rows = [], {}
    for r, n in ((0.9, 400), (0.99, 4000)):
        age, w = _impulse_mean_age(r, n)
        rows[str(r)] = {
            "mean_age": age,
            "weight_of_last_window": float(np.sum(w[: round(1 / (1 - r))])),
        }
        comps.append(
            Comparison(f"mean age (1-rho) at rho = {r} vs 1", age * (1 - r), 1.0, 1e-9, "limit")
        )
    return Evidence(
        "mean age 10 and 100",
        proofs=[_mean_age_sum_proof()],
        comparisons=comps,
        details={"rows": rows},
    )


def _decay_run(mode: str, lam: float) -> np.ndarray:
    """Adam (numerics, eta = 1e-3, 500 steps, x0 = (1, 1)) with weight decay ``lam`` as L2 in
    the gradient or decoupled (the page's AdamW); coordinate A has no loss gradient, B ±1."""
    g = np.zeros((500, 2))
    g[:, 1] = (-1.0) ** np.arange(1, 501)
    h = feed(
        "adam",
        g,
        x0=np.ones(2),
        lr=1e-3,
        weight_decay=lam,
        weight_decay_mode="l2" if mode == "l2" else "decoupled",
    )
    return h.x[-1]


@claim(
    id="003-12",
    source=SOURCE,
    location="Practice 5",
    inventory="003-12",
    statement=r"\mathbf{x}_{k+1} = \mathbf{x}_k - \eta\Big(\frac{\hat{\mathbf{m}}_k}{\sqrt{\hat"
    r"{\mathbf{v}}_k}+\epsilon} + \lambda\mathbf{x}_k\Big) \text{ prevents parameters"
    r" with small gradients from being over-regularized}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONFIRMED,
    title="AdamW's decoupled decay",
)
def adamw_decay() -> Evidence:
    """AdamW's decoupled decay avoids over-regularising parameters with small gradients.

    Lemma (SymPy): the page's x - eta(m_hat/(sqrt(v_hat)+eps) + lambda x) =
    (1 - eta lambda) x - eta m_hat/(sqrt(v_hat)+eps); with L2 in the gradient the
    decay is divided by sqrt(v_hat). Numeric (numerics Adam, eta = 1e-3, lambda = 1e-2,
    500 steps, x0 = 1): coordinate A has no loss gradient, B a loss gradient ±1.
    Shrinkage is measured against the same run with lambda = 0. Adam+L2 shrinks
    A by ~44% (its only gradient, lambda x, is normalised to a full step) and B
    by 0.5%; AdamW shrinks both by the same factor 0.995.
    """
    xx, mh, vh = sp.symbols("x m v", positive=True)
    eta, lam = symbols.alpha, symbols.lam
    page = xx - eta * (mh / (sp.sqrt(vh) + symbols.eps) + lam * xx)
    ok = sp.expand(page - ((1 - eta * lam) * xx - eta * mh / (sp.sqrt(vh) + symbols.eps))) == 0
    base = _decay_run("w", 0.0)
    kept = {mode: _decay_run(mode, 1e-2) / base for mode in ("l2", "w")}
    r = {f"{mode}_{c}": float(kept[mode][i]) for mode in kept for i, c in enumerate("AB")}
    return Evidence(
        f"Adam+L2 keeps A {r['l2_A']:.3f}, B {r['l2_B']:.4f}; AdamW A {r['w_A']:.4f}, "
        f"B {r['w_B']:.4f}",
        proofs=supporting(
            {"x - eta(m/(sqrt v + eps) + lam x) = (1 - eta lam) x - eta m/(...)": ok}
        ),
        comparisons=[
            Comparison("AdamW: shrinkage of A vs B", r["w_A"], r["w_B"], 1e-4),
            Comparison(
                "Adam+L2: shrinkage of A over 50 x that of B",
                1 - r["l2_A"],
                50 * (1 - r["l2_B"]),
                mode="lower",
            ),
        ],
        details=r,
    )
