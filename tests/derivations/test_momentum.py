"""Heavy-ball momentum (derivations.momentum) and its exact relation to the EMA."""

import pytest
import sympy as sp
from adaproof.derivations import momentum as H
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import concrete, ema_unrolled

TS = range(1, 9)
mu = S.mu_m


@pytest.mark.parametrize("t", TS)
def test_closed_form_equals_recursion(t):
    rec = H.heavy_ball_unrolled(t)[-1]
    assert sp.expand(rec - concrete(H.heavy_ball_closed_form(t).doit())) == 0
    assert sp.expand(rec - sum(mu ** (t - k) * g for k, g in enumerate(S.grads(t), 1))) == 0


@pytest.mark.parametrize("t", TS)
def test_exact_relation_to_the_ema(t):
    for rel in H.ema_relation(t):
        assert sp.cancel(rel.lhs - rel.rhs) == 0
    general = H.ema_relation_general(S.t)
    lhs = concrete(general.lhs.subs(S.t, t).doit())
    rhs = concrete(general.rhs.subs(S.t, t).doit())
    assert sp.cancel(lhs - rhs) == 0


def test_the_relation_is_not_plain_equality():
    # u_t is not the EMA itself: m_t = (1 - mu) u_t, so they differ unless mu = 0
    u = H.heavy_ball_unrolled(2)[-1]
    m = ema_unrolled(S.grads(2), mu)[-1]
    assert sp.cancel(u - m) != 0


def test_equivalent_learning_rate_gives_the_same_trajectory():
    n = 4
    heavy = H.momentum_steps(n)
    m = ema_unrolled(S.grads(n), mu)
    w = [S.w1]
    for mt in m:
        w.append(w[-1] - H.equivalent_ema_lr() * mt)
    for a, b in zip(heavy, w, strict=True):
        assert sp.cancel(a - b) == 0


@pytest.mark.parametrize("t", TS)
def test_constant_gradient_buffer(t):
    rec = H.heavy_ball_unrolled(t, gs=[S.g] * t)[-1]
    assert sp.cancel(rec - H.constant_gradient_buffer(t)) == 0
    assert sp.cancel(H.weights_total(t) - sum(mu**j for j in range(t))) == 0


def test_constant_gradient_buffer_limit():
    lim = S.limit_t_to_infinity(H.constant_gradient_buffer(S.t), mu)
    assert sp.cancel(lim - S.g / (1 - mu)) == 0
    assert lim.subs(mu, sp.Rational(9, 10)) == 10 * S.g


@pytest.mark.parametrize("n", [1, 3, 6])
def test_scaling_is_linear(n):
    for rel in H.scaling_relations(n):
        assert sp.expand(rel.lhs - rel.rhs) == 0
    assert H.scaling_factor() == S.c
    w_c = H.momentum_steps(n, gs=[S.c * g for g in S.grads(n)])
    w_1 = H.momentum_steps(n)
    for k in range(1, n + 1):
        step_c, step_1 = w_c[k - 1] - w_c[k], w_1[k - 1] - w_1[k]
        assert sp.expand(step_c - S.c * step_1) == 0


def test_bad_n():
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        H.heavy_ball_unrolled(0)
