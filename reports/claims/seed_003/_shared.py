"""Runs shared by several sections of the course page's claims: Example 1 (AdaGrad on
f = 10x²) and Example 2 (AdaGrad and RMSprop on f = x²), the accumulators, Adam's first
moments. The page puts ε inside the root, η/√(G_k + ε); the runs do the same."""

from __future__ import annotations

import functools

import numpy as np
from adaproof.numerics.run import minimize
from adaproof.reports import simulate


def adagrad_history(g: np.ndarray) -> np.ndarray:
    """AdaGrad's G_k along the last axis (numerics AdaGrad on the stream)."""
    G, _ = simulate.adagrad(g)
    return G


def rmsprop_history(g: np.ndarray, rho: float) -> np.ndarray:
    """RMSprop's G_k along the last axis: the EMA of g² with parameter rho (numerics)."""
    return simulate.ema(np.asarray(g, dtype=float) ** 2, beta=rho)


def _run(name: str, grad_fn, x0, steps: int, dtype=np.float64, **hyper):
    """x_1..x_n of optimizer ``name`` with eps inside the root (numerics.run.minimize) and
    the gradients it saw at x_0..x_{n-1}."""
    tr = minimize(
        name,
        lambda x, t: grad_fn(x),
        np.asarray(x0, dtype=dtype),
        steps,
        eps_placement="inside",
        **hyper,
    )
    xs = tr.x
    return xs[1:], np.array([grad_fn(x) for x in xs[:-1]], dtype=xs.dtype)


def adagrad_minimize(grad_fn, x0, steps, *, lr, eps, dtype=np.float64):
    """AdaGrad, x_k = x_{k-1} - eta g/sqrt(G_k + eps): (x_1..x_n, G_1..G_n), G accumulated by
    numerics' AdaGrad over the gradients the run saw."""
    xs, g = _run("adagrad", grad_fn, x0, steps, dtype, lr=lr, eps=eps)
    return xs, adagrad_history(g[None, :].astype(float))[0].astype(xs.dtype)


def rmsprop_minimize(grad_fn, x0, steps, *, lr, rho, eps):
    """RMSprop with eps inside the root: (x_1..x_n, G_1..G_n)."""
    xs, g = _run("rmsprop", grad_fn, float(x0), steps, lr=lr, rho=rho, eps=eps)
    return xs, rmsprop_history(g[None, :], rho)[0]


@functools.cache
def example1(steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Example 1: AdaGrad on f = 10 x^2 from x0 = 5, eta = 0.5, eps = 0: (x_k, G_k)."""
    return adagrad_minimize(lambda x: 20 * x, 5.0, steps, lr=0.5, eps=0.0)


@functools.cache
def example2() -> dict:
    """Example 2: AdaGrad and RMSprop (rho = 0.9) on f = x^2 from 10, eta = 0.1, 1000 steps;
    AdaGrad also in float32."""
    xa, Ga = adagrad_minimize(lambda v: 2 * v, 10.0, 1000, lr=0.1, eps=1e-8)
    xr, Gr = rmsprop_minimize(lambda v: 2 * v, 10.0, 1000, lr=0.1, rho=0.9, eps=1e-8)
    xa32, _ = adagrad_minimize(
        lambda v: 2 * v, np.float32(10.0), 1000, lr=0.1, eps=1e-8, dtype=np.float32
    )
    return {"x_ada": xa, "G_ada": Ga, "x_rms": xr, "G_rms": Gr, "x_ada32": xa32}


def adam_first_moments(g: float) -> tuple[float, float]:
    """m_1 and v_1 of Adam (0.9, 0.999) after one gradient g (the EMAs, numerics)."""
    m = simulate.ema(np.array([[g]]), beta=0.9)[0, 0]
    v = simulate.ema(np.array([[g * g]]), beta=0.999)[0, 0]
    return float(m), float(v)
