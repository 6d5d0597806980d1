"""The ``adaproof`` command line (also ``python -m adaproof``).

Each command lives in ``reports/commands/<name>.py`` and provides ``HELP`` (one
line), ``add_arguments(parser)`` and ``run(args) -> int``. Command modules keep
heavy imports (SymPy, matplotlib, NumPy) inside ``run`` so that ``--help`` and
``verify`` start fast. Only commands that work are listed in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from adaproof.reports.errors import Inconclusive, InternalError, UsageError

#: command name -> module under reports.commands
COMMANDS: dict[str, str] = {
    "targets": "targets",
    "verify": "verify",
    "steps": "steps",
    "claims": "claims",
    "check": "check",
    "figure": "figure",
    "report": "report",
    "bench": "bench",
    "grade": "grade",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (argparse prints usage too)
        sys.stderr.write(f"adaproof: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="adaproof",
        description="Derive and check the mathematics of adaptive learning-rate methods.",
    )
    from adaproof import __version__

    parser.add_argument("--version", action="version", version=f"adaproof {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, modname in COMMANDS.items():
        mod = importlib.import_module(f"adaproof.reports.commands.{modname}")
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        p.set_defaults(_module=mod)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "_module", None) is None:
        parser.print_help()
        return 0
    from adaproof.reports.outputs import Terminated, terminate_cleanly

    terminate_cleanly()  # SIGTERM runs the finally blocks that remove temporary output
    try:
        return int(args._module.run(args) or 0)
    except (UsageError, Inconclusive) as exc:
        _json_error(args, str(exc), exc.exit_code)
        sys.stderr.write(f"adaproof {args.command}: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write(f"adaproof {args.command}: interrupted\n")
        return 130
    except Terminated as exc:
        sys.stderr.write(f"adaproof {args.command}: terminated\n")
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except SystemExit:
        raise
    except Exception as exc:  # a bug: one line and exit 4, never a traceback or exit 1
        first = str(exc).splitlines()[0][:200] if str(exc) else ""
        message = f"internal error: {exc.__class__.__name__}" + (f": {first}" if first else "")
        _json_error(args, message, InternalError.exit_code)
        sys.stderr.write(
            f"adaproof {args.command}: {message} (please report it; "
            "ADAPROOF_DEBUG=1 shows the traceback)\n"
        )
        if os.environ.get("ADAPROOF_DEBUG"):
            import traceback

            traceback.print_exc()
        return InternalError.exit_code


def _json_error(args: argparse.Namespace, message: str, code: int) -> None:
    """With ``--json`` to stdout (and nothing printed yet), the error as a JSON envelope."""
    target = getattr(args, "json", None)
    if target is not True and target != "-":
        return
    if getattr(args, "_json_done", False):
        return
    from adaproof.reports import jsonio

    sys.stdout.write(jsonio.dumps(jsonio.error(args.command, message, code)))


if __name__ == "__main__":
    sys.exit(main())
