"""Helpers shared by the claims packages: a bounded symbolic decision, interval domains for
its assumptions, and the reading of a printed decimal. None of them decides a verdict: that
is :func:`~adaproof.reports.claims.evidence.verdict_from`'s job alone.
"""

from __future__ import annotations

from typing import Literal

import sympy as sp

__all__ = ["DECIDE_BUDGET", "decide", "interval", "printed_value"]

#: Seconds a claim's symbolic decision may take before it answers "inconclusive".
DECIDE_BUDGET = 4.0


def decide(lhs: sp.Expr, op: str, rhs: sp.Expr, assume: dict | None = None):
    """A symbolic decision (proof or counterexample) from derivations.equivalence, under
    :data:`DECIDE_BUDGET` seconds."""
    from adaproof.derivations.equivalence import decide as _decide

    return _decide(lhs, op, rhs, assume, budget=DECIDE_BUDGET)


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
