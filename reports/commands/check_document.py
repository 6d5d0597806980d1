"""The document branch of ``adaproof check``: a user's Markdown or LaTeX notes."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from adaproof.reports.errors import UsageError

_SHOW = {"true": "true", "false": "REFUTED", "inconclusive": "inconclusive"}


def _one_line(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def run_documents(paths: list[str], args) -> int:
    from adaproof.reports.documents import DocumentError, check_path
    from adaproof.reports.documents.result import EXIT_REFUTED, EXIT_UNDECIDED
    from adaproof.reports.outputs import output_dir, output_file, write_text_atomic

    if args.budget is None or not args.budget > 0:
        raise UsageError(f"--budget must be positive, got {args.budget}")
    if args.json and args.json != "-":
        output_file(args.json, "--json")  # before the run, not after it
    if args.out:
        output_dir(args.out, "--out")
    results = []
    for p in paths:
        try:
            results.append(check_path(p, budget=args.budget))
        except DocumentError as exc:
            raise UsageError(f"{exc} (a Markdown file with $$…$$ or a .tex file)") from None
    if args.json:
        from adaproof.reports import jsonio

        data = jsonio.envelope("check", documents=[r.to_json() for r in results])
        text = jsonio.dumps(data)
        if args.json == "-":
            sys.stdout.write(text)
        else:
            write_text_atomic(args.json, text)
    if args.json != "-":
        cols = shutil.get_terminal_size((120, 24)).columns
        for r in results:
            print(f"{r.document.name}:")
            for e in r.entries:
                verdict = _SHOW.get(e.verdict, e.verdict)
                left = f"  {e.line:>5}  {e.role:<13}  {verdict:<12}"
                room = max(cols - len(left) - 2, 40)
                print(f"{left}  {_one_line(e.text, room)}")
                how = e.method if e.role == "claim" else e.reading
                if e.role == "claim" and e.reading:
                    how = f"{e.method} [{e.reading}]"
                print(f"{'':29}{_one_line(how, room)}")
                if e.counterexample:
                    ce = e.counterexample
                    vals = ce.get("values", ce)
                    where = f"{ce['index']}: " if "index" in ce else ""
                    print(f"{'':29}counterexample: {_one_line(where + str(vals), room - 16)}")
            decided, total = r.decided_share()
            counts = r.counts()
            share = f"{100 * decided / total:.0f}%" if total else "n/a"
            print(
                f"{r.document.name}: {counts.get('true', 0)} true, {counts.get('false', 0)} "
                f"refuted, {counts.get('inconclusive', 0)} inconclusive, "
                f"{counts.get('not checked', 0)} not checked, {counts.get('defined', 0)} "
                f"definitions; decided {decided}/{total} ({share})"
            )
    if args.out:
        _report(results, Path(args.out))
    codes = [r.exit_code for r in results]
    if EXIT_REFUTED in codes:
        return EXIT_REFUTED
    if EXIT_UNDECIDED in codes:
        return EXIT_UNDECIDED
    return 0


def _report(results, out: Path) -> None:
    """The same report builder as the catalogue's, fed the documents' relations."""
    from adaproof.reports.report.build import build_report

    rows = [row for r in results for row in r.report_rows()]
    # kind "document": the page describes the notes (no catalogue, no reviewed baseline)
    payload = {"kind": "document", "claims": rows}
    build_report(out, claims=lambda _progress: payload, figures=lambda _dir, _p: [])
    print(f"report written to {out.resolve() / 'index.html'}")
