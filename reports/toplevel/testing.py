r"""Mathematical claims as tests in a user's own pytest suite.

>>> import sympy as sp
>>> from adaproof.testing import assert_bound, assert_equivalent
>>> b = sp.Symbol("b", positive=True)
>>> _ = assert_equivalent((1 - b**2) / (1 - b), 1 + b)
>>> assert_bound("(1-b^t)/(1-b)", "<=", "t", assume=["0 < b < 1", "t integer >= 1"]).verdict
'true'
>>> assert_bound("b^2", "<=", "b/2", assume="0 < b < 1")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AssertionError: b^2 <= b/2 is false
  counterexample at b = 2/3: lhs = 4/9, rhs = 1/3, difference = 1/9
  method: counterexample ...

Sides may be SymPy expressions, ints, or text in the notation of ``adaproof verify`` (parsed
safely, never evaluated); assumptions are text such as ``"0 < b < 1"``, ``"t integer >= 1"``,
``"x real"`` (a string or a list). Symbols are matched by name, so ``"x > 0"`` applies to a
SymPy ``Symbol("x")``. Failure messages are a few lines in the names the test used (``b``
stays ``b`` even though the package reads it as β), and pytest shows only the test's own
frame (``__tracebackhide__``).

The pytest plugin (installed with the package, entry point ``pytest11``) adds the
``@pytest.mark.claim(source=..., statement=...)`` marker; see :mod:`adaproof.pytest_plugin`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from adaproof.derivations.parsing import ParseError, Scope, parse_expression
from adaproof.derivations.parsing.assume import Domain, parse_assumptions, state_domains


class ClaimInconclusive(AssertionError):
    """The relation could be neither proved nor refuted within the budget."""


@dataclass
class _RecordingScope(Scope):
    """A Scope that remembers how the user spelled each symbol (``b`` for β)."""

    spelled: dict[sp.Symbol, str] = field(default_factory=dict)

    def resolve(self, name: str, position: int | None = None) -> sp.Expr:
        out = super().resolve(name, position)
        if isinstance(out, sp.Symbol) and out.name != name:
            self.spelled.setdefault(out, name)
        return out


def _prepare(lhs: Any, rhs: Any, assume: Any) -> tuple[sp.Expr, sp.Expr, dict, dict[str, str]]:
    """Both sides as SymPy, the domains, and ``{package name: the user's spelling}``."""
    scope = _RecordingScope()
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
            raise TypeError("assume as a dict maps symbols to parsing.assume.Domain objects")
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
    names = {sym.name: user for sym, user in scope.spelled.items()}
    return sides[0], sides[1], domains, names


def _label(x: Any) -> str:
    return x if isinstance(x, str) else sp.sstr(x)


def _in_user_names(expr: sp.Expr, names: dict[str, str]) -> str:
    rename = {s: sp.Symbol(names[s.name]) for s in expr.free_symbols if s.name in names}
    return sp.sstr(expr.xreplace(rename))


def message(dec: Any, lhs: Any, op: str, rhs: Any, names: dict[str, str] | None = None) -> str:
    """The failure message: a few lines, in the names the test used."""
    names = names or {}
    head = f"{_label(lhs)} {op} {_label(rhs)}"
    head += " is false" if dec.verdict == "false" else " could not be decided"
    lines = [head]
    sides = getattr(dec, "lhs_expr", None), getattr(dec, "rhs_expr", None)
    if all(isinstance(s, sp.Basic) for s in sides):
        shown = [_in_user_names(s, names) for s in sides]
        if shown != [_label(lhs), _label(rhs)] and not all(isinstance(x, str) for x in (lhs, rhs)):
            lines.append(f"  as read: {shown[0]} {op} {shown[1]}")
    ce = dec.counterexample
    if ce:
        values = ", ".join(f"{names.get(k, k)} = {v}" for k, v in ce["values"].items())
        if ce.get("kind") == "equal":
            diff = "0 (equal, but the relation is strict)"
        else:
            diff = ce.get("difference")
        lines.append(
            f"  counterexample at {values or 'any values'}: "
            f"lhs = {ce['lhs']}, rhs = {ce['rhs']}, difference = {diff}"
        )
    lines.append(f"  method: {dec.method}")
    return "\n".join(lines)


def assert_bound(
    lhs: Any,
    op: str,
    rhs: Any,
    *,
    assume: str | Iterable[str] | dict | None = None,
    budget: float = 10.0,
    require_proof: bool = False,
) -> Any:
    """Assert ``lhs op rhs`` (op one of ``= <= < >= >``) for all values allowed by ``assume``.

    Passes when the relation is proved symbolically or, unless ``require_proof``, when the
    random, boundary and adversarial search finds no counterexample; raises AssertionError
    with the counterexample and the difference otherwise (:class:`ClaimInconclusive` when
    it could not be decided). Returns the ``Decision`` (its ``method`` says how).

    The decision runs in a worker process ended at ``budget`` with a 512 MB memory cap; a
    limit reached is inconclusive (:class:`ClaimInconclusive`, with the reason).
    """
    __tracebackhide__ = True
    from adaproof.derivations.equivalence import RELATIONS, decide_bounded

    if op not in RELATIONS:
        raise ValueError(f"op must be one of {', '.join(RELATIONS)}, got {op!r}")
    left, right, domains, names = _prepare(lhs, rhs, assume)
    dec = decide_bounded(left, op, right, domains, budget=budget, require_proof=require_proof)
    object.__setattr__(dec, "lhs_expr", left)
    object.__setattr__(dec, "rhs_expr", right)
    if dec.verdict == "true":
        return dec
    text = message(dec, lhs, op, rhs, names)
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
) -> Any:
    """Assert that ``lhs`` and ``rhs`` are equal for all values allowed by ``assume``."""
    __tracebackhide__ = True
    return assert_bound(lhs, "=", rhs, assume=assume, budget=budget, require_proof=require_proof)


__all__ = ["ClaimInconclusive", "assert_bound", "assert_equivalent", "message"]
