r"""The LaTeX the course writes, read by a recursive-descent parser of this package's own.

Read: numbers; every Greek letter (``\tau``, ``\ell``, ``\varepsilon``, ``\Delta``); letters
with subscripts and superscripts (``g_1^2``, ``\beta_1^{t-k}``, ``m_{t-1}``); ``v^{(t)}`` as
the time index ``v_t``; the decorations ``\hat \bar \tilde \widehat \vec \mathbf
\boldsymbol \bm`` as parts of a name (bold vectors are read coordinate-wise: ``\mathbf{g}_t``
and ``\mathbf{g}_t[i]`` are the coordinate ``g_t``); juxtaposed letters as a product
(``bc`` is b·c) except inside ``\mathrm``, ``\operatorname``, ``\text``; ``e`` and
``\mathrm{e}`` as Euler's number; ``+ - * / \cdot \times \odot \div``; ``\frac``,
``\sqrt``, ``\sqrt[n]``; ``\exp \ln \log \log_b \max \min \operatorname{sign}``; ``|x|``,
``\lvert x \rvert``, ``\|x\|``; ``\sum`` and ``\prod`` over any index; sums written with an
ellipsis (``a_1 + a_2 + \dots + a_n``, read by :mod:`.ellipsis`); ``\lim_{t\to\infty}``;
``\nabla w_t`` (and ``\nabla C(\theta^{(t)})``, ``\nabla f(\mathbf{x}_k)``) as the gradient of
that step; in free-standing relations also ``\mathbb{E}[…]``, ``E[…]``, ``\operatorname{Var}(…)``,
``\langle a, b \rangle`` and ``f(x)`` as functions the algebra knows nothing about.

Every reading chosen where another was possible is recorded in ``Builder.readings``. An
unreadable input raises :class:`ParseError` naming the token, its position and what was
expected. Nothing is evaluated: the parser builds SymPy objects through :class:`Builder`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp
from adaproof.derivations.parsing.build import Builder
from adaproof.derivations.parsing.limits import MAX_DEPTH, ParseError
from adaproof.derivations.parsing.notation import GREEK_COMMANDS
from adaproof.derivations.parsing.text import Mapped

#: layout commands that carry no mathematics
_LAYOUT = frozenset(
    {"quad", "qquad", "displaystyle", "textstyle", "limits", "nolimits", "nonumber", "notag"}
    | {"big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr"}
    | {"left", "right", "middle", "scriptstyle", "mathstrut"}
)
#: decorations that become part of a name (suffix in the name, or nothing)
_DECOR = {
    "hat": "_hat",
    "widehat": "_hat",
    "bar": "_bar",
    "overline": "_bar",
    "tilde": "_tilde",
    "widetilde": "_tilde",
    "vec": "",
    "mathbf": "",
    "boldsymbol": "",
    "bm": "",
    "mathit": "",
    "mathsf": "",
}
#: words (in \mathrm, \operatorname, \text or as commands) that are functions
_FUNC_WORDS = {
    "exp": "exp",
    "ln": "log",
    "log": "log",
    "sqrt": "sqrt",
    "max": "max",
    "min": "min",
    "sign": "sign",
    "sgn": "sign",
    "abs": "abs",
}
#: opaque operators of free-standing relations: written name -> name of the SymPy function
_OPAQUE_WORDS = {"Var": "Var", "var": "Var", "Cov": "Cov", "E": "E"}
#: letters read as a function when followed by "(" (f(x), h(x), \ell(w))
_FUNCTION_LETTERS = frozenset({"f", "h", "F", "ell", "phi", "psi"})
_ELLIPSES = frozenset({"dots", "cdots", "ldots", "vdots", "ddots", "dotsc", "dotsb"})
#: ellipses read between the terms of a sum (``a_1 + \dots + a_n``)
_SUM_ELLIPSES = frozenset({"dots", "cdots", "ldots", "dotsc", "dotsb"})
_MUL_CMDS = frozenset({"cdot", "times", "odot", "ast", "circ"})
_REFUSED_HINTS = {
    "int": "an integral cannot be decided here",
    "partial": "derivatives cannot be decided here",
    "in": "write membership as an assumption (--assume 'x in (0, 1]')",
    "forall": "a quantifier is commentary; drop it",
    "pm": "write the two cases as two relations",
    "mp": "write the two cases as two relations",
    "mathbb": "only \\mathbb{E}[...] is read",
    "prime": "a derivative (prime) cannot be decided here",
}
_GREEK = frozenset(GREEK_COMMANDS)


@dataclass(frozen=True)
class Tok:
    kind: str  # num letter cmd sym bar dbar end
    value: str
    start: int
    end: int
    space_before: bool


_TOKEN_RE = re.compile(
    r"(?P<ws>\s+)|(?P<cmd>\\[A-Za-z]+)|(?P<esc>\\[{}|,;:! ]|\\\\)|(?P<num>\d+(?:\.\d+)?|\.\d+)"
    r"|(?P<letter>[A-Za-z])|(?P<sym>[-+*/^_()\[\]{}|,=<>!'&:;.])"
)


def _brace_end(text: str, k: int) -> int:
    """Index just past the brace group that opens at text[k] (-1 if never closed)."""
    level = 0
    j = k
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == "{":
            level += 1
        elif text[j] == "}":
            level -= 1
            if level == 0:
                return j + 1
        j += 1
    return -1


def tokenize(m: Mapped, commentary: list[str] | None = None) -> list[Tok]:
    """Tokens of a LaTeX expression (layout dropped); positions index the mapped text.

    Commentary (``\\text{for all t}``, ``\\tag{2}``) is dropped and appended to ``commentary``.
    """
    text = m.text
    commentary = commentary if commentary is not None else []
    toks: list[Tok] = []
    i = 0
    space = False
    while i < len(text):
        mt = _TOKEN_RE.match(text, i)
        if mt is None:
            raise ParseError(
                "unexpected character (expected a number, a letter, a LaTeX command or an "
                "operator)",
                token=text[i],
                position=m.pos(i),
            )
        kind = mt.lastgroup
        val = mt.group()
        j = mt.end()
        if kind == "ws":
            space = True
        elif kind == "esc":
            if val in ("\\{", "\\}"):
                toks.append(Tok("sym", val, i, j, space))
            elif val == "\\|":
                toks.append(Tok("dbar", val, i, j, space))
            space = True  # \, \; \! \\ and friends are spacing
        elif kind == "cmd" and val[1:] in ("tag", "label", "text", "mbox", "textrm", "textit"):
            # \tag{..} and \label{..} are layout; \text{..} is commentary unless it is one
            # short word (\text{Var}, \text{eff}), which is read as a name
            k = j
            while k < len(text) and text[k] == " ":
                k += 1
            end = _brace_end(text, k) if text.startswith("{", k) else -1
            word = text[k + 1 : end - 1].strip() if end > 0 else ""
            if end > 0 and (
                val[1:] in ("tag", "label") or not re.fullmatch(r"[A-Za-z]{1,8}", word)
            ):
                commentary.append(text[i:end])
                i = end
                space = True
                continue
            toks.append(Tok("cmd", val[1:], i, j, space))
            space = False
        elif kind == "cmd":
            name = val[1:]
            if name in ("left", "right", "bigl", "bigr", "Bigl", "Bigr", "big", "Big"):
                # \left| is an absolute-value bar, \left. is nothing, \left( a bracket
                k = j
                while k < len(text) and text[k] == " ":
                    k += 1
                if text.startswith(".", k):
                    i = k + 1
                    continue
                i = j
                space = True
                continue
            if name in ("lvert", "rvert"):
                toks.append(Tok("bar", "|", i, j, space))
            elif name in ("lVert", "rVert", "Vert"):
                toks.append(Tok("dbar", "\\|", i, j, space))
            elif name in ("langle", "rangle"):
                toks.append(Tok("sym", name, i, j, space))
            elif name in ("lbrace", "rbrace"):
                toks.append(Tok("sym", "\\{" if name == "lbrace" else "\\}", i, j, space))
            elif name not in _LAYOUT:
                toks.append(Tok("cmd", name, i, j, space))
            else:
                i = j
                space = True
                continue
            space = False
        elif kind == "sym" and val == "|":
            toks.append(Tok("bar", val, i, j, space))
            space = False
        elif kind == "sym" and val == "&":
            space = True
        else:
            toks.append(Tok(kind, val, i, j, space))
            space = False
        i = j
    toks.append(Tok("end", "", len(text), len(text), space))
    return toks


def _quote(tok: Tok) -> str:
    if tok.kind == "end":
        return "end of input"
    return ("\\" + tok.value) if tok.kind == "cmd" else tok.value


class _Parser:
    def __init__(self, m: Mapped, builder: Builder):
        self.m = m
        self.b = builder
        dropped: list[str] = []
        self.toks = tokenize(m, dropped)
        for c in dropped:
            builder.read(f"ignored commentary {c[:40]}")
        self.i = 0
        self.depth = 0
        self.abs_depth = 0
        self.norm_depth = 0
        self.angle_depth = 0
        self.allow_infinity = False

    # -- token helpers -------------------------------------------------------
    @property
    def tok(self) -> Tok:
        return self.toks[self.i]

    def peek(self, k: int = 1) -> Tok:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def next(self) -> Tok:
        t = self.toks[self.i]
        if t.kind != "end":
            self.i += 1
        return t

    def pos(self, tok: Tok) -> int:
        return self.m.pos(tok.start)

    def text_of(self, a: int, b: int) -> str:
        """The source text of tokens a..b-1."""
        if b <= a:
            return ""
        return self.m.text[self.toks[a].start : self.toks[b - 1].end]

    def is_sym(self, value: str, tok: Tok | None = None) -> bool:
        t = tok or self.tok
        return t.kind == "sym" and t.value == value

    def is_cmd(self, *names: str, tok: Tok | None = None) -> bool:
        t = tok or self.tok
        return t.kind == "cmd" and t.value in names

    def error(self, expected: str, tok: Tok | None = None, hint: str = "") -> ParseError:
        t = tok or self.tok
        msg = f"expected {expected}"
        if t.kind == "end":
            return ParseError(f"expression ends too early ({msg})", position=self.m.end)
        hint = hint or self._hint(t)
        return ParseError(
            msg + (f"; {hint}" if hint else ""), token=_quote(t), position=self.pos(t)
        )

    def _hint(self, t: Tok) -> str:
        if (t.kind == "cmd" and t.value in _ELLIPSES) or self.is_sym(".", t):
            return (
                "an ellipsis is read only between the terms of a sum (a_1 + \\dots + a_n): "
                "write it so, or with \\sum"
            )
        if t.kind == "cmd" and t.value in _REFUSED_HINTS:
            return _REFUSED_HINTS[t.value]
        return ""

    def expect_sym(self, value: str, what: str | None = None) -> Tok:
        if not self.is_sym(value):
            raise self.error(what or f"'{value}'")
        return self.next()

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(
                f"expression nested too deeply (at most {MAX_DEPTH})",
                token=_quote(self.tok),
                position=self.pos(self.tok),
            )

    def leave(self) -> None:
        self.depth -= 1

    # -- grammar ------------------------------------------------------------
    def parse(self) -> sp.Expr:
        if self.tok.kind == "end":
            raise ParseError("empty expression", position=self.m.end)
        expr = self.expr()
        while self.tok.kind == "sym" and self.tok.value in ",.;:" and self._only_punctuation():
            self.next()  # trailing punctuation of a displayed formula
        if self.tok.kind != "end":
            t = self.tok
            if t.kind in ("bar", "dbar") or self.is_sym(")") or self.is_sym("]"):
                raise self.error("an operator or the end (unbalanced bracket or bar)", t)
            raise self.error("an operator or the end", t)
        return expr

    def _only_punctuation(self) -> bool:
        return all(
            t.kind == "end" or (t.kind == "sym" and t.value in ",.;:") for t in self.toks[self.i :]
        )

    def expr(self) -> sp.Expr:
        self.enter()
        try:
            start = self.i
            terms = [self.term()]
            at: int | None = None  # index of the first term after an ellipsis
            dots: Tok | None = None
            while self.is_sym("+") or self.is_sym("-"):
                op = self.next()
                if self._ellipsis_here():
                    dots = self.tok
                    op = self._ellipsis(op, at)
                    at = len(terms)
                r = self.term()
                terms.append(r if op.value == "+" else -r)
            if at is None:
                return sp.Add(*terms)
            from adaproof.derivations.parsing.ellipsis import fold

            letters = {t.value for t in self.toks if t.kind == "letter"}
            return fold(
                terms,
                at,
                self.b,
                position=self.pos(dots),
                text=self.text_of(start, self.i),
                taken=letters,
            )
        finally:
            self.leave()

    def _ellipsis_here(self) -> bool:
        r"""``\dots``, ``\cdots``, ``\ldots`` or ``...`` where a term would start."""
        t = self.tok
        if t.kind == "cmd" and t.value in _SUM_ELLIPSES:
            return True
        dots = self.toks[self.i : self.i + 3]
        return (
            len(dots) == 3
            and all(self.is_sym(".", d) for d in dots)
            and dots[0].end == dots[1].start
            and dots[1].end == dots[2].start
        )

    def _ellipsis(self, op: Tok, at: int | None) -> Tok:
        """Skip ``… +`` of ``a + … + b``; the sign after the dots (same as the one before)."""
        from adaproof.derivations.parsing.ellipsis import refuse

        t = self.tok
        where = self.pos(t)
        if at is not None:
            raise refuse("more than one ellipsis in one sum", where)
        self.i += 1 if t.kind == "cmd" else 3
        if not (self.is_sym("+") or self.is_sym("-")):
            raise refuse("no last term after the dots (a series is not read)", where)
        after = self.next()
        if after.value != op.value:
            raise refuse(f"different signs around the dots ('{op.value} … {after.value}')", where)
        return after

    def starts_atom(self, tok: Tok) -> bool:
        if tok.kind in ("num", "letter", "dbar"):
            return tok.kind != "dbar" or self.norm_depth == 0
        if tok.kind == "bar":
            return self.abs_depth == 0
        if tok.kind == "sym":
            return tok.value in ("(", "[", "{", "\\{", "langle")
        if tok.kind == "cmd":
            return tok.value not in _MUL_CMDS and tok.value not in ("div", "to", "rightarrow")
        return False

    def term(self) -> sp.Expr:
        result = self.unary()
        last_num = self._last_was_number
        while True:
            t = self.tok
            if self.is_sym("*") or (t.kind == "cmd" and t.value in _MUL_CMDS):
                self.next()
                result = result * self.unary()
            elif self.is_sym("/") or self.is_cmd("div"):
                self.next()
                result = self.b.divide(result, self.unary(), self.pos(t))
            elif self.starts_atom(t) and not (t.kind == "num" and last_num):
                if self.is_sym("{") and not t.space_before:
                    before = self.toks[self.i - 1]
                    if before.kind in ("letter", "sym") and before.value != "^":
                        self.b.read("read '{…}' after a name as a factor; for an index write _{…}")
                result = result * self.power()
            else:
                return result
            last_num = self._last_was_number

    _last_was_number = False

    def unary(self) -> sp.Expr:
        if self.is_sym("-"):
            self.next()
            return -self.unary()
        if self.is_sym("+"):
            self.next()
            return self.unary()
        return self.power()

    def power(self) -> sp.Expr:
        start = self.tok
        base = self.postfix()
        while self.is_sym("^"):
            caret = self.next()
            exp = self.script()
            idx = self.coordinate()
            if idx is not None and idx in self.b.bound:
                if not isinstance(base, sp.Symbol):
                    raise ParseError(
                        f"a coordinate [{idx}] of a summation index must follow a name",
                        token=f"[{idx}]",
                        position=self.pos(self.toks[self.i - 3]),
                    )
                base = self.b.opaque_function(base.name, [self.b.bound[idx]], self.pos(start))
            base = self.b.power(base, exp, self.pos(caret), "^")
        self._last_was_number = start.kind == "num" and self.toks[self.i - 1] is start
        return base

    def _drop_coordinate(self) -> None:
        idx = self.coordinate()
        if idx is not None and idx in self.b.bound:
            raise ParseError(
                f"a coordinate [{idx}] of a summation index must follow a name",
                token=f"[{idx}]",
                position=self.pos(self.toks[self.i - 3]),
            )

    def postfix(self) -> sp.Expr:
        x = self.atom()
        self._drop_coordinate()
        while self.is_sym("!"):
            bang = self.next()
            x = self.b.call("factorial", [x], self.pos(bang))
        return x

    def script(self) -> sp.Expr:
        """A sub/superscript: one token or a braced expression."""
        t = self.tok
        if self.is_sym("{"):
            self.next()
            x = self.expr()
            self.expect_sym("}", "'}'")
            return x
        if t.kind == "num":
            self.next()
            # x^23 is x^2 3 in LaTeX: only the first digit is the script
            if len(t.value) > 1 and "." not in t.value:
                self.b.read(f"read '^{t.value}' as '^{{{t.value}}}'")
            return self.b.number(t.value, self.pos(t))
        if t.kind == "letter":
            self.next()
            return self.letter_name(t.value, t)
        if t.kind == "cmd" and (t.value in _GREEK or t.value in ("infty", "frac", "dfrac")):
            return self.atom()
        if self.is_sym("-"):
            self.next()
            return -self.script()
        raise self.error("a superscript or subscript ({...}, a digit or a letter)")

    # -- atoms --------------------------------------------------------------
    def atom(self) -> sp.Expr:
        t = self.tok
        if t.kind == "num":
            self.next()
            return self.b.number(t.value, self.pos(t))
        if t.kind == "letter":
            return self.name_atom()
        if t.kind == "bar":
            return self.bars()
        if t.kind == "dbar":
            return self.norm()
        if t.kind == "sym":
            if t.value in ("(", "[", "{", "\\{"):
                return self.group()
            if t.value == "langle":
                return self.angle()
            raise self.error("a number, a name or an opening bracket")
        if t.kind == "cmd":
            return self.command()
        raise self.error("a number, a name or an opening bracket")

    def group(self) -> sp.Expr:
        open_tok = self.next()
        close = {"(": ")", "[": "]", "{": "}", "\\{": "\\}"}[open_tok.value]
        saved = (self.abs_depth, self.norm_depth)
        self.abs_depth = self.norm_depth = 0
        try:
            x = self.expr()
        finally:
            self.abs_depth, self.norm_depth = saved
        if self.is_sym(","):
            raise self.error(
                f"'{close}' (a tuple or set is not a value)",
                hint="a list of values cannot be compared",
            )
        self.expect_sym(close, f"'{close}' to close '{open_tok.value}'")
        return x

    def bars(self) -> sp.Expr:
        self.next()
        self.abs_depth += 1
        saved = self.norm_depth
        self.norm_depth = 0
        try:
            x = self.expr()
        finally:
            self.abs_depth -= 1
            self.norm_depth = saved
        if self.tok.kind != "bar":
            raise self.error("'|' to close the absolute value")
        self.next()
        return sp.Abs(x)

    def norm(self) -> sp.Expr:
        open_tok = self.next()
        self.norm_depth += 1
        saved = self.abs_depth
        self.abs_depth = 0
        try:
            x = self.expr()
        finally:
            self.norm_depth -= 1
            self.abs_depth = saved
        if self.tok.kind != "dbar":
            raise self.error("'\\|' to close the norm")
        self.next()
        if self.is_sym("_"):
            self.next()
            label = self.label_script()
            self.b.read(f"read '\\|…\\|_{label}' as an opaque norm")
            return self.b.opaque_function(f"norm_{label}", [x], self.pos(open_tok))
        self.b.read("read '\\|x\\|' as |x| (coordinate-wise)")
        return sp.Abs(x)

    def angle(self) -> sp.Expr:
        open_tok = self.next()
        args = [self.expr()]
        while self.is_sym(","):
            self.next()
            args.append(self.expr())
        if not self.is_sym("rangle"):
            raise self.error("'\\rangle' to close '\\langle'")
        self.next()
        self.b.read("read '\\langle a, b \\rangle' as an opaque inner product")
        return self.b.opaque_function("inner", args, self.pos(open_tok))

    def braced_raw(self) -> tuple[int, int]:
        """Token range of a braced group (or of one token), the cursor moved past it."""
        if self.is_sym("{"):
            self.next()
            a = self.i
            level = 1
            while True:
                t = self.tok
                if t.kind == "end":
                    raise self.error("'}'")
                if self.is_sym("{"):
                    level += 1
                elif self.is_sym("}"):
                    level -= 1
                    if level == 0:
                        b = self.i
                        self.next()
                        return a, b
                self.next()
        a = self.i
        if self.tok.kind == "end":
            raise self.error("an argument")
        self.next()
        return a, self.i

    def words_of(self, a: int, b: int) -> str:
        """Letters of tokens a..b-1 joined (for \\mathrm{..}, \\text{..})."""
        parts = []
        for t in self.toks[a:b]:
            if t.kind in ("letter", "num"):
                parts.append(t.value)
            elif t.kind == "cmd" and t.value in _GREEK:
                parts.append(t.value)
            else:
                raise ParseError(
                    "expected letters inside the name", token=_quote(t), position=self.pos(t)
                )
        return "".join(parts)

    def label_script(self) -> str:
        """A subscript used only as a label (``_2``, ``_{\\infty}``, ``_{1:t}``, ``_\\star``)."""
        a, b = self.braced_raw()
        out = []
        for t in self.toks[a:b]:
            if t.kind in ("letter", "num"):
                out.append(t.value)
            elif t.kind == "cmd":
                out.append({"infty": "inf", "star": "star", "ast": "star"}.get(t.value, t.value))
            elif t.kind == "sym" and t.value in "+-:,":
                out.append(t.value)
            elif t.kind == "cmd" and t.value == "text":
                continue
            elif t.kind == "sym" and t.value in "{}":
                continue
            else:
                raise ParseError(
                    "expected a simple subscript", token=_quote(t), position=self.pos(t)
                )
        label = "".join(out)
        if not label or len(label) > 16:
            raise ParseError("expected a short subscript", position=self.pos(self.toks[a]))
        return label

    # -- names ---------------------------------------------------------------
    def base_name(self) -> tuple[str, Tok, bool]:
        """The base of a name: (name, first token, bold), decorations folded in."""
        t = self.tok
        if t.kind == "letter":
            self.next()
            return t.value, t, False
        if t.kind == "cmd" and t.value in _GREEK:
            self.next()
            return t.value, t, False
        if t.kind == "cmd" and t.value in _DECOR:
            self.next()
            if self.is_sym("{"):
                self.next()
                inner, _, bold = self.base_name()
                if self.is_sym("_"):  # \hat{m_t}: the script belongs to the name
                    raise self.error("'}' (write \\hat{m}_t)")
                self.expect_sym("}", "'}'")
            else:
                inner, _, bold = self.base_name()
            suffix = _DECOR[t.value]
            if t.value in ("mathbf", "boldsymbol", "bm", "vec"):
                bold = True
            return inner + suffix, t, bold
        if t.kind == "cmd" and t.value == "mathcal":
            self.next()
            a, b = self.braced_raw()
            word = self.words_of(a, b)
            return "cal" + word, t, False
        raise self.error("a name")

    def letter_name(self, letter: str, tok: Tok) -> sp.Expr:
        if letter == "e" and "e" not in self.b.bound:
            self.b.read("read 'e' as Euler's number")
            return sp.E
        return self.b.name(letter, self.pos(tok))

    def name_atom(self) -> sp.Expr:
        """A name with its scripts, ``[i]`` coordinate, or a function application."""
        t = self.tok
        # a run of letters written together: a product, unless a known word
        if t.kind == "letter":
            run = [t]
            k = self.i + 1
            while (
                self.toks[k].kind == "letter"
                and not self.toks[k].space_before
                and self.toks[k].start == run[-1].end
            ):
                run.append(self.toks[k])
                k += 1
            word = "".join(x.value for x in run)
            if len(run) > 1:
                return self.word(word, run)
            if (
                self.toks[k].kind == "num"
                and self.toks[k].start == t.end
                and "." not in (self.toks[k].value)
            ):
                # g1 written for g_1
                self.i = k + 1
                self.b.read(f"read '{word}{self.toks[k].value}' as {word}_{self.toks[k].value}")
                return self.b.name(f"{word}{int(self.toks[k].value)}", self.pos(t))
        if t.kind == "letter" and t.value in ("E", "O") and self.is_sym("[", self.peek()):
            if t.value == "E":
                self.next()
                return self.expectation(t)
        if t.kind == "letter" and t.value == "O" and self.is_sym("(", self.peek()):
            raise ParseError(
                "big-O is an order of growth, not a value", token="O(", position=self.pos(t)
            )
        base, first, bold = self.base_name()
        return self.finish_name(base, first, bold)

    def word(self, word: str, run: list[Tok]) -> sp.Expr:
        """Several letters written together (``bc``, ``lr``, ``exp``)."""
        from adaproof.derivations.parsing.notation import PACKAGE_SYMBOLS, canonical

        first = run[0]
        if word in _FUNC_WORDS and (self.is_sym("(", self.toks[self.i + len(run)])):
            self.i += len(run)
            self.b.read(f"read '{word}' as the function {word}")
            return self.func_call(_FUNC_WORDS[word], first)
        allowed = self.b.scope.allowed
        key = canonical(word)
        if (
            key != "pi"
            and (key in PACKAGE_SYMBOLS or (allowed is not None and key in allowed))
            and key not in ("g", "t")
        ):
            self.i += len(run)
            self.b.read(f"read '{word}' as one name")
            return self.finish_name(word, first, False)
        # a product of letters; the last letter takes the scripts
        self.b.read(f"read '{word}' as {'·'.join(word)}")
        result = sp.Integer(1)
        for tok in run[:-1]:
            self.next()
            result = result * self.letter_name(tok.value, tok)
        return result * self.name_atom_single()

    def name_atom_single(self) -> sp.Expr:
        base, first, bold = self.base_name()
        return self.finish_name(base, first, bold)

    def finish_name(self, base: str, first: Tok, bold: bool) -> sp.Expr:
        pos = self.pos(first)
        sub: sp.Expr | None = None
        sub_label: str | None = None
        while True:
            if self.is_sym("_") and sub is None and sub_label is None:
                self.next()
                sub, sub_label = self.subscript()
                continue
            if (
                self.is_sym("^")
                and self.is_sym("{", self.peek())
                and self.is_sym("(", self.peek(2))
            ):
                # v^{(t)}: a time index, unless the braces hold a power such as (t-1)/2
                save = self.i
                self.next()
                self.next()
                self.next()
                inner = self.expr()
                if self.is_sym(")") and self.is_sym("}", self.peek()):
                    self.next()
                    self.next()
                    self.b.read(f"read '{base}^{{(…)}}' as a time index {base}_(…)")
                    if sub is None and sub_label is None:
                        sub = inner
                    else:
                        sub_label = f"{sub_label or sp.sstr(sub)},{sp.sstr(inner)}"
                        sub = None
                    continue
                self.i = save
            break
        if bold:
            self.b.read("read bold vectors coordinate-wise")
        # coordinate index: x[i] right after the name
        idx = self.coordinate()
        if idx is not None and idx in self.b.bound:
            args = ([] if sub is None else [sub]) + [self.b.bound[idx]]
            label = base if sub_label is None else self._label(base, None, sub_label)
            self.b.read(f"read '{label}[{idx}]' as coordinate {idx} of {label}")
            return self.b.opaque_function(label, args, pos)
        # the name itself
        if sub_label is not None:
            expr = self.b.label_name(self._label(base, None, sub_label), pos)
        elif sub is None:
            if base == "e":
                self.b.read("read 'e' as Euler's number")
                expr = sp.E
            else:
                expr = self.b.name(base, pos)
        else:
            expr = self.b.subscripted(base, sub, pos)
        # f(x), \ell(w, z): a function application
        if self.is_sym("("):
            plain = base.split("_")[0]
            if plain in _FUNCTION_LETTERS or plain.startswith("cal") or self._comma_ahead():
                if self.b.scope.allowed is not None:
                    raise ParseError(
                        "unknown function (a target's answer uses its own symbols)",
                        token=base,
                        position=pos,
                    )
                args = self.call_args()
                label = self._label(base, sub, sub_label)
                self.b.read(f"read '{label}(…)' as a function applied to its argument")
                return self.b.opaque_function(label, args, pos)
        return expr

    def coordinate(self) -> str | None:
        """``[i]`` written right after a name: the coordinate index (consumed), else None."""
        j = self.i
        if not (self.is_sym("[") and not self.tok.space_before):
            return None
        it = self.toks[j + 1]
        if not self.is_sym("]", self.toks[j + 2]):
            return None
        if not (it.kind == "letter" or (it.kind == "cmd" and it.value in _GREEK)):
            return None
        self.i = j + 3
        if it.value not in self.b.bound:
            self.b.read(f"read '[{it.value}]' as a coordinate of a vector (dropped)")
        return it.value

    def _label(self, base: str, sub: sp.Expr | None, sub_label: str | None) -> str:
        if sub_label is not None:
            return f"{base}_{{{sub_label}}}"
        if sub is None:
            return base
        if sub.is_Integer:
            return f"{base}{int(sub)}"
        return f"{base}_{{{sp.sstr(sub)}}}"

    def _comma_ahead(self) -> bool:
        """A top-level comma inside the parenthesis that starts here."""
        level = 0
        for t in self.toks[self.i :]:
            if t.kind == "sym" and t.value in ("(", "[", "{", "\\{"):
                level += 1
            elif t.kind == "sym" and t.value in (")", "]", "}", "\\}"):
                level -= 1
                if level == 0:
                    return False
            elif level == 1 and self.is_sym(",", t):
                return True
            elif t.kind == "end":
                return False
        return False

    def subscript(self) -> tuple[sp.Expr | None, str | None]:
        """A subscript: an expression (``t-1``, ``\\tau``) or a label (``\\star``, ``1:t``)."""
        save = self.i
        try:
            return self.script(), None
        except ParseError:
            self.i = save
        return None, self.label_script()

    def call_args(self) -> list[sp.Expr]:
        open_tok = self.tok
        close = {"(": ")", "[": "]", "{": "}", "\\{": "\\}"}.get(open_tok.value)
        if open_tok.kind != "sym" or close is None:
            raise self.error("'(' and the argument")
        self.next()
        saved = (self.abs_depth, self.norm_depth)
        self.abs_depth = self.norm_depth = 0
        try:
            args = [self.expr()]
            while self.is_sym(","):
                self.next()
                if self.is_sym("("):  # \ell(w, (x, y)): a tuple argument
                    inner = self.call_args()
                    args.extend(inner)
                else:
                    args.append(self.expr())
        finally:
            self.abs_depth, self.norm_depth = saved
        self.expect_sym(close, f"'{close}' to close the argument list")
        return args

    def expectation(self, tok: Tok) -> sp.Expr:
        if self.b.scope.allowed is not None:
            raise ParseError(
                "an expectation is read only as the left side of an answer (E[m_t] = …)",
                token=_quote(tok),
                position=self.pos(tok),
            )
        self.expect_sym("[", "'['")
        x = self.expr()
        self.expect_sym("]", "']' to close the expectation")
        self.b.read("read 'E[…]' as an expectation (opaque to the algebra)")
        return self.b.opaque_function("E", [x], self.pos(tok))

    # -- commands ----------------------------------------------------------
    def command(self) -> sp.Expr:
        t = self.tok
        name = t.value
        if name in _GREEK or name in _DECOR or name == "mathcal":
            if name in ("Delta", "delta") and self._name_follows():
                return self.delta()
            return self.name_atom_single()
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            self.next()
            num = self.script()
            den = self.script()
            return self.b.divide(num, den, self.pos(t))
        if name == "sqrt":
            self.next()
            if self.is_sym("["):
                self.next()
                n = self.expr()
                self.expect_sym("]", "']' after the root index")
                if not (n.is_Integer and 2 <= n <= 100):
                    raise ParseError(
                        "root index must be an integer 2..100", token="\\sqrt", position=self.pos(t)
                    )
                return self.b.power(self.script(), 1 / n, self.pos(t))
            return self.b.call("sqrt", [self.script()], self.pos(t))
        if name in ("exp", "ln", "log", "max", "min", "sin", "cos"):
            self.next()
            if name in ("sin", "cos"):
                raise ParseError("unknown function", token="\\" + name, position=self.pos(t))
            if name == "log" and self.is_sym("_"):
                self.next()
                base = self.script()
                arg = self.func_arg(t)
                self.b.read("read '\\log_b x' as ln x / ln b")
                return self.b.divide(
                    self.b.call("log", [arg], self.pos(t)),
                    self.b.call("log", [base], self.pos(t)),
                    self.pos(t),
                )
            if name in ("max", "min"):
                return self.func_call(name, t)
            if name == "log":
                self.b.read("read '\\log' as the natural logarithm")
            return self.b.call(_FUNC_WORDS[name], [self.func_arg(t)], self.pos(t))
        if name in ("mathrm", "operatorname", "text", "textrm", "textit", "mathit"):
            self.next()
            a, b = self.braced_raw()
            word = self.words_of(a, b).strip()
            if word == "e":
                self.b.read("read '\\mathrm{e}' as Euler's number")
                return sp.E
            if word in _FUNC_WORDS:
                return self.func_call(_FUNC_WORDS[word], t)
            if word in _OPAQUE_WORDS:
                return self.opaque_call(_OPAQUE_WORDS[word], t)
            if not word:
                raise self.error("a name inside the braces", t)
            return self.finish_name(word, t, False)
        if name == "mathbb":
            self.next()
            a, b = self.braced_raw()
            word = self.words_of(a, b)
            if word == "E":
                return self.expectation(t)
            raise ParseError(
                "only \\mathbb{E}[…] is read", token=f"\\mathbb{{{word}}}", position=self.pos(t)
            )
        if name in ("sum", "prod"):
            return self.bigop(name)
        if name == "lim":
            return self.limit()
        if name == "nabla":
            return self.nabla()
        if name == "infty":
            if not self.allow_infinity:
                raise ParseError(
                    "∞ is read only in a limit or a sum's bounds",
                    token="\\infty",
                    position=self.pos(t),
                )
            self.next()
            return sp.oo
        if name in ("Var", "E"):
            return self.opaque_call(name, t)
        hint = self._hint(t)
        if hint:
            raise self.error("a number, a name or an opening bracket", t, hint)
        raise ParseError(
            "unknown LaTeX command" + _suggest(name), token=_quote(t), position=self.pos(t)
        )

    def _name_follows(self) -> bool:
        nt = self.peek()
        return (
            not nt.space_before
            or nt.kind in ("letter",)
            or (nt.kind == "cmd" and (nt.value in _GREEK or nt.value in _DECOR))
        )

    def delta(self) -> sp.Expr:
        t = self.next()
        nt = self.tok
        if not (
            nt.kind == "letter" or (nt.kind == "cmd" and (nt.value in _GREEK or nt.value in _DECOR))
        ):
            self.i -= 1
            return self.name_atom_single()
        base, _, bold = self.base_name()
        self.b.read(f"read '\\{t.value} {base}' as one quantity")
        return self.finish_name(f"{t.value}_{base}", t, bold)

    def func_arg(self, t: Tok) -> sp.Expr:
        """The argument of \\exp, \\ln: in brackets, or the next power (``\\ln 2``)."""
        if self.is_sym("(") or self.is_sym("[") or self.is_sym("{"):
            return self.group()
        if not self.starts_atom(self.tok):
            raise self.error(f"an argument for \\{t.value}")
        return self.power()

    def func_call(self, fname: str, t: Tok) -> sp.Expr:
        if self.is_sym("(") or self.is_sym("\\{") or self.is_sym("[") or self.is_sym("{"):
            args = self.call_args()
        elif fname in ("max", "min"):
            raise self.error(f"'(' after {fname}")
        else:
            args = [self.power()]
        return self.b.call(fname, args, self.pos(t))

    def opaque_call(self, name: str, t: Tok) -> sp.Expr:
        if self.b.scope.allowed is not None:
            raise ParseError(
                f"{name}(…) is read only as the left side of an answer ({name}(m_t) = …)",
                token=name,
                position=self.pos(t),
            )
        if self.tok.kind == "cmd" and self.tok.value == name:
            self.next()
        args = self.call_args()
        return self.b.opaque_function(name, args, self.pos(t))

    def bigop(self, name: str) -> sp.Expr:
        t = self.next()
        if not self.is_sym("_"):
            raise self.error(f"'_{{k=1}}' after \\{name} (the index and its first value)")
        self.next()
        brace = self.is_sym("{")
        if brace:
            self.next()
        it = self.tok
        if it.kind == "letter" or (it.kind == "cmd" and it.value in _GREEK):
            self.next()
        else:
            raise self.error("a summation index (a letter or a Greek letter)")
        index = it.value
        if not self.is_sym("="):
            raise self.error(f"'=' after the index of \\{name}", hint="write \\sum_{k=1}^{t}")
        self.next()
        self.allow_infinity = True
        try:
            lo = self.expr() if brace else self.script()
            if brace:
                self.expect_sym("}", "'}'")
            if not self.is_sym("^"):
                raise self.error(f"'^' and the last value of the index of \\{name}")
            self.next()
            hi = self.script()
        finally:
            self.allow_infinity = False
        sym = self.b.begin_sum(index, self.pos(it))
        body = self.term_body()
        if name == "prod":
            return self.b.end_prod(sym, index, body, lo, hi, self.pos(t))
        return self.b.end_sum(sym, index, body, lo, hi, self.pos(t))

    def term_body(self) -> sp.Expr:
        """The body of a sum: a product of factors (stops at + and -)."""
        if not self.starts_atom(self.tok) and not self.is_sym("-"):
            raise self.error("the body of the sum")
        return self.term()

    def limit(self) -> sp.Expr:
        t = self.next()
        if not self.is_sym("_"):
            raise self.error("'_{t \\to \\infty}' after \\lim")
        self.next()
        self.expect_sym("{", "'{'")
        vt = self.tok
        if vt.kind != "letter" and not (vt.kind == "cmd" and vt.value in _GREEK):
            raise self.error("the limit variable")
        var = self.b.name(vt.value, self.pos(vt))
        self.next()
        if not (self.is_cmd("to", "rightarrow") or self.is_sym("-")):
            raise self.error("'\\to'")
        if self.is_sym("-"):
            self.next()
            self.expect_sym(">", "'->'")
        else:
            self.next()
        self.allow_infinity = True
        try:
            to = self.expr()
        finally:
            self.allow_infinity = False
        self.expect_sym("}", "'}'")
        if not isinstance(var, sp.Symbol):
            raise ParseError("the limit variable must be a name", position=self.pos(vt))
        body = self.term_body()
        self.b.read(f"read '\\lim' as the limit {var} → {to}")
        return self.b.limit(body, var, to, self.pos(t))

    def nabla(self) -> sp.Expr:
        """``\\nabla w_t``, ``\\nabla_w``, ``\\nabla C(\\theta^{(t)})``: the step's gradient."""
        t = self.next()
        if self.is_sym("_"):  # \nabla_w: with respect to w
            self.next()
            self.label_script()
        if self.tok.kind == "end" or not self.starts_atom(self.tok):
            self.b.read("read '\\nabla' as the gradient g")
            return self.b.gradient(None, self.pos(t))
        if self.tok.kind == "sym":
            raise self.error("a name after \\nabla (\\nabla w_t, \\nabla f(x_t))")
        start = self.i
        base, first, _bold = self.base_name()
        index: sp.Expr | None = None
        if self.is_sym("_"):
            self.next()
            index, _label = self.subscript()
        elif self.is_sym("^") and self.is_sym("{", self.peek()) and self.is_sym("(", self.peek(2)):
            self.next()
            self.next()
            self.next()
            index = self.expr()
            self.expect_sym(")", "')'")
            self.expect_sym("}", "'}'")
        if self.is_sym("("):  # the gradient of a function at a point: index from the point
            from adaproof.derivations.parsing.notation import Scope

            scope = self.b.scope
            if scope.allowed is not None and not base.startswith("cal"):
                self.b.scope = Scope()  # the point's names only give the step's index
            try:
                args = self.call_args()
            finally:
                self.b.scope = scope
            found = [self._step_index(a) for a in args]
            found = [f for f in found if f is not None]
            if index is None and found:
                index = found[0]
            if base.startswith("cal"):
                label = self.text_of(start, self.i)
                self.b.read(f"read '\\nabla {label}' as an opaque gradient")
                return self.b.opaque_function(f"grad_{base}", args, self.pos(first))
        self.b.read(
            "read '\\nabla …' as the gradient " + ("g" if index is None else f"g_{sp.sstr(index)}")
        )
        return self.b.gradient(index, self.pos(t))

    def _step_index(self, expr: sp.Expr) -> sp.Expr | None:
        """The index of a name such as x_k or theta_{t} (parsed as a symbol)."""
        index = self.b.index_of.get(expr)
        return index


#: commands read somewhere in this module (for "did you mean" suggestions)
_KNOWN = (
    set(_GREEK)
    | set(_DECOR)
    | set(_MUL_CMDS)
    | {"frac", "dfrac", "sqrt", "exp", "ln", "log", "max", "min", "mathrm", "operatorname"}
    | {"text", "mathbb", "mathcal", "sum", "prod", "lim", "nabla", "infty", "left", "right"}
    | {"lvert", "rvert", "langle", "rangle", "div", "to", "quad", "qquad", "tag"}
)


def _suggest(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(_KNOWN), n=1, cutoff=0.75)
    return f" (did you mean \\{close[0]}?)" if close else ""


def parse_latex(m: Mapped, builder: Builder) -> sp.Expr:
    """Parse one LaTeX expression (no relation signs) into a SymPy expression."""
    try:
        return _Parser(m, builder).parse()
    except RecursionError:
        raise ParseError("expression nested too deeply", position=m.pos(0)) from None
