"""Sections 6 and 7: grading throughput per worker count, and the dask path against local
worker processes on the same work."""

from __future__ import annotations

import time
from functools import partial
from typing import Any

from adaproof.reports.bench.core import Bench, Progress, Row, Sizes, median

#: (target, answer template); ``{k}`` makes every answer text different, so that no row is
#: a copy graded once: the figure is the engine's throughput, not the cache's
_CLASS = (
    ("adam.m_hat:2", "(1-b1)*(b1*g1+g2)*{k}/((1-b1^2)*{k})"),  # right
    ("adam.m_hat:2", "(1-b1)*(b1*g1+{k}*g2)"),  # wrong
    ("ema.var_hat", "sigma^2*(1-beta)*(1+beta^t)*{k}/((1+beta)*(1-beta^t)*{k})"),  # right
    ("ema.var_hat", "sigma^2*(1-beta)/(1+beta)+{k}-{k}"),  # wrong: the limit t -> oo
    ("adam.m:3", "(1-b1)*(b1^2*g1+b1*g2+g3)+0*{k}"),  # right
    ("adam.m:3", "(1-b1)*(b1^2*g1+b1*g2+{k}*g3)"),  # wrong for k != 1
    ("adam.m_hat:2", "(1-b1)*(b1*g1+g2"),  # unreadable
)


def class_tasks(n: int) -> list[dict[str, Any]]:
    """``n`` grading tasks (the form :func:`reports.commands.grade.read_rows` returns)."""
    tasks = []
    for i in range(n):
        target, template = _CLASS[i % len(_CLASS)]
        tasks.append(
            {
                "row": i + 2,
                "kind": "answers",
                "base": ".",
                "student": f"s{i:04d}",
                "target": target,
                "answer": template.format(k=2 + i // len(_CLASS)),
            }
        )
    return tasks


def _grade(executor: Any, tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from adaproof.reports.commands.grade import grade_rows

    return grade_rows(tasks, executor, budget=4.0)


def _verdicts(rows: list[dict[str, Any]]) -> list[tuple[int, str]]:
    return [(r["status"], r["verdict"]) for r in rows]


def grade_section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    """Rows per second graded in this process and on 2 local worker processes."""
    from adaproof.reports.parallel import InProcess, LocalProcesses

    tasks = class_tasks(sizes.grade_rows)
    _grade(InProcess(), tasks[:2])  # imports and targets, before any timing
    results = {}
    rows = []
    for n, make in ((1, InProcess), (2, partial(LocalProcesses, 2))):
        with make() as ex:
            t0 = time.perf_counter()
            results[n] = _grade(ex, tasks)
            secs = time.perf_counter() - t0
        row = Row(
            "grade",
            f"grade.j{n}",
            f"grade {len(tasks)} distinct answers, {n} worker{'s' * (n > 1)}",
            len(tasks) / secs,
            "rows/s",
            note=f"{secs:.1f} s; each row: parse, decide, hints for a wrong answer, in a "
            "forked child with a deadline",
        )
        rows.append(row)
        bench.rows.append(row)
        say(f"bench: {row.label}: {row.value:.2f} rows/s")
    rows[1].ratio, rows[1].ratio_to = rows[1].value / rows[0].value, rows[0].name
    if _verdicts(results[1]) != _verdicts(results[2]):
        rows[1].status, rows[1].note = "error", "verdicts differ from 1 worker: " + rows[1].note


def dask_section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    """A local dask cluster (2 worker processes, 1 thread each) against 2 local worker
    processes on the same work: Monte Carlo and grading, one warm-up call on each executor
    before its timed runs. The local runs come before and after the cluster's (A B A) and
    never while it is up. Cluster start-up is shown apart."""
    try:
        import distributed
    except ImportError as exc:
        bench.rows.append(
            Row(
                "dask",
                "dask.overhead_montecarlo",
                "dask overhead on Monte Carlo",
                None,
                "%",
                status="unavailable",
                note=f"dask.distributed not installed (pip install 'adaproof[cluster]'): {exc}",
            )
        )
        return
    from adaproof.numerics.montecarlo import ema_moments
    from adaproof.reports.parallel import Dask, LocalProcesses

    B, T = sizes.dask_mc_B, sizes.mc_T
    tasks = class_tasks(max(4, sizes.grade_rows // 2))
    works = (
        (
            "montecarlo",
            f"ema_moments(T={T}, B={B:,})",
            lambda ex: ema_moments(0.9, T, B, seed=1, executor=ex),
            sizes.mc_repeats,
        ),
        # three runs, not one: a single pair of ~5 s runs swung from +1% to +24% with the
        # load of the machine
        (
            "grade",
            f"grade {len(tasks)} answers",
            lambda ex: _grade(ex, tasks),
            min(3, sizes.mc_repeats),
        ),
    )
    local: dict[str, list[float]] = {key: [] for key, *_ in works}
    on_dask: dict[str, list[float]] = {key: [] for key, *_ in works}

    def run(make: Any, times: dict[str, list[float]]) -> None:
        """Each work once to warm up (workers started, imports done), then timed."""
        with make() as ex:
            for key, _label, work, repeats in works:
                work(ex)
                for _ in range(repeats):
                    t0 = time.perf_counter()
                    work(ex)
                    times[key].append(time.perf_counter() - t0)

    # local processes before and after the cluster's runs (the load of the machine drifts
    # alike for both), and never while the cluster is up: an idle LocalCluster's event loops,
    # profiler and monitors use about a tenth of a core, which would slow the local runs
    run(partial(LocalProcesses, 2), local)
    t0 = time.perf_counter()
    # the scheduler's HTTP server on a free port (":0"): None still binds 8787, which
    # another cluster on this machine (a parallel test, a running bench) may hold
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    start = time.perf_counter() - t0
    try:
        run(partial(Dask, client), on_dask)
    finally:
        client.close()
        cluster.close()
    run(partial(LocalProcesses, 2), local)
    bench.rows.append(
        Row(
            "dask",
            "dask.startup",
            "start a local dask cluster (2 processes)",
            start,
            "s",
            note="LocalCluster + Client; not counted below",
        )
    )
    for key, label, _work, repeats in works:
        t_local, t_dask = median(local[key]), median(on_dask[key])
        base = Row(
            "dask",
            f"dask.local_{key}",
            f"{label} on 2 local processes",
            t_local,
            "s",
            note=f"median of {2 * repeats}: {repeats} before the cluster, {repeats} after it",
        )
        row = Row(
            "dask",
            f"dask.cluster_{key}",
            f"{label} on the dask cluster",
            t_dask,
            "s",
            ratio=t_dask / t_local,
            ratio_to=base.name,
            note=f"median of {repeats}; overhead {100 * (t_dask / t_local - 1):+.1f}%",
            goal="dask overhead ≤ 15%",
            met=t_dask <= 1.15 * t_local,
        )
        bench.rows += [base, row]
        say(f"bench: {row.label}: {t_dask:.2f} s vs {t_local:.2f} s local")
