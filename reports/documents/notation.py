r"""A document's displayed LaTeX, turned into relations between SymPy expressions.

A thin layer over :mod:`adaproof.derivations.parsing`: it splits a display into
rows (``\\``), statements (``\quad``, ``\text{and}``) and chains (``a = b \le c``),
rewrites the course's notation into the parser's subset (``v^{(t+1)}`` → ``v_{t+1}``,
``\mathbf{g}_t[i]`` → ``g_t``, ``\nabla C(\theta^{(t)})`` → a gradient sequence,
``\mathbb{E}[…]``, ``\operatorname{Var}(…)`` and simple integrals as operators), and
parses each side with the package's safe parser. Names with an index are
*sequences*: ``m_{t-1}`` is ``seq_m(t - 1)``. Nothing is passed to ``sympify``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp
from adaproof.derivations.parsing.build import Builder
from adaproof.derivations.parsing.limits import MAX_SUM_TERMS, ParseError
from adaproof.derivations.parsing.notation import Scope

#: relation signs read, and their meaning
RELATIONS = {
    "=": "=",
    "\\leq": "<=",
    "\\le": "<=",
    "\\geq": ">=",
    "\\ge": ">=",
    "\\lt": "<",
    "\\gt": ">",
    "<": "<",
    ">": ">",
    "\\approx": "≈",
    "≈": "≈",
    "≤": "<=",
    "≥": ">=",
}
#: relation-like signs that are not decided, with the reason given
OTHER_RELATIONS = {
    "\\neq": "≠ (a non-equality)",
    "\\ne": "≠ (a non-equality)",
    "\\propto": "∝ (a proportionality)",
    "\\mapsto": "↦ (a substitution)",
    "\\to": "→ (a limit or map)",
    "\\rightarrow": "→ (a limit or map)",
    "\\Rightarrow": "⇒ (an implication)",
    "\\implies": "⇒ (an implication)",
    "\\sim": "~ (an order of magnitude)",
    "\\simeq": "≃",
    "\\ll": "≪",
    "\\gg": "≫",
    "\\in": "∈ (set membership)",
    "\\equiv": "≡",
    ":=": ":=",
}
_UNREADABLE = [
    # a sum written with \dots, \cdots, \ldots or ... is read by the parser (or refused by it
    # with the reason); a vertical or diagonal ellipsis is not a sum
    (r"\\vdots|\\ddots", "an ellipsis (⋮, ⋱)"),
    (r"\\prod(?![A-Za-z])|\\Pi(?![A-Za-z])", "a projection or product"),
    (r"\\langle", "an inner product ⟨·,·⟩"),
    (r"\\\||\\Vert|\\lVert", "a norm ‖·‖"),
    (r"(?<![A-Za-z\\])O\s*\(", "O(·)"),
    (r"\\lim(?![A-Za-z])", "a limit"),
    (r"\\partial", "a partial derivative"),
    (r"\\max_|\\min_|\\sup|\\inf(?!ty)", "a max/min over an index"),
    (r"\\int(?![A-Za-z])", "an integral it cannot do"),
    (r"\\(mathbb|mathcal)\{[^EV]", "a set or an undefined operator"),
]

Seq = sp.Function  # seq_<name>(index)
Expect = sp.Function("Expect")
Variance = sp.Function("Variance")
_PH = "ZZph"


class Unreadable(Exception):
    """A formula (or part) that is not read; the message is the reason shown."""


@dataclass(frozen=True)
class Chain:
    """``sides[0] rels[0] sides[1] …`` as written (LaTeX text of each side)."""

    line: int
    sides: tuple[str, ...]
    rels: tuple[str, ...]
    text: str
    continued: bool = False  # starts with a relation: continues the previous chain
    unread: str | None = None  # why the statement is not a relation that is read


def seq(name: str) -> type:
    return sp.Function("seq_" + name)


def is_seq(f) -> bool:
    return isinstance(f, sp.core.function.AppliedUndef) and type(f).__name__.startswith("seq_")


def seq_name(f) -> str:
    return type(f).__name__[4:]


def pretty_name(name: str) -> str:
    """``m_hat`` → ``m̂``, ``nablaw`` → ``∇w``: how a sequence is named in the output."""
    if name.endswith("_hat"):
        name = name[:-4] + "\u0302"
    if name.startswith("nabla"):
        name = "∇" + name[5:]
    return name


# -- splitting -----------------------------------------------------------------------------


def _depth_split(text: str, seps: list[str]) -> list[str]:
    """Split at any of ``seps`` (regex alternatives) outside braces/brackets/parentheses."""
    out, depth, start, i = [], 0, 0, 0
    pat = re.compile("|".join(seps))
    while i < len(text):
        ch = text[i]
        if text.startswith("\\{", i) or text.startswith("\\}", i):
            i += 2
            continue
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif depth <= 0:
            m = pat.match(text, i)
            if m and m.end() > i:
                out.append(text[start:i])
                i = start = m.end()
                continue
        i += 1
    out.append(text[start:])
    return out


_REL_RE = sorted(
    [re.escape(k) + (r"(?![A-Za-z])" if k[-1].isalpha() else "") for k in RELATIONS]
    + [re.escape(k) + (r"(?![A-Za-z])" if k[-1].isalpha() else "") for k in OTHER_RELATIONS],
    key=len,
    reverse=True,
)


def _split_chain(text: str) -> tuple[list[str], list[str]]:
    sides, rels, depth, start, i = [], [], 0, 0, 0
    pat = re.compile("|".join(_REL_RE))
    while i < len(text):
        ch = text[i]
        if text.startswith("\\{", i) or text.startswith("\\}", i):
            i += 2
            continue
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif depth <= 0:
            m = pat.match(text, i)
            if m and not (m.group() in ("<", ">") and text[i - 1 : i] == "\\"):
                sides.append(text[start:i])
                rels.append(m.group())
                i = start = m.end()
                continue
        i += 1
    sides.append(text[start:])
    return sides, rels


def row_line_start(out: list[Chain], body: str) -> bool:
    """Whether the chain before belongs to this display (always, for chains made here)."""
    return bool(out)


def statements(body: str, line: int) -> list[Chain]:
    r"""The chains of one display: rows at ``\\``, statements at ``\quad`` / ``\text{and}``."""
    body = re.sub(r"\\begin\{(aligned|split|gathered|array)\}(\{[^{}]*\})?|\\end\{\w+\}", " ", body)
    body = re.sub(r"\\(tag|label)\*?\{[^{}]*\}|\\(nonumber|notag)(?![A-Za-z])", " ", body)
    out: list[Chain] = []
    row_line = line
    rows: list[str] = []
    for row in _depth_split(body, [r"\\\\(\[[^\]]*\])?"]):
        # a row that starts with + or - continues the expression of the row before
        if rows and re.match(r"\s*&?\s*[+-]", row) and not re.match(r"\s*&?\s*-\s*>", row):
            rows[-1] += " " + row.replace("&", " ")
            continue
        rows.append(row)
    for row in rows:
        here = row_line + row[: len(row) - len(row.lstrip())].count("\n")
        seps = [
            r",?\s*\\q?quad(?![A-Za-z])(\s*\\text\{\s*(and|or|where|with)\s*\}\s*\\q?quad)?",
            r"\\text\{\s*,?\s*(and|or|where|with)\s*\}",
            r";",
        ]
        for part in _depth_split(row, seps):
            piece = part.replace("&", " ").strip()
            piece = re.sub(r"[\s,.:;]+$", "", piece).strip()
            if piece.startswith("[") and piece.endswith("]"):
                piece = piece[1:-1].strip()
            piece = re.sub(r"[\s,.:;]+$", "", piece).strip()
            piece = re.sub(r"^\d+\.\s*\\rightarrow", "", piece).strip()
            piece = re.sub(
                r"^\\(therefore|because|hence|implies|Rightarrow)(?![A-Za-z])", "", piece
            )
            piece = piece.strip()
            if not piece or re.fullmatch(r"\(?\d+\)?", piece):
                continue
            if re.match(r"\\text\{\s*(for|where|if|with|as|since|let)\b", piece):
                out.append(Chain(here, (piece,), (), piece, unread="a condition in words"))
                continue
            sides, rels = _split_chain(piece)
            continued = bool(rels) and not sides[0].strip()
            if (
                continued
                and out
                and out[-1].rels
                and not out[-1].unread
                and row_line_start(out, body)
            ):
                prev = out[-1]  # an aligned row "&= …": the chain of the row before goes on
                out[-1] = Chain(
                    prev.line,
                    prev.sides + tuple(sides[1:]),
                    prev.rels + tuple(rels),
                    prev.text + " " + piece,
                    prev.continued,
                )
                continue
            if continued:
                sides = sides[1:]
                rel0, rels = rels[0], rels[1:]
                out.append(Chain(here, tuple(sides), (rel0, *rels), piece, continued=True))
            else:
                out.append(Chain(here, tuple(sides), tuple(rels), piece))
        row_line += row.count("\n")
    return out


# -- rewriting the notation ----------------------------------------------------------------


def _match_close(text: str, i: int, open_: str, close: str) -> int:
    """Index of the bracket closing the one at ``text[i]``."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == open_:
            depth += 1
        elif text[j] == close:
            depth -= 1
            if depth == 0:
                return j
    raise Unreadable(f"unbalanced {open_}")


def _bars(text: str) -> str:
    if "\\left|" in text or "\\lvert" in text:
        return text
    out, opened = [], False
    for i, ch in enumerate(text):
        if ch == "|" and (i == 0 or text[i - 1] != "\\"):
            out.append("\\right|" if opened else "\\left|")
            opened = not opened
        else:
            out.append(ch)
    return "".join(out)


def rewrite(text: str) -> str:
    """The course's notation rewritten into the parser's LaTeX subset (or Unreadable)."""
    s = text
    s = re.sub(r"\\(displaystyle|textstyle|[Bb]igg?[lr]?|nonumber|notag)(?![A-Za-z])", " ", s)
    s = re.sub(r"\{,\}", "", s)
    s = re.sub(r"\\(mathbf|boldsymbol|bm|mathcal|mathit|vec|mathsf)\{([^{}]*)\}", r"\2", s)
    s = re.sub(r"\\(mathbf|boldsymbol|bm)\s*([A-Za-z])", r"\2", s)
    s = re.sub(r"\\(bar|tilde|overline)\{([A-Za-z])\}", r"\2bar", s)
    s = re.sub(r"\\hat\s*\{\s*([A-Za-z])\s*\}", r"\\hat{\1}", s)
    s = re.sub(r"\\widehat", r"\\hat", s)
    s = re.sub(r"_\{?\\(star|ast)\}?", "star", s)
    s = re.sub(r"_\{?\\infty\}?", "inf", s)
    s = re.sub(r"(\\?[A-Za-z]+|\})_\{\\(?:text|mathrm)\{([A-Za-z]+)\}\}", _name_join, s)
    # x^{(t)} (iterate index) and x_i^{(k)} (coordinate i at step k)
    s = re.sub(r"_([a-z])\^\{\(([^{}()]*)\)\}", r"_{\2}", s)
    s = re.sub(r"\^\{\(([^{}()]*)\)\}", r"_{\1}", s)
    s = re.sub(r"\^\(([^{}()]*)\)", r"_{\1}", s)
    # coordinates [i]: per-coordinate (scalar) reading
    s = re.sub(r"(?<=[\w})])\s*\[[ijd]\]", "", s)
    # \nabla w_t and \nabla b_t are two gradient sequences (∇w, ∇b), not one
    s = re.sub(
        r"\\nabla\s*(?:\\mathbf\{([A-Za-z])\}|([A-Za-z]))(?![A-Za-z])(?!\s*(\\left)?\s*\()",
        lambda m: r"\mathrm{nabla" + (m.group(1) or m.group(2)) + "}",
        s,
    )
    # x_i^{(k)}: coordinate i at step k, read per coordinate as x_k
    s = re.sub(r"_([a-z])\^\{\(([^{}()]*)\)\}", r"_{\2}", s)
    s = re.sub(r"(?<![A-Za-z\\])e\^\{", r"\\exp{", s)
    s = _gradients(s)
    s = re.sub(r"\\ell(?![A-Za-z])", "ell", s)
    s = re.sub(r"\\star(?![A-Za-z])", "star", s)
    s = re.sub(r"\\(text|mathrm|operatorname)\{\s*(sign|sgn)\s*\}", "sign", s)
    if re.search(r"\\text\{", s):
        raise Unreadable("words inside the formula")
    s = _bars(s)
    return s


def _name_join(m: re.Match) -> str:
    base = m.group(1).lstrip("\\")
    return base + m.group(2)


def _gradients(s: str) -> str:
    r"""``\nabla C(\theta_{t})`` → ``nablaC_{t}``, ``\nabla w_t`` → ``nablaw_t``."""
    out = []
    i = 0
    pat = re.compile(r"\\nabla\s*(\\?[A-Za-z]+)(_\{[^{}]*\}|_[A-Za-z0-9])?\s*(\\left)?\s*\(")
    while True:
        m = pat.search(s, i)
        if not m:
            break
        name = m.group(1).lstrip("\\")
        if not m.group(3) and name in ("left",):
            break
        open_at = m.end() - 1
        close = _match_close(s, open_at, "(", ")")
        args = s[open_at + 1 : close]
        sub = m.group(2)
        if not sub:
            im = re.search(r"_(\{[^{}]*\}|[A-Za-z0-9])", args)
            sub = "_" + im.group(1) if im else ""
        out.append(s[i : m.start()] + f" nabla{name}{sub} ")
        i = close + 1
        if s[close - 6 : close] == "\\right":
            pass
    out.append(s[i:])
    s = "".join(out)
    s = re.sub(r"\\right\s*(?=\s*nabla)", "", s)
    return re.sub(r"\\nabla\s*\\?([A-Za-z])", r"nabla\1", s)


# -- parsing ---------------------------------------------------------------------------------


class DocBuilder(Builder):
    """The package's builder, with indexed names kept as sequences ``seq_m(t - 1)``.

    Works with both the subscript hooks of the parser (``subscripted``) and the older
    ``indexed``; ``E[…]`` and ``Var(…)`` become :data:`Expect` and :data:`Variance`.
    """

    _KEEP = frozenset({"beta", "b"})

    def _seq(self, base: str, sub: sp.Expr, pos) -> sp.Expr:
        base = re.sub(r"[^A-Za-z0-9_]", "", base).strip("_") or "x"
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,23}", base):
            raise ParseError("invalid indexed name", token=base, position=pos)
        if sub.is_Integer and (sub < 0 or sub > 10**4):
            raise ParseError("index out of range", token=base, position=pos)
        out = seq(base)(sub)
        if hasattr(self, "index_of"):
            self.index_of.setdefault(out, sub)
        return out

    def name(self, name: str, pos: int | None) -> sp.Expr:
        if name in self.bound:
            return self.bound[name]
        m = re.fullmatch(r"([A-Za-z][A-Za-z_]*?)_?(\d+)", name)
        if m and m.group(1) not in self._KEEP and int(m.group(2)) <= 10**4:
            return self._seq(m.group(1), sp.Integer(int(m.group(2))), pos)
        return super().name(name, pos)

    def indexed(self, base: str, sub: sp.Expr, pos: int | None, label: str) -> sp.Expr:
        if base in self._KEEP and sub.is_Integer:
            return super().name(f"{base}{int(sub)}", pos)
        return self._seq(base, sub, pos)

    def subscripted(self, base: str, sub: sp.Expr, pos: int | None) -> sp.Expr:
        if base in self._KEEP and sub.is_Integer:
            return super().name(f"{base}{int(sub)}", pos)
        return self._seq(base, sub, pos)

    def label_name(self, label: str, pos: int | None) -> sp.Expr:
        m = re.fullmatch(r"([A-Za-z][A-Za-z0-9_]*)_\{(star|ast|infty|inf)\}", label)
        if m:
            suffix = "inf" if m.group(2) in ("infty", "inf") else "star"
            return self.scope.resolve(m.group(1) + suffix, pos)
        raise ParseError("a name with a subscript it cannot read", token=label, position=pos)

    def opaque_function(self, name: str, args: list[sp.Expr], pos: int | None) -> sp.Expr:
        if name in ("E", "Expect") and len(args) == 1:
            return Expect(args[0])
        if name in ("Var", "Variance") and len(args) == 1:
            return Variance(args[0])
        raise ParseError(f"an operator with no definition ({name})", token=name, position=pos)

    def gradient(self, index: sp.Expr | None, pos: int | None) -> sp.Expr:
        if index is None:
            return self.scope.resolve("nabla", pos)
        return self._seq("nabla", index, pos)

    def _open_indexed(self, body: sp.Expr, pos: int | None) -> sp.Expr:
        return body

    def end_sum(self, sym, index, body, lo, hi, pos):
        del self.bound[index]
        for b in (lo, hi):
            if b.is_number and not b.is_Integer:
                raise ParseError("summation bounds must be integers", token="sum", position=pos)
        if lo.is_Integer and hi.is_Integer:
            if int(hi) - int(lo) + 1 > MAX_SUM_TERMS:
                raise ParseError("sum has too many terms", token="sum", position=pos)
            terms = [body.xreplace({sym: sp.Integer(i)}) for i in range(int(lo), int(hi) + 1)]
            return sp.Add(*terms)
        k = sp.Dummy(index, integer=True)
        return sp.Sum(body.xreplace({sym: k}), (k, lo, hi))

    def finish(self, expr: sp.Expr, pos: int | None = None) -> sp.Expr:
        if any(x.name == "nabla" for x in getattr(expr, "free_symbols", ())):
            # ∇f(w): the gradient of a function, not a number called ∇
            raise Unreadable("a gradient ∇f(…) (read only for a function the document defines)")
        return expr


def _operators(s: str, parse) -> tuple[str, dict[str, sp.Expr]]:
    """Replace ``\\mathbb{E}[…]``, ``Var(…)`` and ``\\int_a^b f\\,dx`` by placeholders."""
    table: dict[str, sp.Expr] = {}
    heads = re.compile(r"()()()()\\int_\{?([^{}]*?)\}?\^\{")
    while True:
        m = heads.search(s)
        if not m:
            break
        key = f"\\chi_{{{900 + len(table)}}}"
        if m.group(5) is not None:  # integral
            open_at = m.end() - 1
            close = _match_close(s, open_at, "{", "}")
            hi = parse(s[open_at + 1 : close])
            lo = parse(m.group(5))
            rest = s[close + 1 :]
            fm = re.match(r"\s*\\frac\{\s*d([a-z])\s*\}\{(.*)\}\s*$", rest)
            if fm:
                var, body = fm.group(1), "\\frac{1}{" + fm.group(2) + "}"
            else:
                fm = re.match(r"\s*(.*?)\s*\\?,?\s*d([a-z])\s*$", rest)
                if not fm:
                    raise Unreadable("an integral it cannot read")
                var, body = fm.group(2), fm.group(1)
            x = sp.Symbol(var, positive=True)
            f = parse(body).xreplace({sp.Symbol(var, real=True): x})
            try:
                val = sp.integrate(f, (x, lo, hi))
            except Exception:
                raise Unreadable("an integral it cannot do") from None
            if val.has(sp.Integral):
                raise Unreadable("an integral it cannot do")
            table[key] = val
            s = s[: m.start()] + " " + key
            continue
        open_at = m.end() - 1
        close_ch = "]" if s[open_at] == "[" else ")"
        close = _match_close(s, open_at, s[open_at], close_ch)
        inner = s[open_at + 1 : close]
        inner = re.sub(r"\\right\s*$", "", inner)
        op = Expect if m.group(1) is not None else Variance
        table[key] = op(parse(inner))
        s = s[: m.start()] + f" {key} " + s[close + 1 :]
    return s, table


def parse_side(text: str, scope: Scope, notes: list[str] | None = None) -> sp.Expr:
    """One side of a relation, as a SymPy expression (Unreadable with the reason if not).

    Readings worth showing (a sum written with an ellipsis) are appended to ``notes``."""

    def parse(piece: str) -> sp.Expr:
        return parse_side(piece, scope)

    if not text.strip():
        raise Unreadable("an empty side")
    s, table = _operators(range_sums(text), parse)
    for pat, reason in _UNREADABLE:
        if re.search(pat, s):
            raise Unreadable(f"contains {reason}")
    for c in set(re.findall(r"\[([ijd])\]", s)):
        if re.search(r"\\sum_\{?\s*" + c + r"\s*=", s):
            raise Unreadable(
                f"a sum over the coordinate index {c} (vectors are read one coordinate at a time)"
            )
    return _build(s, scope, table, DocBuilder, notes)


def _build(
    s: str, scope: Scope, table: dict, builder_cls: type, notes: list[str] | None = None
) -> sp.Expr:
    """Parse the rewritten display ``s`` with ``builder_cls`` and put the table's
    placeholders (``chi_{900+i}``) back; ParseError and deep nesting become Unreadable."""
    from adaproof.derivations.parsing.latex import parse_latex
    from adaproof.derivations.parsing.text import check_length, normalize

    s = light_rewrite(s)
    try:
        check_length(s)
        builder = builder_cls(scope)
        expr = builder.finish(parse_latex(normalize(s, latex=True), builder))
    except ParseError as exc:
        raise Unreadable(f"could not read: {exc}") from None
    except RecursionError:
        raise Unreadable("nested too deeply") from None
    if notes is not None:
        notes.extend(r for r in builder.readings if " as the sum over " in r)
    if table:
        reps = {seq("chi")(sp.Integer(900 + i)): v for i, v in enumerate(table.values())}
        expr = expr.xreplace(reps)
    return expr


def repair(s: str) -> str:
    r"""``\mathbf{x}k``, ``\mathbf{m}{k-1}``: a subscript that lost its underscore."""
    s = re.sub(r"(\\(?:mathbf|boldsymbol|bm)\{[A-Za-z]\})(?=[a-z](?![A-Za-z]))", r"\1_", s)
    return re.sub(r"(\\(?:mathbf|boldsymbol|bm)\{[A-Za-z]\})(?=\{)", r"\1_", s)


def light_rewrite(s: str) -> str:
    r"""What the parser does not read itself: coordinates ``[i]``, ``_\star``, ``_\infty``."""
    s = re.sub(r"\\(displaystyle|textstyle|[Bb]igg?[lr]?)(?![A-Za-z])", " ", s)
    s = re.sub(r"\{,\}", "", s)
    s = re.sub(r"(?<=[\w})])\s*\[[ijd]\]", "", s)
    # \nabla w_t and \nabla b_t are two gradient sequences (∇w, ∇b), not one
    s = re.sub(
        r"\\nabla\s*(?:\\mathbf\{([A-Za-z])\}|([A-Za-z]))(?![A-Za-z])(?!\s*(\\left)?\s*\()",
        lambda m: r"\mathrm{nabla" + (m.group(1) or m.group(2)) + "}",
        s,
    )
    # x_i^{(k)}: coordinate i at step k, read per coordinate as x_k
    s = re.sub(r"_([a-z])\^\{\(([^{}()]*)\)\}", r"_{\2}", s)
    return s


# -- vectors with explicit coordinates -------------------------------------------------------

#: the reasons for which a side is tried again with the vector reading
VECTOR_REASONS = ("an inner product", "a norm", "a sum over the coordinate index")
Coord = sp.Function("Coord")  # Coord(x, i): coordinate i of the vector x
Norm = sp.Function("Norm")  # the Euclidean norm
Inner = sp.Function("Inner")  # the standard inner product
_NAME = r"(?:\\(?:mathbf|boldsymbol|bm)\{[A-Za-z]\}|\\?[A-Za-z]+?)(?:_\{[^{}]*\}|_\\?[A-Za-z0-9]+)?"


class VectorBuilder(DocBuilder):
    """The document builder, with coordinates, norms and inner products kept as operators."""

    def opaque_function(self, name: str, args: list[sp.Expr], pos: int | None) -> sp.Expr:
        if name == "coord" and len(args) == 2:
            return Coord(*args)
        if name == "inner" and len(args) == 2:
            return Inner(*args)
        if name == "norm_2" and len(args) == 1:
            return Norm(*args)
        return super().opaque_function(name, args, pos)


def range_sums(s: str) -> str:
    r"""``x_{a:b}^2[i]`` → ``(\sum_{\tau=a}^{b} x_{\tau}[i]^2)``: the range-sum notation
    (a sum over the index range a..b of the squared coordinate)."""
    var = next(v for v in ("\\tau", "\\kappa", "\\nu", "\\varsigma") if v not in s)
    return re.sub(
        r"(" + _NAME.split("(?:_")[0] + r")_\{([A-Za-z0-9]+):([A-Za-z0-9]+)\}\^\{?2\}?(\[[ij]\])?",
        lambda m: (
            f"\\left(\\sum_{{{var}={m.group(2)}}}^{{{m.group(3)}}} "
            f"{m.group(1)}_{{{var}}}{m.group(4) or ''}^{{2}}\\right)"
        ),
        s,
    )


def _vector_text(s: str) -> str:
    r"""Coordinates ``x_t[i]`` → ``\operatorname{coord}(x_t, i)``; ``\|x\|`` → the 2-norm."""
    if re.search(r"\\\|[^|]*?\\\|\s*_\s*\{?\s*(\\infty|\\inf|[0-9A-Za-z]+:)", s):
        raise Unreadable("contains a norm other than the Euclidean one (‖·‖_∞, ‖·‖_{a:b})")
    s = re.sub(r"\\(lVert|rVert|Vert)(?![A-Za-z])", r"\\|", s)
    s = re.sub(r"(\\\|[^|]*?\\\|)\s*(_\s*\{?\s*2\s*\}?)?", r"\1_{2}", s)
    # a power written before the coordinate, x_t^2[i], is the power of the coordinate
    s = re.sub(r"(" + _NAME + r")\^(\{[^{}]*\}|[0-9])\s*\[([ijk])\]", r"\1[\3]^\2", s)
    s = re.sub(r"(" + _NAME + r")\s*\[([ijk])\]", r"\\operatorname{coord}(\1, \2)", s)
    if re.search(r"\[[ijk]\]", s):
        raise Unreadable("a coordinate [i] of an expression that is not a name")
    return s


def parse_vector_side(text: str, scope: Scope) -> sp.Expr:
    """One side read with vectors: ``x[i]`` a coordinate, ``‖x‖`` the Euclidean norm,
    ``⟨a, b⟩`` the inner product (all kept as operators); Unreadable with the reason if not."""
    if not text.strip():
        raise Unreadable("an empty side")
    s = _vector_text(range_sums(text))
    s, table = _operators(s, lambda piece: parse_vector_side(piece, scope))
    for pat, reason in _UNREADABLE:
        if reason.startswith(("a norm", "an inner product")):
            continue
        if re.search(pat, s):
            raise Unreadable(f"contains {reason}")
    return _build(s, scope, table, VectorBuilder)
