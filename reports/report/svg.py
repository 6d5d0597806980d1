"""Figures as inline SVG: parsed, checked against an allowlist, ids made unique.

Several matplotlib SVGs in one HTML document share id names (``patch_1``,
glyph ids such as ``DejaVuSans-30``, clip paths), and a clip-path reference
would then resolve to another figure's element. Every id and every local
reference (``url(#…)``, ``href="#…"``) is therefore prefixed per figure. The
SVG is rebuilt element by element: scripts, ``foreignObject``, event-handler
attributes and non-local references are rejected rather than copied, and all
text and attribute values are escaped here. Metadata (``<metadata>``, the RDF
block matplotlib writes) is dropped.

The inlined copy is also made lighter than the file (the page carries every
figure): ids nothing refers to are dropped, the others shortened, groups without
attributes unwrapped, positions (path data, x/y, the
offsets of ``translate``) are rounded to 0.1 of a point (an eighth of a pixel at
the size the page shows a figure; scale factors are kept exactly), and the
indentation between elements is left out. The files under ``figures/`` are not
touched.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "defs",
        "style",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "use",
        "clipPath",
        "mask",
        "image",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "title",
        "desc",
        "symbol",
    }
)
DROPPED = frozenset({"metadata"})

_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_URL_REF = re.compile(r"url\(#([A-Za-z0-9_.\-]+)\)")
_SAFE_STYLE = re.compile(r"^[^<>@\\]*$")  # no tags, no @import, no escapes in CSS
_SELECTOR = re.compile(r"(^|})\s*([^{}]+?)\s*\{")
_DATA_IMAGE = re.compile(r"^data:image/png;base64,[A-Za-z0-9+/=\s]*$")
_REFERENCED = re.compile(r"(?:href=\"#|url\(#)([A-Za-z0-9_.\-]+)")
_DECIMAL = re.compile(r"-?\d+\.\d+")
#: Attributes holding positions, rounded in the inlined copy (never the root's size).
GEOMETRY = frozenset({"d", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "points"})
_TRANSLATE = re.compile(r"translate\(([^)]*)\)")
_ONLY_TRANSLATE = re.compile(r"^translate\(\s*(-?[\d.]+)(?:[\s,]+(-?[\d.]+))?\s*\)$")
_PATH_SPACE = re.compile(r"\s*([MLQCZHVSTAmlqczhvstaz])\s*|\s{2,}")
#: Elements whose text is content (kept exactly, whitespace included).
TEXT_ELEMENTS = frozenset({"text", "tspan", "style", "title", "desc"})


def _round(match: re.Match[str]) -> str:
    value = f"{float(match.group()):.1f}".rstrip("0").rstrip(".")
    return "0" if value == "-0" else value


def _lighter(attr: str, value: str) -> str:
    """``value`` of a geometry attribute with positions rounded and spaces squeezed."""
    if attr == "transform":
        return _TRANSLATE.sub(lambda m: f"translate({_DECIMAL.sub(_round, m.group(1))})", value)
    value = _DECIMAL.sub(_round, value)
    if attr == "d":
        value = _PATH_SPACE.sub(lambda m: m.group(1) or " ", value).strip()
    return value


class UnsafeSVG(ValueError):
    """The SVG contains something the report does not inline."""


def _local(tag: str) -> str:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        if ns != SVG_NS:
            raise UnsafeSVG(f"foreign namespace {ns!r}")
        return name
    return tag


def _attr_name(key: str) -> str:
    if key.startswith("{"):
        ns, _, name = key[1:].partition("}")
        if ns == XLINK_NS and name == "href":
            return "href"  # SVG 2 reads plain href; Chromium supports it
        if ns == "http://www.w3.org/XML/1998/namespace" and name == "space":
            return "xml:space"
        raise UnsafeSVG(f"attribute {key!r} not allowed")
    return key


def inline_svg(svg_text: str, prefix: str, *, label: str = "") -> str:
    """Return ``svg_text`` as one sanitized ``<svg>`` element for an HTML page.

    ``prefix`` (letters, digits, ``-``) is prepended to every id (ids are renamed
    consistently, references follow them). ``label``
    becomes the SVG's accessible name (``role="img"`` and ``aria-label``).
    Raises :class:`UnsafeSVG` if the input is not plain drawing markup.
    """
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9\-]*", prefix):
        raise ValueError(f"prefix must be letters, digits and '-', got {prefix!r}")
    try:
        root = ET.fromstring(svg_text.encode("utf-8"))
    except ET.ParseError as exc:
        raise UnsafeSVG(f"malformed SVG: {exc}") from exc
    if _local(root.tag) != "svg":
        raise UnsafeSVG("root element is not <svg>")

    short: dict[str, str] = {"root": "root"}

    def ref(name: str) -> str:
        # every id gets a short name (base 36, in document order): glyphs and markers are
        # referenced thousands of times
        if name not in short:
            n, digits = len(short), ""
            while True:
                n, r = divmod(n, 36)
                digits = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + digits
                if not n:
                    break
            short[name] = digits
        return f"{prefix}-{short[name]}"

    referenced = set(_REFERENCED.findall(svg_text))

    out: list[str] = []

    def attr_value(name: str, value: str) -> str:
        if name.lower().startswith("on"):
            raise UnsafeSVG(f"event handler attribute {name!r}")
        if name == "id":
            if not _ID.match(value):
                raise UnsafeSVG(f"id {value!r}")
            return ref(value)
        if name == "href":
            if value.startswith("#") and _ID.match(value[1:]):
                return "#" + ref(value[1:])
            if _DATA_IMAGE.match(value):
                return value
            raise UnsafeSVG("non-local reference")
        if "url(" in value:
            value = _URL_REF.sub(lambda m: f"url(#{ref(m.group(1))})", value)
            if re.search(r"url\((?!#)", value):
                raise UnsafeSVG("non-local url()")
        if name == "style" and not _SAFE_STYLE.match(value):
            raise UnsafeSVG("style attribute")
        return value

    def walk(el: ET.Element, top: bool) -> None:
        name = _local(el.tag)
        if name in DROPPED:
            return
        if name not in ELEMENTS:
            raise UnsafeSVG(f"element {name!r} not allowed")
        attrs: dict[str, str] = {}
        for key, value in el.attrib.items():
            attr = _attr_name(key)
            if attr == "id" and value not in referenced and not top:
                attr_value(attr, value)  # still checked, then dropped: nothing points to it
                continue
            value = attr_value(attr, value)
            if (attr in GEOMETRY or attr == "transform") and not top:
                value = _lighter(attr, value)
            elif attr == "style":
                value = re.sub(r"\s*([:;])\s*", r"\1", value)
            attrs[attr] = value
        m = _ONLY_TRANSLATE.match(attrs.get("transform", "")) if name == "use" else None
        if m and "x" not in attrs and "y" not in attrs:
            del attrs["transform"]  # the same shift, shorter
            attrs["x"], attrs["y"] = m.group(1), m.group(2) or "0"
        if name == "g" and not attrs and not top and not (el.text or "").strip():
            for child in el:  # a bare group: its children stand for it
                walk(child, False)
            return
        if top:
            attrs["id"] = ref("root")
            attrs["role"] = "img"
            if label:
                attrs["aria-label"] = label
            attrs["xmlns"] = SVG_NS
        rendered = "".join(
            f' {k}="{escape(v, quote=True)}"'
            for k, v in sorted(attrs.items(), key=lambda kv: kv[0])
        )
        out.append(f"<{name}{rendered}>")
        text = el.text or ""
        if name == "style":
            if not _SAFE_STYLE.match(text) or "url(" in text:
                raise UnsafeSVG("style element")
            # matplotlib's <style> is a generic rule ("*{stroke-linejoin: round}");
            # scope it to this figure so it cannot restyle the page.
            text = _SELECTOR.sub(lambda m: f"{m.group(1)}#{ref('root')} {m.group(2)}{{", text)
        keep = name in TEXT_ELEMENTS
        if not len(el) and not (keep and text) and not text.strip():
            out[-1] = out[-1][:-1] + "/>"  # empty: self-closing, valid for SVG inside HTML
            return
        out.append(escape(text if keep or text.strip() else "", quote=False))
        for child in el:
            walk(child, False)
            tail = child.tail or ""
            out.append(escape(tail if keep or tail.strip() else "", quote=False))
        out.append(f"</{name}>")

    walk(root, True)
    return "".join(out)
