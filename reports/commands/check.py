"""``adaproof check [ID...] [--json FILE]``: compute verdicts and compare with the baseline."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections import Counter

from adaproof.reports import parallel
from adaproof.reports.errors import UsageError

HELP = "verify catalogued claims (all, or the given ids / sources) against their expected verdicts"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "ids",
        nargs="*",
        metavar="ID",
        help="claim ids (e.g. 004-7a) or source keys (000..004, papers); default: all",
    )
    parser.add_argument(
        "--json",
        metavar="FILE",
        help="also write the results as JSON to FILE ('-' for stdout, no table): "
        "schema adaproof/check, claims and summary",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress display on stderr")
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="documents: also write the HTML report (index.html, results.json) to DIR",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=3.0,
        metavar="SECONDS",
        help="documents: time budget of each decision (default 3)",
    )
    parallel.add_arguments(parser)


def _is_document(arg: str) -> bool:
    """An argument that is not a catalogue id or source and names a file (or a document path)."""
    from adaproof.reports.claims import select

    try:
        select([arg])
        return False
    except KeyError:
        pass
    from pathlib import Path

    return Path(arg).is_file() or arg.lower().endswith((".md", ".markdown", ".tex", ".txt"))


def _one_line(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def run(args: argparse.Namespace) -> int:
    from adaproof.reports import jsonio
    from adaproof.reports.claims import select, source_key
    from adaproof.reports.outputs import output_file, write_text_atomic
    from adaproof.reports.runner import run_catalogue, to_json

    documents = [a for a in args.ids if _is_document(a)]
    if documents:
        from adaproof.reports.commands.check_document import run_documents

        if len(documents) != len(args.ids):
            raise UsageError("give either documents or catalogue ids, not both")
        return run_documents(documents, args)
    if args.out:
        raise UsageError("--out goes with documents (adaproof report --out DIR for the catalogue)")
    if args.json and args.json != "-":
        output_file(args.json, "--json")  # before the run, not after it
    try:
        select(args.ids)
    except KeyError as exc:
        raise UsageError(f"{exc.args[0]} (see 'adaproof claims')") from None
    with parallel.from_args(args) as executor:
        outcomes = run_catalogue(args.ids or None, progress=not args.quiet, executor=executor)
    rows = to_json(outcomes)
    total = sum(o.seconds for o in outcomes)
    mismatches = [o for o in outcomes if not o.matches]
    if args.json:
        counts = Counter(str(o.verdict) for o in outcomes)
        summary = {
            "claims": len(outcomes),
            "seconds": round(total, 3),
            "verdicts": dict(sorted(counts.items())),
            "match": len(outcomes) - len(mismatches),
            "mismatch": len(mismatches),
            "mismatches": [o.claim.id for o in mismatches],
        }
        rows = [{**r, **jsonio.source_fields(r["source"])} for r in rows]
        text = jsonio.dumps(jsonio.envelope("check", claims=rows, summary=summary))
        if args.json == "-":
            sys.stdout.write(text)
            args._json_done = True
        else:
            write_text_atomic(args.json, text)
    if args.json != "-":
        cols = shutil.get_terminal_size((120, 24)).columns
        wid = max((len(o.claim.id) for o in outcomes), default=2)
        head = f"{'id':<{wid}}  {'source':<7}  {'verdict':<12}  {'expected':<12}  evidence"
        print(head)
        for o in outcomes:
            src = source_key(o.claim)
            flag = "  " if o.matches else "! "
            left = f"{o.claim.id:<{wid}}  {src:<7}  {o.verdict!s:<12}  {o.claim.expected!s:<12}"
            room = max(cols - len(left) - 4, 30)
            print(f"{left}  {flag}{_one_line(o.result.summary, room)}")
        counts = Counter(str(o.verdict) for o in outcomes)
        order = ("proved", "confirmed", "approximate", "conditional", "refuted", "inconclusive")
        summary = ", ".join(f"{counts[v]} {v}" for v in order if counts[v])
        print(
            f"{len(outcomes)} claims in {total:.1f} s: {summary}; "
            f"{len(outcomes) - len(mismatches)} match the expected verdict, "
            f"{len(mismatches)} do not"
        )
    for o in mismatches:
        sys.stderr.write(
            f"check: {o.claim.id}: computed {o.verdict}, expected {o.claim.expected}: "
            f"{_one_line(o.result.summary, 200)}\n"
        )
    return 1 if mismatches else 0
