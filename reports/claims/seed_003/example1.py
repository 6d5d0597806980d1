r"""Worked Example 1 of the page: AdaGrad on f = 10x² step by step (x₀ = 5, η = 0.5, ε = 0)."""

from __future__ import annotations

import functools
import math

import sympy as sp
from adaproof.reports.claims.base import Kind, Verdict
from adaproof.reports.claims.evidence import Approximation, Comparison, Evidence, Proof, claim
from adaproof.reports.claims.helpers import printed_value
from adaproof.reports.claims.seed_003 import SOURCE
from adaproof.reports.claims.seed_003._shared import example1

EXAMPLE = "Worked Example 1"


@functools.cache
def _exact() -> list[tuple[sp.Expr, sp.Expr]]:
    """(x_k, G_k) for k = 1..3 in exact arithmetic (SymPy)."""
    x, G, out = sp.Integer(5), sp.Integer(0), []
    for _ in range(3):
        g = 20 * x
        G = G + g**2
        x = x - sp.Rational(1, 2) / sp.sqrt(G) * g
        out.append((x, G))
    return out


def _value(k: int, printed: str, what: str) -> Evidence:
    """The printed x_k or rate at step k against SymPy's exact value (whose agreement with
    the AdaGrad run is compared): exact digits -> proved, off by one unit in the last digit
    (a rounded intermediate) -> approximate, more -> a counterexample."""
    xe, Ge = _exact()[k - 1]
    exact = float(sp.N(xe if what == "x" else sp.Rational(1, 2) / sp.sqrt(Ge), 30))
    x, G = example1(3)
    sim = float(x[k - 1]) if what == "x" else 0.5 / math.sqrt(G[k - 1])
    reading = printed_value(exact, printed)
    name = f"x_{k}" if what == "x" else f"eta/sqrt(G_{k})"
    run = Comparison(
        f"AdaGrad run vs exact {name} (relative)", error=abs(sim / exact - 1), tol=1e-13
    )
    details = {"exact": exact, "printed": printed, "reading": reading}
    if reading == "exact":
        return Evidence(
            f"{name} = {exact:.6g}, printed {printed}",
            proofs=[Proof(f"exact {name} rounds to the printed {printed}", reading == "exact")],
            comparisons=[run],
            details=details,
        )
    if reading == "close":
        return Evidence(
            f"{name} = {exact:.6f}: printed {printed} is off by "
            f"{abs(exact - float(printed)):.1e} (rounded intermediate)",
            comparisons=[run],
            approximation=Approximation(
                "one unit in the last printed digit", abs(exact - float(printed)), {"k": k}
            ),
            details=details,
        )
    return Evidence(
        f"{name} = {exact:.6f}, printed {printed}",
        comparisons=[run],
        counterexample={"k": k, name: exact, "printed": printed},
        details=details,
    )


@claim(
    id="003-5a",
    source=SOURCE,
    location=EXAMPLE,
    inventory="003-5",
    statement=r"x_1 = 4.5",
    kind=Kind.VALUE,
    expected=Verdict.PROVED,
    title="Example 1: x_1",
)
def example1_x1() -> Evidence:
    """x_1 = 4.5 (exact: 5 - 0.5*100/100). SymPy exact arithmetic and the AdaGrad run."""
    return _value(1, "4.5", "x")


@claim(
    id="003-5b",
    source=SOURCE,
    location=EXAMPLE,
    inventory="003-5",
    statement=r"x_2 = 4.165",
    kind=Kind.VALUE,
    expected=Verdict.APPROXIMATE,
    title="Example 1: x_2",
)
def example1_x2() -> Evidence:
    """x_2 = 4.165: the exact value is 4.165518 (rounds to 4.166); the page rounded
    0.5/134.5*90 to 0.335 first. Off by 5.2e-4, one unit in the last digit."""
    return _value(2, "4.165", "x")


@claim(
    id="003-5c",
    source=SOURCE,
    location=EXAMPLE,
    inventory="003-5",
    statement=r"x_3 = 3.902",
    kind=Kind.VALUE,
    expected=Verdict.PROVED,
    title="Example 1: x_3",
)
def example1_x3() -> Evidence:
    """x_3 = 3.902: exact 3.902281, correctly rounded."""
    return _value(3, "3.902", "x")


@claim(
    id="003-5d",
    source=SOURCE,
    location=EXAMPLE + ", answer",
    inventory="003-5",
    statement=r"\text{effective learning rate } 0.0032 \text{ at step 3}",
    kind=Kind.VALUE,
    expected=Verdict.PROVED,
    title="Example 1: rate at step 3",
)
def example1_rate3() -> Evidence:
    """The effective learning rate at step 3 is 0.0032: 0.5/sqrt(G_3) = 0.0031597."""
    return _value(3, "0.0032", "rate")


@claim(
    id="003-5e",
    source=SOURCE,
    location=EXAMPLE + ", answer",
    inventory="003-5",
    statement=r"\text{effective learning rate shrinks from } 0.5 \text{ at step 0}",
    kind=Kind.VALUE,
    expected=Verdict.REFUTED,
    title="Example 1: rate at step 0",
    corrected_by="003-5e.fix",
)
def example1_rate_start() -> Evidence:
    """ "The effective learning rate shrinks from 0.5 at step 0": it is never 0.5.

    At the first step G_1 = 100^2 already, so 0.5/sqrt(G_1) = 0.005 (exact); over the
    three steps it shrinks from 0.005 to 0.0032 (by 37%), not by a factor 156. A
    counterexample when the first rate the run uses is not 0.5.
    """
    _, G = example1(3)
    rates = [0.5 / math.sqrt(g) for g in G[:3]]
    exact0 = sp.Rational(1, 2) / sp.sqrt(_exact()[0][1])
    counterexample = None
    if abs(rates[0] - 0.5) > 1e-12:
        counterexample = {
            "step": 1,
            "G_1": float(G[0]),
            "effective_rate": rates[0],
            "claimed_start": 0.5,
        }
    return Evidence(
        f"effective rates {rates[0]:.4f}, {rates[1]:.4f}, {rates[2]:.4f} at steps 1-3",
        comparisons=[Comparison("first rate: run vs exact", rates[0], float(exact0), 1e-18)],
        counterexample=counterexample,
        corrected=r"\eta/\sqrt{G_k} = 0.0050,\ 0.0037,\ 0.0032 \text{ at } k = 1, 2, 3",
        details={"rates": rates},
    )


@claim(
    id="003-5e.fix",
    source=SOURCE,
    location=EXAMPLE + ", answer (corrected)",
    inventory="003-5",
    statement=r"\eta/\sqrt{G_k} = 0.0050,\ 0.0037,\ 0.0032 \text{ at } k = 1, 2, 3",
    kind=Kind.VALUE,
    expected=Verdict.PROVED,
    title="Example 1: rates at steps 1-3",
)
def example1_rates() -> Evidence:
    """eta/sqrt(G_k) = 0.0050, 0.0037, 0.0032 at k = 1, 2, 3 (exact: 1/200,
    1/(2 sqrt 18100), 0.0031597), each correctly rounded; the run agrees."""
    _, G = example1(3)
    proofs, comps = [], []
    for k, printed in ((1, "0.0050"), (2, "0.0037"), (3, "0.0032")):
        exact = float(sp.N(sp.Rational(1, 2) / sp.sqrt(_exact()[k - 1][1]), 30))
        proofs.append(
            Proof(
                f"exact eta/sqrt(G_{k}) = {exact:.7f} rounds to {printed}",
                printed_value(exact, printed) == "exact",
            )
        )
        comps.append(
            Comparison(
                f"AdaGrad run vs exact eta/sqrt(G_{k}) (relative)",
                error=abs(0.5 / math.sqrt(G[k - 1]) / exact - 1),
                tol=1e-13,
            )
        )
    return Evidence(
        "0.0050, 0.0037, 0.0032 are the correctly rounded rates", proofs=proofs, comparisons=comps
    )
