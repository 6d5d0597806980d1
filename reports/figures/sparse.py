r"""Figure 7: the weight of a rare, informative feature under five optimizers.

Logistic regression (:func:`numerics.problems.sparse_logistic`): four dense, weakly
informative features and one rare feature equal to the label in 2% of the examples
and 0 otherwise. With minibatches of 10 its gradient coordinate is zero in most
steps. Seed ``001_a9f80f3499dce77f.txt`` Part 3 (sparse features "catch up" under Adam,
get "no boost" under momentum SGD), seed ``002_5f54ea678090eb2e.txt`` §1 (AdaGrad's
per-coordinate rates), seed ``004_7e32fd81a2d4d5ec.txt`` (AdaGrad's rate for a sparse
feature decays slowly). Every run is :func:`numerics.run.minimize` with the same
learning rate.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from adaproof.reports.figures import style

OPTIMIZERS = (
    ("sgd", "SGD", {}),
    ("momentum", r"momentum SGD ($\mu=0.9$)", {}),
    ("adagrad", "AdaGrad", {}),
    ("rmsprop", r"RMSprop ($\rho=0.9$)", {}),
    ("adam", "Adam", {}),
)
LR, STEPS, BATCH = 0.05, 2000, 10


def sparse_feature_data(lr: float = LR, steps: int = STEPS, seed: int = 7) -> dict[str, Any]:
    """Rare-feature weight and mean dense weight over the steps, per optimizer; final losses."""
    from adaproof.numerics.problems import sparse_logistic
    from adaproof.numerics.run import minimize

    problem = sparse_logistic(n=500, d=5, rare_rate=0.02, seed=seed, batch_size=BATCH)
    rare = problem.data["rare_column"]
    X = problem.data["X"]
    d = X.shape[1]
    active = np.array(
        [
            np.any(X[np.random.default_rng([seed, t]).integers(0, 500, size=BATCH), rare] != 0)
            for t in range(1, steps + 1)
        ]
    )
    out: dict[str, Any] = {
        "t": np.arange(steps + 1),
        "lr": lr,
        "rare_active_fraction": float(active.mean()),
        "runs": {},
    }
    for name, label, hyper in OPTIMIZERS:
        traj = minimize(name, problem, np.zeros(d), steps, lr=lr, **hyper)
        x = np.asarray(traj.x)
        out["runs"][name] = {
            "label": label,
            "rare": x[:, rare],
            "dense": x[:, :rare].mean(axis=1),
            "loss": float(problem.f(x[-1])),
            "diverged": bool(np.any(traj.diverged)),
        }
    return out


#: Steps in the moving average of the dense weights (their minibatch noise hides the trend).
SMOOTH = 100
#: Dash patterns that keep five curves apart where they run together.
DASHES = ("-", (0, (6, 2)), (0, (2, 1.5)), (0, (8, 2, 2, 2)), (0, (1, 1)))


def moving_average(x: Any, window: int) -> Any:
    """Mean of the last ``window`` values (fewer at the start), same length as ``x``."""
    c = np.cumsum(np.concatenate([[0.0], np.asarray(x, float)]))
    i = np.arange(1, len(x) + 1)
    lo = np.maximum(i - window, 0)
    return (c[i] - c[lo]) / (i - lo)


def draw_sparse_feature(fig: Any, d: dict[str, Any]) -> None:
    left, right = fig.subplots(1, 2, sharex=True)
    t = d["t"]
    for i, run in enumerate(d["runs"].values()):
        c = style.CYCLE[i]
        left.plot(
            t[::4],
            run["rare"][::4],
            color=c,
            ls=DASHES[i],
            label=f"{run['label']}: final loss {run['loss']:.3f}",
        )
        right.plot(t[::4], moving_average(run["dense"], SMOOTH)[::4], color=c, ls=DASHES[i])
    left.set_title("weight of the rare feature")
    right.set_title(f"mean dense weight, average of {SMOOTH} steps")
    for ax in (left, right):
        ax.set_xlabel("step")
        ax.axhline(0, color=style.GREY, lw=0.8)
    left.set_ylabel("weight")
    fig.legend(loc="outside lower center", ncol=3)
    fig.suptitle(
        f"Rare feature nonzero in {100 * d['rare_active_fraction']:.0f}% of the minibatches; "
        f"same learning rate {d['lr']:g} for all"
    )
