r"""Figure 11: Reddi, Kale & Kumar (ICLR 2018) §3, Adam against AMSGrad.

Online losses on :math:`\mathcal F = [-1, 1]`: :math:`f_t(x) = Cx` if
:math:`t \bmod 3 = 1`, else :math:`-x` (:func:`numerics.problems.reddi_online`),
with their settings: β₁ = 0, β₂ = 1/(1+C²), :math:`\alpha_t = \alpha/\sqrt t`
(α < √(1−β₂)), no bias correction, no ε, :math:`x_1 = 1`, projection after each step.
The optimum is x = −1. Adam and AMSGrad (``amsgrad=True``, the max of the raw
:math:`v_t`) are the real steps of :mod:`numerics.adam`, called through the registry
step by step because the learning rate changes with t. Cited by seed
``002_5f54ea678090eb2e.txt`` §2.2 (CLAIMS.md 002-15).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from adaproof.reports.figures import style

C, ALPHA, STEPS = 3.0, 0.5, 3000


def _play(amsgrad: bool, C: float, alpha: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    from adaproof.numerics.problems import reddi_online
    from adaproof.numerics.registry import OPTIMIZERS

    problem = reddi_online(C)
    opt = OPTIMIZERS["adam"]
    hyper = {
        "beta1": 0.0,
        "beta2": 1.0 / (1.0 + C * C),
        "eps": 0.0,
        "bias_correction": False,
        "amsgrad": amsgrad,
        "amsgrad_max": "raw",
    }
    x = np.array([1.0])  # a batch of one
    state = opt.init(x, lr=alpha, **hyper)
    xs, gs = np.empty(steps + 1), np.empty(steps)
    xs[0] = x[0]
    for t in range(1, steps + 1):
        g = problem.grad(x, t)
        x, state = opt.step(x, g, state, lr=alpha / np.sqrt(t), **hyper)
        x = problem.project(x)
        xs[t], gs[t - 1] = x[0], g[0]
    return xs, gs


def _average_regret(xs: np.ndarray, gs: np.ndarray) -> np.ndarray:
    """R_T/T with R_T = Σ_t g_t x_t − min_{x∈[−1,1]} Σ_t g_t x (linear losses)."""
    played = np.cumsum(gs * xs[:-1])
    best = -np.abs(np.cumsum(gs))
    T = np.arange(1, len(gs) + 1)
    return (played - best) / T


def reddi_counterexample_data(C: float = C, alpha: float = ALPHA, steps: int = STEPS) -> dict:
    """x_t (t = 1..steps+1) and the average regret R_T/T for Adam and AMSGrad."""
    out: dict[str, Any] = {"C": C, "alpha": alpha, "beta2": 1 / (1 + C * C), "steps": steps}
    for key, ams in (("adam", False), ("amsgrad", True)):
        xs, gs = _play(ams, C, alpha, steps)
        out[key] = {"x": xs, "g": gs, "avg_regret": _average_regret(xs, gs), "final": xs[-1]}
    out["t"] = np.arange(1, steps + 2)
    # Adam at x = +1 pays 2C − 4 per period of 3 against x* = −1 (the drift's regret rate)
    out["adam_regret_rate"] = (2 * C - 4) / 3
    return out


def draw_reddi_counterexample(fig: Any, d: dict[str, Any]) -> None:
    left, right = fig.subplots(1, 2)
    t = d["t"]
    # log-spaced samples keep the SVG small; early steps (every one) stay visible
    idx = np.unique(np.geomspace(1, len(t), 700).astype(int)) - 1
    ridx = idx[idx < len(t) - 1]
    for key, c, label in (
        ("adam", style.VERMILLION, "Adam"),
        ("amsgrad", style.BLUE, "AMSGrad"),
    ):
        run = d[key]
        left.plot(
            t[idx], run["x"][idx], color=c, lw=1.0, label=f"{label}: ends at {run['final']:+.3f}"
        )
        right.plot(t[ridx + 1], run["avg_regret"][ridx], color=c, label=label)
    left.axhline(-1.0, color=style.BLACK, lw=1.0, ls="--", label=r"optimum $x^*=-1$")
    left.set_xscale("log")
    left.set_ylim(-1.1, 1.1)
    left.set_xlabel(r"$t$")
    left.set_ylabel(r"$x_t$")
    left.set_title(
        rf"$f_t(x)=Cx$ if $t\ \mathrm{{mod}}\ 3=1$, else $-x$; $C={d['C']:g}$, "
        rf"$\beta_1=0$, $\beta_2=1/(1+C^2)$"
    )
    left.legend(loc="center left")
    right.axhline(
        d["adam_regret_rate"], color=style.GREY, lw=1.0, ls=":", label=r"Adam's rate $(2C-4)/3$"
    )
    right.set_xscale("log")
    right.set_xlabel(r"$T$")
    right.set_ylabel(r"average regret $R_T/T$")
    right.set_title(rf"$\alpha_t={d['alpha']:g}/\sqrt{{t}}$, projected on $[-1,1]$")
    right.legend(loc="center left")
