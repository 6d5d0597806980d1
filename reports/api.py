r"""Public API for keeping mathematical claims as tests.

>>> import sympy as sp
>>> from reports.api import assert_bound, assert_equivalent
>>> b = sp.Symbol("b", positive=True)
>>> _ = assert_equivalent((1 - b**2) / (1 - b), 1 + b)
>>> assert_bound("(1-b^t)/(1-b)", "<=", "t", assume=["0 < b < 1", "t integer >= 1"]).verdict
'true'
>>> assert_bound("b^2", "<=", "b/2", assume="0 < b < 1")
Traceback (most recent call last):
...
AssertionError: b^2 <= b/2 is false
  lhs: beta**2
  rhs: beta/2
  counterexample at beta = 2/3:
    lhs        = 4/9
    rhs        = 1/3
    difference = 1/9
  method: counterexample (exact, or decided by interval arithmetic)

Sides may be SymPy expressions, numbers, or text in the notation of
``adaproof verify`` (parsed safely, never evaluated); assumptions are text such
as ``"0 < b < 1"``, ``"t integer >= 1"``, ``"x real"`` (a string or a list).
Symbols are matched by name, so ``"x > 0"`` applies to a SymPy ``Symbol("x")``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sympy as sp
from adaproof.derivations.equivalence import RELATIONS, Decision, decide, decide_bounded
from adaproof.derivations.parsing import ParseError, Scope, parse_expression
from adaproof.derivations.parsing.assume import Domain, parse_assumptions, state_domains


class ClaimInconclusive(AssertionError):
    """The relation could be neither proved nor refuted within the budget."""


def _label(x: Any) -> str:
    return x if isinstance(x, str) else sp.sstr(x)


def _prepare(lhs: Any, rhs: Any, assume: Any) -> tuple[sp.Expr, sp.Expr, dict]:
    scope = Scope()
    for side in (lhs, rhs):
        if isinstance(side, sp.Basic):
            for s in side.free_symbols:
                scope.defined.setdefault(s.name, s)
    # the assumptions first: a stated domain replaces the symbol's built-in one already
    # while the sides are parsed (b > -1 makes b a real symbol, so sqrt(b)^2 stays as written)
    if assume is None:
        domains: dict = {}
    elif isinstance(assume, dict):
        if not all(isinstance(v, Domain) for v in assume.values()) or not all(
            isinstance(k, sp.Symbol) for k in assume
        ):
            raise TypeError("assume as a dict maps symbols to derivations.parsing.assume.Domain")
        domains = state_domains(dict(assume), scope)
    else:
        texts = [assume] if isinstance(assume, str) else list(assume)
        if not all(isinstance(a, str) for a in texts):
            raise TypeError("assume must be a string or a list of strings")
        try:
            domains = parse_assumptions(texts, scope)
        except ParseError as exc:
            raise ValueError(f"cannot read the assumptions: {exc}") from None
    sides = []
    for side in (lhs, rhs):
        if isinstance(side, str):
            try:
                sides.append(parse_expression(side, scope))
            except ParseError as exc:
                raise ValueError(f"cannot read {side[:60]!r}: {exc}") from None
        elif isinstance(side, sp.Basic):
            # a symbol whose domain is stated means that domain only (as in parsed text)
            sides.append(side.xreplace(scope.stated) if scope.stated else side)
        elif isinstance(side, int) and not isinstance(side, bool):
            sides.append(sp.Integer(side))
        else:
            raise TypeError(f"a side must be a SymPy expression, an int or text, got {side!r}")
    return sides[0], sides[1], domains


def message(dec: Decision, lhs_label: str, op: str, rhs_label: str) -> str:
    """The failure message: the relation, both sides, the counterexample and the difference."""
    head = f"{lhs_label} {op} {rhs_label}"
    head += " is false" if dec.verdict == "false" else " could not be decided"
    lines = [head, f"  lhs: {dec.lhs}", f"  rhs: {dec.rhs}"]
    ce = dec.counterexample
    if ce:
        values = ", ".join(f"{k} = {v}" for k, v in ce["values"].items()) or "any values"
        lines.append(f"  counterexample at {values}:")
        lines.append(f"    lhs        = {ce['lhs']}")
        lines.append(f"    rhs        = {ce['rhs']}")
        diff = (
            "0 (equal, but the relation is strict)" if ce["kind"] == "equal" else ce["difference"]
        )
        lines.append(f"    difference = {diff}")
    lines.append(f"  method: {dec.method}")
    return "\n".join(lines)


def check(
    lhs: Any,
    op: str,
    rhs: Any,
    *,
    assume: str | Iterable[str] | dict | None = None,
    budget: float = 10.0,
    require_proof: bool = False,
    isolate: bool = True,
) -> Decision:
    """Decide ``lhs op rhs`` without raising; see :func:`derivations.equivalence.decide`.

    With ``isolate`` (the default) the decision runs in a worker process ended at the
    budget, with a 512 MB memory cap: a limit reached makes it inconclusive, with the
    reason. ``isolate=False`` decides in this process (budget kept by SIGALRM only).
    """
    if op not in RELATIONS:
        raise ValueError(f"op must be one of {', '.join(RELATIONS)}, got {op!r}")
    if not isinstance(budget, int | float) or isinstance(budget, bool) or not budget > 0:
        raise ValueError(f"budget must be a positive number of seconds, got {budget!r}")
    left, right, domains = _prepare(lhs, rhs, assume)
    if isolate:
        return decide_bounded(left, op, right, domains, budget=budget, require_proof=require_proof)
    return decide(left, op, right, domains, budget=budget, require_proof=require_proof)


def assert_bound(
    lhs: Any,
    op: str,
    rhs: Any,
    *,
    assume: str | Iterable[str] | dict | None = None,
    budget: float = 10.0,
    require_proof: bool = False,
) -> Decision:
    """Assert ``lhs op rhs`` (op one of ``= <= < >= >``) for all values allowed by ``assume``.

    Passes when the relation is proved symbolically or, unless ``require_proof``,
    when no counterexample is found by the random, boundary and adversarial search;
    raises AssertionError with both sides, the counterexample and the difference
    otherwise (:class:`ClaimInconclusive` when it could not be decided).
    Returns the :class:`~derivations.equivalence.Decision` (its ``method`` says how).
    """
    dec = check(lhs, op, rhs, assume=assume, budget=budget, require_proof=require_proof)
    if dec.verdict == "true":
        return dec
    text = message(dec, _label(lhs), op, _label(rhs))
    if dec.verdict == "inconclusive":
        raise ClaimInconclusive(text)
    raise AssertionError(text)


def assert_equivalent(
    lhs: Any,
    rhs: Any,
    *,
    assume: str | Iterable[str] | dict | None = None,
    budget: float = 10.0,
    require_proof: bool = False,
) -> Decision:
    """Assert that ``lhs`` and ``rhs`` are equal for all values allowed by ``assume``."""
    return assert_bound(lhs, "=", rhs, assume=assume, budget=budget, require_proof=require_proof)


__all__ = ["ClaimInconclusive", "assert_bound", "assert_equivalent", "check", "message"]
