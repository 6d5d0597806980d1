"""Simulations shared by the claims and the figures: the one bridge from reports to numerics.

Every number a claim or a figure calls "simulated" comes through here (or straight from
:func:`numerics.run.feed` / :func:`numerics.run.minimize`) from the real recursions; nothing
here evaluates a closed form. Runs that several claims or figures use are cached, so a claim
and a figure of the same quantity see the same run.

- :func:`ema_moments`: Monte Carlo moments of m, m̂, v, v̂ over i.i.d. Gaussian gradient
  streams (:func:`numerics.montecarlo.ema_moments`, the one Monte Carlo).
- :func:`reddi_game`: Adam and AMSGrad on Reddi et al.'s online counterexample
  (:func:`numerics.reddi.play`, the one Reddi game).
- :func:`adadelta_eps_runs`: AdaDelta on f = x² for several ε (its ε is a learning rate).
- :func:`ema`, :func:`adagrad`: the EMA and AdaGrad on a fixed gradient stream, long streams
  as a blocked scan (below); :func:`updates` (any optimizer), :func:`adam_updates`,
  :func:`adam_stream`, :func:`adam_zero_coordinate`, :func:`adam_minimize`,
  :func:`adam_descent`: Adam on a fixed stream or a problem.
- :func:`adagrad_minimize`, :func:`rmsprop_minimize`, :func:`course_example1`,
  :func:`course_example2`: AdaGrad and RMSprop with ε inside the root, as the course page
  runs them (its Examples 1 and 2).
- :func:`geometric`, :func:`adam_attaining`: a derivation's geometric gradient sequence
  (:func:`derivations.worst_case.adam_attaining_sequence`) as floats, to feed a recursion.

Streams given to :func:`ema`, :func:`adagrad` and the Adam runs put **time on the last axis**
(shape ``(*batch, T)``); :mod:`adaproof.numerics.run` puts it first, and the adapters move it.
A long stream runs as a *blocked scan*: it is cut into about √T blocks, every block is run
from a zero state through numerics in one batched call (all blocks side by side, √T steps),
and the blocks are joined by the recursion's own carry: for the EMA the state entering a
block is carried by the zero-input response of the recursion (itself a numerics run), for
AdaGrad the accumulator entering a block is that block's ``initial_accumulator_value``.
Both recursions are linear in the carried state, so the result equals the step-by-step run
up to rounding (tested against it), in about 3√T Python-level steps instead of T.

>>> ema(np.ones((1, 3)), beta=0.5)[0].tolist()
[0.5, 0.75, 0.875]
>>> x = np.random.default_rng(0).normal(size=(2, 3000))
>>> bool(np.allclose(ema(x, beta=0.99, init=0.3), ema(x, beta=0.99, init=0.3, block=3000)))
True
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np

__all__ = [
    "adadelta_eps_runs",
    "adagrad",
    "adagrad_minimize",
    "adam_attaining",
    "adam_descent",
    "adam_minimize",
    "adam_stream",
    "adam_updates",
    "adam_zero_coordinate",
    "course_example1",
    "course_example2",
    "ema",
    "ema_moments",
    "geometric",
    "reddi_game",
    "rmsprop_minimize",
    "updates",
]


@functools.cache
def ema_moments(
    beta: float,
    T: int,
    B: int,
    *,
    mu: float = 0.0,
    sigma: float = 1.0,
    seed: int = 0,
    beta2: float | None = None,
) -> Any:
    """Monte Carlo moments of m_t, m̂_t, v_t, v̂_t (t = 1..T) over ``B`` i.i.d.
    N(mu, sigma²) gradient streams: a :class:`numerics.montecarlo.Moments` with means,
    variances and their standard errors."""
    from adaproof.numerics.montecarlo import ema_moments as _ema_moments

    return _ema_moments(beta, T, B, mu=mu, sigma=sigma, seed=seed, beta2=beta2)


@functools.cache
def reddi_game(C: float = 3.0, alpha: float = 0.5, steps: int = 3000) -> dict[str, Any]:
    """Reddi et al.'s game played by Adam and by AMSGrad (:func:`numerics.reddi.play`):
    ``{"adam": ReddiRun, "amsgrad": ReddiRun}``."""
    from adaproof.numerics.reddi import play

    return {
        "adam": play(C, alpha, steps, amsgrad=False),
        "amsgrad": play(C, alpha, steps, amsgrad=True),
    }


@functools.cache
def adadelta_eps_runs(
    eps: tuple[float, ...] = (1e-8, 1e-6, 1e-4, 1e-2), rho: float = 0.95, steps: int = 1000
) -> dict[str, list[float]]:
    """AdaDelta (numerics) on f(x) = x² from x₀ = 10, one run per ε (a batch): the first
    step and the iterate after ``steps`` steps."""
    from adaproof.numerics.run import minimize

    e = np.array(eps)
    tr = minimize(
        "adadelta",
        lambda x, t: 2 * x,
        np.full(e.size, 10.0),
        steps,
        rho=rho,
        eps=e,
        event_ndim=0,
    )
    return {
        "eps": list(eps),
        "first_step": (10 - tr.x[1]).tolist(),
        "x_final": tr.x[-1].tolist(),
        "steps": steps,
    }


#: streams longer than this run as a blocked scan
DIRECT_MAX = 128
#: batches at least this wide run step by step whatever their length
BLOCKED_BATCH_MAX = 4096


def _blocks(T: int, block: int | None) -> int:
    if block is not None:
        if block < 1:
            raise ValueError(f"block must be >= 1, got {block}")
        return min(block, T)
    return T if T <= DIRECT_MAX else math.isqrt(T - 1) + 1


def _block_for(T: int, batch: int, block: int | None) -> int:
    """Block length for a stream of T steps over ``batch`` elements: a wide batch already
    amortises numerics' per-step cost, so it runs whole unless a block is asked for."""
    if block is None and batch >= BLOCKED_BATCH_MAX:
        return T
    return _blocks(T, block)


def _ema_direct(u: np.ndarray, beta: float) -> np.ndarray:
    """x_t = beta x_{t-1} + (1-beta) u_t from x_0 = 0 (numerics' EMA-form momentum buffer),
    time on the last axis."""
    from adaproof.numerics.run import feed as _feed

    stream = np.moveaxis(u, -1, 0)
    b = _feed("momentum", stream, momentum=beta, form="ema", lr=1.0).states["b"]
    return np.moveaxis(b, 0, -1)


def ema(u: Any, *, beta: Any, init: float = 0.0, block: int | None = None) -> np.ndarray:
    r"""The EMA :math:`x_t = \beta x_{t-1} + (1-\beta) u_t`, :math:`x_0` = ``init``, of the
    stream ``u`` (time on the last axis), run by numerics (SGD's EMA-form momentum buffer).

    ``beta`` is a number or an array broadcast against the batch shape ``u.shape[:-1]``
    (one decay rate per stream). ``block`` sets the block length of the scan (default: the
    whole stream up to :data:`DIRECT_MAX` steps, about √T beyond).
    """
    u = np.asarray(u, dtype=float)
    if u.ndim < 1 or u.shape[-1] < 1:
        raise ValueError(f"u must have shape (*batch, T) with T >= 1, got {u.shape}")
    batch, T = u.shape[:-1], u.shape[-1]
    b = np.asarray(beta, dtype=float)
    if b.ndim:
        b = np.broadcast_to(b, batch)
    L = _block_for(T, math.prod(batch), block)
    nb = -(-T // L)
    padded = np.zeros((*batch, nb * L))
    padded[..., :T] = u
    chunks = padded.reshape(*batch, nb, L)
    local = _ema_direct(chunks, b[..., None] if b.ndim else b)  # all blocks from zero
    # the zero-input response: the weight a state entering a block keeps after i steps
    impulse = np.zeros((*b.shape, L + 1))
    impulse[..., 0] = 1.0 / (1.0 - b)
    response = _ema_direct(impulse, b)
    carry_weight = response[..., 1:] / response[..., :1]  # beta^i, i = 1..L, by the recursion
    state = np.broadcast_to(np.asarray(init, dtype=float), batch).copy()
    out = np.empty_like(local)
    for j in range(nb):
        out[..., j, :] = local[..., j, :] + carry_weight * state[..., None]
        state = out[..., j, -1]
    return out.reshape(*batch, nb * L)[..., :T]


def adagrad(
    g: Any, *, lr: float = 1.0, block: int | None = None, **hyper: Any
) -> tuple[np.ndarray, np.ndarray]:
    r"""AdaGrad (numerics) on the stream ``g`` (time on the last axis): the accumulator
    :math:`G_k` and the updates :math:`\Delta x_k`, both shaped like ``g``.

    A long stream runs blocked: pass one runs every block from :math:`G = 0` to get its
    sum of squares, pass two runs every block again from its true entering accumulator
    (``initial_accumulator_value``, the sum of the blocks before it, carried block by
    block). Valid because a fixed stream's updates depend on x only through nothing:
    :math:`G` and the step see only the gradients (no ``lr_decay``).
    """
    from adaproof.numerics.run import feed as _feed

    if hyper.get("lr_decay", 0.0):
        raise ValueError("lr_decay must be 0 for a blocked AdaGrad run")
    g = np.asarray(g, dtype=float)
    if g.ndim < 1 or g.shape[-1] < 1:
        raise ValueError(f"g must have shape (*batch, T) with T >= 1, got {g.shape}")
    T = g.shape[-1]
    L = _block_for(T, math.prod(g.shape[:-1]), block)
    nb = -(-T // L)
    padded = np.zeros((*g.shape[:-1], nb * L))
    padded[..., :T] = g
    stream = np.moveaxis(padded.reshape(*g.shape[:-1], nb, L), -1, 0)
    entering = np.zeros(stream.shape[1:])
    if nb > 1:
        sums = _feed("adagrad", stream, lr=lr, **hyper).states["G"][-1]
        total = np.zeros(g.shape[:-1])
        for j in range(nb):
            entering[..., j] = total
            total = total + sums[..., j]
    h = _feed("adagrad", stream, lr=lr, initial_accumulator_value=entering, **hyper)
    G = np.moveaxis(h.states["G"], 0, -1).reshape(*g.shape[:-1], nb * L)[..., :T]
    delta = np.moveaxis(h.delta, 0, -1).reshape(*g.shape[:-1], nb * L)[..., :T]
    return G, delta


def updates(name: str, grads: Any, **hyper: Any) -> np.ndarray:
    """The updates x_t − x_{t−1} of optimizer ``name`` (numerics.run.feed, every option of
    the optimizer available) on the stream ``grads``, time on the last axis."""
    from adaproof.numerics.run import feed as _feed

    stream = np.moveaxis(np.asarray(grads, dtype=float), -1, 0)
    return np.moveaxis(_feed(name, stream, **hyper).delta, 0, -1)


def adam_updates(grads: Any, **hyper: Any) -> np.ndarray:
    """Adam's updates x_t − x_{t−1} (numerics.adam through numerics.run.feed, every option
    of the module available), time on the last axis."""
    return updates("adam", grads, **hyper)


def adam_minimize(
    grad_fn: Any,
    x0: Any,
    steps: int,
    *,
    lr: float,
    schedule: Any = None,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> np.ndarray:
    """Adam (paper Algorithm 1) on ``grad_fn(x, t)``, t = 1..steps, from ``x0`` (a batch of
    scalar problems, elementwise): numerics.kernels.adam_update_ in place, one call per step;
    ``schedule(t)`` multiplies ``lr``. Returns the iterates, shape (steps + 1, *x0.shape)."""
    from adaproof.numerics.kernels import adam_update_

    x = np.array(x0, dtype=float)
    m, v = np.zeros_like(x), np.zeros_like(x)
    out = np.empty((steps + 1, *x.shape))
    out[0] = x
    for t in range(1, steps + 1):
        g = np.ascontiguousarray(grad_fn(x, t), dtype=float)
        rate = lr * schedule(t) if schedule is not None else lr
        adam_update_(x, g, m, v, t, lr=rate, beta1=beta1, beta2=beta2, eps=eps)
        out[t] = x
    return out


def adam_zero_coordinate(eps: float) -> dict[str, Any]:
    """Adam (β = 0.9, 0.999, η = 0.1) fed g = (1, 0) three times: is the position finite, and
    where are the two coordinates (the second has only seen zero gradients).

    A position that became non-finite is refused by numerics at the next step (ValueError);
    that refusal is reported as ``finite: False`` with numerics' message."""
    g = np.zeros((2, 3))
    g[0] = 1.0
    try:
        with np.errstate(invalid="ignore", divide="ignore"):
            upd = adam_updates(g, lr=0.1, beta1=0.9, beta2=0.999, eps=eps)
    except ValueError as e:
        if "finite" not in str(e):
            raise
        return {"finite": False, "second": float("nan"), "first": float("nan"), "error": str(e)}
    w = np.sum(upd, axis=-1)
    return {"finite": bool(np.all(np.isfinite(w))), "second": float(w[1]), "first": float(w[0])}


def adam_stream(
    grads: np.ndarray, *, lr: float, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
) -> np.ndarray:
    """Adam's steps w_t - w_{t-1} on the stream ``grads`` (T, *batch) from w_0 = 0, m_0 = v_0
    = 0, bias-corrected, ε outside the root (what ``numerics.run.feed("adam", ...).delta``
    gives, to rounding), one :func:`numerics.kernels.adam_update_` call per step."""
    from adaproof.numerics.kernels import adam_update_

    g = np.ascontiguousarray(grads, dtype=np.float64)
    if g.ndim < 1 or g.shape[0] < 1:
        raise ValueError(f"grads must have shape (T, *batch) with T >= 1, got {g.shape}")
    w, m, v = (np.zeros(g.shape[1:]) for _ in range(3))
    xs = np.empty((g.shape[0] + 1, *g.shape[1:]))
    xs[0] = 0.0
    for t in range(g.shape[0]):
        adam_update_(w, g[t], m, v, t + 1, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
        xs[t + 1] = w
    return np.diff(xs, axis=0)


def adam_descent(
    grad_fn: Any,
    x0: np.ndarray,
    steps: int,
    lrs: np.ndarray,
    *,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[np.ndarray, np.ndarray]:
    """Adam on ``grad_fn(x, t)`` from ``x0`` (k, d), one learning rate per row (``lrs``, k).

    Each step computes the direction m̂/(√v̂+ε) of all rows with one
    :func:`numerics.kernels.adam_update_` call (at learning rate 1 on a zero buffer) and
    scales it by each row's rate. Returns the iterates (steps+1, k, d) and a flag per row
    that is True when the run left the finite numbers (then frozen, as ``minimize`` does).
    """
    from adaproof.numerics.kernels import adam_update_

    x = np.array(x0, dtype=np.float64)
    rates = np.asarray(lrs, dtype=np.float64).reshape(-1, *([1] * (x.ndim - 1)))
    m, v, direction = np.zeros_like(x), np.zeros_like(x), np.empty_like(x)
    xs = np.empty((steps + 1, *x.shape))
    xs[0] = x
    bad = np.zeros(x.shape[0], dtype=bool)
    for t in range(1, steps + 1):
        with np.errstate(all="ignore"):
            g = np.ascontiguousarray(grad_fn(x, t), dtype=np.float64)
            g[bad] = 0.0
            direction[...] = 0.0
            adam_update_(direction, g, m, v, t, lr=1.0, beta1=beta1, beta2=beta2, eps=eps)
            new = x + rates * direction
        ok = np.all(np.isfinite(new), axis=tuple(range(1, x.ndim)))
        bad |= ~ok
        x = np.where(bad.reshape(rates.shape), x, new)
        xs[t] = x
    return xs, bad


def geometric(seq: list[Any], t: int, at: dict) -> np.ndarray:
    """A geometric sequence given by a derivation (its symbolic terms, at least two) as ``t``
    floats ending with its last term, ``at`` substituted.

    The last term and the ratio of consecutive terms are read off symbolically and the
    sequence is generated in NumPy (SymPy powers of thousands of terms add nothing).

    >>> import sympy as sp
    >>> b = sp.Symbol("b")
    >>> geometric([b**2, b, 1], 4, {b: 2}).tolist()
    [8.0, 4.0, 2.0, 1.0]
    """
    import sympy as sp
    from adaproof.derivations.symbols import as_expr

    last = float(as_expr(seq[-1]).subs(at))
    ratio = float(sp.simplify(seq[0] / seq[1]).subs(at))
    return last * ratio ** np.arange(t - 1, -1, -1, dtype=float)


def adam_attaining(t: int, beta1: float, beta2: float) -> np.ndarray:
    """The gradient sequence attaining R_t (derivations.worst_case.adam_attaining_sequence,
    g_k = (β₁/β₂)^{t-k}) as floats of length ``t``.

    >>> adam_attaining(3, 0.5, 0.25).tolist()
    [4.0, 2.0, 1.0]
    """
    from adaproof.derivations import symbols, worst_case

    b1, b2 = symbols.beta1, symbols.beta2
    return geometric(worst_case.adam_attaining_sequence(4, b1, b2), t, {b1: beta1, b2: beta2})


def _minimize_inside(
    name: str, grad_fn: Any, x0: Any, steps: int, dtype: Any = np.float64, **hyper: Any
) -> tuple[np.ndarray, np.ndarray, bool]:
    """x_1..x_n of optimizer ``name`` with ε inside the root (numerics.run.minimize), the
    gradients it saw at x_0..x_{n-1}, and whether numerics flagged the run as diverged."""
    from adaproof.numerics.run import minimize

    tr = minimize(
        name,
        lambda x, t: grad_fn(x),
        np.asarray(x0, dtype=dtype),
        steps,
        eps_placement="inside",
        **hyper,
    )
    xs = tr.x
    g = np.array([grad_fn(x) for x in xs[:-1]], dtype=xs.dtype)
    return xs[1:], g, bool(np.any(tr.diverged))


def adagrad_minimize(
    grad_fn: Any, x0: Any, steps: int, *, lr: float, eps: float, dtype: Any = np.float64
) -> tuple[np.ndarray, np.ndarray]:
    """AdaGrad, x_k = x_{k-1} - η g/√(G_k + ε): (x_1..x_n, G_1..G_n), G accumulated by
    numerics' AdaGrad (:func:`adagrad`) over the gradients the run saw."""
    xs, g, _ = _minimize_inside("adagrad", grad_fn, x0, steps, dtype, lr=lr, eps=eps)
    G, _ = adagrad(g[None, :].astype(float))
    return xs, G[0].astype(xs.dtype)


def rmsprop_minimize(
    grad_fn: Any, x0: Any, steps: int, *, lr: float, rho: float, eps: float
) -> tuple[np.ndarray, np.ndarray]:
    """RMSprop with ε inside the root: (x_1..x_n, G_1..G_n), G the EMA of g² (:func:`ema`)."""
    xs, g, _ = _minimize_inside("rmsprop", grad_fn, float(x0), steps, lr=lr, rho=rho, eps=eps)
    return xs, ema(g[None, :] ** 2, beta=rho)[0]


@functools.cache
def course_example1(steps: int) -> tuple[np.ndarray, np.ndarray]:
    """The course page's Example 1: AdaGrad on f = 10x² from x₀ = 5, η = 0.5, ε = 0:
    (x_k, G_k), k = 1..steps."""
    return adagrad_minimize(lambda x: 20 * x, 5.0, steps, lr=0.5, eps=0.0)


@functools.cache
def course_example2() -> dict[str, Any]:
    """The course page's Example 2: AdaGrad and RMSprop (ρ = 0.9) on f = x² from x₀ = 10,
    η = 0.1, ε = 1e-8 inside the root, 1000 steps; AdaGrad also in float32.

    Keys ``x_ada``, ``G_ada``, ``x_rms``, ``G_rms`` (k = 1..1000), ``x_ada32``, and
    ``diverged_ada`` / ``diverged_rms`` (numerics' divergence flags)."""
    grad = lambda v: 2 * v  # noqa: E731
    xa, ga, da = _minimize_inside("adagrad", grad, 10.0, 1000, lr=0.1, eps=1e-8)
    xr, gr, dr = _minimize_inside("rmsprop", grad, 10.0, 1000, lr=0.1, rho=0.9, eps=1e-8)
    Ga, _ = adagrad(ga[None, :].astype(float))
    xa32, _ = adagrad_minimize(grad, np.float32(10.0), 1000, lr=0.1, eps=1e-8, dtype=np.float32)
    return {
        "x_ada": xa,
        "G_ada": Ga[0],
        "x_rms": xr,
        "G_rms": ema(gr[None, :] ** 2, beta=0.9)[0],
        "x_ada32": xa32,
        "diverged_ada": da,
        "diverged_rms": dr,
    }
