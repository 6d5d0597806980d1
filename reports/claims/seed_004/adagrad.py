r"""The sigmoid neuron's gradients and AdaGrad: its rates on a sparse feature, the printed
effective rate, the code listing and the accumulator (claims 004-1 … 004-2d)."""

from __future__ import annotations

import ast
import math

import numpy as np
import sympy as sp
from adaproof.derivations import symbols
from adaproof.numerics.run import feed, minimize
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Approximation, Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import (
    decide,
    decided,
    interval,
    printed_value,
    supporting,
)
from adaproof.reports.claims.seed_004._shared import (
    SOURCE,
    adagrad_neuron,
    data,
    point_grad,
    sigmoid,
)


@claim(
    id="004-1",
    source=SOURCE,
    location="Sigmoid neuron, gradients",
    inventory="004-1",
    statement=r"\nabla w = (f(x)-y)\,f(x)(1-f(x))\,x,\quad \nabla b = (f(x)-y)\,f(x)(1-f(x))",
    kind=Kind.IDENTITY,
    expected=Verdict.CONDITIONAL,
    title="sigmoid-neuron gradients",
)
def neuron_gradients() -> Evidence:
    """∇w = (f(x)-y)f(x)(1-f(x))x and ∇b = (f(x)-y)f(x)(1-f(x)): for the loss ½(f-y)².

    The slides never write the loss. SymPy: d/dw of ½(σ(wx+b)-y)² minus the printed
    ∇w simplifies to 0 (likewise ∇b); for the loss (f-y)² the gradient is twice the
    printed one (the counterexample when the ratio is not 1). Numeric: central
    differences of ½(f-y)² at 50 random points agree to 1e-8.
    """
    w, b, x, y = sp.symbols("w b x y", real=True)
    f = 1 / (1 + sp.exp(-(w * x + b)))
    gw = (f - y) * f * (1 - f) * x
    gb = (f - y) * f * (1 - f)
    half = sp.Rational(1, 2) * (f - y) ** 2
    ratio = sp.simplify(sp.diff((f - y) ** 2, w) / gw)
    rng = np.random.default_rng(402)
    h, err = 1e-5, 0.0
    for _ in range(50):
        wv, bv, xv, yv = rng.normal(size=4)

        def loss(wq, bq, xv=xv, yv=yv):
            return 0.5 * (sigmoid(wq * xv + bq) - yv) ** 2

        fv = sigmoid(wv * xv + bv)
        c = (fv - yv) * fv * (1 - fv)
        fd = (
            (loss(wv + h, bv) - loss(wv - h, bv)) / (2 * h),
            (loss(wv, bv + h) - loss(wv, bv - h)) / (2 * h),
        )
        err = max(err, abs(fd[0] - c * xv), abs(fd[1] - c))
    return Evidence(
        "exact for the loss (1/2)(f-y)^2; twice as large for (f-y)^2",
        proofs=[
            Proof(
                "simplify(d/dw (1/2)(f-y)^2 - printed grad w) = 0",
                sp.simplify(sp.diff(half, w) - gw) == 0,
            ),
            Proof(
                "simplify(d/db (1/2)(f-y)^2 - printed grad b) = 0",
                sp.simplify(sp.diff(half, b) - gb) == 0,
            ),
        ],
        comparisons=[
            Comparison("central differences of (1/2)(f-y)^2, 50 points", error=err, tol=1e-8)
        ],
        counterexample={"loss": "(f(x)-y)^2", "gradient_ratio_to_printed": str(ratio)}
        if ratio != 1
        else None,
        condition=r"\mathcal{L} = \tfrac12(f(x)-y)^2",
        details={"ratio_for_(f-y)^2": str(ratio)},
    )


@claim(
    id="004-2a",
    source=SOURCE,
    location="AdaGrad, sparse feature",
    inventory="004-2",
    statement=r"\text{sparse } x:\ \frac{\eta}{\sqrt{v_t+\epsilon}} \text{ decays slowly for } w,"
    r" \text{ rapidly for } b",
    kind=Kind.QUALITATIVE,
    expected=Verdict.CONFIRMED,
    title="AdaGrad rates for w and b",
    figure="sparse_feature",
)
def adagrad_sparse_rates() -> Evidence:
    """With a sparse feature AdaGrad's rate for w decays slowly and for b rapidly.

    ∇w = ∇b·x, so with |x| ≤ 1 every term of v_w is at most the matching term of v_b:
    rate_w ≥ rate_b at every step (decided: g²x² ≤ g² for x² ≤ 1). Numeric (AdaGrad run
    on 100 points, 19% with x = 1, noisy labels, 20 epochs of per-point updates):
    rate_w ≥ rate_b throughout; at the end rate_w/rate_b = 2.2 and over the last 10
    epochs the rate for b decays like t^-0.46 (the label noise of every point keeps
    feeding v_b), the rate for w like t^-0.19.
    """
    gg, xx = sp.Symbol("g", real=True), sp.Symbol("xs", nonnegative=True)
    d = decided(
        decide(gg**2 * xx, "<=", gg**2, {xx: interval(0, 1, closed=True)}),
        "g^2 x^2 <= g^2 for x^2 in [0, 1]",
    )
    r = adagrad_neuron()
    rw, rb = r["rate_w"], r["rate_b"]
    finite = np.isfinite(rw) & (rw < 1e7)
    n = rw.size
    t = np.arange(n // 2, n) + 1.0
    slope_b = float(np.polyfit(np.log(t), np.log(rb[n // 2 :]), 1)[0])
    slope_w = float(np.polyfit(np.log(t), np.log(rw[n // 2 :]), 1)[0])
    ratio = float(rw[-1] / rb[-1])
    return Evidence(
        f"rate_w >= rate_b at every step; final ratio {ratio:.2f}; decay ~ t^{slope_w:.2f} (w) "
        f"vs t^{slope_b:.2f} (b)",
        # the lemma rate_w >= rate_b supports the reading; it does not prove "slowly/rapidly"
        proofs=supporting({p.statement: p.holds for p in d.proofs}),
        comparisons=[
            *d.comparisons,
            Comparison(
                "smallest rate_w/rate_b over the run",
                float(np.min(rw[finite] / rb[finite])),
                1.0,
                tol=1e-12,
                mode="lower",
            ),
            Comparison("final rate_w/rate_b", ratio, 1.5, mode="lower"),
            Comparison(
                "decay exponent of rate_w minus that of rate_b",
                slope_w - slope_b,
                0.0,
                mode="lower",
            ),
        ],
        counterexample=d.counterexample,
        details={
            "decide": d.method,
            "final_rate_w": float(rw[-1]),
            "final_rate_b": float(rb[-1]),
            "p_active": r["p"],
            "epochs": 20,
            "points": 100,
        },
    )


@claim(
    id="004-2b",
    source=SOURCE,
    location="AdaGrad, effective learning rate",
    inventory="004-2",
    statement=r"\frac{\eta_0}{\sqrt{v_0+\epsilon}} = \frac{0.1}{\sqrt{0.019}} = 0.72",
    kind=Kind.VALUE,
    expected=Verdict.APPROXIMATE,
    title="0.1/sqrt(0.019)",
)
def adagrad_printed_rate() -> Evidence:
    """η₀/√(v₀+ε) = 0.1/√0.019 = 0.72: the value is 0.72548 (0.73 rounded); 0.72 is a
    truncation, off by 5.5e-3 (0.76%). SymPy evaluates exactly; numerics AdaGrad's rate
    after one gradient √0.019 agrees."""
    exact = float(sp.N(sp.Rational(1, 10) / sp.sqrt(sp.Rational(19, 1000)), 20))
    reading = printed_value(exact, "0.72")
    rate = float(
        feed("adagrad", np.array([[math.sqrt(0.019)]]), lr=0.1, eps=0.0).states["lr_eff"][0, 0]
    )
    return Evidence(
        f"0.1/sqrt(0.019) = {exact:.5f}: printed 0.72 is truncated (error {exact - 0.72:.1e})",
        comparisons=[
            Comparison("AdaGrad's rate in the run against the exact value", rate, exact, tol=1e-15)
        ],
        approximation=Approximation("\\text{rounding}", abs(exact - 0.72), {"printed": "0.72"})
        if reading == "close"
        else None,
        counterexample={"exact": exact, "printed": 0.72} if reading == "wrong" else None,
        details={"exact": exact, "reading": reading},
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

PROVIDED = {"np", "X", "Y", "zip", "range", "grad_w", "grad_b", "grad_w_sgd", "grad_b_sgd"}


def undefined_names(source: str) -> list[str]:
    """Names a listing reads but never assigns (parsed with ast, never executed)."""
    tree = ast.parse(source)
    assigned, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (assigned if isinstance(node.ctx, ast.Store) else used).add(node.id)
        elif isinstance(node, ast.arg):
            assigned.add(node.arg)
    return sorted(used - assigned - PROVIDED)


@claim(
    id="004-2c",
    source=SOURCE,
    location="AdaGrad code listing, line 5",
    statement=r"\texttt{v\_w,v\_b,cps = 0,0,1e-8} \ \dots\ \texttt{(np.sqrt(v\_w)+eps)}",
    kind=Kind.ALGORITHM,
    expected=Verdict.REFUTED,
    title="AdaGrad listing runs",
    corrected_by="004-2c.fix",
)
def adagrad_listing_runs() -> Evidence:
    """The AdaGrad listing runs as printed: no — it assigns `cps` and reads `eps`.

    The listing is parsed (ast, not executed): the only name read but never
    assigned, other than the data and gradient helpers, is `eps` (NameError on the
    first update). The parser's reading is compared with a listing that defines
    everything (no undefined name).
    """
    missing = undefined_names(ADAGRAD_LISTING)
    control = undefined_names(ADAGRAD_LISTING.replace("v_w,v_b,cps", "v_w,v_b,eps"))
    return Evidence(
        f"AdaGrad listing reads {missing} but never assigns it (NameError at the first update)",
        comparisons=[Comparison("undefined names once eps is assigned", len(control), 0, tol=0)],
        counterexample={"line": 5, "assigned": "cps", "read": ", ".join(missing)}
        if missing
        else None,
        corrected=r"\texttt{v\_w, v\_b, eps = 0, 0, 1e-8}",
        details={"undefined_names": missing, "provided": sorted(PROVIDED)},
    )


@claim(
    id="004-2c.fix",
    source=SOURCE,
    location="AdaGrad code listing (corrected)",
    statement=r"\texttt{v\_w,v\_b,eps = 0,0,1e-8}",
    kind=Kind.ALGORITHM,
    expected=Verdict.PROVED,
    title="AdaGrad listing, fixed",
)
def adagrad_listing_fixed() -> Evidence:
    """With `eps` assigned the listing has no undefined name (a static fact of its syntax
    tree), and its update w ← w - η dw/(√v_w + ε), v_w ← v_w + dw² is numerics' AdaGrad
    with ε outside the root: a per-point loop written from the listing and
    numerics.run.minimize("adagrad", eps=1e-8) agree to 1e-13 over 5 epochs."""
    fixed = ADAGRAD_LISTING.replace("v_w,v_b,cps", "v_w,v_b,eps")
    missing = undefined_names(fixed)
    x, y = data()
    w, b, vw, vb, eta, eps = -2.0, -2.0, 0.0, 0.0, 0.1, 1e-8
    for _ in range(5):
        for xi, yi in zip(x, y, strict=True):
            f = sigmoid(w * xi + b)
            dw, db = (f - yi) * f * (1 - f) * xi, (f - yi) * f * (1 - f)
            vw, vb = vw + dw**2, vb + db**2
            w, b = w - eta * dw / (math.sqrt(vw) + eps), b - eta * db / (math.sqrt(vb) + eps)
    tr = minimize("adagrad", point_grad, np.array([-2.0, -2.0]), 5 * x.size, lr=0.1, eps=1e-8)
    err = float(np.max(np.abs(tr.x[-1] - [w, b])))
    return Evidence(
        f"no undefined names; listing loop = numerics AdaGrad (error {err:.1e})",
        proofs=[
            Proof(
                "the corrected listing reads no unassigned name (ast)", missing == [], method="ast"
            )
        ],
        comparisons=[
            Comparison("listing loop against numerics AdaGrad, 5 epochs", error=err, tol=1e-13)
        ],
    )


@claim(
    id="004-2d",
    source=SOURCE,
    location="AdaGrad, accumulator",
    inventory="004-2",
    statement=r"v_n = \sum_{i=0}^n (\nabla w_i)^2",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="AdaGrad accumulator unrolled",
)
def adagrad_accumulator() -> Evidence:
    """v_n = Σ_{i=0}^n (∇w_i)² (AdaGrad's accumulator unrolled, slides' 0-based index):
    SymPy unrolls v_t = v_{t-1} + g_t² from v_{-1} = 0 for n = 0..5; the numerics
    accumulator on a random stream equals the cumulative sum to 1e-13."""
    gs = symbols.grads(6)
    v, ok = sp.Integer(0), True
    for n, gk in enumerate(gs):
        v = v + gk**2
        ok &= sp.expand(v - sum(x**2 for x in gs[: n + 1])) == 0
    g = np.random.default_rng(403).normal(size=(200, 4))
    G = feed("adagrad", g, lr=0.1).states["G"]
    err = float(np.max(np.abs(G - np.cumsum(g**2, axis=0)) / np.cumsum(g**2, axis=0)))
    return Evidence(
        f"v_n = sum of squares (run error {err:.1e})",
        proofs=[Proof("expand(unrolled v_n - sum of squares) = 0, n = 0..5", ok)],
        comparisons=[
            Comparison("numerics accumulator against the cumulative sum", error=err, tol=1e-13)
        ],
    )
