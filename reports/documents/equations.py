r"""Equations the text fixes, and the displays that transform them.

``Let's fix $L^p = 1$ & vary p`` followed by ``1 = (|x_1|^p + |x_2|^p)^{1/p}``: the display
is not an identity claimed for every x; it is the equation the prose fixes (one of its
sides is the number the prose sets), a condition on the unknowns. The displays right after
it (nothing but blank lines between) are steps of a derivation from it, each checked as a
consequence of the step before: every solution of the previous equation must solve the next.

Deciding a step: the other unknowns (and parameters such as p) take small rational values;
the previous equation is solved for one unknown, exactly with SymPy where it can, else by
a 50-digit root finder; the next equation is evaluated at each solution.

* false: a solution of the previous equation at which the next one fails by more than
  1e-20 (evaluated to 50 digits; the solution exact, or with residual below 1e-40): the
  counterexample is given;
* true: every solution tried satisfies the next equation (exactly, or to 1e-40): evidence,
  not a proof, said so;
* otherwise nothing is said here and the display is decided as an ordinary claim.

A display that is true for every value (an identity) is an ordinary claim: it never starts
an equation chain.
"""

from __future__ import annotations

import itertools
import re
import time
from dataclasses import dataclass

import mpmath
import sympy as sp
from adaproof.reports.documents import notation as N

#: the prose fixes an equation with a number on one side ("Let's fix $L^p = 1$")
_FIX = re.compile(
    r"\b(?:let'?s fix|let us fix|we fix|fix|suppose|assume|consider|set)\b[^$.]*"
    r"\$([^$]+)\$",
    re.I,
)
#: values tried for the unknowns that are not solved for
_VALUES = (sp.Rational(1, 2), sp.Rational(-2, 3), sp.Rational(1, 5))
#: values tried for a parameter that is an exponent (p in |x|^p)
_EXPONENTS = (sp.Integer(2), sp.Integer(3), sp.Integer(1))
#: seconds a step may take (the solutions found by then are the evidence)
_STEP_SECONDS = 3.0
_DIGITS = 50


@dataclass
class Fixed:
    """The equation in force: ``expr = 0`` over ``unknowns``, from ``line``."""

    expr: sp.Expr
    line: int
    unknowns: list[sp.Symbol]
    params: list[sp.Symbol]


def _fixed_number(prose: str, parse) -> tuple[sp.Expr, set] | None:
    """The number the last fixing phrase of the prose sets (``L^p = 1`` gives 1) and the
    names it fixes (L; an exponent is not one); none when the phrase sets an index
    (``Consider $t = 3$``: a value of the index, not an equation)."""
    from adaproof.reports.documents.engine import _INDEX_NAMES

    last = prose.strip().split("\n")[-1]
    found = None
    for m in _FIX.finditer(last):
        for chain in N.statements(m.group(1), 0):
            if chain.unread or len(chain.sides) != 2 or tuple(chain.rels) != ("=",):
                continue
            try:
                sides = [parse(s) for s in chain.sides]
            except N.Unreadable:
                continue
            nums = [s for s in sides if s.is_number]
            if len(nums) != 1:
                continue
            (other,) = [s for s in sides if not s.is_number]
            if isinstance(other, sp.Symbol) and other.name in _INDEX_NAMES:
                continue
            names = other.base.free_symbols if isinstance(other, sp.Pow) else other.free_symbols
            found = (nums[0], set(names))
    return found


def _uses_defined(defs, e: sp.Expr) -> bool:
    """Whether ``e`` uses a name the document defines (a claim about it, not an unknown)."""
    for f in e.atoms(sp.core.function.AppliedUndef):
        if N.is_seq(f):
            name = N.seq_name(f)
            if name in defs.general or defs.values.get(name) or name in defs.tainted:
                return True
    return any(s in defs.scalars or s in defs.tainted_symbols for s in e.free_symbols)


def _symbolize(e: sp.Expr) -> tuple[sp.Expr, dict]:
    """Indexed names at fixed indices (x_1, x_2) become plain real unknowns."""
    reps = {}
    for f in e.atoms(sp.core.function.AppliedUndef):
        if N.is_seq(f) and f.args[0].is_Integer:
            reps[f] = sp.Symbol(f"{N.pretty_name(N.seq_name(f))}_{f.args[0]}", real=True)
    return e.xreplace(reps), reps


def _split(expr: sp.Expr) -> tuple[list[sp.Symbol], list[sp.Symbol]] | None:
    """(unknowns, exponent parameters) of an equation, or None when it has other kinds."""
    if expr.atoms(sp.core.function.AppliedUndef) or expr.has(sp.Sum, sp.Integral):
        return None
    params = sorted(
        {
            s
            for p in expr.atoms(sp.Pow)
            for s in p.exp.free_symbols
            if not p.base.free_symbols & {s}
        },
        key=lambda s: s.name,
    )
    unknowns = sorted(expr.free_symbols - set(params), key=lambda s: s.name)
    return (unknowns, params) if unknowns else None


def start(checker, line: int, prose: str, lhs: sp.Expr, rhs: sp.Expr) -> str | None:
    """The reading when the display ``lhs = rhs`` is the equation the prose fixes."""
    found = _fixed_number(prose, checker.parse)
    if found is None:
        return None
    number, names = found
    if not (lhs == number or rhs == number):
        return None
    if names & (lhs - rhs).free_symbols:
        return None  # "Suppose $y = 2$, then $$y^2 = 2$$": a claim under it, not it restated
    if _uses_defined(checker.defs, lhs - rhs):
        return None
    expr, _ = _symbolize(lhs - rhs)
    split = _split(expr)
    if split is None:
        return None
    unknowns, params = split
    if _is_identity(expr, unknowns, params):
        return None
    checker.fixed = Fixed(expr, line, unknowns, params)
    names = ", ".join(s.name for s in unknowns)
    return (
        f"the equation the text fixes (its prose sets {sp.sstr(number)}): a condition on "
        f"{names}, not an identity; the displays right after it are checked as its "
        "consequences"
    )


def _is_identity(expr, unknowns, params) -> bool:
    for point in _points(unknowns, params, len(unknowns)):
        v = sp.N(expr.xreplace(point), 30)
        if v.is_number and abs(v) > 1e-20:
            return False
    return True


def _points(unknowns, params, free: int):
    """Rational assignments of the first ``free`` unknowns and of every parameter."""
    vals = [_VALUES] * free + [_EXPONENTS] * len(params)
    for combo in itertools.islice(itertools.product(*vals), 24):
        yield dict(zip(list(unknowns[:free]) + list(params), combo, strict=True))


def _roots(eq: sp.Expr, u: sp.Symbol) -> list[tuple[sp.Expr, bool]]:
    """Real solutions of ``eq(u) = 0``: (value, exact)."""
    pos = sp.Symbol(u.name + "_pos", positive=True)
    out: list[tuple[sp.Expr, bool]] = []
    for sign in (1, -1):
        e = eq.xreplace({u: sign * pos})
        try:
            sols = sp.solve(e, pos)
        except Exception:
            sols = []
        for s in sols:
            if s.is_real and s.is_positive:
                out.append((sign * s, True))
    if out:
        return out

    def f(x):
        v = sp.N(eq.xreplace({u: sp.Float(x, _DIGITS)}), _DIGITS)
        re_part, im_part = v.as_real_imag()
        if im_part != 0:
            raise ValueError("not real")
        return mpmath.mpf(re_part)

    with mpmath.workdps(_DIGITS):  # the process's mpmath precision is left as it was
        for lo, hi in ((0, 1), (1, 10), (-1, 0), (-10, -1)):
            try:
                flo, fhi = f(mpmath.mpf(lo)), f(mpmath.mpf(hi))
                if flo * fhi > 0:
                    continue
                r = mpmath.findroot(f, (mpmath.mpf(lo), mpmath.mpf(hi)), solver="anderson")
                if abs(f(r)) < mpmath.mpf(10) ** -40:
                    out.append((sp.Float(r, _DIGITS), False))
            except Exception:
                continue
    return out


def display(checker, line: int, text: str, prose: str, lhs: sp.Expr, rhs: sp.Expr) -> bool:
    """Record the display ``lhs = rhs`` if it starts or continues a fixed equation.

    ``prose`` is the new prose before the display: empty for a display right after
    another (blank lines only between them).
    """
    from adaproof.reports.documents.engine import Entry

    if prose.strip():
        checker.fixed = None
        why = start(checker, line, prose, lhs, rhs)
        if why is None:
            return False
        checker.given(line, text, why)
        return True
    if checker.fixed is None:
        return False
    origin = checker.fixed.line
    got = step(checker, line, lhs, rhs)
    if got is None:
        checker.fixed = None
        return False
    verdict, method, ce = got
    e = Entry(line, text, "claim", verdict, relation="=")
    e.reading = (
        f"a step from the equation at line {origin} (fixed by the text): "
        f"{sp.sstr(lhs)} = {sp.sstr(rhs)}"
    )
    e.method, e.counterexample = method, ce
    checker.entries.append(e)
    return True


def step(checker, line: int, lhs: sp.Expr, rhs: sp.Expr):
    """(verdict, method, counterexample) for a display after a fixed equation, or None."""
    fixed = checker.fixed
    if fixed is None:
        return None
    new, _ = _symbolize(lhs - rhs)
    split = _split(new)
    if split is None or not set(split[0]) <= set(fixed.unknowns):
        return None
    u = fixed.unknowns[-1]
    others = fixed.unknowns[:-1]
    tried = 0
    exact_all = True
    t_end = time.monotonic() + _STEP_SECONDS
    for point in _points(others, fixed.params, len(others)):
        if time.monotonic() > t_end:
            break
        old = fixed.expr.xreplace(point)
        for root, exact in _roots(old, u):
            at = {**point, u: root}
            value = sp.N(new.xreplace(at), _DIGITS)
            if not value.is_number:
                return None
            if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or not value.is_extended_real:
                continue  # the step is undefined at this solution: neither for nor against
            tried += 1
            exact_all &= exact
            if abs(value) > 1e-20:
                shown = {
                    s.name: sp.sstr(v if exact or s != u else sp.N(v, 15)) for s, v in at.items()
                }
                how = "solved exactly" if exact else "solved to 50 digits"
                method = (
                    f"does not follow from line {fixed.line}: at "
                    + ", ".join(f"{k} = {v}" for k, v in shown.items())
                    + f" ({u.name} {how}) line {fixed.line} holds and this fails "
                    f"(lhs - rhs = {sp.N(value, 6)})"
                )
                ce = {"values": shown, "lhs - rhs": str(sp.N(value, 15))}
                checker.fixed = Fixed(new, line, fixed.unknowns, fixed.params)
                return "false", method, ce
    if tried < 3:
        return None
    checker.fixed = Fixed(new, line, fixed.unknowns, fixed.params)
    how = "solved exactly" if exact_all else "solved exactly or to 50 digits"
    return (
        "true",
        f"follows from line {fixed.line} at the {tried} solutions tried ({u.name} {how}; "
        "every other value rational): evidence, not a proof",
        None,
    )


__all__ = ["Fixed", "start", "step"]
