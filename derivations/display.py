r"""Rich display in Jupyter for decisions: ``_repr_html_``, ``_repr_latex_``, ``_repr_markdown_``.

:class:`DecisionDisplay` is a mixin for :class:`~adaproof.derivations.equivalence.Decision`
(or any object with ``verdict``, ``relation``, ``method``, ``lhs``, ``rhs`` and
``counterexample``). Its sides are available as SymPy objects through :attr:`sides` when the
object carries ``lhs_expr``/``rhs_expr`` (the public API sets them); the displays then use
SymPy's LaTeX printer, otherwise the sides' text, HTML-escaped. Nothing here imports
matplotlib or the other packages.

>>> import sympy as sp
>>> class D(DecisionDisplay):
...     verdict, relation, method = "false", "<=", "counterexample"
...     lhs, rhs = "b**2", "b/2"
...     counterexample = {"values": {"b": "9/10"}, "lhs": "0.81", "rhs": "0.45",
...                       "difference": "0.36"}
>>> d = D()
>>> d.lhs_expr, d.rhs_expr = sp.Symbol("b") ** 2, sp.Symbol("b") / 2
>>> d._repr_latex_()
'$b^{2} \\le \\frac{b}{2}$ — false (counterexample)'
>>> "b = 9/10" in d._repr_markdown_() and "<b>false</b>" in d._repr_html_()
True
"""

from __future__ import annotations

import html
from typing import Any

import sympy as sp

_TEX_OP = {"=": "=", "<=": r"\le", "<": "<", ">=": r"\ge", ">": ">"}
_HTML_OP = {"=": "=", "<=": "≤", "<": "&lt;", ">=": "≥", ">": "&gt;"}
_WORD = {"true": "true", "false": "false", "inconclusive": "inconclusive"}


def _tex_side(expr: Any, text: str) -> str:
    if isinstance(expr, sp.Basic):
        return sp.latex(expr)
    return r"\text{" + text.replace("\\", r"\backslash ").replace("}", r"\}") + "}"


class DecisionDisplay:
    """Jupyter representations of a decision; sides as SymPy objects via :attr:`sides`."""

    @property
    def sides(self) -> tuple[sp.Expr | None, sp.Expr | None]:
        """``(lhs, rhs)`` as SymPy expressions, or None where only text is known."""
        return getattr(self, "lhs_expr", None), getattr(self, "rhs_expr", None)

    def _relation_tex(self) -> str:
        lhs, rhs = self.sides
        op = _TEX_OP.get(self.relation, self.relation)
        return f"{_tex_side(lhs, self.lhs)} {op} {_tex_side(rhs, self.rhs)}"

    def _repr_latex_(self) -> str:
        return f"${self._relation_tex()}$ — {_WORD.get(self.verdict, self.verdict)} ({self.method})"

    def _counterexample_text(self) -> str | None:
        ce = getattr(self, "counterexample", None)
        if not ce:
            return None
        values = ", ".join(f"{k} = {v}" for k, v in ce.get("values", {}).items())
        parts = [f"lhs = {ce.get('lhs')}", f"rhs = {ce.get('rhs')}"]
        if "difference" in ce:
            parts.append(f"difference = {ce['difference']}")
        return f"at {values or 'any values'}: " + ", ".join(parts)

    def _repr_markdown_(self) -> str:
        lines = [
            f"**{_WORD.get(self.verdict, self.verdict)}**: ${self._relation_tex()}$",
            "",
            f"- method: {self.method}",
        ]
        ce = self._counterexample_text()
        if ce:
            lines.append(f"- counterexample {ce}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        op = _HTML_OP.get(self.relation, esc(self.relation))
        rows = [
            f"<div class='adaproof-decision'><b>{esc(self.verdict)}</b>: "
            f"<code>{esc(self.lhs)}</code> {op} <code>{esc(self.rhs)}</code>",
            f"<br/>method: {esc(self.method)}",
        ]
        ce = self._counterexample_text()
        if ce:
            rows.append(f"<br/>counterexample {esc(ce)}")
        rows.append("</div>")
        return "".join(rows)


__all__ = ["DecisionDisplay"]
