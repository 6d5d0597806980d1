"""A checked document: its entries, exit code, table, JSON and report rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from adaproof.reports.documents.engine import Entry, check
from adaproof.reports.documents.reader import Document, read_path, read_text

#: exit codes of ``adaproof check FILE``
EXIT_OK, EXIT_REFUTED, EXIT_UNREADABLE, EXIT_UNDECIDED = 0, 1, 2, 3
#: the reading of a displayed formula with no relation sign (listed, not counted as a relation)
NOT_A_RELATION = "not a relation"


@dataclass
class DocumentResult:
    document: Document
    entries: list[Entry]

    @property
    def claims(self) -> list[Entry]:
        return [e for e in self.entries if e.role == "claim"]

    @property
    def relations(self) -> list[Entry]:
        """Displayed relations and formulas (definitions, claims, not checked), not directives."""
        return [e for e in self.entries if e.role != "given"]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.relations:
            out[e.verdict] = out.get(e.verdict, 0) + 1
        return out

    def decided_share(self) -> tuple[int, int]:
        """(claims decided true or false, relations that are claims or not checked).

        Definitions are not counted; neither are displayed formulas with no relation sign.
        """
        pool = [
            e
            for e in self.relations
            if e.role == "claim" or (e.role == "not checked" and e.reading != NOT_A_RELATION)
        ]
        return sum(e.verdict in ("true", "false") for e in pool), len(pool)

    @property
    def exit_code(self) -> int:
        if any(e.verdict == "false" for e in self.claims):
            return EXIT_REFUTED
        if any(e.verdict == "inconclusive" for e in self.claims):
            return EXIT_UNDECIDED
        return EXIT_OK

    def to_json(self) -> dict[str, Any]:
        decided, total = self.decided_share()
        return {
            "document": self.document.name,
            "kind": self.document.kind,
            "entries": [e.to_json() for e in self.entries],
            "counts": self.counts(),
            "decided": decided,
            "relations": total,
            "exit_code": self.exit_code,
        }

    def report_rows(self) -> list[dict[str, Any]]:
        """Claims and unchecked formulas as the report model's claim records."""
        rows, seen = [], {}
        name = self.document.name
        for e in self.entries:
            if e.role not in ("claim", "not checked"):
                continue
            base = f"{name}:{e.line}"
            seen[base] = seen.get(base, 0) + 1
            cid = base if seen[base] == 1 else f"{base}.{seen[base]}"
            verdict = report_verdict(e)
            rows.append(
                {
                    "id": cid,
                    "source": name,
                    "location": f"line {e.line}",
                    "inventory": None,
                    "title": e.role if e.role == "not checked" else f"claim at line {e.line}",
                    "statement": e.text,
                    "kind": (
                        "not checked"
                        if e.role == "not checked"
                        else "approximation"
                        if e.approximate
                        else "relation"
                    ),
                    "expected": verdict,
                    "verdict": verdict,
                    "summary": (
                        f"not checked: {e.reading}" if e.role == "not checked" else e.method
                    ),
                    "evidence": {"reading": e.reading, "method": e.method},
                    "counterexample": e.counterexample,
                    "corrected": None,
                    "corrected_by": None,
                    "figure": None,
                }
            )
        return rows


def report_verdict(e: Entry) -> str:
    """The report's verdict for an entry: true → proved/confirmed/approximate, false → refuted."""
    if e.verdict == "false":
        return "refuted"
    if e.verdict == "true":
        if e.approximate:
            return "approximate"
        return "proved" if e.symbolic else "confirmed"
    return "inconclusive"


def check_text(text: str, name: str = "notes.md", budget: float = 3.0) -> DocumentResult:
    doc = read_text(text, name)
    return DocumentResult(doc, check(doc, budget))


def check_path(path, budget: float = 3.0) -> DocumentResult:
    doc = read_path(path)
    return DocumentResult(doc, check(doc, budget))
