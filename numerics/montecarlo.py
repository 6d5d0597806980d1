r"""Monte Carlo moments of Adam's EMAs over many i.i.d. gradient trajectories.

For :math:`g_t \sim \mathcal N(\mu, \sigma^2)` i.i.d., :math:`m_0 = v_0 = 0`,

.. math::

    m_t = \beta m_{t-1} + (1-\beta) g_t, \quad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2,
    \quad \hat m_t = \frac{m_t}{1-\beta^t}, \quad \hat v_t = \frac{v_t}{1-\beta_2^t},

:func:`ema_moments` runs the recursions for ``B`` trajectories of ``T`` steps and returns the
sample mean and (unbiased) variance of each quantity at every t with their standard errors,
:math:`\mathrm{se}(\bar x) = \sqrt{s^2/B}` and
:math:`\mathrm{se}(s^2) = \sqrt{(\hat\mu_4 - s^4 (B-3)/(B-1))/B}` (fourth central moment
:math:`\hat\mu_4`; no normality assumed). With ``SUBSAMPLE_FROM`` = 8 blocks or more,
:math:`\hat\mu_4` (needed only for that standard error) is estimated from the first eighth
of every block, i.e. from more than 8192 samples, so the third and fourth power sums cost
an eighth of a pass; means and variances always use all B samples. :math:`\hat m_t` and
:math:`\hat v_t` are
:math:`m_t` and :math:`v_t` divided by a constant per t, so their moments are those of
:math:`m_t, v_t` scaled by :math:`1/(1-\beta^t)` and :math:`1/(1-\beta^t)^2`.

Memory and reproducibility. Trajectories come in *blocks* of ``BLOCK`` = 8192; block i
draws its normals from its own generator, seeded by the i-th child of
``SeedSequence(seed).spawn(...)``, in the order t = 1..T. A *chunk* (a multiple of
``BLOCK``) is what is held in memory at once (five float64 rows of ``chunk`` elements,
plus the buffered subsample), so peak memory does not grow with ``B``; its blocks run in
lockstep, and the default (one block) is the fastest. Power sums are reduced per block,
each block the same way whatever the chunk (a partial block is zero-padded to ``BLOCK``),
and added over blocks in block order at the end: the result is bitwise the same for every
``chunk``. The recursions run on the unnormalised sums
:math:`\tilde m_t = \beta\tilde m_{t-1} + g_t = m_t/(1-\beta)` (and likewise
:math:`\tilde v_t`); the power sums are rescaled once at the end.
Raw (unshifted) power sums are used: the variance loses about
:math:`10^{-16}(|\mathbb E x|/\operatorname{sd} x)^2` relative to cancellation, negligible
unless :math:`|\mu|/\sigma \gtrsim 10^4`.

Cost. Per block and step, with rows :math:`(\tilde m, \tilde v, 1)` and :math:`(g, g^2)`
stacked, the work after drawing the normals (``standard_normal(out=...)``) is three in-place
``out=`` ufunc passes (:math:`g^2`; :math:`\times(\beta, \beta_2)`; :math:`+(g, g^2)`) and
one GEMM :math:`(\tilde m, \tilde v)\cdot(\tilde m, \tilde v, 1)^\top` that yields
:math:`S_1` and :math:`S_2` of both (2 × 3 × 8192 multiply-adds, a size OpenBLAS keeps on one
thread as it does the ``ddot`` calls it replaces; the timing is the same with
``OPENBLAS_NUM_THREADS`` unset). Nothing is
computed for :math:`\hat m_t, \hat v_t` beyond the final rescaling.

>>> r = ema_moments(0.9, 3, 20000, seed=1)
>>> r.mean["m"].shape, bool(abs(r.mean["m_hat"][0]) < 4 * r.se_mean["m_hat"][0])
((3,), True)
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from adaproof.numerics import validate as val

SUBSAMPLE_FROM = 8  # blocks; from this many on, the 4th moment uses 1/8 of each block
BLOCK = 2**13  # small: OpenBLAS runs ddot/this GEMM single-threaded (threads spin under load)
QUANTITIES = ("m", "m_hat", "v", "v_hat")


class Moments(NamedTuple):
    """Per-t statistics (arrays of length T) keyed by ``"m"``, ``"m_hat"``, ``"v"``, ``"v_hat"``."""

    t: np.ndarray
    B: int
    mean: dict[str, np.ndarray]
    var: dict[str, np.ndarray]
    se_mean: dict[str, np.ndarray]
    se_var: dict[str, np.ndarray]


def _stats(S: np.ndarray, n: int, n_sub: int) -> tuple[np.ndarray, ...]:
    """mean, unbiased variance and their standard errors from raw power sums S (6, T):
    S1, S2 over all n samples, then S1..S4 over the n_sub subsample (for the 4th moment)."""
    a, e2 = S[0] / n, S[1] / n
    var = (e2 - a * a) * n / (n - 1)
    f1, f2, f3, f4 = (S[k] / n_sub for k in range(2, 6))
    m4 = f4 - 4 * a * f3 + 6 * a * a * f2 - 4 * a**3 * f1 + a**4  # about the full mean
    se_mean = np.sqrt(var / n)
    se_var = np.sqrt(np.maximum(m4 - var * var * (n - 3) / (n - 1), 0.0) / n)
    return a, var, se_mean, se_var


def _reduce_subsample(
    keep: np.ndarray,
    sq: np.ndarray,
    S: np.ndarray,
    blocks: range,
    subs: list[int],
    t0: int,
    rows: int,
) -> None:
    """Power sums 1..4 of the buffered subsample rows (steps t0..t0+rows-1), block by block:
    one pass for the squares (into ``sq``, shaped like ``keep``), then one sum and three
    row-wise dot products (single-threaded ``ddot`` of ``k`` <= ``BLOCK`` elements per row,
    the same for every chunk)."""
    for j, i in enumerate(blocks):
        xs = keep[j, :, :rows, : subs[i]]  # (m~, v~) x steps x subsample
        x2 = np.multiply(xs, xs, out=sq[j, :, :rows, : subs[i]])
        dst = S[:, i, 2:, t0 : t0 + rows]
        xs.sum(axis=-1, out=dst[:, 0])
        np.vecdot(xs, xs, out=dst[:, 1])
        np.vecdot(x2, xs, out=dst[:, 2])
        np.vecdot(x2, x2, out=dst[:, 3])


class _Job(NamedTuple):
    """Blocks ``first``..``stop``-1 of a run (picklable: what a worker needs, nothing more)."""

    beta: float
    beta2: float
    T: int
    B: int
    mu: float
    sigma: float
    seed: int
    chunk: int
    first: int
    stop: int
    n_blocks: int


def _child(seed: int, i: int) -> np.random.SeedSequence:
    """The i-th child of ``SeedSequence(seed).spawn(...)``, built directly (same state)."""
    return np.random.SeedSequence(seed, spawn_key=(i,))


def _layout(B: int) -> tuple[list[int], list[int], int]:
    n_blocks = -(-B // BLOCK)
    lens = [min(BLOCK, B - i * BLOCK) for i in range(n_blocks)]
    subs = [ln if n_blocks < SUBSAMPLE_FROM else ln // 8 for ln in lens]
    return lens, subs, max(subs)


def _block_sums(job: _Job) -> np.ndarray:
    """Raw power sums of blocks ``job.first``..``job.stop``-1: array [quantity m/v, block,
    sum, t] with S1, S2 over each block and S1..S4 over its subsample. Each block is
    reduced the same way whatever the chunk and whichever process runs it."""
    beta, b2, T, B = job.beta, job.beta2, job.T, job.B
    mu, sigma, chunk = job.mu, job.sigma, job.chunk
    lens_all, subs_all, k_max = _layout(B)
    lens = lens_all[job.first : job.stop]
    subs = subs_all[job.first : job.stop]
    n_blocks = job.stop - job.first
    S = np.zeros((2, n_blocks, 6, T))
    nb_max = min(chunk, n_blocks * BLOCK) // BLOCK
    tg = min(T, max(1, 2**16 // k_max))  # steps buffered before the subsample is reduced
    # per block j of a chunk: X[j] = (m~, v~, 1) and Y[j] = (g, g^2), rows BLOCK long; a
    # partial (last) block has zeros past its length, so every block is reduced over BLOCK
    X = np.empty((nb_max, 3, BLOCK))
    X[:, 2] = 1.0
    Y = np.empty((nb_max, 2, BLOCK))
    G = np.empty((T, nb_max, 2, 3))  # per step: (m~, v~) . (m~, v~, 1) for every block
    keep = np.empty((nb_max, 2, tg, k_max))  # the subsample of m~, v~ over tg steps
    sq = np.empty_like(keep)  # its squares
    coef = np.array([[beta], [b2]])
    for first in range(0, n_blocks, nb_max):
        blocks = range(first, min(n_blocks, first + nb_max))
        nb = len(blocks)
        rngs = [
            np.random.Generator(np.random.PCG64(_child(job.seed, job.first + i))) for i in blocks
        ]
        draws = [Y[j, 0, : lens[i]] for j, i in enumerate(blocks)]
        x, y = X[:nb], Y[:nb]
        if (ln := lens[blocks[-1]]) < BLOCK:
            x[-1, :, ln:] = 0.0
            y[-1, :, ln:] = 0.0
        mv, g0, g1, xt = x[:, :2], y[:, 0], y[:, 1], x.transpose(0, 2, 1)
        grams = list(G[:, :nb])
        kp, src = keep[:nb], mv[:, :, :k_max]
        dst = [kp[:, :, r] for r in range(tg)]
        affine = sigma != 1.0 or mu != 0.0
        fills = [rng.standard_normal for rng in rngs]
        mul, add, matmul, copyto = np.multiply, np.add, np.matmul, np.copyto
        for t in range(T):
            for fill, z in zip(fills, draws, strict=True):
                fill(out=z)
                if affine:
                    z *= sigma
                    z += mu
            # m~_t = beta m~_{t-1} + g_t and v~_t = beta2 v~_{t-1} + g_t^2 in place, from
            # m~_0 = v~_0 = 0; m_t = (1 - beta) m~_t, v_t = (1 - beta2) v~_t (scaled on the sums)
            mul(g0, g0, out=g1)
            if t:
                mul(mv, coef, out=mv)
                add(mv, y, out=mv)
            else:
                copyto(mv, y)
            matmul(mv, xt, out=grams[t])  # S2 and S1 of m~, v~: one GEMM per block
            r = t % tg
            copyto(dst[r], src)
            if r == tg - 1 or t == T - 1:
                _reduce_subsample(kp, sq, S, blocks, subs, t - r, r + 1)
        g = G[:, :nb]
        for j, i in enumerate(blocks):
            S[:, i, 0] = g[:, j, :, 2].T
            S[:, i, 1] = g[:, j, (0, 1), (0, 1)].T
    return S


def map_tasks(executor: Any, fn: Any, jobs: list[Any]) -> list[Any]:
    """``[fn(j) for j in jobs]`` in order, on ``executor``: None (this process), anything
    with a ``map(fn, items)`` returning results in order (``concurrent.futures``
    executors, ``adaproof.reports.parallel`` executors) or a ``distributed.Client``."""
    if executor is None:
        return [fn(j) for j in jobs]
    if type(executor).__module__.startswith("distributed") and hasattr(executor, "gather"):
        return executor.gather(executor.map(fn, jobs, pure=False))
    return list(executor.map(fn, jobs))


def _workers(executor: Any) -> int:
    n = getattr(executor, "workers", None) or getattr(executor, "_max_workers", None)
    if n is None and hasattr(executor, "nthreads"):  # distributed.Client
        n = sum(executor.nthreads().values())
    return max(1, int(n or 4))


def ema_moments(
    beta: float,
    T: int,
    B: int,
    *,
    mu: float = 0.0,
    sigma: float = 1.0,
    seed: int = 0,
    beta2: float | None = None,
    chunk: int = BLOCK,
    executor: Any = None,
    blocks_per_task: int | None = None,
) -> Moments:
    r"""Moments of :math:`m_t, \hat m_t, v_t, \hat v_t`, t = 1..T, over ``B`` trajectories.

    ``beta`` is β of the first moment, ``beta2`` that of the second (default: ``beta``);
    gradients are :math:`\mathcal N(\mu, \sigma^2)`. ``chunk`` (rounded up to a multiple of
    ``BLOCK``) bounds the memory: about 5 × 8 × ``chunk`` bytes whatever ``B``, plus at
    most 2 MiB of buffered subsample per block of the chunk and 96 × T bytes of power sums
    per block.

    ``executor`` (see :func:`map_tasks`) runs groups of ``blocks_per_task`` consecutive
    blocks (default: about four tasks per worker) as separate tasks, each within the same
    memory bound; the per-block sums come back and are added in block order, so the result
    is bitwise the same for every executor, worker count and ``blocks_per_task``.
    """
    val.scalar("beta", beta)
    val.unit_interval("beta", beta)
    b2 = beta if beta2 is None else beta2
    val.scalar("beta2", b2)
    val.unit_interval("beta2", b2)
    val.count("T", T)
    val.count("B", B)
    val.count("chunk", chunk)
    val.scalar("mu", mu)
    val.finite("mu", mu)
    val.scalar("sigma", sigma)
    val.nonnegative("sigma", sigma)
    val.seed("seed", seed)
    val.gaussian_ema_range(mu, sigma, beta, b2, BLOCK)
    if B < 4:
        raise ValueError(f"B must be >= 4 for standard errors of variances, got {B}")
    if blocks_per_task is not None:
        val.count("blocks_per_task", blocks_per_task)
    chunk = -(-chunk // BLOCK) * BLOCK
    n_blocks = -(-B // BLOCK)
    _lens, subs, _k = _layout(B)
    if executor is None:
        step = n_blocks
    else:
        step = blocks_per_task or max(1, -(-n_blocks // (4 * _workers(executor))))
    jobs = [
        _Job(beta, b2, T, B, mu, sigma, seed, chunk, i, min(n_blocks, i + step), n_blocks)
        for i in range(0, n_blocks, step)
    ]
    parts = map_tasks(executor, _block_sums, jobs)
    S = parts[0] if len(parts) == 1 else np.concatenate(parts, axis=1)
    total = S.sum(axis=1)  # over blocks, in block order (the same for every chunk)
    ts = np.arange(1, T + 1)
    out: dict[str, dict[str, np.ndarray]] = {k: {} for k in ("mean", "var", "se_mean", "se_var")}
    for q, (name, b) in enumerate((("m", beta), ("v", b2))):
        scale = 1.0 - b
        mean, var, se_m, se_v = _stats(total[q], B, sum(subs))
        mean, se_m = mean * scale, se_m * scale
        var, se_v = var * scale**2, se_v * scale**2
        corr = -np.expm1(ts * np.log(b)) if b > 0 else np.ones(T)
        for key, raw, hat in (
            ("mean", mean, mean / corr),
            ("var", var, var / corr**2),
            ("se_mean", se_m, se_m / corr),
            ("se_var", se_v, se_v / corr**2),
        ):
            out[key][name] = raw
            out[key][f"{name}_hat"] = hat
    return Moments(ts, B, out["mean"], out["var"], out["se_mean"], out["se_var"])


def normals_only(T: int, B: int, *, seed: int = 0, chunk: int = BLOCK) -> float:
    """Draw the same T × B normals as :func:`ema_moments` (same blocks and generators) and
    nothing else; returns their sum (the baseline for the cost of a Monte Carlo run)."""
    chunk = -(-chunk // BLOCK) * BLOCK
    n_blocks = -(-B // BLOCK)
    children = np.random.SeedSequence(seed).spawn(n_blocks)
    size = min(chunk, n_blocks * BLOCK)
    z = np.empty(size)
    acc = 0.0
    for first in range(0, n_blocks, size // BLOCK):
        blocks = range(first, min(n_blocks, first + size // BLOCK))
        lens = [min(BLOCK, B - i * BLOCK) for i in blocks]
        rngs = [np.random.Generator(np.random.PCG64(children[i])) for i in blocks]
        for _ in range(T):
            start = 0
            for rng, ln in zip(rngs, lens, strict=True):
                rng.standard_normal(out=z[start : start + ln])
                start += ln
        acc += float(z[0])
    return acc


__all__ = ["BLOCK", "QUANTITIES", "Moments", "ema_moments", "map_tasks", "normals_only"]
