"""Section 3: the Rosenbrock sweep, batched against the scalar loops."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from adaproof.reports.bench.core import (
    ROSENBROCK_LRS,
    Bench,
    Progress,
    Row,
    Sizes,
)

# -------------------------------------------------------------------- 3. Rosenbrock sweep


def start_points(n: int) -> Any:
    """``n`` seeded starting points in [-2, 2] × [-1, 3]; the first is seed 000's (-1.5, 2.5)."""
    import numpy as np

    rng = np.random.default_rng(0)
    xy = np.column_stack([rng.uniform(-2.0, 2.0, n), rng.uniform(-1.0, 3.0, n)])
    xy[0] = (-1.5, 2.5)
    return xy


def scalar_rosenbrock_adam(x: float, y: float, lr: float, steps: int) -> tuple[float, float]:
    r"""The loop a homework notebook writes: Python floats, Algorithm 1 of Kingma & Ba,
    defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8, on :math:`f = (1-x)^2 + 10(y-x^2)^2`.

    It stops at an exact fixed point, as the batched sweep does (:func:`kernel_sweep`):
    a step with gradient exactly 0 that leaves (x, y) unchanged is followed only by such
    steps, so the end point is the same."""
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
        x0, y0 = x, y
        x -= lr * (mx / c1) / (math.sqrt(vx / c2) + eps)
        y -= lr * (my / c1) / (math.sqrt(vy / c2) + eps)
        if gx == 0.0 and gy == 0.0 and x == x0 and y == y0:
            break
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
        new = p - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        if not g.any() and np.array_equal(new, p):  # an exact fixed point, as above
            break
        p = new
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


def kernel_sweep(
    xy0: Any,
    steps: int,
    backend: str,
    info: dict[str, Any] | None = None,
    flush_subnormals: bool = False,
    fixed_points: bool = True,
    check_every: int = 16,
) -> Any:
    """All learning rates × starts, batched: per learning rate, one in-place gradient pass
    and one :func:`numerics.kernels.adam_update_` call per step on (coordinate, start)
    arrays. Returns the end points (lr, start, xy).

    ``fixed_points``: every ``check_every`` steps, runs whose gradient is exactly 0 and whose
    step left them exactly where they were are taken out of the batch with their end point.
    Such a run stays there for good: the gradient stays 0, so m only shrinks (by β₁ per
    step, faster than √v), and every later step is smaller than one that already rounded
    to nothing. The end points are the same as without it, bit for bit; what is skipped is
    m decaying through the subnormal numbers, where x86 arithmetic is many times slower,
    so ``flush_subnormals`` is not needed for speed. ``info``: ``subnormal_m`` (first-moment
    entries left subnormal at the end, among the runs still in the batch), ``fixed`` (runs
    taken out), ``skipped`` (run-steps not computed)."""
    import numpy as np
    from adaproof.numerics import kernels

    n = len(xy0)
    out = np.empty((len(ROSENBROCK_LRS), n, 2))
    counts = {"subnormal_m": 0, "entries": 0, "fixed": 0, "skipped": 0}
    tiny = np.finfo(np.float64).tiny
    for i, lr in enumerate(ROSENBROCK_LRS):
        p = np.ascontiguousarray(xy0.T, dtype=np.float64)  # (coordinate, start)
        g, m, v = np.empty_like(p), np.zeros_like(p), np.zeros_like(p)
        scratch = np.empty(n)
        live = np.arange(n)
        for t in range(1, steps + 1):
            rosenbrock_grad_soa_(p, g, scratch)
            check = fixed_points and t % check_every == 0
            if check:
                before = p.copy()
            kernels.adam_update_(
                p, g, m, v, t, lr=lr, backend=backend, flush_subnormals=flush_subnormals
            )
            if check:
                done = ~(g.any(axis=0) | (p != before).any(axis=0))
                if done.any():
                    out[i, live[done]] = p[:, done].T
                    counts["fixed"] += int(done.sum())
                    counts["skipped"] += int(done.sum()) * (steps - t)
                    keep = ~done
                    live = live[keep]
                    p, m, v = (np.ascontiguousarray(a[:, keep]) for a in (p, m, v))
                    g, scratch = np.empty_like(p), np.empty(live.size)
                    if not live.size:
                        break
        out[i, live] = p.T
        counts["subnormal_m"] += int(np.count_nonzero((m != 0) & (np.abs(m) < tiny)))
        counts["entries"] += m.size
    if info is not None:
        info.update(counts)
    return out  # (lr, start, coordinate)


def pure_sweep(xy0: Any, steps: int, info: dict[str, Any] | None = None) -> Any:
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


def scalar_loop_rate(fn: Callable[..., Any], xy0: Any, count: int, steps: int) -> float:
    """Trajectory-steps per second of a scalar loop over ``count`` whole trajectories (the
    sweep's own starts and step count, learning rates in turn)."""
    t0 = time.perf_counter()
    for i in range(count):
        fn(float(xy0[i, 0]), float(xy0[i, 1]), ROSENBROCK_LRS[i % 5], steps)
    return count * steps / (time.perf_counter() - t0)


def section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    from adaproof.numerics import kernels

    starts, steps = sizes.ros_starts, sizes.ros_steps
    xy0 = start_points(starts)
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
    before = [scalar_loop_rate(fn, xy0, k, steps) for _key, _label, fn, k in baselines]
    scalar_rows = []
    for (key, label, _fn, k), rate in zip(baselines, before, strict=True):
        row = Row(
            "rosenbrock",
            f"rosenbrock.{key}",
            label,
            rate,
            unit,
            note=f"{k} whole trajector{'y' if k == 1 else 'ies'} of {steps:,} steps (stopping "
            "at an exact fixed point, as the batched runs do)",
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
                pure_sweep,
                "problems.rosenbrock_tutorial().grad, (lr, start, xy) arrays",
            )
        )
    candidates.append(
        (
            "batched_kernel_all_steps",
            "batched kernels.adam_update_ backend='numpy', every run to the last step",
            partial(kernel_sweep, backend="numpy", fixed_points=False),
            "in-place gradient, (xy, start) layout per lr; runs at a fixed point kept",
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
                    partial(kernel_sweep, backend=bk, flush_subnormals=flush),
                    "in-place gradient, (xy, start) layout per lr; runs at an exact fixed "
                    "point leave the batch (same end points)",
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
        if info.get("fixed"):
            note += (
                f"; {info['fixed']:,} runs reached an exact fixed point, "
                f"{info['skipped']:,} run-steps not computed"
            )
        row = Row("rosenbrock", f"rosenbrock.{key}", label, work / secs, unit, note=note)
        if key in ("batched_kernel", "batched_kernel_c_ftz"):  # the default; the fastest
            row.goal, row.met = "≥ 50× scalar loop", agree  # and the ratio, below
        bench.rows.append(row)
        batched.append(row)
        say(f"bench: {label}: {row.value:,.0f} {unit}")

    after = [scalar_loop_rate(fn, xy0, k, steps) for _key, _label, fn, k in baselines]
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
