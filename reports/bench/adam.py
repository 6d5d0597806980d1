"""Section 1: Adam update throughput against the memory-bandwidth floor."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from adaproof.reports.bench.core import (
    ADAM_WORDS,
    TRIAD_WORDS,
    Bench,
    Progress,
    Row,
    Sizes,
    fmt_value,
    median,
)

# --------------------------------------------------------------------- 1. Adam update


HYPER = {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}


def section(bench: Bench, sizes: Sizes, say: Progress) -> None:
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
        k: median(t) * ADAM_WORDS / TRIAD_WORDS for k, t in times.items() if k.startswith("floor_")
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
            secs = floors[key] if key in floors else median(times[key])
            row.value = secs * 1e9 / n
            row.ratio, row.ratio_to = row.value / floor, floor_name
            if key in floors:
                gbs = TRIAD_WORDS * w.itemsize / (secs * TRIAD_WORDS / ADAM_WORDS / n) / 1e9
                row.note = f"{gbs:.1f} GB/s, × 7/3 words"
        bench.rows.append(row)
        say(f"bench: {row.label}: {fmt_value(row)}")
    _restore_torch_threads()


_TORCH_THREADS: list[int] = []


def _torch_candidates(w: Any, g: Any) -> list[tuple[str, str, Callable[[], Any] | None, str]]:
    """torch.optim.Adam on copies of the same data: foreach and fused, 1 thread and all
    threads (each call sets its thread count). None when torch is not installed: then
    there are no torch rows (present with the oracle extra, absent without)."""
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
