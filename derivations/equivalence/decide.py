r"""Deciding ``=, <=, <, >=, >`` between two SymPy expressions under assumptions.

A relation is claimed for every value of its symbols allowed by the domains: a
stated assumption replaces a symbol's built-in domain (β in (0, 1), t integer
≥ 1, ...), and the decision lists every domain it used. Sides are compared where
both are real and defined.

1. **No free symbols**: both sides are evaluated exactly (rationals) or with
   intervals of rising precision (up to 20480 bits) until the sign of
   lhs − rhs is certain; a difference that stays inside the interval is settled
   by SymPy (``simplify``), else the answer is inconclusive.
2. **Counterexample search** (:mod:`.search`): a point refutes the relation
   only where it fails exactly (intervals, never a tolerance); a region where
   one side is defined and the other is not refutes it too.
3. **Symbolic proof** (:mod:`.proof`) in symbols carrying exactly the domains.
4. Otherwise **true on evidence**, saying which: for rational functions, equal
   at random rational points (a probabilistic identity test); elsewhere no
   counterexample among the points tried (evidence, not proof). With
   ``require_proof`` this is inconclusive.

>>> from adaproof.derivations.symbols import beta1, g
>>> decide((1 - beta1**2) / (1 - beta1), "=", 1 + beta1).verdict
'true'
>>> d = decide(beta1**2, "<=", beta1 / 2)
>>> d.verdict, d.counterexample is not None
('false', True)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp
from adaproof.derivations.display import DecisionDisplay
from adaproof.derivations.equivalence.common import (
    RELATIONS,
    Timeout,
    as_sympy,
    deadline,
    effective_domains,
    fmt,
    fresh_symbols,
)
from adaproof.derivations.equivalence.compiler import Unsupported, compile_expr, to_iv
from adaproof.derivations.equivalence.proof import symbolic as _symbolic
from adaproof.derivations.equivalence.search import (
    PRECS_CONFIRM,
    Sampler,
    Search,
    critical_values,
    is_rational_function,
    judge,
    show,
)
from adaproof.derivations.parsing.assume import Domain
from mpmath import iv

#: kept for callers of the former module: digits of the numeric agreement
DPS, DPS_CONFIRM = 40, 80


@dataclass
class Decision(DecisionDisplay):
    """The outcome of :func:`decide`, ready for a CLI or a test failure message."""

    verdict: str  # "true" | "false" | "inconclusive"
    relation: str
    method: str
    lhs: str
    rhs: str
    counterexample: dict[str, Any] | None = None
    points: int = 0
    undefined_points: int = 0
    notes: list[str] = field(default_factory=list)
    #: every domain used, "0 < beta < 1 (built-in)", "t real (stated)"
    assumptions: list[str] = field(default_factory=list)
    #: "symbolic", "exact", "counterexample", "probabilistic identity test",
    #: "numerical evidence", "" (inconclusive)
    argument: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "relation": self.relation,
            "method": self.method,
            "argument": self.argument,
            "lhs": self.lhs,
            "rhs": self.rhs,
            "counterexample": self.counterexample,
            "points_checked": self.points,
            "points_undefined": self.undefined_points,
            "assumptions": self.assumptions,
            "notes": self.notes,
        }


class _Printer(sp.printing.str.StrPrinter):
    """``Piecewise((x, x >= 0))`` (x where the written expression is defined) as
    ``(x for x >= 0)``."""

    def _print_Piecewise(self, expr):
        if len(expr.args) == 1:
            value, cond = expr.args[0]
            return f"({self._print(value)} for {self._print(cond)})"
        return super()._print_Piecewise(expr)


def text(e: sp.Expr) -> str:
    """An expression as text; sums of many terms unsorted (sorting them is slow)."""
    if len(e.args) > 40:
        return _Printer({"order": "none"}).doprint(e)
    return _Printer().doprint(e)


def unguard(e: sp.Expr) -> sp.Expr:
    """``e`` with each one-piece ``Piecewise((v, cond))`` replaced by ``v``: the values
    where ``e`` is defined (where it is defined is the search's to check)."""
    if not e.has(sp.Piecewise):
        return e
    reps = {p: p.args[0][0] for p in e.atoms(sp.Piecewise) if len(p.args) == 1}
    return e.xreplace(reps) if reps else e


def describe_domains(domains: dict[sp.Symbol, Domain], origin: dict[sp.Symbol, str]) -> list[str]:
    """Every domain used, ``0 < beta < 1 (built-in)``; symbols sharing a domain are named
    together (``g1, g2, g3, … (1000 names) real (built-in)``)."""
    groups: dict[tuple, list[str]] = {}
    for s, d in sorted(domains.items(), key=lambda kv: _natural(kv[0].name)):
        groups.setdefault((d, origin.get(s, "stated")), []).append(s.name)
    out = []
    for (d, where), names in groups.items():
        if len(names) <= 4:
            for name in names:
                out.append(f"{d.describe(name)} ({where})")
        else:
            shown = f"{', '.join(names[:3])}, …, {names[-1]} ({len(names)} names)"
            out.append(f"{d.describe(shown)} ({where})")
    return out


def _natural(name: str) -> tuple:
    """g2 before g10."""
    import re

    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name))


def _sum_bounds_integer(exprs, domains, origin) -> None:
    r"""A symbol used as a summation limit without a stated domain ranges over integers; an
    upper limit ``n + c`` over a numeric lower limit ``a`` counts terms, so its built-in
    domain starts at one term (n + c >= a: ``\sum_{k=1}^{n} k`` and ``1 + 2 + \dots + n`` are
    about n >= 1, not the empty sum at n = 0 nor the sums of negative length below it). A
    stated domain is never changed."""
    for e in exprs:
        for node in sp.preorder_traversal(e):
            if isinstance(node, sp.Sum):
                for _, a, b in node.limits:
                    for s in (a.free_symbols | b.free_symbols) & set(domains):
                        if origin[s] == "built-in" and not domains[s].integer:
                            d = domains[s]
                            domains[s] = Domain(d.lo, d.hi, d.lo_open, d.hi_open, True)
                    s = next(iter(b.free_symbols), None)
                    if (
                        a.is_Integer
                        and len(b.free_symbols) == 1
                        and s in domains
                        and origin[s] == "built-in"
                        and (b - s).is_Integer
                    ):
                        start = Domain(lo=a - (b - s), lo_open=False, integer=True)
                        domains[s] = domains[s].intersect(start)


def _difference(a, b) -> str:
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return show(a - b, 6)
    old = iv.prec
    iv.prec = 20480
    try:
        return show(to_iv(a) - to_iv(b), 6)
    finally:
        iv.prec = old


def _exact_zero(d: sp.Expr, t_end: float) -> str | None:
    """How SymPy shows that the constant ``d`` is exactly 0, or None."""
    steps = [
        ("simplify(lhs - rhs) = 0", lambda: sp.simplify(d)),
        ("expand_log and simplify give 0", lambda: sp.simplify(sp.expand_log(d, force=True))),
    ]
    if not d.has(sp.log, sp.exp, sp.pi, sp.E, sp.sin, sp.cos, sp.tan, sp.Sum):
        x = sp.Symbol("x")
        steps.insert(
            0, ("the minimal polynomial of lhs - rhs is x", lambda: sp.minimal_polynomial(d, x) - x)
        )
    for how, step in steps:
        left = t_end - time.monotonic()
        if left <= 0.05:
            return None
        try:
            with deadline(left):
                if step() == 0:
                    return how
        except (Timeout, NotImplementedError, TypeError, ValueError, RecursionError):
            continue
        except Exception:
            continue
    return None


def _constant(lhs, rhs, op, dec: Decision, t_end: float) -> Decision:
    try:
        fl, fr = compile_expr(lhs), compile_expr(rhs)
        out = judge(fl, fr, op, {}, PRECS_CONFIRM[:3])
        if out.status == "close":
            # a tie so far: first an exact proof of 0, then more precision
            how = _exact_zero(lhs - rhs, time.monotonic() + 0.5 * (t_end - time.monotonic()))
            if how:
                return _tie(lhs, rhs, op, dec, f"symbolic: {how}")
            out = judge(fl, fr, op, {}, PRECS_CONFIRM)
    except Unsupported as exc:
        out = None
        dec.notes.append(f"numeric evaluation not possible: {exc}")
    if out is not None and out.status in ("holds", "fails"):
        exact = out.prec == 0 or all(type(v).__name__ == "Fraction" for v in (out.a, out.b))
        how = "exact rational arithmetic" if exact else f"interval arithmetic at {out.prec} bits"
        dec.argument = "exact"
        if out.status == "holds":
            dec.verdict, dec.method = "true", f"{how}: the relation holds"
        else:
            dec.verdict = "false"
            diff = "0" if out.kind == "equal" else _difference(out.a, out.b)
            dec.method = f"{how}: lhs - rhs = {diff}"
            dec.counterexample = {
                "values": {},
                "lhs": show(out.a),
                "rhs": show(out.b),
                "difference": diff,
                "kind": out.kind,
            }
        return dec
    if out is not None and out.status in ("left_undefined", "right_undefined"):
        side = "left" if out.status == "left_undefined" else "right"
        dec.verdict = "false"
        dec.argument = "exact"
        dec.method = f"the {side} side has no real value"
        dec.counterexample = {
            "values": {},
            "lhs": show(out.a),
            "rhs": show(out.b),
            "difference": "undefined",
            "kind": "undefined",
            "undefined_side": "lhs" if side == "left" else "rhs",
        }
        return dec
    if out is not None and out.status == "both_undefined":
        dec.method = "neither side has a real value"
        return dec
    # lhs - rhs within 2^-20480 of 0, or not evaluable: ask SymPy for exact zero
    how = _exact_zero(lhs - rhs, t_end)
    if how:
        return _tie(lhs, rhs, op, dec, f"symbolic: {how}")
    if out is not None and out.status == "close" and op in ("=", "<=", ">="):
        dec.verdict, dec.argument = "true", "numerical evidence"
        dec.method = (
            f"numerical evidence, not a proof: lhs - rhs is within 2^-{out.prec} of 0 "
            "(interval arithmetic) and SymPy did not show it is exactly 0"
        )
        return dec
    dec.method = "; ".join(
        dec.notes or [f"lhs - rhs is within 2^-{PRECS_CONFIRM[-1]} of 0 and not provably 0"]
    )
    return dec


def _exact_tie(lhs, rhs, search, t_end: float) -> dict | None:
    """A counterexample where lhs = rhs exactly (SymPy at a near-tie point), or None."""
    for pt in search.close_points:
        reps = {s: sp.Rational(v.numerator, v.denominator) for s, v in pt.items()}
        how = _exact_zero((lhs - rhs).xreplace(reps), t_end)
        if how:
            shown = {s.name: fmt(v) for s, v in sorted(pt.items(), key=lambda kv: kv[0].name)}
            value = text(lhs.xreplace(reps))
            return {
                "values": shown,
                "lhs": value,
                "rhs": text(rhs.xreplace(reps)),
                "difference": "0",
                "kind": "equal",
            }
    return None


def _tie(lhs, rhs, op, dec: Decision, how: str) -> Decision:
    """lhs = rhs exactly: true for = <= >=, false for a strict inequality."""
    dec.argument = "symbolic"
    if op in ("=", "<=", ">="):
        dec.verdict, dec.method = "true", how
        return dec
    dec.verdict, dec.method = "false", f"{how}: lhs = rhs exactly, the relation is strict"
    dec.counterexample = {
        "values": {},
        "lhs": sp.sstr(lhs),
        "rhs": sp.sstr(rhs),
        "difference": "0",
        "kind": "equal",
    }
    return dec


def _prove(lhs, op, rhs, domains, dec: Decision, t_end: float) -> str | None:
    """A symbolic proof in symbols carrying exactly the domains, before ``t_end``."""
    fresh = fresh_symbols(domains)
    fl, fr = unguard(lhs).xreplace(fresh), unguard(rhs).xreplace(fresh)
    fdom = {fresh[s]: d for s, d in domains.items()}
    try:
        with deadline(max(t_end - time.monotonic(), 0.05)):
            return _symbolic(fl, fr, op, fdom)
    except Timeout:
        dec.notes.append("symbolic simplification ran out of time")
    except (MemoryError, SystemError):
        dec.notes.append("symbolic simplification ran out of memory")
    except (NotImplementedError, TypeError, ValueError, RecursionError, AttributeError) as exc:
        dec.notes.append(f"symbolic step failed: {type(exc).__name__}")
    return None


def _rational_identity(lhs, rhs, domains, t_end: float) -> str | None:
    """ "" (plus the caveat on zeros of denominators) when cancel(lhs - rhs) = 0, else None."""
    try:
        with deadline(max(t_end - time.monotonic(), 0.05)):
            if sp.cancel(lhs - rhs) != 0:
                return None
    except (Timeout, NotImplementedError, TypeError, ValueError, RecursionError):
        return None
    except (MemoryError, SystemError):  # a native allocation failing under the memory cap
        return None
    syms = sorted(domains, key=lambda s: s.name)
    try:
        zeros = critical_values([lhs, rhs], syms)
    except Exception:
        zeros = {}
    shown = [
        f"{s.name} = {fmt(v)}"
        for s, vs in zeros.items()
        for v in vs
        if Sampler.contains(domains[s], v)
    ][:3]
    if shown:
        where = ", ".join(shown)
        return f"; equal wherever both sides are defined (undefined at {where})"
    return ""


def decide(
    lhs: sp.Expr,
    op: str,
    rhs: sp.Expr,
    assume: dict[sp.Symbol, Domain] | None = None,
    *,
    budget: float = 5.0,
    points: int | None = None,
    symbolic: bool = True,
    require_proof: bool = False,
    seed: int = 20260521,
) -> Decision:
    """Decide ``lhs op rhs`` for every value of the free symbols in their domains.

    ``assume`` maps symbols to :class:`~adaproof.derivations.parsing.assume.Domain`;
    it replaces the built-in domain of each symbol it names, other symbols get
    :func:`default_domain`. ``budget`` (seconds) bounds the decision from inside
    (SIGALRM in the main thread; a hard limit from outside is :mod:`.worker`);
    ``require_proof`` turns a ``true`` on numerical evidence into ``inconclusive``.
    """
    if op not in RELATIONS:
        raise ValueError(f"op must be one of {RELATIONS}, got {op!r}")
    if not budget > 0:
        raise ValueError(f"budget must be positive, got {budget}")
    lhs, rhs = as_sympy(lhs, "lhs"), as_sympy(rhs, "rhs")
    t0 = time.monotonic()
    t_end = t0 + budget
    domains, origin = effective_domains([lhs, rhs], assume)
    _sum_bounds_integer([lhs, rhs], domains, origin)
    dec = Decision("inconclusive", op, "", text(lhs), text(rhs))
    dec.assumptions = describe_domains(domains, origin)
    if any(d.is_empty() for d in domains.values()):
        dec.method = "the assumptions leave no possible value"
        return dec
    if not domains:
        return _constant(lhs, rhs, op, dec, t_end)
    if op == "=" and symbolic and is_rational_function(lhs) and is_rational_function(rhs):
        # rational functions: cancel decides the identity where both sides are defined;
        # no region can have one side defined and the other not (denominators vanish on
        # thin sets only), so the search is not needed for a proof
        fast = _rational_identity(lhs, rhs, domains, t_end - 0.6 * budget)
        if fast is not None:
            dec.verdict, dec.argument = "true", "symbolic"
            how = "the two sides are identical" if lhs == rhs else "cancel(lhs - rhs) = 0"
            dec.method = f"symbolic: {how}{fast}"
            return dec
    early: str | None = None
    if op != "=" and symbolic:
        # an inequality proved from the assumptions needs only a short search: for a
        # region where one side is undefined (SymPy signs |log x| although log x has no
        # real value at x < 0)
        early = _prove(lhs, op, rhs, domains, dec, min(t_end, time.monotonic() + 0.25 * budget))
        dec.notes = []
    n = points or (48 if op == "=" else 160)
    search = None
    ce = None
    try:
        if early:
            search = Search(
                lhs, rhs, op, domains, seed, min(t_end, time.monotonic() + 0.3 * budget)
            )
            ce = search.run(24, adversarial=False, grid=80)
        else:
            search = Search(lhs, rhs, op, domains, seed, t_end - 0.3 * budget * symbolic)
            ce = search.run(n, adversarial=op != "=", grid=300 if op == "=" else 200)
    except Unsupported as exc:
        dec.notes.append(f"numeric evaluation not possible: {exc}")
        search = None
    except Timeout:
        dec.notes.append("the numeric search ran out of time")
    if search is not None:
        dec.points, dec.undefined_points = search.points, search.undefined
        if search.truncated:
            dec.notes.append(f"the search stopped at its time share after {search.points} points")
    if ce is not None:
        dec.verdict = "false"
        dec.argument = "counterexample"
        if ce["kind"] == "undefined":
            side = "left" if ce["undefined_side"] == "lhs" else "right"
            other = ce["rhs"] if side == "left" else ce["lhs"]
            where = ", ".join(f"{k} = {v}" for k, v in list(ce["values"].items())[:6])
            dec.method = (
                f"counterexample: at {where} the {side} side is undefined, the "
                f"{'right' if side == 'left' else 'left'} side is {other} "
                "(and so on a region around it)"
            )
        else:
            dec.method = "counterexample (exact, or decided by interval arithmetic)"
        dec.counterexample = ce
        return dec
    caveat = ""
    if search is not None and search.caveats:
        shown = "; ".join(
            ", ".join(f"{k} = {v}" for k, v in c["values"].items()) for c in search.caveats[:3]
        )
        caveat = f"; equal wherever both sides are defined (undefined at {shown})"
        if op != "=":
            caveat = f"; holds wherever both sides are defined (undefined at {shown})"
    if early:  # proved; the short search found no region where a side is undefined
        dec.verdict, dec.method, dec.argument = "true", f"symbolic: {early}{caveat}", "symbolic"
        dec.notes = [n for n in dec.notes if not n.startswith("the search stopped")]
        return dec
    if ce is None and search is not None and op in ("<", ">") and search.close_points:
        # a strict inequality with a near-tie the intervals could not separate: an exact
        # tie there refutes it; otherwise nothing can be concluded from the numbers
        ce = _exact_tie(lhs, rhs, search, t_end - 0.3 * budget * symbolic)
        if ce is not None:
            dec.verdict, dec.argument, dec.counterexample = "false", "counterexample", ce
            dec.method = (
                "counterexample: the sides are exactly equal here (SymPy), the relation is strict"
            )
            return dec
        dec.notes.append(
            "at some points lhs - rhs is within the interval of 0 and could not be shown "
            "nonzero, so the strict inequality is not established"
        )
    if search is not None and search.truncated:
        caveat += f"; the search stopped at its time share after {search.points} points"
    good = 0 if search is None else search.points
    numeric_ok = (
        search is not None
        and good >= 8
        and not (set(dec.notes) - {n for n in dec.notes if n.startswith("the search stopped")})
    )
    if symbolic and not early:
        proof = _prove(lhs, op, rhs, domains, dec, t_end)
        if proof:
            dec.verdict, dec.method = "true", f"symbolic: {proof}{caveat}"
            dec.argument = "symbolic"
            return dec
    if numeric_ok and not require_proof:
        rational = is_rational_function(lhs) and is_rational_function(rhs)
        if op == "=" and rational:
            dec.argument = "probabilistic identity test"
            dec.method = (
                f"probabilistic identity test: the rational functions agree exactly at {good} "
                f"random and special rational points (no symbolic proof){caveat}"
            )
        elif op == "=":
            dec.argument = "numerical evidence"
            dec.method = (
                f"numerical evidence, not a proof: equal at {good} points "
                f"(interval arithmetic){caveat}"
            )
        else:
            dec.argument = "numerical evidence"
            dec.method = (
                f"numerical evidence, not a proof: no counterexample at {good} random, grid, "
                f"boundary and adversarial points{caveat}"
            )
        dec.verdict = "true"
        return dec
    if search is not None and good < 8:
        dec.notes.append(
            f"too few points where both sides are defined ({good}; "
            f"{search.undefined} undefined, {search.unknown} not evaluable)"
        )
    dec.method = "; ".join(dec.notes) or "no symbolic proof and no counterexample"
    return dec


__all__ = ["DPS", "DPS_CONFIRM", "Decision", "decide", "describe_domains"]


def limited(lhs, op: str, rhs, assume, reason: str) -> Decision:
    """The inconclusive decision of a computation stopped from outside (time or memory)."""
    dec = Decision("inconclusive", op, f"stopped: {reason}", text(lhs), text(rhs))
    domains, origin = effective_domains([lhs, rhs], assume)
    dec.assumptions = describe_domains(domains, origin)
    return dec


def decide_bounded(
    lhs: sp.Expr,
    op: str,
    rhs: sp.Expr,
    assume: dict[sp.Symbol, Domain] | None = None,
    *,
    budget: float = 5.0,
    memory_mb: int | None = None,
    **kw: Any,
) -> Decision:
    """:func:`decide` in a worker process ended at ``budget`` (+ 0.4 s) with a memory cap
    (``memory_mb``, default 512 MB): inconclusive with the reason when a limit is reached;
    :class:`.worker.EngineError` naming the stage when the engine itself failed."""
    from adaproof.derivations.equivalence.worker import MEMORY_MB, bounded

    if op not in RELATIONS:
        raise ValueError(f"op must be one of {RELATIONS}, got {op!r}")
    if not budget > 0:
        raise ValueError(f"budget must be positive, got {budget}")
    lhs, rhs = as_sympy(lhs, "lhs"), as_sympy(rhs, "rhs")
    inner = budget * 0.9
    return bounded(
        lambda: decide(lhs, op, rhs, assume, budget=inner, **kw),
        budget=budget,
        stage="deciding the relation",
        on_limit=lambda reason: limited(lhs, op, rhs, assume, reason),
        memory_mb=memory_mb or MEMORY_MB,
    )


__all__ += ["decide_bounded", "limited"]
