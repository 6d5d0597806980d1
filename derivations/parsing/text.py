"""Text before parsing: Unicode spellings made ASCII (keeping a map back to the
original positions), LaTeX detection, and splitting at relation signs."""

from __future__ import annotations

from dataclasses import dataclass

from adaproof.derivations.parsing.limits import MAX_DEPTH, MAX_LENGTH, ParseError
from adaproof.derivations.parsing.notation import GREEK_CHARS

_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789", strict=True))
_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True))
_HAT = "\u0302"

#: relation written by the user -> canonical relation
RELATIONS = ("=", "<=", "<", ">=", ">", "≈", "~")


@dataclass(frozen=True)
class Mapped:
    """A rewritten text and, for each of its characters, the index in the original."""

    text: str
    origin: tuple[int, ...]
    end: int  # length of the original

    def pos(self, i: int) -> int:
        """Original position of rewritten character i."""
        if i < len(self.origin):
            return self.origin[i]
        return self.end

    def slice(self, a: int, b: int) -> Mapped:
        return Mapped(self.text[a:b], self.origin[a:b], self.pos(b))


def looks_like_latex(text: str) -> bool:
    """LaTeX is recognised by a backslash, a brace or an alignment ``&``."""
    return any(ch in text for ch in "\\{}&")


def check_length(text: str, what: str = "input") -> None:
    if len(text) > MAX_LENGTH:
        raise ParseError(
            f"{what} is too long ({len(text)} characters, at most {MAX_LENGTH})",
            position=MAX_LENGTH,
        )


def normalize(raw: str, *, latex: bool) -> Mapped:
    """Rewrite Unicode notation (β₁, ε, m̂, ², ·, −, ≤, √) into the ASCII syntax parsed.

    >>> normalize("β₁·g₁²", latex=False).text
    'beta_1*g_1**2'
    >>> normalize("β₁ m̂₂", latex=True).text
    '\\\\beta _{1} \\\\hat{m}_{2}'
    """
    out: list[str] = []
    origin: list[int] = []

    def emit(s: str, i: int) -> None:
        out.extend(s)
        origin.extend([i] * len(s))

    i = 0
    n = len(raw)
    while i < n:
        ch = raw[i]
        if ch in _SUB or ch in _SUP:
            table = _SUB if ch in _SUB else _SUP
            j = i
            while j < n and raw[j] in table:
                j += 1
            digits = "".join(table[c] for c in raw[i:j])
            if table is _SUB:
                emit(("_{" + digits + "}") if latex else ("_" + digits), i)
            else:
                emit(("^{" + digits + "}") if latex else ("**" + digits), i)
            if not latex and j < n and (raw[j].isalpha() or raw[j] in GREEK_CHARS):
                emit(" ", j)  # β₁g₁ is β₁ g₁, not one name
            i = j
            continue
        if ch == _HAT:
            if not out or not out[-1].isalpha():
                raise ParseError("a hat accent must follow a letter", token=ch, position=i)
            letter = out.pop()
            pos = origin.pop()
            emit(("\\hat{" + letter + "}") if latex else (letter + "_hat"), pos)
        elif ch in GREEK_CHARS:
            name = GREEK_CHARS[ch]
            follows = i + 1 < n and (raw[i + 1].isalpha() and raw[i + 1] not in _SUB)
            emit(("\\" + name + " ") if latex else (name + (" " if follows else "")), i)
        elif ch in "·×⋅∗":
            emit("\\cdot " if latex else "*", i)
        elif ch in "−–":
            emit("-", i)
        elif ch == "√":
            emit("\\sqrt " if latex else "sqrt", i)
        elif ch == "≤":
            emit("\\le " if latex else "<=", i)
        elif ch == "≥":
            emit("\\ge " if latex else ">=", i)
        elif ch == "∇":
            emit("\\nabla " if latex else "nabla ", i)
        elif ch == "⊙":
            emit("\\odot " if latex else "*", i)
        elif ch == "\ufeff" and not out:
            pass  # a byte-order mark at the start
        elif ch == "…" or ch == "⋯":
            emit(" \\dots " if latex else " ... ", i)
        elif ch == "∞":
            emit("\\infty " if latex else "oo", i)
        elif ch in "\t\r\n\u00a0":
            emit(" ", i)
        else:
            emit(ch, i)
        i += 1
    return Mapped("".join(out), tuple(origin), n)


_LATEX_RELS = [
    ("\\leqslant", "<="),
    ("\\geqslant", ">="),
    ("\\approx", "≈"),
    ("\\simeq", "≈"),
    ("\\sim", "~"),
    ("\\leq", "<="),
    ("\\geq", ">="),
    ("\\le", "<="),
    ("\\ge", ">="),
    ("\\lt", "<"),
    ("\\gt", ">"),
]
_PLAIN_RELS = [
    ("<=", "<="),
    (">=", ">="),
    ("==", "="),
    ("=", "="),
    ("<", "<"),
    (">", ">"),
    ("≈", "≈"),
    ("~", "~"),
]
_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}


def split_relations(m: Mapped, *, latex: bool) -> tuple[list[Mapped], list[str]]:
    """Split at relation signs outside brackets; check brackets balance and nest shallowly.

    Returns the pieces and the relations between them (one fewer).
    """
    text = m.text
    stack: list[tuple[str, int]] = []
    pieces: list[Mapped] = []
    rels: list[str] = []
    start = 0
    i = 0
    table = (_LATEX_RELS + _PLAIN_RELS) if latex else _PLAIN_RELS
    while i < len(text):
        ch = text[i]
        if latex and (text.startswith("\\{", i) or text.startswith("\\}", i)):
            i += 2  # escaped braces are ordinary brackets in LaTeX: treat as text
            continue
        if ch in _OPEN:
            stack.append((ch, i))
            if len(stack) > MAX_DEPTH:
                raise ParseError(
                    f"brackets nested too deeply (at most {MAX_DEPTH})", token=ch, position=m.pos(i)
                )
            i += 1
            continue
        if ch in _CLOSE:
            if not stack or stack[-1][0] != _CLOSE[ch]:
                raise ParseError("unbalanced closing bracket", token=ch, position=m.pos(i))
            stack.pop()
            i += 1
            continue
        if not stack:
            for sym, rel in table:
                if text.startswith(sym, i):
                    if sym.startswith("\\") and text[i + len(sym) : i + len(sym) + 1].isalpha():
                        continue  # \left is not \le
                    pieces.append(m.slice(start, i))
                    rels.append(rel)
                    i += len(sym)
                    start = i
                    break
            else:
                i += 1
            continue
        i += 1
    if stack:
        ch, at = stack[-1]
        raise ParseError("bracket never closed", token=ch, position=m.pos(at))
    pieces.append(m.slice(start, len(text)))
    return pieces, rels
