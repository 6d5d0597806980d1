r"""Figure 13: the sum-to-integral step in the proof of AdaGrad's bound.

Lecture notes 9 (seed 002, proof of Theorem 3; claims 002-7a, 002-7b) print

.. math::

    \sum_{t=1}^T \frac{g_t^2}{\sqrt{\sum_{\tau\le t} g_\tau^2}}
    \le \int_0^{S} \frac{dx}{\sqrt x} = \sqrt{2S}, \qquad S = \sum_{t=1}^T g_t^2 ,

while the integral equals :math:`2\sqrt S`. The sum is accumulated by AdaGrad's
own accumulator (:func:`numerics.regret.sum_to_integral_terms`) on several
gradient streams; the figure plots it against both candidate bounds.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from adaproof.reports.figures import style

#: horizon and the prefixes T at which the running sum is recorded
T_MAX = 2000
STREAMS = ("constant", "i.i.d. normal", "one large, then small", r"decaying $1/\sqrt{t}$")


def _streams(rng: np.random.Generator, T: int) -> np.ndarray:
    """Gradient streams of shape (len(STREAMS), T)."""
    t = np.arange(1, T + 1)
    first_large = np.full(T, 0.01)
    first_large[0] = 10.0
    return np.stack([np.ones(T), rng.standard_normal(T), first_large, 1.0 / np.sqrt(t)])


def sum_to_integral_data(seed: int = 2024) -> dict[str, Any]:
    """Running sums and bounds: ``T`` (n,), ``S`` and ``sum`` (streams, n), bounds likewise."""
    from adaproof.numerics.regret import sum_to_integral_terms

    g = _streams(np.random.default_rng(seed), T_MAX)
    Ts = np.unique(np.geomspace(1, T_MAX, 40).round().astype(int))
    sums = np.stack([sum_to_integral_terms(g[:, :T]) for T in Ts], axis=1)
    S = np.stack([(g[:, :T] ** 2).sum(axis=1) for T in Ts], axis=1)
    return {
        "streams": STREAMS,
        "T": Ts,
        "S": S,
        "sum": sums,
        "integral_bound": 2.0 * np.sqrt(S),
        "notes_bound": np.sqrt(2.0 * S),
    }


def draw_sum_to_integral(fig: Any, d: dict[str, Any]) -> None:
    left, right = fig.subplots(1, 2)
    # Left: the constant stream, where the printed bound fails.
    S, s = d["S"][0], d["sum"][0]
    left.loglog(
        S, s, "o", color=style.BLUE, ms=4, label=r"$\sum_t g_t^2/\sqrt{\sum_{\tau\leq t} g_\tau^2}$"
    )
    left.loglog(S, d["integral_bound"][0], color=style.GREEN, label=r"$2\sqrt{S}$ (the integral)")
    left.loglog(
        S,
        d["notes_bound"][0],
        "--",
        color=style.VERMILLION,
        label=r"$\sqrt{2S}$ (printed in the notes)",
    )
    left.set_xlabel(r"$S=\sum_{t\leq T} g_t^2$")
    left.set_ylabel("value")
    left.set_title(r"constant gradient $g_t=1$")
    left.legend(loc="upper left")
    # Right: the ratio to sqrt(S) for several streams, against both constants.
    T = d["T"]
    for i, name in enumerate(d["streams"]):
        right.semilogx(
            d["T"], d["sum"][i] / np.sqrt(d["S"][i]), marker="os^v"[i], ms=3.5, label=name
        )
    right.axhline(2.0, color=style.GREEN, lw=1.2)
    right.axhline(np.sqrt(2.0), color=style.VERMILLION, lw=1.2, ls="--")
    right.text(T[-1], 2.03, r"integral: $2$", color=style.GREEN, va="bottom", ha="right")
    right.text(
        T[-1],
        np.sqrt(2.0) - 0.03,
        r"notes: $\sqrt{2}$",
        color=style.VERMILLION,
        va="top",
        ha="right",
    )
    right.set_ylim(0.9, 2.6)
    right.set_xlabel(r"$T$")
    right.set_ylabel(r"sum $/\sqrt{S}$")
    right.set_title("several gradient streams")
    right.legend(loc="upper left", ncol=2)
