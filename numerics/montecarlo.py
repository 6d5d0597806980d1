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
of every block, i.e. from more than 8192 samples, which saves four of the eight reductions
per element; means and variances always use all B samples. :math:`\hat m_t` and :math:`\hat v_t` are
:math:`m_t` and :math:`v_t` divided by a constant per t, so their moments are those of
:math:`m_t, v_t` scaled by :math:`1/(1-\beta^t)` and :math:`1/(1-\beta^t)^2`.

Memory and reproducibility. Trajectories come in *blocks* of ``BLOCK`` = 8192; block i
draws its normals from its own generator, seeded by the i-th child of
``SeedSequence(seed).spawn(...)``, in the order t = 1..T. A *chunk* (a multiple of
``BLOCK``) is what is held in memory at once (five float64 arrays of ``chunk`` elements),
so peak memory does not grow with ``B``. Power sums are reduced per block, each block the
same way whatever the chunk, and added over blocks in block order at the end: the result
is bitwise the same for every ``chunk``. The recursions run on the unnormalised sums
:math:`\tilde m_t = \beta\tilde m_{t-1} + g_t = m_t/(1-\beta)` (and likewise
:math:`\tilde v_t`), two in-place passes each; the power sums are rescaled once at the end.
Raw (unshifted) power sums are used: the variance loses about
:math:`10^{-16}(|\mathbb E x|/\operatorname{sd} x)^2` relative to cancellation, negligible
unless :math:`|\mu|/\sigma \gtrsim 10^4`.

The recursion is done in place (``out=`` ufuncs on preallocated buffers, normals drawn with
``standard_normal(out=...)``), so the cost is dominated by drawing the normals.

>>> r = ema_moments(0.9, 3, 20000, seed=1)
>>> r.mean["m"].shape, bool(abs(r.mean["m_hat"][0]) < 4 * r.se_mean["m_hat"][0])
((3,), True)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from numerics import validate as val

SUBSAMPLE_FROM = 8  # blocks; from this many on, the 4th moment uses 1/8 of each block
BLOCK = 2**13  # <= 10000: OpenBLAS runs ddot single-threaded (threads spin under load)
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
    keep: np.ndarray, S: np.ndarray, blocks: range, subs: list[int], t0: int, rows: int
) -> None:
    """Power sums 1..4 of the buffered subsample rows (steps t0..t0+rows-1), block by block
    (row sums in NumPy's own pairwise loop: no BLAS threads, the same for every chunk)."""
    for j, i in enumerate(blocks):
        k = subs[i]
        for q in (0, 1):
            xs = keep[q, j, :rows, :k]
            x2 = xs * xs
            dst = S[q, i, 2:, t0 : t0 + rows]
            dst[0] = xs.sum(axis=1)
            dst[1] = x2.sum(axis=1)
            dst[2] = (x2 * xs).sum(axis=1)
            dst[3] = (x2 * x2).sum(axis=1)


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
) -> Moments:
    r"""Moments of :math:`m_t, \hat m_t, v_t, \hat v_t`, t = 1..T, over ``B`` trajectories.

    ``beta`` is β of the first moment, ``beta2`` that of the second (default: ``beta``);
    gradients are :math:`\mathcal N(\mu, \sigma^2)`. ``chunk`` (rounded up to a multiple of
    ``BLOCK``) bounds the memory: about 4 × 8 × ``chunk`` bytes whatever ``B`` (plus
    64 × T bytes of power sums per block).
    """
    val.unit_interval("beta", beta)
    b2 = beta if beta2 is None else beta2
    val.unit_interval("beta2", b2)
    val.count("T", T)
    val.count("B", B)
    val.count("chunk", chunk)
    val.finite("mu", mu)
    val.nonnegative("sigma", sigma)
    if B < 4:
        raise ValueError(f"B must be >= 4 for standard errors of variances, got {B}")
    chunk = -(-chunk // BLOCK) * BLOCK
    n_blocks = -(-B // BLOCK)
    children = np.random.SeedSequence(seed).spawn(n_blocks)
    # per-block raw power sums of the scaled EMAs: [quantity m/v, block, sum, t] with
    # sums S1, S2 over the block and S1..S4 over its first `sub` elements
    S = np.zeros((2, n_blocks, 6, T))
    lens_all = [min(BLOCK, B - i * BLOCK) for i in range(n_blocks)]
    subs = [ln if n_blocks < SUBSAMPLE_FROM else ln // 8 for ln in lens_all]
    size = min(chunk, n_blocks * BLOCK)
    nb_max = size // BLOCK
    k_max = max(subs)
    tg = max(1, 2**16 // k_max)  # steps buffered before the subsample is reduced
    z, m, v, sq = (np.empty(size) for _ in range(4))
    keep = np.empty((2, nb_max, min(tg, T), k_max))  # the subsample of m~, v~ over tg steps
    ones = np.ones(BLOCK)
    for first in range(0, n_blocks, nb_max):
        blocks = range(first, min(n_blocks, first + nb_max))
        lens = [min(BLOCK, B - i * BLOCK) for i in blocks]
        starts = np.cumsum([0, *lens[:-1]]).tolist()
        n = sum(lens)
        rngs = [np.random.Generator(np.random.PCG64(children[i])) for i in blocks]
        zc, mc, vc, sc = z[:n], m[:n], v[:n], sq[:n]
        mc.fill(0.0)
        vc.fill(0.0)
        for t in range(T):
            for rng, a, ln in zip(rngs, starts, lens, strict=True):
                rng.standard_normal(out=zc[a : a + ln])
            if sigma != 1.0:
                zc *= sigma
            if mu != 0.0:
                zc += mu
            # m~_t = beta m~_{t-1} + g_t and v~_t = beta2 v~_{t-1} + g_t^2 in place;
            # m_t = (1 - beta) m~_t and v_t = (1 - beta2) v~_t (scaled once, on the sums)
            mc *= beta
            mc += zc
            np.multiply(zc, zc, out=sc)
            vc *= b2
            vc += sc
            r = t % tg
            for j, (i, a, ln) in enumerate(zip(blocks, starts, lens, strict=True)):
                k = subs[i]
                for q, x in ((0, mc), (1, vc)):
                    xb = x[a : a + ln]
                    Sq = S[q, i]
                    Sq[0, t] = np.dot(xb, ones[:ln])
                    Sq[1, t] = np.dot(xb, xb)
                    keep[q, j, r, :k] = xb[:k]
            if r == tg - 1 or t == T - 1:
                _reduce_subsample(keep, S, blocks, subs, t - r, r + 1)
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


__all__ = ["BLOCK", "QUANTITIES", "Moments", "ema_moments", "normals_only"]
