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


def run(args: argparse.Namespace) -> int:
    from adaproof.reports.figures import FIGURES

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
    if not out.parent.is_dir():
        raise UsageError(f"directory {str(out.parent)!r} does not exist")

    from adaproof.reports.figures import render

    path = render(args.name, out, size=args.size)
    sys.stderr.write(f"figure: {args.name} written\n")
    print(path)
    return 0
