"""Run the claims catalogue: each check's verdict, evidence and time, never a crash.

A check that raises becomes verdict ``inconclusive`` with the error in its
evidence; warnings a check emits are recorded in the evidence (not printed).
:func:`to_json` turns outcomes into the rows the report and ``check --json``
consume (strict JSON: NumPy scalars become numbers, non-finite floats and SymPy
objects strings).
"""

from __future__ import annotations

import math
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from adaproof.reports.claims import all_claims, select
from adaproof.reports.claims.base import Claim, Result, Verdict
from adaproof.reports.report.model import CLAIM_KEYS

if TYPE_CHECKING:
    from adaproof.reports.parallel import Executor

#: The keys of each row of :func:`to_json`, in order: what the report reads, and the timing.
JSON_KEYS = (*CLAIM_KEYS, "seconds")

ProgressFn = Callable[[int, int, Claim, "Outcome | None"], None]


@dataclass(frozen=True)
class Outcome:
    """A claim together with what its check found and how long it took."""

    claim: Claim
    result: Result
    seconds: float

    @property
    def verdict(self) -> Verdict:
        return self.result.verdict

    @property
    def matches(self) -> bool:
        """True when the computed verdict is the reviewed expected one."""
        return self.result.verdict == self.claim.expected


def run_claim(claim: Claim) -> Outcome:
    """Run one check; an exception becomes ``inconclusive`` with the error as evidence."""
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = claim.check()
            if not isinstance(result, Result):
                raise TypeError(f"check returned {type(result).__name__}, not Result")
        except Exception as exc:  # a broken check must not stop the catalogue
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            result = Result(
                Verdict.INCONCLUSIVE,
                f"check raised {type(exc).__name__}: {exc}",
                {
                    "error": f"{type(exc).__name__}: {exc}",
                    "where": f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}",
                },
            )
    if caught:
        evidence = dict(result.evidence)
        evidence["warnings"] = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
        result = Result(
            result.verdict, result.summary, evidence, result.counterexample, result.corrected
        )
    return Outcome(claim, result, time.perf_counter() - start)


def _stderr_progress() -> ProgressFn:
    tty = sys.stderr.isatty()
    start = time.perf_counter()

    def show(i: int, n: int, claim: Claim, outcome: Outcome | None) -> None:
        elapsed = time.perf_counter() - start
        if outcome is None:
            if tty:
                sys.stderr.write(f"\r\x1b[K[{i:>3}/{n}] {elapsed:5.1f} s  {claim.id} ...")
                sys.stderr.flush()
            return
        mark = "" if outcome.matches else f"  (expected {claim.expected})"
        line = f"[{i:>3}/{n}] {elapsed:5.1f} s  {claim.id}: {outcome.verdict}{mark}"
        if tty:
            if not outcome.matches:
                sys.stderr.write(f"\r\x1b[K{line}\n")
            elif i == n:
                sys.stderr.write("\r\x1b[K")
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    return show


def check_by_id(claim_id: str) -> tuple[Result, float]:
    """Run one claim's check, found by id in this process (what a worker process runs:
    the result and the time travel back, the claim itself is looked up on each side)."""
    outcome = run_claim(select([claim_id])[0])
    return outcome.result, outcome.seconds


def run_catalogue(
    ids: Iterable[str] | None = None,
    *,
    progress: bool | ProgressFn = False,
    executor: Executor | None = None,
) -> list[Outcome]:
    """Run the checks of the named claims (ids or source keys; all when None).

    ``progress`` is False (silent), True (one line per claim on stderr, a
    self-overwriting line on a terminal) or a callable
    ``progress(i, n, claim, outcome)`` called before (``outcome=None``) and
    after each check. Unknown ids raise ``KeyError`` before anything runs.

    ``executor`` (:mod:`reports.parallel`) runs the checks in worker processes or on a
    cluster: the outcomes come back in catalogue order whatever ran them, with the same
    results (each check seeds its own generators); claims marked ``slow`` are started
    first so that they do not finish last, the others go in runs of consecutive claims of
    one source (:func:`_chunks`). Progress is then reported as checks finish.
    """
    claims = all_claims() if ids is None else select(list(ids))
    show: ProgressFn | None
    show = _stderr_progress() if progress is True else (progress or None)
    if executor is not None and executor.workers > 1 and len(claims) > 1:
        return _run_parallel(claims, show, executor)
    outcomes = []
    for i, claim in enumerate(claims, 1):
        if show:
            show(i, len(claims), claim, None)
        outcome = run_claim(claim)
        outcomes.append(outcome)
        if show:
            show(i, len(claims), claim, outcome)
    return outcomes


def check_by_ids(claim_ids: tuple[str, ...]) -> list[tuple[Result, float]]:
    """:func:`check_by_id` for consecutive claims in one worker (they share caches)."""
    return [check_by_id(i) for i in claim_ids]


def _chunks(claims: list[Claim], workers: int) -> list[list[int]]:
    """Indices of the claims in tasks: each slow claim alone (started first), then runs of
    consecutive claims of one source (consecutive checks reuse the same derivations, cached
    in the process that computed them), about four tasks per worker."""
    from adaproof.reports.claims import source_key

    slow = [[i] for i, c in enumerate(claims) if c.slow]
    rest = [i for i, c in enumerate(claims) if not c.slow]
    size = max(1, -(-len(rest) // (4 * workers)))
    tasks: list[list[int]] = []
    for i in rest:
        last = tasks[-1] if tasks else None
        if (
            last is not None
            and len(last) < size
            and source_key(claims[last[-1]]) == source_key(claims[i])
        ):
            last.append(i)
        else:
            tasks.append([i])
    return slow + tasks


def _run_parallel(
    claims: list[Claim], show: ProgressFn | None, executor: Executor
) -> list[Outcome]:
    tasks = _chunks(claims, executor.workers)
    n = len(claims)
    finished = [0]

    def report(_done: int, _total: int, j: int, values: Any) -> None:
        for i, (result, secs) in zip(tasks[j], values, strict=True):
            finished[0] += 1
            if show:
                show(finished[0], n, claims[i], Outcome(claims[i], result, secs))

    done = executor.map(
        check_by_ids, [tuple(claims[i].id for i in t) for t in tasks], progress=report
    )
    results: list[Any] = [None] * n
    for task, values in zip(tasks, done, strict=True):
        for i, value in zip(task, values, strict=True):
            results[i] = value
    return [Outcome(c, r, secs) for c, (r, secs) in zip(claims, results, strict=True)]


def jsonable(value: Any) -> Any:
    """Strict-JSON form of evidence: NumPy scalars/arrays to numbers/lists,
    non-finite floats and anything else (SymPy, Fractions) to strings."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [jsonable(v) for v in items]
    if type(value).__module__ == "numpy":
        if hasattr(value, "tolist"):
            return jsonable(value.tolist())
    if isinstance(value, Verdict):
        return str(value)
    return str(value)


def to_json(outcomes: Iterable[Outcome]) -> list[dict[str, Any]]:
    """One row per outcome with exactly the keys :data:`JSON_KEYS` (strict JSON)."""
    rows = []
    for o in outcomes:
        c, r = o.claim, o.result
        rows.append(
            {
                "id": c.id,
                "source": c.source,
                "location": c.location,
                "inventory": c.inventory,
                "title": c.title,
                "statement": c.statement,
                "kind": str(c.kind),
                "expected": str(c.expected),
                "verdict": str(r.verdict),
                "summary": r.summary,
                "evidence": jsonable(r.evidence),
                "counterexample": None if r.counterexample is None else jsonable(r.counterexample),
                "corrected": r.corrected,
                "condition": r.condition,
                "corrected_by": c.corrected_by,
                "figure": c.figure,
                "seconds": round(o.seconds, 4),
            }
        )
    return rows
