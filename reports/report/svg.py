"""Figures as inline SVG: parsed, checked against an allowlist, ids made unique.

Several matplotlib SVGs in one HTML document share id names (``patch_1``,
glyph ids such as ``DejaVuSans-30``, clip paths), and a clip-path reference
would then resolve to another figure's element. Every id and every local
reference (``url(#…)``, ``href="#…"``) is therefore prefixed per figure. The
SVG is rebuilt element by element: scripts, ``foreignObject``, event-handler
attributes and non-local references are rejected rather than copied, and all
text and attribute values are escaped here. Metadata (``<metadata>``, the RDF
block matplotlib writes) is dropped.
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

    ``prefix`` (letters, digits, ``-``) is prepended to every id. ``label``
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

    def ref(name: str) -> str:
        return f"{prefix}-{name}"

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
            attrs[attr] = attr_value(attr, value)
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
        out.append(escape(text, quote=False))
        for child in el:
            walk(child, False)
            out.append(escape(child.tail or "", quote=False))
        out.append(f"</{name}>")

    walk(root, True)
    return "".join(out)
