"""Asymptotic steps: ``a ≈ b as var -> ∞`` (or ``-> 0``), meaning lhs/rhs -> 1."""

from __future__ import annotations

import time
from fractions import Fraction

import mpmath
import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.equivalence.common import (
    Timeout,
    as_sympy,
    deadline,
    effective_domains,
    fmt,
)
from adaproof.derivations.equivalence.compiler import Unsupported, compile_expr, evaluate
from adaproof.derivations.equivalence.decide import Decision, describe_domains
from adaproof.derivations.equivalence.hints import _unit_trimmed
from adaproof.derivations.equivalence.search import Sampler
from adaproof.derivations.parsing.assume import Domain

DPS = 40

#: values of the variable approaching the limit point, for the numeric check
_APPROACH = {
    "oo": (Fraction(10**3), Fraction(10**6), Fraction(10**9)),
    "0": (Fraction(1, 10**10), Fraction(1, 10**20), Fraction(1, 10**40)),
}


def decide_limit(
    lhs: sp.Expr,
    rhs: sp.Expr,
    var: sp.Symbol,
    to: str,
    assume: dict[sp.Symbol, Domain] | None = None,
    *,
    budget: float = 5.0,
    relation: str = "≈",
) -> Decision:
    """Decide ``lhs ≈ rhs as var -> to`` (``to`` is ``"oo"`` or ``"0"``): lhs/rhs -> 1.

    Symbolic: the limit of the ratio (EMA parameters written as 1/(1 + x), x > 0,
    for t -> ∞). Numeric: the ratio at var = 10³, 10⁶, 10⁹ (or 10⁻¹⁰, 10⁻²⁰,
    10⁻⁴⁰) for random parameter values, EMA parameters kept in [1/20, 19/20] so
    their powers vanish at these t; within 10⁻⁶ of 1 at the last value counts as
    agreement, a ratio settled away from 1 as a counterexample.
    """
    if to not in _APPROACH:
        raise ValueError(f"to must be 'oo' or '0', got {to!r}")
    lhs, rhs = as_sympy(lhs, "lhs"), as_sympy(rhs, "rhs")
    t_end = time.monotonic() + budget
    where = f"as {var.name} -> {'∞' if to == 'oo' else '0'}"
    dec = Decision("inconclusive", f"{relation} {where}", "", sp.sstr(lhs), sp.sstr(rhs))
    domains, origin = effective_domains([lhs, rhs, var], assume)
    dec.assumptions = describe_domains(domains, origin)
    ratio = lhs / rhs
    try:
        with deadline(max(budget * 0.6, 0.05)):
            r = sp.cancel(ratio.doit() if ratio.has(sp.Sum) else ratio)
            if to == "oo":
                units = [s for s, d in domains.items() if d.lo == 0 and d.hi == 1 and s != var]
                lim = S.limit_t_to_infinity(r, *units, var=var)
            else:
                lim = sp.limit(r, var, 0, "+")
        if lim == 1:
            dec.verdict, dec.method = "true", f"symbolic: lim lhs/rhs = 1 {where}"
            return dec
        if lim.is_number and lim.is_finite and lim != 1:
            dec.verdict = "false"
            dec.method = f"symbolic: lim lhs/rhs = {sp.sstr(lim)} {where}, not 1"
            dec.counterexample = {
                "values": {},
                "lhs": "",
                "rhs": "",
                "difference": "",
                "kind": "limit",
                "limit_ratio": sp.sstr(lim),
            }
            return dec
    except Timeout:
        dec.notes.append("symbolic limit ran out of time")
    except (NotImplementedError, TypeError, ValueError, RecursionError, AttributeError) as exc:
        dec.notes.append(f"symbolic limit failed: {type(exc).__name__}")
    others = {s: d for s, d in _unit_trimmed(domains).items() if s != var}
    sampler = Sampler(others, seed=5)
    try:
        fr = compile_expr(ratio)
    except Unsupported as exc:
        dec.notes.append(f"numeric evaluation not possible: {exc}")
        dec.method = "; ".join(dec.notes)
        return dec
    good = 0
    for _ in range(12):
        if time.monotonic() > t_end:
            dec.notes.append("numeric check ran out of time")
            break
        pt = sampler.point(0.0)
        seq = []
        for v in _APPROACH[to]:
            pt[var] = v
            try:
                seq.append(evaluate(fr, pt, DPS))
            except Unsupported:
                seq.append(None)
        if any(x is None for x in seq):
            continue
        last_err = abs(seq[-1] - 1)
        if last_err <= mpmath.mpf(10) ** -6:
            good += 1
            continue
        if (
            last_err > mpmath.mpf(10) ** -3
            and abs(seq[-1] - seq[-2]) <= last_err * mpmath.mpf(10) ** -3
        ):
            dec.verdict = "false"
            dec.method = f"numeric: lhs/rhs settles at {mpmath.nstr(seq[-1], 8)} {where}, not 1"
            vals = {s.name: fmt(v) for s, v in sorted(pt.items(), key=lambda kv: kv[0].name)}
            dec.counterexample = {
                "values": vals,
                "lhs": "",
                "rhs": "",
                "difference": "",
                "kind": "limit",
                "limit_ratio": mpmath.nstr(seq[-1], 12),
            }
            return dec
    dec.points = good
    if good >= 6:
        dec.verdict = "true"
        dec.method = f"numeric: lhs/rhs within 1e-6 of 1 at {var.name} = {fmt(_APPROACH[to][-1])} "
        dec.method += f"for {good} parameter points (no symbolic limit)"
        return dec
    dec.method = "; ".join(dec.notes) or "the ratio did not settle"
    return dec


__all__ = ["decide_limit"]
