"""Construction of SymPy objects from parsed pieces, shared by both parsers.

Every operation that could run away (powers of numbers, factorials, expanding a
sum) is checked against :mod:`derivations.parsing.limits` before SymPy sees it.
"""

from __future__ import annotations

import math
import re

import sympy as sp
from adaproof.derivations.parsing.limits import (
    MAX_BITS,
    MAX_EXPONENT,
    MAX_FACTORIAL,
    MAX_SUM_TERMS,
    ParseError,
)
from adaproof.derivations.parsing.notation import Scope

#: functions a user may call, by the names they may use
FUNCTIONS = {
    "sqrt": "sqrt",
    "abs": "abs",
    "Abs": "abs",
    "log": "log",
    "ln": "log",
    "exp": "exp",
    "max": "max",
    "Max": "max",
    "min": "min",
    "Min": "min",
    "factorial": "factorial",
    "sign": "sign",
    "sgn": "sign",
}

_NUMBER_RE = re.compile(r"^(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$|^\.(\d+)(?:[eE]([+-]?\d+))?$")
_IDX_PREFIX = "IDX_"
#: spellings whose meaning is the notation table's, not the letter's: said when used
_ALIAS_SAID = {
    "b": "β",
    "eta": "the learning rate α",
    "lr": "the learning rate α",
    "sd": "σ",
}


class Builder:
    """Builds SymPy expressions for one parse, within the limits."""

    def __init__(self, scope: Scope):
        self.scope = scope
        self.bound: dict[str, sp.Symbol] = {}
        #: readings chosen where another was possible ("read 'bc' as b·c"), in order
        self.readings: list[str] = []
        #: subscript of each indexed name made here (x_k -> k), for \nabla f(x_k)
        self.index_of: dict[sp.Expr, sp.Expr] = {}
        #: terms written out so far by sums and products with numeric bounds (nested ones add up)
        self.expanded = 0
        #: where the expression as written is defined, met while building the current piece:
        #: ("ge" | "gt" | "ne", e) for e >= 0, e > 0, e != 0 (see :meth:`finish`)
        self.conditions: list[tuple[str, sp.Expr]] = []
        #: summation variables made here (a condition on one is the sum's, not the side's)
        self.sum_symbols: set[sp.Symbol] = set()

    def _expand(self, n: int, token: str, pos: int | None) -> None:
        self.expanded += n
        if self.expanded > 10 * MAX_SUM_TERMS:
            raise ParseError(
                f"sums and products write out too many terms (at most {10 * MAX_SUM_TERMS})",
                token=token,
                position=pos,
            )

    def read(self, message: str) -> None:
        """Record a reading chosen where another was possible (said once)."""
        if message not in self.readings:
            self.readings.append(message)

    # -- leaves -------------------------------------------------------------
    def number(self, text: str, pos: int | None) -> sp.Rational:
        """An exact number: ``0.9`` is 9/10, ``1e-8`` is 1/10**8."""
        text = text.replace("_", "")
        m = _NUMBER_RE.match(text)
        if not m:
            raise ParseError("not a number", token=text, position=pos)
        exp = m.group(3) or m.group(5)
        if exp is not None and abs(int(exp)) > 400:
            raise ParseError("number out of range (exponent above 400)", token=text, position=pos)
        if len(text) > 400:
            raise ParseError("number has too many digits", token=text, position=pos)
        return sp.Rational(text)

    def name(self, name: str, pos: int | None) -> sp.Expr:
        if name in self.bound:
            return self.bound[name]
        if name == "pi" and "pi" not in self.scope.defined:
            self.read("read 'pi' as the number π")
        digits = re.search(r"_?\{?(\d+)\}?$", name)
        said = _ALIAS_SAID.get(name[: digits.start()] if digits else name)
        if said and name not in self.scope.defined and self.scope.allowed is None:
            # a target names its symbols; a free-standing relation may mean a plain letter
            self.read(f"read '{name}' as {said}{digits.group(1) if digits else ''}")
        m = re.fullmatch(r"([A-Za-z]+)_([A-Za-z])", name)
        if m and m.group(2) in self.bound:  # g_k under sum(..., (k, a, b))
            return self.indexed(m.group(1), self.bound[m.group(2)], pos, name)
        return self.scope.resolve(name, pos)

    def indexed(self, base: str, sub: sp.Expr, pos: int | None, label: str) -> sp.Expr:
        """``g_k``, ``m_{t-1}``: a name whose index is an expression.

        A numeric index is folded into the name (``g_{1+1}`` is ``g2``); an index
        that uses a summation variable is kept until the sum is expanded.
        """
        if not re.fullmatch(r"[A-Za-z]{1,8}", base):
            raise ParseError("invalid indexed name", token=label, position=pos)
        if sub.is_Integer:
            if sub < 0 or sub > 10**4:
                raise ParseError("index out of range", token=label, position=pos)
            return self.name(f"{base}{int(sub)}", pos)
        bound = set(self.bound.values())
        if sub.free_symbols & bound:
            return sp.Function(_IDX_PREFIX + base)(sub)
        return self.scope.opaque(f"{base}_{{{sp.sstr(sub)}}}", pos)

    def subscripted(self, base: str, sub: sp.Expr, pos: int | None) -> sp.Expr:
        """``g_1``, ``m_{t-1}``, ``\\hat{m}_t``: a name with a subscript expression."""
        if sub.is_Integer:
            if sub < 0 or sub > 10**4:
                raise ParseError("index out of range", token=f"{base}_{sub}", position=pos)
            out = self.name(f"{base}{int(sub)}", pos)
            self.index_of.setdefault(out, sub)
            return out
        bound = set(self.bound.values())
        if sub.free_symbols & bound:
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,15}", base):
                raise ParseError("invalid indexed name", token=base, position=pos)
            return sp.Function(_IDX_PREFIX + base)(sub)
        out = self.label_name(f"{base}_{{{sp.sstr(sub)}}}", pos)
        self.index_of.setdefault(out, sub)
        return out

    def label_name(self, label: str, pos: int | None) -> sp.Expr:
        """A name whose subscript is not a number (``m_{t-1}``, ``w_{star}``): claims only."""
        if len(label) > 48 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_{}()+\-*/:, ]*", label):
            raise ParseError("invalid name", token=label, position=pos)
        return self.scope.opaque(label, pos)

    def opaque_function(self, name: str, args: list[sp.Expr], pos: int | None) -> sp.Expr:
        """``E[x]``, ``Var(x)``, ``f(x)``: a function the algebra knows nothing about (claims)."""
        if self.scope.allowed is not None:
            raise ParseError(
                f"'{name}(…)' is not a symbol of {self.scope.describe or 'this target'}",
                token=name,
                position=pos,
            )
        label = re.sub(r"[^A-Za-z0-9_]", "", name.replace("{", "_").replace("}", ""))
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,31}", label or ""):
            raise ParseError("invalid function name", token=name, position=pos)
        if len(args) > 8:
            raise ParseError("too many arguments", token=name, position=pos)
        return sp.Function(label, real=True)(*args)

    def gradient(self, index: sp.Expr | None, pos: int | None) -> sp.Expr:
        """The gradient of a step: ``g`` or ``g_index`` (``\\nabla w_t``, ``\\nabla f(x_k)``)."""
        if index is None:
            return self.name("g", pos)
        return self.subscripted("g", index, pos)

    def limit(self, body: sp.Expr, var: sp.Symbol, to: sp.Expr, pos: int | None) -> sp.Expr:
        """``\\lim_{var -> to} body`` (evaluated by SymPy where it can, else kept as a Limit)."""
        if to not in (sp.oo, -sp.oo) and not (to.is_number and to.is_finite):
            raise ParseError("a limit point must be a number or ∞", token="lim", position=pos)
        return sp.Limit(body, var, to, "-" if to == sp.oo else "+-" if to != -sp.oo else "+")

    # -- operations ---------------------------------------------------------
    def power(self, base: sp.Expr, exp: sp.Expr, pos: int | None, token: str = "^") -> sp.Expr:
        if exp.is_number and exp.is_Integer:
            if abs(int(exp)) > MAX_EXPONENT:
                raise ParseError(
                    f"integer exponent too large (|n| <= {MAX_EXPONENT})",
                    token=_short(exp),
                    position=pos,
                )
            if base.is_Rational and base != 0:
                p, q = abs(base.p), base.q
                bits = (p.bit_length() + q.bit_length()) * abs(int(exp))
                if bits > MAX_BITS:
                    raise ParseError("power of a number too large", token=token, position=pos)
        elif exp.is_number and not exp.is_Rational:
            pass
        if base == 0 and exp.is_number and exp.is_negative:
            raise ParseError("division by zero", token=token, position=pos)
        if exp.is_number and exp.is_real:
            if exp.is_negative:
                self.conditions.append(("ne", base))
            if not exp.is_Integer and (not exp.is_Rational or exp.q % 2 == 0):
                # an even root (or an irrational power) of a negative number has no real value
                self.conditions.append(("gt" if exp.is_negative else "ge", base))
        return sp.Pow(base, exp)

    def divide(self, a: sp.Expr, b: sp.Expr, pos: int | None) -> sp.Expr:
        if b == 0:
            raise ParseError("division by zero", token="/", position=pos)
        self.conditions.append(("ne", b))
        return a / b

    def call(self, fname: str, args: list[sp.Expr], pos: int | None) -> sp.Expr:
        kind = FUNCTIONS.get(fname)
        if kind is None:
            raise ParseError(
                "unknown function (allowed: sqrt, abs, log, exp, max, min, sign, factorial, sum)",
                token=fname,
                position=pos,
            )
        nargs = {"max": None, "min": None}.get(kind, 1)
        if nargs is None:
            if len(args) < 2:
                raise ParseError(f"{fname} needs at least two arguments", token=fname, position=pos)
        elif len(args) != nargs:
            raise ParseError(f"{fname} takes one argument", token=fname, position=pos)
        (a, *_) = args
        if kind == "sqrt":
            self.conditions.append(("ge", a))
            return sp.sqrt(a)
        if kind == "abs":
            return sp.Abs(a)
        if kind == "log":
            if a == 0:
                raise ParseError("log(0) is undefined", token=fname, position=pos)
            self.conditions.append(("gt", a))
            return sp.log(a)
        if kind == "exp":
            if a.is_number and a.is_real and a > 10**4:
                raise ParseError("exp argument too large", token=fname, position=pos)
            return sp.exp(a)
        if kind == "sign":
            return sp.sign(a)
        if kind == "max":
            return sp.Max(*args)
        if kind == "min":
            return sp.Min(*args)
        # factorial
        if a.is_number:
            if not a.is_Integer or a < 0:
                raise ParseError(
                    "factorial needs a non-negative integer", token=fname, position=pos
                )
            if a > MAX_FACTORIAL:
                raise ParseError(
                    f"factorial argument too large (at most {MAX_FACTORIAL})",
                    token=fname,
                    position=pos,
                )
        return sp.factorial(a)

    def begin_sum(self, index: str, pos: int | None) -> sp.Symbol:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,15}", index):
            raise ParseError(
                "a summation index is a letter or a Greek letter", token=index, position=pos
            )
        if index in self.bound:
            raise ParseError("summation index already in use", token=index, position=pos)
        sym = sp.Symbol(f"{index}_sum{len(self.bound)}", integer=True)
        self.bound[index] = sym
        self.sum_symbols.add(sym)
        return sym

    def end_sum(
        self, sym: sp.Symbol, index: str, body: sp.Expr, lo: sp.Expr, hi: sp.Expr, pos: int | None
    ) -> sp.Expr:
        del self.bound[index]
        for bound_ in (lo, hi):
            if bound_.is_number and not bound_.is_Integer:
                raise ParseError("summation bounds must be integers", token="sum", position=pos)
        if lo.is_Integer and hi.is_Integer:
            if int(hi) - int(lo) + 1 > MAX_SUM_TERMS:
                raise ParseError(
                    f"sum has too many terms (at most {MAX_SUM_TERMS})", token="sum", position=pos
                )
            self._expand(max(int(hi) - int(lo) + 1, 0) * len(sp.Add.make_args(body)), "sum", pos)
            return sp.Add(
                *[body.xreplace({sym: sp.Integer(i)}) for i in range(int(lo), int(hi) + 1)]
            )
        body = self._open_indexed(body, pos)
        k = sp.Symbol(f"{index}", integer=True)
        return sp.Sum(body.xreplace({sym: k}), (k, lo, hi))

    def end_prod(
        self, sym: sp.Symbol, index: str, body: sp.Expr, lo: sp.Expr, hi: sp.Expr, pos: int | None
    ) -> sp.Expr:
        """Like :meth:`end_sum` for ``\\prod``."""
        del self.bound[index]
        for bound_ in (lo, hi):
            if bound_.is_number and not bound_.is_Integer:
                raise ParseError("product bounds must be integers", token="prod", position=pos)
        if lo.is_Integer and hi.is_Integer:
            if int(hi) - int(lo) + 1 > MAX_SUM_TERMS:
                raise ParseError(
                    f"product has too many factors (at most {MAX_SUM_TERMS})",
                    token="prod",
                    position=pos,
                )
            self._expand(max(int(hi) - int(lo) + 1, 0) * len(sp.Add.make_args(body)), "prod", pos)
            result = sp.Integer(1)
            for i in range(int(lo), int(hi) + 1):
                result = result * body.xreplace({sym: sp.Integer(i)})
                if result.is_Rational and log2_size(result) > MAX_BITS:
                    raise ParseError("product of numbers too large", token="prod", position=pos)
            return result
        body = self._open_indexed(body, pos)
        k = sp.Symbol(f"{index}", integer=True)
        return sp.Product(body.xreplace({sym: k}), (k, lo, hi))

    def _open_indexed(self, body: sp.Expr, pos: int | None) -> sp.Expr:
        """Indexed names under a sum with symbolic bounds: functions of the index (claims)."""
        idx = [
            f
            for f in body.atoms(sp.core.function.AppliedUndef)
            if type(f).__name__.startswith(_IDX_PREFIX)
        ]
        if not idx:
            return body
        if self.scope.allowed is not None:
            raise ParseError(
                "an indexed name under a sum needs numeric bounds", token="sum", position=pos
            )
        reps = {
            f: sp.Function(type(f).__name__[len(_IDX_PREFIX) :], real=True)(*f.args) for f in idx
        }
        return body.xreplace(reps)

    def finish(self, expr: sp.Expr, pos: int | None = None) -> sp.Expr:
        """Resolve indexed names whose index became a number (``g_k`` at k = 2 is ``g2``),
        and keep where the expression as written is defined (:func:`guard`)."""
        expr = self._resolve_indexed(expr, pos)
        conds, self.conditions = self.conditions, []
        conds = [(k, e) for k, e in conds if not (e.free_symbols & self.sum_symbols)]
        return guard(expr, [(k, self._resolve_indexed(e, pos)) for k, e in conds])

    def _resolve_indexed(self, expr: sp.Expr, pos: int | None) -> sp.Expr:
        reps = {}
        for f in expr.atoms(sp.core.function.AppliedUndef):
            name = type(f).__name__
            if not name.startswith(_IDX_PREFIX):
                continue
            base = name[len(_IDX_PREFIX) :]
            (arg,) = f.args
            if not arg.is_Integer:
                raise ParseError(
                    "indexed name with a non-numeric index", token=f"{base}_{arg}", position=pos
                )
            reps[f] = self.name(f"{base}{int(arg)}", pos)
        return expr.xreplace(reps) if reps else expr


def _atoms(kind: str, e: sp.Expr) -> list[tuple[str, sp.Expr]]:
    """A condition split into simple ones: ``2*x*y != 0`` is ``x != 0`` and ``y != 0``;
    ``4*x >= 0`` is ``x >= 0``; a condition implied by the expression's value is dropped."""
    if kind == "ne":
        out = []
        for f in sp.Mul.make_args(e):
            if f.is_number:
                continue
            if isinstance(f, sp.Pow) and f.exp.is_number:
                if f.exp.is_negative:
                    continue  # 1/u is never 0 where it is defined
                f = f.base
            out.append(("ne", f))
        return out
    c, rest = e.as_coeff_Mul()
    if c.is_number and c.is_nonzero and c.is_extended_real:
        e = rest if c.is_positive else -rest
    return [(kind, e)]


def _present(expr: sp.Expr) -> set[tuple[str, sp.Expr]]:
    """The conditions the nodes of ``expr`` impose themselves (its roots, logs, divisions)."""
    out: set[tuple[str, sp.Expr]] = set()
    for node in sp.preorder_traversal(expr):
        found: list[tuple[str, sp.Expr]] = []
        if isinstance(node, sp.Pow) and node.exp.is_number and node.exp.is_real:
            b, x = node.base, node.exp
            if x.is_negative:
                found += _atoms("ne", b)
            if not x.is_Integer and (not x.is_Rational or x.q % 2 == 0):
                found += _atoms("gt" if x.is_negative else "ge", b)
        elif isinstance(node, sp.log) and len(node.args) == 1:
            found += _atoms("gt", node.args[0])
        for kind, e in found:
            out.add((kind, e))
            if kind == "gt":
                out.update({("ge", e), ("ne", e)})
    return out


_RELATION = {"ge": sp.Ge, "gt": sp.Gt, "ne": sp.Ne}


def guard(expr: sp.Expr, conditions: list[tuple[str, sp.Expr]]) -> sp.Expr:
    """``expr`` where the expression as written is defined.

    SymPy simplifies while it builds: ``sqrt(x)**2`` becomes ``x``, ``exp(log(x))``
    becomes ``x``, ``x/x`` becomes ``1``, and the places where the written
    expression has no real value (x < 0, x <= 0, x = 0) are lost. ``conditions``
    are those met while building (``("ge", x)`` for the root of x); the ones that
    no node of ``expr`` still imposes are kept as ``Piecewise((expr, conditions))``,
    undefined where they fail (the decision engine reads it so).

    >>> import sympy as sp
    >>> x = sp.Symbol("x", real=True)
    >>> guard(x, [("ge", x)])
    Piecewise((x, x >= 0))
    >>> guard(sp.sqrt(x), [("ge", x)])
    sqrt(x)
    """
    present = _present(expr)
    lost: list[sp.Basic] = []
    seen: set[tuple[str, sp.Expr]] = set()
    for kind, e in conditions:
        for atom in _atoms(kind, e):
            if atom in present or atom in seen:
                continue
            seen.add(atom)
            try:
                rel = _RELATION[atom[0]](atom[1], 0)
            except TypeError:  # a comparison of a non-real number: no real value
                rel = sp.false
            if rel is sp.true:
                continue
            lost.append(rel)
    if not lost:
        return expr
    return sp.Piecewise((expr, sp.And(*lost)))


def _short(x: sp.Expr) -> str:
    s = str(x)
    if len(s) > 20:
        return f"a number with {len(s)} digits" if s.lstrip("-").isdigit() else s[:20] + "..."
    return s


def log2_size(x: sp.Rational) -> float:
    return math.log2(abs(x.p) + 1) + math.log2(x.q)
