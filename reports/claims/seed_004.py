r"""Claims of the slide deck "Gradient Descent w/ Adaptive Learning Rate".

Source ``004_7e32fd81a2d4d5ec.txt``: a sigmoid neuron trained with AdaGrad,
RMSprop, AdaDelta and Adam, with code listings. The slides index steps from 0
(:math:`v_0` already contains the first gradient). The data set of the slides is
not given; the numeric parts use a synthetic sparse one (:func:`_data`). Every
check's reasoning is in its docstring.
"""

from __future__ import annotations

import ast
import functools
import math

import numpy as np
import sympy as sp
from adaproof.derivations import ema as dema
from adaproof.derivations import moments as dmom
from adaproof.derivations import rmsprop as drms
from adaproof.derivations import symbols as S
from adaproof.numerics.run import feed, minimize
from adaproof.numerics.streams import iid
from adaproof.reports.claims._verdicts import (
    ALG,
    APPROXIMATE,
    CONDITIONAL,
    CONFIRMED,
    IDN,
    INQ,
    PROVED,
    QUAL,
    REFUTED,
    VAL,
    approximate,
    conditional,
    confirmed,
    decide,
    interval,
    make_claim,
    printed_value,
    proved,
    refuted,
)
from adaproof.reports.claims.base import Claim, Result

SOURCE = "004_7e32fd81a2d4d5ec.txt"

beta = S.beta


# ---------------------------------------------------------------------------
# The sigmoid neuron and a sparse data set


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


@functools.cache
def _data(n: int = 100, p: float = 0.1, seed: int = 401) -> tuple[np.ndarray, np.ndarray]:
    """n points, a sparse binary feature (P(x=1) = p), noisy 0/1 labels with
    P(y = 1) = σ(3x - 1) (not separable: gradients do not vanish)."""
    rng = np.random.default_rng(seed)
    x = (rng.random(n) < p).astype(float)
    x[0] = 1.0  # at least one active point
    y = (rng.random(n) < _sigmoid(3 * x - 1)).astype(float)
    return x, y


def _point_grad(params: np.ndarray, t: int) -> np.ndarray:
    """Gradient of ½(σ(wx+b) - y)² at data point (t-1) mod n: the slides' ∇w, ∇b."""
    x, y = _data()
    i = (t - 1) % x.size
    w, b = params[..., 0], params[..., 1]
    f = _sigmoid(w * x[i] + b)
    common = (f - y[i]) * f * (1 - f)
    return np.stack([common * x[i], common], axis=-1)


def check_004_1() -> Result:
    """∇w = (f(x)-y)f(x)(1-f(x))x and ∇b = (f(x)-y)f(x)(1-f(x)): for the loss ½(f-y)².

    The slides never write the loss. SymPy: d/dw of ½(σ(wx+b)-y)² minus the printed
    ∇w simplifies to 0 (likewise ∇b); for the loss (f-y)² the gradient is twice the
    printed one. Numeric: central differences of ½(f-y)² at 50 random points agree
    to 1e-8.
    """
    w, b, x, y = sp.symbols("w b x y", real=True)
    f = 1 / (1 + sp.exp(-(w * x + b)))
    gw = (f - y) * f * (1 - f) * x
    gb = (f - y) * f * (1 - f)
    half = sp.Rational(1, 2) * (f - y) ** 2
    ok_half = sp.simplify(sp.diff(half, w) - gw) == 0 and sp.simplify(sp.diff(half, b) - gb) == 0
    full = (f - y) ** 2
    ratio = sp.simplify(sp.diff(full, w) / gw)
    rng = np.random.default_rng(402)
    h, err = 1e-5, 0.0
    for _ in range(50):
        wv, bv, xv, yv = rng.normal(size=4)

        def loss(wq, bq, xv=xv, yv=yv):
            return 0.5 * (_sigmoid(wq * xv + bq) - yv) ** 2

        fv = _sigmoid(wv * xv + bv)
        c = (fv - yv) * fv * (1 - fv)
        fd = (
            (loss(wv + h, bv) - loss(wv - h, bv)) / (2 * h),
            (loss(wv, bv + h) - loss(wv, bv - h)) / (2 * h),
        )
        err = max(err, abs(fd[0] - c * xv), abs(fd[1] - c))
    return conditional(
        ok_half and ratio == 2 and err < 1e-8,
        "exact for the loss (1/2)(f-y)^2; twice as large for (f-y)^2",
        {
            "symbolic_half_loss": "diff(1/2 (f-y)^2) - printed = 0",
            "ratio_for_(f-y)^2": str(ratio),
            "max_fd_error": err,
            "points": 50,
        },
        counterexample={"loss": "(f(x)-y)^2", "gradient_ratio_to_printed": 2},
        conditions=r"\mathcal{L} = \tfrac12(f(x)-y)^2",
    )


# ---------------------------------------------------------------------------
# AdaGrad


@functools.cache
def _adagrad_neuron(epochs: int = 20) -> dict:
    """The AdaGrad listing (per-point updates, eps = 1e-8 outside the root) via numerics."""
    x, _ = _data()
    steps = epochs * x.size
    tr = minimize("adagrad", _point_grad, np.array([-2.0, -2.0]), steps, lr=0.1, eps=1e-8)
    gs = np.array([_point_grad(tr.x[t], t + 1) for t in range(steps)])
    G = np.cumsum(gs**2, axis=0)
    rate = 0.1 / (np.sqrt(G) + 1e-8)
    return {"rate_w": rate[:, 0], "rate_b": rate[:, 1], "x": tr.x, "p": float(x.mean())}


def check_004_2a() -> Result:
    """With a sparse feature AdaGrad's rate for w decays slowly and for b rapidly.

    Symbolic: ∇w = ∇b·x, so with |x| ≤ 1 every term of v_w is at most the matching
    term of v_b: rate_w ≥ rate_b at every step (decided: g²x² ≤ g² for x² ≤ 1).
    Numeric (AdaGrad run on 100 points, 19% with x = 1, noisy labels, 20 epochs of
    per-point updates): rate_w ≥ rate_b throughout; at the end rate_w/rate_b = 2.2
    and over the last 10 epochs the rate for b decays like t^-0.46 (the label
    noise of every point keeps feeding v_b), the rate for w like t^-0.19.
    """
    gg, xx = sp.Symbol("g", real=True), sp.Symbol("xs", nonnegative=True)
    d = decide(gg**2 * xx, "<=", gg**2, {xx: interval(0, 1, closed=True)})
    r = _adagrad_neuron()
    rw, rb = r["rate_w"], r["rate_b"]
    finite = np.isfinite(rw) & (rw < 1e7)
    always = bool(np.all(rw[finite] >= rb[finite] * (1 - 1e-12)))
    n = rw.size
    t = np.arange(n // 2, n) + 1.0
    slope_b = float(np.polyfit(np.log(t), np.log(rb[n // 2 :]), 1)[0])
    slope_w = float(np.polyfit(np.log(t), np.log(rw[n // 2 :]), 1)[0])
    ratio = float(rw[-1] / rb[-1])
    ok = d.verdict == "true" and always and ratio > 1.5 and slope_w > slope_b
    return confirmed(
        ok,
        f"rate_w >= rate_b at every step; final ratio {ratio:.2f}; decay ~ t^{slope_w:.2f} (w) "
        f"vs t^{slope_b:.2f} (b)",
        {
            "decide": d.method,
            "final_rate_w": float(rw[-1]),
            "final_rate_b": float(rb[-1]),
            "ratio": ratio,
            "p_active": r["p"],
            "loglog_slope_w": slope_w,
            "loglog_slope_b": slope_b,
            "epochs": 20,
            "points": 100,
        },
    )


def check_004_2b() -> Result:
    """η₀/√(v₀+ε) = 0.1/√0.019 = 0.72: the value is 0.72548 (0.73 rounded); 0.72 is a
    truncation, off by 5.5e-3 (0.76%). SymPy evaluates exactly."""
    exact = float(sp.N(sp.Rational(1, 10) / sp.sqrt(sp.Rational(19, 1000)), 20))
    reading = printed_value(exact, "0.72")
    run = feed("adagrad", np.array([[math.sqrt(0.019)]]), lr=0.1, eps=0.0)
    rate = float(run.states["lr_eff"][0, 0])
    ok = reading == "close" and abs(rate - exact) < 1e-15
    return approximate(
        ok,
        f"0.1/sqrt(0.019) = {exact:.5f}: printed 0.72 is truncated (error {exact - 0.72:.1e})",
        {"exact": exact, "printed": "0.72", "reading": reading, "adagrad_rate_run": rate},
    )


#: The AdaGrad listing of the slides, as printed (line numbers dropped).
ADAGRAD_LISTING = """
def do_adagrad(max_epochs):
    w,b,eta = -2,-2,0.1
    v_w,v_b,cps = 0,0,1e-8
    for i in range(max_epochs):
        dw,db = 0,0
        for x,y in zip(X,Y):
            dw = grad_w(w,b,x,y)
            db = grad_b(w,b,x,y)
            v_w = v_w + dw**2
            v_b = v_b + db**2
            w = w - eta*dw/(np.sqrt(v_w)+eps)
            b = b - eta*db/(np.sqrt(v_b)+eps)
"""

#: The Adam listing of the slides, as printed (line numbers dropped).
ADAM_LISTING = """
def do_adam_sgd(max_epochs):
    w,b,eta = -4,-4,0.1
    beta1,beta2 = 0.9,0.999
    m_w,m_b,v_w,v_b = 0,0,0,0
    for i in range(max_epochs):
        dw,db = 0,0
        eps = 1e-10
        for x,y in zip(X,Y):
            dw = grad_w_sgd(w,b,x,y)
            db = grad_b_sgd(w,b,x,y)
            m_w = beta1*m_w+(1-beta1)*dw
            m_b = beta1*m_b+(1-beta1)*db
            v_w = beta2*v_w+(1-beta2)*dw**2
            v_b = beta2*v_b+(1-beta2)*db**2
            m_w_hat = m_w/(1-np.power(beta1,i+1))
            m_b_hat = m_b/(1-np.power(beta1,i+1))
            v_w_hat = v_w/(1-np.power(beta2,i+1))
            v_b_hat = v_b/(1-np.power(beta2,i+1))
            w = w - eta*m_w_hat/(np.sqrt(v_w_hat)+eps)
            b = b - eta*m_b_hat/(np.sqrt(v_b_hat)+eps)
"""

_PROVIDED = {"np", "X", "Y", "zip", "range", "grad_w", "grad_b", "grad_w_sgd", "grad_b_sgd"}


def _undefined_names(source: str) -> list[str]:
    """Names a listing reads but never assigns (parsed with ast, never executed)."""
    tree = ast.parse(source)
    assigned, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (assigned if isinstance(node.ctx, ast.Store) else used).add(node.id)
        elif isinstance(node, ast.arg):
            assigned.add(node.arg)
    return sorted(used - assigned - _PROVIDED)


def check_004_2c() -> Result:
    """The AdaGrad listing runs as printed: no — it assigns `cps` and reads `eps`.

    The listing is parsed (ast, not executed): the only name read but never
    assigned, other than the data and gradient helpers, is `eps` (NameError on the
    first update).
    """
    missing = _undefined_names(ADAGRAD_LISTING)
    return refuted(
        missing == ["eps"],
        "AdaGrad listing reads 'eps' but assigns 'cps' (NameError at the first update)",
        {"undefined_names": missing, "provided": sorted(_PROVIDED)},
        counterexample={"line": 5, "assigned": "cps", "read": "eps (lines 20-21)"},
        corrected=r"\texttt{v\_w, v\_b, eps = 0, 0, 1e-8}",
    )


def check_004_2c_fix() -> Result:
    """With `eps` assigned the listing has no undefined name, and its update
    w ← w - η dw/(√v_w + ε), v_w ← v_w + dw² is numerics' AdaGrad with ε outside the
    root: a per-point loop written from the listing and numerics.run.minimize
    ("adagrad", eps=1e-8) agree to 1e-15 over 5 epochs of the sparse data."""
    fixed = ADAGRAD_LISTING.replace("v_w,v_b,cps", "v_w,v_b,eps")
    missing = _undefined_names(fixed)
    x, y = _data()
    w, b, vw, vb, eta, eps = -2.0, -2.0, 0.0, 0.0, 0.1, 1e-8
    for _ in range(5):
        for xi, yi in zip(x, y, strict=True):
            f = _sigmoid(w * xi + b)
            dw, db = (f - yi) * f * (1 - f) * xi, (f - yi) * f * (1 - f)
            vw, vb = vw + dw**2, vb + db**2
            w, b = w - eta * dw / (math.sqrt(vw) + eps), b - eta * db / (math.sqrt(vb) + eps)
    tr = minimize("adagrad", _point_grad, np.array([-2.0, -2.0]), 5 * x.size, lr=0.1, eps=1e-8)
    err = float(np.max(np.abs(tr.x[-1] - [w, b])))
    return proved(
        missing == [] and err < 1e-13,
        f"no undefined names; listing loop = numerics AdaGrad (error {err:.1e})",
        {"undefined_names": missing, "max_abs_error": err, "epochs": 5},
    )


def check_004_2d() -> Result:
    """v_n = Σ_{i=0}^n (∇w_i)² (AdaGrad's accumulator unrolled, slides' 0-based index):
    SymPy unrolls v_t = v_{t-1} + g_t² from v_{-1} = 0 for n = 0..5; the numerics
    accumulator on a random stream equals the cumulative sum to 1e-13."""
    gs = S.grads(6)
    v, ok = sp.Integer(0), True
    for n, gk in enumerate(gs):
        v = v + gk**2
        ok &= sp.expand(v - sum(x**2 for x in gs[: n + 1])) == 0
    rng = np.random.default_rng(403)
    g = rng.normal(size=(200, 4))
    G = feed("adagrad", g, lr=0.1).states["G"]
    err = float(np.max(np.abs(G - np.cumsum(g**2, axis=0)) / np.cumsum(g**2, axis=0)))
    return proved(
        ok and err < 1e-13,
        f"v_n = sum of squares (run error {err:.1e})",
        {"symbolic_n": "0..5", "max_rel_error": err},
    )


# ---------------------------------------------------------------------------
# RMSprop


def check_004_3a() -> Result:
    """The RMSprop update as printed, v_t = βv_t + (1-β)∇w_t², is an equation in v_t whose
    solution is v_t = ∇w_t²: no memory at all (SymPy solves it).

    Counterexample: β = 0.9, gradients 1 then 0.1: the printed rule gives
    v = 0.01 at the second step, RMSprop's recursion 0.091 (numerics run).
    The later slides print the recursion correctly (v_{t-1}).
    """
    v, gg = sp.Symbol("v_t"), sp.Symbol("g", real=True)
    sol = sp.solve(sp.Eq(v, beta * v + (1 - beta) * gg**2), v)
    run = feed("rmsprop", np.array([[1.0], [0.1]]), rho=0.9, lr=0.1)
    v2 = float(run.states["v"][1, 0])
    ok = sol == [gg**2] and abs(v2 - 0.091) < 1e-15
    return refuted(
        ok,
        f"printed rule solves to v_t = g_t^2 (0.01); the recursion gives {v2:.3f}",
        {"solution_of_printed_equation": str(sol)},
        counterexample={
            "beta": 0.9,
            "gradients": [1.0, 0.1],
            "printed_v2": 0.01,
            "recursion_v2": v2,
        },
        corrected=r"v_t = \beta v_{t-1} + (1-\beta)\nabla w_t^2",
    )


def check_004_3a_fix() -> Result:
    """v_t = βv_{t-1} + (1-β)∇w_t²: derivations.rmsprop.rmsprop_v_unrolled equals the EMA
    unrolled (t = 1..5) and the numerics RMSprop accumulator follows the recursion
    on a random stream to 1e-13."""
    rho = S.rho
    un = drms.rmsprop_v_unrolled(5, rho)
    em = dema.ema_unrolled([x**2 for x in S.grads(5)], rho)
    ok = all(sp.expand(a - b) == 0 for a, b in zip(un, em, strict=True))
    g = np.random.default_rng(404).normal(size=(100, 3))
    run = feed("rmsprop", g, rho=0.9, lr=0.1).states["v"]
    want, vv = np.empty_like(g), np.zeros(3)
    for t in range(g.shape[0]):
        vv = 0.9 * vv + 0.1 * g[t] ** 2
        want[t] = vv
    err = float(np.max(np.abs(run - want) / want))
    return proved(
        ok and err < 1e-13,
        f"recursion (run error {err:.1e})",
        {"symbolic_t": "1..5", "max_rel_error": err},
    )


def check_004_3e() -> Result:
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
    ok = hi == 1 and sp.simplify(lo - 1 / sp.sqrt(e)) == 0 and small > 9 and abs(large - 1) < 1e-4
    return conditional(
        ok,
        f"listing/slide rate: x{small:.2f} at |g| = 1e-3, x{large:.6f} at |g| = 10",
        {
            "ratio": str(ratio),
            "limit_v_to_oo": str(hi),
            "limit_v_to_0": str(lo),
            "rates_inside": rates["inside"].tolist(),
            "rates_outside": rates["outside"].tolist(),
        },
        counterexample={"g": 1e-3, "beta": 0.5, "eps": 1e-4, "listing_over_slide": small},
        conditions=r"v_t \gg \epsilon",
    )


def check_004_3b() -> Result:
    """β = 0.9: v_0 = 0.1∇b_0², v_1 = 0.09∇b_0² + 0.1∇b_1², v_2 = 0.081∇b_0² + 0.09∇b_1²
    + 0.1∇b_2² — the recursion from v_{-1} = 0, exact in rationals (SymPy) and the
    coefficients read off three unit-impulse runs of numerics RMSprop."""
    gs = S.grads(3)
    un = drms.rmsprop_v_unrolled(3, sp.Rational(9, 10), gs)
    printed = [
        sp.Rational(1, 10) * gs[0] ** 2,
        sp.Rational(9, 100) * gs[0] ** 2 + sp.Rational(1, 10) * gs[1] ** 2,
        sp.Rational(81, 1000) * gs[0] ** 2
        + sp.Rational(9, 100) * gs[1] ** 2
        + sp.Rational(1, 10) * gs[2] ** 2,
    ]
    ok = all(sp.expand(a - b) == 0 for a, b in zip(un, printed, strict=True))
    coef = feed("rmsprop", np.eye(3), rho=0.9, lr=0.1).states["v"]  # column k: impulse at k
    want = np.array([[0.1, 0, 0], [0.09, 0.1, 0], [0.081, 0.09, 0.1]])
    err = float(np.max(np.abs(coef - want)))
    return proved(
        ok and err < 1e-15,
        "coefficients 0.1; 0.09, 0.1; 0.081, 0.09, 0.1",
        {"impulse_response": coef.tolist(), "max_abs_error": err},
    )


def check_004_3c() -> Result:
    """v_t = (1-β)Σ_{z=0}^t β^{t-z}∇b_z²: consistent with v_0 = 0.1∇b_0² (0-based index,
    v_{-1} = 0). SymPy: the sum equals the unrolled recursion for t = 0..5; numeric:
    random stream, relative error < 1e-13."""
    gs = S.grads(6)
    un = drms.rmsprop_v_unrolled(6, beta, gs)
    ok = all(
        sp.expand(un[t] - (1 - beta) * sum(beta ** (t - z) * gs[z] ** 2 for z in range(t + 1))) == 0
        for t in range(6)
    )
    g = np.random.default_rng(405).normal(size=(60, 2))
    run = feed("rmsprop", g, rho=0.9, lr=0.1).states["v"]
    t_idx = np.arange(60)
    formula = np.array(
        [
            0.1 * np.sum(0.9 ** (t - t_idx[: t + 1])[:, None] * g[: t + 1] ** 2, axis=0)
            for t in range(60)
        ]
    )
    err = float(np.max(np.abs(run - formula) / formula))
    return proved(
        ok and err < 1e-13,
        f"sum = recursion for t = 0..5; run error {err:.1e}",
        {"symbolic_t": "0..5", "max_rel_error": err},
    )


def check_004_3d() -> Result:
    """ "η/√(v_t+ε) decays slowly for b" (RMSprop): it does not decay to zero at all —
    v_t is a convex combination of v_{t-1} and g², so v_t ≤ max g² and the rate stays
    ≥ η/√(max g² + ε) (decided). Numeric: RMSprop (β = 0.9) on the sparse neuron data
    for 20 epochs: the rate for b never drops below that bound and ends at 3.9,
    AdaGrad's at 0.025."""
    pp, qq, mm = (sp.Symbol(n, nonnegative=True) for n in ("p", "q", "M"))
    d = decide(beta * (mm - pp) + (1 - beta) * (mm - qq), "<=", mm, {beta: interval(0, 1)})
    x, _ = _data()
    steps = 20 * x.size
    tr = minimize(
        "rmsprop",
        _point_grad,
        np.array([-2.0, -2.0]),
        steps,
        lr=0.1,
        rho=0.9,
        eps=1e-8,
        eps_placement="inside",
    )
    gs = np.array([_point_grad(tr.x[t], t + 1) for t in range(steps)])
    v = np.zeros(2)
    rates = np.empty((steps, 2))
    for t in range(steps):
        v = 0.9 * v + 0.1 * gs[t] ** 2
        rates[t] = 0.1 / np.sqrt(v + 1e-8)
    bound = 0.1 / math.sqrt(float(np.max(gs[:, 1] ** 2)) + 1e-8)
    ada = _adagrad_neuron()["rate_b"][-1]
    ok = d.verdict == "true" and bool(np.all(rates[:, 1] >= bound * (1 - 1e-12)))
    return proved(
        ok,
        f"rate for b stays >= {bound:.3f}; final {rates[-1, 1]:.3f} vs AdaGrad {ada:.3f}",
        {
            "decide": d.method,
            "lower_bound": bound,
            "final_rate_b": float(rates[-1, 1]),
            "adagrad_final_rate_b": float(ada),
            "min_rate_b": float(rates[:, 1].min()),
        },
    )


def check_004_4a() -> Result:
    """AdaGrad's learning rate decreases monotonically: v_t - v_{t-1} = ∇w_t² ≥ 0
    (decided), so η/(√v_t+ε) never increases; the neuron run confirms (no increase
    in 2000 steps, w and b)."""
    d = decide(S.g**2, ">=", sp.Integer(0))
    r = _adagrad_neuron()
    inc = int(np.sum(np.diff(r["rate_w"]) > 0) + np.sum(np.diff(r["rate_b"]) > 0))
    return proved(
        d.verdict == "true" and inc == 0,
        "AdaGrad's rates never increase",
        {"decide": d.method, "increases_seen": inc, "steps": r["rate_w"].size},
    )


def check_004_4b() -> Result:
    """RMSprop's rate may increase, decrease or remain constant:
    v_t - v_{t-1} = (1-β)(g_t² - v_{t-1}) has either sign or is 0 (identity, expand).
    Run (β = 0.9): gradients 1 (rate falls), then 0.1 (rate rises), then a constant
    gradient equal to √v (rate constant to 1e-15)."""
    gg, vv = sp.Symbol("g", real=True), sp.Symbol("v", nonnegative=True)
    ok = sp.expand(beta * vv + (1 - beta) * gg**2 - vv - (1 - beta) * (gg**2 - vv)) == 0
    g = np.r_[np.ones(10), np.full(30, 0.1)]
    lr = feed("rmsprop", g[:, None], rho=0.9, lr=0.1, eps=0.0).states["lr_eff"][:, 0]
    falls = bool(np.all(np.diff(lr[:10]) < 0))
    rises = bool(np.all(np.diff(lr[10:]) > 0))
    hold = feed(
        "rmsprop", np.full((20, 1), 0.5), rho=0.9, lr=0.1, eps=0.0, initial_accumulator_value=0.25
    ).states["lr_eff"][:, 0]
    const = float(np.ptp(hold))
    return proved(
        ok and falls and rises and const < 1e-15,
        "rate falls (g = 1), rises (g = 0.1), stays (g^2 = v)",
        {
            "rate_after_g1": float(lr[9]),
            "rate_after_g0.1": float(lr[-1]),
            "constant_case_spread": const,
        },
    )


def check_004_4c() -> Result:
    """RMSprop oscillates around the minimum because its rate stops decaying.

    Quantitative reading: f(x) = x² with the RMSprop listing's η = 0.1, β = 0.5,
    ε = 1e-4 (outside the root), x₀ = 1, 1000 steps: RMSprop ends in a 2-cycle
    ±0.04995 (≈ η/2: the step η g/(√v+ε) ≈ η once v tracks g²), its rate at the
    end is ≈ 1 = η/|g|, grown not decayed; AdaGrad (same η) reaches |x| < 1e-13.
    """
    tr = minimize("rmsprop", lambda x, t: 2 * x, np.array(1.0), 1000, lr=0.1, rho=0.5, eps=1e-4)
    ta = minimize("adagrad", lambda x, t: 2 * x, np.array(1.0), 1000, lr=0.1, eps=1e-8)
    tail = tr.x[-20:]
    alternates = bool(np.all(np.sign(tail[1:]) == -np.sign(tail[:-1])))
    amp = float(np.mean(np.abs(tail)))
    ok = alternates and abs(amp - 0.05) < 0.002 and abs(float(ta.x[-1])) < 1e-10
    return confirmed(
        ok,
        f"RMSprop: 2-cycle of amplitude {amp:.5f} (eta/2 = 0.05); AdaGrad: |x| = "
        f"{abs(float(ta.x[-1])):.1e}",
        {
            "rmsprop_last": tail[-4:].tolist(),
            "adagrad_last": float(ta.x[-1]),
            "steps": 1000,
            "tolerance": "amplitude within 0.002 of eta/2",
        },
    )


# ---------------------------------------------------------------------------
# AdaDelta


def _adadelta_first_step() -> sp.Expr:
    """One AdaDelta step from u_0 = v_0 = 0, written from the slide's steps 2-3."""
    gg = sp.Symbol("g", positive=True)
    e = sp.Symbol("epsilon", positive=True)
    v1 = (1 - beta) * gg**2
    return sp.sqrt(0 + e) / sp.sqrt(v1 + e) * gg, gg, e


@functools.cache
def _adadelta_eps_runs() -> dict:
    eps = np.array([1e-8, 1e-6, 1e-4, 1e-2])
    tr = minimize(
        "adadelta",
        lambda x, t: 2 * x,
        np.full(eps.size, 10.0),
        1000,
        rho=0.95,
        eps=eps,
        event_ndim=0,
    )
    return {"eps": eps.tolist(), "first_step": (10 - tr.x[1]).tolist(), "x_1000": tr.x[-1].tolist()}


def check_004_5() -> Result:
    """AdaDelta "avoids setting the initial learning rate η₀": it has no η₀, but ε takes its
    place.

    The first step is √ε g/√((1-β)g²+ε) ≈ √(ε/(1-β)) sign g (SymPy, one step of the
    slide's steps 2-3). Counterexample: f = x², x₀ = 10, β = 0.95, 1000 steps: x ends
    at 9.34 (ε = 1e-8), 4.62 (ε = 1e-6) and 0 (ε = 1e-4): the result hinges on ε
    exactly as GD's on η₀.
    """
    step, gg, e = _adadelta_first_step()
    lim = sp.limit(
        step.subs(gg, 1 / sp.Symbol("z", positive=True)), sp.Symbol("z", positive=True), 0
    )
    r = _adadelta_eps_runs()
    ok = sp.simplify(lim**2 - e / (1 - beta)) == 0 and r["x_1000"][0] > 9
    ok &= abs(r["x_1000"][2]) < 1e-6
    return refuted(
        ok,
        "x after 1000 steps: "
        + ", ".join(f"{x:.3g} (eps = {e_:g})" for e_, x in zip(r["eps"], r["x_1000"], strict=True)),
        {"first_step_large_g_limit": str(lim), **r},
        counterexample={
            "f": "x^2",
            "x0": 10.0,
            "rho": 0.95,
            "steps": 1000,
            "x_1000_by_eps": dict(zip([str(x) for x in r["eps"]], r["x_1000"], strict=True)),
        },
        corrected=r"\text{AdaDelta has no } \eta_0, \text{ but its first step is }"
        r" \frac{\sqrt{\epsilon}\,|\nabla w|}{\sqrt{(1-\beta)\nabla w^2+\epsilon}}"
        r" \approx \sqrt{\epsilon/(1-\beta)}: \ \epsilon \text{ sets the initial step size}",
    )


def check_004_5_fix() -> Result:
    """AdaDelta's first step is √ε|g|/√((1-β)g²+ε) → √(ε/(1-β)) for |g|² ≫ ε/(1-β).

    Symbolic: one step of the recursion and its large-g limit. Numeric: the first
    steps of numerics AdaDelta (x₀ = 10, g = 20) for ε = 1e-8..1e-2 equal the
    formula to 1e-12 (relative) and scale like √ε.
    """
    step, gg, e = _adadelta_first_step()
    r = _adadelta_eps_runs()
    pred = [float(step.evalf(subs={gg: 20.0, e: x, beta: 0.95})) for x in r["eps"]]
    err = max(abs(a / b - 1) for a, b in zip(r["first_step"], pred, strict=True))
    return proved(
        err < 1e-12,
        f"first step = sqrt(eps) g/sqrt((1-beta) g^2 + eps) (run error {err:.1e})",
        {"first_step": str(step), "first_steps_run": r["first_step"], "predicted": pred},
    )


# ---------------------------------------------------------------------------
# Adam: bias correction


def check_004_6a() -> Result:
    """m_t = (1-β)Σ_{z=1}^t β^{t-z}∇w_z (m_0 = 0): derivations.ema's closed form equals the
    unrolled recursion for t = 1..6; numerics Adam's m on a random stream follows
    the sum to 1e-13."""
    gs = S.grads(6)
    un = dema.ema_unrolled(gs, beta)
    ok = all(
        sp.expand(
            un[t - 1] - (1 - beta) * sum(beta ** (t - z) * gs[z - 1] for z in range(1, t + 1))
        )
        == 0
        for t in range(1, 7)
    )
    g = np.random.default_rng(406).normal(1.0, 1.0, size=(40, 3))
    m = feed("adam", g, beta1=0.9).states["m"]
    z = np.arange(1, 41)
    want = np.array(
        [0.1 * np.sum(0.9 ** (t - z[:t])[:, None] * g[:t], axis=0) for t in range(1, 41)]
    )
    err = float(np.max(np.abs(m - want)))
    return proved(
        ok and err < 1e-13,
        f"closed form = recursion; run error {err:.1e}",
        {"symbolic_t": "1..6", "max_abs_error": err},
    )


@functools.cache
def _mc_m(T: int = 30, B: int = 20000) -> dict:
    rng = np.random.default_rng(407)
    g = iid(rng, T, B, 1.5, 2.0)
    m = feed("adam", g, beta1=0.9).states["m"]
    return {"mean": m.mean(axis=1), "se": m.std(axis=1, ddof=1) / math.sqrt(B), "B": B}


def check_004_6b() -> Result:
    """E[m_t] = E[∇w](1-β^t), hence E[m_t/(1-β^t)] = E[∇w] (i.i.d. gradients).

    Symbolic: derivations.moments.mean_m and mean_m_hat (= μ). Monte Carlo: 20000
    i.i.d. N(1.5, 2²) streams through numerics Adam's first moment (β = 0.9): the
    sample mean of m_t is within 4 standard errors of 1.5(1-0.9^t) for t = 1..30.
    """
    ok = sp.simplify(dmom.mean_m(S.t, beta) - S.mu * (1 - beta**S.t)) == 0
    ok &= sp.simplify(dmom.mean_m_hat(S.t, beta) - S.mu) == 0
    mc = _mc_m()
    t = np.arange(1, 31)
    z = np.abs(mc["mean"] - 1.5 * (1 - 0.9**t)) / mc["se"]
    return proved(
        ok and float(z.max()) < 4,
        f"E[m_t] = mu(1-beta^t); Monte Carlo max |z| = {float(z.max()):.2f} (t = 1..30)",
        {
            "mean_m": str(dmom.mean_m(S.t, beta)),
            "max_abs_z": float(z.max()),
            "samples": mc["B"],
            "tolerance": "4 standard errors",
        },
    )


def check_004_7a() -> Result:
    """β₂ = 0.999, ∇w_0 = 0.1: v_0 = 0.999·0 + 0.001·0.1² = 0.00001 exactly (rationals);
    the numerics second moment after one gradient of 0.1 is 1e-5 to 1e-20."""
    exact = sp.Rational(999, 1000) * 0 + sp.Rational(1, 1000) * sp.Rational(1, 10) ** 2
    v0 = float(feed("adam", np.array([[0.1]]), beta2=0.999).states["v"][0, 0])
    return proved(
        exact == sp.Rational(1, 100000) and abs(v0 / 1e-5 - 1) < 1e-14,
        "v_0 = 1/100000",
        {"exact": str(exact), "run": v0},
    )


def check_004_7b() -> Result:
    """η = 1/√0.00001 = 316.22: the value is 316.2278 (316.23 rounded); printed truncated,
    off by 7.8e-3."""
    exact = float(sp.N(1 / sp.sqrt(sp.Rational(1, 100000)), 20))
    reading = printed_value(exact, "316.22")
    return approximate(
        reading == "close",
        f"1/sqrt(1e-5) = {exact:.4f}, printed 316.22",
        {"exact": exact, "reading": reading},
    )


def check_004_7c() -> Result:
    """v_2 = 0.999 v_0 + 0.001·0² = 0.0000099: the value is 0.00000999 = 9.99e-6 (printed
    9.9e-6, truncated: 0.9% low), and it is v_1 — one step after v_0 in the slides'
    indexing. Exact rationals; numerics run with gradients (0.1, 0)."""
    exact = sp.Rational(999, 1000) * sp.Rational(1, 100000)
    v = feed("adam", np.array([[0.1], [0.0]]), beta2=0.999).states["v"][:, 0]
    reading = printed_value(float(exact), "0.0000099")
    ok = exact == sp.Rational(999, 100000000) and abs(v[1] / 9.99e-6 - 1) < 1e-14
    return approximate(
        ok and reading == "close",
        f"0.999 x 1e-5 = {float(exact):.3g} (printed 0.0000099; it is v_1)",
        {"exact": str(exact), "run_v_after_2_gradients": float(v[1]), "reading": reading},
    )


def check_004_7d() -> Result:
    """η = 1/√0.000099 = 316.38: false — 1/√0.000099 = 100.50. The slide dropped a zero:
    316.386 is 1/√0.00000999 (the v just computed), so 316.39 rounded."""
    printed_expr = 1 / sp.sqrt(sp.Rational(99, 1000000))
    val = float(sp.N(printed_expr, 20))
    return refuted(
        abs(val - 100.5038) < 1e-3,
        f"1/sqrt(0.000099) = {val:.4f}, not 316.38",
        {"value": val},
        counterexample={"expression": "1/sqrt(0.000099)", "value": val, "printed": 316.38},
        corrected=r"\eta_t = \frac{1}{\sqrt{0.00000999}} = 316.39",
    )


def check_004_7d_fix() -> Result:
    """1/√0.00000999 = 316.386 → 316.39: exact rationals (SymPy) and 1/√v from the
    numerics second moment after gradients (0.1, 0)."""
    val = float(sp.N(1 / sp.sqrt(sp.Rational(999, 100000000)), 20))
    v = feed("adam", np.array([[0.1], [0.0]]), beta2=0.999).states["v"][1, 0]
    run = 1 / math.sqrt(float(v))
    reading = printed_value(val, "316.39")
    return proved(
        reading == "exact" and abs(run - val) < 1e-9,
        f"1/sqrt(0.00000999) = {val:.4f}",
        {"value": val, "run": run, "reading": reading},
    )


@functools.cache
def _no_correction_steps() -> dict:
    g = np.full((5000, 1), 0.1)
    with_bc = -feed("adam", g, lr=1.0, eps=0.0).delta[:, 0]
    without = -feed("adam", g, lr=1.0, eps=0.0, bias_correction=False).delta[:, 0]
    r = without / with_bc
    return {"ratio": r}


def check_004_7e() -> Result:
    """Without bias correction "initial steps are very large": yes, by up to 6.6x.

    Constant gradient 0.1, β₁ = 0.9, β₂ = 0.999 (numerics Adam with and without
    correction): the uncorrected step is 3.16x the corrected one at t = 1, peaks at
    6.57x at t = 12 and is still 1.26x at t = 1000. The slide's own reading (only v
    uncorrected, 1/√v = 316 against 1/√v̂ = 10) gives 31.6x at t = 1.
    """
    r = _no_correction_steps()["ratio"]
    peak = int(np.argmax(r))
    v_only = (1 / math.sqrt(1e-5)) / (1 / 0.1)
    ok = abs(r[0] - 0.1 / math.sqrt(0.001)) < 1e-12 and r[peak] > 6 and r[999] > 1.2
    return confirmed(
        ok,
        f"uncorrected/corrected step: {r[0]:.2f}x at t=1, peak {r[peak]:.2f}x at t={peak + 1},"
        f" {r[999]:.2f}x at t=1000",
        {
            "ratio_t1": float(r[0]),
            "peak": float(r[peak]),
            "peak_t": peak + 1,
            "ratio_t1000": float(r[999]),
            "v_only_uncorrected_ratio_t1": v_only,
        },
    )


# ---------------------------------------------------------------------------
# The Adam listing's bias correction


def _listing_adam(grads: np.ndarray, n: int, epochs: int, epoch_index: bool) -> np.ndarray:
    """The Adam listing's loop on a stream (n points per epoch), as printed when
    ``epoch_index`` (correction exponent i+1, i the epoch) or with a global step count."""
    m = v = 0.0
    out = np.empty(n * epochs)
    t = 0
    for i in range(epochs):
        for _ in range(n):
            g = grads[t]
            t += 1
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            k = i + 1 if epoch_index else t
            mh = m / (1 - 0.9**k)
            vh = v / (1 - 0.999**k)
            out[t - 1] = 0.1 * mh / (math.sqrt(vh) + 1e-10)
    return out


@functools.cache
def _listing_runs() -> dict:
    n, epochs = 100, 40
    g = np.ones(n * epochs)
    buggy = _listing_adam(g, n, epochs, True)
    right = -feed("adam", g[:, None], lr=0.1, eps=1e-10).delta[:, 0]
    r = buggy / right
    per_epoch = r.reshape(epochs, n)
    return {"ratio": r, "n": n, "epochs": epochs, "epoch_mean": per_epoch.mean(axis=1)}


def check_004_8() -> Result:
    """The listing's bias correction np.power(beta, i+1), i = epoch, inside the loop over
    data points, is not Adam's: it corrects with the epoch count instead of the step count.

    Constant gradient, n = 100 points per epoch, η = 0.1: the listing's steps differ
    from adaproof.numerics Adam's (global t) by the factor
    c(i+1)/c(t), c(k) = √(1-β₂^k)/(1-β₁^k): up to 2.08x too large in epoch 0,
    then too small: 0.64x on average in epoch 1, 0.17x at the worst (epoch 18),
    0.20x in epoch 39 — c(i+1) reaches 1 only after thousands of epochs, while
    the correct c(t) is ≈ 1 after a few thousand steps.
    """
    r = _listing_runs()
    ratio = r["ratio"]
    ok = ratio[9] > 2 and float(ratio.min()) < 0.2 and r["epoch_mean"][-1] < 0.85
    return refuted(
        ok,
        f"listing/Adam step ratio from {float(ratio.min()):.2f} to {float(ratio.max()):.2f}; "
        f"epoch 39: {r['epoch_mean'][-1]:.2f}",
        {
            "points_per_epoch": r["n"],
            "epochs": r["epochs"],
            "epoch_mean_ratio": r["epoch_mean"].round(4).tolist(),
        },
        counterexample={
            "gradient": 1.0,
            "points_per_epoch": 100,
            "step_10_ratio": float(ratio[9]),
            "min_ratio": float(ratio.min()),
            "epoch_of_min": int(np.argmin(ratio)) // 100,
        },
        corrected=r"t \leftarrow t+1 \text{ at every update};\ \hat m = m/(1-\beta_1^t),"
        r"\ \hat v = v/(1-\beta_2^t)",
    )


def check_004_8_fix() -> Result:
    """With a global step counter the listing's loop is Adam: on the sparse neuron's
    gradient stream it matches numerics Adam (ε = 1e-10, η = 0.1) to 1e-12 per step."""
    x, _ = _data()
    rng = np.random.default_rng(408)
    g = rng.normal(size=x.size * 5) * np.repeat(x, 5)  # sparse stream with exact zeros
    g[0] = 1.0
    fixed = _listing_adam(g, x.size, 5, False)
    ref = -feed("adam", g[:, None], lr=0.1, eps=1e-10).delta[:, 0]
    err = float(np.max(np.abs(fixed - ref)))
    return proved(
        err < 1e-12,
        f"global-t listing = Adam (max abs error {err:.1e})",
        {"max_abs_error": err, "steps": g.size},
    )


# ---------------------------------------------------------------------------
# L^p norms and AdaMax


def check_004_9a() -> Result:
    """|x|^p for large p "becomes too small to represent": only for |x| < 1; for |x| > 1 it
    overflows. In float64, 0.5^1100 = 0 and 2^1100 = inf; the representable range
    ends at p ≈ 1075/log2(1/|x|) below and 1024/log2|x| above. The p-norm itself
    stays finite computed as max|x|·(Σ(|x_i|/max)^p)^{1/p}."""
    x = np.array([0.5, 2.0])
    with np.errstate(over="ignore", under="ignore"):
        powed = np.power(x, 1100.0)
    stable = float(2.0 * (1 + 0.25**1100) ** (1 / 1100))
    p_sym = sp.Symbol("p", positive=True)
    lim = sp.limit((2**p_sym + sp.Rational(1, 2) ** p_sym) ** (1 / p_sym), p_sym, sp.oo)
    ok = powed[0] == 0.0 and np.isinf(powed[1]) and stable == 2.0 and lim == 2
    return conditional(
        ok,
        "0.5^1100 underflows to 0, 2^1100 overflows to inf (float64)",
        {
            "0.5^1100": float(powed[0]),
            "2^1100": "inf",
            "limit_p_norm": str(lim),
            "stable_p_norm": stable,
        },
        counterexample={"x": 2.0, "p": 1100, "float64": "inf (too large, not too small)"},
        conditions=r"|x| < 1",
    )


def check_004_9b() -> Result:
    """1 = (|x_1|^p + |x_2|^p)^{1/p} ⇒ 1^p = |x_1|^p + |x_2|^p ⇒ 1 = |x_1| + |x_2|: the last
    step is false for p ≠ 1. Counterexample p = 2, x = (0.6, 0.8): 0.36 + 0.64 = 1 but
    0.6 + 0.8 = 1.4."""
    a, bb = sp.Rational(3, 5), sp.Rational(4, 5)
    ok = a**2 + bb**2 == 1 and a + bb != 1
    return refuted(
        ok,
        "(0.6, 0.8): |x1|^2+|x2|^2 = 1 but |x1|+|x2| = 1.4",
        {"p": 2, "lp_sum": str(a**2 + bb**2), "l1_sum": str(a + bb)},
        counterexample={"p": 2, "x": [0.6, 0.8], "sum_p": 1.0, "sum_abs": 1.4},
        corrected=r"\|x\|_p = 1 \iff |x_1|^p + |x_2|^p = 1;\ \text{then }"
        r" 1 \le |x_1|+|x_2| \le 2^{1-1/p}",
    )


def check_004_9b_fix() -> Result:
    """On the unit circle of L^p, 1 ≤ |x_1|+|x_2| ≤ 2^{1-1/p} (equal to 1 only at p = 1 or
    on the axes). Symbolic: |x|^p ≤ |x| on [0,1] for p ≥ 1 (decided at p = 2, 3, 4),
    hence |x_1|+|x_2| ≥ |x_1|^p+|x_2|^p = 1; the maximum at |x_1| = |x_2| = 2^{-1/p}.
    Numeric: 2000 points on each circle p = 1, 2, 4, 8."""
    xx = sp.Symbol("x", nonnegative=True)
    ok = all(
        decide(xx**p, "<=", xx, {xx: interval(0, 1, closed=True)}).verdict == "true"
        for p in (2, 3, 4)
    )
    th = np.linspace(0, np.pi / 2, 2000)
    worst = 0.0
    for p in (1, 2, 4, 8):
        c, s = np.cos(th), np.sin(th)
        nrm = (c**p + s**p) ** (1 / p)
        x1, x2 = c / nrm, s / nrm
        l1 = x1 + x2
        worst = max(worst, float(np.max(l1 - 2 ** (1 - 1 / p))), float(np.max(1 - l1)))
    return proved(
        ok and worst < 1e-12,
        "1 <= |x1|+|x2| <= 2^(1-1/p) on every L^p circle",
        {"max_violation": worst, "p": [1, 2, 4, 8], "points": 2000},
    )


# ---------------------------------------------------------------------------


_c = functools.partial(make_claim, SOURCE)


CLAIMS: list[Claim] = [
    _c(
        "004-1",
        "Sigmoid neuron, gradients",
        "004-1",
        r"\nabla w = (f(x)-y)\,f(x)(1-f(x))\,x,\quad \nabla b = (f(x)-y)\,f(x)(1-f(x))",
        IDN,
        CONDITIONAL,
        check_004_1,
        "sigmoid-neuron gradients",
    ),
    _c(
        "004-2a",
        "AdaGrad, sparse feature",
        "004-2",
        r"\text{sparse } x:\ \frac{\eta}{\sqrt{v_t+\epsilon}} \text{ decays slowly for } w,"
        r" \text{ rapidly for } b",
        QUAL,
        CONFIRMED,
        check_004_2a,
        "AdaGrad rates for w and b",
    ),
    _c(
        "004-2b",
        "AdaGrad, effective learning rate",
        "004-2",
        r"\frac{\eta_0}{\sqrt{v_0+\epsilon}} = \frac{0.1}{\sqrt{0.019}} = 0.72",
        VAL,
        APPROXIMATE,
        check_004_2b,
        "0.1/sqrt(0.019)",
    ),
    _c(
        "004-2c",
        "AdaGrad code listing, line 5",
        None,
        r"\texttt{v\_w,v\_b,cps = 0,0,1e-8} \ \dots\ \texttt{(np.sqrt(v\_w)+eps)}",
        ALG,
        REFUTED,
        check_004_2c,
        "AdaGrad listing runs",
        corrected_by="004-2c.fix",
    ),
    _c(
        "004-2c.fix",
        "AdaGrad code listing (corrected)",
        None,
        r"\texttt{v\_w,v\_b,eps = 0,0,1e-8}",
        ALG,
        PROVED,
        check_004_2c_fix,
        "AdaGrad listing, fixed",
    ),
    _c(
        "004-2d",
        "AdaGrad, accumulator",
        "004-2",
        r"v_n = \sum_{i=0}^n (\nabla w_i)^2",
        IDN,
        PROVED,
        check_004_2d,
        "AdaGrad accumulator unrolled",
    ),
    _c(
        "004-3a",
        "RMS Prop, update rule",
        "004-3",
        r"v_t = \beta v_t + (1-\beta)\nabla w_t^2",
        ALG,
        REFUTED,
        check_004_3a,
        "RMSprop update as printed",
        corrected_by="004-3a.fix",
    ),
    _c(
        "004-3a.fix",
        "RMS Prop, update rule (as on the later slides)",
        "004-3",
        r"v_t = \beta v_{t-1} + (1-\beta)\nabla w_t^2",
        ALG,
        PROVED,
        check_004_3a_fix,
        "RMSprop recursion",
    ),
    _c(
        "004-3b",
        "RMS Prop, beta = 0.9",
        "004-3",
        r"v_0 = 0.1\nabla b_0^2,\ v_1 = 0.09\nabla b_0^2 + 0.1\nabla b_1^2,\ v_2 = 0.081\nabla"
        r" b_0^2 + 0.09\nabla b_1^2 + 0.1\nabla b_2^2",
        VAL,
        PROVED,
        check_004_3b,
        "RMSprop coefficients",
    ),
    _c(
        "004-3c",
        "RMS Prop, unrolled",
        "004-3",
        r"v_t = (1-\beta)\sum_{z=0}^t\beta^{t-z}\nabla b_z^2",
        IDN,
        PROVED,
        check_004_3c,
        "RMSprop accumulator unrolled",
    ),
    _c(
        "004-3e",
        "RMS Prop, update rule vs code listing (eps = 1e-4)",
        None,
        r"\frac{\eta}{\sqrt{v_t+\epsilon}}\nabla w_t \ \text{(slide)} \ \text{vs}\ "
        r"\texttt{eta*dw/(np.sqrt(v\_w)+eps)} \ \text{(listing)}",
        ALG,
        CONDITIONAL,
        check_004_3e,
        "RMSprop slide vs listing",
    ),
    _c(
        "004-3d",
        "RMS Prop",
        "004-3",
        r"\therefore \frac{\eta}{\sqrt{v_t+\epsilon}} \text{ decays slowly for } b",
        QUAL,
        PROVED,
        check_004_3d,
        "RMSprop rate does not vanish",
    ),
    _c(
        "004-4a",
        "AdaGrad vs RMSProp",
        "004-4",
        r"\text{In AdaGrad the learning rate monotonically decreases}",
        INQ,
        PROVED,
        check_004_4a,
        "AdaGrad's rate is monotone",
    ),
    _c(
        "004-4b",
        "AdaGrad vs RMSProp",
        "004-4",
        r"\text{In RMSProp the learning rate may increase, decrease or remain constant}",
        QUAL,
        PROVED,
        check_004_4b,
        "RMSprop's rate moves both ways",
    ),
    _c(
        "004-4c",
        "RMS Prop, oscillations",
        "004-4",
        r"\text{RMSProp: the learning rate remains constant, so the algorithm oscillates around"
        r" the minimum}",
        QUAL,
        CONFIRMED,
        check_004_4c,
        "RMSprop oscillates",
    ),
    _c(
        "004-5",
        "Ada Delta",
        "004-5",
        r"\Delta w_t = -\frac{\sqrt{u_{t-1}+\epsilon}}{\sqrt{v_t+\epsilon}}\nabla w_t:"
        r" \text{ avoids setting the initial learning rate } \eta_0",
        QUAL,
        REFUTED,
        check_004_5,
        "AdaDelta needs no learning rate",
        corrected_by="004-5.fix",
    ),
    _c(
        "004-5.fix",
        "Ada Delta (corrected)",
        "004-5",
        r"|\Delta w_1| = \frac{\sqrt{\epsilon}|\nabla w_1|}{\sqrt{(1-\beta)\nabla w_1^2+\epsilon}}"
        r" \approx \sqrt{\epsilon/(1-\beta)}",
        IDN,
        PROVED,
        check_004_5_fix,
        "AdaDelta's first step",
    ),
    _c(
        "004-6a",
        "Why bias correction?",
        "004-6",
        r"m_t = (1-\beta)\sum_{z=1}^t\beta^{t-z}\nabla w_z",
        IDN,
        PROVED,
        check_004_6a,
        "first moment unrolled",
    ),
    _c(
        "004-6b",
        "Why bias correction?",
        "004-6",
        r"E[m_t] = E[\nabla w](1-\beta^t),\quad E\Big[\frac{m_t}{1-\beta^t}\Big] = E[\nabla w]",
        IDN,
        PROVED,
        check_004_6b,
        "bias correction is unbiased",
    ),
    _c(
        "004-7a",
        "What if we don't do bias correction?",
        "004-7",
        r"v_0 = 0.999\times 0 + 0.001(0.1)^2 = 0.00001",
        VAL,
        PROVED,
        check_004_7a,
        "v_0",
    ),
    _c(
        "004-7b",
        "What if we don't do bias correction?",
        "004-7",
        r"\eta_t = \frac{1}{\sqrt{0.00001}} = 316.22",
        VAL,
        APPROXIMATE,
        check_004_7b,
        "1/sqrt(0.00001)",
    ),
    _c(
        "004-7c",
        "What if we don't do bias correction?",
        "004-7",
        r"v_2 = 0.999 v_0 + 0.001(0)^2 = 0.0000099",
        VAL,
        APPROXIMATE,
        check_004_7c,
        "v_2",
    ),
    _c(
        "004-7d",
        "What if we don't do bias correction?",
        "004-7",
        r"\eta_t = \frac{1}{\sqrt{0.000099}} = 316.38",
        VAL,
        REFUTED,
        check_004_7d,
        "1/sqrt(0.000099)",
        corrected_by="004-7d.fix",
    ),
    _c(
        "004-7d.fix",
        "What if we don't do bias correction? (corrected)",
        "004-7",
        r"\eta_t = \frac{1}{\sqrt{0.00000999}} = 316.39",
        VAL,
        PROVED,
        check_004_7d_fix,
        "1/sqrt(0.00000999)",
    ),
    _c(
        "004-7e",
        "What if we don't do bias correction?",
        "004-7",
        r"\rightarrow \text{initial steps are very large}",
        QUAL,
        CONFIRMED,
        check_004_7e,
        "no correction: large first steps",
    ),
    _c(
        "004-8",
        "Adam code listing, lines 23-26",
        "004-8",
        r"\texttt{m\_w\_hat = m\_w/(1-np.power(beta1,i+1))}\ \text{(i: epoch, inside the loop"
        r" over points)}",
        ALG,
        REFUTED,
        check_004_8,
        "Adam listing's bias correction",
        corrected_by="004-8.fix",
    ),
    _c(
        "004-8.fix",
        "Adam code listing (corrected)",
        "004-8",
        r"t \leftarrow t+1;\ \hat m_t = \frac{m_t}{1-\beta_1^t},\ \hat v_t ="
        r" \frac{v_t}{1-\beta_2^t}",
        ALG,
        PROVED,
        check_004_8_fix,
        "Adam listing, fixed",
    ),
    _c(
        "004-9a",
        "AdaMax & MaxProp",
        "004-9",
        r"|x|^p \text{ for large } p \text{ becomes too small to represent}",
        QUAL,
        CONDITIONAL,
        check_004_9a,
        "large powers underflow",
    ),
    _c(
        "004-9b",
        "AdaMax & MaxProp, L^p unit circle",
        None,
        r"1 = (|x_1|^p+|x_2|^p)^{1/p} \Rightarrow 1^p = |x_1|^p+|x_2|^p \Rightarrow"
        r" 1 = |x_1|+|x_2|",
        IDN,
        REFUTED,
        check_004_9b,
        "L^p unit circle",
        corrected_by="004-9b.fix",
    ),
    _c(
        "004-9b.fix",
        "AdaMax & MaxProp, L^p unit circle (corrected)",
        None,
        r"|x_1|^p+|x_2|^p = 1 \Rightarrow 1 \le |x_1|+|x_2| \le 2^{1-1/p}",
        INQ,
        PROVED,
        check_004_9b_fix,
        "L^p unit circle, corrected",
    ),
]
