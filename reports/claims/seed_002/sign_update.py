r"""§2.2 of the notes: Adam at β₁ = β₂ = 0 is sign descent, and Adam's failure to converge."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
from adaproof.derivations import symbols
from adaproof.reports import simulate
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import supporting
from adaproof.reports.claims.seed_002 import SOURCE

_SECTION = "§2.2 Convergence failure of Adam"


@claim(
    id="002-14a",
    source=SOURCE,
    location=_SECTION,
    inventory="002-14",
    statement=r"\beta_1=\beta_2=0:\ \mathbf{w}_{t+1}[i] = \mathbf{w}_t[i] - \eta_t"
    r"\frac{\mathbf{g}_t[i]}{|\mathbf{g}_t[i]|}",
    kind=Kind.ALGORITHM,
    expected=Verdict.PROVED,
    title="Adam at beta = 0 is sign descent",
)
def sign_descent() -> Evidence:
    """beta1 = beta2 = 0: Adam's step is -eta g/|g| (m_hat = g, v_hat = g^2).

    Symbolic: at b = 0, (1-b) g/(1-b^t) = g and sqrt(g^2) = |g|. Numeric: Adam
    with beta1 = beta2 = 0, eps = 0 on random gradients moves by -eta sign(g) up to
    rounding (1e-17: eta (1 ± 2^-52)).
    """
    b, tt = symbols.beta, symbols.t
    sym_ok = True
    for gs, sign in ((sp.Symbol("g", positive=True), 1), (sp.Symbol("g", negative=True), -1)):
        m_hat = ((1 - b) * gs / (1 - b**tt)).subs(b, 0)
        v_hat = ((1 - b) * gs**2 / (1 - b**tt)).subs(b, 0)
        sym_ok &= sp.simplify(m_hat / sp.sqrt(v_hat)) == sign
    rng = np.random.default_rng(33)
    grads = rng.normal(size=(8, 30)) * np.exp(rng.normal(size=(8, 30)))
    steps = simulate.adam_updates(grads, lr=0.01, beta1=0.0, beta2=0.0, eps=0.0)
    err = float(np.max(np.abs(steps + 0.01 * np.sign(grads))))
    return Evidence(
        "beta1 = beta2 = 0 gives -eta sign(g)",
        proofs=[Proof("m_hat/sqrt(v_hat) = sign(g) at beta = 0", sym_ok)],
        comparisons=[Comparison("Adam's update vs -eta sign(g)", error=err, tol=1e-17)],
    )


@claim(
    id="002-14b",
    source=SOURCE,
    location=_SECTION,
    inventory="002-14",
    statement=r"|g_t| = 1\ \forall t \Rightarrow \hat{\mathbf{v}}_t = 1",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="unit gradients give v_hat = 1",
)
def unit_gradients_v_hat() -> Evidence:
    """|g_t| = 1 for all t implies v_hat_t = 1: (1-b2) sum b2^tau = 1 - b2^t.

    Numeric: the v-recursion (numerics) on random ±1 streams (b2 in {0.9, 0.999},
    t <= 200), bias-corrected, equals 1 to 1e-12.
    """
    b2 = symbols.beta2
    sym_ok = (
        sp.cancel((1 - b2) * symbols.geometric_sum(b2, symbols.t) / (1 - b2**symbols.t) - 1) == 0
    )
    rng = np.random.default_rng(34)
    err = 0.0
    t = np.arange(1, 201)
    for bv in (0.9, 0.999):
        g = rng.choice([-1.0, 1.0], size=(4, 200))
        v = simulate.ema(g * g, beta=bv)
        with np.errstate(invalid="ignore"):
            err = max(err, float(np.max(np.abs(v / -np.expm1(t * np.log(bv)) - 1))))
    return Evidence(
        "v_hat_t = 1 whenever |g_t| = 1",
        proofs=[Proof("(1-b2) sum b2^tau / (1 - b2^t) = 1", sym_ok)],
        comparisons=[Comparison("bias-corrected v of ±1 streams vs 1", error=err, tol=1e-12)],
    )


def _sign_descent(noise: np.ndarray, lr: float) -> np.ndarray:
    """Adam with beta1 = beta2 = 0 (sign descent, numerics.kernels) on L = w^2/2 with additive
    noise, step lr/sqrt(t), from w = 0: the last iterate of every run."""
    xs = simulate.adam_minimize(
        lambda w, t: w + noise[:, t - 1],
        np.zeros(noise.shape[0]),
        noise.shape[1],
        lr=lr,
        schedule=lambda t: t**-0.5,
        beta1=0.0,
        beta2=0.0,
        eps=0.0,
    )
    return xs[-1]


@claim(
    id="002-14c",
    source=SOURCE,
    location=_SECTION,
    statement=r"\text{a distribution with } \operatorname{sign}\mathbb{E}[\operatorname{sign} g_t]"
    r" \ne \operatorname{sign}\mathbb{E}[g_t] \text{ makes the sign update make negative"
    r" progress}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONFIRMED,
    title="sign descent goes the wrong way",
)
def sign_descent_wrong_way() -> Evidence:
    """A gradient distribution whose sign disagrees with its mean makes the sign
    update go the wrong way.

    g = w + r, r = +9 w.p. 0.1 or -1 w.p. 0.9 (mean 0), on L = w^2/2. At
    w = 0.5: E g = 0.5 > 0 but E sign g = 0.1 - 0.9 = -0.8 (exact arithmetic, a
    lemma). The sign update (Adam with beta1 = beta2 = 0) with eta_t = 0.1/sqrt(t)
    from w = 0 over 4000 steps (64 seeds) ends near w = 1, where the median of g
    vanishes, not at 0.
    """
    p_hi = sp.Rational(1, 10)
    e_sign = p_hi * 1 + (1 - p_hi) * (-1)  # at w = 0.5: g = 9.5 or -0.5
    e_g = sp.Rational(1, 2) + p_hi * 9 + (1 - p_hi) * (-1)
    rng = np.random.default_rng(35)
    n, T = 64, 4000
    noise = np.where(rng.random((n, T)) < 0.1, 9.0, -1.0)
    w_end = _sign_descent(noise, lr=0.1)
    mean, se = float(np.mean(w_end)), float(np.std(w_end, ddof=1) / math.sqrt(n))
    return Evidence(
        f"sign update ends at w = {mean:.3f} ± {se:.3f}, minimum at 0",
        proofs=supporting({"E sign g < 0 < E g at w = 0.5": bool(e_sign < 0 < e_g)}),
        comparisons=[
            Comparison("mean final w vs 1 (the median's zero)", mean, 1.0, 0.1),
            Comparison(
                "mean final w - 4 SE vs 0.5 (away from the minimum)",
                mean - 4 * se,
                0.5,
                mode="lower",
            ),
        ],
        details={"E_g_at_0.5": str(e_g), "E_sign_g_at_0.5": str(e_sign), "seeds": n, "steps": T},
    )


@claim(
    id="002-15",
    source=SOURCE,
    location=_SECTION,
    inventory="002-15",
    statement=r"\text{Adam can fail to converge: consistent progress in the wrong direction even"
    r" with }\eta_t \propto 1/\sqrt{t}",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONFIRMED,
    title="Reddi et al. counterexample",
    figure="reddi_counterexample",
)
def adam_fails_to_converge() -> Evidence:
    """Reddi et al.: Adam can fail to converge even with eta_t ∝ 1/sqrt(t).

    f_t(x) = C x if t mod 3 = 1 else -x on [-1, 1], C = 3, beta1 = 0,
    beta2 = 1/(1+C^2), alpha_t = 0.5/sqrt(t), no bias correction, no eps, projection
    (numerics.reddi through reports.simulate.reddi_game, the game the figure plays).
    Symbolic (a lemma): the average loss (C-2)x/3 is minimised at -1 for C > 2.
    Numeric: after 3000 steps Adam sits at +1 (the worst point) and its average regret
    is not shrinking; AMSGrad is near -1.
    """
    cc = sp.Symbol("C", positive=True)
    x = sp.Symbol("x", real=True)
    slope_ok = sp.simplify(sp.diff((cc * x - x - x) / 3, x) - (cc - 2) / 3) == 0
    C = 3.0
    game = simulate.reddi_game(C, 0.5, 3000)
    adam_x, ams_x = game["adam"].final, game["amsgrad"].final
    ratio = float(game["adam"].avg_regret[-1]) / (2 * (C - 2) / 3)
    return Evidence(
        f"Adam ends at x = {adam_x:.3f} (optimum -1); AMSGrad at {ams_x:.3f}",
        proofs=supporting({"d/dx average loss = (C-2)/3 > 0 for C > 2": slope_ok}),
        comparisons=[
            Comparison("Adam's x_T vs 0.9", adam_x, 0.9, mode="lower"),
            Comparison("AMSGrad's x_T vs -0.5", ams_x, -0.5, mode="upper"),
            Comparison("Adam's R_T/T over 2(C-2)/3 vs 0.5", ratio, 0.5, mode="lower"),
        ],
        details={"C": 3, "steps": 3000},
    )
