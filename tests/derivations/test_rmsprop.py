"""RMSprop (derivations.rmsprop): accumulator, conventions, constant-gradient step."""

import pytest
import sympy as sp
from adaproof.derivations import rmsprop as R
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import concrete

TS = range(1, 9)
rho = S.rho


@pytest.mark.parametrize("t", TS)
def test_closed_form_equals_recursion(t):
    rec = R.rmsprop_v_unrolled(t)[-1]
    assert sp.expand(rec - concrete(R.rmsprop_v_closed_form(t).doit())) == 0
    direct = (1 - rho) * sum(rho ** (t - k) * g**2 for k, g in enumerate(S.grads(t), 1))
    assert sp.expand(rec - direct) == 0


def test_seed_004_numbers():
    # beta = 0.9: v0 = 0.1 b0^2, v1 = 0.09 b0^2 + 0.1 b1^2, v2 = 0.081 b0^2 + ... (indices from 0)
    v = R.rmsprop_v_unrolled(3, rho=sp.Rational(9, 10))
    g1, g2, g3 = S.grads(3)
    assert sp.expand(v[2]) == sp.Rational(81, 1000) * g1**2 + sp.Rational(9, 100) * g2**2 + (
        sp.Rational(1, 10) * g3**2
    )


@pytest.mark.parametrize("t", TS)
def test_constant_gradient_step_equals_recursion(t):
    v = R.rmsprop_v_unrolled(t, gs=[S.g] * t)[-1]
    rec = R.rmsprop_step(v, S.g, eps=0)
    closed = R.constant_gradient_step(t, eps=0)
    for gval in (sp.Rational(3, 2), sp.Rational(-1, 3)):
        for r in (sp.Rational(1, 2), sp.Rational(9, 10)):
            pt = {S.g: gval, rho: r}
            assert sp.simplify(rec.subs(pt) - closed.subs(pt)) == 0


def test_first_step_is_large_and_limit():
    first = R.constant_gradient_step(1, eps=0, g=1)
    assert first == S.alpha / sp.sqrt(1 - rho)
    assert first.subs(rho, sp.Rational(9, 10)) == S.alpha * sp.sqrt(10)
    lim = S.limit_t_to_infinity(R.constant_gradient_step(S.t, g=2), rho)
    assert sp.simplify(lim - 2 * S.alpha / (2 + S.eps)) == 0


def test_conventions():
    v = sp.Symbol("v", positive=True)
    g = S.g
    torch_step = R.rmsprop_step(v, g)
    assert torch_step == S.alpha * g / (sp.sqrt(v) + S.eps)
    assert R.rmsprop_step(v, g, convention="optax_eps_outside") == torch_step
    assert R.rmsprop_step(v, g, convention="keras") == S.alpha * g / sp.sqrt(v + S.eps)
    assert R.rmsprop_step(v, g, convention="optax") == R.rmsprop_step(v, g, convention="keras")
    gbar = sp.Symbol("gbar", real=True)
    centered = R.rmsprop_step(v, g, convention="centered", g_avg=gbar)
    assert centered == S.alpha * g / (sp.sqrt(v - gbar**2) + S.eps)
    with pytest.raises(ValueError, match="convention must be one of"):
        R.rmsprop_step(v, g, convention="hinton")
