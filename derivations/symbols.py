"""The package's symbols, made in one place with their assumptions.

Every derivation, target and parsed answer uses these objects, so that two
expressions mentioning "beta1" compare equal (SymPy treats ``Symbol('x')`` and
``Symbol('x', positive=True)`` as different symbols).

Conventions
-----------
* EMA / momentum parameters (``beta1``, ``beta2``, ``beta``, ``rho``, ``mu_m``)
  are positive; that they are below one is not expressible as a SymPy
  assumption. Sums over them are therefore written in closed form by
  :func:`geometric_sum` (never with ``summation``, which returns a Piecewise for
  the excluded case β = 1), and limits t → ∞ use :func:`limit_t_to_infinity`,
  which writes β = 1/(1 + x) with x > 0 so that SymPy knows 0 < β < 1.
* ``mu`` is the mean of an i.i.d. gradient stream (any real), ``sigma`` its
  standard deviation (positive). The heavy-ball momentum coefficient is
  ``mu_m`` (printed μ as well; the two never appear in the same target).
* ``t`` and ``k`` are positive integers; gradients are ``g(k)`` (real).

>>> from derivations.symbols import beta1, geometric_sum
>>> import sympy as sp
>>> sp.cancel(geometric_sum(beta1, 3))
beta1**2 + beta1 + 1
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import sympy as sp

beta1 = sp.Symbol("beta1", positive=True)
beta2 = sp.Symbol("beta2", positive=True)
beta = sp.Symbol("beta", positive=True)
rho = sp.Symbol("rho", positive=True)
#: heavy-ball momentum coefficient, u_t = μ u_{t-1} + g_t
mu_m = sp.Symbol("mu", positive=True)
#: learning rate α (also written lr, η)
alpha = sp.Symbol("alpha", positive=True)
eps = sp.Symbol("epsilon", nonnegative=True)
#: weight decay λ
lam = sp.Symbol("lambda", nonnegative=True)
#: mean of i.i.d. gradients
mu = sp.Symbol("mu", real=True)
sigma = sp.Symbol("sigma", positive=True)
#: a constant (stationary) gradient
g = sp.Symbol("g", real=True)
#: scale factor in g -> c g
c = sp.Symbol("c", real=True, nonzero=True)
t = sp.Symbol("t", integer=True, positive=True)
k = sp.Symbol("k", integer=True, positive=True)
tau = sp.Symbol("tau", integer=True, nonnegative=True)
#: first parameter value w_1
w1 = sp.Symbol("w1", real=True)


def as_expr(value: sp.Expr | int | float | Fraction) -> sp.Expr:
    """A SymPy object for a start value or parameter passed to a derivation.

    Accepts SymPy objects and Python numbers only. Strings are refused on purpose:
    ``sympify`` of a string evaluates it, and derivations never parse text (user
    input goes through :mod:`derivations.parsing`).

    >>> as_expr(0), as_expr(Fraction(1, 2)), as_expr(beta1)
    (0, 1/2, beta1)
    """
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, int) and not isinstance(value, bool):
        return sp.Integer(value)
    if isinstance(value, float):
        return sp.Float(value)
    raise TypeError(f"expected a SymPy expression or a number, got {type(value).__name__}")


def grad(i: int) -> sp.Symbol:
    """The i-th gradient g_i (a real symbol), i ≥ 1."""
    if not isinstance(i, int) or isinstance(i, bool) or i < 1:
        raise ValueError(f"gradient index must be an integer >= 1, got {i!r}")
    return sp.Symbol(f"g{i}", real=True)


def grads(n: int) -> list[sp.Symbol]:
    """[g_1, …, g_n]."""
    return [grad(i) for i in range(1, n + 1)]


def stream(n: int, gs: Sequence[sp.Expr] | None = None) -> list[sp.Expr]:
    """The gradients of an n-step recursion: ``gs`` as a list, or :func:`grads` (n) if None.

    ``n`` is checked first (an integer ≥ 1), whether or not ``gs`` is given.

    >>> stream(2)
    [g1, g2]
    >>> stream(0)
    Traceback (most recent call last):
        ...
    ValueError: n must be an integer >= 1, got 0
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n must be an integer >= 1, got {n!r}")
    return list(grads(n) if gs is None else gs)


def geometric_sum(r: sp.Expr, n: sp.Expr) -> sp.Expr:
    r"""Closed form of :math:`\sum_{j=0}^{n-1} r^j = \frac{1 - r^n}{1 - r}` (r ≠ 1).

    Written directly rather than through ``summation`` so that no Piecewise for
    r = 1 appears: every EMA parameter here is in (0, 1).
    """
    return (1 - r**n) / (1 - r)


def limit_t_to_infinity(expr: sp.Expr, *params: sp.Symbol, var: sp.Symbol = t) -> sp.Expr:
    """lim_{var→∞} expr, knowing that each of ``params`` lies in (0, 1).

    Each parameter p is replaced by 1/(1 + x_p) with x_p > 0 (which SymPy can
    reason about), the limit is taken, and p is substituted back.
    """
    subs = {}
    back = {}
    for p in params:
        xp = sp.Symbol(f"x_{p.name}", positive=True)
        subs[p] = 1 / (1 + xp)
        back[xp] = 1 / p - 1
    lim = sp.limit(expr.subs(subs), var, sp.oo)
    return sp.simplify(lim.subs(back))


__all__ = [
    "alpha",
    "as_expr",
    "beta",
    "beta1",
    "beta2",
    "c",
    "eps",
    "g",
    "geometric_sum",
    "grad",
    "grads",
    "k",
    "lam",
    "limit_t_to_infinity",
    "mu",
    "mu_m",
    "rho",
    "sigma",
    "stream",
    "t",
    "tau",
    "w1",
]
