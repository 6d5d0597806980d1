"""Documents as pytest tests: one item per displayed relation, named by file and line.

Configured in the user's ``pyproject.toml``::

    [tool.pytest.ini_options]
    adaproof_documents = ["notes/*.md"]
    adaproof_budget = "3"   # seconds per decision (optional)

A refuted relation fails with its counterexample; an inconclusive or unread one is
skipped with the reason (never passed); a claim that holds passes. Definitions are
listed by ``adaproof check`` but are not tests (they cannot fail).
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest


def matches(config, file_path: Path) -> bool:
    patterns = config.getini("adaproof_documents") or []
    if not patterns:
        return False
    root = Path(config.rootpath)
    try:
        rel = Path(file_path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return False
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel, p.lstrip("./")) for p in patterns)


class RelationFailure(Exception):
    """A refuted relation (the message is the report shown by pytest)."""


class DocumentFile(pytest.File):
    def collect(self):
        from adaproof.reports.documents import DocumentError, check_path

        try:
            budget = float(self.config.getini("adaproof_budget") or 3.0)
        except ValueError:
            raise pytest.UsageError("adaproof_budget must be a number of seconds") from None
        if not budget > 0:
            raise pytest.UsageError(f"adaproof_budget must be positive, got {budget}")
        try:
            result = check_path(self.path, budget=budget)
        except DocumentError as exc:
            raise pytest.UsageError(str(exc)) from None
        seen: dict[int, int] = {}
        for entry in result.entries:
            if entry.role not in ("claim", "not checked"):
                continue
            seen[entry.line] = seen.get(entry.line, 0) + 1
            name = f"line {entry.line}" + (f" [{seen[entry.line]}]" if seen[entry.line] > 1 else "")
            yield RelationItem.from_parent(self, name=name, entry=entry)


class RelationItem(pytest.Item):
    def __init__(self, *, entry, **kwargs):
        super().__init__(**kwargs)
        self.entry = entry
        self.user_properties.append(("relation", entry.text))

    def runtest(self) -> None:
        e = self.entry
        if e.verdict == "true":
            return
        if e.verdict == "false":
            raise RelationFailure(self._report())
        reason = e.reading if e.role == "not checked" else e.method
        pytest.skip(f"{e.verdict}: {reason}")

    def _report(self) -> str:
        e = self.entry
        lines = [f"refuted: {e.text}", f"  {e.method}"]
        ce = e.counterexample or {}
        if ce:
            where = f"{ce['index']}, " if "index" in ce else ""
            lines.append(f"  counterexample: {where}{ce.get('values', ce)}")
            for key in ("lhs", "rhs", "difference", "limit_ratio"):
                if ce.get(key):
                    lines.append(f"  {key}: {ce[key]}")
        if e.reading:
            lines.append(f"  read as {e.reading}")
        return "\n".join(lines)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, RelationFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, self.entry.line - 1, f"{self.path.name}:{self.entry.line}"
