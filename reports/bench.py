r"""``adaproof bench``: the performance table, measured side by side in one run.

Every figure is a ratio taken in the same process and the same minute as the
baseline it is compared with (DESIGN.md, Performance; issue 7):

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
5. The whole ``check`` and ``report`` (fresh processes).

Timings are medians of repeats after a warm-up (``time.perf_counter``). Rows that
cannot be measured (torch not installed, a command not built yet) are kept with
status ``unavailable`` and the reason, never estimated.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import itertools
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

SECTIONS = ("adam", "montecarlo", "rosenbrock", "verify", "commands")

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
    return _median(times)


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
    return _median(ta), _median(tb)


def _median(times: list[float]) -> float:
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


def _console_script() -> tuple[list[str], str]:
    """The ``adaproof`` console script next to this interpreter, or ``python -m adaproof``."""
    here = Path(sys.executable).parent / "adaproof"
    if here.exists():
        return [str(here)], str(here)
    found = shutil.which("adaproof")
    if found:
        return [found], found
    return [sys.executable, "-m", "adaproof"], f"{sys.executable} -m adaproof"


# --------------------------------------------------------------------- 1. Adam update


HYPER = {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}


def _adam_section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    import numpy as np
    from adaproof.numerics import kernels

    lib = kernels.compiled_kernel()
    bench.machine["compiled_kernel"] = (
        getattr(lib, "_adaproof_path", "built")
        if lib
        else f"unavailable: {kernels.compiled_reason()}"
    )
    for dtype in (np.float64, np.float32):
        _adam_dtype(bench, sizes, say, np.dtype(dtype), lib is not None)
    ours = bench.row("adam.float64.kernel_numpy")
    foreach = bench.row("adam.float64.torch_foreach_1t")
    if ours is not None and ours.ratio is not None:
        ours.goal = "≤ 3× floor"
        ours.met = ours.ratio <= 3.0
        if foreach is not None and foreach.value is not None:
            ours.goal += ", faster than torch foreach (1 thread)"
            ours.met = ours.met and ours.value < foreach.value


def _adam_dtype(bench: Bench, sizes: Sizes, say: Progress, dtype: Any, compiled: bool) -> None:
    """All Adam implementations on the same data, timed round-robin (one call of each per
    round, ``adam_repeats`` rounds after a warm-up call each), so that a neighbour's load
    falls on all of them alike; each figure is the median of its rounds."""
    import numpy as np
    from adaproof.numerics import kernels

    n, dname = sizes.adam_n, dtype.name
    rng = np.random.default_rng(0)
    g = rng.standard_normal(n).astype(dtype)
    w = rng.standard_normal(n).astype(dtype)
    # (key, label, step function, note); None as the function: unavailable, note = reason
    cands: list[tuple[str, str, Callable[[], Any] | None, str]] = []

    # memory-bandwidth floor: in-place a += s*b moves 3 words per element (scaled to 7)
    a, b = w.copy(), g.copy()
    for bk, label in (
        ("numpy", "floor: NumPy a += s*b, chunked"),
        ("c", "floor: compiled a += s*b"),
    ):
        if bk == "c" and not compiled:
            cands.append(("floor_c", label, None, kernels.compiled_reason()))
        else:
            cands.append(
                (f"floor_{bk}", label, partial(kernels.triad_, a, b, 1e-9, backend=bk), "")
            )

    # ours: the in-place chunked kernel (NumPy default; compiled twin); shared buffers
    m, v = np.zeros_like(w), np.zeros_like(w)
    wk = w.copy()
    for bk in ("numpy", "c"):
        label = f"ours: kernels.adam_update_ backend='{bk}'"
        if bk == "c" and not compiled:
            cands.append(("kernel_c", label, None, kernels.compiled_reason()))
            continue

        counter = itertools.count(1)

        def kernel_step(bk: str = bk, steps: Iterator[int] = counter) -> None:
            kernels.adam_update_(wk, g, m, v, next(steps), backend=bk, **HYPER)

        cands.append((f"kernel_{bk}", label, kernel_step, ""))

    # ours, the pure-function API (allocates new parameters and state every step)
    try:
        from adaproof.numerics import adam
    except ImportError as exc:
        cands.append(("pure_step", "ours: numerics.adam.step (pure)", None, f"{exc}"))
    else:
        held = {"p": w.copy()}
        held["s"] = adam.init(held["p"])

        def pure_step() -> None:
            held["p"], held["s"] = adam.step(held["p"], g, held["s"], **HYPER)

        cands.append(
            ("pure_step", "ours: numerics.adam.step (pure)", pure_step, "new arrays every step")
        )

    # naive NumPy with temporaries (the textbook expressions)
    st = {"w": w.copy(), "m": np.zeros_like(w), "v": np.zeros_like(w), "t": 0}

    def naive_step() -> None:
        st["t"] += 1
        t, b1, b2 = st["t"], HYPER["beta1"], HYPER["beta2"]
        st["m"] = b1 * st["m"] + (1 - b1) * g
        st["v"] = b2 * st["v"] + (1 - b2) * g * g
        m_hat = st["m"] / (1 - b1**t)
        v_hat = st["v"] / (1 - b2**t)
        st["w"] = st["w"] - HYPER["lr"] * m_hat / (np.sqrt(v_hat) + HYPER["eps"])

    cands.append(("naive_numpy", "naive NumPy with temporaries", naive_step, ""))
    cands += _torch_candidates(w, g)

    single = [c for c in cands if not c[0].endswith("_all")]
    threaded = [c for c in cands if c[0].endswith("_all")]
    times: dict[str, list[float]] = {}
    # phase 1: everything single-threaded; phase 2: torch on all threads (switching the
    # thread count between calls costs torch a lot, so each phase keeps one count)
    for phase, threads in ((single, 1), (threaded, _TORCH_THREADS[0] if _TORCH_THREADS else 1)):
        runnable = [(key, fn) for key, _label, fn, _note in phase if fn is not None]
        if not runnable:
            continue
        _set_torch_threads(threads)
        for key, fn in runnable:
            fn()  # warm-up: first-touch pages, torch's lazily created state
            times[key] = []
        for _ in range(max(1, sizes.adam_repeats)):
            for key, fn in runnable:
                t0 = time.perf_counter()
                fn()
                times[key].append(time.perf_counter() - t0)

    floors = {
        k: _median(t) * ADAM_WORDS / TRIAD_WORDS for k, t in times.items() if k.startswith("floor_")
    }
    floor_key = min(floors, key=floors.__getitem__)
    floor_name = f"adam.{dname}.{floor_key}"
    floor = floors[floor_key] * 1e9 / n
    for key, label, fn, note in cands:
        row = Row(
            "adam", f"adam.{dname}.{key}", f"{label} ({dname})", None, "ns/element", note=note
        )
        if fn is None:
            row.status = "unavailable"
        else:
            secs = floors[key] if key in floors else _median(times[key])
            row.value = secs * 1e9 / n
            row.ratio, row.ratio_to = row.value / floor, floor_name
            if key in floors:
                gbs = TRIAD_WORDS * w.itemsize / (secs * TRIAD_WORDS / ADAM_WORDS / n) / 1e9
                row.note = f"{gbs:.1f} GB/s, × 7/3 words"
        bench.rows.append(row)
        say(f"bench: {row.label}: {_fmt_value(row)}")
    _restore_torch_threads()


_TORCH_THREADS: list[int] = []


def _torch_candidates(w: Any, g: Any) -> list[tuple[str, str, Callable[[], Any] | None, str]]:
    """torch.optim.Adam on copies of the same data: foreach and fused, 1 thread and all
    threads (each call sets its thread count). None when torch is not installed: then
    there are no torch rows (issue 7: present with the oracle extra, absent without)."""
    try:
        import torch
    except ImportError:
        return []
    if not _TORCH_THREADS:
        _TORCH_THREADS.append(torch.get_num_threads())
    default_threads = _TORCH_THREADS[0]
    tdtype = torch.float64 if w.dtype.itemsize == 8 else torch.float32
    runs = [(1, "foreach"), (1, "fused")]
    if default_threads > 1:
        runs += [(default_threads, "foreach"), (default_threads, "fused")]
    out = []
    for threads, kind in runs:
        p = torch.nn.Parameter(torch.from_numpy(w.copy()).to(tdtype))
        p.grad = torch.from_numpy(g.copy()).to(tdtype)
        opt = torch.optim.Adam(
            [p],
            lr=HYPER["lr"],
            betas=(HYPER["beta1"], HYPER["beta2"]),
            eps=HYPER["eps"],
            **{kind: True},
        )

        def torch_step(opt: Any = opt) -> None:
            opt.step()

        suffix = "1t" if threads == 1 else "all"
        label = f"torch Adam {kind}, {threads} thread{'s' * (threads > 1)}"
        out.append((f"torch_{kind}_{suffix}", label, torch_step, f"torch {torch.__version__}"))
    return out


def _set_torch_threads(threads: int) -> None:
    if _TORCH_THREADS:
        import torch

        torch.set_num_threads(threads)


def _restore_torch_threads() -> None:
    if _TORCH_THREADS:
        _set_torch_threads(_TORCH_THREADS[0])


# ----------------------------------------------------------------------- 2. Monte Carlo


def _montecarlo_section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    import numpy as np

    B, T = sizes.mc_B, sizes.mc_T
    try:
        from adaproof.numerics import montecarlo
    except ImportError as exc:
        for key, label in (("total", "ema_moments total"), ("rng", "drawing the normals alone")):
            bench.rows.append(
                Row(
                    "montecarlo",
                    f"montecarlo.{key}",
                    label,
                    None,
                    "s",
                    status="unavailable",
                    note=f"numerics.montecarlo: {exc}",
                )
            )
        return
    count = B * T
    if hasattr(montecarlo, "normals_only"):  # same blocks, generators and chunks
        draw = partial(montecarlo.normals_only, T, B, seed=0)
        how = "montecarlo.normals_only: same blocks and PCG64 generators"
    else:
        buf = np.empty(min(count, 2**20))

        def draw() -> None:
            rng = np.random.default_rng(0)
            for first in range(0, count, buf.size):
                rng.standard_normal(out=buf[: min(buf.size, count - first)])

        how = "one PCG64 generator"
    secs, rng_secs = paired_median_times(
        partial(montecarlo.ema_moments, 0.9, T, B, mu=0.0, sigma=1.0, seed=0),
        draw,
        sizes.mc_repeats,
    )
    total = Row(
        "montecarlo",
        "montecarlo.total",
        f"ema_moments(β=0.9, T={T}, B={B:,})",
        secs,
        "s",
        note=f"median of {sizes.mc_repeats}, timed alternately with the draw-only run",
    )
    say(f"bench: {total.label}: {secs:.3f} s")
    rng_row = Row(
        "montecarlo",
        "montecarlo.rng",
        f"draw the same {count:,} normals alone",
        rng_secs,
        "s",
        note=f"{rng_secs / count * 1e9:.1f} ns per normal; {how}",
    )
    total.ratio, total.ratio_to = secs / rng_secs, rng_row.name
    total.goal, total.met = "≤ 1.25× drawing alone", total.ratio <= 1.25
    bench.rows += [total, rng_row]
    say(f"bench: {rng_row.label}: {rng_secs:.3f} s")


# -------------------------------------------------------------------- 3. Rosenbrock sweep


def _rosenbrock_starts(n: int) -> Any:
    """``n`` seeded starting points in [-2, 2] × [-1, 3]; the first is seed 000's (-1.5, 2.5)."""
    import numpy as np

    rng = np.random.default_rng(0)
    xy = np.column_stack([rng.uniform(-2.0, 2.0, n), rng.uniform(-1.0, 3.0, n)])
    xy[0] = (-1.5, 2.5)
    return xy


def scalar_rosenbrock_adam(x: float, y: float, lr: float, steps: int) -> tuple[float, float]:
    r"""The loop a homework notebook writes: Python floats, Algorithm 1 of Kingma & Ba,
    defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8, on :math:`f = (1-x)^2 + 10(y-x^2)^2`."""
    b1, b2, eps = 0.9, 0.999, 1e-8
    mx = my = vx = vy = 0.0
    for t in range(1, steps + 1):
        gx = -2.0 * (1.0 - x) - 40.0 * x * (y - x * x)
        gy = 20.0 * (y - x * x)
        mx = b1 * mx + (1 - b1) * gx
        my = b1 * my + (1 - b1) * gy
        vx = b2 * vx + (1 - b2) * gx * gx
        vy = b2 * vy + (1 - b2) * gy * gy
        c1, c2 = 1 - b1**t, 1 - b2**t
        x -= lr * (mx / c1) / (math.sqrt(vx / c2) + eps)
        y -= lr * (my / c1) / (math.sqrt(vy / c2) + eps)
    return x, y


def vector_rosenbrock_adam(x: float, y: float, lr: float, steps: int) -> tuple[float, float]:
    """The same loop written with 2-element NumPy arrays, as many notebooks do."""
    import numpy as np

    b1, b2, eps = 0.9, 0.999, 1e-8
    p = np.array([x, y])
    m, v = np.zeros(2), np.zeros(2)
    for t in range(1, steps + 1):
        r = p[1] - p[0] ** 2
        g = np.array([-2 * (1 - p[0]) - 40 * p[0] * r, 20 * r])
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        p = p - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    return float(p[0]), float(p[1])


def rosenbrock_grad_soa_(p: Any, out: Any, scratch: Any) -> None:
    r"""Gradient of seed 000's Rosenbrock function, in place, coordinates on axis -2.

    ``p``, ``out``: (..., 2, S) with x = ``p[..., 0, :]``, y = ``p[..., 1, :]`` (each
    contiguous); ``scratch``: (..., S). Same formula as
    :func:`numerics.problems.rosenbrock_tutorial`, rearranged to 7 in-place passes:
    :math:`r = y - x^2`, :math:`g_y = 20r`, :math:`g_x = x(2 - 40r) - 2`.
    """
    import numpy as np

    x, y, gx, gy = p[..., 0, :], p[..., 1, :], out[..., 0, :], out[..., 1, :]
    np.multiply(x, x, out=scratch)
    np.subtract(y, scratch, out=scratch)
    np.multiply(scratch, 20.0, out=gy)
    np.multiply(scratch, -40.0, out=gx)
    np.add(gx, 2.0, out=gx)
    np.multiply(gx, x, out=gx)
    np.subtract(gx, 2.0, out=gx)


def _kernel_sweep(
    xy0: Any,
    steps: int,
    backend: str,
    info: dict[str, Any] | None = None,
    flush_subnormals: bool = False,
) -> Any:
    """All learning rates × starts, batched: layout (lr, coordinate, start), one in-place
    gradient pass and one :func:`numerics.kernels.adam_update_` call per lr per step.
    Returns the end points (lr, start, xy); ``info["subnormal_m"]`` counts first-moment
    entries left subnormal at the end."""
    import numpy as np
    from adaproof.numerics import kernels

    n = len(xy0)
    p = np.empty((len(ROSENBROCK_LRS), 2, n))
    p[:, 0, :], p[:, 1, :] = xy0[:, 0], xy0[:, 1]
    g, m, v = np.empty_like(p), np.zeros_like(p), np.zeros_like(p)
    scratch = np.empty((len(ROSENBROCK_LRS), n))
    for t in range(1, steps + 1):
        rosenbrock_grad_soa_(p, g, scratch)
        for i, lr in enumerate(ROSENBROCK_LRS):
            kernels.adam_update_(
                p[i],
                g[i],
                m[i],
                v[i],
                t,
                lr=lr,
                backend=backend,
                flush_subnormals=flush_subnormals,
            )
    if info is not None:
        tiny = np.finfo(m.dtype).tiny
        info["subnormal_m"] = int(np.count_nonzero((m != 0) & (np.abs(m) < tiny)))
        info["entries"] = m.size
    return np.moveaxis(p, 1, 2)  # (lr, start, coordinate)


def _pure_sweep(xy0: Any, steps: int, info: dict[str, Any] | None = None) -> Any:
    """The same sweep through the pure API: ``numerics.adam.step`` with lr as a (5, 1, 1)
    array and ``numerics.problems.rosenbrock_tutorial().grad`` on (lr, start, xy) arrays."""
    import numpy as np
    from adaproof.numerics import adam
    from adaproof.numerics.problems import rosenbrock_tutorial

    grad = rosenbrock_tutorial().grad
    lrs = np.array(ROSENBROCK_LRS)[:, None, None]
    p = np.broadcast_to(xy0, (len(ROSENBROCK_LRS), *xy0.shape)).copy()
    s = adam.init(p)
    for t in range(1, steps + 1):
        p, s = adam.step(p, grad(p, t), s, lr=lrs)
    return p


def _scalar_rate(fn: Callable[..., Any], xy0: Any, count: int, steps: int) -> float:
    """Trajectory-steps per second of a scalar loop over ``count`` whole trajectories (the
    sweep's own starts and step count, learning rates in turn)."""
    t0 = time.perf_counter()
    for i in range(count):
        fn(float(xy0[i, 0]), float(xy0[i, 1]), ROSENBROCK_LRS[i % 5], steps)
    return count * steps / (time.perf_counter() - t0)


def _rosenbrock_section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    from adaproof.numerics import kernels

    starts, steps = sizes.ros_starts, sizes.ros_steps
    xy0 = _rosenbrock_starts(starts)
    work = len(ROSENBROCK_LRS) * starts * steps  # trajectory-steps in the sweep
    shape = f"{len(ROSENBROCK_LRS)} lrs × {starts:,} starts × {steps:,} steps"
    unit = "trajectory-steps/s"

    # the scalar loops, timed on whole trajectories of the sweep and extrapolated (the sweep
    # itself would take minutes to hours); timed before and after the batched runs, the
    # faster counts (it makes the speed-up smaller, not larger)
    baselines = [
        (
            "scalar_loop",
            "scalar loop, Python floats (notebook)",
            scalar_rosenbrock_adam,
            min(sizes.scalar_starts, starts),
        ),
        (
            "scalar_numpy2",
            "scalar loop, 2-element NumPy arrays",
            vector_rosenbrock_adam,
            max(1, min(sizes.scalar_starts, starts) // 10),
        ),
    ]
    before = [_scalar_rate(fn, xy0, k, steps) for _key, _label, fn, k in baselines]
    scalar_rows = []
    for (key, label, _fn, k), rate in zip(baselines, before, strict=True):
        row = Row(
            "rosenbrock",
            f"rosenbrock.{key}",
            label,
            rate,
            unit,
            note=f"{k} whole trajector{'y' if k == 1 else 'ies'} of {steps:,} steps",
        )
        scalar_rows.append(row)
        bench.rows.append(row)
        say(f"bench: {label}: {rate:,.0f} {unit}")

    candidates: list[tuple[str, str, Callable[..., Any], str]] = []
    try:
        from adaproof.numerics import adam  # noqa: F401
        from adaproof.numerics.problems import rosenbrock_tutorial  # noqa: F401
    except ImportError as exc:
        bench.rows.append(
            Row(
                "rosenbrock",
                "rosenbrock.batched_pure",
                "batched numerics.adam.step (pure API)",
                None,
                unit,
                status="unavailable",
                note=f"{exc}",
            )
        )
    else:
        candidates.append(
            (
                "batched_pure",
                "batched numerics.adam.step (pure API)",
                _pure_sweep,
                "problems.rosenbrock_tutorial().grad, (lr, start, xy) arrays",
            )
        )
    backends = ["numpy", "c"] if kernels.compiled_kernel() is not None else ["numpy"]
    for bk in backends:
        for flush in (False, True):
            key = "batched_kernel" + ("_c" if bk == "c" else "") + ("_ftz" if flush else "")
            label = f"batched kernels.adam_update_ backend='{bk}'"
            candidates.append(
                (
                    key,
                    label + (", flush_subnormals" if flush else ""),
                    partial(_kernel_sweep, backend=bk, flush_subnormals=flush),
                    "in-place gradient, (lr, xy, start) layout",
                )
            )

    # same algorithm check: on a prefix (200 steps, 8 starts, every lr) each batched path
    # reproduces the scalar loop to 1e-9; over 10^4 steps rounding differences grow
    # (trajectories that oscillate near the minimum separate), so the end points are
    # compared for information only
    pre_n, pre_steps = min(8, starts), min(200, steps)
    prefix_ref = [
        [scalar_rosenbrock_adam(x, y, lr, pre_steps) for x, y in xy0[:pre_n]]
        for lr in ROSENBROCK_LRS
    ]
    xs, ys = scalar_rosenbrock_adam(-1.5, 2.5, 0.01, steps)
    batched: list[Row] = []
    for key, label, fn, how in candidates:
        info: dict[str, Any] = {}
        try:
            pre = fn(xy0[:pre_n], pre_steps)
            t0 = time.perf_counter()
            final = fn(xy0, steps, info=info)
            secs = time.perf_counter() - t0
        except Exception as exc:  # a module still in flux: report the row, don't crash
            bench.rows.append(
                Row(
                    "rosenbrock",
                    f"rosenbrock.{key}",
                    label,
                    None,
                    unit,
                    status="error",
                    note=f"{type(exc).__name__}: {exc}",
                )
            )
            say(f"bench: {label}: error {exc}")
            continue
        ref = prefix_ref
        worst = max(
            abs(pre[j, i, c] - ref[j][i][c]) / (1.0 + abs(ref[j][i][c]))
            for j in range(len(ROSENBROCK_LRS))
            for i in range(pre_n)
            for c in (0, 1)
        )
        agree = bool(worst <= 1e-9)
        end_diff = abs(final[3, 0, 0] - xs) + abs(final[3, 0, 1] - ys)
        note = (
            f"{shape} in {secs:.2f} s (one run); {how}; first {pre_steps} steps equal "
            f"the scalar loop: {'yes' if agree else f'NO (rel. diff. {worst:.2g})'}; "
            f"end point at (-1.5, 2.5), lr 0.01 differs from it by {end_diff:.2g}"
        )
        if "subnormal_m" in info:
            note += (
                f"; {info['subnormal_m']:,} of {info['entries']:,} m entries end "
                f"subnormal (converged runs: m decays as 0.9^t)"
            )
        row = Row("rosenbrock", f"rosenbrock.{key}", label, work / secs, unit, note=note)
        if key in ("batched_kernel", "batched_kernel_c_ftz"):  # the default; the fastest
            row.goal, row.met = "≥ 50× scalar loop", agree  # and the ratio, below
        bench.rows.append(row)
        batched.append(row)
        say(f"bench: {label}: {row.value:,.0f} {unit}")

    after = [_scalar_rate(fn, xy0, k, steps) for _key, _label, fn, k in baselines]
    for row, b, a in zip(scalar_rows, before, after, strict=True):
        row.value = max(b, a)
        row.note += (
            f", before/after the batched runs: {b:,.0f}/{a:,.0f} (the faster "
            f"counts); the sweep extrapolates to {work / row.value:,.0f} s"
        )
    scalar_rate = scalar_rows[0].value
    for row in [*scalar_rows[1:], *batched]:
        row.ratio, row.ratio_to = row.value / scalar_rate, scalar_rows[0].name
        if row.goal:
            row.met = bool(row.met and row.ratio >= 50)


# -------------------------------------------------------------------------- 4. verify


def _verify_section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    cmd, shown = _console_script()
    argv = ["verify", VERIFY_TARGET, VERIFY_ANSWER]
    times, last = [], None
    for _ in range(max(1, sizes.verify_fresh_repeats)):
        t0 = time.perf_counter()
        last = subprocess.run(
            [*cmd, *argv],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=subprocess_env(),
        )
        times.append(time.perf_counter() - t0)
    times.sort()
    fresh = Row(
        "verify",
        "verify.fresh",
        f"verify {VERIFY_TARGET} (fresh process)",
        times[len(times) // 2],
        "s",
        goal="< 1 s",
        note=f"median of {len(times)}; {shown} {' '.join(argv[:2])} '{VERIFY_ANSWER}'",
    )
    if last is not None and last.returncode != 0:
        fresh.status = "error"
        fresh.note = (
            f"exit {last.returncode}: {(last.stderr.strip().splitlines() or [''])[-1][:160]}"
        )
    fresh.met = fresh.status == "ok" and fresh.value < 1.0
    bench.rows.append(fresh)
    say(f"bench: {fresh.label}: {_fmt_value(fresh)}")

    from adaproof.reports import cli

    codes: list[int] = []

    def warm() -> None:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            codes.append(cli.main(argv))

    secs = median_time(warm, sizes.verify_warm_repeats)
    row = Row(
        "verify",
        "verify.warm",
        f"verify {VERIFY_TARGET} (warm, in-process)",
        secs,
        "s",
        goal="< 100 ms",
        note=f"median of {sizes.verify_warm_repeats} after a warm-up; reports.cli.main",
    )
    if any(c != 0 for c in codes):
        row.status, row.note = "error", f"exit codes {sorted(set(codes))} (expected 0)"
    row.met = row.status == "ok" and secs < 0.1
    bench.rows.append(row)
    say(f"bench: {row.label}: {_fmt_value(row)}")


# ------------------------------------------------------------------ 5. check and report


def _commands_section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    from adaproof.reports import cli

    cmd, shown = _console_script()
    goals = {"check": 60.0, "report": 120.0}
    for name in ("check", "report"):
        label = f"adaproof {name} (whole, fresh process)"
        row = Row("commands", f"commands.{name}", label, None, "s", goal=f"< {goals[name]:.0f} s")
        bench.rows.append(row)
        if not sizes.commands:
            row.status, row.note = "skipped", "--quick"
            continue
        if name not in cli.COMMANDS:
            row.status = "unavailable"
            row.note = f"'{name}' is not an adaproof command yet (not in reports/cli.py COMMANDS)"
            say(f"bench: {label}: unavailable")
            continue
        with tempfile.TemporaryDirectory(prefix="adaproof-bench-") as tmp:
            argv = [name] if name == "check" else [name, "--out", str(Path(tmp) / "report")]
            say(f"bench: running {shown} {' '.join(argv)} ...")
            t0 = time.perf_counter()
            try:
                proc = subprocess.run(
                    [*cmd, *argv],
                    capture_output=True,
                    text=True,
                    timeout=1800,
                    check=False,
                    cwd=tmp,
                    env=subprocess_env(),
                )
            except subprocess.TimeoutExpired:
                row.status, row.note = "error", "timed out after 1800 s"
                continue
            secs = time.perf_counter() - t0
        row.value = secs
        if proc.returncode in (0, 1):
            row.note = (
                "exit 0" if proc.returncode == 0 else "exit 1 (a verdict differs from baseline)"
            )
            row.met = secs < goals[name]
        else:
            row.status = "error"
            row.note = (
                f"exit {proc.returncode}: {(proc.stderr.strip().splitlines() or [''])[-1][:160]}"
            )
        say(f"bench: {label}: {_fmt_value(row)} ({row.note})")


# ----------------------------------------------------------------------------- driver

_RUNNERS = {
    "adam": _adam_section,
    "montecarlo": _montecarlo_section,
    "rosenbrock": _rosenbrock_section,
    "verify": _verify_section,
    "commands": _commands_section,
}


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
    for name in SECTIONS:
        if name in sections:
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


def _fmt_value(row: Row) -> str:
    if row.value is None:
        return row.status
    v = row.value
    if row.unit == "s":
        return f"{v * 1e3:.1f} ms" if v < 1 else f"{v:.2f} s"
    if row.unit.endswith("/s"):
        return f"{v:,.0f} {row.unit}"
    return f"{v:.3g} {row.unit}"


def _fmt_ratio(row: Row) -> str:
    if row.ratio is None:
        return ""
    if row.section == "rosenbrock":
        return f"{row.ratio:,.0f}×" if row.ratio >= 10 else f"{row.ratio:.2g}×"
    return f"{row.ratio:.2f}×"


_TITLES = {
    "adam": "1. Adam update, N = {n} (ratio: to the memory-bandwidth floor)",
    "montecarlo": "2. Monte Carlo Var(m̂_t) (ratio: to drawing the normals alone)",
    "rosenbrock": "3. Rosenbrock sweep, seed 000 task (ratio: speed over the Python-float loop)",
    "verify": "4. verify on a typical answer",
    "commands": "5. whole commands",
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
    for section in SECTIONS:
        rows = [r for r in bench.rows if r.section == section]
        if not rows:
            continue
        lines.append(_TITLES[section].format(n=f"{sizes.adam_n:,}"))
        width = max(len(r.label) for r in rows)
        vals = [_fmt_value(r) for r in rows]
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
