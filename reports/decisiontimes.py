"""Decision times of ``adaproof verify``, fresh process and warm, for the benchmark table.

:func:`measure` takes cases (a relation with its assumptions, or a target and an
answer) and returns the median and maximum wall time of a decision two ways:

* **fresh**: one new ``python -m adaproof verify ... --json`` process per case, as a
  user at a terminal runs it (interpreter start and imports included);
* **warm**: in this process, after one untimed call, through the same command-line
  entry point (the worker process, parsing and printing included).

>>> cases = [{"claim": "x^2 + 1 >= 2*x", "assume": ["x real"]}]
>>> sorted(measure(cases, fresh=False)["warm"])
['max', 'median', 'n', 'verdicts']
"""

from __future__ import annotations

import contextlib
import io
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from typing import Any


def argv_of(case: dict[str, Any]) -> list[str]:
    """The ``verify`` arguments of a case: ``{"claim": R, "assume": [...]}`` or
    ``{"target": T, "answer": A}``; ``budget`` (seconds) optional."""
    if not isinstance(case, dict):
        raise ValueError(f"a case is a dict with 'claim' or 'target' and 'answer', got {case!r}")
    if "claim" in case:
        argv = ["verify", "--claim", str(case["claim"])]
        for a in case.get("assume", []) or []:
            argv += ["--assume", str(a)]
    elif "target" in case and "answer" in case:
        argv = ["verify", str(case["target"]), str(case["answer"])]
    else:
        raise ValueError(f"a case needs 'claim', or 'target' and 'answer': {case!r}")
    if "budget" in case:
        argv += ["--budget", str(case["budget"])]
    return [*argv, "--json"]


def _summary(times: list[float], verdicts: list[int]) -> dict[str, Any]:
    return {
        "n": len(times),
        "median": statistics.median(times) if times else None,
        "max": max(times) if times else None,
        "verdicts": {str(c): verdicts.count(c) for c in sorted(set(verdicts))},
    }


def _fresh(argv: list[str], timeout: float) -> tuple[float, int]:
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "adaproof", *argv],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        code = proc.returncode
    except subprocess.TimeoutExpired:
        code = -1
    return time.perf_counter() - t0, code


def _warm(argv: list[str]) -> tuple[float, int]:
    from adaproof.reports.cli import main

    out, err = io.StringIO(), io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return time.perf_counter() - t0, int(code)


def measure(
    cases: Iterable[dict[str, Any]],
    *,
    fresh: bool = True,
    warm: bool = True,
    timeout: float = 60.0,
) -> dict[str, Any]:
    """Median and maximum decision time (seconds) over ``cases``, fresh and/or warm.

    Returns ``{"fresh": {...}, "warm": {...}}`` with ``n``, ``median``, ``max`` and the
    count of each exit code under ``verdicts`` (0 true, 1 false, 2 unreadable,
    3 inconclusive, 4 internal error, -1 killed at ``timeout``).
    """
    if not timeout > 0:
        raise ValueError(f"timeout must be positive, got {timeout}")
    argvs = [argv_of(c) for c in cases]
    out: dict[str, Any] = {}
    if fresh:
        runs = [_fresh(a, timeout) for a in argvs]
        out["fresh"] = _summary([t for t, _ in runs], [c for _, c in runs])
    if warm:
        if argvs:
            _warm(argvs[0])  # imports and caches, untimed
        runs = [_warm(a) for a in argvs]
        out["warm"] = _summary([t for t, _ in runs], [c for _, c in runs])
    return out


__all__ = ["argv_of", "measure"]
