r"""Points to try and the search for a counterexample.

Each point is exact (rationals); both sides are evaluated there by
:mod:`.compiler` with intervals of rising precision (:func:`judge`), so a point
refutes a relation only where it fails exactly: the interval of lhs − rhs
excludes 0 (or, for a strict inequality, lhs − rhs is exactly 0).

Where the points come from (:class:`Sampler`): random values of each symbol's
domain; special values (0, ±1, the ends and edges of an interval, 10⁻⁶ and
10⁶ and 10³⁰ magnitudes); a grid of simple values (integers, halves, thirds:
where a negative base meets a rational exponent, a thin set random points miss);
and the rational zeros of denominators and of arguments of roots and logarithms.
For inequalities, a hill climb moves the worst points towards a violation.

A point where one side is defined and the other is not is a counterexample only
if it lies in a region of such points: the same holds at small perturbations of
every real (non-integer) coordinate. Otherwise it is an isolated undefined point,
recorded as a caveat.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp
from adaproof.derivations.equivalence.common import Timeout, fmt
from adaproof.derivations.equivalence.compiler import (
    Imprecise,
    TooLarge,
    Undefined,
    compile_expr,
    generic,
    lo_hi,
    sign,
    to_iv,
)
from adaproof.derivations.parsing.assume import Domain
from mpmath import iv

#: interval precisions (bits) of the search and of a relation without symbols
PRECS_SEARCH = (80, 320, 1280)
PRECS_CONFIRM = (80, 320, 1280, 5120, 20480)
#: the largest magnitude a point coordinate may take
_MAX_COORD = Fraction(10) ** 40
_UNDEF = object()


@dataclass
class Outcome:
    """What happened at one point.

    status: ``holds`` (decided), ``fails`` (decided, ``kind`` = differ/violated/equal),
    ``close`` (lhs − rhs within 2^-prec of 0 at the highest precision: not refuted),
    ``left_undefined`` / ``right_undefined`` / ``both_undefined``, ``unknown`` (not
    evaluable here: too large, unsupported)."""

    status: str
    kind: str = ""
    a: Any = None
    b: Any = None
    prec: int = 0
    why: str = ""


def _value(f, pt):
    try:
        return f(pt)
    except (Undefined, ZeroDivisionError):
        return _UNDEF


def judge(fl, fr, op: str, pt: dict, precs=PRECS_SEARCH) -> Outcome:
    """Evaluate both sides at ``pt`` with rising precision until the relation is decided."""
    old = iv.prec
    last = Outcome("unknown", why="not evaluated")
    try:
        for prec in precs:
            iv.prec = prec
            try:
                a = _value(fl, pt)
                b = _value(fr, pt)
            except Imprecise:
                last = Outcome("close", prec=prec, why="a sign inside the expression")
                continue
            except (TooLarge, OverflowError) as exc:
                return Outcome("unknown", why=str(exc) or "too large")
            if a is _UNDEF or b is _UNDEF:
                status = (
                    "both_undefined"
                    if a is b
                    else ("left_undefined" if a is _UNDEF else "right_undefined")
                )
                return Outcome(status, a=None if a is _UNDEF else a, b=None if b is _UNDEF else b)
            try:
                d = (
                    a - b
                    if isinstance(a, Fraction) and isinstance(b, Fraction)
                    else to_iv(a) - to_iv(b)
                )
                s = sign(d)
            except Imprecise:
                last = Outcome("close", a=a, b=b, prec=prec)
                continue
            if op in (">=", ">"):
                s = -s
            if op == "=":
                return Outcome("fails", "differ", a, b, prec) if s else Outcome("holds", a=a, b=b)
            if s > 0:
                return Outcome("fails", "violated", a, b, prec)
            if s == 0 and op in ("<", ">"):
                return Outcome("fails", "equal", a, b, prec)
            return Outcome("holds", a=a, b=b)
        return last
    finally:
        iv.prec = old


def show(v: Any, digits: int = 12) -> str:
    """A value from :func:`judge` for people."""
    if v is None:
        return "undefined"
    if isinstance(v, Fraction):
        return fmt(v, digits)
    a, b = lo_hi(v)
    with mpmath.workdps(digits + 5):
        return mpmath.nstr((a + b) / 2, digits)


def midpoint(v: Any):
    if isinstance(v, Fraction):
        return mpmath.mpf(v.numerator) / v.denominator
    a, b = lo_hi(v)
    return (a + b) / 2


def _q(x: sp.Rational) -> Fraction:
    x = sp.Rational(x)
    return Fraction(int(x.p), int(x.q))


_BOUNDS: dict[Domain, tuple] = {}


def _bounds(dom: Domain) -> tuple[Fraction | None, Fraction | None]:
    """The ends of a domain as Fractions (cached: converting SymPy numbers is slow)."""
    got = _BOUNDS.get(dom)
    if got is None:
        got = (
            None if dom.lo is None else _q(dom.lo),
            None if dom.hi is None else _q(dom.hi),
        )
        if len(_BOUNDS) < 10_000:
            _BOUNDS[dom] = got
    return got


_SIMPLE = [Fraction(n, d) for d in (1, 2, 3, 4) for n in range(-9, 10) if math.gcd(n, d) == 1]
_SIMPLE.sort(key=lambda v: (v.denominator, abs(v), v < 0))


class Sampler:
    """Random, special, grid and adversarial points in a product of domains."""

    def __init__(
        self,
        domains: dict[sp.Symbol, Domain],
        seed: int = 20260521,
        extra: dict[sp.Symbol, list[Fraction]] | None = None,
        caps: dict[sp.Symbol, int] | None = None,
    ):
        #: largest |value| tried for a symbol (a summation limit: the sum is evaluated term
        #: by term)
        self.caps = caps or {}
        self.domains = domains
        self.syms = sorted(domains, key=lambda s: s.name)
        self.rng = random.Random(seed)
        self.extra = extra or {}
        self._by_domain: dict[tuple, list[Fraction]] = {}
        self._specials = {s: self._make_specials(s) for s in self.syms}
        self._grid: dict[sp.Symbol, list[Fraction]] = {}

    def specials(self, dom: Domain) -> list[Fraction]:
        out = self._specials_of(dom)
        return [v for v in out if self.contains(dom, v)]

    def _make_specials(self, s: sp.Symbol) -> list[Fraction]:
        dom = self.domains[s]
        cap = self.caps.get(s)
        key = (dom, cap)
        if s not in self.extra and key in self._by_domain:
            return self._by_domain[key]
        out = self._specials_of(dom) + list(self.extra.get(s, []))
        seen, res = set(), []
        for v in out:
            if cap is not None and abs(v) > cap:
                continue
            if v not in seen and self.contains(dom, v):
                seen.add(v)
                res.append(v)
        if s not in self.extra:
            self._by_domain[key] = res
        return res

    def _specials_of(self, dom: Domain) -> list[Fraction]:
        lo, hi = _bounds(dom)
        if dom.integer:
            a = math.ceil(lo) if lo is not None else None
            b = math.floor(hi) if hi is not None else None
            if a is not None and dom.lo_open and a == lo:
                a += 1
            if b is not None and dom.hi_open and b == hi:
                b -= 1
            if a is None and b is None:
                cands = [0, 1, -1, 2, -2, 3, -3, 5, 10, -10, 1000, -1000]
            elif b is None:
                cands = [a, a + 1, a + 2, a + 3, a + 4, a + 5, a + 9, a + 30, a + 1000, a + 10**6]
            elif a is None:
                cands = [b, b - 1, b - 2, b - 3, b - 4, b - 9, b - 30, b - 1000]
            else:
                cands = sorted({a, b, (a + b) // 2, min(a + 1, b), max(b - 1, a)})
            return [Fraction(c) for c in cands]
        if lo is not None and hi is not None:
            w = hi - lo
            out = [lo + w / 2, lo + w / 10, hi - w / 10, lo + w / 1000, hi - w / 1000]
            out += [lo + w / 10**6, hi - w / 10**6, lo + w / 3, lo + 2 * w / 3]
            out += [lo + w / 4, hi - w / 4, lo + w / 10**12, hi - w / 10**12]
            if not dom.lo_open:
                out.append(lo)
            if not dom.hi_open:
                out.append(hi)
            return out + [v for v in _SIMPLE if lo < v < hi]
        if lo is not None:
            steps = [Fraction(1, 1000), Fraction(1, 2), 1, 2, Fraction(1, 3), Fraction(3, 2), 3]
            steps += [10, 1000, 10**6, 10**12, Fraction(1, 10**6), Fraction(1, 10**12)]
            out = [lo + s for s in steps]
            return out + ([lo] if not dom.lo_open else [])
        if hi is not None:
            steps = [Fraction(1, 1000), Fraction(1, 2), 1, 2, Fraction(1, 3), Fraction(3, 2), 3]
            steps += [10, 1000, 10**6, 10**12, Fraction(1, 10**6), Fraction(1, 10**12)]
            out = [hi - s for s in steps]
            return out + ([hi] if not dom.hi_open else [])
        big = [Fraction(10) ** k for k in (3, 6, 30)] + [Fraction(1, 10**k) for k in (3, 6, 30)]
        return list(_SIMPLE) + big + [-v for v in big]

    def grid_values(self, s: sp.Symbol) -> list[Fraction]:
        """Simple values of ``s``: small integers, halves, thirds, quarters, special points."""
        if s not in self._grid:
            key = ("grid", self.domains[s], self.caps.get(s))
            if s in self.extra:
                self._grid[s] = self._grid_values(s)
            elif key in self._by_domain:
                self._grid[s] = self._by_domain[key]
            else:
                self._grid[s] = self._by_domain[key] = self._grid_values(s)
        return self._grid[s]

    def _grid_values(self, s: sp.Symbol) -> list[Fraction]:
        dom = self.domains[s]
        vals = [v for v in self._specials[s] if v.denominator <= 4 and abs(v.numerator) <= 40]
        vals += [v for v in _SIMPLE if self.contains(dom, v)]
        vals += list(self.extra.get(s, []))
        seen, out = set(), []
        for v in vals:
            if v not in seen and self.contains(dom, v):
                seen.add(v)
                out.append(v)
        return out[:24] or self._specials[s][:6]

    def random_value(self, dom: Domain) -> Fraction:
        r = self.rng
        lo, hi = _bounds(dom)
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
                return Fraction(r.randint(a, a + r.choice([3, 10, 40, 200])))
            if a is None:
                return Fraction(r.randint(b - r.choice([3, 10, 40, 200]), b))
            return Fraction(r.randint(a, b))
        u = Fraction(r.randint(1, 10**6 - 1), 10**6)
        if lo is not None and hi is not None:
            if r.random() < 0.3:  # log-uniform towards either end
                d = Fraction(10) ** -r.randint(1, 8)
                return lo + (hi - lo) * d if r.random() < 0.5 else hi - (hi - lo) * d
            return lo + (hi - lo) * u
        mag = Fraction(round(10 ** r.uniform(-3, 3) * 10**6), 10**6) or Fraction(1, 10**6)
        if lo is not None:
            return lo + mag
        if hi is not None:
            return hi - mag
        return mag if r.random() < 0.5 else -mag

    def point(self, p_special: float) -> dict[sp.Symbol, Fraction]:
        pt = {}
        for s in self.syms:
            dom = self.domains[s]
            if self.rng.random() < p_special and self._specials[s]:
                pt[s] = self.rng.choice(self._specials[s])
            else:
                pt[s] = self.random_value(dom)
                cap = self.caps.get(s)
                if cap is not None and abs(pt[s]) > cap and self._specials[s]:
                    pt[s] = self.rng.choice(self._specials[s])
        return pt

    def grid(self, limit: int) -> Iterator[dict[sp.Symbol, Fraction]]:
        """Points of the grid of simple values: all of them when few, else a random sample."""
        values = [self.grid_values(s) for s in self.syms]
        total = math.prod(len(v) for v in values)
        if total <= limit:
            for combo in itertools.product(*values):
                yield dict(zip(self.syms, combo, strict=True))
            return
        for _ in range(limit):
            yield {s: self.rng.choice(v) for s, v in zip(self.syms, values, strict=True)}

    def perturb(self, pt: dict[sp.Symbol, Fraction]) -> dict[sp.Symbol, Fraction] | None:
        """A point near ``pt`` with every real coordinate moved a little (None if none can)."""
        out, moved = dict(pt), False
        for s in self.syms:
            dom = self.domains[s]
            if dom.integer:
                continue
            v = pt[s]
            for _ in range(6):
                eps = Fraction(self.rng.randint(1, 999), 10**6) * self.rng.choice([1, -1])
                cand = v + eps * max(abs(v), Fraction(1, 100))
                if self.contains(dom, cand):
                    out[s], moved = cand, True
                    break
        return out if moved else None

    def neighbour(self, pt: dict[sp.Symbol, Fraction]) -> dict[sp.Symbol, Fraction]:
        """A nearby point, moved towards the edges of the domain (adversarial search)."""
        out = dict(pt)
        s = self.rng.choice(self.syms)
        dom = self.domains[s]
        v = out[s]
        r = self.rng
        if dom.integer:
            cand = [v + 1, v - 1, v * 2, v + 5, v - 5]
        else:
            f = Fraction(r.choice([1, 2, 5]), r.choice([1, 10, 100]))
            cand = [v * f, v + f, v - f, -v, v / 2, v * 3 / 2]
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
        lo, hi = _bounds(dom)
        if lo is not None and (v < lo or (dom.lo_open and v == lo)):
            return False
        if hi is not None and (v > hi or (dom.hi_open and v == hi)):
            return False
        if abs(v) > _MAX_COORD or v.denominator > _MAX_COORD:
            return False
        return True


def critical_values(exprs: list[sp.Expr], syms: list[sp.Symbol]) -> dict[sp.Symbol, list]:
    """Rational zeros (in one symbol) of denominators and of arguments of roots and logs."""
    out: dict[sp.Symbol, list[Fraction]] = {s: [] for s in syms}
    cands: list[sp.Expr] = []
    for e in exprs:
        for node in sp.preorder_traversal(e):
            if isinstance(node, sp.Pow) and (node.exp.is_negative or not node.exp.is_Integer):
                cands.append(node.base)
            elif isinstance(node, sp.log):
                cands.append(node.args[0])
            elif isinstance(node, sp.Piecewise):
                for _, cond in node.args:
                    cands += [r.lhs - r.rhs for r in cond.atoms(sp.Rel)]
            if len(cands) > 40:
                break
    for c in cands:
        fs = c.free_symbols
        if len(fs) != 1:
            continue
        (s,) = fs
        if s not in out:
            continue
        try:
            poly = sp.Poly(c, s)
        except (sp.PolynomialError, sp.GeneratorsNeeded, ValueError, TypeError):
            continue
        if poly.degree() > 8 or (not poly.domain.is_QQ and not poly.domain.is_ZZ):
            continue
        for r in sp.polys.polyroots.roots(poly, filter="Q"):
            if r.is_Rational and len(out[s]) < 12:
                out[s].append(Fraction(int(r.p), int(r.q)))
    return {s: v for s, v in out.items() if v}


def summation_caps(exprs: list[sp.Expr], domains) -> dict[sp.Symbol, int]:
    """Symbols in the limits of sums evaluated term by term: values up to 60 terms past
    the smallest allowed one (a sum of powers k^p is evaluated in closed form instead)."""
    caps: dict[sp.Symbol, int] = {}
    for e in exprs:
        for node in sp.preorder_traversal(e):
            if not isinstance(node, sp.Sum) or len(node.limits) != 1:
                continue
            k, a, b = node.limits[0]
            if _power_form(node.function, k):
                continue
            for s in (a.free_symbols | b.free_symbols) & set(domains):
                lo = domains[s].lo
                base = abs(int(lo)) if lo is not None else 0
                caps[s] = min(caps.get(s, 10**9), base + 60)
    return caps


def _power_form(body: sp.Expr, k: sp.Symbol) -> bool:
    _, rest = body.as_independent(k, as_Add=False)
    return rest == k or (isinstance(rest, sp.Pow) and rest.base == k and not rest.exp.has(k))


class Search:
    """The counterexample search for ``lhs op rhs`` over ``domains``."""

    def __init__(self, lhs, rhs, op, domains, seed, t_end: float):
        self.op = op
        self.lhs, self.rhs = lhs, rhs
        self.fl, self.fr = compile_expr(lhs), compile_expr(rhs)
        self.t_end = t_end
        syms = sorted(domains, key=lambda s: s.name)
        try:
            extra = critical_values([lhs, rhs], syms)
        except Exception:
            extra = {}
        self.sampler = Sampler(domains, seed, extra, summation_caps([lhs, rhs], domains))
        self.points = 0  # points where both sides were compared
        self.undefined = 0  # points where a side has no real value
        self.unknown = 0  # points that could not be evaluated
        self.close = 0  # points where lhs - rhs stayed within the interval width of 0
        self.caveats: list[dict[str, str]] = []  # isolated points where one side is undefined
        self.reasons: set[str] = set()
        self.truncated = False  # the time for the search ran out before all points
        self.close_points: list[dict] = []  # points where lhs - rhs stayed inside 0's interval

    def _tick(self):
        if time.monotonic() > self.t_end:
            self.truncated = True
            raise Timeout()

    def values_shown(self, pt) -> dict[str, str]:
        return {s.name: fmt(v) for s, v in sorted(pt.items(), key=lambda kv: kv[0].name)}

    def test(self, pt) -> Outcome:
        self._tick()
        # near-ties are re-evaluated at higher precision at the first points and at every
        # tenth one; elsewhere a difference inside the interval counts as agreement
        full = self.close < 5 or self.points % 10 == 0
        out = judge(self.fl, self.fr, self.op, pt, PRECS_SEARCH if full else PRECS_SEARCH[:1])
        if out.status in ("holds", "fails", "close"):
            self.points += 1
            self.close += out.status == "close"
            if out.status == "close" and len(self.close_points) < 3:
                self.close_points.append(pt)
        elif out.status == "unknown":
            self.unknown += 1
            self.reasons.add(out.why)
        else:
            self.undefined += 1
        return out

    def counterexample(self, pt, out: Outcome) -> dict[str, Any] | None:
        """A counterexample at ``pt`` (simplified), or None if ``pt`` is not one."""
        if out.status == "fails":
            pt, out = self.simplest(pt, out)
            return self._ce(pt, out)
        if out.status in ("left_undefined", "right_undefined"):
            if self.is_region(pt, out.status):
                pt, out = self.simplest(pt, out)
                return self._ce(pt, out)
            shown = self.values_shown(pt)
            if len(self.caveats) < 5 and all(c["values"] != shown for c in self.caveats):
                which = "left" if out.status == "left_undefined" else "right"
                self.caveats.append({"side": which, "values": shown})
        return None

    def is_region(self, pt, status: str) -> bool:
        tries = 0
        real = [s for s in self.sampler.syms if not self.sampler.domains[s].integer]
        for _ in range(8):
            near = self.sampler.perturb(pt)
            if near is None:
                return False
            with generic(real):
                o = judge(self.fl, self.fr, self.op, near)
            if o.status == "unknown":
                continue
            if o.status != status:
                return False
            tries += 1
        return tries >= 4

    def _ce(self, pt, out: Outcome) -> dict[str, Any]:
        ce = {
            "values": self.values_shown(pt),
            "lhs": show(out.a),
            "rhs": show(out.b),
            "kind": out.kind,
        }
        if out.status == "fails":
            d = (
                out.a - out.b
                if isinstance(out.a, Fraction) and isinstance(out.b, Fraction)
                else None
            )
            if d is None:
                old = iv.prec
                iv.prec = max(out.prec, 80)
                try:
                    d = to_iv(out.a) - to_iv(out.b)
                finally:
                    iv.prec = old
            ce["difference"] = show(d, 6)
        else:
            ce["kind"] = "undefined"
            ce["undefined_side"] = "lhs" if out.status == "left_undefined" else "rhs"
            ce["difference"] = "undefined"
        return ce

    def simplest(self, pt, out: Outcome):
        """Replace values by simpler ones while the point still refutes the relation
        (two passes: a value may simplify only once another one has)."""
        for s in self.sampler.syms[:12] * 2:
            cands = sorted(
                set(self.sampler.grid_values(s)), key=lambda v: (v.denominator, abs(v.numerator))
            )
            for v in cands[:30]:
                if time.monotonic() > self.t_end:
                    return pt, out
                if (v.denominator, abs(v.numerator)) >= (pt[s].denominator, abs(pt[s].numerator)):
                    break
                trial = dict(pt)
                trial[s] = v
                o = judge(self.fl, self.fr, self.op, trial)
                if o.status == out.status and (
                    o.status == "fails" or self.is_region(trial, o.status)
                ):
                    pt, out = trial, o
                    break
        return pt, out

    def score(self, out: Outcome) -> float:
        """How close ``a op b`` is to failing (positive = violation), relative to |a| + |b|."""
        a, b = midpoint(out.a), midpoint(out.b)
        d = a - b
        if self.op in (">=", ">"):
            d = -d
        return float(d / (abs(a) + abs(b) + mpmath.mpf(10) ** -30))

    def run(self, n: int, adversarial: bool, grid: int = 300) -> dict[str, Any] | None:
        """Look for a counterexample until the points or the time run out (then
        ``truncated`` is set)."""
        try:
            return self._run(n, adversarial, grid)
        except Timeout:
            return None

    def _run(self, n: int, adversarial: bool, grid: int) -> dict[str, Any] | None:
        scored = []

        def mixed():
            # random points interleaved with the grid of simple values, made as needed
            gpts = self.sampler.grid(grid)
            for i in range(max(n, grid)):
                if i < n:
                    yield self.sampler.point(0.7 if i % 2 == 0 else 0.2)
                if i < grid:
                    g = next(gpts, None)
                    if g is not None:
                        yield g

        for i, pt in enumerate(mixed()):
            out = self.test(pt)
            ce = self.counterexample(pt, out)
            if ce:
                return ce
            if adversarial and out.status in ("holds", "close"):
                scored.append((self.score(out), i, pt))
        if not adversarial or not scored:
            return None
        scored.sort(key=lambda x: x[0], reverse=True)
        for s0, _, start in scored[:6]:
            best, pt = s0, start
            for _ in range(40):
                cand = self.sampler.neighbour(pt)
                out = self.test(cand)
                ce = self.counterexample(cand, out)
                if ce:
                    return ce
                if out.status in ("holds", "close"):
                    sc = self.score(out)
                    if sc > best:
                        best, pt = sc, cand
        return None


def is_rational_function(e: sp.Expr) -> bool:
    """Only +, ×, integer powers, rational numbers and symbols."""
    for node in sp.preorder_traversal(e):
        if node.is_Symbol or node.is_Rational:
            continue
        if isinstance(node, sp.Add | sp.Mul):
            continue
        if isinstance(node, sp.Pow) and node.exp.is_Integer:
            continue
        return False
    return True


__all__ = [
    "PRECS_CONFIRM",
    "PRECS_SEARCH",
    "Outcome",
    "Sampler",
    "Search",
    "critical_values",
    "is_rational_function",
    "judge",
    "show",
]
