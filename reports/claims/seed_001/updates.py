r"""Part 1: the first two Adam updates written out (claims 001-1a … 001-2c)."""

from __future__ import annotations

import functools

import numpy as np
import sympy as sp
from adaproof.derivations import adam, symbols
from adaproof.numerics.run import feed
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Comparison, Evidence, Proof, claim
from adaproof.reports.claims.seed_001._shared import BETA1, BETA2, PART1, SOURCE

b1, b2, alpha, eps = symbols.beta1, symbols.beta2, symbols.alpha, symbols.eps
g1, g2 = symbols.grads(2)
LR, EPS_VISIBLE, W1 = 0.01, 1e-3, 0.5


def _printed() -> dict[str, sp.Expr]:
    """The solution's expressions, as printed."""
    return {
        "m1": (1 - b1) * g1,
        "v1": (1 - b2) * g1**2,
        "m_hat1": g1,
        "v_hat1": g1**2,
        "w2": symbols.w1 - alpha * g1 / (sp.sqrt(g1**2) + eps),
        "m2": (1 - b1) * (b1 * g1 + g2),
        "v2": (1 - b2) * (b2 * g1**2 + g2**2),
        "m_hat2": (1 - b1) * (b1 * g1 + g2) / (1 - b1**2),
        "v_hat2": (1 - b2) * (b2 * g1**2 + g2**2) / (1 - b2**2),
    }


def _derived() -> dict[str, sp.Expr]:
    s = adam.adam_steps(2)
    return {
        "m1": s.m[0],
        "v1": s.v[0],
        "m_hat1": s.m_hat[0],
        "v_hat1": s.v_hat[0],
        "w2": s.w[1],
        "m2": s.m[1],
        "v2": s.v[1],
        "m_hat2": s.m_hat[1],
        "v_hat2": s.v_hat[1],
        "w3": s.w[2],
    }


@functools.cache
def _two_steps() -> dict[str, np.ndarray]:
    """numerics Adam on 64 random (g1, g2) pairs, α = 0.01, ε = 1e-3 (visible)."""
    rng = np.random.default_rng(101)
    g = rng.normal(size=(2, 64)) * np.exp(rng.normal(size=(2, 64)))
    h = feed("adam", g, x0=W1, lr=LR, beta1=BETA1, beta2=BETA2, eps=EPS_VISIBLE)
    return {"g": g, "x": h.x, **h.states}


def _compare(names: tuple[str, ...]) -> Evidence:
    """The printed expressions against the unrolled recursion (SymPy) and the run."""
    printed, derived = _printed(), _derived()
    if "w3" in names:
        printed["w3"] = derived["w2"] - alpha * derived["m_hat2"] / (
            sp.sqrt(derived["v_hat2"]) + eps
        )
    run = _two_steps()
    values = {b1: BETA1, b2: BETA2, alpha: LR, eps: EPS_VISIBLE, symbols.w1: W1}
    err = 0.0
    for n in names:
        expr = printed[n].subs(values)
        want = np.array([float(expr.evalf(30, subs={g1: a, g2: b})) for a, b in run["g"][:, :8].T])
        got = run["x"][int(n[1:]) - 1, :8] if n.startswith("w") else run[n[:-1]][int(n[-1]) - 1, :8]
        err = max(err, float(np.max(np.abs(got - want) / (np.abs(want) + 1e-300))))
    return Evidence(
        f"{', '.join(names)}: printed = unrolled recursion; run agrees to {err:.1e}",
        proofs=[
            Proof(
                f"simplify(printed {n} - recursion) = 0", sp.simplify(printed[n] - derived[n]) == 0
            )
            for n in names
        ],
        comparisons=[
            Comparison(
                "run against the printed expressions (max relative, 8 runs)",
                error=err,
                tol=1e-11,
                note="float64 rounding of a few operations; near-cancelling sums amplify it",
            )
        ],
    )


@claim(
    id="001-1a",
    source=SOURCE,
    location=f"{PART1}, first update",
    inventory="001-1",
    statement=r"m_1 = (1-\beta_1)g_1, \quad v_1 = (1-\beta_2)g_1^2",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="first moments",
)
def first_moments() -> Evidence:
    """m_1 = (1-β₁)g_1, v_1 = (1-β₂)g_1²: one step of each EMA from 0."""
    return _compare(("m1", "v1"))


@claim(
    id="001-1b",
    source=SOURCE,
    location=f"{PART1}, first update",
    inventory="001-1",
    statement=r"\hat m_1 = g_1, \quad \hat v_1 = g_1^2",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="first corrected moments",
)
def first_corrected_moments() -> Evidence:
    """m̂_1 = g_1, v̂_1 = g_1²: the corrections 1/(1-β^1) cancel the factors exactly."""
    return _compare(("m_hat1", "v_hat1"))


@claim(
    id="001-1c",
    source=SOURCE,
    location=f"{PART1}, first update",
    inventory="001-1",
    statement=r"w_2 = w_1 - \alpha\frac{g_1}{\sqrt{g_1^2}+\varepsilon}",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="first update",
)
def first_update() -> Evidence:
    """w_2 = w_1 - α g_1/(√(g_1²)+ε): the first step is α g_1/(|g_1|+ε), ≈ α sign(g_1)."""
    return _compare(("w2",))


@claim(
    id="001-2a",
    source=SOURCE,
    location=f"{PART1}, second update",
    inventory="001-2",
    statement=r"m_2 = (1-\beta_1)(\beta_1g_1+g_2), \quad v_2 = (1-\beta_2)(\beta_2g_1^2+g_2^2)",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="second moments",
)
def second_moments() -> Evidence:
    """m_2 = (1-β₁)(β₁g_1+g_2), v_2 = (1-β₂)(β₂g_1²+g_2²)."""
    return _compare(("m2", "v2"))


@claim(
    id="001-2b",
    source=SOURCE,
    location=f"{PART1}, second update",
    inventory="001-2",
    statement=r"\hat m_2 = \frac{(1-\beta_1)(\beta_1g_1+g_2)}{1-\beta_1^2}, \quad"
    r" \hat v_2 = \frac{(1-\beta_2)(\beta_2g_1^2+g_2^2)}{1-\beta_2^2}",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="second corrected moments",
)
def second_corrected_moments() -> Evidence:
    """m̂_2, v̂_2 as the printed fractions over 1-β₁², 1-β₂²."""
    return _compare(("m_hat2", "v_hat2"))


@claim(
    id="001-2c",
    source=SOURCE,
    location=f"{PART1}, second update",
    inventory="001-2",
    statement=r"w_3 = w_2 - \alpha\frac{\hat m_2}{\sqrt{\hat v_2}+\varepsilon}",
    kind=Kind.IDENTITY,
    expected=Verdict.PROVED,
    title="second update",
)
def second_update() -> Evidence:
    """w_3 = w_2 - α m̂_2/(√v̂_2+ε), with the printed m̂_2, v̂_2 substituted."""
    return _compare(("w3",))
