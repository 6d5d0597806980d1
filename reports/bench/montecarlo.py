"""Section 2: Monte Carlo against drawing its normals alone, and per worker count."""

from __future__ import annotations

from functools import partial
from typing import Any

from adaproof.reports.bench.core import (
    Bench,
    Progress,
    Row,
    Sizes,
    median_time,
    paired_median_times,
)

# ----------------------------------------------------------------------- 2. Monte Carlo


def section(bench: Bench, sizes: Sizes, say: Progress) -> None:
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
    _workers_rows(bench, sizes, say, montecarlo, secs, total.name)


def _workers_rows(
    bench: Bench, sizes: Sizes, say: Progress, montecarlo: Any, one: float, one_name: str
) -> None:
    """The same run on 2.. local worker processes (pool started beforehand, not timed):
    the speed-up over one process and whether the moments are the same bytes."""
    import numpy as np
    from adaproof.reports.parallel import LocalProcesses

    B, T = sizes.mc_B, sizes.mc_T
    ref = montecarlo.ema_moments(0.9, T, B, seed=0)
    for n in range(2, sizes.mc_workers + 1):
        with LocalProcesses(n) as pool:
            run = partial(montecarlo.ema_moments, 0.9, T, B, seed=0, executor=pool)
            got = run()  # starts the workers
            secs = median_time(run, sizes.mc_repeats, warmup=0)
        same = all(
            np.array_equal(getattr(ref, k)[q], getattr(got, k)[q])
            for k in ("mean", "var", "se_mean", "se_var")
            for q in ref.mean
        )
        row = Row(
            "montecarlo",
            f"montecarlo.workers_{n}",
            f"the same on {n} local worker processes",
            secs,
            "s",
            ratio=one / secs,
            ratio_to=one_name,
            note=f"median of {sizes.mc_repeats}; speed-up {one / secs:.2f}× over 1 process; "
            f"same bytes as 1 process: {'yes' if same else 'NO'}",
        )
        if not same:
            row.status = "error"
        bench.rows.append(row)
        say(f"bench: {row.label}: {secs:.3f} s ({row.ratio:.2f}×)")
