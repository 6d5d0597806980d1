r"""Claims of the course page 14-04, "Adaptive Learning Rate Methods".

Source ``003_b8a56a2a249e5e41.txt``. The page writes AdaGrad and RMSprop with
epsilon inside the square root, :math:`\eta/\sqrt{G_k+\epsilon}`, and Adam with
:math:`\eta\,\hat m_k/(\sqrt{\hat v_k}+\epsilon)`; the checks use the same. Each
check computes its verdict from a symbolic part and a run of the real recursion;
the reasoning is in its docstring.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.numerics.run import feed, minimize
from adaproof.reports.claims._verdicts import (
    ALG,
    APPROXIMATE,
    CONDITIONAL,
    CONFIRMED,
    IDN,
    INQ,
    LIM,
    PROVED,
    QUAL,
    REFUTED,
    VAL,
    approximate,
    conditional,
    confirmed,
    decide,
    make_claim,
    printed_value,
    proved,
    refuted,
)
from adaproof.reports.claims.base import Claim, Result

from adaproof.reports.claims.seed_003 import SOURCE

b1, b2, rho = S.beta1, S.beta2, S.rho


# ---------------------------------------------------------------------------
# AdaGrad and RMSprop: do they stop learning?


def check_003_1a() -> Result:
    """AdaGrad's G_k grows monotonically: G_k - G_{k-1} = g_k^2 >= 0.

    Symbolic: decided. Numeric: AdaGrad's accumulator along runs on random
    streams never decreases.
    """
    d = decide(S.g**2, ">=", sp.Integer(0))
    rng = np.random.default_rng(40)
    g = rng.normal(size=(16, 300)) * np.exp(rng.normal(size=(16, 300)))
    acc = _adagrad_history(g)
    drops = int(np.sum(np.diff(acc, axis=-1) < 0))
    return proved(
        d.verdict == "true" and drops == 0,
        "G_k never decreases",
        {"decide": d.method, "decreases_seen": drops, "steps": 300, "runs": 16},
    )


@functools.cache
def _example1_long(steps: int) -> tuple[np.ndarray, np.ndarray]:
    """AdaGrad on f = 10 x^2 from x0 = 5, eta = 0.5, eps = 0: (x_k, G_k)."""
    return _adagrad_minimize(lambda x: 20 * x, 5.0, steps, lr=0.5, eps=0.0)


def check_003_1b() -> Result:
    """ "Effective learning rate shrinks to zero": only when sum g_k^2 diverges.

    eta/sqrt(G_k + eps) -> 0 iff G_k -> oo. When AdaGrad converges fast the
    gradients are square-summable and the rate stays positive. Counterexample:
    Example 1's problem (f = 10x^2, x0 = 5, eta = 0.5) run for 2000 steps: G
    stops growing at 3.66e4 and the effective rate stays 0.0026, equal at
    steps 1000 and 2000 to 1e-12.
    """
    x, G = _example1_long(2000)
    r1000, r2000 = 0.5 / math.sqrt(G[999]), 0.5 / math.sqrt(G[1999])
    ratio = sp.Symbol("G", positive=True)
    lim_inf = sp.limit(sp.Rational(1, 2) / sp.sqrt(ratio), ratio, sp.oo)
    ok = lim_inf == 0 and abs(r2000 / r1000 - 1) < 1e-12 and r2000 > 1e-3
    return conditional(
        ok,
        f"converging run: effective rate stays {r2000:.5f} (G -> {G[-1]:.4g})",
        {
            "limit_as_G_to_infinity": str(lim_inf),
            "rate_1000": r1000,
            "rate_2000": r2000,
            "x_2000": float(x[-1]),
        },
        counterexample={
            "f": "10 x^2",
            "x0": 5.0,
            "eta": 0.5,
            "eps": 0.0,
            "steps": 2000,
            "G_final": float(G[-1]),
            "effective_rate": r2000,
        },
        conditions=r"\sum_k \|\nabla f(\mathbf{x}_k)\|^2 = \infty"
        r" \text{ (gradients that do not vanish, e.g. persistent noise)}",
    )


def check_003_1c() -> Result:
    """ "After ~10,000+ iterations, parameters stop updating" — they keep moving.

    Quantitative reading: the movement over iterations 10^4..2*10^4 compared
    with the first 10^4. AdaGrad on a stream of constant-magnitude gradients
    (f(x) = x, and random ±1) takes step eta/sqrt(k): it moves 41% as far in
    the second 10^4 steps as in the first, and the total grows like 2 eta
    sqrt(k) without bound.
    """
    moved = _adagrad_displacements(n=10_000)
    ok = moved["ratio_linear"] > 0.4 and moved["step_10000_over_first"] > 0.009
    return refuted(
        ok,
        f"moves {moved['ratio_linear']:.1%} as far in steps 1e4..2e4 as in the first 1e4",
        moved,
        counterexample={
            "f": "x",
            "eta": 0.1,
            "eps": 0.0,
            "moved_first_1e4": moved["first"],
            "moved_next_1e4": moved["second"],
        },
        corrected=r"|g_k| \equiv g:\ |\Delta x_k| = \eta/\sqrt{k},\ "
        r"\sum_{k=n+1}^{2n}\eta/\sqrt{k} \ge 2\eta(\sqrt{2n+1}-\sqrt{n+1})",
    )


def check_003_1c_fix() -> Result:
    """With |g_k| = g constant, AdaGrad's k-th step is eta/sqrt(k) (eps = 0), and the
    movement over steps n+1..2n is at least 2 eta (sqrt(2n+1) - sqrt(n+1)).

    Symbolic: eta g/sqrt(k g^2) = eta/sqrt(k); 1/sqrt(k) >= 2(sqrt(k+1) -
    sqrt(k)) (decided) summed. Numeric: the simulated steps equal eta/sqrt(k) to
    1e-12 and the movement 82.83 eta beats the bound 82.82 eta (n = 10^4).
    """
    kk = sp.Symbol("k", positive=True)
    gp = sp.Symbol("g", positive=True)  # |g|: the step's magnitude
    step = sp.simplify(S.alpha * gp / sp.sqrt(kk * gp**2) - S.alpha / sp.sqrt(kk))
    d = decide(1 / sp.sqrt(kk), ">=", 2 * (sp.sqrt(kk + 1) - sp.sqrt(kk)))
    moved = _adagrad_displacements(n=10_000)
    bound = 2 * 0.1 * (math.sqrt(20_001) - math.sqrt(10_001))
    ok = step == 0 and d.verdict == "true" and moved["step_error"] < 1e-12
    ok &= moved["second"] >= bound
    return proved(
        ok,
        f"movement {moved['second']:.3f} >= bound {bound:.3f} (eta = 0.1)",
        {
            "decide": d.method,
            "max_step_rel_error": moved["step_error"],
            "moved_next_1e4": moved["second"],
            "bound": bound,
        },
    )


def check_003_2a() -> Result:
    """RMSprop's G_k can go up and down: G_k - G_{k-1} = (1-rho)(g_k^2 - G_{k-1}).

    Symbolic: the identity (expand). Numeric: RMSprop on gradients 1 (20 steps)
    then 0.1 (20 steps): G rises, then falls.
    """
    gg, gp = sp.Symbol("g", real=True), sp.Symbol("G", nonnegative=True)
    ok = sp.expand(rho * gp + (1 - rho) * gg**2 - gp - (1 - rho) * (gg**2 - gp)) == 0
    G = _rmsprop_history(np.r_[np.ones(20), np.full(20, 0.1)][None, :], rho=0.9)[0]
    up, down = bool(np.all(np.diff(G[:20]) > 0)), bool(np.all(np.diff(G[20:]) < 0))
    return proved(
        ok and up and down,
        "G_k rises while g^2 > G and falls after",
        {"G_20": float(G[19]), "G_40": float(G[-1])},
    )


def check_003_2b() -> Result:
    """RMSprop does not stop learning: eta/sqrt(G_k+eps) >= eta/sqrt(M + eps) with
    M = max(G_0, sup g^2), because G_k is a convex combination.

    Symbolic: G <= M and g^2 <= M imply rho G + (1-rho) g^2 <= M (decided with
    G = M - p, g^2 = M - q). Numeric: on Example 2 (f = x^2, x0 = 10, eta = 0.1,
    rho = 0.9) the rate after 1000 steps is 0.1/sqrt(G) = 1.0, far above the
    bound 0.1/20 and above AdaGrad's 2.5e-4.
    """
    pp, qq, mm = (sp.Symbol(n, nonnegative=True) for n in ("p", "q", "M"))
    d = decide(rho * (mm - pp) + (1 - rho) * (mm - qq), "<=", mm)
    _, G = _rmsprop_minimize(lambda v: 2 * v, 10.0, 1000, lr=0.1, rho=0.9, eps=1e-8)
    rate = 0.1 / math.sqrt(G[-1] + 1e-8)
    return proved(
        d.verdict == "true" and rate >= 0.1 / 20,
        f"RMSprop's rate after 1000 steps: {rate:.3g} >= 0.1/20",
        {"decide": d.method, "rate_1000": rate, "bound": 0.1 / 20},
    )


# ---------------------------------------------------------------------------
# bias correction


def check_003_3a() -> Result:
    """m_1 = (1-beta1) grad f, v_1 = (1-beta2) grad f^2: biased toward zero by the factors.

    Symbolic: one step of each EMA from zero. Numeric: Adam's first moments
    after one step on g = 2 are 0.2 and 0.004 (defaults).
    """
    m1 = b1 * 0 + (1 - b1) * S.g
    v1 = b2 * 0 + (1 - b2) * S.g**2
    ok = sp.expand(m1 - (1 - b1) * S.g) == 0 and sp.expand(v1 - (1 - b2) * S.g**2) == 0
    m_num, v_num = _adam_first_moments(2.0)
    ok &= abs(m_num - 0.2) < 1e-15 and abs(v_num - 0.004) < 1e-15
    return proved(ok, "m_1 = 0.2, v_1 = 0.004 for g = 2 (defaults)", {"m1": m_num, "v1": v_num})


_K = sp.Symbol("k", integer=True, positive=True)


def _no_bias_correction_ratio() -> tuple[sp.Expr, dict]:
    ratio = (1 - b1**_K) / sp.sqrt(1 - b2**_K)  # uncorrected step / corrected, constant g
    sim = _uncorrected_over_corrected(steps=3000)
    return ratio, sim


def _bias_refuted(where: str) -> Result:
    ratio, sim = _no_bias_correction_ratio()
    r1 = float(ratio.subs({b1: sp.Rational(9, 10), b2: sp.Rational(999, 1000), _K: 1}))
    ok = abs(sim["ratio"][0] - r1) < 1e-12 and sim["min"] > 1
    return refuted(
        ok,
        f"{where}: without correction the first step is {sim['ratio'][0]:.3f}x the corrected "
        f"one, peaking at {sim['max']:.2f}x (k = {sim['argmax']}); never smaller",
        {
            "ratio_formula": "(1-beta1^k)/sqrt(1-beta2^k)",
            "simulated_min": sim["min"],
            "simulated_max": sim["max"],
            "argmax_k": sim["argmax"],
            "steps": 3000,
        },
        counterexample={
            "g": "constant 1",
            "eta": 1e-3,
            "beta1": 0.9,
            "beta2": 0.999,
            "step1_uncorrected": 1e-3 * sim["ratio"][0],
            "step1_corrected": 1e-3,
        },
        corrected=r"\frac{|\Delta x_k^{\text{uncorrected}}|}{|\Delta x_k^{\text{corrected}}|}"
        r" = \frac{1-\beta_1^k}{\sqrt{1-\beta_2^k}} > 1\ \text{(constant gradient)}",
    )


def check_003_3b() -> Result:
    """ "Without [bias correction], early iterations take tiny steps": they are larger.

    For a constant gradient the uncorrected step is (1-beta1^k)/sqrt(1-beta2^k)
    times the corrected one: 3.16 at k = 1, 6.57 at k = 12, above 1 for all k at
    the defaults (v's bias, sqrt(1-beta2^k), outweighs m's). Adam run with and
    without correction on g = 1 for 3000 steps shows it.
    """
    return _bias_refuted("Adam defaults")


def check_003_3b_fix() -> Result:
    """Uncorrected/corrected step = (1-beta1^k)/sqrt(1-beta2^k) for a constant gradient.

    Symbolic: m_k = (1-beta1^k) g, v_k = (1-beta2^k) g^2 (geometric sums).
    Numeric: the two Adam runs agree with the formula to 1e-12 at every k.
    """
    kk = _K
    mk = (1 - b1) * S.geometric_sum(b1, kk) * S.g
    vk = (1 - b2) * S.geometric_sum(b2, kk) * S.g**2
    gp = sp.Symbol("g", positive=True)
    unc = (mk / sp.sqrt(vk)).subs(S.g, gp)
    cor = ((mk / (1 - b1**kk)) / sp.sqrt(vk / (1 - b2**kk))).subs(S.g, gp)
    ratio, sim = _no_bias_correction_ratio()
    ok = sp.simplify(unc / cor - ratio) == 0 and sim["formula_error"] < 1e-12
    return proved(
        ok,
        "the step ratio is (1-beta1^k)/sqrt(1-beta2^k)",
        {"max_rel_error_vs_formula": sim["formula_error"], "steps": 3000},
    )


def check_003_3c() -> Result:
    """Pitfall 3: "the first few steps are biased toward zero — the optimizer crawls"."""
    return _bias_refuted("Pitfall 3")


def check_003_4() -> Result:
    """m_hat/sqrt(v_hat) ≈ the gradient's signal-to-noise ratio: only when it is small.

    With i.i.d. gradients of mean mu and sd sigma, m_hat -> mu and v_hat ->
    mu^2 + sigma^2, so the ratio tends to s/sqrt(1+s^2) with s = mu/sigma
    (bounded by 1): within 1% of s only for s <= 0.1425 (solved). Numeric: Adam's
    moments (beta2 = 0.999) on N(mu, 1) streams, averaged over steps 2000..4000
    and 32 seeds: 0.1 -> 0.0995, but 2 -> 0.89.
    """
    s = sp.Symbol("s", positive=True)
    lim = s / sp.sqrt(1 + s**2)
    thr = sp.nsolve(lim / s - sp.Rational(99, 100), s, 0.1)
    lo, hi = _snr_ratio(0.1, seed=41), _snr_ratio(2.0, seed=42)
    ok = abs(lo - 0.1 / math.sqrt(1.01)) < 0.01 and abs(hi - 2 / math.sqrt(5)) < 0.02
    return conditional(
        ok and abs(float(thr) - 0.1425) < 1e-3,
        f"ratio -> s/sqrt(1+s^2): s = 0.1 gives {lo:.4f}, s = 2 gives {hi:.3f}",
        {
            "limit": "s/sqrt(1+s^2)",
            "within_1pct_for_s_below": float(thr),
            "simulated_s0.1": lo,
            "simulated_s2": hi,
        },
        counterexample={"mu": 2.0, "sigma": 1.0, "snr": 2.0, "m_hat/sqrt(v_hat)": hi},
        conditions=r"|\mu| \ll \sigma \text{ (within 1\% for } |\mu|/\sigma \le 0.1425)",
    )


# ---------------------------------------------------------------------------
# Example 1: AdaGrad step by step


@functools.cache
def _example1_exact() -> list[tuple[sp.Expr, sp.Expr]]:
    """(x_k, G_k) for k = 1..3 in exact arithmetic (SymPy)."""
    x, G, out = sp.Integer(5), sp.Integer(0), []
    for _ in range(3):
        g = 20 * x
        G = G + g**2
        x = x - sp.Rational(1, 2) / sp.sqrt(G) * g
        out.append((x, G))
    return out


def _example1_value(k: int, printed: str, what: str) -> Result:
    xe, Ge = _example1_exact()[k - 1]
    exact = float(sp.N(xe if what == "x" else sp.Rational(1, 2) / sp.sqrt(Ge), 30))
    x, G = _example1_long(3)
    sim = float(x[k - 1]) if what == "x" else 0.5 / math.sqrt(G[k - 1])
    agree = abs(sim - exact) <= 1e-13 * abs(exact)
    rel = printed_value(exact, printed)
    ev = {
        "exact": exact,
        "simulated": sim,
        "printed": printed,
        "reading": rel,
        "error": exact - float(printed),
    }
    name = f"{what}_{k}" if what == "x" else f"eta/sqrt(G_{k})"
    if rel == "exact":
        return proved(agree, f"{name} = {exact:.6g}, printed {printed}", ev)
    return approximate(
        agree and rel == "close",
        f"{name} = {exact:.6f}: printed {printed} is off by "
        f"{abs(exact - float(printed)):.1e} (rounded intermediate)",
        ev,
    )


def check_003_5a() -> Result:
    """x_1 = 4.5 (exact: 5 - 0.5*100/100). SymPy exact arithmetic and the AdaGrad run."""
    return _example1_value(1, "4.5", "x")


def check_003_5b() -> Result:
    """x_2 = 4.165: the exact value is 4.165518 (rounds to 4.166); the page rounded
    0.5/134.5*90 to 0.335 first. Off by 5.2e-4, one unit in the last digit."""
    return _example1_value(2, "4.165", "x")


def check_003_5c() -> Result:
    """x_3 = 3.902: exact 3.902281, correctly rounded."""
    return _example1_value(3, "3.902", "x")


def check_003_5d() -> Result:
    """The effective learning rate at step 3 is 0.0032: 0.5/sqrt(G_3) = 0.0031597."""
    return _example1_value(3, "0.0032", "rate")


def check_003_5e() -> Result:
    """ "The effective learning rate shrinks from 0.5 at step 0": it is never 0.5.

    At the first step G_1 = 100^2 already, so 0.5/sqrt(G_1) = 0.005; over the
    three steps it shrinks from 0.005 to 0.0032 (by 37%), not by a factor 156.
    """
    _, G = _example1_long(3)
    rates = [0.5 / math.sqrt(g) for g in G[:3]]
    exact0 = sp.Rational(1, 2) / sp.sqrt(_example1_exact()[0][1])
    ok = exact0 == sp.Rational(1, 200) and abs(rates[0] - 0.005) < 1e-18
    return refuted(
        ok,
        f"effective rates {rates[0]:.4f}, {rates[1]:.4f}, {rates[2]:.4f} at steps 1-3",
        {"rates": rates},
        counterexample={
            "step": 1,
            "G_1": float(G[0]),
            "effective_rate": rates[0],
            "claimed_start": 0.5,
        },
        corrected=r"\eta/\sqrt{G_k} = 0.0050,\ 0.0037,\ 0.0032 \text{ at } k = 1, 2, 3",
    )


def check_003_5e_fix() -> Result:
    """eta/sqrt(G_k) = 0.0050, 0.0037, 0.0032 at k = 1, 2, 3 (exact: 1/200,
    1/(2 sqrt 18100), 0.0031597), each correctly rounded; the run agrees."""
    _, G = _example1_long(3)
    ok, rows = True, []
    for k, printed in ((1, "0.0050"), (2, "0.0037"), (3, "0.0032")):
        exact = float(sp.N(sp.Rational(1, 2) / sp.sqrt(_example1_exact()[k - 1][1]), 30))
        sim = 0.5 / math.sqrt(G[k - 1])
        ok &= printed_value(exact, printed) == "exact" and abs(sim / exact - 1) < 1e-13
        rows.append({"k": k, "exact": exact, "simulated": sim, "printed": printed})
    return proved(ok, "0.0050, 0.0037, 0.0032 are the correctly rounded rates", {"rows": rows})


# ---------------------------------------------------------------------------
# Example 2: RMSprop vs AdaGrad on a long run


@functools.cache
def _example2() -> dict:
    xa, Ga = _adagrad_minimize(lambda v: 2 * v, 10.0, 1000, lr=0.1, eps=1e-8)
    xr, Gr = _rmsprop_minimize(lambda v: 2 * v, 10.0, 1000, lr=0.1, rho=0.9, eps=1e-8)
    xa32, _ = _adagrad_minimize(
        lambda v: 2 * v, np.float32(10.0), 1000, lr=0.1, eps=1e-8, dtype=np.float32
    )
    return {"x_ada": xa, "G_ada": Ga, "x_rms": xr, "G_rms": Gr, "x_ada32": xa32}


def check_003_6a() -> Result:
    """0.1/sqrt(400000) ≈ 0.00016: 1/(2000 sqrt 10) = 1.581e-4, and an AdaGrad run
    fed the constant gradient 20 for 1000 steps has exactly this rate."""
    exact = sp.Rational(1, 10) / sp.sqrt(400_000)
    val = float(sp.N(exact, 20))
    G = _adagrad_history(np.full((1, 1000), 20.0))[0, -1]
    sim = 0.1 / math.sqrt(G)
    ok = sp.simplify(exact - 1 / (2000 * sp.sqrt(10))) == 0 and abs(sim / val - 1) < 1e-13
    ok &= round(val, 5) == 0.00016
    return proved(ok, f"0.1/sqrt(400000) = {val:.4e}", {"exact": val, "simulated": sim})


def check_003_6b() -> Result:
    """ "AdaGrad's effective learning rate has shrunk to approximately 0.00016".

    The 400000 assumes the gradient stays 20, but x shrinks: the run gives
    G_1000 = 1.66e5 and a rate of 2.46e-4, 55% larger.
    """
    e = _example2()
    rate = 0.1 / math.sqrt(e["G_ada"][-1] + 1e-8)
    return refuted(
        rate > 1.4 * 1.5811e-4,
        f"simulated rate after 1000 steps: {rate:.3e}, not 1.6e-4",
        {"rate_1000": rate, "G_1000": float(e["G_ada"][-1])},
        counterexample={
            "f": "x^2",
            "x0": 10,
            "eta": 0.1,
            "steps": 1000,
            "effective_rate": rate,
            "claimed": 0.00016,
        },
        corrected=r"\eta/\sqrt{G_{1000}} \ge 0.1/\sqrt{400000} \approx 1.6\times10^{-4}"
        r"\ \text{(a lower bound, since } |x_k| \le 10)",
    )


def check_003_6b_fix() -> Result:
    """0.1/sqrt(400000) is a lower bound: |x_k| never exceeds 10, so G_1000 <= 1000*400.

    Symbolic: x_{k+1} = x_k (1 - 2 eta/sqrt(G_k)) and |1 - 2 eta/sqrt(G)| <= 1
    when sqrt(G) >= eta (G_1 = 400 >= 0.01): decided. Numeric: |x_k| is
    non-increasing along the run and the rate 2.46e-4 >= 1.58e-4.
    """
    gg = sp.Symbol("G", positive=True)
    eta = sp.Rational(1, 10)
    d_hi = decide(1 - 2 * eta / sp.sqrt(gg + eta**2), "<=", sp.Integer(1))
    d_lo = decide(1 - 2 * eta / sp.sqrt(gg + eta**2), ">=", sp.Integer(-1))
    e = _example2()
    mono = bool(np.all(np.diff(np.abs(np.r_[10.0, e["x_ada"]])) <= 0))
    rate = 0.1 / math.sqrt(e["G_ada"][-1] + 1e-8)
    ok = d_hi.verdict == "true" and d_lo.verdict == "true" and mono and rate >= 1.5811e-4
    return proved(
        ok,
        f"|x_k| non-increasing; rate {rate:.3e} >= 1.581e-4",
        {"decide": [d_hi.method, d_lo.method], "monotone": mono, "rate": rate},
    )


def check_003_6c() -> Result:
    """ "The parameter barely moves" (AdaGrad, 1000 steps): it covers 54% of the way.

    Quantitative reading: |x_1000 - x_0| / |x_0|. The run goes from 10 to 4.63;
    its last step is still 0.0023 (2.3% of the first step, 0.1).
    """
    e = _example2()
    x = e["x_ada"]
    frac = (10.0 - float(x[-1])) / 10.0
    last = abs(float(x[-1] - x[-2]))
    return refuted(
        frac > 0.5,
        f"x goes from 10 to {float(x[-1]):.3f} ({frac:.0%} of the way to 0)",
        {"x_1000": float(x[-1]), "fraction_moved": frac, "last_step": last},
        counterexample={"f": "x^2", "x0": 10, "eta": 0.1, "steps": 1000, "x_1000": float(x[-1])},
        corrected=r"\text{AdaGrad: } x_{1000} = 4.63 \text{ (from } x_0 = 10),"
        r"\ |x_{1000}-x_{999}| = 0.0023",
    )


def check_003_6c_fix() -> Result:
    """AdaGrad reaches x_1000 = 4.63 with a last step of 0.0023: the float64 and
    float32 runs agree to 1e-3 (the value is not a rounding artefact)."""
    e = _example2()
    x64, x32 = float(e["x_ada"][-1]), float(e["x_ada32"][-1])
    last = abs(float(e["x_ada"][-1] - e["x_ada"][-2]))
    ok = abs(x64 - x32) < 1e-3 and round(x64, 2) == 4.63 and round(last, 4) == 0.0023
    return confirmed(
        ok,
        f"x_1000 = {x64:.5f} (float32: {x32:.5f}), last step {last:.5f}",
        {
            "x_1000_float64": x64,
            "x_1000_float32": x32,
            "last_step": last,
            "tolerance": "1e-3: float32 rounding over 1000 steps",
        },
    )


def check_003_6d() -> Result:
    """ "RMSprop: x_1000 will be much closer to 0": |x_1000| = 0.05 vs AdaGrad's 4.63.

    Reading: RMSprop's |x_1000| is below a tenth of AdaGrad's. RMSprop's steps
    are ~eta in size, so it reaches 0 in ~100 steps and then oscillates within
    about eta/2 of it.
    """
    e = _example2()
    xr, xa = abs(float(e["x_rms"][-1])), abs(float(e["x_ada"][-1]))
    return confirmed(
        xr < 0.1 * xa,
        f"|x_1000|: RMSprop {xr:.3f}, AdaGrad {xa:.3f}",
        {
            "rmsprop": xr,
            "adagrad": xa,
            "rmsprop_max_abs_last_100": float(np.max(np.abs(e["x_rms"][-100:]))),
        },
    )


def check_003_6e() -> Result:
    """ "RMSprop … continues converging": with a constant eta it stops at |x| = eta/2.

    On f = x^2, once G tracks g^2 = 4x^2 the step is eta sign(x), and x = eta/2 maps
    to -eta/2: a 2-cycle (symbolic). The run of Example 2 sits at |x| = 0.05 for
    its last 100 steps (to 1e-6), no closer to 0.
    """
    e = _example2()
    tail = np.abs(e["x_rms"][-100:])
    xx = sp.Symbol("x", positive=True)
    eta = sp.Rational(1, 10)
    cycle = sp.simplify((xx - eta * 2 * xx / sp.sqrt(4 * xx**2)).subs(xx, eta / 2))
    ok = cycle == -eta / 2 and float(np.max(np.abs(tail - 0.05))) < 1e-6
    return refuted(
        ok,
        f"RMSprop's last 100 iterates have |x| = {float(tail.mean()):.6f}: a 2-cycle",
        {
            "cycle_image_of_eta/2": str(cycle),
            "max_dev_from_0.05": float(np.max(np.abs(tail - 0.05))),
        },
        counterexample={
            "f": "x^2",
            "x0": 10,
            "eta": 0.1,
            "rho": 0.9,
            "x_901..1000": "alternate +-0.05",
        },
        corrected=r"\text{RMSprop with constant } \eta \text{ on } x^2 \text{ ends in the 2-cycle }"
        r"x = \pm\eta/2",
    )


def check_003_6e_fix() -> Result:
    """RMSprop on f = x^2 (eta = 0.1, rho = 0.9) ends in the 2-cycle x = ±eta/2.

    Symbolic: x - eta*2x/sqrt(4x^2) at x = eta/2 is -eta/2 and at -eta/2 is eta/2.
    Numeric: consecutive iterates of the run alternate in sign with |x| = 0.05.
    """
    e = _example2()
    tail = e["x_rms"][-100:]
    xx = sp.Symbol("x", real=True)
    eta = sp.Rational(1, 10)
    step = xx - eta * 2 * xx / sp.sqrt(4 * xx**2)
    ok = step.subs(xx, eta / 2) == -eta / 2 and step.subs(xx, -eta / 2) == eta / 2
    ok &= (
        bool(np.all(tail[1:] * tail[:-1] < 0)) and float(np.max(np.abs(np.abs(tail) - 0.05))) < 1e-6
    )
    return proved(ok, "iterates alternate between +0.05 and -0.05", {"last": float(tail[-1])})


def check_003_15() -> Result:
    """AdaGrad's key property: larger historical gradients give a smaller rate.

    d/dG [eta/sqrt(G + eps)] = -eta/(2 (G+eps)^{3/2}) < 0 (decided). Numeric:
    AdaGrad on two coordinates with gradient scales 10 and 0.1: the rate of the
    first is 100 times smaller at every step.
    """
    gg = sp.Symbol("G", nonnegative=True)
    deriv = sp.diff(S.alpha / sp.sqrt(gg + S.eps), gg)
    neg = sp.simplify(deriv + S.alpha / (2 * (gg + S.eps) ** sp.Rational(3, 2))) == 0
    rng = np.random.default_rng(45)
    sgn = rng.choice([-1.0, 1.0], size=(2, 200))
    G = _adagrad_history(sgn * np.array([[10.0], [0.1]]))
    ratio = np.sqrt(G[0] + 1e-8) / np.sqrt(G[1] + 1e-8)
    # eps = 1e-8 shifts the ratio by at most 100 * eps/(2 G_1) = 5e-5
    ok = neg and bool(np.all(np.abs(ratio - 100) < 1e-4))
    return proved(
        ok,
        "rate ratio of the two coordinates is 100 at every step",
        {
            "derivative": sp.sstr(deriv),
            "min_ratio": float(ratio.min()),
            "max_ratio": float(ratio.max()),
        },
    )


# ---------------------------------------------------------------------------
# Example 3 and the practice problems


def check_003_7a() -> Result:
    """m_1 = 0.9*0 + 0.1*2 = 0.2 and m_hat_1 = 0.2/(1-0.9) = 2 (symbolic and simulated)."""
    m1 = sp.Rational(9, 10) * 0 + sp.Rational(1, 10) * 2
    mh = m1 / (1 - sp.Rational(9, 10))
    m_num, _ = _adam_first_moments(2.0)
    ok = m1 == sp.Rational(1, 5) and mh == 2 and abs(m_num - 0.2) < 1e-16
    return proved(ok, "m_1 = 0.2, m_hat_1 = 2", {"m1_simulated": m_num})


def check_003_7b() -> Result:
    """ "Without bias correction, Adam's first step … takes an unexpectedly small step"
    ("10x smaller"): Adam's uncorrected first step is 3.16x the corrected one.

    Both moments are uncorrected: m_1/sqrt(v_1) = 0.1*2/sqrt(0.001*4) = 3.162.
    Run: from x = 1, eta = 1e-3, the uncorrected first step is 3.162e-3.
    """
    unc, cor = _first_steps_example3()
    return refuted(
        abs(unc / cor - math.sqrt(10)) < 1e-9,
        f"first step: uncorrected {unc:.4e}, corrected {cor:.4e} (ratio {unc / cor:.3f})",
        {"uncorrected": unc, "corrected": cor},
        counterexample={
            "f": "x^2",
            "x0": 1,
            "eta": 1e-3,
            "beta1": 0.9,
            "beta2": 0.999,
            "uncorrected_step": unc,
            "corrected_step": cor,
        },
        corrected=r"\Delta x_1^{\text{uncorrected}} = -\eta\frac{1-\beta_1}{\sqrt{1-\beta_2}}"
        r"\operatorname{sign}(g_1) \approx -3.16\,\eta",
    )


def check_003_7b_fix() -> Result:
    """Uncorrected first step = eta (1-beta1)/sqrt(1-beta2) sign(g) = 3.162 eta (defaults).

    Symbolic: (1-b1) g/sqrt((1-b2) g^2) for g > 0. Numeric: 002's Adam run.
    """
    gp = sp.Symbol("g", positive=True)
    expr = sp.simplify((1 - b1) * gp / sp.sqrt((1 - b2) * gp**2))
    val = float(expr.subs({b1: sp.Rational(9, 10), b2: sp.Rational(999, 1000)}))
    unc, _ = _first_steps_example3()
    ok = sp.simplify(expr - (1 - b1) / sp.sqrt(1 - b2)) == 0 and abs(unc / 1e-3 - val) < 1e-9
    return proved(
        ok, f"(1-beta1)/sqrt(1-beta2) = {val:.4f}", {"ratio": val, "simulated": unc / 1e-3}
    )


def check_003_7c() -> Result:
    """The factor 1/(1-beta1^k) goes from 10 to ≈ 1: within 1% of 1 from k = 44.

    Symbolic: 1/(1-0.9^k) <= 1.01 iff k >= ln(1/101)/ln(0.9) = 43.8. Numeric:
    the EMA of a constant gradient from 0 first reaches 1/1.01 of it at k = 44.
    """
    k_sym = int(sp.ceiling(sp.log(sp.Rational(1, 101)) / sp.log(sp.Rational(9, 10))))
    m = _ema(np.ones((1, 200)), beta=0.9)[0]
    k_num = int(np.argmax(1 / m <= 1.01)) + 1
    return approximate(
        k_sym == k_num and abs(1 / m[0] - 10) < 1e-12,
        f"1/(1-0.9^k) is 10 at k = 1 and within 1% of 1 from k = {k_num}",
        {"k_symbolic": k_sym, "k_simulated": k_num},
    )


def check_003_8a() -> Result:
    """Alternating +g, -g: sqrt(v_hat) = |g| exactly (v_hat = (1-b2^k) g^2/(1-b2^k))."""
    ok = sp.cancel((1 - b2) * S.geometric_sum(b2, S.t) * S.g**2 / (1 - b2**S.t) - S.g**2) == 0
    g = np.tile([1.5, -1.5], 100)[None, :]
    v = _ema(g * g, beta=0.999)[0]
    vhat = v / -np.expm1(np.arange(1, 201) * math.log(0.999))
    with np.errstate(invalid="ignore"):  # a broken recursion may go negative: NaN fails below
        err = float(np.max(np.abs(np.sqrt(vhat) / 1.5 - 1)))
    return proved(ok and err < 1e-12, "sqrt(v_hat) = |g| at every step", {"max_rel_error": err})


def check_003_8b() -> Result:
    """ "m_hat ≈ 0 … effective step ≈ 0" for alternating gradients: it is
    (1-beta1)/(1+beta1) = 5.3% of a full step at beta1 = 0.9, alternating in sign.

    Symbolic: m_k/g = (1-b) sum_{tau<k} b^tau (-1)^tau -> (1-b)/(1+b). Numeric:
    Adam on g_k = (-1)^k: |step|/eta at k = 200 is 0.0526 (0.5% at beta1 = 0.99).
    """
    # (1-b) sum_{tau<t} (-b)^tau = (1-b)/(1+b) - (-1)^t (1-b) b^t/(1+b): the second
    # term's magnitude tends to 0
    ident = sp.cancel(
        (1 - b1) * S.geometric_sum(-b1, S.t)
        - (1 - b1) / (1 + b1)
        + (-1) ** S.t * (1 - b1) * b1**S.t / (1 + b1)
    )
    tail = S.limit_t_to_infinity((1 - b1) * b1**S.t / (1 + b1), b1)
    ok = sp.simplify(ident) == 0 and tail == 0
    g = np.tile([1.0, -1.0], 150)[None, :]
    rows = {}
    for bv in (0.9, 0.99):
        upd = _adam_updates(g, lr=1.0, beta1=bv, beta2=0.999, eps=0.0)
        rows[str(bv)] = float(abs(upd[0, 199]))
        ok &= abs(rows[str(bv)] - (1 - bv) / (1 + bv)) < 0.02 * (1 - bv)
    return approximate(
        ok,
        f"|step|/eta -> (1-b1)/(1+b1): {rows['0.9']:.4f} at b1 = 0.9",
        {"limit": "(1-beta1)/(1+beta1)", "simulated_k200": rows},
    )


def check_003_9a() -> Result:
    """beta2 = 0.9999 has an effective window 1/(1-beta2) = 10,000 (0.999: 1000).

    Read as the mean age of the EMA weights: sum_{tau>=1} tau (1-b) b^(tau-1)
    = 1/(1-b) (SymPy, b = 1/(1+x)). Numeric: the impulse response of the real
    EMA recursion (150,000 steps) has mean age 10,000 within 1e-4.
    """
    x = sp.Symbol("x", positive=True)
    tau = sp.Symbol("tau", integer=True, positive=True)
    bb = 1 / (1 + x)
    s = sp.summation(tau * (1 - bb) * bb ** (tau - 1), (tau, 1, sp.oo))
    ok = sp.simplify(s - 1 / (1 - bb)) == 0
    ages = {}
    for bv, n in ((0.9999, 150_000), (0.999, 20_000)):
        w = _ema(np.r_[1.0, np.zeros(n - 1)][None, :], beta=bv)[0]  # weight of g_1 at t
        # weight of a gradient of age a = t is (1-b) b^(a-1): the impulse response
        ages[str(bv)] = float(np.sum(np.arange(1, n + 1) * w))
        ok &= abs(ages[str(bv)] * (1 - bv) - 1) < 1e-4
    return proved(
        ok,
        f"mean age {ages['0.9999']:.1f} at 0.9999, {ages['0.999']:.1f} at 0.999",
        {"symbolic": "sum tau (1-b) b^(tau-1) = 1/(1-b)", "mean_age": ages},
    )


def check_003_9b() -> Result:
    """beta2 = 0.9999: "v_hat stays large for thousands of steps after gradients shrink".

    Gradients of size 1 for 30,000 steps, then 0.01: v_hat is still 0.90 after
    1000 steps and 0.59 after 5000 (the new level is 1e-4), so the step is
    about 1/77 of eta for thousands of steps; sqrt(v_hat) gets within 2x of the
    new |g| only after ~78,000 steps (symbolic: 0.9999^n * 0.95 <= 3e-4).
    """
    n_sym = float(
        sp.log(sp.Rational(3, 10**4) / sp.Rational(95, 100)) / sp.log(sp.Rational(9999, 10**4))
    )
    vh = _vhat_after_drop(before=30_000, after=5000)
    ok = vh[999] > 0.5 and vh[4999] > 0.5 and n_sym > 5000
    return confirmed(
        ok,
        f"v_hat after the drop: {vh[999]:.3f} at +1000, {vh[4999]:.3f} at +5000",
        {
            "v_hat_+1000": float(vh[999]),
            "v_hat_+5000": float(vh[4999]),
            "new_level": 1e-4,
            "steps_to_within_2x": n_sym,
        },
    )


def check_003_10a() -> Result:
    """AdaGrad, |g| = 1, eta = 0.1, eps = 1e-8: effective rate 0.01 at k = 100.

    Exact: 0.1/sqrt(100 + 1e-8) = 0.01 (1 - 5e-11). The AdaGrad run on a ±1
    stream has G_100 = 100 exactly.
    """
    return _practice3(100, "0.01")


def check_003_10b() -> Result:
    """Effective rate 0.001 at k = 10,000 (0.1/sqrt(10^4 + 1e-8))."""
    return _practice3(10_000, "0.001")


def _practice3(k: int, printed: str) -> Result:
    exact = sp.Rational(1, 10) / sp.sqrt(k + sp.Rational(1, 10**8))
    val = float(sp.N(exact, 30))
    rng = np.random.default_rng(43)
    G = _adagrad_history(rng.choice([-1.0, 1.0], size=(1, k)))[0, -1]
    sim = 0.1 / math.sqrt(G + 1e-8)
    ok = G == float(k) and abs(sim / val - 1) < 1e-14
    ok &= printed_value(val, printed) == "exact"
    return proved(
        ok, f"0.1/sqrt({k} + 1e-8) = {val:.12g}", {"exact": val, "simulated": sim, "G": float(G)}
    )


def check_003_11a() -> Result:
    """Half-life ln(0.5)/ln(0.9) = 6.579 ≈ 6.6: the EMA weight of an old value
    halves between steps 6 and 7 (run with initial value 1 and zero inputs)."""
    return _half_life(0.9, "6.6")


def check_003_11b() -> Result:
    """Half-life ln(0.5)/ln(0.99) = 68.97 ≈ 69: crossing between steps 68 and 69."""
    return _half_life(0.99, "69")


def _half_life(r: float, printed: str) -> Result:
    exact = sp.log(sp.Rational(1, 2)) / sp.log(sp.nsimplify(r))
    val = float(sp.N(exact, 30))
    try:
        from adaproof.derivations.ema import half_life

        lib = half_life(beta=S.beta)
        ok = sp.simplify(lib.subs(S.beta, sp.nsimplify(r)) - exact) == 0
    except ImportError:
        ok = True
    w = _ema(np.zeros((1, 200)), beta=r, init=1.0)[0]
    n_below = int(np.argmax(w <= 0.5)) + 1
    ok &= n_below - 1 < val <= n_below and printed_value(val, printed) == "exact"
    return proved(
        ok,
        f"half-life {val:.4f}; the weight drops below 1/2 at step {n_below}",
        {"exact": val, "first_step_below_half": n_below, "printed": printed},
    )


def check_003_11c() -> Result:
    """Effective window 1/(1-rho): 10 for rho = 0.9, 100 for rho = 0.99 (mean age of
    the EMA weights; the last 1/(1-rho) gradients carry 65% and 63% of the weight)."""
    x = sp.Symbol("x", positive=True)
    tau = sp.Symbol("tau", integer=True, positive=True)
    bb = 1 / (1 + x)
    s = sp.summation(tau * (1 - bb) * bb ** (tau - 1), (tau, 1, sp.oo))
    ok = sp.simplify(s - 1 / (1 - bb)) == 0
    rows = {}
    for r, n in ((0.9, 400), (0.99, 4000)):
        w = _ema(np.r_[1.0, np.zeros(n - 1)][None, :], beta=r)[0]
        age = float(np.sum(np.arange(1, n + 1) * w))
        mass = float(np.sum(w[: round(1 / (1 - r))]))
        ok &= abs(age * (1 - r) - 1) < 1e-9
        rows[str(r)] = {"mean_age": age, "weight_of_last_window": mass}
    return proved(ok, "mean age 10 and 100", {"rows": rows})


def check_003_12() -> Result:
    """AdamW's decoupled decay avoids over-regularising parameters with small gradients.

    Symbolic: the page's x - eta(m_hat/(sqrt(v_hat)+eps) + lambda x) =
    (1 - eta lambda) x - eta m_hat/(sqrt(v_hat)+eps); with L2 in the gradient the
    decay is divided by sqrt(v_hat). Numeric (eta = 1e-3, lambda = 1e-2, 500
    steps, x0 = 1): coordinate A has no loss gradient, B a loss gradient ±1.
    Shrinkage is measured against the same run with lambda = 0. Adam+L2 shrinks
    A by ~44% (its only gradient, lambda x, is normalised to a full step) and B
    by 0.5%; AdamW shrinks both by the same factor 0.995.
    """
    xx, mh, vh = sp.symbols("x m v", positive=True)
    eta, lam = S.alpha, S.lam
    page = xx - eta * (mh / (sp.sqrt(vh) + S.eps) + lam * xx)
    ok = sp.expand(page - ((1 - eta * lam) * xx - eta * mh / (sp.sqrt(vh) + S.eps))) == 0
    r = _decay_experiment()
    ok &= abs(r["w_A"] - r["w_B"]) < 1e-4 and (1 - r["l2_A"]) > 50 * (1 - r["l2_B"])
    return confirmed(
        ok,
        f"Adam+L2 keeps A {r['l2_A']:.3f}, B {r['l2_B']:.4f}; AdamW A "
        f"{r['w_A']:.4f}, B {r['w_B']:.4f}",
        r,
    )


def check_003_13a() -> Result:
    """ "epsilon = 1e-8 is too large for float16 (it dominates the denominator)": in
    float16 it is 0.

    1e-8 is below half the smallest positive float16 (2^-24 = 5.96e-8), so it
    rounds to 0 and cannot dominate anything; with gradients of 1e-4 the float16
    v underflows too and Adam's step is infinite.
    """
    ok = sp.Rational(1, 10**8) < sp.Rational(1, 2**25)
    e16 = float(np.float16(1e-8))
    step = _float16_adam_step(eps=1e-8)
    return refuted(
        ok and e16 == 0.0 and not math.isfinite(step),
        f"float16(1e-8) = {e16}; Adam step with |g| = 1e-4 in float16: {step}",
        {"float16_eps": e16, "smallest_float16": 2.0**-24, "step": str(step)},
        counterexample={
            "dtype": "float16",
            "eps": 1e-8,
            "g": 1e-4,
            "eps_as_float16": e16,
            "step": str(step),
        },
        corrected=r"\text{float16: } \epsilon=10^{-8} \text{ rounds to } 0;\ "
        r"\text{use } \epsilon \ge 2^{-24} \text{ (e.g. } 10^{-4})",
    )


def check_003_13a_fix() -> Result:
    """In float16 eps = 1e-8 rounds to 0 and Adam's step on |g| = 1e-4 is infinite,
    while eps = 1e-4 (representable) gives a finite step of about eta: m_hat = 1e-4,
    v_hat underflows to 0, the denominator is eps = 1e-4. Run in float16."""
    bad, good = _float16_adam_step(eps=1e-8), _float16_adam_step(eps=1e-4)
    # float16 rounding of m_hat (a subnormal m) allows ~1% around eta
    ok = not math.isfinite(bad) and math.isfinite(good) and abs(abs(good) / 1e-3 - 1) < 0.02
    return confirmed(
        ok,
        f"float16 step: eps 1e-8 -> {bad}, eps 1e-4 -> {good:.3g}",
        {"step_eps_1e-8": str(bad), "step_eps_1e-4": good, "eta": 1e-3},
    )


def check_003_13b() -> Result:
    """ "[epsilon = 1e-8 is] unnecessary for float64": only while every coordinate has
    seen a non-zero gradient. A coordinate with only zero gradients gives 0/0 in
    any precision: float64 Adam with eps = 0 returns NaN there."""
    out = _zero_coordinate_float64()
    return conditional(
        not out["finite_without_eps"] and out["finite_with_eps"],
        "eps = 0 in float64: 0/0 for a coordinate whose gradients are all zero",
        out,
        counterexample={
            "dtype": "float64",
            "eps": 0.0,
            "g": "(1, 0) for 3 steps",
            "second_coordinate": out["second"],
        },
        conditions=r"\hat{v}_k > 0 \text{ in every coordinate}",
    )


def check_003_14a() -> Result:
    """Table, "Doesn't die": AdaGrad ✗, SGD/momentum/RMSprop/Adam ✓ — AdaGrad's rate
    dies only when sum g^2 diverges (see 003-1b); RMSprop's and Adam's are bounded
    below by eta/sqrt(sup g^2 + eps) (003-2b)."""
    _, G = _example1_long(2000)
    rate = 0.5 / math.sqrt(G[-1])
    e = _example2()
    rms_rate = 0.1 / math.sqrt(e["G_rms"][-1] + 1e-8)
    return conditional(
        rate > 1e-3 and rms_rate > 0.1 / 20,
        f"AdaGrad on a converging run keeps rate {rate:.4f}; RMSprop's stays {rms_rate:.3g}",
        {"adagrad_rate_2000": rate, "rmsprop_rate_1000": rms_rate},
        counterexample={
            "f": "10x^2",
            "x0": 5,
            "eta": 0.5,
            "steps": 2000,
            "adagrad_effective_rate": rate,
        },
        conditions=r"\sum_k g_k^2 = \infty",
    )


def check_003_14b() -> Result:
    """Table, "Bias correction: N/A" for RMSprop: RMSprop's G starts at 0 and has
    exactly Adam's bias, G_k = (1-rho^k) g^2 for a constant gradient; its first
    step is eta/sqrt(1-rho) = 3.16 eta at rho = 0.9 (a run shows it)."""
    step1 = _rmsprop_first_step(rho=0.9)
    return refuted(
        abs(step1 - math.sqrt(10)) < 1e-6,
        f"RMSprop's first step is {step1:.4f} eta (bias toward zero in G)",
        {"first_step_over_eta": step1},
        counterexample={
            "rho": 0.9,
            "g": "constant",
            "step_1_over_eta": step1,
            "bias_corrected": 1.0,
        },
        corrected=r"\text{RMSprop: } G_k = (1-\rho^k)g^2 \text{ for constant } g;\ "
        r"G_k/(1-\rho^k) \text{ removes the bias}",
    )


def check_003_14b_fix() -> Result:
    """RMSprop's G_k = (1-rho^k) g^2 for a constant gradient (geometric sum), so the
    correction G_k/(1-rho^k) applies; the RMSprop run matches to 1e-13."""
    ok = sp.cancel((1 - rho) * S.geometric_sum(rho, S.t) - (1 - rho**S.t)) == 0
    G = _rmsprop_history(np.full((1, 50), 3.0), rho=0.9)[0]
    err = float(np.max(np.abs(G / (9.0 * -np.expm1(np.arange(1, 51) * math.log(0.9))) - 1)))
    return proved(ok and err < 1e-13, "G_k = (1 - rho^k) g^2", {"max_rel_error": err})


# ---------------------------------------------------------------------------
# numeric adapters onto numerics (time on the last axis here, the first axis there)


def _ema(u, *, beta, init=0.0):
    from adaproof.reports.simulate import ema

    return ema(u, beta=beta, init=init)


def _adam_updates(grads, **kw):
    from adaproof.reports.simulate import adam_updates

    return adam_updates(grads, **kw)


def _adagrad_history(g: np.ndarray) -> np.ndarray:
    """G_k along the last axis: numerics AdaGrad's accumulator on the stream."""
    stream = np.moveaxis(np.asarray(g, float), -1, 0)
    return np.moveaxis(feed("adagrad", stream, lr=1.0).states["G"], 0, -1)


def _rmsprop_history(g: np.ndarray, rho: float) -> np.ndarray:
    """RMSprop's G_k along the last axis: the EMA of g² (parameter ρ) run by numerics
    (through seed_002._ema_run, so a corrupted EMA shows up here too)."""
    return _ema(np.asarray(g, float) ** 2, beta=rho)


def _gradients_along(grad_fn, xs: np.ndarray) -> np.ndarray:
    return np.array([grad_fn(x) for x in xs], dtype=xs.dtype)


def _adagrad_minimize(grad_fn, x0, steps, *, lr, eps, dtype=np.float64):
    """AdaGrad with ε inside the root, x_k = x_{k-1} - η g/√(G_k+ε) (the page's form):
    numerics.run.minimize (eps_placement="inside"); returns (x_1..x_n, G_1..G_n), G from
    the gradients at the iterates the run visited."""
    tr = minimize(
        "adagrad",
        lambda x, t: grad_fn(x),
        np.asarray(x0, dtype=dtype),
        steps,
        lr=lr,
        eps=eps,
        eps_placement="inside",
    )
    xs = tr.x
    G = np.cumsum(_gradients_along(grad_fn, xs[:-1]) ** 2, dtype=dtype)
    return xs[1:], G


def _rmsprop_minimize(grad_fn, x0, steps, *, lr, rho, eps):
    """RMSprop with ε inside the root: numerics.run.minimize (eps_placement="inside");
    returns (x_1..x_n, G_1..G_n), G the accumulator over the gradients the run saw."""
    tr = minimize(
        "rmsprop",
        lambda x, t: grad_fn(x),
        np.asarray(float(x0)),
        steps,
        lr=lr,
        rho=rho,
        eps=eps,
        eps_placement="inside",
    )
    xs = tr.x
    G = _rmsprop_history(_gradients_along(grad_fn, xs[:-1])[None, :], rho)[0]
    return xs[1:], G


@functools.cache
def _adagrad_displacements(n: int) -> dict:
    eta = 0.1
    g = np.ones((1, 2 * n))
    G = _adagrad_history(g)[0]
    steps = eta * g[0] / np.sqrt(G)
    k = np.arange(1, 2 * n + 1)
    first, second = float(np.sum(steps[:n])), float(np.sum(steps[n:]))
    rng = np.random.default_rng(44)
    gr = rng.choice([-1.0, 1.0], size=(1, 2 * n))
    sr = np.abs(eta * gr[0] / np.sqrt(_adagrad_history(gr)[0]))
    return {
        "first": first,
        "second": second,
        "ratio_linear": second / first,
        "ratio_random_signs_abs_steps": float(np.sum(sr[n:]) / np.sum(sr[:n])),
        "step_10000_over_first": float(steps[n - 1] / steps[0]),
        "step_error": float(np.max(np.abs(steps / (eta / np.sqrt(k)) - 1))),
    }


def _adam_first_moments(g: float) -> tuple[float, float]:
    m = _ema(np.array([[g]]), beta=0.9)[0, 0]
    v = _ema(np.array([[g * g]]), beta=0.999)[0, 0]
    return float(m), float(v)


def _uncorrected_over_corrected(steps: int) -> dict:
    g = np.ones((1, steps))
    m = _ema(g, beta=0.9)[0]
    v = _ema(g, beta=0.999)[0]
    k = np.arange(1, steps + 1)
    unc = m / np.sqrt(v)
    cor = _adam_updates(g, lr=1.0, beta1=0.9, beta2=0.999, eps=0.0)[0] * -1
    ratio = unc / cor
    formula = (1 - 0.9**k) / np.sqrt(-np.expm1(k * math.log(0.999)))
    return {
        "ratio": ratio,
        "min": float(ratio.min()),
        "max": float(ratio.max()),
        "argmax": int(ratio.argmax()) + 1,
        "formula_error": float(np.max(np.abs(ratio / formula - 1))),
    }


def _snr_ratio(mu: float, seed: int) -> float:
    rng = np.random.default_rng(seed)
    g = rng.normal(mu, 1.0, size=(32, 4000))
    m = _ema(g, beta=0.9)
    v = _ema(g * g, beta=0.999)
    k = np.arange(1, 4001)
    r = (m / (1 - 0.9**k)) / np.sqrt(v / -np.expm1(k * math.log(0.999)))
    return float(np.mean(r[:, 2000:]))


def _first_steps_example3() -> tuple[float, float]:
    g = np.array([[2.0]])
    m, v = _adam_first_moments(2.0)
    unc = 1e-3 * m / math.sqrt(v)
    cor = -float(_adam_updates(g, lr=1e-3, beta1=0.9, beta2=0.999, eps=0.0)[0, 0])
    return float(unc), cor


@functools.cache
def _vhat_after_drop(before: int, after: int) -> np.ndarray:
    g = np.r_[np.ones(before), np.full(after, 0.01)][None, :]
    v = _ema(g * g, beta=0.9999)[0]
    k = np.arange(1, before + after + 1)
    return (v / -np.expm1(k * math.log(0.9999)))[before:]


def _decay_experiment() -> dict:
    runs = {mode: _decay_run(mode, 1e-2) for mode in ("l2", "w")}
    base = _decay_run("w", 0.0)
    return {
        f"{mode}_{c}": float(runs[mode][i] / base[i])
        for mode in ("l2", "w")
        for i, c in enumerate("AB")
    }


def _decay_run(mode: str, lam: float) -> np.ndarray:
    eta, n = 1e-3, 500
    x = np.array([1.0, 1.0])
    m = np.zeros(2)
    v = np.zeros(2)
    for t in range(1, n + 1):
        g = np.array([0.0, (-1.0) ** t])
        if mode == "l2":
            g = g + lam * x
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        upd = eta * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        x = x - upd - (eta * lam * x if mode == "w" else 0.0)
    return x


def _float16_adam_step(eps: float) -> float:
    f = np.float16
    g = f(1e-4)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore", under="ignore"):
        m = f(0.9) * f(0) + f(0.1) * g
        v = f(0.999) * f(0) + f(0.001) * g * g
        mh = m / (f(1) - f(0.9))
        vh = v / (f(1) - f(0.999))
        return float(-f(1e-3) * (mh / (np.sqrt(vh) + f(eps))))  # ratio first, as PyTorch


def _zero_coordinate_float64() -> dict:
    from adaproof.reports.simulate import adam_zero_coordinate as _adam_zero_coordinate

    a, b = _adam_zero_coordinate(eps=0.0), _adam_zero_coordinate(eps=1e-8)
    return {
        "finite_without_eps": a["finite"],
        "finite_with_eps": b["finite"],
        "second": a["second"],
    }


def _rmsprop_first_step(rho: float) -> float:
    G = _rmsprop_history(np.array([[1.0]]), rho=rho)[0, 0]
    return float(1.0 / math.sqrt(G))


# ---------------------------------------------------------------------------


_c = functools.partial(make_claim, SOURCE)


_ADA, _RMS, _ADAM = (
    "AdaGrad (Duchi et al., 2011)",
    "RMSprop (Tieleman & Hinton, 2012)",
    ("Adam (Kingma & Ba, 2015)"),
)
_EX1, _EX2, _EX3 = "Worked Example 1", "Worked Example 2", "Worked Example 3"

CLAIMS: list[Claim] = [
    _c(
        "003-1a",
        _ADA + ", critical limitation",
        "003-1",
        r"G_k = G_{k-1} + \nabla f(\mathbf{x}_k)\odot\nabla f(\mathbf{x}_k)"
        r" \text{ grows monotonically and never decreases}",
        INQ,
        PROVED,
        check_003_1a,
        "AdaGrad's accumulator is monotone",
    ),
    _c(
        "003-1b",
        _ADA + ", critical limitation",
        "003-1",
        r"\text{effective learning rate } \frac{\eta}{\sqrt{G_k+\epsilon}} \text{ shrinks to zero}",
        LIM,
        CONDITIONAL,
        check_003_1b,
        "AdaGrad's rate shrinks to zero",
    ),
    _c(
        "003-1c",
        "Pitfall 1",
        "003-1",
        r"\text{AdaGrad: after} \sim 10{,}000+ \text{ iterations, parameters stop updating}",
        QUAL,
        REFUTED,
        check_003_1c,
        "AdaGrad stops updating",
        corrected_by="003-1c.fix",
    ),
    _c(
        "003-1c.fix",
        "Pitfall 1 (corrected)",
        "003-1",
        r"|g_k| \equiv g:\ |\Delta x_k| = \frac{\eta}{\sqrt{k}},\ \sum_{k=n+1}^{2n}"
        r"\frac{\eta}{\sqrt{k}} \ge 2\eta(\sqrt{2n+1}-\sqrt{n+1})",
        INQ,
        PROVED,
        check_003_1c_fix,
        "AdaGrad slows like 1/sqrt(k) but keeps moving",
    ),
    _c(
        "003-2a",
        _RMS + ", key property",
        "003-2",
        r"G_k = \rho G_{k-1} + (1-\rho)\nabla f\odot\nabla f \text{ can go up AND down}",
        IDN,
        PROVED,
        check_003_2a,
        "RMSprop's accumulator goes up and down",
    ),
    _c(
        "003-2b",
        _RMS + ", key property",
        "003-2",
        r"\text{RMSprop does not stop learning}",
        INQ,
        PROVED,
        check_003_2b,
        "RMSprop's rate is bounded below",
    ),
    _c(
        "003-3a",
        _ADAM + ", bias correction",
        "003-3",
        r"\mathbf{m}_1 = (1-\beta_1)\nabla f(\mathbf{x}_1),\ \mathbf{v}_1 = (1-\beta_2)"
        r"\nabla f(\mathbf{x}_1)^2 \text{ (biased toward zero)}",
        IDN,
        PROVED,
        check_003_3a,
        "first moments after one step",
    ),
    _c(
        "003-3b",
        _ADAM + ", bias correction",
        "003-3",
        r"\text{without [bias correction], early iterations take tiny steps}",
        QUAL,
        REFUTED,
        check_003_3b,
        "no bias correction means tiny steps",
        corrected_by="003-3b.fix",
    ),
    _c(
        "003-3b.fix",
        _ADAM + ", bias correction (corrected)",
        "003-3",
        r"\frac{|\Delta x_k^{\text{uncorr.}}|}{|\Delta x_k^{\text{corr.}}|} ="
        r" \frac{1-\beta_1^k}{\sqrt{1-\beta_2^k}}\ (\text{constant } g)",
        IDN,
        PROVED,
        check_003_3b_fix,
        "uncorrected/corrected step ratio",
    ),
    _c(
        "003-3c",
        "Pitfall 3",
        "003-3",
        r"\text{Without dividing by } 1-\beta_1^k \text{ and } 1-\beta_2^k \text{, the first few"
        r" steps are biased toward zero — the optimizer crawls}",
        QUAL,
        REFUTED,
        check_003_3c,
        "forgetting bias correction makes Adam crawl",
        corrected_by="003-3b.fix",
    ),
    _c(
        "003-4",
        "Understanding the Math",
        "003-4",
        r"\hat m_i/\sqrt{\hat v_i} \text{ is approximately the signal-to-noise ratio of the"
        r" gradient}",
        LIM,
        CONDITIONAL,
        check_003_4,
        "m_hat/sqrt(v_hat) as SNR",
    ),
    _c("003-5a", _EX1, "003-5", r"x_1 = 4.5", VAL, PROVED, check_003_5a, "Example 1: x_1"),
    _c("003-5b", _EX1, "003-5", r"x_2 = 4.165", VAL, APPROXIMATE, check_003_5b, "Example 1: x_2"),
    _c("003-5c", _EX1, "003-5", r"x_3 = 3.902", VAL, PROVED, check_003_5c, "Example 1: x_3"),
    _c(
        "003-5d",
        _EX1 + ", answer",
        "003-5",
        r"\text{effective learning rate } 0.0032 \text{ at step 3}",
        VAL,
        PROVED,
        check_003_5d,
        "Example 1: rate at step 3",
    ),
    _c(
        "003-5e",
        _EX1 + ", answer",
        "003-5",
        r"\text{effective learning rate shrinks from } 0.5 \text{ at step 0}",
        VAL,
        REFUTED,
        check_003_5e,
        "Example 1: rate at step 0",
        corrected_by="003-5e.fix",
    ),
    _c(
        "003-5e.fix",
        _EX1 + ", answer (corrected)",
        "003-5",
        r"\eta/\sqrt{G_k} = 0.0050,\ 0.0037,\ 0.0032 \text{ at } k = 1, 2, 3",
        VAL,
        PROVED,
        check_003_5e_fix,
        "Example 1: rates at steps 1-3",
    ),
    _c(
        "003-6a",
        _EX2,
        "003-6",
        r"0.1/\sqrt{400000} \approx 0.00016",
        VAL,
        PROVED,
        check_003_6a,
        "Example 2: arithmetic",
    ),
    _c(
        "003-6b",
        _EX2,
        "003-6",
        r"\text{AdaGrad's effective learning rate after 1000 iterations} \approx 0.1/"
        r"\sqrt{\textstyle\sum_{t=1}^{1000} g_t^2} \approx 0.00016",
        VAL,
        REFUTED,
        check_003_6b,
        "Example 2: AdaGrad's rate",
        corrected_by="003-6b.fix",
    ),
    _c(
        "003-6b.fix",
        _EX2 + " (corrected)",
        "003-6",
        r"\eta/\sqrt{G_{1000}} \ge 0.1/\sqrt{400000} \text{ because } |x_k| \le 10",
        INQ,
        PROVED,
        check_003_6b_fix,
        "Example 2: a lower bound on the rate",
    ),
    _c(
        "003-6c",
        _EX2,
        "003-6",
        r"\text{AdaGrad: the parameter barely moves}",
        QUAL,
        REFUTED,
        check_003_6c,
        "Example 2: AdaGrad barely moves",
        corrected_by="003-6c.fix",
    ),
    _c(
        "003-6c.fix",
        _EX2 + " (corrected)",
        "003-6",
        r"\text{AdaGrad: } x_{1000} = 4.63,\ |x_{1000}-x_{999}| = 0.0023",
        VAL,
        CONFIRMED,
        check_003_6c_fix,
        "Example 2: where AdaGrad is after 1000 steps",
    ),
    _c(
        "003-6d",
        _EX2,
        "003-6",
        r"\text{RMSprop: } x_{1000} \text{ will be much closer to 0}",
        QUAL,
        CONFIRMED,
        check_003_6d,
        "Example 2: RMSprop gets closer",
    ),
    _c(
        "003-6e",
        _EX2 + ", answer",
        "003-6",
        r"\text{RMSprop: effective LR stays} \sim 0.1/|\text{recent gradient}| \to"
        r" \text{continues converging}",
        QUAL,
        REFUTED,
        check_003_6e,
        "Example 2: RMSprop keeps converging",
        corrected_by="003-6e.fix",
    ),
    _c(
        "003-6e.fix",
        _EX2 + " (corrected)",
        "003-6",
        r"\text{RMSprop (constant } \eta) \text{ on } x^2 \text{ ends in the 2-cycle } x=\pm\eta/2",
        ALG,
        PROVED,
        check_003_6e_fix,
        "Example 2: RMSprop's 2-cycle",
    ),
    _c(
        "003-15",
        _ADA + ", key property",
        None,
        r"\text{large historical gradients} \Rightarrow \text{small effective learning rate"
        r" } \eta/\sqrt{G_k+\epsilon}",
        INQ,
        PROVED,
        check_003_15,
        "AdaGrad's rate decreases with G",
    ),
    _c(
        "003-7a",
        _EX3,
        "003-7",
        r"\mathbf{m}_1 = 0.2,\ \hat{\mathbf{m}}_1 = 0.2/(1-0.9) = 2",
        VAL,
        PROVED,
        check_003_7a,
        "Example 3: m_1 and m_hat_1",
    ),
    _c(
        "003-7b",
        _EX3,
        "003-7",
        r"\text{without bias correction, the first step is unexpectedly small (}10\times"
        r"\text{ smaller)}",
        QUAL,
        REFUTED,
        check_003_7b,
        "Example 3: uncorrected first step",
        corrected_by="003-7b.fix",
    ),
    _c(
        "003-7b.fix",
        _EX3 + " (corrected)",
        "003-7",
        r"\Delta x_1^{\text{uncorrected}} = -\eta\frac{1-\beta_1}{\sqrt{1-\beta_2}}"
        r"\operatorname{sign}(g_1) \approx -3.16\,\eta",
        IDN,
        PROVED,
        check_003_7b_fix,
        "Example 3: uncorrected first step is 3.16 eta",
    ),
    _c(
        "003-7c",
        _EX3 + ", answer",
        "003-7",
        r"1/(1-\beta_1^k) \text{ decays from } 10 \text{ at } k=1 \text{ to} \approx 1",
        LIM,
        APPROXIMATE,
        check_003_7c,
        "Example 3: correction factor",
    ),
    _c(
        "003-8a",
        "Practice 1",
        "003-8",
        r"\pm g:\ \sqrt{\hat v} \approx |g|",
        IDN,
        PROVED,
        check_003_8a,
        "alternating gradients: sqrt(v_hat)",
    ),
    _c(
        "003-8b",
        "Practice 1",
        "003-8",
        r"\pm g:\ \hat m \approx 0,\ \text{effective step} \propto 0/|g| = 0",
        LIM,
        APPROXIMATE,
        check_003_8b,
        "alternating gradients: step ~ 0",
    ),
    _c(
        "003-9a",
        "Practice 2, Pitfall 2",
        "003-9",
        r"\beta_2 = 0.9999:\ \text{window } 1/(1-0.9999) = 10{,}000;\ 0.999:\ \sim1000",
        IDN,
        PROVED,
        check_003_9a,
        "EMA window",
        slow=True,  # 170,000 EMA steps through numerics (~5 s)
    ),
    _c(
        "003-9b",
        "Practice 2, Pitfall 2",
        "003-9",
        r"\hat v \text{ stays large for thousands of iterations after gradients shrink}",
        QUAL,
        CONFIRMED,
        check_003_9b,
        "v_hat lags after gradients shrink",
    ),
    _c(
        "003-10a",
        "Practice 3",
        "003-10",
        r"G_{100} = 100,\ \text{effective LR} = 0.1/\sqrt{100} = 0.01",
        VAL,
        PROVED,
        check_003_10a,
        "AdaGrad rate at k = 100",
    ),
    _c(
        "003-10b",
        "Practice 3",
        "003-10",
        r"\text{after step 10{,}000: effective LR} = 0.1/\sqrt{10000} = 0.001",
        VAL,
        PROVED,
        check_003_10b,
        "AdaGrad rate at k = 10000",
    ),
    _c(
        "003-11a",
        "Practice 4",
        "003-11",
        r"\ln(0.5)/\ln(0.9) \approx 6.6",
        VAL,
        PROVED,
        check_003_11a,
        "half-life at rho = 0.9",
    ),
    _c(
        "003-11b",
        "Practice 4",
        "003-11",
        r"\ln(0.5)/\ln(0.99) \approx 69",
        VAL,
        PROVED,
        check_003_11b,
        "half-life at rho = 0.99",
    ),
    _c(
        "003-11c",
        "Practice 4",
        "003-11",
        r"\text{effective window} \approx 1/(1-\rho):\ 10 \ (\rho=0.9),\ 100\ (\rho=0.99)",
        IDN,
        PROVED,
        check_003_11c,
        "effective window",
    ),
    _c(
        "003-12",
        "Practice 5",
        "003-12",
        r"\mathbf{x}_{k+1} = \mathbf{x}_k - \eta\Big(\frac{\hat{\mathbf{m}}_k}{\sqrt{\hat"
        r"{\mathbf{v}}_k}+\epsilon} + \lambda\mathbf{x}_k\Big) \text{ prevents parameters"
        r" with small gradients from being over-regularized}",
        QUAL,
        CONFIRMED,
        check_003_12,
        "AdamW's decoupled decay",
    ),
    _c(
        "003-13a",
        "Pitfall 5",
        "003-13",
        r"\epsilon = 10^{-8} \text{ is too large for float16 (it dominates the denominator)}",
        QUAL,
        REFUTED,
        check_003_13a,
        "epsilon in float16",
        corrected_by="003-13a.fix",
    ),
    _c(
        "003-13a.fix",
        "Pitfall 5 (corrected)",
        "003-13",
        r"\text{float16: } \epsilon = 10^{-8} \text{ rounds to } 0;\ \epsilon = 10^{-4}"
        r" \text{ keeps the step finite}",
        QUAL,
        CONFIRMED,
        check_003_13a_fix,
        "epsilon in float16, corrected",
    ),
    _c(
        "003-13b",
        "Pitfall 5",
        "003-13",
        r"\epsilon = 10^{-8} \text{ is unnecessary for float64}",
        QUAL,
        CONDITIONAL,
        check_003_13b,
        "epsilon in float64",
    ),
    _c(
        "003-14a",
        "Why Adam Dominates Practice (table)",
        "003-14",
        r"\text{Doesn't Die: AdaGrad } \times \text{ (dies); SGD, momentum, RMSprop, Adam }"
        r"\checkmark",
        QUAL,
        CONDITIONAL,
        check_003_14a,
        "table: which methods die",
    ),
    _c(
        "003-14b",
        "Why Adam Dominates Practice (table)",
        "003-14",
        r"\text{Bias Correction: RMSprop N/A}",
        QUAL,
        REFUTED,
        check_003_14b,
        "table: bias correction N/A for RMSprop",
        corrected_by="003-14b.fix",
    ),
    _c(
        "003-14b.fix",
        "Why Adam Dominates Practice (corrected)",
        "003-14",
        r"\text{RMSprop: } G_k = (1-\rho^k)g^2 \text{ for constant } g",
        IDN,
        PROVED,
        check_003_14b_fix,
        "RMSprop's accumulator is biased like Adam's",
    ),
]
