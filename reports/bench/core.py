"""Shared pieces of ``adaproof bench``: sizes, rows, timing, machine information."""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# the sections in the order they run are named once, in the command's light module (its
# parser must not import the bench)
from adaproof.reports.commands.bench import SECTIONS as SECTIONS

#: ``commands`` (the older name) means check and report
ALIASES = {"commands": ("check", "report")}

#: learning rates of seed 000's coding task (000_1a5d8446094796f9.txt, "Coding Task")
ROSENBROCK_LRS = (0.5, 0.1, 0.05, 0.01, 0.005)
VERIFY_TARGET = "adam.m_hat:2"
VERIFY_ANSWER = "(1-b1)*(b1*g1+g2)/(1-b1^2)"
ADAM_WORDS = 7  # read w, g, m, v; write w, m, v
TRIAD_WORDS = 3  # read a, b; write a


@dataclass(frozen=True)
class Sizes:
    """Problem sizes and repeat counts of one bench run."""

    adam_n: int = 10**7
    adam_repeats: int = 7
    mc_B: int = 10**6
    mc_T: int = 20
    mc_repeats: int = 5
    ros_starts: int = 10**4
    ros_steps: int = 10**4
    scalar_starts: int = 20
    verify_fresh_repeats: int = 5
    verify_warm_repeats: int = 20
    commands: bool = True
    mc_workers: int = 2
    grade_rows: int = 80
    dask_mc_B: int = 4 * 10**6


FULL = Sizes()
QUICK = Sizes(
    adam_n=2 * 10**5,
    adam_repeats=3,
    mc_B=2 * 10**4,
    mc_T=20,
    mc_repeats=1,
    ros_starts=200,
    ros_steps=100,
    scalar_starts=10,
    verify_fresh_repeats=1,
    verify_warm_repeats=3,
    commands=False,
    grade_rows=8,
    dask_mc_B=10**5,
)


@dataclass
class Row:
    """One measured figure. ``ratio`` is ``value`` relative to the row named ``ratio_to``
    (for speeds: how many times faster). ``status``: ok, unavailable, skipped or error."""

    section: str
    name: str
    label: str
    value: float | None
    unit: str
    ratio: float | None = None
    ratio_to: str | None = None
    status: str = "ok"
    note: str = ""
    goal: str = ""
    met: bool | None = None
    cpu: float | None = None  # CPU seconds, where measured (whole commands)


@dataclass
class Bench:
    rows: list[Row] = field(default_factory=list)
    machine: dict[str, Any] = field(default_factory=dict)
    quick: bool = False
    seconds: float = 0.0

    def row(self, name: str) -> Row | None:
        return next((r for r in self.rows if r.name == name), None)


Progress = Callable[[str], None]


# ------------------------------------------------------------------------------ helpers


def median_time(fn: Callable[[], Any], repeats: int, *, warmup: int = 1) -> float:
    """Median wall time of ``fn()`` over ``repeats`` calls after ``warmup`` calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return median(times)


def paired_median_times(
    fa: Callable[[], Any], fb: Callable[[], Any], repeats: int
) -> tuple[float, float]:
    """Medians of ``fa`` and ``fb`` timed alternately (a b a b ...) after one warm-up each,
    so that a change in the machine's load affects both sides alike."""
    fa()
    fb()
    ta, tb = [], []
    for _ in range(max(1, repeats)):
        for fn, acc in ((fa, ta), (fb, tb)):
            t0 = time.perf_counter()
            fn()
            acc.append(time.perf_counter() - t0)
    return median(ta), median(tb)


def median(times: list[float]) -> float:
    times = sorted(times)
    mid = len(times) // 2
    return times[mid] if len(times) % 2 else 0.5 * (times[mid - 1] + times[mid])


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_info() -> dict[str, Any]:
    """CPU model, cores, load, library versions and the date, for the JSON and the table."""
    import numpy as np

    info: dict[str, Any] = {
        "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "platform": platform.platform(),
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
    }
    with contextlib.suppress(OSError):
        info["load_before"] = [round(x, 2) for x in os.getloadavg()]
    with contextlib.suppress(OSError, ValueError):  # 1: a session's processes share one CPU
        auto = Path("/proc/sys/kernel/sched_autogroup_enabled").read_text()  # share (Linux)
        info["sched_autogroup"] = int(auto)
    try:
        import torch

        info["torch"] = torch.__version__
        info["torch_threads_default"] = torch.get_num_threads()
    except ImportError:
        info["torch"] = None
    return info


#: environment variables ``adaproof bench`` set for its own measurements only
INJECTED_ENV: set[str] = set()


def subprocess_env() -> dict[str, str]:
    """The user's environment, without what the bench set for itself."""
    return {k: v for k, v in os.environ.items() if k not in INJECTED_ENV}


def console_script() -> tuple[list[str], str]:
    """The ``adaproof`` console script next to this interpreter, or ``python -m adaproof``."""
    here = Path(sys.executable).parent / "adaproof"
    if here.exists():
        return [str(here)], str(here)
    found = shutil.which("adaproof")
    if found:
        return [found], found
    return [sys.executable, "-m", "adaproof"], f"{sys.executable} -m adaproof"


def fmt_value(row: Row) -> str:
    if row.value is None:
        return row.status
    v = row.value
    if row.unit == "s":
        return f"{v * 1e3:.1f} ms" if v < 1 else f"{v:.2f} s"
    if row.unit.endswith("/s"):
        return f"{v:,.0f} {row.unit}"
    return f"{v:.3g} {row.unit}"
