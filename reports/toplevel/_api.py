"""The public functions behind ``adaproof.verify/decide/check/figure`` (imported on first use)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sympy as sp


def _with_sides(dec: Any, lhs: sp.Expr, rhs: sp.Expr) -> Any:
    """Attach the SymPy sides (``dec.sides``, ``dec.lhs_expr``, ``dec.rhs_expr``)."""
    object.__setattr__(dec, "lhs_expr", lhs)
    object.__setattr__(dec, "rhs_expr", rhs)
    return dec


def decide(
    lhs: Any,
    op: str,
    rhs: Any,
    *,
    assume: str | Iterable[str] | dict | None = None,
    budget: float = 10.0,
    require_proof: bool = False,
) -> Any:
    """Decide ``lhs op rhs`` (op one of ``= <= < >= >``) for all values allowed by ``assume``.

    Sides are SymPy expressions, ints or text in the notation of ``adaproof verify`` (parsed
    safely, never evaluated). Returns a ``Decision``: ``verdict`` is ``"true"``, ``"false"``
    (with ``counterexample``) or ``"inconclusive"``; ``sides`` are SymPy objects; it shows
    itself in Jupyter. The decision runs in a worker process ended at ``budget`` with a
    512 MB memory cap: a limit reached makes it inconclusive, with the reason.
    """
    from adaproof.derivations.equivalence import RELATIONS
    from adaproof.derivations.equivalence import decide_bounded as _decide
    from adaproof.testing import _prepare

    if op not in RELATIONS:
        raise ValueError(f"op must be one of {', '.join(RELATIONS)}, got {op!r}")
    left, right, domains, _names = _prepare(lhs, rhs, assume)
    dec = _decide(left, op, right, domains, budget=budget, require_proof=require_proof)
    return _with_sides(dec, left, right)


def verify(target: str, answer: str, *, budget: float = 4.0, require_proof: bool = False) -> Any:
    """Check ``answer`` (plain text or LaTeX, or ``LHS = expression`` naming the target) against
    a derived ``target`` such as ``"adam.m_hat:2"`` (``adaproof targets`` lists them).

    Returns the ``Decision`` of ``answer = target`` (decided in a worker process bounded in
    time and memory, like :func:`decide`); a ValueError says what could not be read.
    """
    from adaproof.derivations.equivalence import decide_bounded as _decide
    from adaproof.derivations.parsing import ParseError, Scope, parse_pieces, split
    from adaproof.derivations.targets import UnknownTarget, get_target, lhs_key

    try:
        tgt = get_target(target)
    except UnknownTarget as exc:
        raise ValueError(str(exc)) from None
    if not isinstance(answer, str):
        raise TypeError(f"answer must be text, got {type(answer).__name__}")
    overrides = {k: v for k, v in tgt.spec.overrides.items() if k in tgt.allowed}
    scope = Scope(allowed=tgt.allowed, overrides=overrides, describe=tgt.name)
    try:
        pieces, rels, latex = split(answer)
        piece = pieces[0]
        if rels:
            first = pieces[0]
            left = answer[first.pos(0) : first.end].strip() if first.text.strip() else ""
            if rels != ["="] or lhs_key(left) not in tgt.lhs_keys:
                raise ValueError(
                    f"an answer is an expression, or 'LHS = expression' with LHS naming {tgt.name}"
                )
            piece = pieces[1]
        (expr,) = parse_pieces([piece], scope, latex)
    except ParseError as exc:
        raise ValueError(f"cannot read the answer: {exc}") from None
    dec = _decide(expr, "=", tgt.expr, tgt.assume, budget=budget, require_proof=require_proof)
    return _with_sides(dec, expr, tgt.expr)


def check(ids: Iterable[str] | str | None = None) -> Any:
    """Run catalogued claims (all, or the given ids / source keys such as ``"004"``).

    Returns a list of outcomes (``outcome.claim``, ``outcome.result``, ``outcome.verdict``,
    ``outcome.matches``) with ``.mismatches`` and ``.summary()``; shows as a table in Jupyter.
    """
    from adaproof.reports.claims import select
    from adaproof.reports.display import ClaimResults
    from adaproof.reports.runner import run_catalogue

    names = [ids] if isinstance(ids, str) else (list(ids) if ids is not None else None)
    try:
        select(names)
    except KeyError as exc:
        raise ValueError(str(exc.args[0])) from None
    return ClaimResults(run_catalogue(names or None, progress=False))


def figure(name: str, *, size: str = "slide") -> Any:
    """Lecture figure ``name`` on a new :class:`matplotlib.figure.Figure` (no pyplot; the
    Matplotlib backend is left as it is). It shows itself inline in Jupyter; save it with
    ``fig.savefig(path)``. ``adaproof figure --list`` names the figures."""
    from adaproof.reports.display import displayable
    from adaproof.reports.figures import FIGURES
    from adaproof.reports.figures import figure as _figure

    if not isinstance(name, str) or name not in FIGURES:
        raise ValueError(f"unknown figure {name!r}; known figures: {', '.join(sorted(FIGURES))}")
    return displayable(_figure(name, size=size), FIGURES[name].title)


def steps(text: str, *, budget: float = 4.0, require_proof: bool = False) -> Any:
    """Check a derivation step by step, exactly as ``adaproof steps FILE --json`` does, from
    its text (same format: ``assume``/``given`` lines, a first expression, then lines starting
    with a relation; LaTeX ``align`` rows too).

    Returns a :class:`~adaproof.reports.display.StepReport` (a dict with ``steps``,
    ``first_wrong_line``, ``verdict``, ``readings``) that shows as a table in Jupyter.
    Unreadable text raises ``ValueError`` with the command's one-line message.
    """
    import contextlib
    import io
    import json
    import sys

    from adaproof.reports.cli import main
    from adaproof.reports.display import StepReport

    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    argv = ["steps", "-", "--json", "--budget", str(budget)]
    if require_proof:
        argv.append("--prove")
    out, err = io.StringIO(), io.StringIO()
    stdin = sys.stdin
    try:
        sys.stdin = io.StringIO(text)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(argv)
    finally:
        sys.stdin = stdin
    try:
        data = json.loads(out.getvalue())
    except ValueError:
        raise ValueError(err.getvalue().strip() or "steps printed no result") from None
    if "error" in data:
        raise ValueError(data["error"].get("message", "steps failed"))
    return StepReport(data)
