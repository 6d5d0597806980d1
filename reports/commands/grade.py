r"""``adaproof grade ANSWERS.csv --out GRADED.csv [--json FILE] [-j N | --scheduler ADDRESS]``.

A class's answers, one row each, graded like ``adaproof verify`` (or ``adaproof steps``):

- ``student,target,answer``: the answer (plain text or LaTeX, or ``LHS = expression``
  naming the target) checked against the target (see ``adaproof targets``);
- ``student,steps``: a derivation file, relative to the CSV's folder (and inside it),
  checked step by step.

A header row naming the columns is optional (without it three columns are
student, target, answer and two are student, steps). Every row gets a verdict
(``right``, ``wrong``, ``inconclusive``, ``unreadable``, ``error``), the exit code
``verify`` would give (0 right, 1 wrong, 2 unreadable, 3 inconclusive, 4 internal error),
the counterexample and hints in one line, the method and the time. A row that cannot be
read, that tries to run code, or that takes too long is graded as such; the batch always
goes on. Each row runs in a forked process with a wall-clock deadline and a memory cap.

The summary per target counts the verdicts and groups the wrong answers that are equal to
each other (the same values at 8 exact random points of the target's domain, 40 digits),
most common first, with the hint that explains the group (e.g. "right only in the limit
t → ∞"). Cells written to the CSV that start with ``= + - @`` get a leading ``'`` so that a
spreadsheet shows them as text instead of running them as formulas (the JSON is unchanged).
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from adaproof.reports import parallel
from adaproof.reports.errors import UsageError

HELP = "grade a class's answers (CSV: student,target,answer or student,steps) with a summary"

STATUS = {"right": 0, "wrong": 1, "unreadable": 2, "inconclusive": 3, "error": 4}
MAX_ROWS = 100_000
MAX_CELL = 20_000  # characters; the parser's own cap on an answer is lower
MAX_CSV = 50 * 2**20  # bytes
FINGERPRINT_POINTS = 8
COLUMNS = ("row", "student", "target", "answer", "verdict", "status", "detail", "method", "seconds")


def add_arguments(parser) -> None:
    parser.add_argument("file", help="the class's CSV (student,target,answer or student,steps)")
    parser.add_argument("--out", metavar="FILE", required=True, help="the graded CSV to write")
    parser.add_argument(
        "--json", metavar="FILE", help="also write rows and summary as JSON ('-' for stdout)"
    )
    parser.add_argument(
        "--budget", type=float, default=4.0, help="seconds per decision (default 4), as verify"
    )
    parser.add_argument(
        "--memory", type=int, default=1024, metavar="MB", help="memory per row (default 1024 MB)"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    parallel.add_arguments(parser)


# ----------------------------------------------------------------------------- input


def read_rows(path: str) -> tuple[list[dict[str, Any]], str]:
    """Tasks from the CSV (one per data row) and its kind: ``answers`` or ``steps``.

    A row with the wrong number of cells becomes a task that is graded ``unreadable``;
    an unreadable file is a UsageError."""
    try:
        raw = Path(path).read_bytes() if path != "-" else sys.stdin.buffer.read(MAX_CSV + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(raw) > MAX_CSV:
        raise UsageError(f"{path} is larger than {MAX_CSV // 2**20} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    text = text.replace("\x00", "\ufffd")
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise UsageError(f"{path}: not a CSV file ({exc})") from None
    # (record number, cells) of the non-blank records: the numbers a spreadsheet shows
    numbered = [(i, r) for i, r in enumerate(table, 1) if any(c.strip() for c in r)]
    if not numbered:
        raise UsageError(f"{path}: no rows")
    table = [r for _, r in numbered]
    head = [c.strip().lower() for c in table[0]]
    first = 1
    if "student" in head:
        if "steps" in head:
            kind, cols = "steps", (head.index("student"), head.index("steps"))
        elif {"target", "answer"} <= set(head):
            kind = "answers"
            cols = (head.index("student"), head.index("target"), head.index("answer"))
        else:
            raise UsageError(
                f"{path}: the header must name student,target,answer or student,steps "
                f"(got {','.join(head)[:80]})"
            )
    else:
        first = 0
        n = len(table[0])
        if n == 3:
            kind, cols = "answers", (0, 1, 2)
        elif n == 2:
            kind, cols = "steps", (0, 1)
        else:
            raise UsageError(
                f"{path}: expected 3 columns (student,target,answer) or 2 (student,steps), "
                f"got {n} in the first row; add a header row naming them"
            )
    if len(table) - first > MAX_ROWS:
        raise UsageError(f"{path}: more than {MAX_ROWS:,} rows; split the file")
    base = str(Path(path).resolve().parent) if path != "-" else str(Path.cwd())
    tasks = []
    width = len(table[0])
    for number, cells in numbered[first:]:
        task: dict[str, Any] = {"row": number, "kind": kind, "base": base}
        if len(cells) != width and len(cells) <= max(cols):
            cell = [cells[c][:200] if c < len(cells) else "" for c in cols]
            task.update(student=cell[0], target=cell[1] if kind == "answers" else "steps")
            task["answer"] = ""
            task["problem"] = f"row has {len(cells)} cells, expected {width}"
        elif kind == "answers":
            task.update(student=cells[cols[0]], target=cells[cols[1]], answer=cells[cols[2]])
        else:
            task.update(student=cells[cols[0]], target="steps", answer=cells[cols[1]])
        if any(len(task[k]) > MAX_CELL for k in ("student", "target", "answer")):
            task["problem"] = f"a cell is longer than {MAX_CELL:,} characters"
            task["answer"] = task["answer"][:200] + "…"
        tasks.append(task)
    return tasks, kind


# ------------------------------------------------------------------ one row (in a worker)


def _one_line(text: Any, width: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _row(task: dict[str, Any], verdict: str, detail: str = "", method: str = "") -> dict[str, Any]:
    return {
        "row": task["row"],
        "student": task["student"],
        "target": task["target"],
        "answer": task["answer"],
        "verdict": verdict,
        "status": STATUS[verdict],
        "detail": _one_line(detail),
        "method": _one_line(method, 200),
    }


def _counterexample(ce: dict[str, Any] | None) -> str:
    if not ce:
        return ""
    shown = {**ce, **(ce.get("display") or {})}
    values = {**ce.get("values", {}), **(shown.get("values") or {})}
    at = ", ".join(f"{k} = {v}" for k, v in values.items()) or "any values"
    return f"at {at}: answer = {shown.get('lhs')}, target = {shown.get('rhs', ce.get('rhs'))}"


def _fingerprint(answer: Any, target: Any) -> list[str] | None:
    """The answer's values at fixed exact random points of the target's domain (40 digits):
    wrong answers with the same fingerprint are the same function there."""
    import mpmath
    from adaproof.derivations.equivalence import Sampler, compile_expr, default_domain, evaluate

    syms = sorted(answer.free_symbols | target.expr.free_symbols, key=lambda s: s.name)
    domains = {s: target.assume.get(s, default_domain(s)) for s in syms}
    try:
        fn = compile_expr(answer)
        sampler = Sampler(domains, seed=20260601)
        out = []
        for _ in range(FINGERPRINT_POINTS):
            value = evaluate(fn, sampler.point(0.0), 40)
            out.append("undefined" if value is None else mpmath.nstr(value, 25))
        return out
    except Exception:  # an answer the evaluator cannot handle is grouped by its text
        return None


def _answer_expr(task: dict[str, Any], target: Any) -> Any:
    """The parsed answer (the right-hand side of ``LHS = ...`` when LHS names the target)."""
    from adaproof.derivations.parsing import ParseError, Scope, parse_pieces, split
    from adaproof.derivations.targets import lhs_key

    text = task["answer"]
    if not text.strip():
        raise ParseError("the answer is empty")
    overrides = {k: v for k, v in target.spec.overrides.items() if k in target.allowed}
    scope = Scope(allowed=target.allowed, overrides=overrides, describe=target.name)
    pieces, rels, latex = split(text)
    piece = pieces[0]
    if rels:
        left = text[pieces[0].pos(0) : pieces[0].end].strip()
        if len(rels) == 1 and rels[0] == "=" and lhs_key(left) in target.lhs_keys:
            piece = pieces[1]
        else:
            raise ParseError(
                "an answer is an expression, or 'LHS = expression' with LHS naming "
                f"{target.name} (e.g. {target.lhs_keys[0]!r})"
            )
    (answer,) = parse_pieces([piece], scope, latex)
    return answer


def grade_answer(task: dict[str, Any], budget: float) -> dict[str, Any]:
    """Grade one (student, target, answer) row; never raises."""
    from adaproof.derivations.equivalence import decide, hints
    from adaproof.derivations.parsing import ParseError
    from adaproof.derivations.targets import UnknownTarget

    try:
        target = _target(task["target"].strip())
    except (UnknownTarget, ValueError) as exc:
        return _row(task, "unreadable", f"target: {exc.args[0] if exc.args else exc}")
    try:
        answer = _answer_expr(task, target)
    except ParseError as exc:
        return _row(task, "unreadable", f"cannot read the answer: {exc}")
    except (RecursionError, MemoryError):
        return _row(task, "unreadable", "cannot read the answer: nested or large beyond limits")
    dec = decide(answer, "=", target.expr, target.assume, budget=budget)
    verdict = {"true": "right", "false": "wrong"}.get(dec.verdict, "inconclusive")
    detail = ""
    row: dict[str, Any]
    if verdict == "wrong":
        found = hints(answer, target.expr, target.assume)
        detail = "; ".join([_counterexample(dec.counterexample), *(f"hint: {h}" for h in found)])
        row = _row(task, verdict, detail, dec.method)
        row["hints"] = found
        row["fingerprint"] = _fingerprint(answer, target)
    else:
        row = _row(task, verdict, "" if verdict == "right" else dec.method, dec.method)
    row["parsed"] = _one_line(dec.lhs, 200)
    return row


def grade_steps(task: dict[str, Any], budget: float) -> dict[str, Any]:
    """Grade one (student, steps file) row with ``adaproof steps``; never raises."""
    import contextlib

    from adaproof.reports import cli

    base = Path(task["base"])
    name = task["answer"].strip()
    if not name:
        return _row(task, "unreadable", "no steps file named")
    path = (base / name).resolve()
    if not path.is_relative_to(base):
        return _row(task, "unreadable", f"{name!r} is outside the CSV's folder; not read")
    if not path.is_file():
        return _row(task, "unreadable", f"no file {name!r} next to the CSV")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["steps", str(path), "--json", "--budget", str(budget)])
    verdict = {0: "right", 1: "wrong", 2: "unreadable", 3: "inconclusive"}.get(code, "error")
    try:
        data = json.loads(out.getvalue())
    except ValueError:
        data = {}
    message = (err.getvalue().strip().splitlines() or [""])[-1]
    steps = data.get("steps") or []
    bad = next((s for s in steps if s.get("verdict") != "true"), None)
    if verdict == "wrong" and bad:
        detail = f"line {bad.get('line')}: {bad.get('text', '')}: "
        detail += _counterexample(bad.get("counterexample")) or bad.get("method", "")
        method = bad.get("method", "")
    elif bad:
        detail, method = f"line {bad.get('line')}: {bad.get('method', '')}", bad.get("method", "")
    else:
        detail = message if verdict != "right" else ""
        method = f"{len(steps)} steps checked" if steps else message
    return _row(task, verdict, detail, method)


#: targets built in this process (filled before rows fork, so that children share them)
_TARGETS: dict[str, Any] = {}


def _target(name: str) -> Any:
    from adaproof.derivations.targets import get_target

    if name not in _TARGETS:
        _TARGETS[name] = get_target(name)
    return _TARGETS[name]


class Grader:
    """The per-row function sent to workers (picklable: a budget and the target names)."""

    def __init__(self, budget: float, targets: list[str] | tuple[str, ...] = ()):
        self.budget = budget
        self.targets = tuple(targets)

    def setup(self) -> None:
        """Import the engine and build the batch's targets once per worker process."""
        if _TARGETS.get("__ready__"):
            return
        import adaproof.derivations.equivalence
        import adaproof.derivations.parsing  # noqa: F401
        from adaproof.derivations.targets import UnknownTarget

        for name in self.targets:
            try:
                _target(name)
            except (UnknownTarget, ValueError):
                pass
        _TARGETS["__ready__"] = True

    def __call__(self, task: dict[str, Any]) -> dict[str, Any]:
        start = time.perf_counter()
        if "problem" in task:
            row = _row(task, "unreadable", task["problem"])
        else:
            try:
                if task["kind"] == "steps":
                    row = grade_steps(task, self.budget)
                else:
                    row = grade_answer(task, self.budget)
            except RecursionError:
                row = _row(task, "unreadable", "nested beyond the parser's limits")
            except Exception as exc:  # one broken row must not stop the class
                row = _row(task, "error", f"internal error: {type(exc).__name__}: {exc}")
        row["seconds"] = round(time.perf_counter() - start, 3)
        return row


def _failed_row(task: dict[str, Any], failed: parallel.Failed, budget: float) -> dict[str, Any]:
    if failed.kind == "timeout":
        row = _row(task, "inconclusive", f"stopped at the row's time limit ({failed.message})")
        row["method"] = f"no decision within {budget:g} s per decision"
    elif failed.kind == "memory":
        row = _row(task, "inconclusive", "stopped at the row's memory limit")
        row["method"] = "memory cap"
    else:
        row = _row(task, "error", f"internal error: {failed.message}")
    row["seconds"] = round(failed.seconds, 3)
    return row


# ------------------------------------------------------------------------------ summary


def summarize(rows: list[dict[str, Any]], *, top: int = 5) -> list[dict[str, Any]]:
    """Per target: counts by verdict and the most common wrong answers, grouped when equal
    to each other (same fingerprint; else the same parsed text)."""
    by_target: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_target[r["target"]].append(r)
    out = []
    for target in sorted(by_target):
        group = by_target[target]
        counts = Counter(r["verdict"] for r in group)
        clusters: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for r in group:
            if r["verdict"] != "wrong":
                continue
            fp = r.get("fingerprint")
            key = ("values", *fp) if fp else ("text", r.get("parsed") or r["answer"])
            clusters[key].append(r)
        ranked = sorted(clusters.values(), key=lambda c: (-len(c), c[0]["row"]))
        wrong = []
        for members in ranked[:top]:
            first = members[0]
            hint = "; ".join(first.get("hints") or [])
            wrong.append(
                {
                    "students": len(members),
                    "answer": first["answer"],
                    "hint": hint,
                    "rows": [m["row"] for m in members],
                    "distinct_answers": len({m["answer"] for m in members}),
                }
            )
        out.append(
            {
                "target": target,
                "rows": len(group),
                **{v: counts.get(v, 0) for v in STATUS},
                "common_wrong": wrong,
            }
        )
    return out


def format_summary(summary: list[dict[str, Any]]) -> str:
    lines = []
    for s in summary:
        parts = ", ".join(f"{s[v]} {v}" for v in STATUS if s[v])
        lines.append(f"{s['target'] or '(no target)'}: {s['right']}/{s['rows']} right ({parts})")
        for w in s["common_wrong"]:
            who = "student" if w["students"] == 1 else "students"
            what = f"{w['students']} {who} wrote {_one_line(w['answer'], 60)}"
            if w["distinct_answers"] > 1:
                what += f" ({w['distinct_answers']} ways of writing it)"
            lines.append(f"  {what}" + (f": {w['hint']}" if w["hint"] else ""))
    return "\n".join(lines) + "\n"


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# ---------------------------------------------------------------------------- command


def grade_rows(
    tasks: list[dict[str, Any]],
    executor: parallel.Executor,
    *,
    budget: float = 4.0,
    memory_mb: int = 1024,
    row_timeout: float | None = None,
    progress: Any = None,
) -> list[dict[str, Any]]:
    """Grade every task on ``executor``; rows in input order, one per task, never raising.

    Rows with the same target and the same answer text (or the same steps file) are graded
    once; the others copy the verdict and say ``same_as`` the first row. Each graded row runs
    in a forked child killed after ``row_timeout`` seconds (default: three decisions'
    budgets plus 10 s: the answer's decision and its hints) with ``memory_mb`` of address
    space on top of the worker's."""
    first: dict[tuple[str, str, str], int] = {}
    unique: list[dict[str, Any]] = []
    which: list[int] = []
    for task in tasks:
        key = (task["kind"], task["target"].strip(), task["answer"])
        if "problem" in task or key not in first:
            if "problem" not in task:
                first[key] = len(unique)
            which.append(len(unique))
            unique.append(task)
        else:
            which.append(first[key])
    names = sorted({t["target"].strip() for t in unique if t["kind"] == "answers"})
    grader = Grader(budget, [n for n in names if 0 < len(n) <= 40])
    limit = 3 * budget + 10.0 if row_timeout is None else row_timeout
    if not isinstance(executor, parallel.Dask):
        grader.setup()  # here, before the local workers fork: they start with it done
    counts = Counter(which)
    rows_done = [0]

    def report(_done: int, _total: int, i: int, value: Any) -> None:
        if progress is not None:  # one call per CSV row, copies included
            for _ in range(counts[i]):
                rows_done[0] += 1
                progress(rows_done[0], len(tasks), i, value)

    done = executor.map(
        grader,
        unique,
        timeout=limit,
        memory=memory_mb * 2**20,
        catch=True,
        progress=report,
        setup=grader.setup,
    )
    graded = [
        _failed_row(t, v, budget) if isinstance(v, parallel.Failed) else v
        for t, v in zip(unique, done, strict=True)
    ]
    rows = []
    for task, i in zip(tasks, which, strict=True):
        row = graded[i]
        if row["row"] != task["row"]:  # a copy of an identical answer graded once
            row = {**row, "row": task["row"], "student": task["student"], "seconds": 0.0}
            row["same_as"] = graded[i]["row"]
        rows.append(row)
    return rows


def _progress(quiet: bool):
    if quiet:
        return None
    start = time.perf_counter()
    tty = sys.stderr.isatty()
    tally: Counter[str] = Counter()

    def show(done: int, total: int, _i: int, value: Any) -> None:
        verdict = value["verdict"] if isinstance(value, dict) else "inconclusive"
        tally[verdict] += 1
        if tty or done == total or done % 25 == 0:
            elapsed = time.perf_counter() - start
            counts = ", ".join(f"{tally[v]} {v}" for v in STATUS if tally[v])
            end = "\n" if (not tty or done == total) else ""
            sys.stderr.write(
                "\r\x1b[K" * tty + f"grade: {done}/{total} rows, {elapsed:.1f} s: {counts}{end}"
            )
            sys.stderr.flush()

    return show


def run(args) -> int:
    if not 0 < args.budget <= 600:
        raise UsageError(f"--budget must be in (0, 600] seconds, got {args.budget}")
    if not 64 <= args.memory <= 1 << 20:
        raise UsageError(f"--memory must be in [64, 1048576] MB, got {args.memory}")
    from adaproof.reports.outputs import output_file, write_text_atomic

    output_file(args.out, "--out")  # before any work: one line, exit 2
    if args.json and args.json != "-":
        output_file(args.json, "--json")
    tasks, kind = read_rows(args.file)
    with parallel.from_args(args) as executor:
        if not args.quiet:
            sys.stderr.write(f"grade: {len(tasks)} rows ({kind}) on {executor.describe()}\n")
        rows = grade_rows(
            tasks,
            executor,
            budget=args.budget,
            memory_mb=args.memory,
            progress=_progress(args.quiet),
        )
    summary = summarize(rows)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([_csv_cell(r[c]) for c in COLUMNS])
    write_text_atomic(args.out, buf.getvalue())
    if args.json:
        public = [{k: v for k, v in r.items() if k != "fingerprint"} for r in rows]
        from adaproof.reports import jsonio

        text = jsonio.dumps(jsonio.envelope("grade", rows=public, summary=summary))
        if args.json == "-":
            sys.stdout.write(text)
        else:
            write_text_atomic(args.json, text)
    if args.json != "-":
        sys.stdout.write(format_summary(summary))
        print(f"wrote {args.out} ({len(rows)} rows)")
    return 0
