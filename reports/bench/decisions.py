"""Section 8: decision times of ``verify`` over sets of cases, fresh process and warm.

Two sets of cases:

* the README's ``$ adaproof verify ...`` examples, read from the README beside the
  package when it is there (a source checkout); an installed wheel has no README and
  the row says so;
* an external answer-test set given with ``adaproof bench --cases FILE.tsv``: a
  tab-separated file with the columns ``student``, ``teacher`` and an optional
  ``assume`` (``;``-separated), each row decided as ``student = teacher``. No such
  file ships with the package.

Each set gives two rows (fresh and warm) with the median and, in the note, the maximum
decision time, measured by :func:`adaproof.reports.decisiontimes.measure`.
"""

from __future__ import annotations

import csv
import shlex
from pathlib import Path
from typing import Any

from adaproof.reports.bench.core import Bench, Progress, Row, Sizes

#: Set by ``adaproof bench --cases FILE``: an external set of answer tests (TSV).
CASES_FILE: Path | None = None

#: Where the README is in a source checkout (reports/bench/ -> repository root).
README = Path(__file__).resolve().parents[2] / "README.md"

#: How each mode runs a case.
HOW = {"fresh": "one new process per case", "warm": "in-process"}

#: At most this many cases per set in a quick run.
QUICK_CASES = 3


def readme_cases(path: Path = README) -> list[dict[str, Any]]:
    """The ``$ adaproof verify ...`` lines of the README as cases for ``measure``.

    >>> cases = readme_cases()
    >>> not cases or all(("claim" in c) or ("target" in c) for c in cases)
    True
    """
    if not path.is_file():
        return []
    cases: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("$ adaproof verify "):
            continue
        try:
            words = shlex.split(line[2:], comments=True)
        except ValueError:
            continue
        args = words[2:]
        if args[:1] == ["--claim"] and len(args) >= 2:
            assume = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--assume"]
            cases.append({"claim": args[1], "assume": assume})
        elif len(args) == 2 and not args[0].startswith("-"):
            cases.append({"target": args[0], "answer": args[1]})
    return cases


def tsv_cases(path: Path) -> list[dict[str, Any]]:
    """Rows ``student``, ``teacher``, ``assume`` of a TSV file as ``student = teacher`` cases;
    ValueError naming the file when a column is missing."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        missing = {"student", "teacher"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(
                f"{path}: no column {', '.join(sorted(missing))} (need student, teacher)"
            )
        return [
            {
                "claim": f"{row['student']} = {row['teacher']}",
                "assume": [a.strip() for a in (row.get("assume") or "").split(";") if a.strip()],
            }
            for row in reader
        ]


def _rows(bench: Bench, key: str, label: str, cases: list[dict[str, Any]], say: Progress) -> None:
    from adaproof.reports.decisiontimes import measure

    say(f"bench: decision times over {label} ({len(cases)} cases, fresh and warm)")
    result = measure(cases)
    for mode, goal in (("fresh", "< 1 s"), ("warm", "")):
        s = result[mode]
        row = Row(
            "decisions",
            f"decisions.{key}.{mode}",
            f"verify over {label}, {mode} ({HOW[mode]})",
            s["median"],
            "s",
            goal=goal,
            note=f"median of {s['n']}; max {s['max']:.3f} s; "
            + ", ".join(f"exit {code}: {n}" for code, n in sorted(s["verdicts"].items())),
        )
        if mode == "fresh":
            row.met = s["median"] < 1.0
        bench.rows.append(row)
        say(f"bench: {row.label}: median {s['median']:.3f} s, max {s['max']:.3f} s")


def section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    quick = not sizes.commands
    readme = readme_cases()
    if readme:
        _rows(bench, "readme", "the README examples", readme[: QUICK_CASES if quick else None], say)
    else:
        bench.rows.append(
            Row(
                "decisions",
                "decisions.readme",
                "verify over the README examples",
                None,
                "s",
                status="unavailable",
                note=f"no README at {README} (an installed package has none)",
            )
        )
    if CASES_FILE is None:
        bench.rows.append(
            Row(
                "decisions",
                "decisions.cases",
                "verify over an external answer-test set",
                None,
                "s",
                status="skipped",
                note="adaproof bench --cases FILE.tsv (columns student, teacher, assume)",
            )
        )
        return
    cases = tsv_cases(CASES_FILE)
    _rows(bench, "cases", f"{CASES_FILE.name}", cases[: QUICK_CASES if quick else None], say)
