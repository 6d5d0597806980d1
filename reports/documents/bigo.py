r"""``A = O(B)``: A grows no faster than B as the variable in B goes to infinity.

``D_\infty \sqrt{T} \sum_{i=1}^{d} \frac{1}{i} = O(D_\infty \log(d) \sqrt{T})`` is read as
``|A/B|`` bounded as d → ∞. Decided only when the ratio A/B (after the sums are done)
depends on exactly one index variable n (the others cancel):

* true: ``lim |A/B|`` as n → ∞ is finite (SymPy's limit), said with its value;
* false: the limit is infinite (A outgrows B along n, the other values fixed);
* otherwise (no limit, several index variables left, no variable at all, or the ratio's
  variable is not the bound's: ``T d = O(d)``, where T may be one of O's constants)
  inconclusive with the reason. ``O(·)`` never says anything about small n, and neither does this.
"""

from __future__ import annotations

import re

import sympy as sp
from adaproof.reports.documents import notation as N

_INDEX = frozenset({"t", "k", "n", "T", "i", "j", "d", "N"})
_BIG_O = re.compile(r"^\s*O\s*(?:\\left)?\s*\((.*)\)\s*$", re.S)


def _inner(text: str) -> str | None:
    m = _BIG_O.match(text.replace(r"\right)", ")"))
    if not m:
        return None
    inner = m.group(1)
    depth = 0
    for ch in inner:  # the parenthesis after O closes at the end, not before
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return None
    return inner if depth == 0 else None


def relation(checker, line: int, text: str, lhs: sp.Expr | None, op: str, rt: str):
    """The entry for ``lhs = O(…)`` (``rt`` the right side's text), or None."""
    from adaproof.reports.documents.engine import Entry

    inner = _inner(rt)
    if op != "=" or lhs is None or inner is None:
        return None
    try:
        big = checker.parse(inner)
    except N.Unreadable:
        return None
    e = Entry(line, text, "claim", "inconclusive", relation="O")
    e.reading = f"claim: {sp.sstr(lhs)} = O({sp.sstr(big)}), |lhs/rhs| bounded at infinity"
    if (
        big == 0
        or lhs.atoms(sp.core.function.AppliedUndef)
        or big.atoms(sp.core.function.AppliedUndef)
    ):
        e.method = "O(·) of an expression with undefined values: not decided"
        return e
    try:
        ratio = sp.simplify((lhs / big).doit())
    except Exception:
        e.method = "the ratio could not be simplified"
        return e
    idx = sorted((s for s in ratio.free_symbols if s.name in _INDEX), key=lambda s: s.name)
    if len(idx) != 1:
        e.method = (
            "the ratio depends on no index variable"
            if not idx
            else f"the ratio depends on {', '.join(s.name for s in idx)}: which limit "
            "O(·) means is not said"
        )
        return e
    (n,) = idx
    own = sorted(s.name for s in big.free_symbols if s.name in _INDEX)
    if own and n.name not in own:
        # T d = O(d): the bound is in d; T grows only if it is not one of O(·)'s constants
        e.method = (
            f"the ratio depends on {n.name}, which the bound O(·) does not contain (it is in "
            f"{', '.join(own)}): whether {n.name} is a constant of O(·) is not said"
        )
        return e
    m = sp.Symbol(n.name, integer=True, positive=True)
    r = ratio.xreplace({n: m})
    try:
        lim = sp.limit(sp.Abs(r), m, sp.oo)
    except Exception:
        lim = None
    if lim is None or lim.has(sp.Limit, sp.AccumBounds, sp.nan):
        e.method = f"no limit of the ratio as {n.name} → ∞ was found"
        return e
    if lim in (sp.oo, -sp.oo, sp.zoo):
        e.verdict = "false"
        e.method = f"|lhs/rhs| → ∞ as {n.name} → ∞: lhs grows faster than the O(·) bound"
        e.counterexample = {"values": {n.name: "→ ∞"}, "ratio": sp.sstr(ratio)}
        return e
    if lim.is_finite:
        e.verdict = "true"
        e.symbolic = True
        e.method = (
            f"symbolic: lhs/rhs = {sp.sstr(ratio)}, whose absolute value tends to "
            f"{sp.sstr(lim)} as {n.name} → ∞"
        )
    else:
        e.method = f"the limit of the ratio as {n.name} → ∞ is not known to be finite"
    return e


__all__ = ["relation"]
