r"""Find the displayed formulas of a Markdown or LaTeX document, with their line numbers.

Markdown: ``$$…$$`` and ``\[…\]`` are displays; ``$…$`` is prose (read only for
initial values and givens, never checked); fenced code blocks are skipped.
LaTeX: ``equation``, ``align``, ``aligned``, ``split``, ``gather``, ``multline``
(starred or not), ``\[ \]`` and ``$$ $$``; ``%`` starts a comment.

Directives survive rendering: ``<!-- adaproof: assume 0 < \beta_1 < 1 -->`` in
Markdown, ``% adaproof: assume …`` in LaTeX, and likewise ``adaproof: model …``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: largest document read (characters)
MAX_DOCUMENT = 2_000_000


class DocumentError(ValueError):
    """The document cannot be read (one line: what and where)."""


@dataclass(frozen=True)
class Display:
    """One displayed formula: its LaTeX body and the line it starts on (1-based)."""

    line: int
    text: str
    inline: bool = False
    before: str = ""  # the prose just before it (inline: on its line; display: its sentence)
    after: str = ""  # inline only: the prose just after it on its line ("is a convex function")


@dataclass(frozen=True)
class Directive:
    """An ``adaproof: assume …`` or ``adaproof: model …`` line."""

    line: int
    kind: str  # "assume" | "model"
    text: str


@dataclass(frozen=True)
class Document:
    name: str
    kind: str  # "markdown" | "latex"
    displays: tuple[Display, ...]
    inline: tuple[Display, ...]
    directives: tuple[Directive, ...]


_DIRECTIVE = re.compile(r"adaproof:\s*(assume|model)\b\s*(.*?)\s*(?:-->|$)", re.S)
_LATEX_ENVS = r"equation|align|aligned|alignat|split|gather|gathered|multline|eqnarray"


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _display(text: str, body: str, start: int, work: str, opening: int) -> Display:
    """A display starting where its first non-blank character is, with the prose before it
    (back to the end of the sentence before; earlier displays are already blanked)."""
    lead = len(body) - len(body.lstrip())
    prose = work[max(0, opening - 300) : opening].rstrip()
    cut = max(prose.rfind(". "), prose.rfind(".\n"), prose.rfind("\n\n"))
    before = " ".join(prose[cut + 1 :].split())
    return Display(_line_of(text, start + lead), body[lead:], False, before)


def _after(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[pos : min(end if end >= 0 else len(text), pos + 60)]


def _blank(text: str, a: int, b: int) -> str:
    """Replace text[a:b] by spaces, keeping newlines (so line numbers stay)."""
    return text[:a] + re.sub(r"[^\n]", " ", text[a:b]) + text[b:]


def _before(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    return text[max(start, pos - 40) : pos]


def _inline(text: str, work: str, pattern: str) -> list[Display]:
    """Inline formulas (group 1 of ``pattern``) with the prose around them on their line."""
    return [
        Display(
            _line_of(text, m.start(1)),
            m.group(1),
            True,
            _before(work, m.start()),
            _after(work, m.end()),
        )
        for m in re.finditer(pattern, work)
        if m.group(1) is not None
    ]


def _directives(text: str, pattern: str) -> list[Directive]:
    out = []
    for m in re.finditer(pattern, text, re.S):
        d = _DIRECTIVE.search(m.group(1))
        if d:
            out.append(Directive(_line_of(text, m.start()), d.group(1), d.group(2).strip()))
    return out


def read_markdown(text: str, name: str = "notes.md") -> Document:
    directives = _directives(text, r"<!--(.*?)-->")
    work = text
    for m in re.finditer(r"<!--.*?-->", text, re.S):
        work = _blank(work, m.start(), m.end())
    for m in re.finditer(r"^(```|~~~).*?^\1[^\n]*$", work, re.S | re.M):
        work = _blank(work, m.start(), m.end())
    for m in re.finditer(r"`[^`\n]*`", work):
        work = _blank(work, m.start(), m.end())
    displays = []
    for m in re.finditer(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]", work, re.S):
        body = m.group(1) if m.group(1) is not None else m.group(2)
        start = m.start(1) if m.group(1) is not None else m.start(2)
        displays.append(_display(text, body, start, work, m.start()))
        work = _blank(work, m.start(), m.end())
    inline = _inline(text, work, r"(?<![\\$])\$([^$\n]+?)\$")
    return Document(name, "markdown", tuple(displays), tuple(inline), tuple(directives))


def read_latex(text: str, name: str = "notes.tex") -> Document:
    directives = _directives(text, r"%([^\n]*)")
    work = text
    for m in re.finditer(r"(?<!\\)%[^\n]*", text):
        work = _blank(work, m.start(), m.end())
    for m in re.finditer(r"\\begin\{(verbatim|lstlisting|minted)\}.*?\\end\{\1\}", work, re.S):
        work = _blank(work, m.start(), m.end())
    displays = []
    pat = (
        r"\\begin\{(" + _LATEX_ENVS + r")(\*?)\}(.*?)\\end\{\1\2\}"
        r"|\$\$(.+?)\$\$|\\\[(.+?)\\\]"
    )
    for m in re.finditer(pat, work, re.S):
        for g in (3, 4, 5):
            if m.group(g) is not None:
                body, start = m.group(g), m.start(g)
                break
        if m.group(1) == "alignat":
            body = re.sub(r"^\s*\{\d+\}", "", body)
        displays.append(_display(text, body, start, work, m.start()))
        work = _blank(work, m.start(), m.end())
    inline = _inline(text, work, r"(?<![\\$])\$([^$\n]+?)\$|\\\((.+?)\\\)")
    return Document(name, "latex", tuple(displays), tuple(inline), tuple(directives))


def read_text(text: str, name: str) -> Document:
    """Read a document given as text; ``.tex`` names are LaTeX, anything else Markdown."""
    if len(text) > MAX_DOCUMENT:
        raise DocumentError(f"{name}: document too long ({len(text)} characters)")
    if "\x00" in text:
        raise DocumentError(f"{name}: not a text document (NUL byte)")
    if name.lower().endswith((".tex", ".latex", ".ltx")):
        return read_latex(text, name)
    return read_markdown(text, name)


def read_path(path) -> Document:
    from pathlib import Path

    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > MAX_DOCUMENT:
        raise DocumentError(f"{path}: document too long ({len(raw)} bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return read_text(text, p.name)
