r"""AMSGrad: the running maximum of the second moment, in the paper's and the libraries' forms.

Reddi, Kale & Kumar, "On the Convergence of Adam and Beyond" (ICLR 2018), Algorithm 2:

.. math::
    m_t = \beta_1 m_{t-1} + (1-\beta_1)g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2)g_t^2,\quad
    \hat v_t = \max(\hat v_{t-1}, v_t),\quad x_{t+1} = x_t - \alpha_t\frac{m_t}{\sqrt{\hat v_t}},

no bias correction, no ε. Conventions: PyTorch and Keras keep the maximum of
the *raw* :math:`v_t` and then divide it by :math:`1-\beta_2^t` (and m by :math:`1-\beta_1^t`),
ε outside the root; optax (default) keeps the maximum of the *bias-corrected*
:math:`\hat v_t = v_t/(1-\beta_2^t)`. The two differ: after :math:`g_1 = g, g_2 = 0`, PyTorch's
denominator is :math:`|g|/\sqrt{1+\beta_2}` and optax's is :math:`|g|`
(:func:`denominator_after_spike`).

>>> amsgrad_vmax_unrolled(2, convention="paper")[-1]
Max(g1**2*(1 - beta2), beta2*g1**2*(1 - beta2) + g2**2*(1 - beta2))
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import bias_correction as _bc
from adaproof.derivations.ema import ema_unrolled

CONVENTIONS = ("paper", "pytorch", "keras", "optax")


def _check(convention: str) -> None:
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")


def amsgrad_vmax_unrolled(
    n: int,
    beta2: sp.Expr = S.beta2,
    gs: Sequence[sp.Expr] | None = None,
    *,
    convention: str = "paper",
) -> list[sp.Expr]:
    r"""The quantity under the root for t = 1..n.

    ``"paper"``: :math:`\max_{k\le t} v_k`; ``"pytorch"``/``"keras"``:
    :math:`\max_{k\le t} v_k/(1-\beta_2^t)`; ``"optax"``: :math:`\max_{k\le t} v_k/(1-\beta_2^k)`.
    Source: Reddi et al. (ICLR 2018) Algorithm 2; ``torch.optim.Adam(amsgrad=True)``;
    ``optax.scale_by_amsgrad``.
    """
    _check(convention)
    gs = S.stream(n, gs)
    v = ema_unrolled([x**2 for x in gs], beta2)
    out: list[sp.Expr] = []
    run: sp.Expr | None = None  # max over the empty set: v_0 = 0 <= every v_t
    for t, vt in enumerate(v, start=1):
        cur = vt * _bc(t, beta2) if convention == "optax" else vt
        run = cur if run is None else sp.Max(run, cur)
        out.append(run * _bc(t, beta2) if convention in ("pytorch", "keras") else run)
    return out


def amsgrad_step(
    m: sp.Expr,
    vmax: sp.Expr,
    t: sp.Expr,
    *,
    convention: str = "paper",
    alpha: sp.Expr = S.alpha,
    beta1: sp.Expr = S.beta1,
    eps: sp.Expr = S.eps,
) -> sp.Expr:
    r"""The step subtracted from x, given raw :math:`m_t` and the entry of
    :func:`amsgrad_vmax_unrolled`.

    ``"paper"``: :math:`\alpha_t m_t/\sqrt{\hat v_t}` (pass :math:`\alpha_t = \alpha/\sqrt t` as
    ``alpha`` for the paper's schedule); the libraries:
    :math:`\alpha\,\frac{m_t/(1-\beta_1^t)}{\sqrt{\cdot}+\varepsilon}`.
    """
    _check(convention)
    if convention == "paper":
        return alpha * m / sp.sqrt(vmax)
    return alpha * m * _bc(t, beta1) / (sp.sqrt(vmax) + eps)


def denominator_after_spike(
    convention: str, *, g: sp.Expr = S.g, beta2: sp.Expr = S.beta2
) -> sp.Expr:
    r"""The root of :func:`amsgrad_vmax_unrolled` at t = 2 for :math:`g_1 = g`, :math:`g_2 = 0`.

    paper :math:`|g|\sqrt{1-\beta_2}`; PyTorch/Keras :math:`|g|/\sqrt{1+\beta_2}`; optax
    :math:`|g|`.

    >>> denominator_after_spike("optax")
    Abs(g)
    """
    vmax = amsgrad_vmax_unrolled(2, beta2, [g, sp.Integer(0)], convention=convention)[-1]
    b = sp.Dummy("b", positive=True)
    # evaluate the Max knowing beta2 < 1 by writing beta2 = 1/(1 + b)
    value = sp.simplify(vmax.subs(beta2, 1 / (1 + b)))
    return sp.factor(sp.sqrt(value).subs(b, 1 / beta2 - 1))


__all__ = ["CONVENTIONS", "amsgrad_step", "amsgrad_vmax_unrolled", "denominator_after_spike"]
