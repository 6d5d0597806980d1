"""``adaproof report [--out DIR] [--json] [-j N | --scheduler ADDRESS]``: run everything, write
the report and all figures (the claims on the executor ``-j``/``--scheduler`` choose)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HELP = "run every claim and figure and write the HTML report, results.json and summary.md"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        default="report",
        metavar="DIR",
        help="report directory (default: report); an earlier report there is replaced atomically",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON object (index path, counts, mismatches) instead of the path",
    )
    from adaproof.reports import parallel

    parallel.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from adaproof.reports.outputs import output_dir
    from adaproof.reports.report import Progress, build_report
    from adaproof.reports.report.output import check_replaceable

    output_dir(args.out, "--out")  # before the run: missing/read-only/not a directory
    check_replaceable(Path(os.path.abspath(args.out)))
    from adaproof.reports import parallel

    with parallel.from_args(args) as executor:
        result = build_report(args.out, progress=Progress(sys.stderr), executor=executor)
    sys.stderr.write(
        f"report: {result.claims} claims, {result.figures} figures in {result.seconds:.1f} s\n"
    )
    for cid in result.mismatches:
        sys.stderr.write(f"report: {cid}: computed verdict differs from the expected one\n")
    if args.json:
        from adaproof.reports import jsonio

        body = {
            "index": str(result.index),
            "claims": result.claims,
            "figures": result.figures,
            "mismatches": list(result.mismatches),
            "seconds": round(result.seconds, 3),
        }
        print(jsonio.dumps(jsonio.envelope("report", body)), end="")
    else:
        print(result.index)
    return 1 if result.mismatches else 0
