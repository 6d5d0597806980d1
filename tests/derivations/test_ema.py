"""EMA algebra (derivations.ema): closed forms against the recursion for t = 1..8."""

import pytest
import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import (
    G,
    bias_correction,
    concrete,
    effective_window,
    ema_closed_form,
    ema_unrolled,
    ema_weight,
    half_life,
    half_life_vs_window,
    mean_age,
    normalized_weight,
    weights_sum,
)

TS = range(1, 9)
b = S.beta


@pytest.mark.parametrize("t", TS)
def test_closed_form_equals_recursion(t):
    rec = ema_unrolled(S.grads(t), b)[-1]
    closed = concrete(ema_closed_form(t, b).doit())
    assert sp.expand(rec - closed) == 0


@pytest.mark.parametrize("t", TS)
def test_closed_form_with_initial_value(t):
    x0 = sp.Symbol("x0", real=True)
    rec = ema_unrolled(S.grads(t), b, x0)[-1]
    closed = concrete(ema_closed_form(t, b, x0=x0).doit())
    assert sp.expand(rec - closed) == 0


@pytest.mark.parametrize("t", TS)
def test_weights_are_the_coefficients_of_the_recursion(t):
    rec = sp.expand(ema_unrolled(S.grads(t), b)[-1])
    for k, gk in enumerate(S.grads(t), start=1):
        assert sp.expand(rec.coeff(gk) - ema_weight(t, k, b)) == 0


@pytest.mark.parametrize("t", TS)
def test_weights_sum_and_bias_correction(t):
    total = sum(ema_weight(t, k, b) for k in range(1, t + 1))
    assert sp.cancel(total - weights_sum(t, b)) == 0
    normalized = sum(normalized_weight(t, k, b) for k in range(1, t + 1))
    assert sp.cancel(normalized - 1) == 0
    assert sp.cancel(weights_sum(t, b) * bias_correction(t, b) - 1) == 0


def test_general_t_forms_have_no_piecewise():
    assert weights_sum(S.t, b) == 1 - b**S.t
    assert not weights_sum(S.t, b).has(sp.Piecewise)
    # SymPy's own summation of the weights agrees (here without a Piecewise)
    summed = sp.summation(ema_weight(S.t, S.k, b), (S.k, 1, S.t))
    assert sp.simplify(summed - weights_sum(S.t, b)) == 0


def test_weights_sum_tends_to_one():
    assert S.limit_t_to_infinity(weights_sum(S.t, b), b) == 1


def test_concrete_maps_indexed_gradients():
    assert concrete(G[3] + G[1]) == S.grad(3) + S.grad(1)


def test_half_life_halves_the_weight():
    h = half_life(b)
    assert sp.simplify(b**h) == sp.Rational(1, 2)
    # seed 003 Practice 4: about 6.6 for 0.9 and about 69 for 0.99
    assert float(half_life(sp.Rational(9, 10))) == pytest.approx(6.5788, abs=1e-4)
    assert float(half_life(sp.Rational(99, 100))) == pytest.approx(68.968, abs=1e-3)


@pytest.mark.parametrize("r", [0.5, 0.9, 0.99])
def test_effective_window_and_mean_age(r):
    # the series summed term by term (float, 20000 terms: the tail is below 1e-80 at r = 0.99)
    relative = sum(r**j for j in range(20000))
    age = sum(j * (1 - r) * r**j for j in range(20000))
    assert relative == pytest.approx(float(effective_window(sp.nsimplify(r))), rel=1e-12)
    assert age == pytest.approx(float(mean_age(sp.nsimplify(r))), rel=1e-12)
    assert effective_window(sp.Rational(9999, 10000)) == 10000


def test_half_life_over_window_tends_to_log2():
    assert sp.limit(half_life_vs_window(b), b, 1, "-") == sp.log(2)
