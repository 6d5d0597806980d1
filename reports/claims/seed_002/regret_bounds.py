r"""§1 of the notes: the regret bounds of Theorems 2 and 3, (1) against (2), the one-hot example."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import decide, supporting
from adaproof.reports.claims.seed_002 import SOURCE
from adaproof.reports.claims.seed_002._shared import adagrad_accumulator, regret_search

_D = sp.Symbol("D", positive=True)


def _regret_bound(dim: int, norm: str) -> Evidence:
    """The corrected proof's constant (symbolic arithmetic) and the adversarial search."""
    c = sp.Symbol("c", positive=True)
    bound = 2 * _D**2 / c + c
    at = sp.simplify(bound.subs(c, sp.sqrt(2) * _D) - 2 * sp.sqrt(2) * _D)
    crit = sp.solve(sp.diff(bound, c), c)
    worst = regret_search(dim, norm)
    lim = 2 * math.sqrt(2.0)
    return Evidence(
        f"largest regret/(D x gradient term) found {worst['ratio']:.3f} < 2 sqrt 2 = {lim:.3f}",
        proofs=supporting(
            {
                "(2D^2/c + c) = 2 sqrt(2) D at c = sqrt(2) D": at == 0,
                "c = sqrt(2) D minimises 2D^2/c + c": crit == [sp.sqrt(2) * _D],
            }
        ),
        comparisons=[
            Comparison(
                "largest regret / (D x gradient term) over the adversarial plays",
                value=worst["ratio"],
                reference=lim,
                mode="upper",
            )
        ],
        details={
            "symbolic": "corrected proof: (2D^2/c + c) sqrt(G) = 2 sqrt(2) D sqrt(G) at "
            "c = sqrt(2) D, which minimises it",
            "adversary": worst["adversary"],
            "sequences_played": worst["played"],
            "dim": dim,
            "norm": norm,
        },
    )


@claim(
    id="002-3a",
    source=SOURCE,
    location="§1, Theorem 2 (Adaptive Gradient Descent)",
    inventory="002-3",
    statement=r"\mathbb{E}\Big[\sum_{t=1}^T \mathcal{L}(\mathbf{w}_t)-\mathcal{L}(\mathbf{w}_\star)"
    r"\Big] \le 2\sqrt{2}D_2\,\mathbb{E}\Big[\sqrt{\sum_{t=1}^T\|\mathbf{g}_t\|^2}\Big]",
    kind=Kind.INEQUALITY,
    expected=Verdict.CONFIRMED,
    title="Theorem 2 regret bound",
)
def theorem2_regret() -> Evidence:
    """Theorem 2: sum <g_t, w_t - w*> <= 2 sqrt(2) D2 sqrt(sum ||g_t||^2).

    The corrected proof (4 D^2 in 002-7c.fix, 2 sqrt(S) in 002-7b.fix) gives
    (2D^2/c + c) sqrt(G), which is 2 sqrt(2) D sqrt(G) at c = sqrt(2) D, the
    minimiser (symbolic). Numeric: projected adaptive GD (numerics.regret) in
    d = 3 against adversarial online linear losses — greedy (sees w_t), constant,
    sign reversals at every fraction, heavy-tailed random, and a hill climb on
    the worst sequences: the largest ratio stays below 2 sqrt 2 (about 2.3 is
    reached in 1-d). Linear losses are the worst case of convex ones.
    """
    return _regret_bound(3, "l2")


@claim(
    id="002-3b",
    source=SOURCE,
    location="§1, Theorem 3 (AdaGrad Convergence)",
    inventory="002-3",
    statement=r"\mathbb{E}\Big[\sum_{t=1}^T \mathcal{L}(\mathbf{w}_t)-\mathcal{L}(\mathbf{w}_\star)"
    r"\Big] \le 2\sqrt{2}D_\infty\,\mathbb{E}\Big[\sum_{i=1}^d\sqrt{\sum_{t=1}^T"
    r"\mathbf{g}_t[i]^2}\Big]",
    kind=Kind.INEQUALITY,
    expected=Verdict.CONFIRMED,
    title="Theorem 3 regret bound",
)
def theorem3_regret() -> Evidence:
    """Theorem 3: AdaGrad's regret <= 2 sqrt(2) D_inf sum_i sqrt(sum_t g_t[i]^2).

    Per coordinate the same 1-d argument; numeric: diagonal AdaGrad with the box
    projection in d = 3 against the adversaries of 002-3a.
    """
    return _regret_bound(3, "linf")


def _cauchy_schwarz_sos(d: int) -> bool:
    a = sp.symbols(f"a1:{d + 1}", nonnegative=True)
    sos = sum((a[i] - a[j]) ** 2 for i in range(d) for j in range(i + 1, d))
    return sp.expand(d * sum(x**2 for x in a) - sum(a) ** 2 - sos) == 0


def _sqrt_sum_superadditive(d: int) -> bool:
    a = sp.symbols(f"a1:{d + 1}", nonnegative=True)
    diff = sp.expand(sum(a) ** 2 - sum(x**2 for x in a))
    return bool(diff.is_nonnegative) and diff != 0


def _cs_ratios(seed: int) -> tuple[float, float]:
    """Largest sum sqrt(A_i)/sqrt(d sum A_i) and smallest sum sqrt(A_i)/sqrt(sum A_i) over
    random, sparse, equal-norm and one-hot gradient matrices (AdaGrad's accumulators)."""
    rng = np.random.default_rng(seed)
    mats = [rng.normal(size=(50, 8)) * rng.exponential(size=8)]
    mats.append(np.where(rng.random((60, 16)) < 0.05, rng.normal(size=(60, 16)), 0.0))
    mats.append(np.ones((30, 64)) * rng.choice([-1.0, 1.0], size=(30, 64)))  # equality
    mats.append(np.eye(12)[rng.integers(0, 12, 40)])
    mats.append(np.eye(5)[np.zeros(10, dtype=int)])  # one column only
    hi, lo = 0.0, np.inf
    for g in mats:
        acc = adagrad_accumulator(g)
        d = g.shape[1]
        one = np.sum(np.sqrt(acc))
        hi = max(hi, one / math.sqrt(d * np.sum(acc)))
        lo = min(lo, one / math.sqrt(np.sum(acc)))
    return float(hi), float(lo)


def _cauchy_schwarz_evidence(summary: str, proof: str, *, max_dim: int, seed: int) -> Evidence:
    """sum_i sqrt(A_i) <= sqrt(d sum_i A_i): the sum-of-squares identity for d = 2..max_dim
    and the largest ratio over the gradient matrices of :func:`_cs_ratios` (``summary`` and
    ``proof`` are formatted with ``hi``, the ratio, and ``dims``)."""
    sym_ok = all(_cauchy_schwarz_sos(d) for d in range(2, max_dim + 1))
    hi, _ = _cs_ratios(seed=seed)
    dims = f"2..{max_dim}"
    return Evidence(
        summary.format(hi=hi, dims=dims),
        proofs=[Proof(proof.format(hi=hi, dims=dims), sym_ok)],
        comparisons=[
            Comparison("largest sum sqrt(A_i) / sqrt(d sum A_i)", hi, 1.0, 1e-12, "upper")
        ],
    )


@claim(
    id="002-4",
    source=SOURCE,
    location="§1, Cauchy–Schwarz after (1), (2)",
    inventory="002-4",
    statement=r"\sum_{i=1}^d\sqrt{\sum_{t=1}^T\mathbf{g}_t[i]^2} \le \sqrt{d\sum_{t=1}^T"
    r"\|\mathbf{g}_t\|^2}",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="(1) at most sqrt(d) times (2)",
)
def cauchy_schwarz() -> Evidence:
    """Cauchy–Schwarz: sum_i sqrt(A_i) <= sqrt(d) sqrt(sum_i A_i).

    Symbolic, d = 2..6: d sum a_i^2 - (sum a_i)^2 - sum_{i<j}(a_i - a_j)^2
    expands to 0 (a sum of squares). Numeric: ratios over random, sparse and
    equal-norm gradient matrices (equality) never exceed 1 + 1e-12 (rounding of
    sums of <= 64 terms).
    """
    return _cauchy_schwarz_evidence(
        "largest sum sqrt(A_i) / sqrt(d sum A_i) found: {hi:.15f}",
        "d sum a^2 - (sum a)^2 = sum_{{i<j}}(a_i - a_j)^2, d = {dims}",
        max_dim=6,
        seed=6,
    )


@claim(
    id="002-4b",
    source=SOURCE,
    location="§1, before Cauchy–Schwarz",
    statement=r"\text{It is possible for (1) to be bigger than (2)}",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="(1) is never smaller than (2)",
)
def first_term_never_smaller() -> Evidence:
    """ "(1) can be bigger than (2)": it is never smaller, sum sqrt(A_i) >= sqrt(sum A_i).

    (sum a_i)^2 - sum a_i^2 = 2 sum_{i<j} a_i a_j >= 0 for a_i >= 0 (d = 2..5).
    Numeric: smallest ratio over random and one-hot matrices is 1 (one column).
    """
    sym_ok = all(_sqrt_sum_superadditive(d) for d in range(2, 6))
    _, lo = _cs_ratios(seed=7)
    return Evidence(
        "sum_i sqrt(A_i) >= sqrt(sum_i A_i); equal only with one non-zero coordinate",
        proofs=[Proof("(sum a)^2 - sum a^2 = 2 sum_{i<j} a_i a_j >= 0, d = 2..5", sym_ok)],
        comparisons=[Comparison("smallest sum sqrt(A_i) / sqrt(sum A_i)", lo, 1.0, 1e-12, "lower")],
    )


@claim(
    id="002-5a",
    source=SOURCE,
    location="§1, w* = (±w, …, ±w)",
    inventory="002-5",
    statement=r"\|\mathbf{w}_\star\|_2 = w\sqrt{d} = \|\mathbf{w}_\star\|_\infty\sqrt{d}",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="2-norm of a sign vector",
)
def sign_vector_norm() -> Evidence:
    """w* = (±w, …, ±w): ||w*||_2 = w sqrt(d) = sqrt(d) ||w*||_inf."""
    d = sp.Symbol("d", integer=True, positive=True)
    w = sp.Symbol("w", positive=True)
    sym_ok = sp.simplify(sp.sqrt(d * w**2) - sp.sqrt(d) * w) == 0
    rng = np.random.default_rng(8)
    err = 0.0
    for dd in (1, 2, 7, 100, 1000):
        v = rng.choice([-1.0, 1.0], size=dd) * 0.37
        err = max(err, abs(np.linalg.norm(v) / (math.sqrt(dd) * np.abs(v).max()) - 1))
    return Evidence(
        "||w*||_2 = sqrt(d) ||w*||_inf",
        proofs=[Proof("sqrt(d w^2) = sqrt(d) w", sym_ok)],
        comparisons=[
            Comparison("||v||_2 / (sqrt(d) ||v||_inf) - 1, d up to 1000", error=err, tol=1e-14)
        ],
    )


@claim(
    id="002-5b",
    source=SOURCE,
    location="§1, w* = (±w, …, ±w)",
    inventory="002-5",
    statement=r"D_\infty\sum_{i=1}^d\sqrt{\sum_{t=1}^T\mathbf{g}_t[i]^2} \le D_2\sqrt{\sum_{t=1}^T"
    r"\|\mathbf{g}_t\|^2}",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="AdaGrad bound no worse than GD's",
)
def adagrad_bound_vs_gd() -> Evidence:
    """D2 = sqrt(d) D_inf gives D_inf sum_i sqrt(A_i) <= D2 sqrt(sum ||g||^2) (002-4 x D_inf)."""
    return _cauchy_schwarz_evidence(
        "the AdaGrad bound is at most the GD bound when D2 = sqrt(d) D_inf",
        "002-4 (sum of squares, d = {dims}) multiplied by D_inf",
        max_dim=4,
        seed=9,
    )


@claim(
    id="002-16",
    source=SOURCE,
    location="§1, after Theorem 3",
    statement=r"\|\mathbf{w}_\star\|_\infty \le \|\mathbf{w}_\star\|_2 \text{ (the infinity norm is"
    r" always smaller)}",
    kind=Kind.INEQUALITY,
    expected=Verdict.PROVED,
    title="infinity norm below 2-norm",
)
def norm_order() -> Evidence:
    """ "The infinity norm is always smaller than the 2-norm": ||w||_inf <= ||w||_2.

    max_i w_i^2 <= sum_i w_i^2 (decided for d = 3 with the maximum first);
    equality for one non-zero coordinate, so "smaller" holds as "no larger".
    Numeric: random vectors and basis vectors.
    """
    w = sp.symbols("w1:4", real=True)
    d = decide(w[0] ** 2, "<=", sum(x**2 for x in w))
    rng = np.random.default_rng(36)
    v = np.r_[rng.normal(size=(200, 5)), np.eye(5)]
    ratio = np.abs(v).max(axis=1) / np.linalg.norm(v, axis=1)
    return Evidence(
        "||w||_inf <= ||w||_2, equality exactly for one non-zero coordinate",
        proofs=[Proof(f"w_1^2 <= w_1^2 + w_2^2 + w_3^2 ({d.method})", d.verdict == "true")],
        comparisons=[
            Comparison("largest ||w||_inf / ||w||_2", float(ratio.max()), 1.0, mode="upper")
        ],
        details={"equality_on_basis_vectors": bool(np.all(ratio[-5:] == 1.0))},
    )


def _one_hot_accumulator_sum(d: int, T: int, runs: int, seed: int) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    p = 1.0 / np.arange(1, d + 1) ** 2
    p /= p.sum()
    idx = rng.choice(d, size=(runs, T), p=p)
    signs = rng.choice([-1.0, 1.0], size=(runs, T))
    g = np.zeros((T, runs, d))
    g[np.arange(T)[:, None], np.arange(runs)[None, :], idx.T] = signs.T
    vals = np.sqrt(adagrad_accumulator(g)).sum(axis=1)
    return float(vals.mean()), float(vals.std(ddof=1) / math.sqrt(runs))


@claim(
    id="002-6a",
    source=SOURCE,
    location="§1, one-hot gradients with P(i) ∝ 1/i²",
    inventory="002-6",
    statement=r"\mathbb{E}\Big[D_\infty\sum_{i=1}^d\sqrt{\mathbf{g}^2_{1:t}[i]}\Big] \le D_\infty"
    r"\sum_{i=1}^d\sqrt{T/i^2}",
    kind=Kind.INEQUALITY,
    expected=Verdict.CONFIRMED,
    title="one-hot example bound",
)
def one_hot_bound() -> Evidence:
    """One-hot ±1 gradients, P(i) ∝ 1/i^2: E[sum_i sqrt(g^2_{1:T}[i])] <= sqrt(T) sum 1/i.

    N_i ~ Binomial(T, p_i) with p_i = i^-2 / H_d^(2) <= i^-2 since H_d^(2) >= 1
    (SymPy: the partial sums are >= 1 and tend to pi^2/6), and E sqrt(N_i) <=
    sqrt(E N_i) (Jensen, not formalised: the lemma alone is not a proof). Numeric:
    2000 simulated one-hot streams (d = 20, T = 400) fed to AdaGrad's accumulator:
    mean + 4 standard errors < bound.
    """
    dd = sp.Symbol("d", integer=True, positive=True)
    lemma = sp.limit(sp.harmonic(dd, 2), dd, sp.oo) == sp.pi**2 / 6 and all(
        sp.harmonic(n, 2) >= 1 for n in (1, 2, 20)
    )
    mean, se = _one_hot_accumulator_sum(d=20, T=400, runs=2000, seed=10)
    bound = math.sqrt(400) * float(sp.harmonic(20))
    return Evidence(
        f"E sum sqrt(N_i) = {mean:.2f} ± {se:.2f} <= sqrt(T) H_d = {bound:.2f}",
        proofs=supporting({"H_d^(2) >= 1, -> pi^2/6": lemma}),
        comparisons=[
            Comparison(
                "mean + 4 SE of sum_i sqrt(N_i) vs sqrt(T) H_d", mean + 4 * se, bound, mode="upper"
            )
        ],
        details={"mean": mean, "standard_error": se, "runs": 2000, "d": 20, "T": 400},
    )


@claim(
    id="002-6b",
    source=SOURCE,
    location="§1, one-hot gradients with P(i) ∝ 1/i²",
    inventory="002-6",
    statement=r"D_\infty\sqrt{T}\sum_{i=1}^d\frac{1}{i} = O(D_\infty\log(d)\sqrt{T})",
    kind=Kind.LIMIT,
    expected=Verdict.PROVED,
    title="harmonic sum is O(log d)",
)
def harmonic_sum_order() -> Evidence:
    """sqrt(T) sum_{i<=d} 1/i = O(log(d) sqrt(T)): SymPy finds H_d - ln d -> gamma.

    Numeric: H_d accumulated term by term up to d = 10^6 minus ln d is 0.5772.
    """
    dd = sp.Symbol("d", integer=True, positive=True)
    lim = sp.limit(sp.harmonic(dd) - sp.log(dd), dd, sp.oo)
    gap = float(np.sum(1.0 / np.arange(1, 10**6 + 1)) - math.log(10**6))
    return Evidence(
        "H_d = ln d + gamma + o(1) = O(log d)",
        proofs=[Proof(f"lim (H_d - ln d) = {lim}", lim == sp.EulerGamma)],
        comparisons=[
            Comparison("H_1e6 - ln 1e6 vs Euler's gamma", gap, float(sp.EulerGamma), 1e-6, "limit")
        ],
    )


@claim(
    id="002-6c",
    source=SOURCE,
    location="§1, one-hot gradients with P(i) ∝ 1/i²",
    inventory="002-6",
    statement=r"\mathbb{E}[D_2\sqrt{\|\mathbf{g}\|^2_{1:T}}] = D_2\sqrt{T}",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="GD term for one-hot gradients",
)
def one_hot_gd_term() -> Evidence:
    """E[D2 sqrt(||g||^2_{1:T})] = D2 sqrt(T): every one-hot ±1 gradient has norm 1.

    Symbolic: ||±e_i||^2 = 1. Numeric: the l2 accumulator of a simulated
    one-hot stream after T = 400 steps is exactly 400.
    """
    e = sp.Symbol("s", real=True)
    sym_ok = sp.simplify((e / sp.Abs(e)) ** 2) == 1
    rng = np.random.default_rng(11)
    g = np.eye(20)[rng.integers(0, 20, 400)] * rng.choice([-1.0, 1.0], size=(400, 1))
    total = float(np.sum(adagrad_accumulator(g)))
    return Evidence(
        "sum_t ||g_t||^2 = T exactly",
        proofs=[Proof("||sign(s) e_i||^2 = 1", sym_ok)],
        comparisons=[Comparison("sum of AdaGrad's accumulator after T = 400", total, 400.0)],
    )
