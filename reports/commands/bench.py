"""``adaproof bench [--quick] [--json FILE] [--only SECTION]...``: the performance table."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from adaproof.reports.errors import UsageError

HELP = (
    "measure update throughput, Monte Carlo, the Rosenbrock sweep, verify, check, report, "
    "grading and the dask path"
)

#: the bench's sections in the order they run (reports.bench.core uses this tuple), named here
#: so that building the parser imports nothing of the bench
SECTIONS = (
    "adam",
    "montecarlo",
    "rosenbrock",
    "verify",
    "decisions",
    "check",
    "report",
    "grade",
    "dask",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--quick", action="store_true", help="small sizes for a smoke run (figures not meaningful)"
    )
    parser.add_argument(
        "--json", metavar="FILE", help="also write every figure and the machine info as JSON"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="SECTION[,SECTION]",
        help=f"run only these sections (repeatable, or comma-separated): {', '.join(SECTIONS)}; "
        "'commands' means check and report",
    )
    parser.add_argument(
        "--cases",
        metavar="FILE.tsv",
        help="decision times also over these answer tests (TSV: student, teacher, assume)",
    )


def run(args: argparse.Namespace) -> int:
    from adaproof.reports import bench  # imports no NumPy at module level

    # OpenBLAS threads that spin after a call slow a threaded torch; this
    # takes effect only if NumPy is not imported yet. The fresh processes timed for
    # verify/check/report get the user's environment back (bench.subprocess_env).
    if "OPENBLAS_NUM_THREADS" not in os.environ:
        os.environ["OPENBLAS_NUM_THREADS"] = "1"
        bench.INJECTED_ENV.add("OPENBLAS_NUM_THREADS")

    from adaproof.reports.outputs import output_file

    if args.json:
        output_file(args.json, "--json")  # before the measurements, not after them
    if args.cases:
        from adaproof.reports.bench import decisions

        cases = Path(args.cases)
        if not cases.is_file():
            raise UsageError(f"--cases: no such file: {args.cases}")
        try:
            n = len(decisions.tsv_cases(cases))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise UsageError(f"--cases: {exc}") from None
        if n == 0:
            raise UsageError(f"--cases: {args.cases} holds no cases")
        decisions.CASES_FILE = cases
    sizes = bench.QUICK if args.quick else bench.FULL
    try:
        sections = bench.expand_sections(args.only) if args.only else bench.SECTIONS
    except ValueError as exc:
        raise UsageError(f"--only: {exc}") from None
    result = bench.run_bench(
        sizes, sections=sections, progress=lambda msg: print(msg, file=sys.stderr, flush=True)
    )
    command = "adaproof bench" + " ".join(
        [""] + (["--quick"] if args.quick else []) + [f"--only {s}" for s in (args.only or [])]
    )
    print(bench.format_table(result, sizes), end="")
    if args.json:
        from adaproof.reports import jsonio
        from adaproof.reports.outputs import write_text_atomic

        path = Path(args.json)
        body = bench.to_json(result, command=command)
        write_text_atomic(path, jsonio.dumps(jsonio.envelope("bench", body)))
        print(f"wrote {path}", file=sys.stderr)
    return 0
