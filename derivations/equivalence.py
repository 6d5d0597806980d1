r"""Deciding ``=, <=, <, >=, >`` between two SymPy expressions under assumptions.

Two independent routes, used in this order:

1. **Numeric search for a counterexample.** Points are exact rationals drawn from
   each symbol's domain: random values, special values (0, ±1, the ends of an
   interval, 1 − 10⁻⁶ for an EMA parameter) and, for inequalities, a hill climb
   towards the worst violation. Both sides are evaluated by a small tree walker
   with mpmath at 40 significant digits, and a violation counts only if it is
   confirmed at 80 digits with the same size: a difference made by rounding
   shrinks by ~40 orders of magnitude when the precision doubles, a real one
   does not. No ``lambdify``: the walker knows only +, ×, powers, exp, log,
   |·|, max, min, factorial and finite sums.
2. **Symbolic proof**, under a time budget: ``cancel``, then ``simplify`` of the
   difference for ``=``; for an inequality, the difference is rewritten with
   each bounded variable as ``lo + (hi − lo)/(1 + x)``, ``x > 0`` (so SymPy
   knows the bounds), factored, and its sign read from the assumptions.

A relation is ``true`` with method ``symbolic`` when route 2 succeeds, ``true``
with method ``numeric`` when only route 1 was run without finding a
counterexample (equalities: agreement to 30+ digits at every point), ``false``
with a confirmed counterexample, and ``inconclusive`` when time ran out or too
few points could be evaluated.

>>> from derivations.symbols import beta1, g
>>> decide((1 - beta1**2) / (1 - beta1), "=", 1 + beta1).verdict
'true'
>>> d = decide(beta1**2, "<=", beta1 / 2)
>>> d.verdict, d.counterexample is not None
('false', True)
"""

from __future__ import annotations

import contextlib
import math
import random
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.parsing.assume import REAL, Domain

RELATIONS = ("=", "<=", "<", ">=", ">")
#: significant digits of the search and of the confirmation of a counterexample
DPS, DPS_CONFIRM = 40, 80
#: default domains of the package's symbols; EMA parameters lie in (0, 1)
_UNIT = Domain(lo=sp.Integer(0), hi=sp.Integer(1))


def default_domain(sym: sp.Symbol) -> Domain:
    """The domain implied by the package's conventions and a symbol's assumptions."""
    if sym in (S.beta1, S.beta2, S.beta, S.rho, S.mu_m):
        return _UNIT
    if sym.is_integer:
        if sym.is_positive:
            return Domain(lo=sp.Integer(1), lo_open=False, integer=True)
        if sym.is_nonnegative:
            return Domain(lo=sp.Integer(0), lo_open=False, integer=True)
        return Domain(integer=True)
    if sym.is_positive:
        return Domain(lo=sp.Integer(0))
    if sym.is_nonnegative:
        return Domain(lo=sp.Integer(0), lo_open=False)
    if sym.is_negative:
        return Domain(hi=sp.Integer(0))
    return REAL


class Timeout(Exception):
    """The time budget ran out."""


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`Timeout` inside the block after ``seconds`` (main thread only).

    SymPy cannot be interrupted from another thread, so this uses SIGALRM; in
    another thread, or where SIGALRM does not exist, the block runs unbounded
    (callers keep their inputs small through the parser's limits).
    """
    if (
        seconds is None
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    if seconds <= 0:
        raise Timeout()

    def handler(signum, frame):
        raise Timeout()

    old = signal.signal(signal.SIGALRM, handler)
    old_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if old_timer[0] > 0:  # an outer deadline: re-arm what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(old_timer[0] - seconds, 1e-3))


# --------------------------------------------------------------------------
# numeric evaluation: a tree walker over mpmath (no lambdify, no eval)


class Undefined(Exception):
    """The expression has no real value at this point (log of a negative, 1/0, ...)."""


class Unsupported(Exception):
    """The expression contains something the walker cannot evaluate."""


_MAX_SUM_EVAL = 5000
Fn = Callable[[dict], Any]


def compile_expr(expr: sp.Expr) -> Fn:
    """A function env -> mpf evaluating ``expr``; env maps symbols to mpf values."""
    if expr.is_Symbol:

        def sym(env, s=expr):
            try:
                return env[s]
            except KeyError:
                raise Unsupported(f"no value for {s}") from None

        return sym
    if expr.is_Integer:
        v = int(expr)
        return lambda env: mpmath.mpf(v)
    if expr.is_Rational:
        p, q = int(expr.p), int(expr.q)
        return lambda env: mpmath.mpf(p) / q
    if expr.is_Float:
        s = str(expr)
        return lambda env: mpmath.mpf(s)
    if expr is sp.pi:
        return lambda env: +mpmath.pi
    if expr is sp.E:
        return lambda env: +mpmath.e
    if expr in (sp.zoo, sp.nan, sp.oo, -sp.oo):
        return _undefined
    if isinstance(expr, sp.Add):
        fs = [compile_expr(a) for a in expr.args]
        return lambda env: mpmath.fsum(f(env) for f in fs)
    if isinstance(expr, sp.Mul):
        fs = [compile_expr(a) for a in expr.args]

        def mul(env):
            r = mpmath.mpf(1)
            for f in fs:
                r *= f(env)
            return r

        return mul
    if isinstance(expr, sp.Pow):
        return _compile_pow(expr)
    if isinstance(expr, sp.exp):
        f = compile_expr(expr.args[0])
        return lambda env: mpmath.exp(f(env))
    if isinstance(expr, sp.log):
        f = compile_expr(expr.args[0])

        def log(env):
            x = f(env)
            if x <= 0:
                raise Undefined("log of a non-positive number")
            return mpmath.log(x)

        return log
    if isinstance(expr, sp.Abs):
        f = compile_expr(expr.args[0])
        return lambda env: abs(f(env))
    if isinstance(expr, sp.sign):
        f = compile_expr(expr.args[0])
        return lambda env: mpmath.sign(f(env))
    if isinstance(expr, sp.Max | sp.Min):
        fs = [compile_expr(a) for a in expr.args]
        pick = max if isinstance(expr, sp.Max) else min
        return lambda env: pick(f(env) for f in fs)
    if isinstance(expr, sp.factorial):
        f = compile_expr(expr.args[0])

        def fact(env):
            n = f(env)
            if n < 0 or n != int(n) or n > 10**4:
                raise Undefined("factorial of a non-integer or huge number")
            return mpmath.factorial(int(n))

        return fact
    if isinstance(expr, sp.Sum):
        return _compile_sum(expr)
    raise Unsupported(f"cannot evaluate {type(expr).__name__}")


def _undefined(env):
    raise Undefined("infinite or undefined")


def _compile_pow(expr: sp.Pow) -> Fn:
    base, ex = expr.args
    fb = compile_expr(base)
    if ex.is_Integer:
        n = int(ex)

        def ipow(env):
            b = fb(env)
            if b == 0 and n < 0:
                raise Undefined("division by zero")
            return b**n

        return ipow
    fe = compile_expr(ex)

    def pow_(env):
        b, e = fb(env), fe(env)
        if b > 0:
            return mpmath.power(b, e)
        if b == 0:
            if e > 0:
                return mpmath.mpf(0)
            raise Undefined("0 to a non-positive power")
        if e == int(e):
            return b ** int(e)
        raise Undefined("a negative number to a fractional power")

    return pow_


def _compile_sum(expr: sp.Sum) -> Fn:
    body = compile_expr(expr.function)
    (var, lo, hi), *rest = expr.limits
    if rest:
        raise Unsupported("nested Sum limits")
    flo, fhi = compile_expr(lo), compile_expr(hi)

    def sum_(env):
        a, b = flo(env), fhi(env)
        if a != int(a) or b != int(b):
            raise Undefined("non-integer summation bounds")
        a, b = int(a), int(b)
        if b - a > _MAX_SUM_EVAL:
            raise Unsupported("sum too long to evaluate")
        inner = dict(env)
        total = mpmath.mpf(0)
        for i in range(a, b + 1):
            inner[var] = mpmath.mpf(i)
            total += body(inner)
        return total

    return sum_


def evaluate(fn: Fn, point: dict[sp.Symbol, Fraction], dps: int) -> Any:
    """fn at an exact rational point, with ``dps`` significant digits; None if undefined."""
    with mpmath.workdps(dps):
        env = {s: mpmath.mpf(v.numerator) / v.denominator for s, v in point.items()}
        try:
            val = fn(env)
        except (Undefined, ZeroDivisionError):
            return None
        if not isinstance(val, mpmath.mpf) or not mpmath.isfinite(val):
            return None
        return +val


# --------------------------------------------------------------------------
# sampling


def _frac(x: float | int | str) -> Fraction:
    return Fraction(str(x)) if isinstance(x, float) else Fraction(x)


def _q(x: sp.Rational) -> Fraction:
    x = sp.Rational(x)
    return Fraction(int(x.p), int(x.q))


class Sampler:
    """Random, special and adversarial points in a product of domains."""

    def __init__(self, domains: dict[sp.Symbol, Domain], seed: int = 20260521):
        self.domains = domains
        self.syms = sorted(domains, key=lambda s: s.name)
        self.rng = random.Random(seed)

    def specials(self, dom: Domain) -> list[Fraction]:
        lo = None if dom.lo is None else _q(dom.lo)
        hi = None if dom.hi is None else _q(dom.hi)
        if dom.integer:
            a = (
                math.floor(lo) + (1 if dom.lo_open and lo == math.floor(lo) else 0)
                if lo is not None
                else None
            )
            b = (
                math.ceil(hi) - (1 if dom.hi_open and hi == math.ceil(hi) else 0)
                if hi is not None
                else None
            )
            if a is None and b is None:
                cands = [0, 1, -1, 2, -3, 10]
            elif b is None:
                cands = [a, a + 1, a + 2, a + 4, a + 9, a + 30]
            elif a is None:
                cands = [b, b - 1, b - 2, b - 4, b - 9]
            else:
                cands = sorted({a, b, (a + b) // 2, min(a + 1, b), max(b - 1, a)})
            return [Fraction(c) for c in cands]
        if lo is not None and hi is not None:
            w = hi - lo
            out = [lo + w / 2, lo + w / 10, hi - w / 10, lo + w / 1000, hi - w / 1000]
            out += [lo + w / 10**6, hi - w / 10**6]
            if not dom.lo_open:
                out.append(lo)
            if not dom.hi_open:
                out.append(hi)
            return out
        if lo is not None:
            out = [lo + Fraction(1, 1000), lo + 1, lo + 2, lo + 10, lo + 1000, lo + Fraction(1, 2)]
            return out + ([lo] if not dom.lo_open else [])
        if hi is not None:
            out = [hi - Fraction(1, 1000), hi - 1, hi - 2, hi - 10, hi - 1000, hi - Fraction(1, 2)]
            return out + ([hi] if not dom.hi_open else [])
        return [
            Fraction(0),
            Fraction(1),
            Fraction(-1),
            Fraction(2),
            Fraction(-3),
            Fraction(1, 1000),
            Fraction(-1, 1000),
            Fraction(1000),
            Fraction(-1000),
            Fraction(1, 2),
            Fraction(-1, 2),
        ]

    def random_value(self, dom: Domain) -> Fraction:
        r = self.rng
        lo = None if dom.lo is None else _q(dom.lo)
        hi = None if dom.hi is None else _q(dom.hi)
        if dom.integer:
            a = math.ceil(lo) if lo is not None else None
            b = math.floor(hi) if hi is not None else None
            if a is not None and dom.lo_open and a == lo:
                a += 1
            if b is not None and dom.hi_open and b == hi:
                b -= 1
            if a is None and b is None:
                return Fraction(r.randint(-20, 20))
            if b is None:
                return Fraction(r.randint(a, a + r.choice([3, 10, 40])))
            if a is None:
                return Fraction(r.randint(b - r.choice([3, 10, 40]), b))
            return Fraction(r.randint(a, b))
        u = Fraction(r.randint(1, 10**6 - 1), 10**6)
        if lo is not None and hi is not None:
            if r.random() < 0.3:  # log-uniform towards either end
                d = Fraction(10) ** -r.randint(1, 8)
                return lo + (hi - lo) * d if r.random() < 0.5 else hi - (hi - lo) * d
            return lo + (hi - lo) * u
        mag = _frac(round(10 ** r.uniform(-3, 3), 6)) or Fraction(1, 10**6)
        if lo is not None:
            return lo + mag
        if hi is not None:
            return hi - mag
        return mag if r.random() < 0.5 else -mag

    def point(self, p_special: float) -> dict[sp.Symbol, Fraction]:
        pt = {}
        for s in self.syms:
            dom = self.domains[s]
            if self.rng.random() < p_special:
                pt[s] = self.rng.choice(self.specials(dom))
            else:
                pt[s] = self.random_value(dom)
        return pt

    def neighbour(self, pt: dict[sp.Symbol, Fraction]) -> dict[sp.Symbol, Fraction]:
        """A nearby point, moved towards the edges of the domain (adversarial search)."""
        out = dict(pt)
        s = self.rng.choice(self.syms)
        dom = self.domains[s]
        v = out[s]
        r = self.rng
        if dom.integer:
            cand = [v + 1, v - 1, v * 2, v + 5]
        else:
            f = Fraction(r.choice([1, 2, 5]), r.choice([1, 10, 100]))
            cand = [v * f, v + f, v - f, -v, v / 2]
            if dom.lo is not None:
                cand.append(_q(dom.lo) + (v - _q(dom.lo)) * Fraction(1, 10))
            if dom.hi is not None:
                cand.append(_q(dom.hi) - (_q(dom.hi) - v) * Fraction(1, 10))
        cand = [c for c in cand if self.contains(dom, c)]
        if cand:
            out[s] = r.choice(cand)
        return out

    @staticmethod
    def contains(dom: Domain, v: Fraction) -> bool:
        if dom.integer and v.denominator != 1:
            return False
        if dom.lo is not None:
            lo = _q(dom.lo)
            if v < lo or (dom.lo_open and v == lo):
                return False
        if dom.hi is not None:
            hi = _q(dom.hi)
            if v > hi or (dom.hi_open and v == hi):
                return False
        if abs(v.numerator) > 10**30 or v.denominator > 10**30:
            return False
        return True


# --------------------------------------------------------------------------
# the decision


@dataclass
class Decision:
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

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "relation": self.relation,
            "method": self.method,
            "lhs": self.lhs,
            "rhs": self.rhs,
            "counterexample": self.counterexample,
            "points_checked": self.points,
            "points_undefined": self.undefined_points,
            "notes": self.notes,
        }


def _fmt(v: Any, digits: int = 12) -> str:
    if isinstance(v, Fraction):
        if v.denominator == 1:
            return str(v.numerator)
        if v.denominator <= 10**6 and abs(v.numerator) < 10**9:
            return f"{v.numerator}/{v.denominator}"
        return mpmath.nstr(mpmath.mpf(v.numerator) / v.denominator, digits)
    return mpmath.nstr(v, digits)


def _tolerance(a, b, dps: int):
    """Agreement threshold: relative 10^-(dps-8) (room for the rounding of a few hundred
    operations), absolute 10^-(dps-5) for values near 0. A difference above it that is
    rounding (catastrophic cancellation) is caught by the confirmation at DPS_CONFIRM."""
    scale = max(abs(a), abs(b))
    return max(scale * mpmath.mpf(10) ** (-(dps - 8)), mpmath.mpf(10) ** (-(dps - 5)))


def _violation(op: str, a, b, dps: int) -> str | None:
    """Why a, b violate ``a op b`` at this precision (None if they satisfy it)."""
    tol = _tolerance(a, b, dps)
    d = a - b
    if op == "=":
        return "differ" if abs(d) > tol else None
    if op in (">=", ">"):
        d = -d
    if d > tol:
        return "violated"
    if op in ("<", ">") and abs(d) <= tol:
        return "equal"
    return None


def _as_domains(
    exprs: list[sp.Expr], assume: dict[sp.Symbol, Domain] | None
) -> dict[sp.Symbol, Domain]:
    free: set[sp.Symbol] = set()
    for e in exprs:
        free |= e.free_symbols
    out = {}
    byname = {s.name: d for s, d in (assume or {}).items()}
    for s in free:
        dom = default_domain(s)
        if s in (assume or {}):
            dom = dom.intersect(assume[s])
        elif s.name in byname:
            dom = dom.intersect(byname[s.name])
        out[s] = dom
    return out


class _Search:
    def __init__(self, lhs, rhs, op, domains, seed):
        self.op = op
        self.lhs, self.rhs = lhs, rhs
        self.fl, self.fr = compile_expr(lhs), compile_expr(rhs)
        self.sampler = Sampler(domains, seed)
        self.points = 0
        self.undefined = 0

    def values(self, pt, dps=DPS):
        a = evaluate(self.fl, pt, dps)
        b = evaluate(self.fr, pt, dps)
        return a, b

    def score(self, a, b):
        """How badly ``a op b`` fails (positive = violation), relative to the size of a, b."""
        d = a - b
        if self.op in (">=", ">"):
            d = -d
        return d / (abs(a) + abs(b) + mpmath.mpf(10) ** -30)

    def confirm(self, pt) -> dict[str, Any] | None:
        a, b = self.values(pt)
        if a is None or b is None:
            return None
        why = _violation(self.op, a, b, DPS)
        if why is None:
            return None
        a2, b2 = self.values(pt, DPS_CONFIRM)
        if a2 is None or b2 is None or _violation(self.op, a2, b2, DPS_CONFIRM) != why:
            return None
        if why != "equal":
            d1, d2 = a - b, a2 - b2
            if abs(d1 - d2) > abs(d2) * mpmath.mpf(10) ** -10:
                return (
                    None  # the difference moved with the precision: rounding, not a counterexample
                )
        return {
            "values": {s.name: _fmt(v) for s, v in sorted(pt.items(), key=lambda kv: kv[0].name)},
            "lhs": _fmt(a2),
            "rhs": _fmt(b2),
            "difference": _fmt(a2 - b2, 6),
            "kind": why,
        }

    def simplest(self, pt: dict[sp.Symbol, Fraction]) -> dict[str, Any] | None:
        """Confirm a violating point, after replacing each value by the simplest that still
        violates (a counterexample is easier to read at beta = 1/2 than at 41148/125000)."""
        best = self.confirm(pt)
        if best is None:
            return None
        for s in self.sampler.syms:
            dom = self.sampler.domains[s]
            cands = sorted(
                set(self.sampler.specials(dom)),
                key=lambda v: (v.denominator, abs(v.numerator)),
            )
            for v in cands:
                if (v.denominator, abs(v.numerator)) >= (pt[s].denominator, abs(pt[s].numerator)):
                    break
                trial = dict(pt)
                trial[s] = v
                ce = self.confirm(trial)
                if ce is not None:
                    pt, best = trial, ce
                    break
        return best

    def run(self, n: int, adversarial: bool, t_end: float) -> dict[str, Any] | None:
        scored = []
        for i in range(n):
            if time.monotonic() > t_end:
                raise Timeout()
            pt = self.sampler.point(0.7 if i % 2 == 0 else 0.2)
            a, b = self.values(pt)
            self.points += 1
            if a is None or b is None:
                self.undefined += 1
                continue
            if _violation(self.op, a, b, DPS):
                ce = self.simplest(pt)
                if ce:
                    return ce
            if adversarial:
                scored.append((self.score(a, b), i, pt))
        if not adversarial or not scored:
            return None
        scored.sort(key=lambda x: x[0], reverse=True)
        for s0, _, pt in scored[:6]:
            best = s0
            for _ in range(40):
                if time.monotonic() > t_end:
                    raise Timeout()
                cand = self.sampler.neighbour(pt)
                a, b = self.values(cand)
                self.points += 1
                if a is None or b is None:
                    continue
                if _violation(self.op, a, b, DPS):
                    ce = self.simplest(cand)
                    if ce:
                        return ce
                sc = self.score(a, b)
                if sc > best:
                    best, pt = sc, cand
        return None


def _sympy_sign_proof(d: sp.Expr, domains: dict[sp.Symbol, Domain], strict: bool) -> bool:
    """True if d >= 0 (d > 0 when strict) follows from SymPy's assumptions."""
    reps = {}
    for s, dom in domains.items():
        if dom.integer:
            if dom.lo is not None and dom.hi is None and dom.lo >= 0:
                n = sp.Symbol(s.name + "_n", integer=True, nonnegative=True)
                reps[s] = dom.lo + n + (1 if dom.lo_open and dom.lo.is_Integer else 0)
            continue
        x = sp.Symbol(s.name + "_x", positive=True)
        if dom.lo is not None and dom.hi is not None:
            reps[s] = dom.lo + (dom.hi - dom.lo) / (1 + x)
        elif dom.lo is not None:
            reps[s] = dom.lo + (x if dom.lo_open else sp.Symbol(s.name + "_x", nonnegative=True))
        elif dom.hi is not None:
            reps[s] = dom.hi - (x if dom.hi_open else sp.Symbol(s.name + "_x", nonnegative=True))
    e = d.xreplace(reps)
    for form in (e, sp.cancel(e), sp.factor(e)):
        sign = form.is_positive if strict else form.is_nonnegative
        if sign:
            return True
    num, den = sp.fraction(sp.factor(e))
    if den.is_positive and (num.is_positive if strict else num.is_nonnegative):
        return True
    num, den = sp.fraction(sp.simplify(e))
    return bool(den.is_positive and (num.is_positive if strict else num.is_nonnegative))


def _symbolic(lhs, rhs, op, domains) -> str | None:
    """A short description of a symbolic proof, or None."""
    d = lhs - rhs
    if d.has(sp.Sum):
        d = d.doit()
    if op == "=":
        if d == 0:
            return "the two sides are identical"
        if sp.cancel(d) == 0:
            return "cancel(lhs - rhs) = 0"
        if sp.simplify(d) == 0:
            return "simplify(lhs - rhs) = 0"
        return None
    if op in (">=", ">"):
        d = -d
    # want d <= 0 (or < 0): show -d >= 0 (> 0)
    if _sympy_sign_proof(-d, domains, strict=op in ("<", ">")):
        return "the sign of rhs - lhs follows from the assumptions (after factoring)"
    return None


def _as_sympy(x: Any, what: str) -> sp.Expr:
    """SymPy objects and plain numbers only: text must go through the safe parser."""
    if isinstance(x, sp.Basic):
        return x
    if isinstance(x, bool) or not isinstance(x, int | Fraction):
        raise TypeError(f"{what} must be a SymPy expression or an int, got {type(x).__name__}")
    return sp.Rational(x.numerator, x.denominator) if isinstance(x, Fraction) else sp.Integer(x)


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

    ``assume`` maps symbols to :class:`~derivations.parsing.assume.Domain`;
    other symbols get :func:`default_domain`. ``budget`` (seconds) bounds the
    whole decision; ``require_proof`` turns a numeric-only ``true`` into
    ``inconclusive``.
    """
    if op not in RELATIONS:
        raise ValueError(f"op must be one of {RELATIONS}, got {op!r}")
    if budget <= 0:
        raise ValueError(f"budget must be positive, got {budget}")
    lhs, rhs = _as_sympy(lhs, "lhs"), _as_sympy(rhs, "rhs")
    t0 = time.monotonic()
    t_end = t0 + budget
    domains = _as_domains([lhs, rhs], assume)
    dec = Decision("inconclusive", op, "", sp.sstr(lhs), sp.sstr(rhs))
    if any(d.is_empty() for d in domains.values()):
        dec.method = "the assumptions leave no possible value"
        return dec
    n = points or (48 if op == "=" else 160)
    search = None
    try:
        search = _Search(lhs, rhs, op, domains, seed)
        ce = search.run(n, adversarial=op != "=", t_end=t_end - 0.25 * budget * symbolic)
    except Unsupported as exc:
        dec.notes.append(f"numeric evaluation not possible: {exc}")
        ce = None
        search = None
    except Timeout:
        dec.notes.append("numeric search ran out of time")
        ce = None
    if search is not None:
        dec.points, dec.undefined_points = search.points, search.undefined
    if ce is not None:
        dec.verdict = "false"
        dec.method = "counterexample (evaluated at 40 and confirmed at 80 digits)"
        dec.counterexample = ce
        return dec
    numeric_ok = search is not None and search.points - search.undefined >= 8 and not dec.notes
    if symbolic:
        try:
            with deadline(max(t_end - time.monotonic(), 0.05)):
                proof = _symbolic(lhs, rhs, op, domains)
        except Timeout:
            proof = None
            dec.notes.append("symbolic simplification ran out of time")
        except (NotImplementedError, TypeError, ValueError, RecursionError) as exc:
            proof = None
            dec.notes.append(f"symbolic step failed: {type(exc).__name__}")
        if proof:
            dec.verdict, dec.method = "true", f"symbolic: {proof}"
            return dec
    if numeric_ok and not require_proof:
        good = search.points - search.undefined
        if op == "=":
            dec.method = f"numeric: equal at {good} points to {DPS - 8} digits (no symbolic proof)"
        else:
            dec.method = (
                f"numeric: no counterexample at {good} random, boundary and adversarial points "
                "(not a proof)"
            )
        dec.verdict = "true"
        return dec
    dec.method = "; ".join(dec.notes) or "no symbolic proof and no counterexample"
    return dec


__all__ = [
    "DPS",
    "DPS_CONFIRM",
    "RELATIONS",
    "Decision",
    "Sampler",
    "Timeout",
    "Undefined",
    "Unsupported",
    "compile_expr",
    "deadline",
    "decide",
    "default_domain",
    "evaluate",
]


# --------------------------------------------------------------------------
# hints for a wrong answer


def _unit_trimmed(domains: dict[sp.Symbol, Domain]) -> dict[sp.Symbol, Domain]:
    """EMA parameters kept in [1/20, 19/20] so that beta**t is tiny at large t."""
    out = {}
    for s, d in domains.items():
        if d.lo == 0 and d.hi == 1 and not d.integer:
            out[s] = Domain(sp.Rational(1, 20), sp.Rational(19, 20), False, False)
        else:
            out[s] = d
    return out


def hints(
    answer: sp.Expr,
    target: sp.Expr,
    assume: dict[sp.Symbol, Domain] | None = None,
    *,
    var: sp.Symbol | None = None,
    budget: float = 1.0,
) -> list[str]:
    """Why an answer that differs from the target might be wrong.

    Checks, numerically at exact rational points: a flipped sign, a constant
    factor, a factor free of the gradients (found by ``cancel`` under a deadline),
    agreement only for positive values of a variable, and agreement only in the
    limit ``var`` → ∞ (``var`` defaults to t when present).
    """
    out: list[str] = []
    t_end = time.monotonic() + budget
    domains = _as_domains([answer, target], assume)
    fa, ft = compile_expr(answer), compile_expr(target)
    sampler = Sampler(domains, seed=7)
    ratios, sums = [], []
    for _ in range(16):
        pt = sampler.point(0.0)
        a, b = evaluate(fa, pt, DPS), evaluate(ft, pt, DPS)
        if a is None or b is None:
            continue
        sums.append(abs(a + b) <= _tolerance(a, b, DPS))
        if b != 0:
            ratios.append(a / b)
    if sums and all(sums):
        return ["the sign is flipped: your answer is minus the target"]
    if len(ratios) >= 4 and all(
        abs(r - ratios[0]) <= abs(ratios[0]) * mpmath.mpf(10) ** -25 for r in ratios
    ):
        c = Fraction(mpmath.nstr(ratios[0], 30)).limit_denominator(10**4)
        shown = (
            str(c)
            if abs(mpmath.mpf(c.numerator) / c.denominator - ratios[0]) < 1e-20
            else (mpmath.nstr(ratios[0], 10))
        )
        return [f"off by a constant factor: your answer = {shown} × target"]
    gradients = {s for s in domains if s.name.startswith("g")}
    try:
        with deadline(max(min(0.4, t_end - time.monotonic()), 0.01)):
            cancelled = sp.cancel(answer / target)
            ratio = min((cancelled, sp.factor(cancelled)), key=lambda e: len(sp.sstr(e)))
        if (
            ratio.free_symbols
            and not (ratio.free_symbols & gradients)
            and sp.count_ops(ratio) <= 25
        ):
            shown = sp.sstr(ratio)
            if not (ratio.is_Symbol or ratio.is_Pow or ratio.is_Function):
                shown = f"({shown})"
            out.append(f"your answer = target × {shown}")
    except (Timeout, NotImplementedError, TypeError, ValueError, RecursionError):
        pass
    for s, d in sorted(domains.items(), key=lambda kv: kv[0].name):
        if time.monotonic() > t_end:
            break
        if d.integer or (d.lo is not None and d.lo >= 0):
            continue
        pos = dict(domains)
        pos[s] = d.intersect(Domain(lo=sp.Integer(0)))
        dec = decide(answer, "=", target, pos, budget=0.3, points=24, symbolic=False)
        if dec.verdict == "true":
            out.append(f"right only for {s.name} > 0")
    var = var if var is not None else next((s for s in domains if s.name == "t"), None)
    if var is not None and var in domains and time.monotonic() < t_end:
        trimmed = _unit_trimmed(domains)
        sampler = Sampler(trimmed, seed=11)
        close = []
        for _ in range(8):
            pt = sampler.point(0.0)
            for big in (4000, 8000):
                pt[var] = Fraction(big)
                a, b = evaluate(fa, pt, DPS), evaluate(ft, pt, DPS)
                if a is None or b is None:
                    continue
                close.append(abs(a - b) <= max(abs(b), mpmath.mpf(1)) * mpmath.mpf(10) ** -12)
        if close and all(close):
            out.append(f"right only in the limit {var.name} → ∞ (wrong at finite {var.name})")
    return out


__all__ += ["hints"]


# --------------------------------------------------------------------------
# asymptotic steps: a ≈ b as var -> point

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
    lhs, rhs = _as_sympy(lhs, "lhs"), _as_sympy(rhs, "rhs")
    t_end = time.monotonic() + budget
    where = f"as {var.name} -> {'∞' if to == 'oo' else '0'}"
    dec = Decision("inconclusive", f"{relation} {where}", "", sp.sstr(lhs), sp.sstr(rhs))
    domains = _as_domains([lhs, rhs, var], assume)
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
            vals = {s.name: _fmt(v) for s, v in sorted(pt.items(), key=lambda kv: kv[0].name)}
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
        dec.method = f"numeric: lhs/rhs within 1e-6 of 1 at {var.name} = {_fmt(_APPROACH[to][-1])} "
        dec.method += f"for {good} parameter points (no symbolic limit)"
        return dec
    dec.method = "; ".join(dec.notes) or "the ratio did not settle"
    return dec


__all__ += ["decide_limit"]
