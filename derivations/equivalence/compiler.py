r"""Evaluating a SymPy expression at an exact rational point, rigorously.

A small tree walker (no ``lambdify``, no ``eval``) turns an expression into a
function of a point. Values stay exact (:class:`fractions.Fraction`) as long as
the operations allow it (+, −, ×, ÷, integer powers, rational roots that happen
to be rational, factorials, finite sums); otherwise they become intervals of
:mod:`mpmath.iv` that contain the true value. A sign or a comparison is read
only when the interval decides it; when it does not, :class:`Imprecise` asks
the caller to raise the precision. Nothing is ever compared with a tolerance.

Real-number conventions (what "defined" means):

* ``log x`` needs x > 0; ``x^y`` with y not an integer needs x > 0, except a
  rational exponent p/q in lowest terms with q odd, which is the real q-th root
  (``(-8)^(1/3) = -2``); with q even a negative base is undefined;
  ``0^y`` is 0 for y > 0, undefined for y ≤ 0 (``0^0`` is 1, as in SymPy);
* ``1/0`` is undefined; ``factorial`` needs an integer ≥ 0;
* a ``Piecewise`` is undefined where no condition holds: the parser writes
  ``sqrt(x)**2`` (which SymPy makes ``x``) as ``Piecewise((x, x >= 0))``;
* ``asin``/``acos`` need |x| ≤ 1; ``tan`` is undefined where cos = 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp
from mpmath import iv


class Undefined(Exception):
    """The expression has no real value at this point (log of a negative, 1/0, ...)."""


class Unsupported(Exception):
    """The expression contains something the walker cannot evaluate."""


class Imprecise(Exception):
    """The interval at this precision does not decide a sign the evaluation depends on."""


class TooLarge(Exception):
    """The value at this point is beyond what can be computed (exp of 10^8, 10^5 !, ...)."""


#: largest exact rational kept exact, in bits of numerator or denominator
_MAX_EXACT_BITS = 4096
#: longest finite sum evaluated term by term
MAX_SUM_TERMS = 5000
#: |argument| of exp beyond which the point is not evaluated
_MAX_EXP_ARG = 10**7

Val = Any  # Fraction or an iv.mpf interval
Fn = Callable[[dict], Val]


def to_iv(v: Val):
    if isinstance(v, Fraction):
        if v.denominator == 1:
            return iv.mpf(v.numerator)
        return iv.mpf(v.numerator) / v.denominator
    return v


def lo_hi(v: Val):
    """The endpoints of an interval as mpf."""
    a, b = v._mpi_
    return mpmath.mp.make_mpf(a), mpmath.mp.make_mpf(b)


def sign(v: Val) -> int:
    """-1, 0 or 1; :class:`Imprecise` when the interval contains 0 and is not {0}."""
    if isinstance(v, Fraction):
        return (v > 0) - (v < 0)
    a, b = lo_hi(v)
    if a > 0:
        return 1
    if b < 0:
        return -1
    if a == 0 and b == 0:
        return 0
    if not (mpmath.isfinite(a) and mpmath.isfinite(b)) and a < 0 < b:
        raise Imprecise()
    raise Imprecise()


def _big(f: Fraction) -> bool:
    return (
        f.numerator.bit_length() > _MAX_EXACT_BITS or f.denominator.bit_length() > _MAX_EXACT_BITS
    )


def _exact(v: Fraction) -> Val:
    return to_iv(v) if _big(v) else v


def _add(vals: list[Val]) -> Val:
    exact = [v for v in vals if isinstance(v, Fraction)]
    inexact = [v for v in vals if not isinstance(v, Fraction)]
    total = sum(exact, Fraction(0))
    if not inexact:
        return _exact(total)
    acc = to_iv(total)
    for v in inexact:
        acc = acc + v
    return acc


def _mul(vals: list[Val]) -> Val:
    prod = Fraction(1)
    inexact = []
    for v in vals:
        if isinstance(v, Fraction):
            if v == 0:
                return Fraction(0)
            prod *= v
        else:
            inexact.append(v)
    if not inexact:
        return _exact(prod)
    acc = to_iv(prod)
    for v in inexact:
        acc = acc * v
    return acc


def _root(n: int, q: int) -> int | None:
    """The exact integer q-th root of n >= 0, or None."""
    r = round(n ** (1.0 / q)) if n < 2**1000 else None
    if r is None:
        return None
    for c in (r - 1, r, r + 1):
        if c >= 0 and c**q == n:
            return c
    return None


def _pow_int(b: Val, n: int) -> Val:
    if isinstance(b, Fraction):
        if b == 0:
            if n < 0:
                raise Undefined("division by zero")
            return Fraction(1) if n == 0 else Fraction(0)
        bits = max(b.numerator.bit_length(), b.denominator.bit_length())
        if bits * abs(n) <= _MAX_EXACT_BITS:
            return b**n
        return to_iv(b) ** n
    if n < 0 and sign(b) == 0:
        raise Undefined("division by zero")
    if n == 0:
        return Fraction(1)
    if n % 2 == 0:  # an even power is >= 0 even when the interval straddles 0
        r = abs(b) ** n
        return r
    return b**n


#: symbols that stand for generic real values (see :func:`generic`): a negative base
#: to a power that varies with them is undefined (an odd-denominator rational exponent
#: is a thin set of such values, dense but with no interior)
_GENERIC: set = set()


class generic:
    """Within the block, ``symbols`` stand for generic (irrational) real values."""

    def __init__(self, symbols):
        self.symbols = set(symbols)

    def __enter__(self):
        self.saved = set(_GENERIC)
        _GENERIC.clear()
        _GENERIC.update(self.symbols)

    def __exit__(self, *exc):
        _GENERIC.clear()
        _GENERIC.update(self.saved)


def _pow(b: Val, e: Val, varying: frozenset = frozenset()) -> Val:
    if isinstance(e, Fraction) and e.denominator == 1:
        return _pow_int(b, e.numerator)
    s = sign(b)
    if s == 0:
        se = sign(e)
        if se > 0:
            return Fraction(0)
        raise Undefined("0 to a non-positive power")
    if isinstance(e, Fraction):
        p, q = e.numerator, e.denominator
        if s < 0:
            if q % 2 == 0:
                raise Undefined("a negative number to a power with an even denominator")
            if varying and not varying.isdisjoint(_GENERIC):
                raise Undefined("a negative number to a generic real power")
            mag = _pow(-b if isinstance(b, Fraction) else abs(b), e, varying)
            return -mag if p % 2 else mag
        if isinstance(b, Fraction) and q <= 64:
            rn, rd = _root(b.numerator, q), _root(b.denominator, q)
            if rn is not None and rd is not None:
                return _pow_int(Fraction(rn, rd), p)
        if abs(e) > 10**6 and isinstance(b, Fraction):
            _check_exp_size(math.log(abs(b.numerator)) - math.log(b.denominator), float(e))
        return iv.power(to_iv(b), to_iv(e))
    if s < 0:
        raise Undefined("a negative number to a non-rational power")
    # b > 0, inexact exponent: b^e = exp(e log b)
    lb = iv.log(to_iv(b))
    return _exp(lb * e)


def _check_exp_size(logb: float, e: float) -> None:
    if abs(logb * e) > _MAX_EXP_ARG:
        raise TooLarge("a power too large to evaluate")


def _exp(x: Val) -> Val:
    if isinstance(x, Fraction):
        if x == 0:
            return Fraction(1)
        if abs(x) > _MAX_EXP_ARG:
            raise TooLarge("exp of a huge argument")
        return iv.exp(to_iv(x))
    a, b = lo_hi(x)
    if not (mpmath.isfinite(a) and mpmath.isfinite(b)) or max(abs(a), abs(b)) > _MAX_EXP_ARG:
        raise TooLarge("exp of a huge argument")
    return iv.exp(x)


def _log(x: Val) -> Val:
    if sign(x) <= 0:
        raise Undefined("log of a non-positive number")
    if isinstance(x, Fraction) and x == 1:
        return Fraction(0)
    return iv.log(to_iv(x))


def _monotone(fn_name: str, x: Val, increasing: bool, lo=None, hi=None) -> Val:
    """A monotone function without interval support: mpmath on both endpoints, widened."""
    xi = to_iv(x)
    a, b = lo_hi(xi)
    if lo is not None and (a < lo or b > hi):
        if b < lo or a > hi:
            raise Undefined(f"{fn_name} outside its domain")
        raise Imprecise()
    prec = iv.prec
    with mpmath.workprec(prec + 20):
        f = getattr(mpmath, fn_name)
        fa, fb = f(a), f(b)
        if not increasing:
            fa, fb = fb, fa
        pad_a = abs(fa) * mpmath.mpf(2) ** (-prec + 4) + mpmath.mpf(2) ** (-prec - 10)
        pad_b = abs(fb) * mpmath.mpf(2) ** (-prec + 4) + mpmath.mpf(2) ** (-prec - 10)
        return iv.mpf([fa - pad_a, fb + pad_b])


def _compare_pick(vals: list[Val], biggest: bool) -> Val:
    if all(isinstance(v, Fraction) for v in vals):
        return max(vals) if biggest else min(vals)
    ends = [lo_hi(to_iv(v)) for v in vals]
    pick = max if biggest else min
    return iv.mpf([pick(a for a, _ in ends), pick(b for _, b in ends)])


def _const(value: Fraction) -> Fn:
    return lambda env: value


def compile_expr(expr: sp.Expr) -> Fn:
    """A function env -> value (Fraction or interval); env maps symbols to Fractions.

    Raises :class:`Undefined`, :class:`Imprecise` or :class:`TooLarge` when called
    (see the module docstring); :class:`Unsupported` here for what it cannot evaluate.
    """
    if expr.is_Symbol:

        def sym(env, s=expr):
            try:
                return env[s]
            except KeyError:
                raise Unsupported(f"no value for {s}") from None

        return sym
    if expr.is_Rational:
        return _const(Fraction(int(expr.p), int(expr.q)))
    if expr.is_Float:
        return _const(Fraction(str(expr)))
    if expr is sp.pi:
        return lambda env: +iv.pi
    if expr is sp.E:
        return lambda env: +iv.e
    if expr in (sp.zoo, sp.nan, sp.oo, -sp.oo):
        return _undefined
    if isinstance(expr, sp.Add):
        fs = [compile_expr(a) for a in expr.args]
        return lambda env: _add([f(env) for f in fs])
    if isinstance(expr, sp.Mul):
        fs = [compile_expr(a) for a in expr.args]

        def mul(env):
            vals = [f(env) for f in fs]
            return _mul(vals)

        return mul
    if isinstance(expr, sp.Pow):
        fb, fe = compile_expr(expr.args[0]), compile_expr(expr.args[1])
        varying = frozenset(expr.args[1].free_symbols)
        return lambda env: _pow(fb(env), fe(env), varying)
    if isinstance(expr, sp.exp):
        f = compile_expr(expr.args[0])
        return lambda env: _exp(f(env))
    if isinstance(expr, sp.log):
        if len(expr.args) != 1:
            raise Unsupported("log with a base")
        f = compile_expr(expr.args[0])
        return lambda env: _log(f(env))
    if isinstance(expr, sp.Abs):
        f = compile_expr(expr.args[0])
        return lambda env: abs(f(env))
    if isinstance(expr, sp.sign):
        f = compile_expr(expr.args[0])
        return lambda env: Fraction(sign(f(env)))
    if isinstance(expr, sp.Max | sp.Min):
        fs = [compile_expr(a) for a in expr.args]
        biggest = isinstance(expr, sp.Max)
        return lambda env: _compare_pick([f(env) for f in fs], biggest)
    if isinstance(expr, sp.factorial):
        f = compile_expr(expr.args[0])
        return lambda env: _factorial(f(env))
    if isinstance(expr, sp.Sum):
        return _compile_sum(expr)
    if isinstance(expr, sp.Piecewise):
        return _compile_piecewise(expr)
    if isinstance(expr, sp.sin | sp.cos):
        f = compile_expr(expr.args[0])
        op = iv.sin if isinstance(expr, sp.sin) else iv.cos

        def trig(env):
            x = f(env)
            if isinstance(x, Fraction) and x == 0:
                return Fraction(0) if op is iv.sin else Fraction(1)
            return op(to_iv(x))

        return trig
    if isinstance(expr, sp.tan):
        f = compile_expr(expr.args[0])

        def tan(env):
            x = to_iv(f(env))
            c = iv.cos(x)
            if sign(c) == 0:
                raise Undefined("tan where cos = 0")
            return iv.sin(x) / c

        return tan
    if isinstance(expr, sp.sinh | sp.cosh | sp.tanh):
        f = compile_expr(expr.args[0])
        kind = type(expr).__name__

        def hyp(env):
            x = f(env)
            if isinstance(x, Fraction) and x == 0:
                return Fraction(1) if kind == "cosh" else Fraction(0)
            ep, em = _exp(x), _exp(-x)
            if kind == "sinh":
                return (ep - em) / 2
            if kind == "cosh":
                return (ep + em) / 2
            return (ep - em) / (ep + em)

        return hyp
    if isinstance(expr, sp.atan | sp.asin | sp.acos):
        f = compile_expr(expr.args[0])
        name = type(expr).__name__
        bounded = name != "atan"

        def inv(env):
            x = f(env)
            if isinstance(x, Fraction):
                if bounded and abs(x) > 1:
                    raise Undefined(f"{name} outside [-1, 1]")
                if x == 0 and name != "acos":
                    return Fraction(0)
            one = mpmath.mpf(1)
            return _monotone(
                name,
                x,
                name != "acos",
                -one if bounded else None,
                one if bounded else None,
            )

        return inv
    raise Unsupported(f"cannot evaluate {type(expr).__name__}")


def _compile_piecewise(expr: sp.Piecewise) -> Fn:
    """The first piece whose condition holds; undefined where none does (or where a
    condition itself has no real value)."""
    pieces = [(compile_expr(e), _compile_condition(c)) for e, c in expr.args]

    def piecewise(env):
        for value, cond in pieces:
            if cond(env):
                return value(env)
        raise Undefined("outside the region where the expression is defined")

    return piecewise


_COMPARE = {
    sp.StrictGreaterThan: lambda s: s > 0,
    sp.GreaterThan: lambda s: s >= 0,
    sp.StrictLessThan: lambda s: s < 0,
    sp.LessThan: lambda s: s <= 0,
    sp.Equality: lambda s: s == 0,
    sp.Unequality: lambda s: s != 0,
}


def _compile_condition(cond: sp.Basic) -> Callable[[dict], bool]:
    """A condition of a Piecewise (relations of real expressions, And, Or, Not)."""
    if cond is sp.true:
        return lambda env: True
    if cond is sp.false:
        return lambda env: False
    if isinstance(cond, sp.And | sp.Or):
        parts = [_compile_condition(c) for c in cond.args]
        every = isinstance(cond, sp.And)
        if every:
            return lambda env: all(p(env) for p in parts)
        return lambda env: any(p(env) for p in parts)
    if isinstance(cond, sp.Not):
        inner = _compile_condition(cond.args[0])
        return lambda env: not inner(env)
    test = _COMPARE.get(type(cond))
    if test is None:
        raise Unsupported(f"cannot evaluate the condition {type(cond).__name__}")
    fa, fb = compile_expr(cond.lhs), compile_expr(cond.rhs)

    def compare(env):
        a, b = fa(env), fb(env)
        d = a - b if isinstance(a, Fraction) and isinstance(b, Fraction) else to_iv(a) - to_iv(b)
        return test(sign(d))

    return compare


def _undefined(env):
    raise Undefined("infinite or undefined")


def _factorial(x: Val) -> Val:
    if not isinstance(x, Fraction):
        raise Unsupported("factorial of an inexact number")
    if x.denominator != 1 or x < 0:
        raise Undefined("factorial of a negative or non-integer number")
    if x > 3000:
        raise TooLarge("factorial too large to evaluate")
    return Fraction(math.factorial(int(x)))


def _hurwitz(body: sp.Expr, var: sp.Symbol):
    """(c, p) when body = c * var**p with c free of var, else None."""
    c, rest = body.as_independent(var, as_Add=False)
    if rest == var:
        return c, sp.Integer(1)
    if isinstance(rest, sp.Pow) and rest.base == var and not rest.exp.has(var):
        return c, rest.exp
    return None


def _padded(x) -> Val:
    pad = abs(x) * mpmath.mpf(2) ** (-iv.prec + 8) + mpmath.mpf(2) ** (-iv.prec * 2)
    return iv.mpf([x - pad, x + pad])


def _power_sum(p: Val, a: int, b: int) -> Val:
    if not isinstance(p, Fraction):
        raise Unsupported("a long sum with an inexact exponent")
    with mpmath.workprec(iv.prec + 40):
        if p == -1:
            hi, lo = mpmath.digamma(b + 1), mpmath.digamma(a)
        else:
            s = -mpmath.mpf(p.numerator) / p.denominator
            hi, lo = mpmath.zeta(s, a), mpmath.zeta(s, b + 1)
        return _padded(hi) - _padded(lo)


def _compile_sum(expr: sp.Sum) -> Fn:
    body = compile_expr(expr.function)
    (var, lo, hi), *rest = expr.limits
    if rest:
        raise Unsupported("nested Sum limits")
    flo, fhi = compile_expr(lo), compile_expr(hi)
    power = _hurwitz(expr.function, var)
    fc = fp = None
    if power is not None:
        fc, fp = compile_expr(power[0]), compile_expr(power[1])

    def sum_(env):
        a, b = flo(env), fhi(env)
        if not (isinstance(a, Fraction) and isinstance(b, Fraction)):
            raise Unsupported("inexact summation bounds")
        if a.denominator != 1 or b.denominator != 1:
            raise Undefined("non-integer summation bounds")
        a, b = int(a), int(b)
        if b < a:
            return Fraction(0)
        if b - a >= MAX_SUM_TERMS:
            if power is None or a < 1:
                raise TooLarge("sum too long to evaluate")
            # sum_{k=a}^{b} k^p = zeta(-p, a) - zeta(-p, b + 1) (Hurwitz; for p = -1 the
            # digamma difference), by mpmath at extra precision, widened by a margin
            p, c = fp(env), fc(env)
            return _mul([c, _power_sum(p, a, b)])
        inner = dict(env)
        terms = []
        for i in range(a, b + 1):
            inner[var] = Fraction(i)
            terms.append(body(inner))
        return _add(terms)

    return sum_


__all__ = [
    "MAX_SUM_TERMS",
    "Fn",
    "Imprecise",
    "TooLarge",
    "Undefined",
    "Unsupported",
    "compile_expr",
    "lo_hi",
    "sign",
    "to_iv",
]


def evaluate(fn: Fn, point: dict, dps: int):
    """``fn`` at an exact rational point as an mpf with about ``dps`` digits; None where
    it is undefined or cannot be evaluated (an interval's midpoint when inexact)."""
    old = iv.prec
    iv.prec = int(dps * 3.33) + 16
    try:
        env = {s: (v if isinstance(v, Fraction) else Fraction(v)) for s, v in point.items()}
        v = fn(env)
    except (Undefined, ZeroDivisionError, Imprecise, TooLarge, OverflowError):
        return None
    finally:
        iv.prec = old
    with mpmath.workdps(dps):
        if isinstance(v, Fraction):
            return mpmath.mpf(v.numerator) / v.denominator
        a, b = lo_hi(v)
        if not (mpmath.isfinite(a) and mpmath.isfinite(b)):
            return None
        return +((a + b) / 2)


__all__ += ["evaluate"]
