"""``adaproof verify TARGET ANSWER`` and ``adaproof verify --claim RELATION [--assume A]...``.

Exit codes: 0 equivalent / true, 1 not (a counterexample is shown), 2 unparsable
input, usage error or unknown target, 3 inconclusive within the time budget.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from adaproof.reports.errors import Inconclusive, InternalError, UsageError

HELP = "check an answer against a derived target, or decide a relation with --claim"

EXIT = {"true": 0, "false": 1, "inconclusive": 3}


def add_arguments(parser) -> None:
    import re

    # an answer such as "-(b1*g1+g2)" must not be taken for an option: argparse treats an
    # argument matching this pattern as positional when no option looks like it (all
    # options here start with "--", and exact option names are matched first)
    parser._negative_number_matcher = re.compile(r"^-[^-]")
    parser.add_argument("target", nargs="?", help="a target such as adam.m_hat:2 (see 'targets')")
    parser.add_argument("answer", nargs="?", help="your expression, plain text or LaTeX")
    parser.add_argument(
        "--claim", metavar="RELATION", help="decide a relation such as '(1-b^t)/(1-b) <= t'"
    )
    parser.add_argument(
        "--assume",
        action="append",
        default=[],
        metavar="A",
        help="a domain such as '0 < b < 1', 't integer >= 1', 'x real' (repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--budget", type=float, default=4.0, help="time budget in seconds (default 4)"
    )
    parser.add_argument(
        "--prove",
        action="store_true",
        help="require a symbolic proof: agreement found only numerically is inconclusive",
    )


def fail(args, message: str, exc: type[Exception] = UsageError):
    """Raise the one-line error; with --json also print it as an object on stdout."""
    if getattr(args, "json", False) and not getattr(args, "_json_done", False):
        from adaproof.reports import jsonio

        kind = "inconclusive" if exc is Inconclusive else "error"
        command = getattr(args, "command", None) or "verify"
        print(jsonio.dumps(jsonio.error(command, message, exc.exit_code, verdict=kind)), end="")
        args._json_done = True
    raise exc(message)


#: at most this many symbol values are printed in a counterexample (all are in --json)
SHOW_VALUES = 6


def show_values(values: dict[str, Any]) -> str:
    """``b = 1/2, g1 = 3, …`` with at most SHOW_VALUES names: the nonzero values first,
    then what the others are."""
    items = list(values.items())
    if len(items) <= SHOW_VALUES:
        return ", ".join(f"{k} = {v}" for k, v in items)
    nonzero = [(k, v) for k, v in items if str(v) not in ("0", "0.0")]
    shown = (nonzero + [kv for kv in items if kv not in nonzero])[:SHOW_VALUES]
    rest = len(items) - len(shown)
    others = "all 0" if len(nonzero) <= len(shown) else "see --json"
    return ", ".join(f"{k} = {v}" for k, v in shown) + f", … ({rest} more: {others})"


def bounded(args, fn, budget: float, stage: str, on_limit):
    """``fn()`` in a worker process ended at the budget, with a memory cap; an engine
    failure is an internal error (exit 4) naming the stage. Inside the worker of the
    whole command (``verify``) it runs directly: the limits are already there."""
    from adaproof.derivations.isolation import EngineError
    from adaproof.derivations.isolation import bounded as run

    if getattr(args, "_in_worker", False):
        try:
            return fn()
        except (UsageError, Inconclusive, InternalError):
            raise
        except (MemoryError, SystemError):
            # SystemError: a native library (gmpy, SymPy's C parts) failing to allocate
            from adaproof.derivations.isolation import MEMORY_MB

            return on_limit(f"the memory cap ({MEMORY_MB} MB) was reached")
        except RecursionError:
            fail(args, f"internal error while {stage}: nested too deeply", InternalError)
        except Exception as exc:
            fail(args, f"internal error while {stage}: {type(exc).__name__}: {exc}", InternalError)
    try:
        return run(fn, budget=budget, stage=stage, on_limit=on_limit)
    except EngineError as exc:
        fail(args, str(exc), InternalError)


def time_left(args, budget: float) -> float:
    """The budget of a decision: the first one also pays for reading the input (the
    command started at ``args._t0``), so that the whole command keeps to the budget."""
    t0 = getattr(args, "_t0", None)
    if t0 is None or getattr(args, "_first_done", False):
        return budget
    args._first_done = True
    return max(budget - (time.monotonic() - t0), min(0.3, budget))


def decide_in_worker(args, lhs, op, rhs, domains, budget: float):
    """:func:`decide` under the budget and the memory cap, from outside."""
    from adaproof.derivations.equivalence import decide, limited

    budget = time_left(args, budget)
    return bounded(
        args,
        lambda: decide(lhs, op, rhs, domains, budget=budget * 0.85, require_proof=args.prove),
        budget,
        "deciding the relation",
        lambda reason: limited(lhs, op, rhs, domains, reason),
    )


def limit_in_worker(args, fn, lhs, op, rhs, domains, budget: float):
    """An asymptotic decision ``fn()`` under the budget and the memory cap."""
    from adaproof.derivations.equivalence import limited

    budget = time_left(args, budget)
    return bounded(
        args,
        fn,
        budget,
        "deciding the limit",
        lambda reason: limited(lhs, "=", rhs, domains, reason),
    )


def short(text: str, width: int = 160) -> str:
    """A side as printed: at most ``width`` characters (the whole side is in --json)."""
    return text if len(text) <= width else text[: width - 12] + " … " + text[-8:]


def assumed_list(decisions) -> list[str]:
    """Every domain the decisions used, stated and built-in, each once."""
    return list(dict.fromkeys(a for dec in decisions for a in dec.assumptions))


def describe_counterexample(ce: dict[str, Any], left: str, right: str) -> list[str]:
    values = show_values(ce["values"]) or "(no variables)"
    width = max(len(left), len(right), len("difference"))
    lines = [f"  at {values}:"]
    lines.append(f"    {left:<{width}} = {ce['lhs']}")
    lines.append(f"    {right:<{width}} = {ce['rhs']}")
    if ce.get("kind") == "equal":
        lines.append(f"    {'difference':<{width}} = 0 (equal, but the relation is strict)")
    elif ce.get("kind") == "undefined":
        side = left if ce.get("undefined_side") == "lhs" else right
        lines.append(f"    ({side} is undefined here and on a region around this point)")
    else:
        lines.append(f"    {'difference':<{width}} = {ce['difference']}")
    return lines


def _budget(args) -> float:
    if not 0 < args.budget <= 600:
        fail(args, f"--budget must be in (0, 600] seconds, got {args.budget}")
    return args.budget


_ERRORS = {"UsageError": UsageError, "Inconclusive": Inconclusive, "InternalError": InternalError}


def run(args) -> int:
    """The whole command (reading, deciding, hints) in one worker process that is ended at
    ``--budget`` (+0.3 s) and may use 512 MB more memory; its output is printed here."""
    budget = _budget(args)
    # imports happen here, before the worker starts (it shares them), and do not count
    # against the budget: reading and deciding do
    import adaproof.derivations.equivalence
    import adaproof.derivations.parsing  # noqa: F401
    from adaproof.derivations.isolation import run_bounded

    args._t0 = time.monotonic()

    if getattr(args, "_in_worker", False):
        return _run(args)
    args._in_worker = True
    try:
        out = run_bounded(lambda: _captured(args), budget=budget)
    finally:
        args._in_worker = False
    if out.status == "ok":
        kind, code, text, error = out.value
        sys.stdout.write(text)
        sys.stdout.flush()
        if kind == "raise":
            name, message, json_done = error
            args._json_done = json_done
            raise _ERRORS[name](message)
        return code
    if out.status == "error":
        fail(args, f"internal error while deciding: {out.reason}", InternalError)
    return _stopped(args, out.reason)


def _captured(args):
    """Run the command, its standard output captured: (kind, exit code, text, error)."""
    import contextlib
    import io

    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            code = _run(args)
        return ("ok", code, buf.getvalue(), None)
    except (UsageError, Inconclusive, InternalError) as exc:
        error = (type(exc).__name__, str(exc), bool(getattr(args, "_json_done", False)))
        return ("raise", exc.exit_code, buf.getvalue(), error)


def _stopped(args, reason: str) -> int:
    """The command was stopped from outside: inconclusive, exit 3, with the reason."""
    what = args.claim if args.claim is not None else f"{args.target} {args.answer}"
    method = f"stopped: {reason}"
    if args.json:
        from adaproof.reports import jsonio

        body = {"verdict": "inconclusive", "method": method, "counterexample": None}
        body["relation_text" if args.claim is not None else "target"] = (
            args.claim if args.claim is not None else args.target
        )
        print(jsonio.dumps(jsonio.envelope("verify", body)), end="")
        return EXIT["inconclusive"]
    print(f"inconclusive: {short(what)}")
    print(f"  method: {method}")
    return EXIT["inconclusive"]


def _run(args) -> int:
    if args.claim is not None:
        if args.target is not None or args.answer is not None:
            fail(args, "give either TARGET ANSWER or --claim RELATION, not both")
        return run_claim(args)
    if args.target is None or args.answer is None:
        fail(args, "usage: adaproof verify TARGET ANSWER, or adaproof verify --claim RELATION")
    if args.assume:
        fail(args, "--assume goes with --claim; a target has its own domains")
    return run_target(args)


def run_claim(args) -> int:
    from adaproof.derivations.equivalence import RELATIONS
    from adaproof.derivations.parsing import ParseError, Scope, split_relations
    from adaproof.derivations.parsing.assume import parse_assumptions

    budget = _budget(args)
    scope = Scope()
    try:
        domains = parse_assumptions(args.assume, scope)
    except ParseError as exc:
        fail(args, f"in --assume: {exc}")
    try:
        links = split_relations(args.claim, scope)
    except ParseError as exc:
        fail(args, f"in the relation: {exc}")
    if not links:
        fail(args, "no relation found: write LHS REL RHS with REL one of = <= < >= > ≈")
    for link in links:
        if link.error is not None:
            where = f" ({link.text[:60]})" if len(links) > 1 else ""
            fail(args, f"in the relation{where}: {link.error}")
    links = [_default_limit(link, args) for link in links]
    decisions = []
    for link in links:
        if _lim_side(link) is not None:
            dec = _decide_lim(link, domains, budget, args)
        elif link.op in RELATIONS:
            if link.limit is not None:
                fail(args, f"'as ... -> ...' goes with ≈ or ~, not {link.op}")
            dec = decide_in_worker(args, link.lhs, link.op, link.rhs, domains, budget)
        else:
            dec = _decide_limit(link, scope, domains, budget, args)
        decisions.append((link, dec))
    readings = list(dict.fromkeys(r for link in links for r in link.readings))
    assumed = assumed_list(dec for _, dec in decisions)
    verdicts = [dec.verdict for _, dec in decisions]
    overall = (
        "false" if "false" in verdicts else "inconclusive" if "inconclusive" in verdicts else "true"
    )
    if args.json:
        from adaproof.reports import jsonio

        first = next((d for _, d in decisions if d.verdict == overall), decisions[0][1])
        out = first.to_json()
        out["verdict"] = overall
        out["assume"] = assumed
        out["readings"] = readings
        if len(decisions) > 1:
            out["links"] = [dict(dec.to_json(), relation_text=link.text) for link, dec in decisions]
        print(jsonio.dumps(jsonio.envelope("verify", out)), end="")
        return EXIT[overall]
    for link, dec in decisions:
        print(f"{dec.verdict}: {short(dec.lhs)} {link.op} {short(dec.rhs)}" + _as(link))
        print(f"  method: {dec.method}")
        if dec.counterexample:
            print("  counterexample:")
            for line in describe_counterexample(dec.counterexample, "lhs", "rhs"):
                print("  " + line)
    if assumed:
        print("  assuming " + ", ".join(assumed))
    for r in readings:
        print(f"  reading: {r}")
    if len(decisions) > 1:
        print(f"{overall}: {len(decisions)} relations ({', '.join(verdicts)})")
    return EXIT[overall]


def _as(link) -> str:
    return f" as {link.limit[0]} -> {link.limit[1]}" if link.limit else ""


def _lim_side(link):
    """``\\lim_{t -> oo} f = L`` (L free of t): (f, L, t, point), else None."""
    import sympy as sp

    if link.op != "=":
        return None
    for a, b in ((link.lhs, link.rhs), (link.rhs, link.lhs)):
        if isinstance(a, sp.Limit) and not b.has(sp.Limit):
            body, var, point = a.args[0], a.args[1], a.args[2]
            if var not in b.free_symbols and point in (sp.oo, sp.Integer(0)):
                return body, b, var, "oo" if point == sp.oo else "0"
    return None


def _decide_lim(link, domains, budget, args):
    """``lim f = L`` holds exactly when (f - L + 1)/1 -> 1: decided as that limit."""
    import sympy as sp
    from adaproof.derivations.equivalence import decide_limit

    body, value, var, to = _lim_side(link)
    dec = limit_in_worker(
        args,
        lambda: decide_limit(
            body - value + 1, sp.Integer(1), var, to, domains, budget=budget * 0.9
        ),
        body,
        "=",
        value,
        domains,
        budget,
    )
    dec.method = f"lim f = L decided as lim (f - L + 1) = 1; {dec.method}"
    dec.lhs = f"lim({body}, {var} -> {to})"
    dec.rhs = str(value)
    if dec.counterexample and dec.counterexample.get("kind") == "limit":
        ratio = dec.counterexample.get("limit_ratio")
        dec.method += f" (f - L + 1 settles at {ratio})" if ratio is not None else ""
        dec.counterexample = None
    if args.prove and dec.verdict == "true" and dec.method.startswith("numeric"):
        dec.verdict = "inconclusive"
    return dec


def _default_limit(link, args):
    """``≈`` without ``as …``: t -> oo when t appears, else eps -> 0 (as in steps), said."""
    from dataclasses import replace

    from adaproof.derivations import symbols as S
    from adaproof.derivations.equivalence import RELATIONS

    if link.op in RELATIONS or link.limit is not None:
        return link
    free = link.lhs.free_symbols | link.rhs.free_symbols
    if S.t in free:
        limit, said = ("t", "oo"), "t → ∞"
    elif S.eps in free:
        limit, said = ("epsilon", "0"), "ε → 0"
    else:
        fail(args, f"'{link.op}' needs a limit: add 'as t -> oo' (or use = <= < >= >)")
    reading = f"read '{link.op}' without 'as …' as the limit {said}"
    return replace(link, limit=limit, readings=(*link.readings, reading))


def _decide_limit(link, scope, domains, budget, args):
    """``lhs ≈ rhs as t -> oo``: decided as a limit of the ratio."""
    from adaproof.derivations.equivalence import decide_limit
    from adaproof.derivations.parsing import ParseError, parse_expression

    name, to = link.limit
    try:
        var = parse_expression(name, scope, latex="\\" in name)
    except ParseError as exc:
        fail(args, f"in the limit: {exc}")
    if not var.is_Symbol:
        fail(args, "the limit variable must be a name")
    dec = limit_in_worker(
        args,
        lambda: decide_limit(
            link.lhs, link.rhs, var, to, domains, budget=budget * 0.9, relation=link.op
        ),
        link.lhs,
        link.op,
        link.rhs,
        domains,
        budget,
    )
    if args.prove and dec.verdict == "true" and dec.method.startswith("numeric"):
        dec.verdict = "inconclusive"
    return dec


def answer_side(args, target, pieces, rels, text):
    """The right-hand side of ``LHS = RHS`` when LHS names the target, else the whole answer."""
    from adaproof.derivations.targets import lhs_key

    if not rels:
        return pieces[0]
    if len(rels) == 1 and rels[0] == "=" and pieces[0].text.strip():
        left = text[pieces[0].pos(0) : pieces[0].end].strip()
        if lhs_key(left) in target.lhs_keys:
            return pieces[1]
        expected = " or ".join(repr(k) for k in target.lhs_keys[:2])
        fail(
            args,
            f"the left-hand side {left[:40]!r} does not name {target.name} "
            f"(write e.g. {expected}, or give only the right-hand side)",
        )
    fail(args, "an answer is an expression, or 'LHS = expression' naming the target")


def run_target(args) -> int:
    from adaproof.derivations.equivalence import decide, hints, limited
    from adaproof.derivations.parsing import ParseError, Scope, parse_pieces, split
    from adaproof.derivations.targets import UnknownTarget, get_target

    budget = _budget(args)
    try:
        target = get_target(args.target)
    except UnknownTarget as exc:
        fail(args, str(exc))
    except ValueError as exc:
        fail(args, str(exc))
    except (ImportError, AttributeError) as exc:
        fail(args, f"target {args.target} is not available yet ({exc})", Inconclusive)
    text = args.answer
    overrides = {k: v for k, v in target.spec.overrides.items() if k in target.allowed}
    scope = Scope(allowed=target.allowed, overrides=overrides, describe=target.name)
    try:
        pieces, rels, latex = split(text)
        piece = answer_side(args, target, pieces, rels, text)
        readings: list[str] = []
        (answer,) = parse_pieces([piece], scope, latex, readings=readings)
    except ParseError as exc:
        fail(args, f"cannot read the answer: {exc}")

    def work():
        dec = decide(
            answer, "=", target.expr, target.assume, budget=budget * 0.7, require_proof=args.prove
        )
        if dec.verdict != "false":
            return dec, []
        left = min(budget * 0.85 - dec_seconds(), 2.0)
        if left < 0.15:  # no time left for hints: the verdict is kept
            return dec, []
        return dec, hints(answer, target.expr, target.assume, budget=left, latex=latex)

    budget = time_left(args, budget)
    t0 = time.monotonic()

    def dec_seconds() -> float:
        return time.monotonic() - t0

    dec, found = bounded(
        args,
        work,
        budget,
        "checking the answer",
        lambda reason: (limited(answer, "=", target.expr, target.assume, reason), []),
    )
    if args.json:
        out = dec.to_json()
        out.update(
            {
                "target": target.name,
                "answer": dec.lhs,
                "equivalent": {"true": True, "false": False}.get(dec.verdict),
                "hints": found,
                "readings": readings,
            }
        )
        del out["lhs"], out["rhs"]
        if out["counterexample"]:
            ce = dict(out["counterexample"])
            ce["answer"], ce["target"] = ce.pop("lhs"), ce.pop("rhs")
            out["counterexample"] = ce
        from adaproof.reports import jsonio

        print(jsonio.dumps(jsonio.envelope("verify", out)), end="")
        return EXIT[dec.verdict]
    word = {"true": "equivalent", "false": "NOT equivalent", "inconclusive": "inconclusive"}
    print(f"{target.name}: {word[dec.verdict]}")
    print(f"  method: {dec.method}")
    if dec.counterexample:
        for line in describe_counterexample(dec.counterexample, "your answer", "target"):
            print(line)
    for h in found:
        print(f"  hint: {h}")
    for r in readings:
        print(f"  reading: {r}")
    sys.stdout.flush()
    return EXIT[dec.verdict]
