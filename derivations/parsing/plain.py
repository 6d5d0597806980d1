"""Plain-text math (``(1-beta1)*(beta1*g1+g2)/(1-beta1^2)``): Python's ``ast`` walked
against an allowlist that builds SymPy objects directly. Nothing is evaluated.

Accepted: numbers, names (not starting with ``_``), ``+ - * / ** ^``, calls of
the functions in :data:`derivations.parsing.build.FUNCTIONS`, ``sum(expr, (k, a, b))``
and ``g[k]`` for an indexed gradient. Everything else (attributes, strings,
lambdas, comprehensions, keywords, subscripts of anything else) is refused.
"""

from __future__ import annotations

import ast
import re
from keyword import iskeyword

import sympy as sp
from adaproof.derivations.parsing.build import FUNCTIONS, Builder
from adaproof.derivations.parsing.limits import ParseError
from adaproof.derivations.parsing.text import Mapped

#: recursion depth of the walk (binary chains are flattened, so this is real nesting)
_MAX_WALK = 200

_REFUSED = {
    ast.Attribute: "attribute access is not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.Constant: "only numbers are allowed as constants",
    ast.JoinedStr: "strings are not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.List: "lists are not allowed",
    ast.Dict: "dictionaries are not allowed",
    ast.Set: "sets are not allowed",
    ast.Starred: "starred expressions are not allowed",
    ast.NamedExpr: "assignment is not allowed",
    ast.IfExp: "conditional expressions are not allowed",
    ast.BoolOp: "boolean operators are not allowed",
    ast.Compare: "use one relation per line (=, <=, <, >=, >)",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.Slice: "slices are not allowed",
}


class _Walker:
    def __init__(self, m: Mapped, builder: Builder):
        self.m = m
        self.b = builder
        self.depth = 0
        # ast columns are UTF-8 byte offsets; convert to character offsets
        self.byte_to_char: list[int] = []
        for ci, ch in enumerate(m.text):
            self.byte_to_char.extend([ci] * len(ch.encode("utf-8")))
        self.byte_to_char.append(len(m.text))

    def pos(self, node: ast.AST) -> int:
        col = getattr(node, "col_offset", 0)
        col = min(col, len(self.byte_to_char) - 1)
        return self.m.pos(self.byte_to_char[col])

    def token(self, node: ast.AST) -> str:
        start = self.byte_to_char[min(node.col_offset, len(self.byte_to_char) - 1)]
        end_col = getattr(node, "end_col_offset", None)
        end = self.byte_to_char[min(end_col, len(self.byte_to_char) - 1)] if end_col else start + 1
        return self.m.text[start:end]

    def fail(self, message: str, node: ast.AST) -> ParseError:
        return ParseError(message, token=self.token(node), position=self.pos(node))

    def walk(self, node: ast.AST) -> sp.Expr:
        self.depth += 1
        if self.depth > _MAX_WALK:
            raise self.fail("expression nested too deeply", node)
        try:
            return self._walk(node)
        finally:
            self.depth -= 1

    def _walk(self, node: ast.AST) -> sp.Expr:
        if isinstance(node, ast.BinOp):
            return self._binop(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return -self.walk(node.operand)
            if isinstance(node.op, ast.UAdd):
                return self.walk(node.operand)
            raise self.fail("operator not allowed", node)
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool) or not isinstance(v, int | float):
                if isinstance(v, str):
                    raise self.fail("strings are not allowed", node)
                if v is Ellipsis:
                    raise self.fail(
                        "an ellipsis is read only between the terms of a sum "
                        "(a_1 + ... + a_n): write it so, or with sum(…, (k, a, b))",
                        node,
                    )
                raise self.fail("only numbers are allowed as constants", node)
            return self.b.number(self.token(node), self.pos(node))
        if isinstance(node, ast.Name):
            if node.id.startswith("_"):
                raise self.fail("names starting with '_' are not allowed", node)
            if node.id in ("oo", "inf", "infinity"):
                raise self.fail("infinity is allowed only in 'as t -> oo'", node)
            if node.id == "e" and "e" not in self.b.bound:
                self.b.read("read 'e' as Euler's number")
                return sp.E
            return self.b.name(node.id, self.pos(node))
        if isinstance(node, ast.Call):
            return self._call(node)
        if isinstance(node, ast.Subscript):
            return self._subscript(node)
        for typ, msg in _REFUSED.items():
            if isinstance(node, typ):
                raise self.fail(msg, node)
        raise self.fail(f"{type(node).__name__} is not allowed", node)

    def _binop(self, node: ast.BinOp) -> sp.Expr:
        op = node.op
        if isinstance(op, ast.Add | ast.Sub):
            # flatten a + b - c + ... iteratively: long sums are not deep nesting
            whole = node
            terms: list[sp.Expr] = []
            dots: list[tuple[int, ast.AST, bool, bool]] = []  # a + ... + b: where, signs
            plus_after = True
            while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
                plus = isinstance(node.op, ast.Add)
                if isinstance(node.right, ast.Constant) and node.right.value is Ellipsis:
                    dots.append((len(terms), node.right, plus, plus_after))
                else:
                    r = self.walk(node.right)
                    terms.append(r if plus else -r)
                plus_after = plus
                node = node.left
            terms.append(self.walk(node))
            if not dots:
                return sp.Add(*terms)
            return self._ellipsis(whole, terms[::-1], dots)
        if isinstance(op, ast.Mult | ast.Div):
            factors: list[tuple[ast.AST, sp.Expr, bool]] = []
            while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult | ast.Div):
                factors.append((node, self.walk(node.right), isinstance(node.op, ast.Div)))
                node = node.left
            result = self.walk(node)
            for at, f, div in reversed(factors):
                result = self.b.divide(result, f, self.pos(at.right)) if div else result * f
            return result
        if isinstance(op, ast.Pow):
            base = self.walk(node.left)
            exp = self.walk(node.right)
            return self.b.power(base, exp, self.pos(node.right), "^")
        raise self.fail("operator not allowed (use + - * / ^)", node)

    def _ellipsis(self, whole: ast.AST, terms: list[sp.Expr], dots: list) -> sp.Expr:
        """``a_1 + a_2 + ... + a_n`` (terms in written order): the sum it lists."""
        from adaproof.derivations.parsing.ellipsis import fold, refuse

        count, node, plus_before, plus_after = dots[-1]
        where = self.pos(node)
        if len(dots) > 1:
            raise refuse("more than one ellipsis in one sum", where, "...")
        if count == 0:
            raise refuse("no last term after the dots (a series is not read)", where, "...")
        if plus_before != plus_after:
            signs = "{} … {}".format("+" if plus_before else "-", "+" if plus_after else "-")
            raise refuse(f"different signs around the dots ('{signs}')", where, "...")
        letters = set(re.findall(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])", self.m.text))
        at = len(terms) - count
        return fold(
            terms, at, self.b, position=where, text=self.token(whole), taken=letters, token="..."
        )

    def _call(self, node: ast.Call) -> sp.Expr:
        if not isinstance(node.func, ast.Name):
            raise self.fail("only calls of plain function names are allowed", node.func)
        fname = node.func.id
        if node.keywords:
            raise self.fail("keyword arguments are not allowed", node.keywords[0].value)
        if fname.startswith("_"):
            raise self.fail("names starting with '_' are not allowed", node.func)
        if fname in ("sum", "Sum"):
            return self._sum(node)
        args = [self.walk(a) for a in node.args]
        if fname not in FUNCTIONS and self.b.scope.allowed is None:
            if fname in _FUNCTION_LETTERS:
                self.b.read(f"read '{fname}(…)' as a function applied to its argument")
                return self.b.opaque_function(fname, args, self.pos(node.func))
        return self.b.call(fname, args, self.pos(node.func))

    def _sum(self, node: ast.Call) -> sp.Expr:
        spec = node.args[1] if len(node.args) == 2 else None
        if (
            not isinstance(spec, ast.Tuple)
            or len(spec.elts) != 3
            or not isinstance(spec.elts[0], ast.Name)
        ):
            raise self.fail("write a sum as sum(expr, (k, a, b))", node)
        index = spec.elts[0].id
        lo = self.walk(spec.elts[1])
        hi = self.walk(spec.elts[2])
        sym = self.b.begin_sum(index, self.pos(spec.elts[0]))
        body = self.walk(node.args[0])
        return self.b.end_sum(sym, index, body, lo, hi, self.pos(node.func))

    def _subscript(self, node: ast.Subscript) -> sp.Expr:
        if not isinstance(node.value, ast.Name) or node.value.id.startswith("_"):
            raise self.fail("only a name may be indexed, as in g[k]", node)
        sub = self.walk(node.slice)
        return self.b.indexed(node.value.id, sub, self.pos(node), self.token(node))


_TOKEN_RE = re.compile(
    r"(?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<pow>\*\*)|(?P<ws>\s+)|(?P<other>.)"
)
#: names followed by "(" that are calls, not products
_CALLABLE = frozenset(FUNCTIONS) | {"sum", "Sum"}
#: well-known functions this package does not read: a call, refused by name (not a product)
_NOT_READ = frozenset(
    {"sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan", "asin"}
    | {"acos", "atan", "sigmoid", "log2", "log10", "erf", "floor", "ceil", "round", "int"}
    | {"float", "pow", "print", "open", "eval", "exec", "input", "len", "range", "sorted"}
)
#: single letters read as a function when followed by "(" (f(x), h(x))
_FUNCTION_LETTERS = frozenset({"f", "h", "F", "ell", "phi", "psi"})


def implicit_products(m: Mapped, builder: Builder) -> Mapped:
    """Write the products a user leaves implicit (``2x``, ``(a)(b)``, ``b1 g1``,
    ``sigma**2(1-beta)``) and ``|x|`` as ``abs(x)``, keeping the map to the original."""
    out: list[str] = []
    origin: list[int] = []
    prev = None  # kind of the previous significant token: num name close open op
    prev_text = ""
    bars = 0
    last_bar = 0
    said = False

    def emit(s: str, at: int) -> None:
        out.append(s)
        origin.extend([m.pos(at)] * len(s))

    for mt in _TOKEN_RE.finditer(m.text):
        kind = mt.lastgroup
        tok = mt.group()
        at = mt.start()
        if kind == "ws":
            emit(tok, at)
            continue
        if tok == "|":
            opening = prev in (None, "op", "open") or bars == 0
            if opening:
                if prev in ("num", "name", "close"):
                    emit("*", at)
                emit("abs(", at)
                bars += 1
                last_bar = at
                prev, prev_text = "open", "("
            else:
                emit(")", at)
                bars -= 1
                prev, prev_text = "close", ")"
            continue
        if kind in ("num", "name") or tok == "(":
            if prev in ("num", "name", "close"):
                call = (
                    prev == "name"
                    and tok == "("
                    and (
                        prev_text in _CALLABLE
                        or prev_text in _FUNCTION_LETTERS
                        or prev_text.startswith("_")
                        or prev_text in _NOT_READ
                    )
                )
                keyword = iskeyword(prev_text) or (kind == "name" and iskeyword(tok))
                both_numbers = prev == "num" and kind == "num"
                if not call and not both_numbers and not keyword:
                    emit("*", at)
                    if prev == "name" and not said:
                        builder.read("read juxtaposed names as a product (b1 g1 = b1·g1)")
                        said = True
            emit(tok, at)
            if kind in ("num", "name"):
                prev, prev_text = kind, tok
            else:
                prev, prev_text = "open", tok
            continue
        emit(tok, at)
        if tok in ")]":
            prev, prev_text = "close", tok
        elif tok in "([":
            prev, prev_text = "open", tok
        else:
            prev, prev_text = "op", tok
    if bars:
        raise ParseError(
            "expected '|' to close the absolute value", token="|", position=m.pos(last_bar)
        )
    return Mapped("".join(out), tuple(origin), m.end)


def parse_plain(m: Mapped, builder: Builder) -> sp.Expr:
    """Parse one plain-text expression (no relation signs) into a SymPy expression."""
    text = m.text.replace("^", "**")
    if "^" in m.text:
        # rebuild the position map for the rewritten '^' -> '**'
        origin: list[int] = []
        for i, ch in enumerate(m.text):
            origin.extend([m.pos(i)] * (2 if ch == "^" else 1))
        m = Mapped(text, tuple(origin), m.end)
    m = implicit_products(m, builder)
    if not m.text.strip():
        raise ParseError("empty expression", position=m.end)
    last = m.text.rstrip()[-1]
    if last in "+-*/(,":
        raise ParseError(
            "expression ends too early", token=last, position=m.pos(len(m.text.rstrip()) - 1)
        )
    try:
        tree = ast.parse(m.text.strip(), mode="eval")
    except SyntaxError as exc:
        stripped = len(m.text) - len(m.text.lstrip())
        col = max((exc.offset or 1) - 1, 0) + stripped
        col = min(col, len(m.text))
        tok = m.text[col : col + 1] or "end of input"
        hint = " (is a '*' missing?)" if tok[:1].isalnum() or tok == "(" else ""
        raise ParseError(f"invalid syntax{hint}", token=tok, position=m.pos(col)) from None
    except (MemoryError, RecursionError, ValueError):
        raise ParseError("expression too deeply nested or too large", position=0) from None
    stripped = len(m.text) - len(m.text.lstrip())
    if stripped:
        m = m.slice(stripped, len(m.text))
    walker = _Walker(m, builder)
    try:
        return walker.walk(tree.body)
    except RecursionError:
        raise ParseError("expression nested too deeply", position=m.pos(0)) from None
