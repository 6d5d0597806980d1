r"""A display or a line of mathematics split into the relations it states.

:func:`split_relations` reads what a document or a student writes around its relations:

* chains ``a = b = c`` and ``a \le b = c``: one link per relation sign, each between
  neighbouring sides;
* several relations on one line: ``A = B, \quad C = D``, ``A = B \quad \text{and} \quad C = D``,
  ``[m_1 = …], \quad [v_1 = …]``;
* environments ``aligned align align* equation equation* split gathered gather`` and
  ``\\`` rows; a row that starts with a relation (``&= …``) continues the last side of the
  row before (or ``previous`` for the first row);
* commentary dropped: ``\text{…}``, ``\tag{…}``, ``\label{…}``, ``\quad``, ``\therefore``,
  enumerations ``2. \rightarrow``, trailing ``, . ; :``, conditions after ``\text{for …}``,
  ``\text{where …}``, ``\forall …``, and the left side of ``\mapsto``;
* limit annotations ``\quad \text{as } t \to \infty`` (or ``as t -> oo``), attached to the
  relation they follow as :attr:`RelationLink.limit`.

Each link is parsed on its own: an unreadable side marks its link (``error``) and leaves the
others readable. Nothing is evaluated; sides are parsed by the package's safe parsers.

>>> links = split_relations(r"v^{(2)} = (1-\beta)\beta g + (1-\beta)g = (1-\beta)(1+\beta)g,")
>>> [(link.lhs_text, link.op) for link in links]
[('v^{(2)}', '='), ('(1-\\beta)\\beta g + (1-\\beta)g', '=')]
>>> [str(link.rhs) for link in links]
['beta*g*(1 - beta) + g*(1 - beta)', 'g*(1 - beta)*(beta + 1)']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp
from adaproof.derivations.parsing.build import Builder
from adaproof.derivations.parsing.latex import _brace_end
from adaproof.derivations.parsing.limits import ParseError
from adaproof.derivations.parsing.notation import Scope
from adaproof.derivations.parsing.text import (
    Mapped,
    check_length,
    looks_like_latex,
    normalize,
)
from adaproof.derivations.parsing.text import split_relations as split_signs

#: environments whose rows are relations (others are refused by name)
ENVIRONMENTS = frozenset(
    {"aligned", "align", "align*", "equation", "equation*", "split", "gathered", "gather"}
    | {"gather*", "alignat", "alignat*", "alignedat", "eqnarray", "eqnarray*", "multline"}
)
#: words of ``\text{…}`` that start a condition: the rest of the row is commentary
_CONDITION_WORDS = ("for", "where", "if", "when", "with", "since", "because", "unless")


@dataclass(frozen=True)
class RelationLink:
    """One relation ``lhs op rhs`` read from a display or a line.

    ``lhs_text``/``rhs_text`` are the sides as written (commentary removed); ``lhs``/``rhs``
    the parsed SymPy expressions, or None when ``error`` (the first :class:`ParseError` of
    the link) is set. ``op`` is one of ``= <= < >= > ≈ ~``; ``op_text`` as written.
    ``readings`` lists the readings chosen where another was possible; ``limit`` is
    ``(variable, point)`` from an ``as t \to \\infty`` annotation; ``row`` the 0-based row of
    an aligned environment; ``start``/``end`` the offsets of the link in the input text;
    ``continued`` is True when the left side comes from the row before (``&= …``).
    """

    lhs_text: str
    op: str
    op_text: str
    rhs_text: str
    lhs: sp.Expr | None = None
    rhs: sp.Expr | None = None
    readings: tuple[str, ...] = ()
    limit: tuple[str, str] | None = None
    row: int = 0
    start: int = 0
    end: int = 0
    continued: bool = False
    error: ParseError | None = None
    latex: bool = True
    #: True when the left side is the right side of the link before (``a = b = c``)
    chained: bool = False

    @property
    def text(self) -> str:
        """``lhs op rhs`` as one line (for messages and for ``verify --claim``)."""
        text = f"{self.lhs_text} {self.op_text} {self.rhs_text}"
        if self.limit is not None:
            var, to = self.limit
            if self.latex:
                point = "\\infty" if to == "oo" else "0"
                text += f" \\quad \\text{{as }} {var} \\to {point}"
            else:
                text += f" as {var} -> {to}"
        return text


@dataclass
class _Side:
    m: Mapped
    expr: sp.Expr | None = None
    error: ParseError | None = None
    readings: list[str] = field(default_factory=list)
    parsed: bool = False
    raw: str = ""


def _blank(chars: list[str], a: int, b: int) -> None:
    for i in range(a, b):
        chars[i] = " "


def _matching(text: str, i: int) -> int:
    """Index just past the brace group starting at text[i] == '{' (or len(text))."""
    end = _brace_end(text, i)
    return len(text) if end < 0 else end


_DROP_RE = re.compile(
    r"\\(?:tag\*?|label|eqref|ref)\s*\{|\\(?:nonumber|notag|therefore|because|displaystyle"
    r"|hfill|nolimits)(?![A-Za-z])|&|\$"
)
_ENV_RE = re.compile(r"\\(begin|end)\s*\{([A-Za-z*]+)\}(?:\{\d+\})?")
_ENUM_RE = re.compile(r"^\s*(?:\d+[.)]|\(\d+\)|[a-z][.)])\s*(?:\\rightarrow|\\Rightarrow|->|→)?\s")
_SEP_CMD_RE = re.compile(
    r"\\(?:quad|qquad|forall|mapsto|Rightarrow|implies|iff|Longrightarrow|Leftrightarrow"
    r"|text|textrm|textit|mbox|hbox|rightarrow|mathrm)(?![A-Za-z])"
)
_LIMIT_RE = re.compile(
    r"(?:\\text\s*\{\s*as\s*\}|\\text\s*\{\s*as\s+|(?<![A-Za-z])as\s+)"
    r"\s*(?P<var>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*\}?\s*"
    r"(?:\\to|\\rightarrow|->|→)\s*(?P<to>\\infty|oo|∞|inf(?:inity)?|0\^?\{?\+?\}?|0)"
)


def _prepare_latex(m: Mapped) -> tuple[Mapped, list[tuple[int, tuple[str, str]]]]:
    """Blank out environments, tags and punctuation; return the limit annotations found."""
    chars = list(m.text)
    text = m.text
    for env in _ENV_RE.finditer(text):
        if env.group(2) not in ENVIRONMENTS:
            raise ParseError(
                f"environment '{env.group(2)}' is not read (use aligned, align, equation, "
                "split or gathered)",
                token=env.group(),
                position=m.pos(env.start()),
            )
        _blank(chars, env.start(), env.end())
    for d in _DROP_RE.finditer(text):
        end = d.end()
        if d.group().endswith("{"):
            end = _matching(text, end - 1)
        _blank(chars, d.start(), end)
    text = "".join(chars)
    limits = []
    for lm in _LIMIT_RE.finditer(text):
        to = lm.group("to")
        point = "oo" if to.lstrip("\\") in ("infty", "oo", "∞", "inf", "infinity") else "0"
        var = lm.group("var").lstrip("\\")
        limits.append((lm.start(), (var, point)))
        _blank(chars, lm.start(), lm.end())
    return Mapped("".join(chars), m.origin, m.end), limits


def _rows(m: Mapped) -> list[Mapped]:
    """Rows of an aligned environment, split at ``\\\\`` (outside braces)."""
    rows = []
    start = 0
    level = 0
    text = m.text
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and text.startswith("\\\\", i) and level == 0:
            rows.append(m.slice(start, i))
            i += 2
            start = i
            continue
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            level += 1
        elif ch == "}":
            level = max(level - 1, 0)
        i += 1
    rows.append(m.slice(start, len(text)))
    out: list[Mapped] = []
    for row in rows:
        body = row.text.strip()
        if re.fullmatch(r"\\[vcld]?dots", body):
            continue  # a row of dots is layout
        if out and body[:1] in ("+", "-") and not body.startswith("->"):
            # a row starting with + or - continues the expression of the row before
            prev = out[-1]
            joined = Mapped(
                prev.text + " " + row.text, (*prev.origin, prev.end, *row.origin), row.end
            )
            out[-1] = joined
            continue
        out.append(row)
    return out


def _segments(row: Mapped, latex: bool) -> list[tuple[Mapped, bool]]:
    """Split a row at top-level separators; (segment, condition_follows)."""
    text = row.text
    cuts: list[tuple[int, int, bool]] = []  # (start, end, drop_rest)
    level = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and latex:
            mt = _SEP_CMD_RE.match(text, i)
            if mt and level == 0:
                end = mt.end()
                word = ""
                if re.match(r"\\(?:text|textrm|textit|mbox|hbox|mathrm)", mt.group()):
                    k = end
                    while k < len(text) and text[k] == " ":
                        k += 1
                    if text.startswith("{", k):
                        end = _matching(text, k)
                        word = text[k + 1 : end - 1].strip()
                    if mt.group() == "\\mathrm":
                        i = end
                        continue  # \mathrm{e}, \mathrm{sign}: part of the math
                    if re.fullmatch(r"\s*[A-Za-z]{1,4}\s*", word) and word.strip() in (
                        "Var",
                        "var",
                        "Cov",
                        "E",
                        "eff",
                        "sign",
                        "sgn",
                        "exp",
                        "log",
                        "ln",
                    ):
                        i = end
                        continue  # \text{Var}(…): part of the math
                first = word.split()[0].strip("(,.:").lower() if word.split() else ""
                drop = mt.group() == "\\forall" or first in _CONDITION_WORDS
                cuts.append((i, end, drop))
                i = end
                continue
            if text.startswith("\\{", i) or text.startswith("\\}", i):
                level = level + 1 if text[i + 1] == "{" else max(level - 1, 0)
                i += 2
                continue
            if text.startswith("\\langle", i):
                level += 1
            elif text.startswith("\\rangle", i):
                level = max(level - 1, 0)
            i += 2 if i + 1 < len(text) and not text[i + 1].isalpha() else 1
            continue
        if ch in "([{":
            level += 1
        elif ch in ")]}":
            level = max(level - 1, 0)
        elif ch in ",;" and level == 0:
            cuts.append((i, i + 1, False))
        i += 1
    segs: list[tuple[Mapped, bool]] = []
    start = 0
    for a, b, drop in cuts:
        segs.append((row.slice(start, a), drop))
        start = b
        if drop:
            start = len(text)
            break
    segs.append((row.slice(start, len(text)), False))
    # a comma-separated piece without a relation belongs to the piece before (f(x, y) = …)
    merged: list[Mapped] = []
    for seg, _drop in segs:
        if merged and not _has_relation(seg, latex) and seg.text.strip():
            prev = merged[-1]
            if _has_relation(prev, latex) and not _ends_with_separator(row, prev, seg):
                merged[-1] = row.slice(_offset(row, prev), _offset(row, seg) + len(seg.text))
                continue
        merged.append(seg)
    return [(s, False) for s in merged]


def _offset(row: Mapped, part: Mapped) -> int:
    """Offset of a slice of ``row`` within it."""
    if not part.origin:
        return len(row.text)
    first = part.origin[0]
    for k, o in enumerate(row.origin):
        if o == first:
            return k
    return 0


def _ends_with_separator(row: Mapped, prev: Mapped, seg: Mapped) -> bool:
    """True when a \\quad or \\text separated the two (not a bare comma)."""
    a = _offset(row, prev) + len(prev.text)
    b = _offset(row, seg)
    between = row.text[a:b]
    return "\\" in between


_SIGN_RE = re.compile(
    r"<=|>=|==|=|<|>|≈|~|\\(?:leqslant|geqslant|approx|simeq|sim|leq|geq|le|ge|lt|gt)(?![A-Za-z])"
)


def _has_relation(seg: Mapped, latex: bool) -> bool:
    text = seg.text
    level = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and text.startswith(("\\{", "\\}"), i):
            i += 2
            continue
        if text.startswith("\\langle", i):
            level += 1
        elif text.startswith("\\rangle", i):
            level -= 1
        if ch in "([{":
            level += 1
        elif ch in ")]}":
            level -= 1
        elif level == 0:
            mt = _SIGN_RE.match(text, i)
            if mt and (latex or not mt.group().startswith("\\")):
                return True
        i += 1
    return False


def _strip_segment(seg: Mapped) -> Mapped:
    """Drop surrounding blanks, trailing punctuation and an enclosing ``[ … ]``."""
    text = seg.text
    a, b = 0, len(text)
    changed = True
    while changed:
        changed = False
        while a < b and text[a] == " ":
            a += 1
        while b > a and text[b - 1] in " ,.;:":
            if text[b - 1] == "." and b - 2 >= a and text[b - 2].isdigit():
                break  # a number such as 0.5.
            b -= 1
            changed = True
        if b - a >= 2 and text[a] == "[" and text[b - 1] == "]":
            inner = seg.slice(a + 1, b - 1)
            if _balanced(inner.text) and _has_relation(inner, True):
                a, b = a + 1, b - 1
                changed = True
    return seg.slice(a, b)


def _balanced(text: str) -> bool:
    level = 0
    for ch in text:
        if ch in "([{":
            level += 1
        elif ch in ")]}":
            level -= 1
            if level < 0:
                return False
    return level == 0


def _side_text(raw: str, m: Mapped) -> str:
    """The original text of a side (as the user wrote it), stripped."""
    keep = [i for i, ch in enumerate(m.text) if not ch.isspace()]
    if not keep or not m.origin:
        return ""
    a = m.origin[keep[0]]
    b = m.origin[keep[-1]] + 1
    return " ".join(raw[a:b].split())


@dataclass(frozen=True)
class Display:
    """What :func:`split_display` read: the links, and the last side written (``tail``),
    which a following line that starts with a relation continues. For a line without a
    relation ``tail`` is its expression (``tail_error`` when it cannot be read)."""

    links: tuple[RelationLink, ...]
    tail: sp.Expr | None
    tail_text: str
    tail_error: ParseError | None
    readings: tuple[str, ...]


def split_relations(
    text: str,
    scope: Scope | None = None,
    *,
    latex: bool | None = None,
    previous: str | sp.Expr | None = None,
    parse: bool = True,
) -> list[RelationLink]:
    r"""The relations stated in ``text`` (a display, a row or a line), link by link.

    ``scope`` is shared by all sides (a new free-standing :class:`Scope` when None);
    ``previous`` is the text of the side a leading relation continues (the last side of the
    display before, for a display that starts with ``= …``). With ``parse=False`` the sides
    are only split, not parsed. Raises :class:`ParseError` only for input that cannot be
    split at all (too long, an unknown environment); an unreadable side is reported in its
    link's ``error``. ``previous`` may also be a SymPy expression (already parsed).
    """
    return list(split_display(text, scope, latex=latex, previous=previous, parse=parse).links)


def split_display(
    text: str,
    scope: Scope | None = None,
    *,
    latex: bool | None = None,
    previous: str | sp.Expr | None = None,
    parse: bool = True,
) -> Display:
    """Like :func:`split_relations`, also returning the last side (see :class:`Display`)."""
    if not isinstance(text, str):
        raise ParseError("expected text")
    check_length(text, "display")
    raw = text
    if "\x00" in raw:
        raise ParseError("control character", token="\\x00", position=raw.index("\x00"))
    stripped = raw.lstrip("\ufeff")
    is_latex = looks_like_latex(stripped) if latex is None else latex
    m = normalize(raw, latex=is_latex)
    m = Mapped(m.text.replace("\ufeff", " "), m.origin, m.end)
    # $$ … $$ and \[ … \]
    body = re.sub(r"^\s*(\$\$|\\\[)|(\$\$|\\\])\s*$", lambda x: " " * len(x.group()), m.text)
    m = Mapped(body, m.origin, m.end)
    limits: list[tuple[int, tuple[str, str]]] = []
    if is_latex:
        m, limits = _prepare_latex(m)
    else:
        chars = list(m.text)
        for lm in _LIMIT_RE.finditer(m.text):
            to = lm.group("to")
            point = "oo" if to in ("oo", "∞", "inf", "infinity") else "0"
            limits.append((lm.start(), (lm.group("var"), point)))
            _blank(chars, lm.start(), lm.end())
        m = Mapped("".join(chars), m.origin, m.end)
    scope = scope if scope is not None else Scope()
    prev_side: _Side | None = None
    if isinstance(previous, sp.Basic):
        shown = sp.sstr(previous)
        prev_side = _Side(Mapped(shown, tuple(range(len(shown))), len(shown)), raw=shown)
        prev_side.expr, prev_side.parsed = previous, True
    elif previous is not None and previous.strip():
        pm = normalize(previous, latex=is_latex)
        prev_side = _Side(pm, raw=previous)
    links: list[RelationLink] = []
    rows = _rows(m) if is_latex else [m]
    for r, row in enumerate(rows):
        enum = _ENUM_RE.match(row.text)
        if enum:
            row = Mapped(" " * enum.end() + row.text[enum.end() :], row.origin, row.end)
        for seg, _ in _segments(row, is_latex):
            seg = _strip_segment(seg)
            if not seg.text.strip():
                continue
            try:
                pieces, rels = split_signs(seg, latex=is_latex)
            except ParseError as exc:
                links.append(
                    RelationLink(
                        _side_text(raw, seg), "?", "?", "", row=r, error=exc, latex=is_latex
                    )
                )
                continue
            if not rels:
                prev_side = _Side(seg)  # an expression that a following row may continue
                continue
            sides = [_Side(p) for p in pieces]
            continued = False
            if not pieces[0].text.strip():
                if prev_side is None:
                    sides[0] = _Side(
                        pieces[0],
                        error=ParseError(
                            f"missing expression before '{rels[0]}'", position=pieces[0].pos(0)
                        ),
                        parsed=True,
                    )
                else:
                    sides[0] = prev_side
                    continued = True
            seg_start = seg.pos(0)
            seg_end = seg.origin[-1] + 1 if seg.origin else seg.end
            for k, rel in enumerate(rels):
                left, right = sides[k], sides[k + 1]
                op_text = _op_text(seg, pieces[k], pieces[k + 1])
                if parse:
                    for side in (left, right):
                        _parse_side(side, scope, is_latex)
                err = left.error or right.error
                if not right.m.text.strip() and err is None:
                    err = ParseError(f"missing expression after '{rel}'", position=right.m.end)
                readings = tuple(dict.fromkeys(left.readings + right.readings))
                links.append(
                    RelationLink(
                        lhs_text=_side_text(left.raw or raw, left.m),
                        op=rel,
                        op_text=op_text,
                        rhs_text=_side_text(raw, right.m),
                        lhs=None if err else left.expr,
                        rhs=None if err else right.expr,
                        readings=readings,
                        row=r,
                        start=seg_start,
                        end=seg_end,
                        continued=continued and k == 0,
                        chained=k > 0,
                        error=err,
                        latex=is_latex,
                    )
                )
            prev_side = sides[-1]
    links = _attach_limits(links, [(m.pos(at), lim) for at, lim in limits])
    tail, tail_text, tail_error = None, "", None
    if prev_side is not None:
        if parse:
            _parse_side(prev_side, scope, is_latex)
        tail, tail_error = prev_side.expr, prev_side.error
        tail_text = _side_text(prev_side.raw or raw, prev_side.m)
    readings = [r for link in links for r in link.readings]
    if prev_side is not None:
        readings += prev_side.readings
    return Display(tuple(links), tail, tail_text, tail_error, tuple(dict.fromkeys(readings)))


def _attach_limits(
    links: list[RelationLink], limits: list[tuple[int, tuple[str, str]]]
) -> list[RelationLink]:
    """An annotation ``as t -> oo`` belongs to the last relation written before it."""
    from dataclasses import replace

    out = list(links)
    for at, lim in limits:
        before = [i for i, link in enumerate(out) if link.end <= at]
        if before:
            i = before[-1]
            out[i] = replace(out[i], limit=lim)
    return out


def _op_text(seg: Mapped, left: Mapped, right: Mapped) -> str:
    a = len(left.text) + _offset(seg, left) if left.origin else 0
    b = _offset(seg, right) if right.origin else len(seg.text)
    return seg.text[a:b].strip() or "="


def _parse_side(side: _Side, scope: Scope, latex: bool) -> None:
    if side.parsed:
        return
    side.parsed = True
    if not side.m.text.strip():
        side.error = ParseError("empty expression", position=side.m.pos(0))
        return
    builder = Builder(scope)
    try:
        if latex:
            from adaproof.derivations.parsing.latex import parse_latex

            expr = parse_latex(side.m, builder)
        else:
            from adaproof.derivations.parsing.plain import parse_plain

            expr = parse_plain(side.m, builder)
        side.expr = builder.finish(expr, side.m.pos(0))
    except ParseError as exc:
        side.error = exc
    side.readings = list(builder.readings)


__all__ = ["ENVIRONMENTS", "Display", "RelationLink", "split_display", "split_relations"]
