r"""Figure 11: Reddi, Kale & Kumar (ICLR 2018) §3, Adam against AMSGrad.

Online losses on :math:`\mathcal F = [-1, 1]`: :math:`f_t(x) = Cx` if
:math:`t \bmod 3 = 1`, else :math:`-x` (:func:`numerics.problems.reddi_online`),
with their settings: β₁ = 0, β₂ = 1/(1+C²), :math:`\alpha_t = \alpha/\sqrt t`
(α < √(1−β₂)), no bias correction, no ε, :math:`x_1 = 1`, projection after each step.
The optimum is x = −1. Adam and AMSGrad (``amsgrad=True``, the max of the raw
:math:`v_t`) are the real steps of :mod:`numerics.adam`: the one game,
:func:`numerics.reddi.play`, through :func:`reports.simulate.reddi_game`, the run claims
002-15 and reddi-1 … reddi-3 check. Cited by seed ``002_5f54ea678090eb2e.txt`` §2.2.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from adaproof.reports.figures import style

C, ALPHA, STEPS = 3.0, 0.5, 3000


def reddi_counterexample_data(C: float = C, alpha: float = ALPHA, steps: int = STEPS) -> dict:
    """x_t (t = 1..steps+1) and the average regret R_T/T for Adam and AMSGrad."""
    from adaproof.reports.simulate import reddi_game

    out: dict[str, Any] = {"C": C, "alpha": alpha, "beta2": 1 / (1 + C * C), "steps": steps}
    game = reddi_game(C, alpha, steps)
    for key in ("adam", "amsgrad"):
        run = game[key]
        out[key] = {"x": run.x, "g": run.g, "avg_regret": run.avg_regret, "final": run.final}
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
