r"""``adaproof steps FILE``: check a derivation line by line and name the first wrong step.

File format (one item per line; blank lines and lines starting with ``#`` or ``%`` are skipped)::

    assume 0 < beta < 1, t integer >= 1
    given m2 = (1-beta)*(beta*g1 + g2)
    given E[r_t^2] = sigma^2           # a moment: every E[r_k^2], whatever the index k
    m2/(1-beta^2)                      # the chain starts with an expression (or NAME = EXPR)
    = (beta*g1 + g2)/(1+beta)          # each next line starts with = <= < >= > ≈ ~
    ≈ g2 as beta -> 0                  # ≈ and ~ are limits: 'as t -> oo' or 'as eps -> 0'

LaTeX ``align`` lines (``&= \frac{..}{..} \\``) work too. Each step is checked
against the previous line; exit 0 when every step holds, 1 naming the first
wrong step, 2 for a line that cannot be read, 3 when a step is inconclusive.
"""

from __future__ import annotations

import re
from typing import Any

from adaproof.reports.commands.verify import (
    decide_in_worker,
    describe_counterexample,
    fail,
    limit_in_worker,
    short,
)
from adaproof.reports.errors import Inconclusive, UsageError

HELP = "check a derivation step by step and name the first wrong step"

MAX_LINES = 300
MAX_FILE = 100_000


def add_arguments(parser) -> None:
    parser.add_argument("file", help="the derivation, one expression per line ('-' for stdin)")
    parser.add_argument("--json", action="store_true", help="print the verdicts as JSON")
    parser.add_argument(
        "--budget", type=float, default=4.0, help="time budget per step in seconds (default 4)"
    )
    parser.add_argument(
        "--prove", action="store_true", help="require symbolic proofs (numeric only: inconclusive)"
    )


def _read(args) -> str:
    import sys

    try:
        if args.file == "-":
            text = sys.stdin.read(MAX_FILE + 1)
        else:
            with open(args.file, encoding="utf-8") as fh:
                text = fh.read(MAX_FILE + 1)
    except (OSError, UnicodeDecodeError) as exc:
        fail(args, f"cannot read {args.file}: {exc.__class__.__name__}: {exc}")
    if len(text) > MAX_FILE:
        fail(args, f"{args.file} is too large (more than {MAX_FILE} characters)")
    return text.removeprefix("\ufeff")  # a byte-order mark is not part of the first line


def _join_continued(lines: list[str]) -> list[str]:
    """A row that starts with ``+`` or ``-`` (``&+ \\sum …``) continues the expression of the
    row before: the two are read as one line (kept at the first line's number)."""
    out = list(lines)
    last = None
    for i, line in enumerate(lines):
        cleaned = _clean(line)
        if not cleaned:
            continue
        if last is not None and cleaned[0] in "+-" and not cleaned.startswith("->"):
            out[last] = re.sub(r"\\\\\s*$", "", out[last].rstrip()) + " " + line.strip()
            out[i] = ""
            continue
        last = i
    return out


def _clean(line: str) -> str:
    """Drop comments and LaTeX layout that carries no math."""
    s = line.strip()
    if s.startswith(("#", "%")):
        return ""
    s = re.sub(r"\s#.*$", "", s)
    s = re.sub(r"(?<!\\)%.*$", "", s)
    s = re.sub(r"\\\\\s*$", "", s).strip()
    if re.fullmatch(r"\\(begin|end)\{[a-z*]+\}", s) or s in ("$$", "\\[", "\\]"):
        return ""
    if re.fullmatch(r"&?\s*\\[vcl]?dots\s*(\\\\)?", s):  # a row of dots is layout
        return ""
    s = s.strip("$").strip()
    s = re.sub(r"\\(?:nonumber|notag)\b", "", s)
    return s.lstrip("&").strip()


def run(args) -> int:
    from adaproof.derivations.parsing import ParseError, Scope, parse_pieces, split
    from adaproof.derivations.parsing.assume import parse_assumptions
    from adaproof.derivations.parsing.relations import split_display
    from sympy.core.function import AppliedUndef

    if not 0 < args.budget <= 600:
        fail(args, f"--budget must be in (0, 600] seconds, got {args.budget}")
    import time

    args._t0 = time.monotonic()
    lines = _read(args).splitlines()
    if len(lines) > MAX_LINES:
        fail(args, f"at most {MAX_LINES} lines, got {len(lines)}")
    lines = _join_continued(lines)
    definitions = 0
    scope = Scope()
    domains: dict = {}
    subs: dict = {}
    current = None
    steps: list[dict[str, Any]] = []
    readings: list[str] = []
    start = (0, "")

    expectations: list[tuple[Any, Any]] = []  # (shape of the argument, value)

    def sub(expr):
        for _ in range(5):  # givens may refer to earlier givens
            new = _expectations(expr.xreplace(subs), expectations)
            if new == expr:
                break
            expr = new
        return expr

    # the assumptions first, wherever they are written: a stated domain replaces the built-in
    # one of its symbol already while the relations are parsed (the scope learns it)
    for number, raw in enumerate(lines, start=1):
        line = _clean(raw)
        if re.match(r"assume\b", line):
            try:
                for sym, dom in parse_assumptions(line[len("assume") :], scope).items():
                    domains = {s: d for s, d in domains.items() if s.name != sym.name}
                    domains[sym] = dom
            except ParseError as exc:
                fail(args, f"line {number}: {exc}")
    for number, raw in enumerate(lines, start=1):
        line = _clean(raw)
        if not line:
            continue
        where = f"line {number}"
        try:
            if re.match(r"assume\b", line):
                continue
            if re.match(r"given\b", line):
                pieces, rels, latex = split(line[len("given") :])
                if rels != ["="]:
                    raise ParseError("write 'given NAME = EXPR'")
                name, value = parse_pieces(pieces, scope, latex, rels)
                if _is_expectation(name):
                    # given E[r_t^2] = sigma^2: every E[r_k^2], whatever the index k
                    shape = _shape(name.args[0])
                    if _names(value) & _indices(name.args[0]):
                        raise ParseError("a given E[…] must not depend on the index")
                    expectations.append((shape, sub(value)))
                    continue
                if not name.is_Symbol:
                    raise ParseError("the left side of 'given' must be a single name or E[…]")
                subs[name] = sub(value)
                continue
            display = split_display(line, scope, previous=current)
            bad = next((lk for lk in display.links if lk.error is not None), None)
            if bad is not None:
                raise bad.error
            pairs = []  # (right side, relation, limit, checked against the running side)
            if not display.links:
                if current is not None:
                    raise ParseError("a step starts with a relation (= <= < >= > ≈ ~)", position=0)
                if display.tail_error is not None:
                    raise display.tail_error
                if display.tail is None:
                    continue
                current = sub(display.tail)
                start = (number, _printable(raw.strip()))
            for link in display.links:
                if link.continued or link.chained:
                    pairs.append((sub(link.rhs), link.op, link.limit))
                    continue
                # a new chain: NAME = EXPR defines NAME, Var(…) = EXPR labels it; any
                # other left side is the first expression of the chain
                left = link.lhs
                label = (left.is_Symbol or isinstance(left, AppliedUndef)) and link.op == "="
                if label:
                    definitions += 1
                    if left.is_Symbol and left not in subs:
                        subs[left] = sub(link.rhs)
                    current = sub(link.rhs)
                else:
                    current = sub(left)
                    pairs.append((sub(link.rhs), link.op, link.limit))
                if start[0] == 0:
                    start = (number, _printable(raw.strip()))
            for r in display.readings:
                if r not in readings:
                    readings.append(r)
        except ParseError as exc:
            fail(args, f"{where}: {exc}")
        for cur, rel, limit in pairs:
            steps.append(
                _check(
                    number,
                    _printable(raw.strip()),
                    current,
                    rel,
                    cur,
                    limit,
                    domains,
                    scope,
                    args,
                )
            )
            current = cur
    if not steps and definitions:
        print(f"no steps to check: {definitions} definitions read (NAME = EXPR lines)")
        return 0
    if not steps:
        fail(args, "no steps: write a first expression and then lines starting with a relation")
    first_wrong = next((s for s in steps if s["verdict"] == "false"), None)
    any_inconclusive = any(s["verdict"] == "inconclusive" for s in steps)
    code = 1 if first_wrong else (3 if any_inconclusive else 0)
    if args.json:
        from adaproof.reports import jsonio

        body = {
            "start_line": start[0],
            "steps": steps,
            "first_wrong_line": first_wrong and first_wrong["line"],
            "verdict": {0: "true", 1: "false", 3: "inconclusive"}[code],
            "readings": readings,
        }
        print(jsonio.dumps(jsonio.envelope("steps", body)), end="")
        return code
    mark = {"true": "ok   ", "false": "WRONG", "inconclusive": "???  "}
    print(f"line {start[0]:>3}  start  {start[1]}")
    for r in readings:
        print(f"           reading: {r}")
    for s in steps:
        print(f"line {s['line']:>3}  {mark[s['verdict']]}  {s['text']}")
        print(f"           {s['method']}")
        if s["verdict"] == "false" and s.get("counterexample"):
            ce = s["counterexample"]
            if ce.get("kind") == "limit":
                vals = ", ".join(f"{k} = {v}" for k, v in ce["values"].items())
                print(
                    f"           lhs/rhs -> {ce['limit_ratio']}" + (f" at {vals}" if vals else "")
                )
            else:
                for line in describe_counterexample(ce, "previous line", "this line"):
                    print("         " + line)
    assumed = list(dict.fromkeys(a for s in steps for a in s.get("assumptions", [])))
    if assumed:
        print("assuming " + ", ".join(short(a, 100) for a in assumed))
    if first_wrong:
        print(f"first wrong step: line {first_wrong['line']}")
    elif any_inconclusive:
        print("no wrong step found, but some steps are inconclusive")
    else:
        print(f"all {len(steps)} steps hold")
    return code


_INDEXED = re.compile(r"^([A-Za-z]+)_\{(.+)\}$")


def _is_expectation(expr: Any) -> bool:
    from sympy.core.function import AppliedUndef

    return isinstance(expr, AppliedUndef) and expr.func.__name__ == "E" and len(expr.args) == 1


def _shape(expr: Any) -> Any:
    """``expr`` with every indexed term (``r_{t}``, ``r(t - tau)``) replaced by ``r[·]``: two
    arguments of E[…] with the same shape differ only in their indices."""
    import sympy as sp
    from sympy.core.function import AppliedUndef

    def index_free(e):
        if isinstance(e, AppliedUndef) and e.func.__name__ != "E" and len(e.args) == 1:
            return sp.Symbol(f"{e.func.__name__}[·]")
        if isinstance(e, sp.Symbol) and _INDEXED.match(e.name):
            return sp.Symbol(f"{_INDEXED.match(e.name).group(1)}[·]")
        return e

    return expr.replace(lambda e: index_free(e) is not e, index_free)


def _indices(expr: Any) -> set[str]:
    """The names of the symbols inside the indices of ``expr`` (``r(t - tau)``, ``r_{t}``)."""
    import sympy as sp
    from sympy.core.function import AppliedUndef

    out: set[str] = set()
    for f in expr.atoms(AppliedUndef):
        if f.func.__name__ != "E":
            for a in f.args:
                out |= {x.name for x in a.free_symbols}
    for x in expr.atoms(sp.Symbol):
        m = _INDEXED.match(x.name)
        if m:
            out |= set(re.findall(r"[A-Za-z]\w*", m.group(2)))
    return out


def _names(expr: Any) -> set[str]:
    return {x.name for x in expr.free_symbols}


def _expectations(expr: Any, expectations: list[tuple[Any, Any]]) -> Any:
    """Replace each E[…] whose argument has the shape of a given one by its value."""
    if not expectations:
        return expr

    def value(e):
        shape = _shape(e.args[0])
        return next((v for s, v in expectations if s == shape), e)

    return expr.replace(_is_expectation, value)


def _check(number, text, prev, rel, cur, limit, domains, scope, args) -> dict[str, Any]:
    from adaproof.derivations import symbols as S
    from adaproof.derivations.equivalence import RELATIONS, decide_limit
    from adaproof.derivations.parsing import ParseError, parse_pieces, split

    budget = args.budget
    if rel in RELATIONS:
        if limit is not None:
            fail(args, f"line {number}: 'as ... -> ...' goes with ≈ or ~, not {rel}")
        dec = decide_in_worker(args, prev, rel, cur, domains, budget)
    else:
        if limit is None:
            free = prev.free_symbols | cur.free_symbols
            if S.t in free:
                var, to = S.t, "oo"
            elif S.eps in free:
                var, to = S.eps, "0"
            else:
                fail(args, f"line {number}: say which limit, e.g. '{rel} ... as t -> oo'")
        else:
            name, to_text = limit
            try:
                pieces, _, latex = split(name)
                (var,) = parse_pieces(pieces, scope, latex)
            except ParseError as exc:
                fail(args, f"line {number}: in the limit: {exc}")
            if not var.is_Symbol:
                fail(args, f"line {number}: the limit variable must be a name")
            to = "0" if to_text.startswith("0") else "oo"
        dec = limit_in_worker(
            args,
            lambda: decide_limit(prev, cur, var, to, domains, budget=budget * 0.9, relation=rel),
            prev,
            rel,
            cur,
            domains,
            budget,
        )
        if args.prove and dec.verdict == "true" and dec.method.startswith("numeric"):
            dec.verdict = "inconclusive"
    out = {"line": number, "text": text, "relation": dec.relation}
    out.update({k: v for k, v in dec.to_json().items() if k != "relation"})
    return out


__all__ = ["Inconclusive", "UsageError"]


def _printable(text: str) -> str:
    """The line as shown back to the user: control characters made visible, length capped."""
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return shown if len(shown) <= 200 else shown[:197] + "..."
