r"""§2 and §2.1 of the notes: the unrolled moments v_t and m_t, their expectations, m̂_t as a
weighted average."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
from adaproof.derivations import symbols
from adaproof.derivations.ema import ema_unrolled, weights_sum
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Approximation, Comparison, Evidence, Proof, claim
from adaproof.reports.claims.seed_002 import SOURCE

_SECTION = "§2.1 Momentum as Averaging"


def _unrolled_sum_proof(beta: sp.Symbol, square: bool) -> Proof:
    """The recursion unrolled by SymPy for t = 1..6 minus the printed sum, from x_0."""
    x0 = sp.Symbol("x0", real=True)
    gs = symbols.grads(6)
    us = [g**2 for g in gs] if square else list(gs)
    steps = ema_unrolled(us, beta, x0)
    ok = all(
        sp.expand(
            steps[n - 1]
            - beta**n * x0
            - (1 - beta) * sum(beta**tau * us[n - 1 - tau] for tau in range(n))
        )
        == 0
        for n in range(1, 7)
    )
    return Proof(
        "expand(recursion - beta^t x_0 - (1-beta) sum beta^tau u_(t-tau)) = 0, t = 1..6", ok
    )


def _unrolled_sum_run(square: bool, seed: int) -> Comparison:
    """The EMA run (numerics) on random gradients from x_0 = 0.3 against the printed sum."""
    rng = np.random.default_rng(seed)
    T, b, init = 50, 0.93, 0.3
    g = rng.normal(size=(4, T))
    u = g * g if square else g
    run = simulate.ema(u, beta=b, init=init)[:, -1]
    printed = b**T * init + (1 - b) * np.sum(b ** np.arange(T) * u[:, ::-1], axis=1)
    return Comparison(
        "EMA run vs the unrolled sum at t = 50 (relative; rounding of 50 multiply-adds)",
        error=float(np.max(np.abs(run / printed - 1))),
        tol=1e-13,
    )


@claim(
    id="002-9a",
    source=SOURCE,
    location="§2, unrolling v_t",
    inventory="002-9",
    statement=r"\mathbf{v}_t = \beta_2^t\mathbf{v}_0 + (1-\beta_2)\sum_{\tau=0}^{t-1}\beta_2^\tau"
    r" g_{t-\tau}^2",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="v_t unrolled",
    figure="ema_weights",
)
def v_unrolled() -> Evidence:
    """v_t = beta2^t v_0 + (1-beta2) sum_{tau<t} beta2^tau g_{t-tau}^2.

    Symbolic: the recursion unrolled by SymPy for t = 1..6 minus the sum
    cancels to 0. Numeric: the real EMA recursion on random gradients with
    v_0 = 0.3 and t = 50 agrees with the sum to 1e-13 relative.
    """
    return Evidence(
        "v_t = beta^t v_0 + (1-beta) sum beta^tau g_(t-tau)^2",
        proofs=[_unrolled_sum_proof(symbols.beta2, square=True)],
        comparisons=[_unrolled_sum_run(square=True, seed=15)],
    )


@claim(
    id="002-9b",
    source=SOURCE,
    location="§2, unrolling v_t",
    inventory="002-9",
    statement=r"\mathbf{v}_t = \beta_2^t\epsilon^2 + (1-\beta_2)\sum_{\tau=0}^{t-1}\beta_2^\tau"
    r" g_{t-\tau}^2",
    kind=Kind.IDENTITY,
    expected=Verdict.CONDITIONAL,
    title="v_t unrolled with v_0 = eps^2",
)
def v_unrolled_with_epsilon() -> Evidence:
    """ "= beta2^t eps^2 + …": this needs v_0 = eps^2, but Algorithm 1 sets v_0 = 0.

    Symbolic: from v_0 = eps^2 the unrolled recursion is the printed sum (t = 1..6).
    Numeric: with v_0 = 0 (Algorithm 1) at t = 1, eps = 1e-3, beta2 = 0.999, g_1 = 1
    the recursion gives 1e-3, the claim 1.000999e-3: a counterexample when they differ.
    """
    eps, b2 = 1e-3, 0.999
    v1 = float(simulate.ema(np.array([[1.0]]), beta=b2)[0, 0])
    v1_from_eps2 = float(simulate.ema(np.array([[1.0]]), beta=b2, init=eps**2)[0, 0])
    claimed = b2 * eps**2 + (1 - b2) * 1.0
    counterexample = None
    if abs(claimed - v1) > 1e-15:
        counterexample = {
            "t": 1,
            "g1": 1.0,
            "eps": eps,
            "beta2": b2,
            "v1_with_v0=0": v1,
            "claimed": claimed,
        }
    return Evidence(
        "the beta2^t eps^2 term is there only if v_0 = eps^2",
        proofs=[_unrolled_sum_proof(symbols.beta2, square=True)],
        comparisons=[
            Comparison("v_1 from v_0 = eps^2: run vs the printed sum", v1_from_eps2, claimed, 1e-15)
        ],
        counterexample=counterexample,
        condition=r"\mathbf{v}_0 = \epsilon^2 \text{ (Algorithm 1 sets } \mathbf{v}_0 = 0)",
        details={"v1_recursion_v0=0": v1},
    )


def _expectation(kind: str, seed: int) -> Evidence:
    """E[v_t], E[v_hat_t] or E[m_hat_t] for i.i.d. N(0.7, 1) gradients: the geometric sum
    reduced by SymPy, and the Monte Carlo of the recursions (numerics) at t = 3 and 15
    within 4 standard errors."""
    bv, mu, sigma, n = 0.8, 0.7, 1.0, 20_000
    b, t = symbols.beta, symbols.t
    second = mu**2 + sigma**2
    if kind == "v":
        expr, target = weights_sum(t, b) * symbols.g**2, (1 - b**t) * symbols.g**2
        value = lambda k: (1 - bv**k) * second  # noqa: E731 (the claim at t = k)
    elif kind == "v_hat":
        expr, target = weights_sum(t, b) * symbols.g**2 / (1 - b**t), symbols.g**2
        value = lambda k: second  # noqa: E731
    else:
        expr = symbols.geometric_sum(b, t) * symbols.mu / symbols.geometric_sum(b, t)
        target = symbols.mu
        value = lambda k: mu  # noqa: E731
    mc = simulate.ema_moments(bv, 15, n, mu=mu, sigma=sigma, seed=seed)
    comparisons = [
        Comparison(
            f"Monte Carlo E[{kind}_{k}] vs the claim (4 SE)",
            float(mc.mean[kind][k - 1]),
            value(k),
            4 * float(mc.se_mean[kind][k - 1]),
        )
        for k in (3, 15)
    ]
    return Evidence(
        f"E[{kind}_t] matches within 4 standard errors ({n} samples)",
        proofs=[
            Proof(f"cancel(E[{kind}_t] - {sp.sstr(target)}) = 0", sp.cancel(expr - target) == 0)
        ],
        comparisons=comparisons,
        details={"beta": bv, "mu": mu, "sigma": sigma, "samples": n},
    )


@claim(
    id="002-9c",
    source=SOURCE,
    location="§2, expectation of v_t",
    inventory="002-9",
    statement=r"\mathbb{E}[\mathbf{v}_t] = (1-\beta_2^t)g^2",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="E[v_t]",
    figure="ema_bias",
)
def mean_v() -> Evidence:
    """E[v_t] = (1-beta2^t) g^2 when E[g_t^2] = g^2 (v_0 = 0).

    Symbolic: (1-beta2) sum_{tau<t} beta2^tau = 1 - beta2^t. Numeric: Monte Carlo
    of the real recursion (2e4 samples, t = 3 and 15, beta2 = 0.8) within
    4 standard errors.
    """
    return _expectation("v", seed=16)


@claim(
    id="002-9d",
    source=SOURCE,
    location="§2, after E[v_t]",
    inventory="002-9",
    statement=r"\text{dividing by } 1-\beta_2^t \text{ gives an unbiased estimate of } g",
    kind=Kind.IDENTITY,
    expected=Verdict.REFUTED,
    title="v_hat unbiased for g",
    corrected_by="002-9d.fix",
)
def v_hat_unbiased_for_g() -> Evidence:
    """ "By dividing by 1-beta2^t we obtain an unbiased estimate of g": of g^2.

    E[v_hat_t] = g^2 (002-9d.fix), but the estimate of g, sqrt(v_hat_t), is
    biased (Jensen): g_t ~ N(0, 1), t = 1: the simulated E sqrt(v_hat_1) agrees with
    E|g_1| = sqrt(2/pi) = 0.798, and it is a counterexample when it stays below g = 1
    by more than 4 standard errors.
    """
    n, b2 = 40_000, 0.999
    g = np.random.default_rng(17).normal(size=(n, 1))
    v_hat = simulate.ema(g * g, beta=b2)[:, 0] / (1 - b2)
    est = np.sqrt(v_hat)
    mean, se = float(np.mean(est)), float(np.std(est, ddof=1) / math.sqrt(n))
    counterexample = None
    if mean + 4 * se < 1.0:
        counterexample = {"g_t": "N(0,1)", "t": 1, "E_sqrt_v_hat": mean, "g": 1.0}
    return Evidence(
        f"E sqrt(v_hat_1) = {mean:.4f} ± {se:.4f} while sqrt(E g^2) = 1",
        comparisons=[
            Comparison(
                "E sqrt(v_hat_1) vs E|g| = sqrt(2/pi) (4 SE)", mean, math.sqrt(2 / math.pi), 4 * se
            )
        ],
        counterexample=counterexample,
        corrected=r"\mathbb{E}[\hat{\mathbf{v}}_t] = g^2",
        details={"standard_error": se, "samples": n},
    )


@claim(
    id="002-9d.fix",
    source=SOURCE,
    location="§2, after E[v_t] (corrected)",
    inventory="002-9",
    statement=r"\mathbb{E}[\hat{\mathbf{v}}_t] = g^2",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="v_hat unbiased for g^2",
)
def v_hat_unbiased_for_g_squared() -> Evidence:
    """E[v_hat_t] = g^2: (1-beta2^t)g^2/(1-beta2^t); Monte Carlo at t = 3, 15."""
    return _expectation("v_hat", seed=18)


@claim(
    id="002-9e",
    source=SOURCE,
    location="§2, after E[v_t]",
    statement=r"\text{for any reasonably large } t,\ 1-\beta_2^t \text{ is nearly } 1",
    kind=Kind.LIMIT,
    expected=Verdict.APPROXIMATE,
    title="bias-correction factor near 1",
)
def correction_factor_near_one() -> Evidence:
    """ "For any reasonably large t, 1-beta2^t is nearly 1": within 1% from t = 4603.

    Symbolic: 1 - beta2^t >= 0.99 iff t >= ln(0.01)/ln(0.999) = 4602.9. Numeric:
    the v-recursion with constant g = 1 and v_0 = 0 first reaches 0.99 at t = 4603;
    at t = 1000 it is still 37% short of 1.
    """
    t_sym = int(sp.ceiling(sp.log(sp.Rational(1, 100)) / sp.log(sp.Rational(999, 1000))))
    v = simulate.ema(np.ones((1, 6000)), beta=0.999)[0]
    t_num = int(np.argmax(v >= 0.99)) + 1
    return Evidence(
        f"1 - 0.999^t >= 0.99 only from t = {t_num}",
        comparisons=[Comparison("first t with 1 - 0.999^t >= 0.99: run vs SymPy", t_num, t_sym)],
        approximation=Approximation(
            r"t \to \infty", float(1 - v[999]), {"beta2": 0.999, "t": 1000}
        ),
        details={"within_1pct_from_t": t_num},
    )


@claim(
    id="002-10a",
    source=SOURCE,
    location=_SECTION + ", unrolling m_t",
    inventory="002-10",
    statement=r"m_t = \beta_1^t\epsilon^2 + (1-\beta_1)\sum_{\tau=0}^{t-1}\beta_1^\tau g_{t-\tau}"
    r" = (1-\beta_1)\sum_{\tau=0}^{t-1}\beta_1^\tau g_{t-\tau}",
    kind=Kind.IDENTITY,
    expected=Verdict.CONDITIONAL,
    title="m_t unrolled",
    figure="ema_weights",
)
def m_unrolled() -> Evidence:
    """m_t = beta1^t eps^2 + (1-beta1) sum beta1^tau g_{t-tau} = (1-beta1) sum …

    Holds for m_t = beta1 m_{t-1} + (1-beta1) g_t with m_0 = 0 (symbolic and the
    recursion agree), but Algorithm 1 as printed subtracts: at t = 1, g_1 = 1,
    beta1 = 0.9 it gives m_1 = -0.1 (the EMA of -g), not 0.1 — a counterexample when
    they differ; and the beta1^t eps^2 term needs m_0 = eps^2, never set.
    """
    m1 = float(simulate.ema(np.array([[-1.0]]), beta=0.9)[0, 0])  # the printed m_1
    claimed = 0.1
    counterexample = None
    if abs(m1 - claimed) > 1e-15:
        counterexample = {"t": 1, "g1": 1.0, "beta1": 0.9, "m1_as_printed": m1, "claimed": claimed}
    return Evidence(
        "holds for the + recursion with m_0 = 0; as printed m_1 = -0.1",
        proofs=[_unrolled_sum_proof(symbols.beta1, square=False)],
        comparisons=[_unrolled_sum_run(square=False, seed=19)],
        counterexample=counterexample,
        condition=r"\mathbf{m}_t = \beta_1\mathbf{m}_{t-1} + (1-\beta_1)\mathbf{g}_t,"
        r"\ \mathbf{m}_0 = 0",
    )


@claim(
    id="002-10b",
    source=SOURCE,
    location=_SECTION,
    inventory="002-10",
    statement=r"\hat m_t = \frac{\sum_{\tau=0}^{t-1}\beta_1^\tau g_{t-\tau}}{\sum_{\tau=0}^{t-1}"
    r"\beta_1^\tau}",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="m_hat as a weighted average",
    figure="ema_weights",
)
def m_hat_weighted_average() -> Evidence:
    """m_hat_t = sum beta1^tau g_{t-tau} / sum beta1^tau (with the + recursion, m_0 = 0).

    Symbolic: m_t/(1-b^t) from the unrolled recursion minus the weighted average
    cancels (t = 1..5); numeric: the bias-corrected recursion equals the weighted
    average of the stream to 1e-13.
    """
    b = symbols.beta1
    gs = symbols.grads(5)
    ms = ema_unrolled(gs, b)
    sym_ok = all(
        sp.cancel(
            ms[n - 1] / (1 - b**n)
            - sum(b**tau * gs[n - 1 - tau] for tau in range(n)) / symbols.geometric_sum(b, n)
        )
        == 0
        for n in range(1, 6)
    )
    rng = np.random.default_rng(20)
    T, bv = 40, 0.9
    g = rng.normal(size=(3, T))
    m_hat = simulate.ema(g, beta=bv)[:, -1] / (1 - bv**T)
    w = bv ** np.arange(T)
    avg = np.sum(w * g[:, ::-1], axis=1) / np.sum(w)
    return Evidence(
        "m_hat_t is the beta-weighted average of g",
        proofs=[Proof("cancel(m_t/(1-b^t) - weighted average) = 0, t = 1..5", sym_ok)],
        comparisons=[
            Comparison(
                "bias-corrected EMA run vs the weighted average at t = 40",
                error=float(np.max(np.abs(m_hat - avg))),
                tol=1e-13,
            )
        ],
    )


@claim(
    id="002-10c",
    source=SOURCE,
    location=_SECTION,
    inventory="002-10",
    statement=r"\mathbb{E}[\hat m_t] = \nabla\mathcal{L}(\mathbf{w}_t)",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="m_hat unbiased",
    figure="ema_bias",
)
def m_hat_unbiased() -> Evidence:
    """E[m_hat_t] = grad L when g_t = grad L + r_t, E r_t = 0 (w constant).

    Symbolic: sum b^tau mu / sum b^tau = mu. Numeric: Monte Carlo of the real
    recursion (mu = 0.7, sigma = 1, t = 3 and 15) within 4 standard errors.
    """
    return _expectation("m_hat", seed=21)
