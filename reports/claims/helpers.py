"""Helpers shared by the claims packages: a bounded symbolic decision, interval domains for
its assumptions, and the reading of a printed decimal. None of them decides a verdict: that
is :func:`~adaproof.reports.claims.evidence.verdict_from`'s job alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import numpy as np
import sympy as sp

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from adaproof.reports.claims.evidence import Comparison, Proof

__all__ = [
    "DECIDE_BUDGET",
    "Decided",
    "adam_max_ratio_at",
    "decide",
    "decided",
    "interval",
    "lagrange_identity",
    "mc_mean_against",
    "printed_value",
    "reduces_to_zero",
    "relative",
    "supporting",
]

#: Seconds a claim's symbolic decision may take before it answers "inconclusive".
DECIDE_BUDGET = 4.0


def decide(lhs: sp.Expr, op: str, rhs: sp.Expr, assume: dict | None = None):
    """A symbolic decision (proof or counterexample) from derivations.equivalence, under
    :data:`DECIDE_BUDGET` seconds."""
    from adaproof.derivations.equivalence import decide as _decide

    return _decide(lhs, op, rhs, assume, budget=DECIDE_BUDGET)


class Decided(NamedTuple):
    """A decision of :func:`decide` as evidence: a symbolic ``proof``, or a sampled
    ``comparison`` (no counterexample at the points tried, not a proof), or the
    ``counterexample`` it found; ``method`` says which route decided."""

    proofs: list[Any]
    comparisons: list[Any]
    counterexample: dict[str, Any] | None
    method: str


def decided(decision: Any, statement: str) -> Decided:
    """Turn a :func:`decide` outcome about ``statement`` into evidence.

    "true" by a symbolic route is a :class:`~adaproof.reports.claims.evidence.Proof`; "true"
    by numeric sampling only is a passing
    :class:`~adaproof.reports.claims.evidence.Comparison` (so a claim resting on it can be
    "confirmed", never "proved"); "false" carries the engine's counterexample; an undecided
    relation is a failed proof (the verdict is then "inconclusive", with the reason).
    """
    from adaproof.reports.claims.evidence import Comparison, Proof

    method = str(decision.method)
    if decision.verdict == "true" and method.startswith("symbolic"):
        return Decided([Proof(statement, True, method=method)], [], None, method)
    if decision.verdict == "true":
        return Decided([], [Comparison(statement, error=0.0, tol=0.0, note=method)], None, method)
    if decision.verdict == "false":
        cx = dict(decision.counterexample or {"relation": statement})
        return Decided([], [], cx, method)
    return Decided(
        [Proof(f"{statement} (undecided: {method})", False, method=method)], [], None, method
    )


def interval(lo: int, hi: int, *, closed: bool = False, closed_hi: bool = False):
    """The domain (lo, hi) for :func:`decide`'s assumptions: open by default,
    [lo, hi] with ``closed``, (lo, hi] with ``closed_hi``."""
    from adaproof.derivations.parsing.assume import Domain

    return Domain(
        sp.Integer(lo), sp.Integer(hi), lo_open=not closed, hi_open=not (closed or closed_hi)
    )


def printed_value(value: float, printed: str) -> Literal["exact", "close", "wrong"]:
    """How a printed decimal relates to the exact value.

    "exact" when the printed digits are the correct rounding of the value;
    "close" when they are off by at most one unit in the last printed digit
    (typically a rounded intermediate); "wrong" otherwise.

    >>> printed_value(3.902281, "3.902"), printed_value(4.165518, "4.165")
    ('exact', 'close')
    """
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    unit = 10.0**-decimals
    p = float(printed)
    if abs(value - p) <= unit / 2 * (1 + 1e-12):
        return "exact"
    if abs(value - p) <= unit * (1 + 1e-12):
        return "close"
    return "wrong"


def supporting(facts: dict[str, bool]) -> list[Proof]:
    """Symbolic facts a check relies on that do not prove its claim by themselves (a lemma,
    the arithmetic of a constant): no :class:`Proof` while they all hold (a check lists them
    in its details), a failed ``Proof`` for each that does not, so that the evidence
    contradicts itself and the verdict is "inconclusive" rather than "proved".

    >>> supporting({"1 + 1 = 2": True})
    []
    >>> [p.statement for p in supporting({"1 + 1 = 3": False})]
    ['1 + 1 = 3']
    """
    from adaproof.reports.claims.evidence import Proof

    return [Proof(statement, False) for statement, holds in facts.items() if not holds]


def relative(
    name: str, value: float, reference: float, rtol: float, *, mode: str = "exact"
) -> Comparison:
    """A :class:`~adaproof.reports.claims.evidence.Comparison` of ``value`` with ``reference``
    whose tolerance is ``rtol`` times ``|reference|``.

    >>> relative("run", 2.0 + 1e-12, 2.0, 1e-9).passes
    True
    """
    from adaproof.reports.claims.evidence import Comparison

    return Comparison(name, value, reference, tol=rtol * abs(reference), mode=mode)  # type: ignore[arg-type]


def reduces_to_zero(
    statement: str, relations: Iterable[Any], reduce: Callable[[Any], Any] = sp.expand
) -> Proof:
    """A :class:`~adaproof.reports.claims.evidence.Proof` that ``reduce(lhs - rhs)`` is 0 for
    every relation (a SymPy ``Eq`` or anything with ``lhs`` and ``rhs``).

    >>> x = sp.Symbol("x")
    >>> reduces_to_zero("(x+1)^2 expanded", [sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1)]).holds
    True
    """
    from adaproof.reports.claims.evidence import Proof

    return Proof(statement, all(reduce(r.lhs - r.rhs) == 0 for r in relations))


def lagrange_identity(ts: tuple[int, ...] = (2, 3, 4)) -> Proof:
    """Lagrange's identity for t in ``ts``: the Cauchy–Schwarz gap behind the sharp bound on
    Adam's step (derivations.worst_case.cauchy_schwarz_gap) is a sum of squares."""
    from adaproof.derivations import worst_case

    return reduces_to_zero(
        f"Lagrange's identity (Cauchy-Schwarz gap), t = {ts[0]}..{ts[-1]}",
        map(worst_case.cauchy_schwarz_gap, ts),
        sp.simplify,
    )


def adam_max_ratio_at(t: int, beta1: float, beta2: float) -> float:
    """R_t, the sharp bound on |m̂_t|/√v̂_t (derivations.worst_case.adam_max_ratio), at step
    ``t`` and the given betas, evaluated to 30 digits."""
    from adaproof.derivations import symbols, worst_case

    expr = worst_case.adam_max_ratio(symbols.t, symbols.beta1, symbols.beta2)
    return float(expr.evalf(30, subs={symbols.t: t, symbols.beta1: beta1, symbols.beta2: beta2}))


#: standard errors within which a Monte Carlo mean agrees with a derived value
Z_TOL = 4.0


def mc_mean_against(name: str, mc: Any, key: str, expr: Any, at: dict) -> tuple[Comparison, float]:
    """The Monte Carlo means of ``key`` (a :class:`numerics.montecarlo.Moments`, t = 1..T)
    against a derived mean: ``expr`` (in ``symbols.t``, or a constant) with ``at``
    substituted, at every t. The comparison passes when the largest |z| = |mean - derived|
    / standard error is at most :data:`Z_TOL`; that largest |z| is returned with it."""
    from adaproof.derivations import symbols
    from adaproof.reports.claims.evidence import Comparison

    fixed = symbols.as_expr(expr).subs(at)
    ref = np.array([float(fixed.subs(symbols.t, k)) for k in range(1, len(mc.mean[key]) + 1)])
    z = float(np.max(np.abs(mc.mean[key] - ref) / mc.se_mean[key]))
    name = f"Monte Carlo mean of {key}_t against {name}: max |z|"
    return Comparison(name, z, Z_TOL, mode="upper"), z
