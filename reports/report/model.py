"""The report's input, normalised: claims (from the runner's JSON) and figures.

The report holds no truths of its own: everything shown comes from the
catalogue run (verdicts, evidence) and from the figure registry. This module
only orders it deterministically and groups it per source document.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

#: Verdicts in the order the report lists them (strongest first, then the failures).
VERDICTS = ("proved", "confirmed", "approximate", "conditional", "refuted", "inconclusive")

#: Display names of the source documents (what each file is). Unknown sources show their file name.
SOURCE_TITLES = {
    "000_1a5d8446094796f9.txt": "Week 4 tutorial: Adam's effective learning rate",
    "001_a9f80f3499dce77f.txt": "Problem 3: Adam vs SGD with momentum",
    "002_5f54ea678090eb2e.txt": "Lecture Notes 9: per-coordinate learning rates, AdaGrad and Adam",
    "003_b8a56a2a249e5e41.txt": "Course page 14-04: adaptive learning-rate methods",
    "004_7e32fd81a2d4d5ec.txt": "Slides: gradient descent with adaptive learning rate",
}

# Keys the report reads from each claim of the runner's JSON.
CLAIM_KEYS = (
    "id",
    "source",
    "location",
    "inventory",
    "title",
    "statement",
    "kind",
    "expected",
    "verdict",
    "summary",
    "evidence",
    "counterexample",
    "corrected",
    "condition",
    "corrected_by",
    "figure",
)
#: Fields left out of results.json and the page: they differ from run to run.
NONDETERMINISTIC_KEYS = frozenset({"seconds"})


def natural_key(text: str) -> tuple:
    """Sort ``002-2`` before ``002-10``: digit runs compare as numbers."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"(\d+)", text)
        if part
    )


def optional_evidence(evidence: Any, key: str) -> str | None:
    """``evidence[key]`` as text when present and not empty."""
    if isinstance(evidence, dict) and evidence.get(key) not in (None, ""):
        return str(evidence[key])
    return None


def json_safe(value: Any) -> Any:
    """Evidence as strict JSON: non-finite floats become strings, keys strings, tuples lists."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # NumPy scalars
        return json_safe(value.item())
    return str(value)


@dataclass(frozen=True)
class ClaimView:
    """One claim as the report shows it (all text still unescaped)."""

    id: str
    source: str
    location: str
    inventory: str | None
    title: str
    statement: str
    kind: str
    expected: str
    verdict: str
    summary: str
    evidence: dict[str, Any]
    counterexample: dict[str, Any] | None
    corrected: str | None
    #: the condition a conditional claim holds under (LaTeX), else None
    condition: str | None
    corrected_by: str | None
    figure: str | None

    @property
    def mismatch(self) -> bool:
        return self.verdict != self.expected

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> ClaimView:
        def text(key: str, default: str = "") -> str:
            value = row.get(key)
            return default if value is None else str(value)

        def optional(key: str) -> str | None:
            value = row.get(key)
            return None if value in (None, "") else str(value)

        evidence = row.get("evidence") or {}
        counter = row.get("counterexample")
        condition = optional("condition")
        if condition is None and isinstance(evidence, dict):
            # rows written before claims carried a condition kept it in their evidence
            found = evidence.get("condition", evidence.get("conditions"))
            if isinstance(found, list | tuple):
                found = r",\ ".join(str(x) for x in found)
            condition = None if found in (None, "") else str(found)
        return cls(
            id=text("id"),
            source=text("source"),
            location=text("location"),
            inventory=optional("inventory"),
            title=text("title"),
            statement=text("statement"),
            kind=text("kind"),
            expected=text("expected"),
            verdict=text("verdict", "inconclusive"),
            summary=text("summary"),
            evidence=json_safe(evidence if isinstance(evidence, dict) else {"value": evidence}),
            counterexample=(
                None
                if counter is None
                else json_safe(counter if isinstance(counter, dict) else {"value": counter})
            ),
            corrected=optional("corrected"),
            condition=optional("condition")
            or (
                optional_evidence(evidence, "conditions")
                if text("verdict") == "conditional"
                else None
            ),
            corrected_by=optional("corrected_by"),
            figure=optional("figure"),
        )

    def to_json(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in CLAIM_KEYS}


@dataclass(frozen=True)
class FigureView:
    """One rendered figure: its registry entry plus the files written."""

    name: str
    title: str
    description: str
    claims: tuple[str, ...]
    svg: str  # the SVG file's text, inlined after sanitising
    files: tuple[str, ...]  # paths relative to the report directory, e.g. "figures/x.pdf"


@dataclass
class Catalogue:
    claims: list[ClaimView]
    figures: list[FigureView] = field(default_factory=list)
    #: "catalogue" (the built-in claims, with reviewed baselines) or "document" (the
    #: displayed relations of a user's notes: no baseline; the page describes the notes)
    kind: str = "catalogue"

    @classmethod
    def build(cls, rows: Any, figures: list[FigureView] | None = None) -> Catalogue:
        """From the runner's JSON (a list of claims or ``{"claims": [...]}``; the dict
        form may say ``"kind": "document"``)."""
        kind = "catalogue"
        if isinstance(rows, dict):
            kind = str(rows.get("kind") or "catalogue")
            if kind not in ("catalogue", "document"):
                raise ValueError(f"unknown report kind {kind!r}")
            rows = rows.get("claims", [])
        claims = [ClaimView.from_json(r) for r in rows]
        ids = [c.id for c in claims]
        if len(set(ids)) != len(ids):
            dup = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"duplicate claim ids in the catalogue: {dup}")
        claims.sort(key=lambda c: (natural_key(c.source), natural_key(c.id)))
        figs = sorted(figures or [], key=lambda f: natural_key(f.name))
        return cls(claims=claims, figures=figs, kind=kind)

    @property
    def by_id(self) -> dict[str, ClaimView]:
        return {c.id: c for c in self.claims}

    def sources(self) -> list[str]:
        return sorted({c.source for c in self.claims}, key=natural_key)

    def of_source(self, source: str) -> list[ClaimView]:
        return [c for c in self.claims if c.source == source]

    def counts(self, source: str | None = None) -> dict[str, int]:
        claims = self.claims if source is None else self.of_source(source)
        counts = dict.fromkeys(VERDICTS, 0)
        for c in claims:
            counts[c.verdict] = counts.get(c.verdict, 0) + 1
        return counts

    def mismatches(self) -> list[ClaimView]:
        return [c for c in self.claims if c.mismatch]

    def conditional(self, source: str | None = None) -> list[ClaimView]:
        """Claims that hold only under a condition (verdict ``conditional``)."""
        claims = self.claims if source is None else self.of_source(source)
        return [c for c in claims if c.verdict == "conditional"]

    def figures_for(self, claim: ClaimView) -> list[FigureView]:
        """Figures that illustrate ``claim``: named by the claim or listing it."""
        return [f for f in self.figures if f.name == claim.figure or claim.id in f.claims]

    @property
    def document(self) -> bool:
        return self.kind == "document"

    def not_checked(self, source: str | None = None) -> list[ClaimView]:
        """Displayed formulas of a document that were not read or not decided as relations."""
        claims = self.claims if source is None else self.of_source(source)
        return [c for c in claims if c.kind == "not checked"]

    def to_json(self) -> dict[str, Any]:
        return {
            **({"kind": self.kind} if self.document else {}),
            "claims": [c.to_json() for c in self.claims],
            "counts": {s: self.counts(s) for s in self.sources()},
            "figures": [
                {
                    "name": f.name,
                    "title": f.title,
                    "description": f.description,
                    "claims": list(f.claims),
                    "files": list(f.files),
                }
                for f in self.figures
            ],
            "mismatches": [c.id for c in self.mismatches()],
        }


def source_title(source: str) -> str:
    return SOURCE_TITLES.get(source, source)
