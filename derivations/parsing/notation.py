"""How the names a user types map onto the package's own symbols.

``beta1``, ``b1``, ``β1``, ``β₁``, ``beta_1`` and ``\\beta_1`` are all
:data:`derivations.symbols.beta1`; ``alpha``, ``lr``, ``eta`` are the learning
rate; ``eps``, ``epsilon``, ``ε``, ``\\varepsilon`` are ε; ``g1``, ``g_1``,
``g_{1}`` are the first gradient. The table :data:`NOTATION` is what README shows.

A :class:`Scope` says which names an expression may use: a target allows only
its own symbols; a free-standing claim also accepts new names (made real symbols).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.parsing.limits import MAX_NAME, ParseError

#: Greek letters typed directly, mapped to their names
GREEK_CHARS = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ϵ": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "µ": "mu",  # micro sign
    "ν": "nu",
    "ξ": "xi",
    "π": "pi",
    "ρ": "rho",
    "σ": "sigma",
    "τ": "tau",
    "φ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
    "ι": "iota",
    "υ": "upsilon",
    "ϑ": "vartheta",
    "ς": "varsigma",
    "ϕ": "varphi",
    "ℓ": "ell",
    "Γ": "Gamma",
    "Δ": "Delta",
    "Θ": "Theta",
    "Λ": "Lambda",
    "Ξ": "Xi",
    "Π": "Pi",
    "Σ": "Sigma",
    "Φ": "Phi",
    "Ψ": "Psi",
    "Ω": "Omega",
}

#: LaTeX commands for Greek letters (without the backslash)
GREEK_COMMANDS = frozenset(
    {
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "varepsilon",
        "zeta",
        "eta",
        "theta",
        "kappa",
        "lambda",
        "mu",
        "nu",
        "xi",
        "pi",
        "rho",
        "varrho",
        "sigma",
        "tau",
        "phi",
        "varphi",
        "chi",
        "psi",
        "omega",
        "iota",
        "upsilon",
        "ell",
        "vartheta",
        "varsigma",
        "varpi",
        "varkappa",
        "Gamma",
        "Delta",
        "Theta",
        "Lambda",
        "Xi",
        "Pi",
        "Sigma",
        "Upsilon",
        "Phi",
        "Psi",
        "Omega",
    }
)

#: alternative spellings of a base name (before any index digits)
BASE_ALIASES = {
    "b": "beta",
    "eps": "epsilon",
    "varepsilon": "epsilon",
    "lr": "alpha",
    "eta": "alpha",
    "lam": "lambda",
    "varrho": "rho",
    "vartheta": "theta",
    "varphi": "phi",
    "varsigma": "sigma",
    "varpi": "pi",
    "varkappa": "kappa",
    "sd": "sigma",
}

#: canonical name -> the package's symbol, for names that mean the same everywhere
PACKAGE_SYMBOLS: dict[str, sp.Symbol] = {
    "beta1": S.beta1,
    "beta2": S.beta2,
    "beta": S.beta,
    "rho": S.rho,
    "alpha": S.alpha,
    "epsilon": S.eps,
    "lambda": S.lam,
    "sigma": S.sigma,
    "mu": S.mu,
    "g": S.g,
    "t": S.t,
    "w1": S.w1,
}

#: (what a user may type, what it means) rows for README and ``adaproof targets``
NOTATION: list[tuple[str, str]] = [
    ("beta1, b1, β1, β₁, beta_1, \\beta_1", "β₁, Adam's first-moment EMA parameter"),
    ("beta2, b2, β2, β₂, \\beta_2", "β₂, Adam's second-moment EMA parameter"),
    ("beta, b, β, \\beta", "β, a generic EMA parameter"),
    ("rho, ρ, \\rho", "ρ, RMSprop's decay (rmsprop.v also accepts β)"),
    ("mu, μ, \\mu", "μ: heavy-ball momentum in momentum.u, gradient mean in ema.*"),
    ("alpha, lr, eta, α, η, \\alpha, \\eta", "α, the learning rate"),
    ("eps, epsilon, ε, \\epsilon, \\varepsilon", "ε"),
    ("sigma, σ, \\sigma", "σ, gradient standard deviation"),
    ("g1, g_1, g_{1}, g₁", "the first gradient (g2, g3, … likewise)"),
    (
        "\\nabla w_1, \\nabla f(\\mathbf{x}_1), \\mathbf{g}_1",
        "LaTeX: the gradient of step 1, g1 (targets call g_N the gradient of step N)",
    ),
    ("g", "a constant gradient (adam.eff_lr)"),
    ("t, k", "the step (a positive integer) and a summation index"),
    ("w1, w_1", "the first parameter value"),
    ("E[m_t] = …, \\mathbb{E}[…], Var(…) = …", "the left side of an ema.* answer"),
]

_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_SPLIT_RE = re.compile(r"^([A-Za-z_]*?[A-Za-z])_?\{?(\d+)\}?$")


def canonical(name: str) -> str:
    """The canonical spelling of a name: ``b_1`` -> ``beta1``, ``lr`` -> ``alpha``.

    >>> canonical("b_1"), canonical("lr"), canonical("g_{12}"), canonical("m_hat_2")
    ('beta1', 'alpha', 'g12', 'm_hat2')
    """
    m = _SPLIT_RE.match(name)
    if m:
        base, digits = m.group(1), str(int(m.group(2)))
    else:
        base, digits = name, ""
    base = BASE_ALIASES.get(base, base)
    return base + digits


def gradient_index(key: str) -> int | None:
    """n for the canonical name ``g<n>``, else None."""
    m = re.fullmatch(r"g([1-9]\d{0,3})", key)
    return int(m.group(1)) if m else None


@dataclass
class Scope:
    """Which names an expression may use and what they mean.

    ``allowed`` (canonical name -> expression) restricts the names to those of a
    target; None accepts any valid name (free-standing claims), made a real
    symbol unless it is one of the package's. ``defined`` holds names defined by
    ``given`` lines. ``overrides`` changes the meaning of a canonical name
    (``mu`` is the momentum coefficient in ``momentum.u``).
    """

    allowed: dict[str, sp.Expr] | None = None
    defined: dict[str, sp.Expr] = field(default_factory=dict)
    overrides: dict[str, sp.Expr] = field(default_factory=dict)
    fresh: dict[str, sp.Symbol] = field(default_factory=dict)
    describe: str = ""
    #: symbols whose domain the user stated: the symbol a name would otherwise mean -> a
    #: symbol of the same name whose SymPy assumptions are only what was stated (β is
    #: positive by convention; after ``b > -1`` the name b means a real β, so that SymPy
    #: does not simplify ``sqrt(b)^2`` to ``b`` while building). Set by
    #: :func:`~adaproof.derivations.parsing.assume.parse_assumptions`.
    stated: dict[sp.Symbol, sp.Symbol] = field(default_factory=dict)
    #: the domain stated so far for each symbol of ``stated`` (keyed like ``stated``)
    stated_domains: dict[sp.Symbol, object] = field(default_factory=dict)

    def original(self, sym: sp.Expr) -> sp.Expr:
        """The symbol a name meant before an assumption replaced it (``sym`` otherwise)."""
        for old, new in self.stated.items():
            if new == sym:
                return old
        return sym

    def _restated(self, expr: sp.Expr) -> sp.Expr:
        if not self.stated:
            return expr
        if isinstance(expr, sp.Symbol):
            return self.stated.get(expr, expr)
        if isinstance(expr, sp.Basic) and expr.free_symbols & set(self.stated):
            return expr.xreplace(self.stated)
        return expr

    def resolve(self, name: str, position: int | None = None) -> sp.Expr:
        """The SymPy object for ``name`` (already free of markup), or ParseError.

        A symbol whose domain the user stated is the one of :attr:`stated`."""
        return self._restated(self._resolve(name, position))

    def _resolve(self, name: str, position: int | None = None) -> sp.Expr:
        if len(name) > MAX_NAME or not _NAME_RE.match(name):
            raise ParseError("invalid name", token=name, position=position)
        if name in self.defined:
            return self.defined[name]
        key = canonical(name)
        if key == "pi":
            return sp.pi
        if key in self.defined:
            return self.defined[key]
        if key in self.overrides:
            return self.overrides[key]
        if self.allowed is not None:
            if key in self.allowed:
                return self.allowed[key]
            known = ", ".join(sorted(self.allowed)) or "no symbols"
            where = f" ({self.describe} uses {known})" if self.describe else f" (known: {known})"
            raise ParseError(f"unknown symbol{where}", token=name, position=position)
        if key in PACKAGE_SYMBOLS:
            return PACKAGE_SYMBOLS[key]
        n = gradient_index(key)
        if n is not None:
            return S.grad(n)
        if key not in self.fresh:
            self.fresh[key] = sp.Symbol(key, real=True)
        return self.fresh[key]

    def opaque(self, label: str, position: int | None = None) -> sp.Symbol:
        """A symbol for an indexed name such as ``m_{t-1}`` (claims only)."""
        if self.allowed is not None:
            raise ParseError(
                f"indexed name not allowed here ({self.describe or 'target'})",
                token=label,
                position=position,
            )
        if label not in self.fresh:
            self.fresh[label] = sp.Symbol(label, real=True)
        return self._restated(self.fresh[label])
