r"""LaTeX claim statements as MathML that is safe to put into the report.

Chromium renders MathML natively, so the page needs no JavaScript for math.
The conversion is done by ``latex2mathml``; its output is *not* trusted:
``latex2mathml`` copies ``\text{...}`` verbatim (``\text{<script>}`` comes
out as a raw ``<script>`` tag), keeps unknown commands as text and turns
``\href``/``\style`` into attributes. So its output is parsed as XML and
rebuilt from an allowlist of MathML elements and attributes, with every text
node and attribute value escaped here. Anything that does not survive that
(malformed output, a foreign element or attribute, an unknown command, a
conversion error) is shown as the escaped LaTeX source in ``<code>`` instead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape

MATHML_NS = "http://www.w3.org/1998/Math/MathML"

#: Presentation MathML elements the report lets through.
ELEMENTS = frozenset(
    {
        "math",
        "mrow",
        "mi",
        "mn",
        "mo",
        "mtext",
        "ms",
        "mspace",
        "msub",
        "msup",
        "msubsup",
        "mfrac",
        "msqrt",
        "mroot",
        "mover",
        "munder",
        "munderover",
        "mstyle",
        "mtable",
        "mtr",
        "mtd",
        "mpadded",
        "mphantom",
    }
)

#: Layout attributes only: no style, href, colour, class or id.
ATTRIBUTES = frozenset(
    {
        "display",
        "mathvariant",
        "stretchy",
        "fence",
        "separator",
        "accent",
        "accentunder",
        "displaystyle",
        "scriptlevel",
        "linethickness",
        "width",
        "height",
        "depth",
        "lspace",
        "rspace",
        "minsize",
        "maxsize",
        "movablelimits",
        "symmetric",
        "largeop",
        "form",
        "columnalign",
        "rowalign",
        "rowspacing",
        "columnspacing",
        "linebreak",
    }
)

# Attribute values are words, numbers and lengths ("0.167em", "-1", "true"): nothing else.
_VALUE = re.compile(r"^[A-Za-z0-9.\- ]{0,40}$")
# Text that is a LaTeX command latex2mathml did not know (it passes "\foo" through).
_UNKNOWN_COMMAND = re.compile(r"\\[A-Za-z]")
# C0 controls other than tab/newline are not allowed in HTML text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: Longest statement converted; longer ones are shown as source (bounded work per claim).
MAX_LATEX = 4000


class Unconvertible(ValueError):
    """The LaTeX could not be turned into allowlisted MathML."""


def _local(tag: str) -> str:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        if ns != MATHML_NS:
            raise Unconvertible(f"foreign namespace {ns!r}")
        return name
    return tag


def _text(s: str | None) -> str:
    if not s:
        return ""
    if _UNKNOWN_COMMAND.search(s):
        raise Unconvertible(f"unconverted command in {s!r}")
    return escape(_CONTROL.sub("", s), quote=False)


def _serialize(el: ET.Element, out: list[str]) -> None:
    name = _local(el.tag)
    if name not in ELEMENTS:
        raise Unconvertible(f"element {name!r} not allowed")
    attrs = []
    for key in sorted(el.attrib):
        if key.startswith("{") or key not in ATTRIBUTES:
            raise Unconvertible(f"attribute {key!r} not allowed")
        value = el.attrib[key]
        if not _VALUE.match(value):
            raise Unconvertible(f"attribute value {value!r} not allowed")
        attrs.append(f' {key}="{escape(value, quote=True)}"')
    out.append(f"<{name}{''.join(attrs)}>")
    out.append(_text(el.text))
    for child in el:
        _serialize(child, out)
        out.append(_text(child.tail))
    out.append(f"</{name}>")


def mathml(latex: str, *, display: bool = False) -> str:
    """Convert LaTeX to allowlisted MathML markup, or raise :class:`Unconvertible`.

    >>> mathml("x^2")
    '<math display="inline"><msup><mi>x</mi><mn>2</mn></msup></math>'
    """
    from latex2mathml.converter import convert

    if not isinstance(latex, str) or not latex.strip():
        raise Unconvertible("empty statement")
    if len(latex) > MAX_LATEX:
        raise Unconvertible(f"statement longer than {MAX_LATEX} characters")
    try:
        raw = convert(latex, display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises many types for bad input
        raise Unconvertible(f"latex2mathml: {type(exc).__name__}") from exc
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise Unconvertible(f"malformed MathML: {exc}") from exc
    if _local(root.tag) != "math":
        raise Unconvertible("root is not <math>")
    if (
        len(root) == 1
        and _local(root[0].tag) == "mrow"
        and not root[0].attrib
        and not (root.text or "").strip()
        and not (root[0].tail or "").strip()
    ):
        # <math> is an inferred <mrow> already: the one around everything only adds bytes
        only = root[0]
        root.remove(only)
        root.text = only.text
        root.extend(list(only))
    out: list[str] = []
    _serialize(root, out)
    return "".join(out)


def math_html(latex: str, *, display: bool = False) -> str:
    """HTML for a LaTeX statement: MathML if it converts safely, else escaped ``<code>``.

    The LaTeX source is kept as the ``<math>``'s accessible label (escaped) so
    that it can be read and copied.

    >>> math_html("<img src=x onerror=alert(1)>").count("<img")
    0
    >>> math_html(r"\\text{<script>}")
    '<code class="tex">\\\\text{&lt;script&gt;}</code>'
    """
    try:
        markup = mathml(latex, display=display)
    except Unconvertible:
        text = latex if isinstance(latex, str) else repr(latex)
        return f'<code class="tex">{escape(_CONTROL.sub("", text), quote=True)}</code>'
    label = escape(_CONTROL.sub("", latex), quote=True)
    return markup.replace("<math ", f'<math alttext="{label}" ', 1)


#: Top-level commands whose argument is split out of the math: prose and code.
_SPLIT = (("\\texttt{", "code"), ("\\text{", "text"))


def _split_text(latex: str) -> list[tuple[str, str]] | None:
    r"""Split at top-level ``\text{...}`` and ``\texttt{...}``: [("math", ...), ("text", ...),
    ("code", ...), ...], or None.

    Only commands at brace depth 0 are split out (``\frac{\text{a}}{b}`` stays whole);
    unbalanced braces give None.
    """
    parts: list[tuple[str, str]] = []
    depth, i, start = 0, 0, 0
    n = len(latex)
    while i < n:
        ch = latex[i]
        split = next((p for p in _SPLIT if latex.startswith(p[0], i)), None) if depth == 0 else None
        if ch == "\\" and split is not None:
            parts.append(("math", latex[start:i]))
            j, inner = i + len(split[0]), 1
            body_start = j
            while j < n and inner:
                if latex[j] == "\\" and j + 1 < n:
                    j += 2
                    continue
                inner += {"{": 1, "}": -1}.get(latex[j], 0)
                j += 1
            if inner:
                return None
            parts.append((split[1], latex[body_start : j - 1]))
            i = start = j
            continue
        if ch == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return None
        i += 1
    parts.append(("math", latex[start:]))
    return [(kind, s) for kind, s in parts if s.strip() or (kind != "math" and s)]


# LaTeX spacing commands and escapes as they appear at the edges of math segments.
_TEXT_ESCAPES = {r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#", r"\_": "_", r"\{": "{", r"\}": "}"}
_ONLY_SPACING = re.compile(r"^(?:\s|\\[ ,;:!]|\\quad|\\qquad)*$")


#: Operators a long formula may be broken before (relations first, then + and -).
_BREAK_BEFORE = re.compile(
    r"(?:=|<|>|\\(?:le|leq|ge|geq|approx|ne|neq|to|ll|gg|sim|simeq|equiv|Rightarrow|iff)"
    r"(?![A-Za-z])|\+|-)"
)
#: Formulas shorter than this (LaTeX characters) stay one piece.
MIN_SPLIT = 40
#: Pieces shorter than this are merged with the next one.
MIN_PIECE = 12


def split_at_operators(latex: str) -> list[str]:
    r"""``latex`` cut before top-level relations and binary ``+``/``-`` into pieces.

    Only cuts outside braces, ``\left...\right`` and parentheses, and never before
    a sign that follows another operator (a unary minus); formulas with
    alignment, line breaks or environments stay whole. Joined, the pieces are
    ``latex`` again.

    >>> split_at_operators(r"v_t = (1-\beta_2)\sum_{k=1}^{t} g_k^2 + \frac{a-b}{c} + x_1 + y_2")
    ['v_t = (1-\\beta_2)\\sum_{k=1}^{t} g_k^2 ', '+ \\frac{a-b}{c} + x_1 + y_2']
    """
    if len(latex) < MIN_SPLIT or re.search(r"\\begin|\\\\|&", latex):
        return [latex]
    cuts, depth, i, n = [], 0, 0, len(latex)
    previous = ""  # last non-space character before i at depth 0
    while i < n:
        ch = latex[i]
        if latex.startswith("\\left", i) and not latex[i + 5 : i + 6].isalpha():
            depth += 1
            i += 5
            continue
        if latex.startswith("\\right", i) and not latex[i + 6 : i + 7].isalpha():
            depth -= 1
            i += 6
            continue
        if ch in "{(":
            depth += 1
        elif ch in "})":
            depth -= 1
        elif depth == 0 and previous and previous not in "=<>+-,({[^_" and not previous.isspace():
            m = _BREAK_BEFORE.match(latex, i)
            if m and not (ch in "<>" and latex[i - 1 : i] == "\\"):
                cuts.append(i)
                previous = latex[m.end() - 1]
                i = m.end()
                continue
        if ch == "\\":
            m = re.match(r"\\([A-Za-z]+|.)", latex[i:])
            word = m.group(0) if m else ch
            previous = "=" if word[1:] in ("le", "leq", "ge", "geq", "approx", "ne", "neq") else "x"
            i += len(word)
            continue
        if not ch.isspace():
            previous = ch
        i += 1
    if depth != 0:
        return [latex]
    pieces, start = [], 0
    for cut in cuts:
        if cut - start >= MIN_PIECE:
            pieces.append(latex[start:cut])
            start = cut
    pieces.append(latex[start:])
    if len(pieces) > 1 and len(pieces[-1].strip()) < MIN_PIECE:
        pieces[-2:] = [pieces[-2] + pieces[-1]]
    return pieces


def _math_pieces(latex: str) -> str:
    """MathML for ``latex``: one ``<math>`` per piece of :func:`split_at_operators`, with a
    line-break opportunity between them (raises :class:`Unconvertible`)."""
    pieces = split_at_operators(latex)
    if len(pieces) == 1:
        return mathml(latex)
    out = []
    for i, piece in enumerate(pieces):
        markup = mathml(piece)
        if i:  # the operator a piece starts with keeps its spacing as a binary operator
            markup = re.sub(r"^(<math[^>]*>(?:<mrow>)*)<mo>", r'\1<mo form="infix">', markup)
        out.append(markup.replace("<math ", '<math class="mp" ', 1))
    return "<wbr>".join(out)


def statement_html(latex: str) -> str:
    r"""A claim statement as HTML: prose from top-level ``\text{}`` as text, code from
    ``\texttt{}`` as ``<code>`` (monospace, LaTeX escapes such as ``\_`` undone), the rest
    as MathML; a long formula is cut before its top-level operators into pieces that
    wrap like words.

    Sentences then wrap like text instead of running off as one ``<mtext>``.
    If any math part does not convert, the whole statement goes through
    :func:`math_html` (MathML for all of it, or the escaped source).

    >>> statement_html(r"\text{dividing by } 1-\beta \text{ de-biases}").count("<math")
    1
    >>> statement_html(r"\texttt{m\_w = 0}")
    '<span class="stmt" title="\\texttt{m\\_w = 0}"><code class="tt">m_w = 0</code></span>'
    """
    parts = _split_text(latex) if isinstance(latex, str) and len(latex) <= MAX_LATEX else None
    if not parts or (
        all(kind == "math" for kind, _ in parts) and len(split_at_operators(latex)) == 1
    ):
        return math_html(latex)
    out = []
    for kind, segment in parts:
        if kind in ("text", "code"):
            for k, v in _TEXT_ESCAPES.items():
                segment = segment.replace(k, v)
            if _UNKNOWN_COMMAND.search(segment):
                return math_html(latex)
            body = escape(_CONTROL.sub("", segment), quote=False)
            out.append(
                f'<code class="tt">{body}</code>'
                if kind == "code"
                else f'<span class="prose">{body}</span>'
            )
        elif _ONLY_SPACING.match(segment):
            out.append(" ")
        else:
            try:
                markup = _math_pieces(segment)
            except Unconvertible:
                return math_html(latex)
            out.append(markup)
    label = escape(_CONTROL.sub("", latex), quote=True)
    return f'<span class="stmt" title="{label}">{"".join(out)}</span>'


_DOLLAR_MATH = re.compile(r"\$([^$]+)\$")


def text_with_math(text: str) -> str:
    r"""Prose with LaTeX between ``$`` signs (figure titles and captions) as HTML.

    The prose is escaped; each ``$...$`` becomes MathML, or its escaped source in
    ``<code>`` if it does not convert.

    >>> html = text_with_math("weights $g_k$ & <b>")
    >>> html.count("<math"), html.endswith(" &amp; &lt;b&gt;")
    (1, True)
    """
    out, pos = [], 0
    text = _CONTROL.sub("", text)
    for m in _DOLLAR_MATH.finditer(text):
        out.append(escape(text[pos : m.start()], quote=False))
        try:
            out.append(mathml(m.group(1)))
        except Unconvertible:
            out.append(f'<code class="tex">{escape(m.group(1), quote=False)}</code>')
        pos = m.end()
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


def plain_text(text: str) -> str:
    """``text`` without the ``$`` math delimiters (for attributes and plain-text outputs)."""
    return _DOLLAR_MATH.sub(lambda m: m.group(1), text)
