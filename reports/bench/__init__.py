r"""``adaproof bench``: the performance table, measured side by side in one run.

Every figure is a ratio taken in the same process and the same minute as the
baseline it is compared with:

1. **Adam update** on :math:`N = 10^7` float64 and float32 parameters, in ns per
   element: :func:`numerics.kernels.adam_update_` (NumPy, and the optional compiled
   twin), the pure :func:`numerics.adam.step`, a naive NumPy Adam with temporaries,
   and ``torch.optim.Adam`` (``foreach=True``, ``fused=True``) when torch is importable,
   each divided by the **memory-bandwidth floor** measured in the same run: an
   in-place pass :math:`a \leftarrow a + s\,b` (3 words per element) timed, converted
   to bandwidth and scaled to the 7 words an Adam step must move (read
   :math:`w, g, m, v`; write :math:`w, m, v`). The floor is the fastest such pass
   available (NumPy in cache-sized chunks, and the compiled loop when it builds).
2. **Monte Carlo** :math:`\operatorname{Var}(\hat m_t)`, :math:`B = 10^6`, :math:`T = 20`:
   :func:`numerics.montecarlo.ema_moments` against drawing the same normals alone.
3. **Rosenbrock sweep** of seed 000's coding task, :math:`f = (1-x)^2 + 10(y-x^2)^2`,
   5 learning rates × 10⁴ starts × 10⁴ steps, batched, against the scalar Python loop a
   homework notebook would use (timed on a sample and extrapolated, said so).
4. ``verify`` on a typical answer: a fresh process (the console script) and warm
   in-process (:func:`reports.cli.main`).
5. The whole ``check`` with 1 and 2 workers (``-j``), and ``report`` (fresh processes).
6. Grading throughput (rows per second) with 1 and 2 workers.
7. The dask.distributed path against local worker processes on the same work (Monte
   Carlo, grading), on a local cluster started by the bench (start-up shown apart).
8. Decision times of ``verify`` (median and maximum, fresh process and warm) over the
   README's examples and over an external answer-test set given with ``--cases FILE.tsv``.

Sections can be chosen (``adaproof bench --only check,grade``). The code is one module per
concern: :mod:`.core` (sizes, rows, timing), :mod:`.adam`, :mod:`.montecarlo`,
:mod:`.rosenbrock`, :mod:`.commands` (verify, check, report), :mod:`.scaling` (grading,
dask); this module runs them and formats the table.

Timings are medians of repeats after a warm-up (``time.perf_counter``). Rows that
cannot be measured (torch not installed, a command not built yet) are kept with
status ``unavailable`` and the reason, never estimated.
"""

from __future__ import annotations

import contextlib
import math
import os
import time
from dataclasses import asdict
from typing import Any

from adaproof.reports.bench import adam, commands, decisions, montecarlo, rosenbrock, scaling
from adaproof.reports.bench.core import (
    ALIASES,
    FULL,
    INJECTED_ENV,
    QUICK,
    SECTIONS,
    Bench,
    Progress,
    Row,
    Sizes,
    fmt_value,
    machine_info,
    median_time,
    paired_median_times,
    subprocess_env,
)

__all__ = [
    "ALIASES",
    "FULL",
    "INJECTED_ENV",
    "QUICK",
    "SECTIONS",
    "Bench",
    "Row",
    "Sizes",
    "expand_sections",
    "format_table",
    "machine_info",
    "median_time",
    "paired_median_times",
    "run_bench",
    "subprocess_env",
    "to_json",
]

# ----------------------------------------------------------------------------- driver

_RUNNERS = {
    "adam": adam.section,
    "montecarlo": montecarlo.section,
    "rosenbrock": rosenbrock.section,
    "verify": commands.verify_section,
    "decisions": decisions.section,
    "check": commands.check_section,
    "report": commands.report_section,
    "grade": scaling.grade_section,
    "dask": scaling.dask_section,
}


def expand_sections(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Section names (comma-separated items allowed, ``commands`` = check and report) in
    run order; ValueError naming an unknown one."""
    wanted: set[str] = set()
    for item in names:
        for name in filter(None, (x.strip() for x in item.split(","))):
            if name in ALIASES:
                wanted.update(ALIASES[name])
            elif name in SECTIONS:
                wanted.add(name)
            else:
                known = ", ".join([*SECTIONS, *ALIASES])
                raise ValueError(f"unknown section {name!r}; known: {known}")
    return tuple(s for s in SECTIONS if s in wanted)


def run_bench(
    sizes: Sizes = FULL,
    *,
    sections: tuple[str, ...] = SECTIONS,
    progress: Progress | None = None,
) -> Bench:
    """Run the chosen sections and return every row (unavailable ones included)."""
    say = progress or (lambda _msg: None)
    bench = Bench(machine=machine_info(), quick=sizes != FULL)
    t0 = time.perf_counter()
    for name in expand_sections(sections):
        _RUNNERS[name](bench, sizes, say)
    bench.seconds = time.perf_counter() - t0
    if "compiled_kernel" not in bench.machine and {"adam", "rosenbrock"} & set(sections):
        from adaproof.numerics import kernels

        lib = kernels.compiled_kernel()
        bench.machine["compiled_kernel"] = (
            getattr(lib, "_adaproof_path", "built")
            if lib
            else f"unavailable: {kernels.compiled_reason()}"
        )
    if bench.quick:  # smoke-run sizes say nothing about the goals
        for row in bench.rows:
            row.met = None
    with contextlib.suppress(OSError):
        bench.machine["load_after"] = [round(x, 2) for x in os.getloadavg()]
    return bench


def to_json(bench: Bench, *, command: str = "adaproof bench") -> dict[str, Any]:
    """Every figure with name, value, unit (and ratio) plus the machine it ran on."""

    def clean(x: Any) -> Any:
        if isinstance(x, float) and not math.isfinite(x):
            return None
        return x

    return {
        "command": command,
        "quick": bench.quick,
        "seconds": round(bench.seconds, 3),
        "machine": bench.machine,
        "rows": [{k: clean(v) for k, v in asdict(r).items()} for r in bench.rows],
    }


def _fmt_ratio(row: Row) -> str:
    if row.ratio is None:
        return ""
    if row.section == "rosenbrock":
        return f"{row.ratio:,.0f}×" if row.ratio >= 10 else f"{row.ratio:.2g}×"
    return f"{row.ratio:.2f}×"


_TITLES = {
    "adam": "1. Adam update, N = {n} (ratio: to the memory-bandwidth floor)",
    "montecarlo": "2. Monte Carlo Var(m̂_t) (ratio: to drawing the normals alone; workers: "
    "speed-up over 1 process)",
    "rosenbrock": "3. Rosenbrock sweep, seed 000 task (ratio: speed over the Python-float loop)",
    "verify": "4. verify on a typical answer",
    "commands": "5. whole commands (ratio: speed-up of -j 2 over -j 1)",
    "grade": "6. grading throughput (ratio: speed-up over 1 worker)",
    "dask": "7. dask cluster against local processes, same work (ratio: dask time / local time)",
    "decisions": "8. decision times of verify (median; the maximum in the note)",
}


def format_table(bench: Bench, sizes: Sizes = FULL) -> str:
    """A plain-text table, aligned, one block per section, then the goals."""
    m = bench.machine
    head = [
        f"adaproof bench{' --quick' if bench.quick else ''} — {m.get('date', '')}",
        f"machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores; Python {m.get('python')}, "
        f"NumPy {m.get('numpy')}, torch {m.get('torch') or 'not installed'}",
        f"load average before/after: {m.get('load_before')} / {m.get('load_after')}; "
        f"compiled kernel: {m.get('compiled_kernel', 'not tried')}",
    ]
    lines = [*head, ""]
    for section in _TITLES:
        rows = [r for r in bench.rows if r.section == section]
        if not rows:
            continue
        lines.append(_TITLES[section].format(n=f"{sizes.adam_n:,}"))
        width = max(len(r.label) for r in rows)
        vals = [fmt_value(r) for r in rows]
        vw = max(len(v) for v in vals)
        rats = [_fmt_ratio(r) for r in rows]
        rw = max(len(x) for x in rats)
        for r, v, x in zip(rows, vals, rats, strict=True):
            note = r.note if r.status == "ok" else f"[{r.status}] {r.note}"
            lines.append(f"  {r.label:<{width}}  {v:>{vw}}  {x:>{rw}}  {note}".rstrip())
        lines.append("")
    goals = [r for r in bench.rows if r.goal]
    if goals:
        lines.append("goals")
        width = max(len(r.label) for r in goals)
        gw = max(len(r.goal) for r in goals)
        for r in goals:
            if bench.quick:
                verdict = "not judged (--quick)"
            else:
                verdict = {True: "met", False: "MISSED", None: r.status}[r.met]
            lines.append(f"  {r.label:<{width}}  {r.goal:<{gw}}  {verdict}")
    return "\n".join(lines).rstrip() + "\n"
