"""Moments of an EMA of i.i.d. gradients (derivations.moments), against the recursion.

The reference is computed from the recursion itself: m_t from ``ema_unrolled``, then
E[m_t] and E[m_t^2] by replacing E[g_j g_k] = mu^2 + sigma^2 [j = k] monomial by monomial.
"""

from fractions import Fraction

import pytest
import sympy as sp
from adaproof.derivations import moments as M
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import ema_unrolled, half_life
from adaproof.derivations.equivalence import decide

TS = range(1, 9)
b, mu, sigma = S.beta, S.mu, S.sigma


def _expect(poly: sp.Expr, gs: list[sp.Symbol]) -> sp.Expr:
    """E[poly] for a polynomial of degree <= 2 in i.i.d. gs with mean mu, variance sigma^2."""
    p = sp.Poly(sp.expand(poly), *gs)
    out = sp.Integer(0)
    for powers, coeff in p.terms():
        term = coeff
        for e in powers:
            term *= {0: 1, 1: mu, 2: mu**2 + sigma**2}[e]
        out += term
    return out


def _moments(t: int, *, corrected: bool) -> tuple[sp.Expr, sp.Expr]:
    gs = S.grads(t)
    m = ema_unrolled(gs, b)[-1]
    scale = 1 / (1 - b**t) if corrected else sp.Integer(1)
    mean = _expect(m, gs) * scale
    second = _expect(m**2, gs) * scale**2
    return mean, second - mean**2


@pytest.mark.parametrize("t", TS)
def test_mean_and_variance_of_m(t):
    mean, var = _moments(t, corrected=False)
    assert sp.cancel(mean - M.mean_m(t, b)) == 0
    assert sp.cancel(var - M.var_m(t, b)) == 0


@pytest.mark.parametrize("t", TS)
def test_mean_and_variance_of_m_hat(t):
    mean, var = _moments(t, corrected=True)
    assert sp.cancel(mean - M.mean_m_hat(t, b)) == 0
    assert sp.cancel(var - M.var_m_hat(t, b)) == 0


@pytest.mark.parametrize("t", TS)
def test_general_t_forms_specialize(t):
    assert sp.cancel(M.var_m_hat(S.t, b).subs(S.t, t) - M.var_m_hat(t, b)) == 0
    assert sp.cancel(M.var_m(S.t, b).subs(S.t, t) - M.var_m(t, b)) == 0


def test_second_moment_ema_mean():
    t = 4
    gs = S.grads(t)
    v = ema_unrolled([x**2 for x in gs], b)[-1]
    # E[g^2] = mu^2 + sigma^2; v is linear in the squares
    ev = sp.expand(v).subs({x**2: mu**2 + sigma**2 for x in gs})
    assert sp.cancel(ev - M.mean_v(t, b)) == 0


def test_no_piecewise_and_t1_values():
    for f in (M.mean_m, M.mean_m_hat, M.var_m, M.var_m_hat):
        assert not f(S.t, b).has(sp.Piecewise)
    assert M.var_m_hat(1, b) == sigma**2
    assert M.mean_m_hat(S.t, b) == mu


def test_limits():
    target = sigma**2 * (1 - b) / (1 + b)
    assert sp.cancel(M.var_m_hat_limit(b) - target) == 0
    assert sp.cancel(M.var_m_limit(b) - target) == 0
    assert S.limit_t_to_infinity(M.mean_m(S.t, b), b) == mu
    # numeric beta goes through the same route
    assert M.var_m_hat_limit(sp.Rational(9, 10), sigma=1) == sp.Rational(1, 19)


def test_notes_formula_differs_from_the_exact_one():
    # seed 002 item 11 as printed: sigma^2 / (1 - beta^2) at t = 1 instead of sigma^2
    assert sp.cancel(M.var_m_hat_notes(1, b) - sigma**2 / (1 - b**2)) == 0
    assert sp.cancel(M.var_m_hat_notes(S.t, b) - M.var_m_hat(S.t, b)) != 0
    # item 13's factor differs from the exact one at finite t, agrees in the limit
    assert sp.cancel(M.var_factor_notes_13(S.t, b) - M.var_factor(S.t, b)) != 0
    lim13 = S.limit_t_to_infinity(M.var_factor_notes_13(S.t, b), b)
    assert sp.cancel(lim13 - (1 - b) / (1 + b)) == 0


def test_taylor_claim_is_off_by_a_factor_two_near_one():
    assert M.var_factor_taylor(b) == 1 - b
    assert sp.limit(M.taylor_ratio(b), b, 1) == sp.Rational(1, 2)
    n = sp.Symbol("N", positive=True)
    assert sp.simplify(M.equivalent_batch_size((n - 1) / n) - (2 * n - 1)) == 0


def test_limit_identity_reduces_to_zero():
    rel = M.limit_factor_identity(b)
    assert sp.cancel(rel.lhs - rel.rhs) == 0


def test_limit_factor_bound_holds():
    rel = M.limit_factor_bound(b)
    assert decide(rel.lhs, "<=", rel.rhs, budget=4).verdict == "true"


@pytest.mark.parametrize("as_printed", [True, False])
def test_finite_t_bound_holds_beyond_the_half_life(as_printed):
    for beta in (Fraction(1, 2), Fraction(9, 10), Fraction(99, 100)):
        bq = sp.Rational(beta.numerator, beta.denominator)
        t0 = int(sp.ceiling(half_life(bq)))
        for t in [*range(t0, t0 + 40), 10 * t0]:
            rel = M.finite_t_bound(t, bq, as_printed=as_printed)
            cond = M.finite_t_condition(t, bq)
            assert bool(cond.lhs >= cond.rhs)
            assert bool(rel.lhs <= rel.rhs), (beta, t)


def test_finite_t_bound_needs_its_condition():
    # at t = 1 < half-life(0.9) the notes' factor is 1/(1+beta) > 4(1-beta)
    bq = sp.Rational(9, 10)
    rel = M.finite_t_bound(1, bq)
    cond = M.finite_t_condition(1, bq)
    assert not bool(cond.lhs >= cond.rhs)
    assert bool(rel.lhs > rel.rhs)
