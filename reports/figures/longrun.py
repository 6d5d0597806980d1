r"""Figure 8: the course page's long run, AdaGrad and RMSprop on :math:`f(x) = x^2`.

Seed ``003_b8a56a2a249e5e41.txt``, Example 2 (claims 003-6b … 003-6e): :math:`x_0 = 10`,
η = 0.1, 1000 iterations, RMSprop ρ = 0.9. The page says AdaGrad's effective learning
rate ends near :math:`0.1/\sqrt{400000} \approx 0.00016` and "the parameter barely
moves", while RMSprop "continues converging". Both runs are the ones those claims check,
:func:`reports.simulate.course_example2` (:func:`numerics.run.minimize` with ε = 1e-8
inside the root as on the page, so the rate is :math:`\eta/\sqrt{G_t + \varepsilon}`);
the effective learning rate is *measured* from the run as :math:`-\Delta x_t / g_t`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from adaproof.reports.figures import style

X0, STEPS = 10.0, 1000  # Example 2: x_0 and the number of steps (eta = 0.1, rho = 0.9)
QUOTED_LR = 0.00016  # the course page's value for AdaGrad after 1000 steps
X_CLIP = 1e-4  # |x_t| is drawn on a log axis clipped here (RMSprop crosses 0 near t = 170)


def long_run_quadratic_data() -> dict[str, Any]:
    """x_t and the measured effective learning rate −Δx_t/g_t for AdaGrad and RMSprop."""
    from adaproof.numerics.problems import quadratic
    from adaproof.reports.simulate import course_example2

    problem = quadratic(1.0)
    ex = course_example2()
    out: dict[str, Any] = {"t": np.arange(STEPS + 1), "quoted_lr": QUOTED_LR}
    for name, key in (("adagrad", "ada"), ("rmsprop", "rms")):
        x = np.concatenate([[X0], np.asarray(ex[f"x_{key}"], dtype=float)])  # x_0 .. x_1000
        g = problem.grad(x[:-1], 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            lr_eff = np.where(g != 0, -np.diff(x) / np.where(g != 0, g, 1.0), np.nan)
        out[name] = {"x": x, "lr_eff": lr_eff, "diverged": bool(ex[f"diverged_{key}"])}
    return out


def draw_long_run_quadratic(fig: Any, d: dict[str, Any]) -> None:
    left, right = fig.subplots(1, 2)
    t = d["t"]
    for name, c, label in (
        ("adagrad", style.BLUE, "AdaGrad"),
        ("rmsprop", style.VERMILLION, r"RMSprop ($\rho=0.9$)"),
    ):
        run = d[name]
        left.semilogy(t, np.maximum(np.abs(run["x"]), X_CLIP), color=c, label=label)
        right.semilogy(t[1:], run["lr_eff"], color=c, label=label)
        left.annotate(
            rf"$x_{{{t[-1]}}}={run['x'][-1]:.3g}$",
            (t[-1], abs(run["x"][-1])),
            xytext=(-6, 8),
            textcoords="offset points",
            ha="right",
            color=c,
        )
    right.axhline(d["quoted_lr"], color=style.BLACK, lw=1.0, ls="--")
    right.text(t[-1], d["quoted_lr"] * 0.75, "course page: AdaGrad ≈ 0.00016", ha="right", va="top")
    left.set_xlabel(r"iteration $t$")
    left.set_ylabel(r"$|x_t|$")
    left.set_title(r"$f(x)=x^2$, $x_0=10$, $\eta=0.1$")
    left.set_ylim(X_CLIP / 2, 50)
    style.note(left, f"log scale, clipped at {X_CLIP:g}", loc="upper right")
    right.set_xlabel(r"iteration $t$")
    right.set_ylabel(r"effective learning rate $-\Delta x_t/g_t$")
    right.set_title("measured from the runs")
    left.legend(loc="lower right")
    right.set_ylim(d["quoted_lr"] * 0.2, None)
    right.legend(loc="center right")
