r"""Figures 2, 3 and 10: EMA weights, the bias of :math:`m_t`, half-life and window.

Every curve is measured from the recursion (:mod:`numerics`, Adam's first moment
:math:`m_t = \beta_1 m_{t-1} + (1-\beta_1)g_t`, through :func:`reports.simulate.ema` and
the one Monte Carlo :func:`reports.simulate.ema_moments`, as the claims run it) and drawn
next to the closed form from :mod:`derivations.ema` / :mod:`derivations.moments`.
Sources: Kingma & Ba (arXiv:1412.6980) §3; seed ``002_5f54ea678090eb2e.txt`` §2.1;
seed ``003_b8a56a2a249e5e41.txt`` Example 3 and Practice 2, 4;
seed ``004_7e32fd81a2d4d5ec.txt`` (E[m_t] = E[∇w](1−β^t)).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from adaproof.reports.figures import style
from adaproof.reports.figures.bridge import evaluate

# -- figure 2: weights ---------------------------------------------------------

WEIGHT_BETAS = (0.5, 0.8, 0.9)
WEIGHT_T = 12


def ema_weights_data(betas: tuple[float, ...] = WEIGHT_BETAS, t: int = WEIGHT_T) -> dict[str, Any]:
    r"""Weights of :math:`g_k` in :math:`m_t` and :math:`\hat m_t`, k = 1..t.

    Measured: the gradient streams are the rows of the identity matrix (row k is a unit
    impulse at step k), so the EMA :math:`m_t` of row k *is* the weight of :math:`g_k`, and
    :math:`\hat m_t = m_t/(1-\beta^t)` (Adam's bias correction).
    Exact: :math:`(1-\beta)\beta^{t-k}` and that over :math:`1-\beta^t`.
    """
    from adaproof.derivations import ema as E
    from adaproof.derivations import symbols as S
    from adaproof.reports.simulate import ema

    k = np.arange(1, t + 1)
    raw, normalized, raw_exact, norm_exact = [], [], [], []
    for beta in betas:
        m_t = ema(np.eye(t), beta=beta)[:, t - 1]
        raw.append(m_t)
        normalized.append(m_t / (1.0 - beta**t))
        raw_exact.append(evaluate(E.ema_weight(t, S.k, S.beta), {S.k: k, S.beta: beta}))
        norm_exact.append(evaluate(E.normalized_weight(t, S.k, S.beta), {S.k: k, S.beta: beta}))
    raw_a = np.array(raw)
    return {
        "betas": np.array(betas),
        "t": t,
        "k": k,
        "weights": raw_a,
        "normalized": np.array(normalized),
        "weights_exact": np.array(raw_exact),
        "normalized_exact": np.array(norm_exact),
        "sums": raw_a.sum(axis=1),
    }


def draw_ema_weights(fig: Any, d: dict[str, Any]) -> None:
    left, right = fig.subplots(1, 2, sharey=True)
    t = d["t"]
    for i, beta in enumerate(d["betas"]):
        c = style.CYCLE[i]
        lab = rf"$\beta={beta:g}$"
        left.plot(d["k"], d["weights_exact"][i], color=c, lw=1.2)
        left.plot(d["k"], d["weights"][i], "o", color=c, label=rf"{lab}: sum $={d['sums'][i]:.3f}$")
        right.plot(d["k"], d["normalized_exact"][i], color=c, lw=1.2)
        right.plot(d["k"], d["normalized"][i], "o", color=c, label=lab + r": sum $=1$")
    left.set_title(rf"weight of $g_k$ in $m_{{{t}}}$: $(1-\beta)\beta^{{t-k}}$")
    right.set_title(rf"in $\hat m_{{{t}}}$: $(1-\beta)\beta^{{t-k}}/(1-\beta^t)$")
    for ax in (left, right):
        ax.set_xlabel(r"$k$ (step of the gradient)")
        ax.legend(loc="upper left")
    left.set_ylabel("weight")
    style.note(right, "dots: recursion (impulse $g_k$)\nlines: closed form", loc="lower right")


# -- figure 3: E[m_t] with and without bias correction ---------------------------

BIAS_BETAS = (0.9, 0.99)
BIAS_T = 300
BIAS_B = 4000


def ema_bias_data(
    betas: tuple[float, ...] = BIAS_BETAS,
    T: int = BIAS_T,
    B: int = BIAS_B,
    mu: float = 1.0,
    sigma: float = 1.0,
    seed: int = 3,
) -> dict[str, Any]:
    r"""Monte Carlo :math:`E[m_t]/\mu`, :math:`E[\hat m_t]/\mu` (with standard errors) and exact."""
    from adaproof.derivations import moments as M
    from adaproof.derivations import symbols as S
    from adaproof.reports.simulate import ema_moments

    t = np.arange(1, T + 1)
    out: dict[str, Any] = {"betas": np.array(betas), "t": t, "mu": mu, "sigma": sigma, "B": B}
    rows: dict[str, list] = {k: [] for k in ("m", "m_se", "m_hat", "m_hat_se", "m_exact")}
    for i, beta in enumerate(betas):
        mc = ema_moments(beta, T, B, mu=mu, sigma=sigma, seed=seed + i)
        rows["m"].append(mc.mean["m"] / mu)
        rows["m_se"].append(mc.se_mean["m"] / abs(mu))
        rows["m_hat"].append(mc.mean["m_hat"] / mu)
        rows["m_hat_se"].append(mc.se_mean["m_hat"] / abs(mu))
        rows["m_exact"].append(evaluate(M.mean_m(S.t, S.beta, 1), {S.t: t, S.beta: beta}))
    out.update({k: np.array(v) for k, v in rows.items()})
    out["m_hat_exact"] = np.ones((len(betas), T))
    return out


def draw_ema_bias(fig: Any, d: dict[str, Any]) -> None:
    ax = fig.subplots()
    t = d["t"]
    sel = np.unique(np.geomspace(1, t[-1], 28).round().astype(int)) - 1
    for i, beta in enumerate(d["betas"]):
        c = style.CYCLE[i]
        ax.plot(t, d["m_exact"][i], color=c, lw=1.4)
        ax.errorbar(
            t[sel],
            d["m"][i][sel],
            yerr=2 * d["m_se"][i][sel],
            fmt="o",
            color=c,
            ms=4,
            label=rf"$E[m_t]/\mu$, $\beta={beta:g}$: $1-\beta^t$",
        )
        ax.errorbar(
            t[sel],
            d["m_hat"][i][sel],
            yerr=2 * d["m_hat_se"][i][sel],
            fmt="s",
            mfc="white",
            color=c,
            ms=4,
            label=rf"$E[\hat m_t]/\mu$, $\beta={beta:g}$",
        )
    ax.axhline(1.0, color=style.GREY, lw=1.0, ls="--")
    ax.set_xscale("log")
    ax.set_xlabel(r"$t$")
    ax.set_ylabel(r"mean $/\ \mu$")
    ax.set_ylim(-0.05, 1.3)
    ax.set_title(r"Bias correction: $\hat m_t = m_t/(1-\beta^t)$ has mean $\mu$ at every $t$")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    style.note(
        ax,
        rf"i.i.d. $g_t$, $\mu={d['mu']:g}$, $\sigma={d['sigma']:g}$; "
        rf"Monte Carlo {d['B']} runs ($\pm 2$ SE); lines: closed form",
        loc="upper left",
    )


# -- figure 10: half-life and window -------------------------------------------

HALF_LIFE_BETAS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.97, 0.99, 0.995, 0.999)


def ema_half_life_data(betas: tuple[float, ...] = HALF_LIFE_BETAS) -> dict[str, Any]:
    r"""Half-life and window: closed forms on a grid, and the measured half-life.

    Measured: the weight :math:`\beta^t` left on the initial value is
    :math:`1 - m_t` for a constant unit stream; the first t at which it is
    :math:`\le 1/2` is the integer half-life :math:`\lceil \ln(1/2)/\ln\beta \rceil`.
    """
    from adaproof.derivations import ema as E
    from adaproof.derivations import symbols as S
    from adaproof.reports.simulate import ema

    grid = 1.0 - np.geomspace(0.5, 1e-4, 120)
    b = np.array(betas)
    T = int(np.ceil(np.log(0.5) / np.log(b.max()))) * 2 + 5  # twice the longest half-life
    m = ema(np.ones((len(b), T)), beta=b)  # one row per beta, time on the last axis
    measured = np.argmax(1.0 - m <= 0.5, axis=1) + 1  # first t with beta^t <= 1/2
    return {
        "grid": grid,
        "half_life": evaluate(E.half_life(S.beta), {S.beta: grid}),
        "window": evaluate(E.effective_window(S.beta), {S.beta: grid}),
        "betas": np.array(betas),
        "measured": np.array(measured),
        "quoted": {0.9: 6.6, 0.99: 69.0},  # seed 003, Practice 4
    }


def draw_ema_half_life(fig: Any, d: dict[str, Any]) -> None:
    ax = fig.subplots()
    x = 1.0 - d["grid"]
    ax.loglog(x, d["window"], color=style.BLUE, label=r"window $1/(1-\beta)$")
    ax.loglog(x, d["half_life"], color=style.VERMILLION, label=r"half-life $\ln(1/2)/\ln\beta$")
    ax.loglog(
        1.0 - d["betas"],
        d["measured"],
        "o",
        color=style.VERMILLION,
        mfc="white",
        label=r"measured: first $t$ with $\beta^t\leq 1/2$ (recursion)",
    )
    for beta, value in d["quoted"].items():
        ax.plot([1 - beta], [value], "*", color=style.BLACK, ms=11)
        ax.annotate(
            rf"course page: $\approx {value:g}$ at $\rho={beta:g}$",
            (1 - beta, value),
            xytext=(12, -16),
            textcoords="offset points",
            fontsize="small",
        )
    ax.invert_xaxis()
    ax.set_xlabel(r"$1-\beta$ (log scale; $\beta\to 1$ to the right)")
    ax.set_ylabel("steps")
    ax.set_title(r"EMA memory: half-life $\approx \ln 2\cdot$ window as $\beta\to 1$")
    ax.legend(loc="upper left")
