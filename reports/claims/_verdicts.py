"""What every claims module shares: result builders, symbolic helpers, claim rows.

The source modules (``seed_000`` … ``seed_004``, ``papers``) compute each verdict
from evidence; the builders here turn that evidence into a :class:`Result`. A
builder is given ``ok``, the conjunction of the symbolic and numeric checks, and
the verdict the reviewed reading predicts; when ``ok`` is false the result is
:attr:`Verdict.INCONCLUSIVE` (so ``adaproof check`` reports a mismatch), never the
predicted verdict. Nothing here decides a verdict on its own.

Also here: the short aliases the catalogues are written with (``PROVED``,
``IDN``, …), a bounded call of :func:`derivations.equivalence.decide`, interval
domains for its assumptions, the reading of a printed decimal, and
:func:`make_claim`, the one constructor of a catalogue row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import sympy as sp
from adaproof.reports.claims.base import Claim, Kind, Result, Verdict

__all__ = [
    "ALG",
    "APPROXIMATE",
    "CONDITIONAL",
    "CONFIRMED",
    "IDN",
    "INQ",
    "LIM",
    "PROVED",
    "QUAL",
    "REFUTED",
    "VAL",
    "approximate",
    "conditional",
    "confirmed",
    "decide",
    "interval",
    "make_claim",
    "printed_value",
    "proved",
    "refuted",
    "result",
]

PROVED, CONFIRMED, APPROXIMATE = Verdict.PROVED, Verdict.CONFIRMED, Verdict.APPROXIMATE
CONDITIONAL, REFUTED = Verdict.CONDITIONAL, Verdict.REFUTED

IDN, INQ, LIM, VAL, ALG, QUAL = (
    Kind.IDENTITY,
    Kind.INEQUALITY,
    Kind.LIMIT,
    Kind.VALUE,
    Kind.ALGORITHM,
    Kind.QUALITATIVE,
)


# ---------------------------------------------------------------------------
# Result builders: the verdict follows from the evidence; evidence that does not
# support the reviewed reading yields "inconclusive" (and so a mismatch).


def result(ok: bool, verdict: Verdict, summary: str, evidence: dict, **kw: Any) -> Result:
    """``Result(verdict, summary, evidence, **kw)`` when ``ok``; otherwise an
    inconclusive result whose summary says the evidence does not support the reading
    (``counterexample``/``corrected`` are then dropped)."""
    if ok:
        return Result(verdict, summary, evidence, **kw)
    return Result(
        Verdict.INCONCLUSIVE, "evidence does not support the reading: " + summary, evidence
    )


def proved(ok: bool, summary: str, evidence: dict) -> Result:
    """Exact: shown symbolically and a run of the recursion agrees."""
    return result(ok, PROVED, summary, evidence)


def confirmed(ok: bool, summary: str, evidence: dict) -> Result:
    """No symbolic proof; simulation agrees within a tolerance stated in ``evidence``."""
    return result(ok, CONFIRMED, summary, evidence)


def approximate(ok: bool, summary: str, evidence: dict) -> Result:
    """True only approximately or in a limit; ``evidence`` quantifies the error."""
    return result(ok, APPROXIMATE, summary, evidence)


def conditional(
    ok: bool, summary: str, evidence: dict, *, counterexample: dict, conditions: str
) -> Result:
    """True only under ``conditions`` (LaTeX, stored as ``evidence["conditions"]``) that
    the source did not state; ``counterexample`` violates them."""
    return result(
        ok,
        CONDITIONAL,
        summary,
        {**evidence, "conditions": conditions},
        counterexample=counterexample,
    )


def refuted(
    ok: bool, summary: str, evidence: dict, *, counterexample: dict, corrected: str | None = None
) -> Result:
    """False as written: a ``counterexample`` and, where one exists, the ``corrected``
    statement (LaTeX)."""
    return result(
        ok, REFUTED, summary, evidence, counterexample=counterexample, corrected=corrected
    )


# ---------------------------------------------------------------------------
# Symbolic helpers


def decide(lhs: sp.Expr, op: str, rhs: sp.Expr, assume: dict | None = None):
    """A symbolic decision (proof or counterexample) from derivations.equivalence,
    with a 4-second budget."""
    from adaproof.derivations.equivalence import decide as _decide

    return _decide(lhs, op, rhs, assume, budget=4.0)


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


# ---------------------------------------------------------------------------
# Catalogue rows


def make_claim(
    source: str,
    cid: str,
    location: str,
    inventory: str | None,
    statement: str,
    kind: Kind,
    expected: Verdict,
    check: Callable[[], Result],
    title: str,
    **kw: Any,
) -> Claim:
    """One catalogue row, arguments in the order the catalogues list them; ``kw``
    passes ``slow``, ``corrected_by`` and ``figure`` through to :class:`Claim`."""
    return Claim(
        id=cid,
        source=source,
        location=location,
        inventory=inventory,
        statement=statement,
        kind=kind,
        expected=expected,
        check=check,
        title=title,
        **kw,
    )
