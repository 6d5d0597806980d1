"""``adaproof figure NAME [--out FILE] [--size slide|page] [--list]``: one lecture figure."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from adaproof.reports.errors import UsageError

HELP = "render one lecture figure as SVG, PDF or PNG (format from the --out suffix)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", metavar="NAME", help="figure name (see --list)")
    parser.add_argument(
        "--out",
        metavar="FILE",
        help="output file; .svg, .pdf or .png (default: NAME.svg in the current directory)",
    )
    parser.add_argument(
        "--size",
        choices=("slide", "page"),
        default="slide",
        help="slide (10 x 5.6 in, large type) or page (6.5 x 4 in); default slide",
    )
    parser.add_argument("--list", action="store_true", help="list the figures and exit")
    parser.add_argument(
        "--json", action="store_true", help="print the result (or the list) as JSON on stdout"
    )


def run(args: argparse.Namespace) -> int:
    from adaproof.reports.figures import FIGURES

    if args.list and args.json:
        from adaproof.reports import jsonio

        rows = [{"name": name, "title": spec.title} for name, spec in FIGURES.items()]
        print(jsonio.dumps(jsonio.envelope("figure", figures=rows)), end="")
        return 0
    if args.list:
        width = max(len(n) for n in FIGURES)
        for name, spec in FIGURES.items():
            print(f"{name:<{width}}  {spec.title}")
        return 0
    if not args.name:
        raise UsageError("give a figure NAME (adaproof figure --list shows them)")
    if args.name not in FIGURES:
        raise UsageError(f"unknown figure {args.name!r} (adaproof figure --list shows the names)")
    out = Path(args.out) if args.out else Path(f"{args.name}.svg")
    if out.suffix.lower() not in (".svg", ".pdf", ".png"):
        raise UsageError(f"--out must end in .svg, .pdf or .png, got {str(out)!r}")
    from adaproof.reports.outputs import output_file

    output_file(out, "--out")  # before rendering: missing/read-only directory, not a file

    from adaproof.reports.figures import render

    path = render(args.name, out, size=args.size)
    sys.stderr.write(f"figure: {args.name} written\n")
    if args.json:
        from adaproof.reports import jsonio

        body = {
            "figure": args.name,
            "title": FIGURES[args.name].title,
            "path": str(path),
            "format": Path(path).suffix.lower().lstrip("."),
            "size": args.size,
        }
        print(jsonio.dumps(jsonio.envelope("figure", body)), end="")
        return 0
    print(path)
    return 0
