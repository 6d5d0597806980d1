"""Jupyter display for the public API's results: claims, step reports and figures.

- :class:`ClaimResults`: what :func:`adaproof.check` returns, a list of
  :class:`~adaproof.reports.runner.Outcome` with a table as HTML, Markdown and LaTeX;
- :class:`StepReport`: a derivation checked step by step (``adaproof steps --json``'s
  object), shown as a table naming the first wrong step;
- :func:`displayable`: a :class:`matplotlib.figure.Figure` that shows itself inline as SVG
  (``_repr_svg_``/``_repr_html_``) without pyplot and without touching the backend.

Every text that came from a claim or a user is HTML-escaped.
"""

from __future__ import annotations

import html
import io
from collections import Counter
from typing import Any

from matplotlib.figure import Figure

_ORDER = ("proved", "confirmed", "approximate", "conditional", "refuted", "inconclusive")


def _tex_text(s: str) -> str:
    out = []
    for ch in s:
        if ch in "&%$#_{}":
            out.append("\\" + ch)
        elif ch == "\\":
            out.append(r"\textbackslash{}")
        elif ch in "~^":
            out.append(r"\textasciitilde{}" if ch == "~" else r"\textasciicircum{}")
        else:
            out.append(ch)
    return "".join(out)


class ClaimResults(list):
    """Outcomes of catalogued claims (a list) that display as a table in Jupyter."""

    @property
    def mismatches(self) -> list[Any]:
        """The outcomes whose computed verdict differs from the expected one."""
        return [o for o in self if not o.matches]

    def summary(self) -> str:
        counts = Counter(str(o.verdict) for o in self)
        parts = ", ".join(f"{counts[v]} {v}" for v in _ORDER if counts[v])
        bad = len(self.mismatches)
        return f"{len(self)} claims: {parts or 'none'}; {len(self) - bad} match, {bad} do not"

    def _rows(self) -> list[tuple[str, str, str, str, str]]:
        return [
            (o.claim.id, o.claim.title, str(o.verdict), str(o.claim.expected), o.result.summary)
            for o in self
        ]

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(f"<th>{h}</th>" for h in ("id", "claim", "verdict", "expected", "evidence"))
        body = "".join(
            "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in self._rows()
        )
        return (
            f"<table class='adaproof-claims'><caption>{esc(self.summary())}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    def _repr_markdown_(self) -> str:
        lines = ["| id | claim | verdict | expected | evidence |", "|---|---|---|---|---|"]
        for row in self._rows():
            cells = [c.replace("|", "\\|").replace("\n", " ") for c in row]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join([*lines, "", self.summary()])

    def _repr_latex_(self) -> str:
        lines = [r"\begin{tabular}{llll}", r"id & claim & verdict & expected \\ \hline"]
        for cid, title, verdict, expected, _ in self._rows():
            cells = (_tex_text(c) for c in (cid, title, verdict, expected))
            lines.append(" & ".join(cells) + r" \\")
        lines.append(r"\end{tabular}")
        return "\n".join(lines)


class StepReport(dict):
    """A derivation checked step by step (the object ``adaproof steps --json`` prints)."""

    def _rows(self) -> list[tuple[str, str, str, str]]:
        return [
            (str(s.get("line", "")), str(s.get("verdict", "")), s.get("text", ""), s["method"])
            for s in self.get("steps", [])
        ]

    def _headline(self) -> str:
        wrong = self.get("first_wrong_line")
        if wrong:
            return f"first wrong step: line {wrong}"
        return f"every step: {self.get('verdict', '?')}"

    def _repr_html_(self) -> str:
        esc = html.escape
        body = "".join(
            "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in self._rows()
        )
        return (
            f"<table class='adaproof-steps'><caption>{esc(self._headline())}</caption>"
            "<thead><tr><th>line</th><th>verdict</th><th>step</th><th>method</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )

    def _repr_markdown_(self) -> str:
        lines = ["| line | verdict | step | method |", "|---|---|---|---|"]
        for row in self._rows():
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
        return "\n".join([*lines, "", self._headline()])

    def _repr_latex_(self) -> str:
        lines = [r"\begin{tabular}{lll}", r"line & verdict & method \\ \hline"]
        for line, verdict, _, method in self._rows():
            lines.append(" & ".join(_tex_text(c) for c in (line, verdict, method)) + r" \\")
        lines.append(r"\end{tabular}")
        return "\n".join(lines)


class DisplayFigure(Figure):
    """A :class:`~matplotlib.figure.Figure` that renders itself inline as SVG in Jupyter."""

    def _repr_svg_(self) -> str:
        buf = io.StringIO()
        self.savefig(buf, format="svg")
        return buf.getvalue()

    def _repr_html_(self) -> str:  # type: ignore[override]
        return self._repr_svg_()

    def _repr_latex_(self) -> str:
        title = getattr(self, "_adaproof_title", "") or "figure"
        return r"\text{" + _tex_text(title) + "}"


def displayable(fig: Figure, title: str = "") -> Figure:
    """``fig`` itself, given the inline SVG display of :class:`DisplayFigure`."""
    if type(fig) is Figure:
        fig.__class__ = DisplayFigure
    fig._adaproof_title = title  # type: ignore[attr-defined]
    return fig


__all__ = ["ClaimResults", "DisplayFigure", "StepReport", "displayable"]
