r"""A display that is only an expression, continuing the display before it through prose.

``$$\sigma^2 \frac{1-\beta_1}{1+\beta_1}$$`` then "by first-order Taylor expansion this
is approximately:" then ``$$\sigma^2(1-\beta_1)$$``: the second display is read as
"the previous display's last side ≈ this" when the prose right before it ends with a
back-reference and a relation in words ("this is approximately:", "which is about",
"≈" for ≈; "which is equal to:", "this equals:", "this becomes:" for =). The reading
is stated in the entry. Any other lone expression stays "not a relation".

``≈`` is decided as everywhere else (a limit: t → ∞ or ε → 0). When the formula has
neither and one parameter with a bounded range (β₁ in (0, 1)) is left, the limit is
taken at both ends of the range (:func:`parameter_ends`): a ratio that tends to 1 at
both ends is true; otherwise the claim stays inconclusive (the text may mean a limit
or a value of the parameter it does not state) unless the prose says the approximation
is a first-order (Taylor) expansion: then the sides must agree to first order about
the expansion point, which is checked at both ends (lhs - rhs = o(|p - end|)) and
inside the range (the sides must be equal there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp
from adaproof.derivations.parsing.assume import Domain
from adaproof.reports.documents import engine as E
from adaproof.reports.documents import notation as N

_PRONOUN = r"\b(?:this|which|it|that)\s+"
_BE = r"(?:is\s+|will\s+be\s+|would\s+be\s+|should\s+be\s+)?"
_APPROX = re.compile(
    _PRONOUN + _BE + r"(?:approximately|roughly)\s*:?\s*$"
    r"|\bwhich\s+is\s+about\s*:?\s*$"
    r"|(?:≈|\\approx)\s*\$?\s*:?\s*$",
    re.I,
)
_EQUAL = re.compile(
    _PRONOUN + r"(?:is\s+)?(?:equal\s+to|equals|becomes)\s*:?\s*$",
    re.I,
)
#: words before the phrase that put the relation under a condition the formula does not
#: carry ("As $t \to \infty$ this becomes:", "With $\beta = 0$ this equals:", "for large t,
#: which is equal to:"): the continuation is then not decided (the condition is not read)
_CONDITION = re.compile(
    r"\b(?:as|when|whenever|if|for|with|without|setting|substituting|plugging|taking|letting"
    r"|limit|under|assuming|near|around|at|ignoring|neglecting|dropping|large|small)\b"
    r"|\\to\b|→|\\rightarrow|\\infty|∞|=|<|>|\\l(?:eq?|t)\b|\\g(?:eq?|t)\b",
    re.I,
)
#: prose that says the approximation is a first-order expansion
_FIRST_ORDER = re.compile(r"\b(first[- ]order|to first order|linear approximation)\b", re.I)
_NO_LIMIT = "≈ with no limit variable"
#: most lines from the row of the relation continued to the lone expression (one short
#: paragraph of prose between them: "this" refers to that relation, not to the prose)
MAX_GAP = 8


@dataclass(frozen=True)
class Continuation:
    chain: N.Chain
    phrase: str  # the prose that makes the display a relation
    previous_line: int
    op: str  # "≈" or "="
    condition: str = ""  # the words before the phrase that state a condition, if any


def find(chains: list[N.Chain], before: str, previous) -> Continuation | None:
    """The display's one lone expression read as a continuation, or None (also when more
    than :data:`MAX_GAP` lines separate it from the relation it would continue)."""
    if len(chains) != 1 or previous is None or len(previous) < 4:
        return None
    (chain,) = chains
    if chain.rels or chain.unread or previous[1] is None:
        return None
    if not 0 < chain.line - previous[3] <= MAX_GAP:
        return None
    prose = before.rstrip()
    for pattern, rel, op in ((_APPROX, "\\approx", "≈"), (_EQUAL, "=", "=")):
        m = pattern.search(prose)
        if m:
            phrase = m.group(0).strip()
            cont = N.Chain(chain.line, chain.sides, (rel,), chain.text, continued=True)
            cm = _CONDITION.search(prose[: m.start()])
            condition = prose[: m.start()].strip() if cm else ""
            return Continuation(cont, phrase, previous[3], op, condition)
    return None


def note(entries: list[E.Entry], cont: Continuation) -> None:
    """State the reading on the entries the continuation produced."""
    what = (
        f"continues line {cont.previous_line} through '{cont.phrase}': its last side "
        f"{cont.op} this expression"
    )
    for e in entries:
        e.reading = f"{what}; {e.reading}" if e.reading else what


def _end_limit(lhs, rhs, p: sp.Symbol, end: sp.Expr, defs: E.Defs, budget: float):
    """The decision of lhs ≈ rhs as p → end (end a number), via a variable going to 0."""
    from adaproof.derivations.equivalence import decide_limit

    a = sp.Symbol("a_end", positive=True)
    sub = {p: end + a} if end == 0 else {p: end - a}
    dom = {a: Domain(lo=sp.Integer(0), hi=sp.Integer(1))}
    others = {s: d for s, d in (defs.domains or {}).items() if s != p}
    return decide_limit(
        lhs.xreplace(sub), rhs.xreplace(sub), a, "0", {**others, **dom}, budget=budget
    )


def _order(diff: sp.Expr, p: sp.Symbol, end: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """(lim lhs - rhs, lim (lhs - rhs)/(p - end)) as p → end from inside the range."""
    side = "+" if end == 0 else "-"
    value = sp.limit(diff, p, end, side)
    slope = sp.limit(sp.cancel(diff / (p - end)), p, end, side) if value == 0 else sp.nan
    return value, slope


def parameter_ends(entry: E.Entry, lhs, rhs, defs: E.Defs, before: str, budget: float) -> None:
    """Decide an ``lhs ≈ rhs`` left with no limit variable at the ends of its one
    parameter's range (see the module docstring); the entry is changed in place."""
    from adaproof.derivations.equivalence import Timeout, deadline
    from adaproof.derivations.equivalence.common import default_domain

    if entry.verdict != "inconclusive" or not entry.method.startswith(_NO_LIMIT):
        return
    un = E.Unroller(defs)
    try:
        lx, r = un.expr(un.scalars(lhs)), un.expr(un.scalars(rhs))
    except E.Undecided:
        return
    if E._seqs(lx) or E._seqs(r) or (lx - r).has(sp.Sum):
        return
    ratio = sp.cancel(lx / r)
    params = sorted(ratio.free_symbols, key=lambda s: s.name)
    if len(params) != 1:
        entry.method += (
            f"; the ratio depends on {len(params)} parameters, no end of a range to take"
            if params
            else ""
        )
        return
    (p,) = params
    dom = defs.domains.get(p) if defs.domains else None
    dom = dom or default_domain(p)
    if dom.lo is None or dom.hi is None or dom.integer:
        entry.method += f"; {p.name} has no bounded range whose ends could be the limit"
        return
    ends = (sp.Integer(dom.lo), sp.Integer(dom.hi))
    results = []
    try:
        with deadline(2 * budget + 1):
            for end in ends:
                d = _end_limit(lx, r, p, end, defs, budget / 2)
                d.method = d.method.replace("as a_end -> 0", f"as {p.name} → {end}")
                results.append((end, d))
    except Timeout:
        entry.method += f"; the limits at the ends of {p.name}'s range ran out of time"
        return
    if any(d.verdict == "inconclusive" for _e, d in results):
        entry.method += f"; the limit at an end of {p.name}'s range is not decided"
        return
    shown = "; ".join(
        f"as {p.name} → {end}: {'lhs/rhs → 1' if d.verdict == 'true' else d.method}"
        for end, d in results
    )
    entry.symbolic = all(d.method.startswith("symbolic") for _e, d in results)
    if all(d.verdict == "true" for _e, d in results):
        entry.verdict = "true"
        entry.method = f"no limit in the formula; at both ends of {p.name}'s range: {shown}"
        return
    m = _FIRST_ORDER.search(before)
    if not m:  # which limit (or which value of the parameter) is meant is not said
        agree = "disagree" if any(d.verdict == "true" for _e, d in results) else "both fail"
        entry.method = (
            f"no limit in the formula and the ends of {p.name}'s range {agree} ({shown}); "
            "the text does not say which limit is meant"
        )
        return
    _taylor(entry, lx, r, p, ends, results, m.group(0), budget)


def _limit_ce(end, d, p) -> dict:
    ce = dict(d.counterexample or {})
    ce.setdefault("kind", "limit")
    ce["limit"] = f"{p.name} → {end}"
    return ce


def _taylor(entry, lx, r, p, ends, results, phrase: str, budget: float) -> None:
    """The prose calls the approximation a first-order expansion: the right side must be
    the left's first-order expansion about some point of the closed range. False when it
    is about none (the sides differ inside the range and, at each end, at order 0 or 1);
    true about an end where they agree to first order and lhs/rhs → 1."""
    from adaproof.derivations.equivalence import Timeout, deadline

    diff = sp.cancel(sp.together(lx - r))
    lo, hi = ends
    try:
        with deadline(max(budget, 1.0)):
            roots = sp.solve(sp.numer(diff), p)
            orders = [_order(diff, p, end) for end in ends]
    except Timeout:
        entry.method += "; the first-order check ran out of time"
        return
    except Exception as exc:
        entry.method += f"; the first-order check could not be done ({type(exc).__name__})"
        return
    inner = [
        x
        for x in roots
        if x.is_real is not False and not (x.is_number and x.is_real and (x <= lo or x >= hi))
    ]
    if inner:
        entry.method += "; the sides are equal somewhere inside the range: not refuted"
        return
    differ, agree = [], []
    for end, (value, slope), (_e, d) in zip(ends, orders, results, strict=True):
        if value != 0:
            if value.is_zero is not False:
                entry.method += f"; whether the sides differ at {p.name} = {end} is not decided"
                return
            differ.append(f"at {p.name} = {end} they differ (lhs - rhs → {E._show(value)})")
        elif slope == 0:
            if d.verdict != "true":
                entry.method += (
                    f"; the sides agree to first order at {p.name} = {end} but lhs/rhs does "
                    "not tend to 1 there"
                )
                return
            agree.append(end)
        elif slope.is_zero is False and slope.is_finite is not False:
            differ.append(
                f"at {p.name} = {end} lhs - rhs ≈ {E._show(slope)}·({p.name} - {end}), "
                "not o(|" + f"{p.name} - {end}" + "|)"
            )
        else:
            entry.method += f"; the first-order term at {p.name} = {end} is not decided"
            return
    lim = "; ".join(
        f"lhs/rhs → {1 if d.verdict == 'true' else d.counterexample.get('limit_ratio')} "
        f"as {p.name} → {end}"
        for end, d in results
    )
    said = f"read as the text says ('{phrase}')"
    if agree:
        at = " and ".join(f"{p.name} = {end}" for end in agree)
        entry.verdict = "true"
        entry.symbolic = all(d.method.startswith("symbolic") for _e, d in results)
        entry.method = (
            f"{said}: the first-order expansion about {at} (lhs - rhs = o(|{p.name} - "
            f"{agree[0]}|) there); {lim}"
        )
        return
    entry.verdict, entry.symbolic = "false", False
    entry.method = (
        f"{said}: the right side is not the first-order expansion of the left about any "
        f"{p.name} in [{lo}, {hi}] — inside the range the sides differ, and {'; '.join(differ)}"
        f"; {lim}"
    )
    end, d = next((e, d) for e, d in results if d.verdict == "false")
    entry.counterexample = _limit_ce(end, d, p)


def run(checker, cont: Continuation, previous, before: str):
    """Check the continued display through the checker; returns what the chain leaves."""
    start = len(checker.entries)
    out = checker.chain(cont.chain, previous)
    entries = checker.entries[start:]
    if cont.condition:
        for e in entries:
            if e.role == "claim":
                e.verdict, e.symbolic, e.counterexample = "inconclusive", False, None
                e.method = (
                    f"the prose puts it under a condition ('{_short(cont.condition)}') that is "
                    "not read: not decided as an unconditional relation"
                )
        note(entries, cont)
        return out
    if cont.op == "≈" and len(entries) == 1 and entries[0].role == "claim":
        try:
            rhs = checker.parse(cont.chain.sides[0])
        except N.Unreadable:
            rhs = None
        if rhs is not None:
            parameter_ends(entries[0], previous[1], rhs, checker.defs, before, checker.budget)
    note(entries, cont)
    return out


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
