r"""Figure 1: the tutorial's coding task, Adam against gradient descent on Rosenbrock.

Seed ``000_1a5d8446094796f9.txt`` (Week 4 tutorial, coding task, claims 000-7a, 000-7b):
:math:`f(x, y) = (1-x)^2 + 10(y-x^2)^2`, unique minimum (1, 1), start
:math:`(-1.5, 2.5)`, :math:`\alpha \in \{0.5, 0.1, 0.05, 0.01, 0.005\}`, Adam with
its default parameters (β₁ = 0.9, β₂ = 0.999, ε = 1e−8; Kingma & Ba, Algorithm 1).
The runs are the claims': gradient descent is one batched :func:`numerics.run.minimize`
call, Adam is :func:`reports.simulate.adam_descent` (one kernel call per step for the five
rates). A run that overflows is flagged (``diverged``) and frozen at its last finite point,
and the figure marks it rather than leaving a blank.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from adaproof.reports.figures import style

ALPHAS = (0.5, 0.1, 0.05, 0.01, 0.005)
X0 = (-1.5, 2.5)
STEPS = 3000
OPTIMIZERS = (("gd", "sgd", "gradient descent"), ("adam", "adam", "Adam (defaults)"))
#: the loss is drawn on a log axis clipped to this range
LOSS_CLIP = (1e-12, 1e6)
#: the contour panels' window
XLIM, YLIM = (-2.5, 2.5), (-1.5, 4.5)


def tutorial_rosenbrock_data(steps: int = STEPS) -> dict[str, Any]:
    """Paths (steps+1, α, 2), losses, divergence flags and steps, final points, per optimizer."""
    from adaproof.numerics.problems import rosenbrock_tutorial
    from adaproof.numerics.run import minimize
    from adaproof.reports.simulate import adam_descent

    problem = rosenbrock_tutorial()
    alphas = np.array(ALPHAS)
    x0 = np.tile(np.array(X0), (len(alphas), 1))
    out: dict[str, Any] = {"alphas": alphas, "x0": np.array(X0), "steps": steps}
    for key, name, _ in OPTIMIZERS:
        if name == "adam":
            x, diverged = adam_descent(problem.grad, x0, steps, alphas)
            at = _frozen_from(x)
        else:
            traj = minimize(name, problem, x0, steps, lr=alphas[:, None])
            x = np.asarray(traj.x)
            diverged = np.asarray(traj.diverged, dtype=bool)
            at = np.asarray(traj.diverged_at)
        with np.errstate(over="ignore", invalid="ignore"):
            loss = np.asarray(problem.f(x), dtype=float)
        diverged = np.broadcast_to(diverged, alphas.shape)
        at = np.broadcast_to(at, alphas.shape)
        out[key] = {
            "path": x,
            "loss": loss,
            "diverged": diverged.copy(),
            "diverged_at": np.where(diverged, at, -1).astype(int),
            "final": x[-1],
            "final_loss": loss[-1],
        }
    out["minimum"] = np.array([1.0, 1.0])
    out["f"] = problem.f
    return out


def _frozen_from(path: np.ndarray) -> np.ndarray:
    """Per run (axis 1 of ``path``, (steps+1, k, d)): the step after its last move, where a
    frozen (diverged) run stopped."""
    moved = np.any(path[1:] != path[:-1], axis=-1)  # (steps, k)
    last = path.shape[0] - 1 - np.argmax(moved[::-1], axis=0)
    return np.where(moved.any(axis=0), last + 1, 1)


def _grid(f: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X, Y = np.meshgrid(np.linspace(*XLIM, 241), np.linspace(*YLIM, 241))
    Z = np.asarray(f(np.stack([X, Y], axis=-1)), dtype=float)
    return X, Y, Z


def _inside(p: np.ndarray) -> np.ndarray:
    ok = np.isfinite(p).all(axis=-1)
    ok &= (p[..., 0] >= XLIM[0]) & (p[..., 0] <= XLIM[1])
    ok &= (p[..., 1] >= YLIM[0]) & (p[..., 1] <= YLIM[1])
    return ok


def draw_tutorial_rosenbrock(fig: Any, d: dict[str, Any]) -> None:
    axes = fig.subplots(2, 2, height_ratios=(1.35, 1.0))
    X, Y, Z = _grid(d["f"])
    levels = np.geomspace(0.05, 2000, 14)
    for col, (key, _, label) in enumerate(OPTIMIZERS):
        ax, lx = axes[0, col], axes[1, col]
        run = d[key]
        ax.contour(X, Y, Z, levels=levels, colors="#bbbbbb", linewidths=0.7)
        ax.plot(*d["x0"], "o", color=style.BLACK, ms=6)
        ax.plot(*d["minimum"], "*", color=style.BLACK, ms=11)
        notes = []
        for i, alpha in enumerate(d["alphas"]):
            c = style.CYCLE[i]
            path = run["path"][:, i]
            end = run["diverged_at"][i] if run["diverged"][i] else len(path) - 1
            shown = path[: end + 1]
            ok = _inside(shown)
            # Draw up to the first point that leaves the window; mark where it left.
            stop = int(np.argmin(ok)) if not ok.all() else len(shown)
            seg = shown[: max(stop, 1)]
            ax.plot(seg[:, 0], seg[:, 1], "-", color=c, lw=1.2, label=rf"$\alpha={alpha:g}$")
            if run["diverged"][i]:
                ax.plot(*seg[-1], "X", color=c, ms=10, mec="white")
                notes.append(rf"$\alpha={alpha:g}$: diverged at step {run['diverged_at'][i]}")
            elif stop < len(shown):
                ax.plot(*seg[-1], "^", color=c, ms=8, mec="white")
                notes.append(rf"$\alpha={alpha:g}$: leaves the window at step {stop}")
            else:
                ax.plot(*seg[-1], "o", color=c, ms=5, mec="white")
            loss = np.clip(run["loss"][: end + 1, i], *LOSS_CLIP)
            lx.plot(np.arange(len(loss)), loss, color=c, lw=1.2)
            if run["diverged"][i]:
                lx.plot(end, loss[-1], "X", color=c, ms=9, mec="white")
        ax.set_xlim(*XLIM)
        ax.set_ylim(*YLIM)
        ax.set_title(label)
        ax.set_xlabel(r"$x$")
        ax.set_ylabel(r"$y$")
        lx.set_yscale("log")
        lx.set_xscale("symlog", linthresh=10)
        lx.set_ylim(LOSS_CLIP[0] / 3, LOSS_CLIP[1] * 30)
        lx.set_xlim(0, d["steps"])
        lx.set_xlabel("iteration (linear to 10, then log)")
        lx.set_ylabel("$f(x_t, y_t)$\n(log, clipped)")
        text = "\n".join(["✕ = diverged", *notes]) if notes else "no run diverged"
        style.note(lx, text, loc="lower left")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside right upper", title="learning rate")
    fig.suptitle(r"$f(x,y)=(1-x)^2+10(y-x^2)^2$ from $(-1.5,\,2.5)$")
