"""Assumptions a user states: ``0 < b < 1``, ``t integer >= 1``, ``x real``, ``g > 0``,
``x in (0, 1]``. Parsed with the same safe parser as expressions."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

import sympy as sp
from adaproof.derivations.parsing import parse_pieces, split
from adaproof.derivations.parsing.limits import ParseError
from adaproof.derivations.parsing.notation import Scope

_WORDS = {"real", "integer", "positive", "nonnegative", "negative", "nonpositive"}


@dataclass(frozen=True)
class Domain:
    """A set of real numbers: an interval, optionally only its integers."""

    lo: sp.Rational | None = None
    hi: sp.Rational | None = None
    lo_open: bool = True
    hi_open: bool = True
    integer: bool = False

    def intersect(self, other: Domain) -> Domain:
        lo, lo_open = self.lo, self.lo_open
        if other.lo is not None and (
            lo is None or other.lo > lo or (other.lo == lo and other.lo_open)
        ):
            lo, lo_open = other.lo, other.lo_open
        hi, hi_open = self.hi, self.hi_open
        if other.hi is not None and (
            hi is None or other.hi < hi or (other.hi == hi and other.hi_open)
        ):
            hi, hi_open = other.hi, other.hi_open
        return Domain(lo, hi, lo_open, hi_open, self.integer or other.integer)

    def is_empty(self) -> bool:
        if self.lo is None or self.hi is None:
            return False
        if self.lo > self.hi:
            return True
        return self.lo == self.hi and (self.lo_open or self.hi_open)

    def describe(self, name: str) -> str:
        parts = []
        if self.lo is not None:
            parts.append(f"{self.lo} {'<' if self.lo_open else '<='} ")
        parts.append(name)
        if self.hi is not None:
            parts.append(f" {'<' if self.hi_open else '<='} {self.hi}")
        text = "".join(parts)
        if self.integer:
            text += " (integer)"
        if self.lo is None and self.hi is None and not self.integer:
            text += " real"
        return text


REAL = Domain()


def _word_domain(word: str) -> Domain:
    return {
        "real": REAL,
        "integer": Domain(integer=True),
        "positive": Domain(lo=sp.Integer(0)),
        "nonnegative": Domain(lo=sp.Integer(0), lo_open=False),
        "negative": Domain(hi=sp.Integer(0)),
        "nonpositive": Domain(hi=sp.Integer(0), hi_open=False),
    }[word]


def _split_clauses(text: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch in ",;" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    clauses = []
    for part in out:
        clauses.extend(re.split(r"\s+and\s+", part))
    return [c.strip() for c in clauses if c.strip()]


def _number(expr: sp.Expr, token: str) -> sp.Rational:
    if not expr.is_number or not expr.is_real:
        raise ParseError("a bound must be a number", token=token)
    if not expr.is_Rational:
        expr = sp.Rational(str(sp.N(expr, 30)))
    return expr


def parse_assumptions(texts: list[str] | str, scope: Scope) -> dict[sp.Symbol, Domain]:
    """Domains for the symbols named in ``texts``, keyed by the symbols ``scope`` now gives.

    A stated domain replaces the built-in one already while parsing: ``scope`` learns a
    symbol of the same name whose SymPy assumptions say the stated domain and nothing more
    (:func:`symbol_for`), and resolves the name to it from then on. β is positive by
    convention; after ``b > -1`` the name ``b`` means a real β, so ``sqrt(b)^2`` stays as
    written instead of becoming ``b``. Parse the assumptions before the relation. A second
    call with the same scope narrows the domains already stated (the result holds the
    domain stated so far for each symbol it names).

    >>> from adaproof.derivations.parsing.notation import Scope
    >>> scope = Scope()
    >>> d = parse_assumptions(["0 < b < 1", "t integer >= 1", "x > -1"], scope)
    >>> sorted((str(s), v.lo, v.hi, v.integer) for s, v in d.items())
    [('beta', 0, 1, False), ('t', 1, None, True), ('x', -1, None, False)]
    >>> from adaproof.derivations.parsing import parse_expression
    >>> parse_expression("sqrt(x)^2", scope)
    Piecewise((x, x >= 0))
    """
    if isinstance(texts, str):
        texts = [texts]
    domains: dict[sp.Symbol, Domain] = {}

    def add(sym: sp.Expr, dom: Domain, token: str) -> None:
        if not isinstance(sym, sp.Symbol):
            raise ParseError("an assumption must be about a single name", token=token)
        sym = scope.original(sym)
        domains[sym] = domains.get(sym, REAL).intersect(dom)
        if domains[sym].is_empty():
            raise ParseError("the assumptions leave no possible value", token=token)

    for text in texts:
        for clause in _split_clauses(text):
            words = clause.split()
            # "t integer >= 1", "x real", "x positive"
            if len(words) >= 2 and words[1] in _WORDS:
                name = words[0]
                sym = parse_pieces(split(name, latex=False)[0], scope, False)[0]
                add(sym, _word_domain(words[1]), clause)
                rest = " ".join(words[2:])
                if rest:
                    clause = name + " " + rest
                else:
                    continue
            m = re.fullmatch(r"(\S+)\s+in\s+([\(\[])(.+),(.+)([\)\]])", clause)
            if m:
                sym = parse_pieces(split(m.group(1), latex=False)[0], scope, False)[0]
                lo, hi = (
                    _number(parse_pieces(split(x)[0], scope, False)[0], x)
                    for x in (m.group(3), m.group(4))
                )
                add(sym, Domain(lo, hi, m.group(2) == "(", m.group(5) == ")"), clause)
                continue
            pieces, rels, latex = split(clause)
            if not rels:
                raise ParseError(
                    "an assumption is a relation ('0 < b < 1') or 'NAME real|integer|positive'",
                    token=clause,
                )
            if any(r not in ("<", "<=", ">", ">=") for r in rels):
                raise ParseError("an assumption uses < <= > >=", token=clause)
            sides = parse_pieces(pieces, scope, latex, rels)
            for (a, b), rel in zip(itertools.pairwise(sides), rels, strict=True):
                if isinstance(a, sp.Symbol) and not b.free_symbols:
                    sym, bound, sym_left = a, _number(b, clause), True
                elif isinstance(b, sp.Symbol) and not a.free_symbols:
                    sym, bound, sym_left = b, _number(a, clause), False
                else:
                    raise ParseError("compare one name with a number", token=clause)
                upper = (rel in ("<", "<=")) == sym_left
                strict = rel in ("<", ">")
                dom = (
                    Domain(hi=bound, hi_open=strict) if upper else Domain(lo=bound, lo_open=strict)
                )
                add(sym, dom, clause)
    return _state(domains, scope)


def _state(domains: dict[sp.Symbol, Domain], scope: Scope) -> dict[sp.Symbol, Domain]:
    """Teach ``scope`` the symbols of the stated domains; the domains keyed by them."""
    out: dict[sp.Symbol, Domain] = {}
    for sym, dom in domains.items():
        before = scope.stated_domains.get(sym)
        if before is not None:
            dom = before.intersect(dom)
            if dom.is_empty():
                raise ParseError("the assumptions leave no possible value", token=sym.name)
        new = symbol_for(sym.name, dom)
        scope.stated[sym] = new
        scope.stated_domains[sym] = dom
        out[new] = dom
    return out


def state_domains(domains: dict[sp.Symbol, Domain], scope: Scope) -> dict[sp.Symbol, Domain]:
    """Domains given as ``{symbol: Domain}`` made the stated domains of ``scope``.

    Each symbol, and the symbol its name means in ``scope`` (``Symbol("beta")`` names the
    package's β), is replaced while parsing by a symbol carrying only its stated domain
    (see :func:`parse_assumptions`). Returns the domains keyed by the new symbols.
    """
    out: dict[sp.Symbol, Domain] = {}
    for sym, dom in domains.items():
        if not isinstance(sym, sp.Symbol) or not isinstance(dom, Domain):
            raise TypeError("assumptions map symbols to Domain objects")
        try:
            meant = scope._resolve(sym.name)
        except ParseError:
            meant = sym
        for old in dict.fromkeys((sym, meant)):
            if isinstance(old, sp.Symbol):
                out.update(_state({scope.original(old): dom}, scope))
    return out


def symbol_for(name: str, dom: Domain) -> sp.Symbol:
    """A real symbol ``name`` whose SymPy assumptions say ``dom`` and nothing more.

    >>> symbol_for("t", Domain(lo=sp.Integer(1), lo_open=False, integer=True)).is_positive
    True
    >>> symbol_for("b", Domain(lo=sp.Integer(-1))).is_positive is None
    True
    """
    kw: dict[str, bool] = {"real": True}
    if dom.integer:
        kw["integer"] = True
    if dom.lo is not None and (dom.lo > 0 or (dom.lo == 0 and dom.lo_open)):
        kw["positive"] = True
    elif dom.lo is not None and dom.lo >= 0:
        kw["nonnegative"] = True
    elif dom.hi is not None and (dom.hi < 0 or (dom.hi == 0 and dom.hi_open)):
        kw["negative"] = True
    elif dom.hi is not None and dom.hi <= 0:
        kw["nonpositive"] = True
    return sp.Symbol(name, **kw)


def with_domain(domains: dict[sp.Symbol, Domain], sym: sp.Symbol, dom: Domain) -> dict:
    out = dict(domains)
    out[sym] = out.get(sym, REAL).intersect(dom)
    return out


__all__ = [
    "REAL",
    "Domain",
    "parse_assumptions",
    "replace",
    "state_domains",
    "symbol_for",
    "with_domain",
]
