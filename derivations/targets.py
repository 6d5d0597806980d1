r"""The quantities a student's answer can be checked against (``adaproof targets``).

Each target is built by calling the derivation that owns it (nothing here
re-derives a formula); this module only records what the target means, which
symbols an answer may use, how its left-hand side may be written, and the
domains of its variables.

>>> from derivations.targets import TARGETS, split_name
>>> split_name("adam.m_hat:2")
('adam.m_hat:N', 2)
>>> sorted(TARGETS)[:3]
['adagrad.G:N', 'adam.eff_lr', 'adam.eff_lr_nobc']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.parsing.assume import Domain
from adaproof.derivations.parsing.notation import GREEK_CHARS

#: largest N accepted in ``family:N`` (the unrolled expressions grow with N)
MAX_N = 12
MAX_N_W = 6


@dataclass(frozen=True)
class TargetSpec:
    """A family of targets (``adam.m:N``) or a single one (``ema.mean``)."""

    pattern: str
    meaning: str
    build: Callable[[int | None], sp.Expr]
    lhs: Callable[[int | None], tuple[str, ...]]
    max_n: int | None = None  # None: no N
    overrides: dict[str, sp.Symbol] = field(default_factory=dict)
    assume: dict[sp.Symbol, Domain] = field(default_factory=dict)
    #: symbols an answer may use even where they cancel from the target (β₁ in m̂₁ = g₁)
    params: Callable[[int | None], tuple[sp.Symbol, ...]] = field(default=lambda n: ())


@dataclass(frozen=True)
class Target:
    """One concrete target: its expression, allowed names, domains and LHS spellings."""

    name: str
    spec: TargetSpec
    expr: sp.Expr
    allowed: dict[str, sp.Expr]
    lhs_keys: tuple[str, ...]

    @property
    def assume(self) -> dict[sp.Symbol, Domain]:
        return self.spec.assume

    @property
    def meaning(self) -> str:
        return self.spec.meaning


# -- builders: each calls the derivation that owns the quantity -------------


def _adam(field_name: str, bias_correction: bool = True):
    def build(n: int | None) -> sp.Expr:
        from adaproof.derivations.adam import adam_steps

        if field_name == "w":
            if n == 1:
                return S.w1
            return adam_steps(n - 1).w[n - 1]
        return getattr(adam_steps(n), field_name)[n - 1]

    return build


def _momentum(n: int | None) -> sp.Expr:
    from adaproof.derivations.momentum import heavy_ball_unrolled

    return _last(heavy_ball_unrolled(n, mu=S.mu_m), n)


def _rmsprop(n: int | None) -> sp.Expr:
    from adaproof.derivations.rmsprop import rmsprop_v_unrolled

    return _last(rmsprop_v_unrolled(n, rho=S.rho), n)


def _adagrad(n: int | None) -> sp.Expr:
    from adaproof.derivations.adagrad import adagrad_G_unrolled

    return _last(adagrad_G_unrolled(n), n)


def _last(result, n):
    """The N-th value whether a derivation returns it alone or the list up to it."""
    if isinstance(result, list | tuple):
        return result[n - 1] if len(result) >= n else result[-1]
    return result


def _moment(name: str):
    def build(n: int | None) -> sp.Expr:
        from adaproof.derivations import moments

        return getattr(moments, name)(t=S.t, beta=S.beta)

    return build


def _eff_lr(bias_correction: bool):
    def build(n: int | None) -> sp.Expr:
        from adaproof.derivations.adam import constant_gradient_step

        step = constant_gradient_step(t=S.t, bias_correction=bias_correction, g=S.g)
        # the target is stated for g > 0 (see assume): |g| is g there
        return sp.refine(step / S.g, sp.Q.positive(S.g))

    return build


def _max_ratio(n: int | None) -> sp.Expr:
    from adaproof.derivations.worst_case import adam_max_ratio

    return adam_max_ratio(t=S.t, beta1=S.beta1, beta2=S.beta2)


def _half_life(n: int | None) -> sp.Expr:
    from adaproof.derivations.ema import half_life

    return half_life(beta=S.beta)


def _keys(*fmt: str):
    return lambda n: tuple(f.format(n=n) for f in fmt)


def _params(*syms: sp.Symbol, grads: int = 0):
    """The family's parameters, plus g_1..g_{N+grads} for a family with N."""
    return lambda n: tuple(syms) + (tuple(S.grads(n + grads)) if n and n + grads >= 1 else ())


_POS_G = {S.g: Domain(lo=sp.Integer(0))}

_SPECS = [
    TargetSpec(
        "adam.m:N",
        "Adam's first moment m_N = β₁m_{N−1} + (1−β₁)g_N, m₀ = 0, in β₁, g₁…g_N",
        _adam("m"),
        _keys("m{n}"),
        MAX_N,
        params=_params(S.beta1),
    ),
    TargetSpec(
        "adam.v:N",
        "Adam's second moment v_N = β₂v_{N−1} + (1−β₂)g_N², v₀ = 0, in β₂, g₁…g_N",
        _adam("v"),
        _keys("v{n}"),
        MAX_N,
        params=_params(S.beta2),
    ),
    TargetSpec(
        "adam.m_hat:N",
        "bias-corrected first moment m̂_N = m_N/(1−β₁^N), in β₁, g₁…g_N",
        _adam("m_hat"),
        _keys("mhat{n}"),
        MAX_N,
        params=_params(S.beta1),
    ),
    TargetSpec(
        "adam.v_hat:N",
        "bias-corrected second moment v̂_N = v_N/(1−β₂^N), in β₂, g₁…g_N",
        _adam("v_hat"),
        _keys("vhat{n}"),
        MAX_N,
        params=_params(S.beta2),
    ),
    TargetSpec(
        "adam.w:N",
        "parameter w_N, w_{t+1} = w_t − α m̂_t/(√v̂_t + ε), in w₁, α, β₁, β₂, ε, g₁…g_{N−1}",
        _adam("w"),
        _keys("w{n}"),
        MAX_N_W,
        params=_params(S.w1, S.alpha, S.beta1, S.beta2, S.eps, grads=-1),
    ),
    TargetSpec(
        "momentum.u:N",
        "heavy-ball buffer u_N = μu_{N−1} + g_N, u₀ = 0, in μ, g₁…g_N",
        _momentum,
        _keys("u{n}", "v{n}", "b{n}"),
        MAX_N,
        overrides={"mu": S.mu_m},
        params=_params(S.mu_m),
    ),
    TargetSpec(
        "rmsprop.v:N",
        "RMSprop's v_N = ρv_{N−1} + (1−ρ)g_N², v₀ = 0, in ρ (or β), g₁…g_N",
        _rmsprop,
        _keys("v{n}", "s{n}", "Eg2{n}"),
        MAX_N,
        overrides={"beta": S.rho},
        params=_params(S.rho),
    ),
    TargetSpec(
        "adagrad.G:N",
        "AdaGrad's accumulator G_N = g₁² + … + g_N²",
        _adagrad,
        _keys("G{n}", "s{n}", "sum{n}"),
        MAX_N,
        params=_params(),
    ),
    TargetSpec(
        "ema.mean",
        "E[m_t] for i.i.d. gradients with mean μ, variance σ², EMA β, m₀ = 0",
        _moment("mean_m"),
        _keys("E(mt)", "mean(mt)", "E(m)"),
    ),
    TargetSpec(
        "ema.mean_hat",
        "E[m̂_t], m̂_t = m_t/(1−β^t), same setting as ema.mean",
        _moment("mean_m_hat"),
        _keys("E(mhatt)", "mean(mhatt)", "E(mhat)"),
        params=_params(S.mu, S.beta, S.t),
    ),
    TargetSpec(
        "ema.var",
        "Var(m_t) for i.i.d. gradients with mean μ, variance σ², EMA β, m₀ = 0",
        _moment("var_m"),
        _keys("Var(mt)", "V(mt)", "Var(m)"),
    ),
    TargetSpec(
        "ema.var_hat",
        "Var(m̂_t), m̂_t = m_t/(1−β^t), same setting as ema.var",
        _moment("var_m_hat"),
        _keys("Var(mhatt)", "V(mhatt)", "Var(mhat)"),
    ),
    TargetSpec(
        "adam.eff_lr",
        "Adam's step divided by g for a constant gradient g > 0 at step t "
        "(bias-corrected, ε outside the root)",
        _eff_lr(True),
        _keys("efflr", "lreff", "alphaeff", "etaeff", "alphat", "etat"),
        assume=_POS_G,
        params=_params(S.alpha, S.beta1, S.beta2, S.eps, S.g, S.t),
    ),
    TargetSpec(
        "adam.eff_lr_nobc",
        "the same without bias correction",
        _eff_lr(False),
        _keys("efflr", "lreff", "alphaeff", "etaeff", "alphat", "etat"),
        assume=_POS_G,
    ),
    TargetSpec(
        "adam.max_ratio",
        "the supremum over gradient sequences of |m̂_t|/√v̂_t at step t",
        _max_ratio,
        _keys("maxratio", "ratio", "sup(mhatt/sqrt(vhatt))", "R"),
    ),
    TargetSpec(
        "ema.half_life",
        "the number of steps after which an EMA's weight halves, β^h = 1/2",
        _half_life,
        _keys("h", "halflife", "t12", "n12"),
    ),
]

#: pattern -> spec
TARGETS: dict[str, TargetSpec] = {s.pattern: s for s in _SPECS}


class UnknownTarget(KeyError):
    """A target name that is not in the registry (message lists the known ones)."""

    def __str__(self) -> str:
        return str(self.args[0])


def split_name(name: str) -> tuple[str, int | None]:
    """``adam.m:3`` -> (``adam.m:N``, 3); ``ema.mean`` -> (``ema.mean``, None)."""
    m = re.fullmatch(r"([a-z_.]+[A-Za-z_]*):(\d{1,4})", name)
    if m:
        return m.group(1) + ":N", int(m.group(2))
    return name, None


def get_target(name: str) -> Target:
    """The concrete target for ``name``; UnknownTarget or ValueError with a sentence."""
    if not isinstance(name, str) or len(name) > 40:
        raise UnknownTarget("unknown target (names look like adam.m_hat:2 or ema.var)")
    pattern, n = split_name(name)
    spec = TARGETS.get(pattern)
    if spec is None:
        if name + ":N" in TARGETS:
            raise UnknownTarget(f"target {name!r} needs a step number, as in {name}:2")
        known = ", ".join(TARGETS)
        raise UnknownTarget(f"unknown target {name!r}; known targets: {known}")
    if spec.max_n is not None and not 1 <= n <= spec.max_n:
        raise ValueError(f"N must be between 1 and {spec.max_n} for {pattern}, got {n}")
    expr = spec.build(n)
    allowed: dict[str, sp.Expr] = {}
    for s in sorted(expr.free_symbols, key=lambda x: x.name):
        allowed[s.name] = s
    for sym in spec.params(n):
        allowed.setdefault(sym.name, sym)
    for key, sym in spec.overrides.items():
        if sym in expr.free_symbols or sym in spec.params(n):
            allowed[key] = sym
    return Target(name, spec, expr, allowed, spec.lhs(n))


# -- left-hand sides --------------------------------------------------------

_SUBDIGITS = dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789", strict=True))


def lhs_key(text: str) -> str:
    r"""A spelling-independent key for a left-hand side.

    >>> [lhs_key(s) for s in [r"\hat{m}_2", "m_hat_2", "m̂₂", r"\operatorname{Var}(\hat m_t)",
    ...                       "Var[m_hat_t]", r"\mathbb{E}[m_t]"]]
    ['mhat2', 'mhat2', 'mhat2', 'Var(mhatt)', 'Var(mhatt)', 'E(mt)']
    """
    s = "".join(_SUBDIGITS.get(ch, ch) for ch in text)
    s = "".join(GREEK_CHARS.get(ch, ch) for ch in s)
    s = re.sub(r"(\w)\u0302", r"\1hat", s)
    s = re.sub(r"\\(?:hat|widehat)\s*\{?\s*([A-Za-z])\s*\}?", r"\1hat", s)
    s = re.sub(r"\\(?:left|right|operatorname|mathrm|mathbb|text|mathit)(?![A-Za-z])", "", s)
    s = re.sub(r"\\([A-Za-z]+)", r"\1", s)
    s = s.replace("[", "(").replace("]", ")")
    s = re.sub(r"[\s{}_*\\,]", "", s)
    s = s.replace("hat", "hat")
    s = re.sub(r"^(?:var|VAR)\(", "Var(", s)
    s = re.sub(r"^(?:mean|Mean)\(", "mean(", s)
    return s


__all__ = [
    "MAX_N",
    "TARGETS",
    "Target",
    "TargetSpec",
    "UnknownTarget",
    "get_target",
    "lhs_key",
    "split_name",
]
