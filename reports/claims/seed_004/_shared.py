r"""What the sections of the slide deck share: its source name, the sigmoid neuron and a
synthetic sparse data set (the slides' own data set is not given).

The slides index steps from 0 (:math:`v_0` already contains the first gradient).
"""

from __future__ import annotations

import functools

import numpy as np
from adaproof.numerics.problems import sigmoid_neuron
from adaproof.numerics.run import feed, minimize

SOURCE = "004_7e32fd81a2d4d5ec.txt"


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


@functools.cache
def data(n: int = 100, p: float = 0.1, seed: int = 401) -> tuple[np.ndarray, np.ndarray]:
    """n points, a sparse binary feature (P(x=1) = p), noisy 0/1 labels with
    P(y = 1) = σ(3x - 1) (not separable: gradients do not vanish)."""
    rng = np.random.default_rng(seed)
    x = (rng.random(n) < p).astype(float)
    x[0] = 1.0  # at least one active point
    y = (rng.random(n) < sigmoid(3 * x - 1)).astype(float)
    return x, y


@functools.cache
def _point_problems() -> tuple:
    """numerics' sigmoid neuron on each single data point (its gradient is the slides'
    (f(x)-y)f(x)(1-f(x))x for w and the same without x for b)."""
    x, y = data()
    return tuple(sigmoid_neuron(X=(float(a),), Y=(float(b),)) for a, b in zip(x, y, strict=True))


def point_grad(params: np.ndarray, t: int) -> np.ndarray:
    """Gradient of ½(σ(wx+b) - y)² at data point (t-1) mod n: the slides' ∇w, ∇b, one point
    per step (per-point updates, as the listings do)."""
    problems = _point_problems()
    return problems[(t - 1) % len(problems)].grad(params, t)


@functools.cache
def adagrad_neuron(epochs: int = 20) -> dict:
    """The AdaGrad listing (per-point updates, ε = 1e-8 outside the root) via numerics."""
    x, _ = data()
    steps = epochs * x.size
    h = minimize("adagrad", point_grad, np.array([-2.0, -2.0]), steps, lr=0.1, eps=1e-8)
    gs = np.array([point_grad(h.x[t], t + 1) for t in range(steps)])
    rate = feed("adagrad", gs, lr=0.1, eps=1e-8).states["lr_eff"]  # the same accumulator
    return {"rate_w": rate[:, 0], "rate_b": rate[:, 1], "x": h.x, "p": float(x.mean())}
