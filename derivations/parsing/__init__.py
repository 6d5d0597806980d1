r"""Safe parsing of user math: plain text and the course's LaTeX, detected automatically.

:func:`parse_chain` reads one chain (``a <= b = c``); :func:`split_relations` reads a whole
display or line (several relations, aligned rows, commentary, ``as t -> oo``) into
:class:`RelationLink` objects, each with its parsed sides and the readings chosen.

Nothing a user types is ever passed to ``sympify``, ``parse_expr``, ``eval``,
``exec`` or ``lambdify``: plain text is parsed by Python's ``ast`` and walked
against an allowlist (:mod:`.plain`); LaTeX by a Lark grammar of this package's
own (:mod:`.latex`). Both build SymPy objects directly, within the limits of
:mod:`.limits`, and map names onto :mod:`derivations.symbols` (:mod:`.notation`).

>>> from derivations.parsing import parse_expression
>>> parse_expression("(1-b1)*(b1*g_1 + g2)")
(1 - beta1)*(beta1*g1 + g2)
>>> parse_expression(r"\frac{1-\beta_1}{1-\beta_1^{2}} g_{2}")
g2*(1 - beta1)/(1 - beta1**2)
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from adaproof.derivations.parsing.build import Builder
from adaproof.derivations.parsing.limits import ParseError
from adaproof.derivations.parsing.notation import NOTATION, Scope, canonical
from adaproof.derivations.parsing.text import (
    Mapped,
    check_length,
    looks_like_latex,
    normalize,
)
from adaproof.derivations.parsing.text import split_relations as _split_signs


@dataclass(frozen=True)
class Chain:
    """``a <= b = c``: the sides (SymPy) and the relations between them."""

    sides: tuple[sp.Expr, ...]
    relations: tuple[str, ...]
    latex: bool
    #: readings chosen where another was possible ("read 'bc' as b·c")
    readings: tuple[str, ...] = ()


def _parse_piece(m: Mapped, builder: Builder, latex: bool) -> sp.Expr:
    if latex:
        from adaproof.derivations.parsing.latex import parse_latex

        expr = parse_latex(m, builder)
    else:
        from adaproof.derivations.parsing.plain import parse_plain

        expr = parse_plain(m, builder)
    return builder.finish(expr, m.pos(0))


def split(text: str, *, latex: bool | None = None) -> tuple[list[Mapped], list[str], bool]:
    """Check length and brackets, normalise Unicode, split at relation signs."""
    if not isinstance(text, str):
        raise ParseError("expected text")
    check_length(text)
    if "\x00" in text:
        raise ParseError("control character", token="\\x00", position=text.index("\x00"))
    is_latex = looks_like_latex(text) if latex is None else latex
    m = normalize(text, latex=is_latex)
    pieces, rels = _split_signs(m, latex=is_latex)
    return pieces, rels, is_latex


def parse_chain(text: str, scope: Scope | None = None, *, latex: bool | None = None) -> Chain:
    """Parse ``expr (REL expr)*``; REL is one of ``= <= < >= > ≈ ~``."""
    scope = scope if scope is not None else Scope()
    pieces, rels, is_latex = split(text, latex=latex)
    readings: list[str] = []
    sides = parse_pieces(pieces, scope, is_latex, rels, readings=readings)
    return Chain(tuple(sides), tuple(rels), is_latex, tuple(readings))


def parse_expression(
    text: str, scope: Scope | None = None, *, latex: bool | None = None
) -> sp.Expr:
    """Parse one expression (no relation sign) into a SymPy expression."""
    chain = parse_chain(text, scope, latex=latex)
    if chain.relations:
        raise ParseError("expected an expression, found a relation", token=chain.relations[0])
    return chain.sides[0]


def parse_pieces(
    pieces: list[Mapped],
    scope: Scope,
    latex: bool,
    rels: list[str] | tuple[str, ...] = (),
    *,
    readings: list[str] | None = None,
) -> list[sp.Expr]:
    """Parse pieces already produced by :func:`split` (sharing one scope).

    The readings chosen where another was possible are appended to ``readings``.
    """
    builder = Builder(scope)
    out = []
    for i, piece in enumerate(pieces):
        if not piece.text.strip():
            if rels:
                rel = rels[i] if i < len(rels) else rels[-1]
                side = "before" if i < len(rels) else "after"
                raise ParseError(f"missing expression {side} '{rel}'", position=piece.pos(0))
            raise ParseError("empty expression", position=piece.pos(0))
        out.append(_parse_piece(piece, builder, latex))
    if readings is not None:
        readings.extend(r for r in builder.readings if r not in readings)
    return out


from adaproof.derivations.parsing.relations import RelationLink, split_relations  # noqa: E402

__all__ = [
    "NOTATION",
    "Chain",
    "ParseError",
    "RelationLink",
    "Scope",
    "canonical",
    "parse_chain",
    "parse_expression",
    "parse_pieces",
    "split",
    "split_relations",
]
