r"""Figures 4, 6, 9 and 15: Adam's step on constructed gradient streams.

All steps are measured by feeding the stream through the optimizer
(:func:`numerics.run.feed`, ``delta`` = :math:`x_t - x_{t-1}`, through
:func:`reports.simulate.adam_updates` / :func:`reports.simulate.updates`, time on the last
axis, as the claims run them); closed forms from :mod:`derivations.adam` are drawn next to
them where they exist.

Sources: seed ``000_1a5d8446094796f9.txt`` (α_eff ≈ α/|g|, no bias correction);
seed ``001_a9f80f3499dce77f.txt`` Part 2 (gradient scale, ε) and Part 3 (spikes);
seed ``003_b8a56a2a249e5e41.txt`` Example 3 and Practice 1 (alternating gradients);
seed ``004_7e32fd81a2d4d5ec.txt`` ("initial steps are very large"); Kingma & Ba
(arXiv:1412.6980) Algorithm 1 and §3.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from adaproof.reports.figures import style
from adaproof.reports.figures.bridge import evaluate

#: Adam's usual defaults (Kingma & Ba, Algorithm 1)
ADAM = {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
MOMENTUM = {"lr": 1e-3, "momentum": 0.9}


# -- figure 4: constant gradient -------------------------------------------------


def constant_gradient_step_data(g: float = 0.5, T: int = 5000) -> dict[str, Any]:
    """|Δ_t|/α for a constant gradient g, simulated (every t) and exact (log-spaced t)."""
    from adaproof.derivations import adam as A
    from adaproof.derivations import symbols as S
    from adaproof.reports.simulate import adam_updates

    grads = np.full((1, T), g)
    t = np.arange(1, T + 1)
    ts = np.unique(np.geomspace(1, T, 70).round().astype(int))
    hyper = {
        "alpha": ADAM["lr"],
        "beta1": ADAM["beta1"],
        "beta2": ADAM["beta2"],
        "eps": ADAM["eps"],
    }
    out: dict[str, Any] = {"g": g, "t": t, "t_exact": ts, **ADAM}
    for key, bc in (("with", True), ("without", False)):
        delta = adam_updates(grads, bias_correction=bc, **ADAM)[0]
        out[f"{key}_sim"] = np.abs(delta) / ADAM["lr"]
        step = A.constant_gradient_step(S.t, bias_correction=bc, g=S.g, **_sym(S, hyper))
        out[f"{key}_exact"] = np.abs(evaluate(step, {S.t: ts, S.g: g})) / ADAM["lr"]
        limit = A.constant_gradient_limit(bias_correction=bc, g=S.g, **_sym(S, hyper))
        out[f"{key}_limit"] = abs(float(evaluate(limit, {S.g: g}))) / ADAM["lr"]
    rel = np.abs(out["without_sim"] / out["without_limit"] - 1.0)
    out["within_1pct_from"] = int(t[np.nonzero(rel > 0.01)[0][-1] + 1])
    return out


def _sym(S: Any, hyper: dict[str, float]) -> dict[str, Any]:
    import sympy as sp

    return {k: sp.Float(v, 30) for k, v in hyper.items()}


def draw_constant_gradient_step(fig: Any, d: dict[str, Any]) -> None:
    ax = fig.subplots()
    t, te = d["t"], d["t_exact"]
    sel = te - 1
    ax.plot(te, d["without_exact"], color=style.VERMILLION, lw=1.6)
    ax.plot(te, d["with_exact"], color=style.BLUE, lw=1.6)
    ax.plot(
        t[sel],
        d["without_sim"][sel],
        "o",
        mfc="white",
        color=style.VERMILLION,
        ms=4,
        label=r"without bias correction: $\alpha\frac{1-\beta_1^t}{\sqrt{1-\beta_2^t}}$",
    )
    ax.plot(
        t[sel],
        d["with_sim"][sel],
        "s",
        color=style.BLUE,
        ms=3.5,
        label=r"with bias correction: $\alpha\frac{|g|}{|g|+\varepsilon}$",
    )
    ax.axhline(d["with_limit"], color=style.BLACK, lw=1.0, ls="--")
    ax.text(
        1.0,
        d["with_limit"] * 0.93,
        r"limit $\alpha$: effective learning rate $\alpha/|g|$",
        va="top",
        fontsize="small",
    )
    ax.axvline(d["within_1pct_from"], color=style.GREY, lw=1.0, ls=":")
    ax.text(
        d["within_1pct_from"] * 0.9,
        4.5,
        f"within 1% of the limit\nfrom t = {d['within_1pct_from']}",
        ha="right",
        fontsize="small",
        color=style.GREY,
    )
    ax.set_xscale("log")
    ax.set_ylim(0, None)
    ax.set_xlabel(r"$t$")
    ax.set_ylabel(r"$|\Delta_t|\,/\,\alpha$")
    ax.set_title(
        rf"Constant gradient $g={d['g']:g}$, $\beta_1={d['beta1']:g}$, $\beta_2={d['beta2']:g}$, "
        rf"$\varepsilon=10^{{-8}}$"
    )
    ax.legend(loc="upper right")
    style.note(ax, "markers: simulated; lines: closed form", loc="lower left")


# -- figure 6: gradient scale ----------------------------------------------------


def gradient_scale_data(T: int = 10, seed: int = 6) -> dict[str, Any]:
    """|Δ_T|/α after scaling a fixed stream by c: Adam (ε > 0 and ε = 0) and momentum."""
    from adaproof.reports.simulate import adam_updates, updates

    rng = np.random.default_rng(seed)
    base = rng.normal(1.0, 0.5, size=T)
    cs = np.geomspace(1e-12, 1e4, 65)
    grads = cs[:, None] * base[None, :]  # one stream per scale, time on the last axis
    adam = adam_updates(grads, **ADAM)[:, -1]
    adam0 = adam_updates(grads, **{**ADAM, "eps": 0.0})[:, -1]
    mom = updates("momentum", grads, **MOMENTUM)[:, -1]
    return {
        "c": cs,
        "T": T,
        "base": base,
        "adam": np.abs(adam) / ADAM["lr"],
        "adam_eps0": np.abs(adam0) / ADAM["lr"],
        "momentum": np.abs(mom) / MOMENTUM["lr"],
        "eps": ADAM["eps"],
    }


def draw_gradient_scale(fig: Any, d: dict[str, Any]) -> None:
    ax = fig.subplots()
    c = d["c"]
    ax.loglog(
        c, d["momentum"], "-o", ms=3, color=style.VERMILLION, label=r"momentum SGD ($\mu=0.9$)"
    )
    ax.loglog(c, d["adam"], "-s", ms=3, color=style.BLUE, label=r"Adam, $\varepsilon=10^{-8}$")
    ax.loglog(c, d["adam_eps0"], "--", color=style.GREEN, label=r"Adam, $\varepsilon=0$")
    ax.axvline(d["eps"], color=style.GREY, lw=1.0, ls=":")
    ax.text(d["eps"] * 1.5, 1e-9, r"$c\,|g|\approx\varepsilon$", color=style.GREY)
    ax.set_xlabel(r"gradient scale $c$  ($g_t\mapsto c\,g_t$)")
    ax.set_ylabel(rf"$|\Delta_{{{d['T']}}}|\,/\,\alpha$")
    ax.set_title(
        r"Step size against gradient scale: linear for momentum, flat for Adam until $\varepsilon$"
    )
    ax.legend(loc="upper left")
    style.note(
        ax,
        rf"same i.i.d. stream ($\mu=1$, $\sigma=0.5$) scaled by $c$; step {d['T']}",
        loc="lower right",
    )


# -- figure 9: alternating gradients ---------------------------------------------


def alternating_gradients_data(g: float = 1.0, T: int = 120) -> dict[str, Any]:
    r"""m̂_t/g and Δ_t/α for g, −g, g, …; limits ±(1−β₁)/(1+β₁) (geometric series of −β₁)."""
    from adaproof.derivations import symbols as S
    from adaproof.reports.simulate import adam_updates, ema

    t = np.arange(1, T + 1)
    grads = g * np.where(t % 2 == 1, 1.0, -1.0)[None, :]
    b1 = ADAM["beta1"]
    m_hat = ema(grads, beta=b1)[0] / (1.0 - b1**t)  # Adam's first moment, bias-corrected
    step = adam_updates(grads, **ADAM)[0]
    # |lim m_t| for alternating ±g: (1-β)·Σ_j (-β)^j = (1-β)/(1+β)
    lim = float(evaluate((1 - S.beta1) / (1 + S.beta1), {S.beta1: ADAM["beta1"]}))
    return {
        "t": t,
        "g": g,
        "m_hat": m_hat / g,
        "step": step / ADAM["lr"],
        "limit": lim,
        **ADAM,
    }


def draw_alternating_gradients(fig: Any, d: dict[str, Any]) -> None:
    left, right = fig.subplots(1, 2, sharex=True)
    t, lim = d["t"], d["limit"]
    left.plot(
        t, d["m_hat"], "-o", ms=2.5, lw=0.8, color=style.BLUE, label=r"$\hat m_t/g$ (simulated)"
    )
    right.plot(
        t,
        d["step"],
        "-o",
        ms=2.5,
        lw=0.8,
        color=style.VERMILLION,
        label=r"$\Delta_t/\alpha$ (simulated)",
    )
    for ax in (left, right):
        for sgn in (1, -1):
            ax.axhline(sgn * lim, color=style.BLACK, lw=1.0, ls="--")
        ax.text(
            t[-1],
            lim + 0.25,
            rf"$\pm\frac{{1-\beta_1}}{{1+\beta_1}}=\pm{lim:.4f}$",
            ha="right",
            va="bottom",
        )
        ax.axhline(0, color=style.GREY, lw=0.8)
        ax.set_xscale("log")
        ax.set_xlabel(r"$t$")
        ax.set_ylim(-1.15, 1.15)
        ax.legend(loc="lower left")
    left.set_title(r"first moment $\hat m_t$ for $g,-g,g,\dots$")
    right.set_title(r"step $\Delta_t = -\alpha\,\hat m_t/(\sqrt{\hat v_t}+\varepsilon)$")
    style.note(right, r"$\sqrt{\hat v_t}\to|g|$: the step does not vanish", loc="upper right")


# -- figure 15: a gradient spike -------------------------------------------------


def gradient_spike_data(
    late: int = 1500, early: int = 20, after: int = 550, size: float = 100.0
) -> dict[str, Any]:
    """Steps of Adam and momentum SGD on unit gradients with one spike of ``size``.

    Two runs: the spike ``late`` (t = 1.5/(1−β₂), where Adam's second moment has
    mostly warmed up: 1−β₂ᵗ ≈ 0.78) and ``early``; each run goes on ``after`` steps
    past the spike. Steps are divided by the step just before the spike.
    """
    from adaproof.reports.simulate import adam_updates, updates

    out: dict[str, Any] = {"size": size, "at": {}}
    for key, at in (("late", late), ("early", early)):
        grads = np.ones((1, at + after))
        grads[0, at - 1] = size
        adam = adam_updates(grads, **ADAM)[0]
        mom = updates("momentum", grads, **MOMENTUM)[0]
        out["at"][key] = at
        out[f"t_{key}"] = np.arange(1, at + after + 1)
        out[f"adam_{key}"] = np.abs(adam) / abs(adam[at - 2])
        out[f"momentum_{key}"] = np.abs(mom) / abs(mom[at - 2])
    return out


def draw_gradient_spike(fig: Any, d: dict[str, Any]) -> None:
    axes = fig.subplots(1, 2, sharey=True)
    for ax, key, title in (
        (axes[0], "late", "after warm-up"),
        (axes[1], "early", "early in training"),
    ):
        at, t = d["at"][key], d[f"t_{key}"]
        lo, hi = max(at - 50, 0), len(t)
        sl = slice(lo, hi)
        ax.plot(
            t[sl],
            d[f"momentum_{key}"][sl],
            color=style.VERMILLION,
            label=r"momentum SGD ($\mu=0.9$)",
        )
        ax.plot(t[sl], d[f"adam_{key}"][sl], color=style.BLUE, label="Adam (defaults)")
        ax.axvline(at, color=style.GREY, lw=1.0, ls=":")
        i = at - 1
        for name, c in (("momentum", style.VERMILLION), ("adam", style.BLUE)):
            ax.annotate(
                rf"$\times{d[f'{name}_{key}'][i]:.2g}$",
                (t[i], d[f"{name}_{key}"][i]),
                xytext=(8, 0),
                textcoords="offset points",
                color=c,
                va="center",
            )
        ax.set_yscale("log")
        ax.set_xlabel(r"$t$")
        ax.set_title(rf"spike at $t={at}$ ({title})")
    axes[0].set_ylabel("step / step before the spike")
    axes[0].legend(loc="upper right")
    fig.suptitle(
        rf"One gradient {d['size']:g}× larger in a stream of $g_t=1$: "
        r"Adam's $\hat v_t$ remembers it for $\sim 1/(1-\beta_2)$ steps"
    )
