r"""Running an optimizer on a problem (:func:`minimize`) or on a gradient stream (:func:`feed`).

:func:`minimize` evaluates ``grad_fn(x, t)`` at the current iterate, t = 1, 2, …
(so ``x[0]`` is Reddi et al.'s :math:`x_1` and the gradient of :math:`f_t` is taken there),
steps, and projects if asked. The batch is every leading axis of ``x0`` except the last
``event_ndim`` (1 for a vector problem whose last axis holds the coordinates, 0 for a
scalar problem run elementwise); a :class:`~numerics.problems.Problem` says which.
A run whose gradient or new iterate is non-finite, or whose iterate leaves
:math:`|x| \le` ``max_abs``, is *diverged*: it is frozen at its last good iterate and state,
flagged in ``diverged`` and dated in ``diverged_at``; the other runs continue. Nothing is
silently NaN.

:func:`feed` runs an optimizer on a fixed stream ``grads`` of shape (T, *batch) (the
gradient does not depend on x) and records the iterates, the updates and the named state
(``m``, ``v``, ``m_hat``, ``v_hat``, ``lr_eff``, … as each module's ``describe`` gives).

>>> import numpy as np
>>> tr = minimize("sgd", lambda x, t: 2 * x, np.array([1.0, 2.0]), 3, lr=0.25, event_ndim=0)
>>> tr.x[:, 0].tolist(), tr.diverged.tolist()
([1.0, 0.5, 0.25, 0.125], [False, False])
>>> h = feed("adam", np.ones((3, 2)), lr=0.1, eps=0.0)
>>> h.delta[:, 0].round(12).tolist(), h.states["m_hat"][:, 0].round(12).tolist()
([-0.1, -0.1, -0.1], [1.0, 1.0, 1.0])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from adaproof.numerics import validate as v
from adaproof.numerics.registry import get


class Trajectory(NamedTuple):
    """``x`` (steps+1, *x0.shape); ``diverged``/``diverged_at`` over the batch shape."""

    x: np.ndarray
    diverged: np.ndarray
    diverged_at: np.ndarray


class History(NamedTuple):
    """``x`` (T+1, *batch), ``delta`` (T, *batch), ``states`` name -> (T, *batch)."""

    x: np.ndarray
    delta: np.ndarray
    states: dict[str, np.ndarray]


def _freeze(mask: np.ndarray, old: Any, new: Any, event_ndim: int) -> Any:
    if not isinstance(new, np.ndarray):
        return new
    m = mask.reshape(mask.shape + (1,) * event_ndim)
    return np.where(m, old, new)


def minimize(
    name: str,
    grad_fn: Any,
    x0: Any,
    steps: int,
    *,
    project: Callable[[np.ndarray], np.ndarray] | None = None,
    event_ndim: int | None = None,
    max_abs: float | None = None,
    schedule: Callable[[int], Any] | None = None,
    executor: Any = None,
    rows_per_task: int = 4096,
    **hyper: Any,
) -> Trajectory:
    """Run optimizer ``name`` for ``steps`` steps from ``x0`` on ``grad_fn(x, t)``.

    ``grad_fn`` may be a :class:`~numerics.problems.Problem`, whose ``grad``, ``project``
    and ``event_ndim`` are then used. Otherwise ``event_ndim`` defaults to 1 when ``x0`` has
    an axis (vector problem) and 0 for a scalar ``x0``. ``max_abs`` defaults to
    :math:`\\sqrt{\\text{finfo.max}}` of the dtype (beyond it squares overflow). Hyperparameter
    arrays broadcast against ``x0`` (so a learning-rate grid of shape (k, 1) against x0 of
    shape (k, d)). ``schedule(t)`` multiplies ``lr`` at step t (e.g. Reddi et al.'s
    :math:`\alpha_t = \alpha/\\sqrt t` is ``schedule=lambda t: t**-0.5``).

    ``executor`` (see :func:`numerics.montecarlo.map_tasks`) runs the batch in tasks of
    ``rows_per_task`` rows of its first axis, wherever the executor runs them; the split
    depends on ``rows_per_task`` only, so the result is bitwise the same for every worker
    count and place. Hyperparameter arrays whose first axis is that batch axis are split
    with it. ``grad_fn`` must treat rows independently (every deterministic problem in
    :mod:`numerics.problems` does; a stochastic one drawing for the whole batch does not)
    and be picklable for worker processes (a module-level function or a Problem: a dask
    client sends closures too; local processes need cloudpickle for them).
    """
    if executor is not None:
        return _minimize_split(
            executor,
            rows_per_task,
            _Job(name, grad_fn, x0, steps, project, event_ndim, max_abs, schedule, hyper),
        )
    opt = get(name)
    v.count("steps", steps)
    if hasattr(grad_fn, "grad") and hasattr(grad_fn, "event_ndim"):
        problem = grad_fn
        grad_fn = problem.grad
        project = project if project is not None else problem.project
        event_ndim = problem.event_ndim if event_ndim is None else event_ndim
    x = v.as_params(x0).copy()
    if event_ndim is None:
        event_ndim = 1 if x.ndim >= 1 else 0
    if not 0 <= event_ndim <= x.ndim:
        raise ValueError(f"event_ndim must be in [0, {x.ndim}], got {event_ndim}")
    limit = float(np.sqrt(np.finfo(x.dtype).max)) if max_abs is None else float(max_abs)
    if not limit > 0:
        raise ValueError(f"max_abs must be positive, got {max_abs}")
    batch = x.shape[: x.ndim - event_ndim]
    axes = tuple(range(len(batch), x.ndim))
    state = opt.init(x, **hyper)
    base_lr = np.asarray(hyper.get("lr", opt.defaults["lr"]), dtype=np.float64)
    xs = np.empty((steps + 1, *x.shape), dtype=x.dtype)
    xs[0] = x
    diverged = np.zeros(batch, dtype=bool)
    at = np.full(batch, -1, dtype=np.int64)
    with v.same_hyperparameters():  # checked once per value, not at every step
        for t in range(1, steps + 1):
            with np.errstate(all="ignore"):
                g = np.asarray(grad_fn(x, t))
            if g.shape != x.shape:
                raise ValueError(f"grad_fn returned shape {g.shape}, expected {x.shape}")
            g = g.astype(x.dtype, copy=False)
            ok_g = np.isfinite(g)
            bad = diverged | ~np.all(ok_g, axis=axes)
            if not np.all(ok_g):
                g = np.where(ok_g, g, 0)
            if schedule is not None:
                hyper["lr"] = base_lr * schedule(t)
            with np.errstate(all="ignore"):
                x_new, s_new = opt.step(x, g, state, **hyper)
                if project is not None:
                    x_new = np.asarray(project(x_new), dtype=x.dtype)
                bad_x = ~np.all(np.isfinite(x_new) & (np.abs(x_new) <= limit), axis=axes)
            bad = bad | bad_x
            at = np.where(bad & ~diverged, t, at)
            if np.any(bad):
                x_new = _freeze(bad, x, x_new, event_ndim)
                s_new = type(s_new)(
                    *(_freeze(bad, a, b, event_ndim) for a, b in zip(state, s_new, strict=True))
                )
            diverged = bad
            x, state = x_new, s_new
            xs[t] = x
    return Trajectory(xs, diverged, at)


class _Job(NamedTuple):
    """One :func:`minimize` call, as sent to a worker."""

    name: str
    grad_fn: Any
    x0: Any
    steps: int
    project: Any
    event_ndim: int | None
    max_abs: float | None
    schedule: Any
    hyper: dict[str, Any]


def _run_job(job: _Job) -> Trajectory:
    return minimize(
        job.name,
        job.grad_fn,
        job.x0,
        job.steps,
        project=job.project,
        event_ndim=job.event_ndim,
        max_abs=job.max_abs,
        schedule=job.schedule,
        **job.hyper,
    )


def _minimize_split(executor: Any, rows: int, job: _Job) -> Trajectory:
    from adaproof.numerics.montecarlo import map_tasks

    v.count("rows_per_task", rows)
    x = v.as_params(job.x0)
    event_ndim = job.event_ndim
    if event_ndim is None:
        event_ndim = getattr(job.grad_fn, "event_ndim", 1 if x.ndim >= 1 else 0)
    if x.ndim - event_ndim < 1:  # no batch axis to split
        return _run_job(job)
    n = x.shape[0]
    jobs = []
    for s in range(0, n, rows):
        part = {
            k: (h[s : s + rows] if np.ndim(h) == x.ndim and np.shape(h)[0] == n > 1 else h)
            for k, h in job.hyper.items()
        }
        jobs.append(job._replace(x0=x[s : s + rows], hyper=part))
    parts = map_tasks(executor, _run_job, jobs)
    return Trajectory(
        np.concatenate([p.x for p in parts], axis=1),
        np.concatenate([p.diverged for p in parts], axis=0),
        np.concatenate([p.diverged_at for p in parts], axis=0),
    )


def feed(name: str, grads: Any, *, x0: Any = 0.0, **hyper: Any) -> History:
    """Run optimizer ``name`` on the stream ``grads`` (T, *batch) from ``x0`` (broadcast).

    The dtype is that of ``grads`` (integers become float64); ``x0`` is cast to it.
    """
    opt = get(name)
    g_all = v.as_params(grads)
    if g_all.ndim < 1 or g_all.shape[0] < 1:
        raise ValueError(f"grads must have shape (T, *batch) with T >= 1, got {g_all.shape}")
    T, batch = g_all.shape[0], g_all.shape[1:]
    x = np.broadcast_to(np.asarray(x0, dtype=g_all.dtype), batch).copy()
    state = opt.init(x, **hyper)
    xs = np.empty((T + 1, *batch), dtype=g_all.dtype)
    xs[0] = x
    states: dict[str, np.ndarray] = {}
    step, describe = opt.step, opt.describe
    with v.same_hyperparameters():  # checked at the first step, not at every step
        for t in range(T):
            x, state = step(x, g_all[t], state, **hyper)
            xs[t + 1] = x
            for key, value in describe(state, **hyper).items():
                if key not in states:
                    states[key] = np.empty((T, *batch), dtype=g_all.dtype)
                states[key][t] = value
    return History(xs, np.diff(xs, axis=0), states)


def feed_last(
    name: str, grads: Any, *, x0: Any = 0.0, **hyper: Any
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The end of :func:`feed`: ``(x_T, states at T)``, the same numbers as
    ``feed(...).x[-1]`` and ``{k: s[-1] for k, s in feed(...).states.items()}``, without
    recording every step (for an accumulator after a long stream, e.g. AdaGrad's G).

    >>> x, s = feed_last("adagrad", np.ones((4, 2)), lr=1.0)
    >>> s["G"].tolist()
    [4.0, 4.0]
    """
    opt = get(name)
    g_all = v.as_params(grads)
    if g_all.ndim < 1 or g_all.shape[0] < 1:
        raise ValueError(f"grads must have shape (T, *batch) with T >= 1, got {g_all.shape}")
    x = np.broadcast_to(np.asarray(x0, dtype=g_all.dtype), g_all.shape[1:]).copy()
    state = opt.init(x, **hyper)
    step = opt.step
    with v.same_hyperparameters():
        for t in range(g_all.shape[0]):
            x, state = step(x, g_all[t], state, **hyper)
        last = {k: np.array(s, dtype=g_all.dtype) for k, s in opt.describe(state, **hyper).items()}
    return x, last


__all__ = ["History", "Trajectory", "feed", "feed_last", "minimize"]
