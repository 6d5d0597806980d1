r"""``A \propto B``: A = κ B for one constant κ ≠ 0 that does not depend on the index.

When A is a name not defined yet, the line states the *form* of a choice
(``\eta_t \propto \frac{r}{\sqrt{t}}`` after "a learning rate of the form"): it is
listed as a definition-like entry and nothing is recorded, so later relations are
never checked against it. When A's name is defined, the claim is decided: A/B must be
the same at every index. The reference index r is the first of 1..8 where B is not 0
(``a_t \propto t - 1`` has no ratio at t = 1), and the claim checked is the cross product
``A_t · B_r = A_r · B_t`` by the engine's own decision (symbolically when no recursion is
involved, else exactly at t = 1..8): it holds at an index where B is 0 only when A is 0
there too, and a false verdict comes with two indices where A and B are not in proportion.
"""

from __future__ import annotations

import sympy as sp
from adaproof.reports.documents import engine as E
from adaproof.reports.documents import notation as N

#: the indices tried, in order, as the one where the ratio A/B is taken as the constant κ
_REFERENCES = range(1, 9)


def _defined(defs: E.Defs, lhs: sp.Expr) -> bool:
    """Whether the name on the left has a definition in force."""
    if N.is_seq(lhs):
        name = N.seq_name(lhs)
        return name in defs.general or bool(defs.values.get(name))
    if isinstance(lhs, sp.Symbol):
        return lhs in defs.scalars
    return True  # an expression: a claim about the names it uses


def _is_name(lhs: sp.Expr) -> bool:
    if N.is_seq(lhs):
        return not lhs.args[0].is_Integer
    return isinstance(lhs, sp.Symbol) and lhs.name not in E._INDEX_NAMES


def form_entry(line: int, text: str, lt: str, rt: str, lhs: sp.Expr) -> E.Entry:
    """``A ∝ B`` with A not defined: the form of a choice, never used to unroll."""
    idx = [s.name for s in lhs.args[0].free_symbols] if N.is_seq(lhs) else []
    over = f", κ ≠ 0 not depending on {', '.join(sorted(idx))}" if idx else ", κ ≠ 0 a constant"
    reading = (
        f"the form of {lt.strip()} up to a constant factor: {lt.strip()} = κ·{rt.strip()}{over}; "
        "not used to unroll later claims"
    )
    return E.Entry(line, text, "definition", "defined", reading)


def decide(lhs: sp.Expr, rhs: sp.Expr, defs: E.Defs, budget: float) -> E.Entry:
    """``lhs ∝ rhs`` with lhs's names defined: lhs/rhs the same at every index."""
    idx = E._index_vars(defs, lhs, rhs)
    if N.is_seq(lhs):
        idx = sorted(
            set(idx) | {s for s in lhs.args[0].free_symbols if not isinstance(s, sp.Dummy)},
            key=lambda s: s.name,
        )
    if len(idx) != 1:
        entry = E.Entry(0, "", "claim", "inconclusive", relation="∝")
        entry.method = (
            "∝ with no index: which variable the constant may not depend on is not said"
            if not idx
            else "∝ with more than one free index"
        )
        return entry
    (var,) = idx
    reference = _reference(rhs, var, defs)
    if reference is None:
        entry = E.Entry(0, "", "claim", "inconclusive", relation="∝")
        entry.method = (
            f"the right side is 0 or not evaluated at {var.name} = 1..8: no index fixes the "
            "constant"
        )
        return entry
    at_ref = {var: sp.Integer(reference)}
    lhs_ref, rhs_ref = lhs.xreplace(at_ref), rhs.xreplace(at_ref)
    # A_t = κ B_t with κ = A_r / B_r, cross-multiplied: no division where B_t = 0
    entry = E.decide_claim(lhs * rhs_ref, "=", lhs_ref * rhs, defs, budget)
    entry.relation = "∝"
    entry.approximate = False
    where = f"{var.name} = {reference}"
    if entry.verdict == "false":
        entry.method = (
            f"the sides are not in proportion at every {var.name}: A·B({where}) against "
            f"A({where})·B, {entry.method}"
        )
        ce = entry.counterexample
        if ce is not None:
            at = ce.get("index") or ", ".join(
                f"{k} = {v}" for k, v in ce.get("values", {}).items() if k == var.name
            )
            if at and "lhs" in ce and "rhs" in ce:
                entry.method += f" ({ce['lhs']} against {ce['rhs']} at {at})"
            entry.counterexample = {"reference": where, **ce}
        return entry
    if entry.verdict != "true":
        entry.method = f"whether the ratio depends on {var.name} is not decided: {entry.method}"
        return entry
    kappa = E.Unroller(defs).expr(lhs_ref / rhs_ref)
    if kappa == 0:
        entry.verdict, entry.symbolic = "false", False
        entry.method = f"the ratio is 0 at {where}: κ must not be 0"
        entry.counterexample = {"values": {}, "reference": where, "lhs": "0", "rhs": "κ ≠ 0"}
        return entry
    cond = f" (≠ 0 where {E._show(kappa)} ≠ 0)" if kappa.free_symbols else ""
    entry.method = (
        f"the ratio equals its value at {where}, κ = {E._show(kappa)}{cond}: {entry.method}"
    )
    return entry


def _reference(rhs: sp.Expr, var: sp.Symbol, defs: E.Defs) -> int | None:
    """The first index r of 1..8 where B_r is defined and not 0 (generically, for symbols)."""
    for r in _REFERENCES:
        try:
            value = E.Unroller(defs).expr(rhs.xreplace({var: sp.Integer(r)}))
        except E.Undecided:
            continue
        if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or sp.simplify(value) == 0:
            continue
        return r
    return None


def relation(
    checker, line: int, text: str, lt: str, rt: str, lhs, rhs, error: str | None, first: bool
) -> E.Entry:
    """The entry for one ``lt \\propto rt`` link of a display (added by the caller)."""
    if error:
        return E.Entry(line, text, "not checked", "not checked", error)
    defs = checker.defs
    if first and _is_name(lhs) and not _defined(defs, lhs):
        return form_entry(line, text, lt, rt, lhs)
    if _is_name(lhs) and not _defined(defs, lhs):
        # a_t ∝ b_t ∝ c_t with b_t not defined: a form, not a claim about every sequence b
        entry = E.Entry(line, text, "claim", "inconclusive", relation="∝")
        entry.method = f"{lt.strip()} is not defined: ∝ between names with no definition"
        return entry
    entry = decide(lhs, rhs, defs, checker.budget)
    entry.line, entry.text = line, text
    claim = (
        f"claim: {E._show(lhs)} ∝ {E._show(rhs)}, read as {E._show(lhs)} = κ·{E._show(rhs)} "
        "for one constant κ ≠ 0 at every index"
    )
    entry.reading = f"{claim}; {entry.reading}" if entry.reading else claim
    return entry
