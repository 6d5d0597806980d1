r"""Figure 12: the worst case of :math:`|\hat m_t|/\sqrt{\hat v_t}` against t.

Kingma & Ba (arXiv:1412.6980) §2.1 bound Adam's step: :math:`|\Delta_t| \le
\alpha(1-\beta_1)/\sqrt{1-\beta_2}` when :math:`1-\beta_1 > \sqrt{1-\beta_2}`, else α
(:func:`derivations.worst_case.kingma_ba_bound`). The exact supremum over gradient
sequences (Cauchy–Schwarz, :func:`derivations.worst_case.adam_max_ratio`) is attained
by :math:`g_k = (\beta_1/\beta_2)^{t-k}`
(:func:`derivations.worst_case.adam_attaining_sequence`). The figure draws the exact
supremum, its limit, the paper's bound and the "sparse" case the paper describes,
and *simulates*: the attaining sequences (read from the derivation,
:func:`reports.simulate.adam_attaining`) and random gradient streams are fed through Adam
at α = 1, ε = 0 (:func:`reports.simulate.adam_stream`, as claims kb-2.1a and 001-6c run it),
whose step is then :math:`|\Delta_t| = |\hat m_t|/\sqrt{\hat v_t}`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from adaproof.reports.figures import style
from adaproof.reports.figures.bridge import evaluate

BETA1, BETA2 = 0.9, 0.999
T_MAX = 2000


def worst_case_ratio_data(
    beta1: float = BETA1, beta2: float = BETA2, T: int = T_MAX, B: int = 64, seed: int = 12
) -> dict[str, Any]:
    """Exact sup, limit, paper bound, sparse case; simulated attaining and random ratios."""
    from adaproof.derivations import symbols as S
    from adaproof.derivations import worst_case as W
    from adaproof.reports.simulate import adam_attaining, adam_stream

    ts = np.unique(np.geomspace(1, T, 40).round().astype(int))
    at = {S.t: ts, S.beta1: beta1, S.beta2: beta2}
    exact = evaluate(W.adam_max_ratio(S.t, S.beta1, S.beta2), at)
    sparse = evaluate(W.adam_sparse_ratio(S.t, S.beta1, S.beta2), at)
    scalars = {S.beta1: beta1, S.beta2: beta2}
    limit = float(evaluate(W.adam_max_ratio_limit(S.beta1, S.beta2), scalars))
    bound = float(evaluate(W.kingma_ba_bound(S.beta1, S.beta2), scalars))
    # Attaining sequences, one column per horizon t (zeros after t are never read); the
    # sequence for horizon n, g_k = (beta1/beta2)^(n-k), is the last n terms of the longest.
    longest = adam_attaining(int(ts[-1]), beta1, beta2)
    grads = np.zeros((ts[-1], len(ts)))
    for j, n in enumerate(ts):
        grads[:n, j] = longest[-n:]
    hyper = {"lr": 1.0, "beta1": beta1, "beta2": beta2, "eps": 0.0}
    rows = ts - 1
    cols = np.arange(len(ts))
    attained = np.abs(adam_stream(grads, **hyper)[rows, cols])
    # Random streams: i.i.d. normal and sparse (a gradient every 50 steps).
    rng = np.random.default_rng(seed)
    normal = rng.standard_normal((T, B))
    sparse_stream = np.where(rng.random((T, B)) < 0.02, rng.standard_normal((T, B)), 0.0)
    sparse_stream[0] = 1.0  # keep v_hat > 0 from the first step
    random_max = {}
    for name, g in (("i.i.d. normal", normal), ("sparse (2% nonzero)", sparse_stream)):
        random_max[name] = np.abs(adam_stream(g, **hyper)).max(axis=1)[rows]
    return {
        "beta1": beta1,
        "beta2": beta2,
        "t": ts,
        "exact": exact,
        "sparse_case": sparse,
        "limit": limit,
        "paper_bound": bound,
        "attained": attained,
        "random_max": random_max,
        "B": B,
    }


def draw_worst_case_ratio(fig: Any, d: dict[str, Any]) -> None:
    ax = fig.subplots()
    t = d["t"]
    ax.plot(
        t, d["exact"], color=style.BLUE, lw=2.0, label=r"$\sup_g|\hat m_t|/\sqrt{\hat v_t}$ (exact)"
    )
    ax.plot(
        t,
        d["attained"],
        "o",
        color=style.BLUE,
        mfc="white",
        ms=5,
        label=r"simulated with $g_k=(\beta_1/\beta_2)^{t-k}$",
    )
    ax.axhline(d["limit"], color=style.BLUE, lw=1.0, ls=":")
    ax.text(t[0], d["limit"] * 1.02, rf"limit ${d['limit']:.3f}$", va="bottom", color=style.BLUE)
    ax.axhline(d["paper_bound"], color=style.VERMILLION, lw=1.6, ls="--")
    ax.text(
        t[0],
        d["paper_bound"] * 1.02,
        rf"Kingma & Ba §2.1: $(1-\beta_1)/\sqrt{{1-\beta_2}}={d['paper_bound']:.3f}$",
        va="bottom",
        color=style.VERMILLION,
    )
    ax.plot(
        t,
        d["sparse_case"],
        color=style.ORANGE,
        lw=1.4,
        label="one nonzero gradient (the paper's sparse case)",
    )
    for (name, r), c, mk in zip(
        d["random_max"].items(), (style.GREEN, style.PURPLE), "sv", strict=True
    ):
        ax.plot(t, r, mk, color=c, ms=4, label=f"max over {d['B']} random streams: {name}")
    ax.set_xscale("log")
    ax.set_ylim(0, d["limit"] * 1.2)
    ax.set_xlabel(r"$t$")
    ax.set_ylabel(r"$|\hat m_t|/\sqrt{\hat v_t}$  ($=|\Delta_t|/\alpha$ at $\varepsilon=0$)")
    ax.set_title(rf"Worst case of Adam's step, $\beta_1={d['beta1']:g}$, $\beta_2={d['beta2']:g}$")
    ax.legend(loc="center left", bbox_to_anchor=(0.0, 0.62))
