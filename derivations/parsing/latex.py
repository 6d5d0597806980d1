r"""A LaTeX subset, parsed with a Lark grammar of this package's own.

Accepted: numbers, letters and Greek commands with subscripts and superscripts
(``g_1^2``, ``\beta_1^{t-k}``, ``m_{t-1}``, ``\hat{m}_t``), ``+ - * / \cdot
\times \odot``, implicit multiplication, ``\frac{}{}``, ``\sqrt{}``,
``\sqrt[n]{}``, ``\exp \log \ln \max \min``, ``\left( \right)``, ``\lvert \rvert``,
``\sum_{k=a}^{b}`` and ``n!``. Every other command is refused by name and position.
"""

from __future__ import annotations

import re

import sympy as sp
from adaproof.derivations.parsing.build import Builder
from adaproof.derivations.parsing.limits import ParseError
from adaproof.derivations.parsing.notation import GREEK_COMMANDS
from adaproof.derivations.parsing.text import Mapped

_GREEK_RE = "|".join(sorted(GREEK_COMMANDS, key=len, reverse=True))

GRAMMAR = r"""
?start: sum

?sum: product
    | sum PLUS product   -> add
    | sum MINUS product  -> sub

?product: signed
    | product MUL signed  -> mul
    | product DIV signed  -> div
    | product power       -> mul

?signed: power
    | MINUS signed  -> neg
    | PLUS signed   -> signed_pos

?power: postfix
    | postfix CARET script -> pow

?postfix: atom
    | postfix BANG -> fact

?atom: NUMBER            -> number
    | name
    | "(" sum ")"        -> group
    | "[" sum "]"        -> group
    | "\\{" sum "\\}"    -> group
    | "{" sum "}"        -> group
    | LVERT sum RVERT    -> absval
    | FRAC "{" sum "}" "{" sum "}"   -> frac
    | SQRT "{" sum "}"   -> sqrt
    | SQRT "[" sum "]" "{" sum "}"   -> root
    | FUNC "(" sum ("," sum)* ")"   -> func
    | FUNC "{" sum "}"   -> func
    | SUM "_" "{" LETTERS "=" sum "}" CARET script product -> bigsum

name: base ("_" script)?

base: LETTERS            -> letters
    | GREEK              -> greek
    | HAT "{" LETTERS "}" -> hat
    | HAT LETTERS        -> hat

script: NUMBER           -> script_number
    | LETTERS            -> script_letters
    | GREEK              -> script_greek
    | "{" sum "}"        -> script_group

PLUS: "+"
MINUS: "-"
MUL: "*" | /\\cdot(?![A-Za-z])/ | /\\times(?![A-Za-z])/ | /\\odot(?![A-Za-z])/
DIV: "/"
CARET: "^"
BANG: "!"
LVERT: "⟦"
RVERT: "⟧"
FRAC: /\\[dt]?frac(?![A-Za-z])/
SQRT: /\\sqrt(?![A-Za-z])/
FUNC: /\\(exp|log|ln|max|min)(?![A-Za-z])/
SUM: /\\sum(?![A-Za-z])/
HAT: /\\(hat|widehat)(?![A-Za-z])/
GREEK: /\\(GREEKS)(?![A-Za-z])/
NUMBER: /\d+(\.\d+)?|\.\d+/
LETTERS: /[A-Za-z]+/

%ignore " "
""".replace("GREEKS", _GREEK_RE)

#: commands accepted by the grammar or removed before parsing (without backslash)
KNOWN_COMMANDS = frozenset(
    {"cdot", "times", "odot", "lvert", "rvert", "frac", "dfrac", "tfrac", "sqrt", "exp", "log"}
    | {"ln", "max", "min", "sum", "hat", "widehat", "left", "right", "quad", "qquad"}
    | {"displaystyle", "mathrm", "operatorname", "mathit"}
    | set(GREEK_COMMANDS)
)

_parser = None


def _get_parser():
    global _parser
    if _parser is None:
        from lark import Lark

        _parser = Lark(GRAMMAR, parser="lalr", propagate_positions=False, maybe_placeholders=False)
    return _parser


def _blank(s: str, a: int, b: int) -> str:
    return s[:a] + " " * (b - a) + s[b:]


def _prepare(m: Mapped) -> Mapped:
    r"""Remove layout (``\left``, ``\,``, ``&``, ``\\``, ``\mathrm{}``) keeping positions."""
    s = m.text
    # \left| and \right| are absolute-value bars; other \left( \right) are plain brackets
    s = re.sub(r"\\left\s*\||\\lvert(?![A-Za-z])", lambda x: "⟦" + " " * (len(x.group()) - 1), s)
    s = re.sub(r"\\right\s*\||\\rvert(?![A-Za-z])", lambda x: "⟧" + " " * (len(x.group()) - 1), s)
    for pat in (r"\\left(?![A-Za-z])", r"\\right(?![A-Za-z])", r"\\[,;:! ]", r"\\\\", r"&"):
        s = re.sub(pat, lambda x: " " * len(x.group()), s)
    s = re.sub(r"\\(displaystyle|quad|qquad)(?![A-Za-z])", lambda x: " " * len(x.group()), s)
    # \mathrm{lr}, \operatorname{...}: keep the letters, drop the wrapper
    s = re.sub(
        r"\\(mathrm|operatorname|mathit)\{([A-Za-z0-9]*)\}",
        lambda x: " " * (len(x.group(1)) + 2) + x.group(2) + " ",
        s,
    )
    for cmd in re.finditer(r"\\([A-Za-z]+)", s):
        if cmd.group(1) not in KNOWN_COMMANDS or cmd.group(1) in {"mathrm", "operatorname"}:
            raise ParseError(
                "unknown LaTeX command", token=cmd.group(), position=m.pos(cmd.start())
            )
    for bad in re.finditer(r"\\[^A-Za-z{}]|\\$", s):
        raise ParseError("unknown LaTeX command", token=bad.group(), position=m.pos(bad.start()))
    bar = s.find("|")
    if bar >= 0:
        raise ParseError(
            "write absolute values as \\left| x \\right|", token="|", position=m.pos(bar)
        )
    return Mapped(s, m.origin, m.end)


class _Walker:
    def __init__(self, m: Mapped, b: Builder):
        self.m = m
        self.b = b
        self.depth = 0

    def pos(self, tok) -> int | None:
        p = getattr(tok, "start_pos", None)
        return self.m.pos(p) if p is not None else None

    def first_pos(self, tree) -> int | None:
        from lark import Token

        if isinstance(tree, Token):
            return self.pos(tree)
        for ch in tree.children:
            p = self.first_pos(ch)
            if p is not None:
                return p
        return None

    def walk(self, tree) -> sp.Expr:
        self.depth += 1
        if self.depth > 200:
            raise ParseError("expression nested too deeply", position=self.first_pos(tree))
        try:
            return getattr(self, "_" + tree.data)(tree)
        finally:
            self.depth -= 1

    def _ops(self, tree, op):
        """Flatten left-nested chains of the same kind iteratively."""
        items = []
        node = tree
        while not isinstance(node, str) and getattr(node, "data", None) in op:
            items.append(node)
            node = node.children[0]
        return node, list(reversed(items))

    def _add(self, tree):
        head, chain = self._ops(tree, ("add", "sub"))
        terms = [self.walk(head)]
        for node in chain:
            r = self.walk(node.children[-1])
            terms.append(r if node.data == "add" else -r)
        return sp.Add(*terms)

    _sub = _add

    def _mul(self, tree):
        head, chain = self._ops(tree, ("mul", "div"))
        result = self.walk(head)
        for node in chain:
            r = self.walk(node.children[-1])
            if node.data == "div":
                result = self.b.divide(result, r, self.pos(node.children[1]))
            else:
                result = result * r
        return result

    _div = _mul

    def _neg(self, tree):
        return -self.walk(tree.children[1])

    def _signed_pos(self, tree):
        return self.walk(tree.children[1])

    def _pow(self, tree):
        base = self.walk(tree.children[0])
        exp = self.walk(tree.children[2])
        return self.b.power(base, exp, self.pos(tree.children[1]), "^")

    def _fact(self, tree):
        return self.b.call("factorial", [self.walk(tree.children[0])], self.pos(tree.children[1]))

    def _number(self, tree):
        tok = tree.children[0]
        return self.b.number(str(tok), self.pos(tok))

    def _group(self, tree):
        return self.walk(tree.children[0])

    def _absval(self, tree):
        return sp.Abs(self.walk(tree.children[1]))

    def _frac(self, tree):
        num = self.walk(tree.children[1])
        den = self.walk(tree.children[2])
        return self.b.divide(num, den, self.pos(tree.children[0]))

    def _sqrt(self, tree):
        return sp.sqrt(self.walk(tree.children[1]))

    def _root(self, tree):
        n = self.walk(tree.children[1])
        if not (n.is_Integer and 2 <= n <= 100):
            raise ParseError(
                "root index must be an integer 2..100",
                token="\\sqrt",
                position=self.pos(tree.children[0]),
            )
        return self.b.power(self.walk(tree.children[2]), 1 / n, self.pos(tree.children[0]))

    def _func(self, tree):
        tok = tree.children[0]
        args = [self.walk(c) for c in tree.children[1:]]
        return self.b.call(str(tok)[1:], args, self.pos(tok))

    def _bigsum(self, tree):
        tok, index_tok, lo_t, _caret, hi_t, body_t = tree.children
        lo = self.walk(lo_t)
        hi = self.walk(hi_t)
        index = str(index_tok)
        sym = self.b.begin_sum(index, self.pos(index_tok))
        body = self.walk(body_t)
        return self.b.end_sum(sym, index, body, lo, hi, self.pos(tok))

    # -- names ------------------------------------------------------------
    def _base(self, tree) -> tuple[str, int | None]:
        tok = tree.children[-1]
        if tree.data == "letters":
            return str(tok), self.pos(tok)
        if tree.data == "greek":
            return str(tok)[1:], self.pos(tok)
        return str(tok) + "_hat", self.pos(tree.children[0])  # \hat{m} -> m_hat

    def _name(self, tree):
        base, pos = self._base(tree.children[0])
        if len(tree.children) == 1:
            return self._letters_name(base, pos)
        script = tree.children[1]
        if script.data == "script_number":
            digits = str(script.children[0])
            if not digits.isdigit():
                raise ParseError("subscript must be an integer", token=digits, position=pos)
            return self.b.name(f"{base}{int(digits)}", pos)
        sub = self.walk(script)
        label = f"{base}_{{{sp.sstr(sub)}}}"
        if sub.is_Integer:
            return self.b.name(f"{base}{int(sub)}", pos)
        return (
            self.b.indexed(base, sub, pos, label)
            if base.isalpha()
            else self.b.scope.opaque(label, pos)
        )

    def _letters_name(self, word: str, pos: int | None) -> sp.Expr:
        """A run of letters: a known word (``lr``, ``eps``) or a product of letters."""
        if len(word) == 1 or word in self.b.bound:
            return self.b.name(word, pos)
        try:
            return self.b.name(word, pos)
        except ParseError:
            pass
        result = sp.Integer(1)
        for i, ch in enumerate(word):
            result *= self.b.name(ch, None if pos is None else pos + i)
        return result

    def _script_number(self, tree):
        return self.b.number(str(tree.children[0]), self.pos(tree.children[0]))

    def _script_letters(self, tree):
        tok = tree.children[0]
        return self._letters_name(str(tok), self.pos(tok))

    def _script_greek(self, tree):
        tok = tree.children[0]
        return self.b.name(str(tok)[1:], self.pos(tok))

    def _script_group(self, tree):
        return self.walk(tree.children[0])


def parse_latex(m: Mapped, builder: Builder) -> sp.Expr:
    """Parse one LaTeX expression (no relation signs) into a SymPy expression."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput

    m = _prepare(m)
    if not m.text.strip():
        raise ParseError("empty expression", position=m.end)
    try:
        tree = _get_parser().parse(m.text)
    except UnexpectedEOF:
        raise ParseError("expression ends too early", position=m.end) from None
    except UnexpectedCharacters as exc:
        tok = m.text[exc.pos_in_stream : exc.pos_in_stream + 1]
        raise ParseError(
            "unexpected character", token=tok, position=m.pos(exc.pos_in_stream)
        ) from None
    except UnexpectedInput as exc:
        tok = getattr(exc, "token", None)
        p = getattr(tok, "start_pos", None)
        if tok is not None and getattr(tok, "type", "") == "$END":
            raise ParseError("expression ends too early", position=m.end) from None
        raise ParseError(
            "unexpected token",
            token=str(tok) if tok is not None else None,
            position=m.pos(p) if p is not None else None,
        ) from None
    except RecursionError:
        raise ParseError("expression nested too deeply", position=0) from None
    walker = _Walker(m, builder)
    try:
        return walker.walk(tree)
    except RecursionError:
        raise ParseError("expression nested too deeply", position=0) from None
