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
    '<math display="inline"><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow></math>'
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
