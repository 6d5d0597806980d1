r"""Adam: its first updates in the gradients, the constant-gradient step, conventions, scaling.

Adam (Kingma & Ba, arXiv:1412.6980, Algorithm 1), scalar parameter:

.. math::
    \begin{aligned}
    m_t &= \beta_1 m_{t-1} + (1-\beta_1) g_t, & v_t &= \beta_2 v_{t-1} + (1-\beta_2) g_t^2,\\
    \hat m_t &= \frac{m_t}{1-\beta_1^t}, & \hat v_t &= \frac{v_t}{1-\beta_2^t},\\
    w_{t+1} &= w_t - \alpha\frac{\hat m_t}{\sqrt{\hat v_t}+\varepsilon}, & m_0 &= v_0 = 0.
    \end{aligned}

Symbols: ``beta1`` is β₁, ``beta2`` β₂, ``alpha`` α (lr), ``epsilon`` ε, ``w1`` w₁,
``g1, g2, …`` the gradients (see :mod:`derivations.symbols`).

>>> from derivations.symbols import g
>>> s = adam_steps(2)
>>> s.m_hat[0], s.v_hat[0]
(g1, g1**2)
>>> constant_gradient_step(S.t, g=g)
alpha*g/(epsilon + Abs(g))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import bias_correction as _bc
from adaproof.derivations.ema import ema_unrolled, weights_sum

#: Adam update conventions (where ε sits, how bias correction is applied); see :func:`adam_update`
CONVENTIONS = ("paper", "pytorch", "efficient", "keras", "optax")


class AdamSteps(NamedTuple):
    """Adam's state for t = 1..n (``m`` … ``v_hat``) and the parameters w_1..w_{n+1}."""

    m: list[sp.Expr]
    v: list[sp.Expr]
    m_hat: list[sp.Expr]
    v_hat: list[sp.Expr]
    w: list[sp.Expr]


def adam_steps(
    n: int,
    *,
    bias_correction: bool = True,
    gs: Sequence[sp.Expr] | None = None,
    beta1: sp.Expr = S.beta1,
    beta2: sp.Expr = S.beta2,
    alpha: sp.Expr = S.alpha,
    eps: sp.Expr = S.eps,
    w1: sp.Expr = S.w1,
    eps_inside: bool = False,
) -> AdamSteps:
    r"""Adam's first n steps in the gradients :math:`g_1 … g_n` (the recursion, unrolled).

    ``m``, ``v``, ``m_hat``, ``v_hat`` hold t = 1..n; ``w`` holds :math:`w_1 … w_{n+1}` with
    :math:`w_{t+1} = w_t - \alpha\hat m_t/(\sqrt{\hat v_t}+\varepsilon)`
    (``eps_inside=True``: :math:`\sqrt{\hat v_t+\varepsilon}`). ``bias_correction=False``
    sets :math:`\hat m_t = m_t`, :math:`\hat v_t = v_t` (seed ``000_1a5d8446094796f9.txt``).
    Source: Kingma & Ba (arXiv:1412.6980), Algorithm 1; seed ``001_a9f80f3499dce77f.txt``,
    Part 1 (3.1).

    >>> s = adam_steps(2)
    >>> sp.factor(s.m[1])
    -(beta1 - 1)*(beta1*g1 + g2)
    >>> s.w[1]
    -alpha*g1/(epsilon + Abs(g1)) + w1
    """
    gs = S.stream(n, gs)
    if len(gs) != n:
        raise ValueError(f"need {n} gradients, got {len(gs)}")
    m = ema_unrolled(gs, beta1)
    v = ema_unrolled([x**2 for x in gs], beta2)
    if bias_correction:
        m_hat = [mt * _bc(i, beta1) for i, mt in enumerate(m, start=1)]
        v_hat = [vt * _bc(i, beta2) for i, vt in enumerate(v, start=1)]
    else:
        m_hat, v_hat = list(m), list(v)
    w = [S.as_expr(w1)]
    for mh, vh in zip(m_hat, v_hat, strict=True):
        w.append(w[-1] - step_from_moments(mh, vh, alpha=alpha, eps=eps, eps_inside=eps_inside))
    return AdamSteps(m, v, m_hat, v_hat, w)


def step_from_moments(
    m_hat: sp.Expr,
    v_hat: sp.Expr,
    *,
    alpha: sp.Expr = S.alpha,
    eps: sp.Expr = S.eps,
    eps_inside: bool = False,
) -> sp.Expr:
    r"""The step :math:`\alpha\frac{\hat m}{\sqrt{\hat v}+\varepsilon}` (or
    :math:`\alpha\frac{\hat m}{\sqrt{\hat v+\varepsilon}}`), subtracted from w.

    Source: Kingma & Ba (arXiv:1412.6980), Algorithm 1 (ε outside); ε inside the root is
    the optax ``eps_root`` / Keras-RMSprop placement (each named below)
    """
    den = sp.sqrt(v_hat + eps) if eps_inside else sp.sqrt(v_hat) + eps
    return alpha * m_hat / den


def adam_update(
    m: sp.Expr,
    v: sp.Expr,
    t: sp.Expr,
    *,
    convention: str = "paper",
    alpha: sp.Expr = S.alpha,
    beta1: sp.Expr = S.beta1,
    beta2: sp.Expr = S.beta2,
    eps: sp.Expr = S.eps,
    eps_root: sp.Expr = 0,
) -> sp.Expr:
    r"""The step subtracted from w given raw moments m_t, v_t, under a named convention.

    * ``"paper"`` (Kingma & Ba, arXiv:1412.6980, Algorithm 1) and ``"pytorch"``
      (``torch.optim.Adam``: :math:`\sqrt{v}/\sqrt{1-\beta_2^t}+\varepsilon`, step lr/(1−β₁ᵗ)):
      :math:`\alpha\frac{m/(1-\beta_1^t)}{\sqrt{v/(1-\beta_2^t)}+\varepsilon}`.
    * ``"efficient"`` (the paper's §2 reordering) and ``"keras"``:
      :math:`\alpha_t\frac{m}{\sqrt{v}+\hat\varepsilon}` with
      :math:`\alpha_t = \alpha\sqrt{1-\beta_2^t}/(1-\beta_1^t)`; ``eps`` is ε̂. It equals the
      paper's step only when :math:`\hat\varepsilon = \varepsilon\sqrt{1-\beta_2^t}`
      (:func:`efficient_form_epsilon`).
    * ``"optax"`` (``optax.scale_by_adam``):
      :math:`\alpha\frac{\hat m}{\sqrt{\hat v+\varepsilon_{root}}+\varepsilon}`.

    >>> from derivations.symbols import t
    >>> m, v = sp.symbols("m v", positive=True)
    >>> sp.simplify(adam_update(m, v, t, convention="keras", eps=0) - adam_update(m, v, t, eps=0))
    0
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    m_hat, v_hat = m * _bc(t, beta1), v * _bc(t, beta2)
    if convention in ("paper", "pytorch"):
        # sqrt(v_hat) as sqrt(v)/sqrt(1 - beta2^t), PyTorch's order (both factors >= 0)
        return alpha * m_hat / (sp.sqrt(v) / sp.sqrt(1 - beta2**t) + eps)
    if convention in ("efficient", "keras"):
        alpha_t = alpha * sp.sqrt(1 - beta2**t) / (1 - beta1**t)
        return alpha_t * m / (sp.sqrt(v) + eps)
    return alpha * m_hat / (sp.sqrt(v_hat + eps_root) + eps)


def efficient_form_epsilon(t: sp.Expr, beta2: sp.Expr = S.beta2, eps: sp.Expr = S.eps) -> sp.Expr:
    r"""The ε̂ that makes the efficient form equal Algorithm 1:
    :math:`\hat\varepsilon = \varepsilon\sqrt{1-\beta_2^t}`.

    Source: Kingma & Ba (arXiv:1412.6980), §2, last paragraph before 2.1.
    """
    return eps * sp.sqrt(1 - beta2**t)


# -- constant gradient ---------------------------------------------------------


def constant_gradient_moments(
    t: sp.Expr, *, g: sp.Expr = S.g, beta1: sp.Expr = S.beta1, beta2: sp.Expr = S.beta2
) -> tuple[sp.Expr, sp.Expr]:
    r"""(m_t, v_t) for :math:`g_1 = … = g_t = g`: :math:`(g(1-\beta_1^t),\ g^2(1-\beta_2^t))`.

    Source: seed ``000_1a5d8446094796f9.txt``, Solution
    (:math:`v^{(t+1)} = (1-\beta)\sum_{\tau=1}^t\beta^{\tau-1}g`).
    """
    return g * weights_sum(t, beta1), g**2 * weights_sum(t, beta2)


def constant_gradient_step(
    t: sp.Expr,
    *,
    bias_correction: bool = True,
    g: sp.Expr = S.g,
    eps_inside: bool = False,
    alpha: sp.Expr = S.alpha,
    beta1: sp.Expr = S.beta1,
    beta2: sp.Expr = S.beta2,
    eps: sp.Expr = S.eps,
) -> sp.Expr:
    r"""Adam's step at t for a constant gradient g (signed like g), exact for every t.

    With bias correction: :math:`\alpha\frac{g}{|g|+\varepsilon}` (independent of t);
    without: :math:`\alpha\frac{g(1-\beta_1^t)}{|g|\sqrt{1-\beta_2^t}+\varepsilon}`; with
    ``eps_inside`` the denominators are :math:`\sqrt{g^2+\varepsilon}` and
    :math:`\sqrt{g^2(1-\beta_2^t)+\varepsilon}`. Source: seed ``000_1a5d8446094796f9.txt``
    (the tutorial, no bias correction); Kingma & Ba (arXiv:1412.6980) §3.

    >>> from derivations.symbols import t
    >>> constant_gradient_step(t, bias_correction=False, eps=0)
    alpha*g*(1 - beta1**t)/(sqrt(1 - beta2**t)*Abs(g))
    """
    m, _ = constant_gradient_moments(t, g=g, beta1=beta1, beta2=beta2)
    # sqrt(v_t) = |g| sqrt(1 - beta2^t) and sqrt(v_hat_t) = |g|, written out because
    # SymPy cannot know 1 - beta2^t >= 0
    if bias_correction:
        m, rms, ms = g, sp.Abs(g), g**2
    else:
        w2 = weights_sum(t, beta2)
        rms, ms = sp.Abs(g) * sp.sqrt(w2), g**2 * w2
    den = sp.sqrt(ms + eps) if eps_inside else rms + eps
    return alpha * m / den


def constant_gradient_limit(
    *,
    bias_correction: bool = True,
    g: sp.Expr = S.g,
    eps_inside: bool = False,
    alpha: sp.Expr = S.alpha,
    beta1: sp.Expr = S.beta1,
    beta2: sp.Expr = S.beta2,
    eps: sp.Expr = S.eps,
) -> sp.Expr:
    r""":math:`\lim_{t\to\infty}` of :func:`constant_gradient_step`:
    :math:`\alpha\frac{g}{|g|+\varepsilon}` (→ α·sign g at ε = 0).

    Taken by :func:`~derivations.symbols.limit_t_to_infinity` (β₁, β₂ ∈ (0, 1)).
    Source: seed ``000_1a5d8446094796f9.txt`` ("α_eff ≈ α/|g|").

    >>> constant_gradient_limit(bias_correction=False)
    alpha*g/(epsilon + Abs(g))
    """
    b1, b2 = sp.Dummy("b1", positive=True), sp.Dummy("b2", positive=True)
    step = constant_gradient_step(
        S.t,
        bias_correction=bias_correction,
        g=g,
        eps_inside=eps_inside,
        alpha=alpha,
        beta1=b1,
        beta2=b2,
        eps=eps,
    )
    lim = S.limit_t_to_infinity(step, b1, b2)
    return lim.subs({b1: beta1, b2: beta2})


def effective_lr(
    t: sp.Expr, *, bias_correction: bool = True, g: sp.Expr = S.g, **kw: sp.Expr
) -> sp.Expr:
    r"""The constant-gradient step divided by g, :math:`\alpha_{\mathrm{eff}} = \Delta_t/g` (target
    ``adam.eff_lr``).

    Source: seed ``000_1a5d8446094796f9.txt`` (α_eff ≈ α/|g|).
    """
    return sp.cancel(constant_gradient_step(t, bias_correction=bias_correction, g=g, **kw) / g)


def _ratio_function(beta1: float, beta2: float, g: float, eps: float, eps_inside: bool):
    """r(t) = step_t/step_∞ without bias correction, in floats (stable powers)."""
    la, lb = math.log(beta1), math.log(beta2)

    def den(y: float) -> float:  # y = beta2^t
        one_minus = -math.expm1(math.log(y)) if y > 0 else 1.0
        return (
            math.sqrt(g * g * one_minus + eps)
            if eps_inside
            else abs(g) * math.sqrt(one_minus) + eps
        )

    d_inf = den(0.0)

    def r(t: int) -> float:
        x_comp = -math.expm1(t * la)  # 1 - beta1^t
        return x_comp * d_inf / den(math.exp(t * lb))

    def bounds(t: int) -> tuple[float, float]:
        # for every t' >= t: 1 - beta1^t <= r(t') <= d_inf/den(beta2^t), since r falls with
        # beta1^t' and rises with beta2^t', and both fall with t'
        return -math.expm1(t * la), d_inf / den(math.exp(t * lb))

    return r, bounds


def steps_to_tolerance(
    tol: float,
    beta1: float,
    beta2: float,
    *,
    bias_correction: bool = False,
    g: float = 1.0,
    eps: float = 0.0,
    eps_inside: bool = False,
    max_steps: int = 10**7,
) -> int:
    r"""The first step T with :math:`|\Delta_t/\Delta_\infty - 1| \le \mathrm{tol}` for every t ≥ T
    (constant g).

    Without bias correction :math:`\Delta_t/\Delta_\infty =
    (1-\beta_1^t)\frac{|g|+\varepsilon}{|g|\sqrt{1-\beta_2^t}+\varepsilon}`; it falls with
    :math:`\beta_1^t` and rises with :math:`\beta_2^t`, so for t ≥ T it lies in
    :math:`[1-\beta_1^T,\ (|g|+\varepsilon)/(|g|\sqrt{1-\beta_2^T}+\varepsilon)]`: once both ends
    are within tol, every later step is; the steps before are scanned one by one (float64 with
    ``expm1``; the answer is exact unless some :math:`|r_t-1|` is within ~1e-15 of tol).
    With bias correction the step is constant and the answer is 1. Source: seed
    ``000_1a5d8446094796f9.txt`` ("for sufficiently large t", quantified), catalogue claim 000-4.

    >>> steps_to_tolerance(0.01, 0.9, 0.999)
    3925
    >>> steps_to_tolerance(0.01, 0.9, 0.999, bias_correction=True)
    1
    """
    if not 0 < tol < 1 or tol < 1e-12:
        raise ValueError(f"tol must be in [1e-12, 1), got {tol}")
    for name, b in (("beta1", beta1), ("beta2", beta2)):
        if not 0 < b < 1:
            raise ValueError(f"{name} must be in (0, 1), got {b}")
    if g == 0:
        raise ValueError("g must be nonzero (the step is 0 at every t for g = 0)")
    if eps < 0:
        raise ValueError(f"eps must be >= 0, got {eps}")
    if bias_correction:
        return 1
    r, bounds = _ratio_function(beta1, beta2, float(g), float(eps), eps_inside)
    t_sure = 1
    while True:
        lo, hi = bounds(t_sure)
        if 1 - lo <= tol and hi - 1 <= tol:
            break
        t_sure *= 2
        if t_sure > max_steps:
            raise ValueError(f"more than max_steps = {max_steps} steps needed")
    last_bad = 0
    for t in range(1, t_sure):
        if abs(r(t) - 1) > tol:
            last_bad = t
    return last_bad + 1


# -- scaling g -> c g (seed 001, Part 2) ---------------------------------------


def scaled_adam_steps(n: int, c: sp.Expr = S.c, **kw) -> AdamSteps:
    r"""Adam's first n steps with every gradient replaced by :math:`c\,g_k`.

    Source: seed ``001_a9f80f3499dce77f.txt``, Part 2, item 2.
    """
    return adam_steps(n, gs=[c * x for x in S.grads(n)], **kw)


def scaling_factor(
    c: sp.Expr = S.c,
    *,
    v_hat: sp.Expr | None = None,
    eps: sp.Expr = S.eps,
) -> sp.Expr:
    r"""Step with gradients :math:`c g` over step with :math:`g`:
    :math:`\frac{c(\sqrt{\hat v}+\varepsilon)}{|c|\sqrt{\hat v}+\varepsilon}`.

    From :math:`\hat m \mapsto c\hat m`, :math:`\hat v \mapsto c^2\hat v`. At ε = 0 it is
    :math:`\operatorname{sign}(c)` (invariant for c > 0, a flip for c < 0); as
    :math:`\hat v \to 0` with ε > 0 it tends to c (the step becomes
    :math:`\propto c\hat m/\varepsilon`).
    Source: seed ``001_a9f80f3499dce77f.txt``, Part 2, items 2–3.

    >>> scaling_factor(eps=0)
    c/Abs(c)
    """
    v_hat = sp.Symbol("vhat", nonnegative=True) if v_hat is None else v_hat
    r = c * (sp.sqrt(v_hat) + eps) / (sp.Abs(c) * sp.sqrt(v_hat) + eps)
    return sp.simplify(r) if eps == 0 else r


def epsilon_step_bound(
    m_hat: sp.Expr | None = None,
    v_hat: sp.Expr | None = None,
    *,
    alpha: sp.Expr = S.alpha,
    eps: sp.Expr = S.eps,
) -> sp.LessThan:
    r"""Seed 001's bound:
    :math:`\left|\alpha\frac{\hat m}{\sqrt{\hat v}+\varepsilon}\right| \le \frac{\alpha|\hat
    m|}{\varepsilon}` (ε > 0).

    Source: seed ``001_a9f80f3499dce77f.txt``, Part 2, item 3 (catalogue claims 001-6*).
    """
    m_hat = sp.Symbol("mhat", real=True) if m_hat is None else m_hat
    v_hat = sp.Symbol("vhat", nonnegative=True) if v_hat is None else v_hat
    step = step_from_moments(m_hat, v_hat, alpha=alpha, eps=eps)
    return sp.Le(sp.Abs(step), alpha * sp.Abs(m_hat) / eps, evaluate=False)


__all__ = [
    "CONVENTIONS",
    "AdamSteps",
    "adam_steps",
    "adam_update",
    "constant_gradient_limit",
    "constant_gradient_moments",
    "constant_gradient_step",
    "effective_lr",
    "efficient_form_epsilon",
    "epsilon_step_bound",
    "scaled_adam_steps",
    "scaling_factor",
    "step_from_moments",
    "steps_to_tolerance",
]
