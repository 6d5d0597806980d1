"""Runs shared by several sections of the notes' claims: the adversarial regret search
(Theorems 2 and 3 and the steps of Theorem 3's proof) and AdaGrad's accumulator."""

from __future__ import annotations

import functools
import math

import numpy as np
from adaproof.numerics.regret import run_fixed, run_online
from adaproof.reports import simulate
from adaproof.reports.claims.evidence import Comparison

SQRT2 = math.sqrt(2.0)
#: gradient streams in the Monte Carlo of Var(m_hat_t)
SAMPLES = 20_000
#: standard errors within which a Monte Carlo estimate agrees with a value
SE_TOL = 4


def adagrad_accumulator(g: np.ndarray) -> np.ndarray:
    """AdaGrad's accumulator after the whole stream ``g`` (time on axis 0), by numerics."""
    G, _ = simulate.adagrad(np.moveaxis(np.asarray(g, dtype=float), 0, -1))
    return G[..., -1]


def play_fixed(g: np.ndarray, *, D: float, norm: str, w1=None):
    """Projected adaptive GD (c = sqrt(2) D) on the fixed gradient sequences ``g``."""
    return run_fixed(g, D=D, c=SQRT2 * D, norm=norm, w1=w1)


@functools.cache
def regret_search(dim: int, norm: str) -> dict:
    """Adversarial plays of projected adaptive GD (numerics.regret): the worst ratio of regret
    to D times the gradient term, and in 1-d the checks of the proof's steps."""
    rng = np.random.default_rng(100 + dim)
    D, c, T = 1.0, SQRT2, 60
    plays, names = [], []

    def add(play, name):
        plays.append(play)
        names.extend([name] * len(play.regret))

    add(run_fixed(np.ones((1, T, dim)), D=D, c=c, norm=norm), "constant")
    rev = np.ones((19, T, dim))
    for k, f in enumerate(np.linspace(0.05, 0.95, 19)):
        rev[k, : int(f * T)] = -1.0
    add(run_fixed(rev, D=D, c=c, norm=norm), "reversal")
    add(
        run_fixed(
            rng.choice([-1.0, 1.0], size=(64, T, dim)),
            D=D,
            c=c,
            norm=norm,
            w1=rng.uniform(-D, D, (64, dim)),
        ),
        "random signs",
    )
    add(
        run_online(
            lambda t, w: np.where(w >= 0, 1.0, -1.0), T, batch=1, dim=dim, D=D, c=c, norm=norm
        ),
        "greedy",
    )
    pop = rng.normal(size=(128, 40, dim)) * np.exp(2 * rng.normal(size=(128, 40, dim)))
    for _ in range(80):
        p = run_fixed(pop, D=D, c=c, norm=norm)
        sc = p.regret / (D * p.scale)
        top = pop[np.argsort(sc)[-16:]]
        kids = np.repeat(top, 7, axis=0)
        mask = rng.random(kids.shape) < 0.1
        kids = np.where(
            mask,
            kids * np.exp(rng.normal(size=kids.shape)) * rng.choice([-1.0, 1.0], size=kids.shape),
            kids,
        )
        pop = np.concatenate([top, kids])
    add(run_fixed(pop, D=D, c=c, norm=norm), "hill climb")
    ratios = np.concatenate([p.regret / (D * p.scale) for p in plays])
    out = {
        "ratio": float(ratios.max()),
        "adversary": names[int(ratios.argmax())],
        "played": int(ratios.size),
    }
    if dim == 1:
        out.update(_proof_steps_1d(plays, D, c))
    return out


def _proof_steps_1d(plays, D: float, c: float) -> dict:
    """Along every 1-d play: the largest (w_t - w*)^2, the largest increase of the distance
    to w* by the projection, the smallest slack of the corrected telescoped bound, and a
    play whose regret exceeds the bound derived with the wrong step (if any)."""
    gap, viol, margin, ce = 0.0, -np.inf, np.inf, None
    for p in plays:
        g, w = p.g[..., 0], p.w[..., 0]
        total = g.sum(axis=1)
        wstar = np.where(total > 0, -D, D)[:, None]
        acc = np.cumsum(g * g, axis=1)
        eta = np.where(acc > 0, c / np.sqrt(np.where(acc > 0, acc, 1.0)), 0.0)
        gap = max(gap, float(np.max((w - wstar) ** 2)))
        free = w[:, :-1] - eta[:, :-1] * g[:, :-1]
        viol = max(viol, float(np.max((w[:, 1:] - wstar) ** 2 - (free - wstar) ** 2)))
        regret = np.sum(g * (w - wstar), axis=1)
        half_sum = 0.5 * np.sum(eta * g * g, axis=1)
        s_t = np.sqrt(acc[:, -1])
        wrong = D**2 * s_t / (2 * c) + half_sum
        right = 4 * D**2 * s_t / (2 * c) + half_sum
        margin = min(margin, float(np.min((right - regret) / np.maximum(s_t, 1e-300))))
        bad = np.flatnonzero(regret > wrong * (1 + 1e-9))
        if ce is None and bad.size:
            i = int(bad[np.argmax((regret - wrong)[bad])])
            ce = {
                "D": D,
                "c": c,
                "g": [round(float(x), 6) for x in g[i]],
                "regret": float(regret[i]),
                "wrong_rhs": float(wrong[i]),
            }
    return {
        "max_gap_sq": gap,
        "projection_violation": viol,
        "corrected_step_margin": margin,
        "wrong_step_counterexample": ce,
    }


def var_m_hat_runs(beta: float, T: int) -> tuple[np.ndarray, np.ndarray]:
    """Monte Carlo Var(m_hat_t), t = 1..T, and its standard errors (N(0, 1) gradients)."""
    r = simulate.ema_moments(beta, T, SAMPLES, seed=0)
    return r.var["m_hat"], r.se_var["m_hat"]


def mc_agrees(
    name: str, value: float, reference: float, se: float, mode: str = "exact"
) -> Comparison:
    """A Monte Carlo estimate against a reference: passes within :data:`SE_TOL` standard
    errors ``se``."""
    return Comparison(name, value, reference, SE_TOL * se, mode)  # type: ignore[arg-type]


def mc_differs(value: float, claimed: float, se: float) -> bool:
    """Whether a Monte Carlo estimate lies more than :data:`SE_TOL` standard errors from a
    claimed value (the test that makes a claimed value a counterexample)."""
    return abs(value - claimed) > SE_TOL * se
