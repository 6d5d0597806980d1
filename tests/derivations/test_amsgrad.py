"""AMSGrad (derivations.amsgrad): running maxima and the conventions that differ."""

import random

import pytest
import sympy as sp
from adaproof.derivations import amsgrad as AM
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import ema_unrolled

q = sp.Rational


@pytest.mark.parametrize("t", range(1, 7))
def test_running_max_against_the_recursion(t):
    rng = random.Random(t)
    for _ in range(5):
        gs = [q(rng.randint(-9, 9), rng.randint(1, 5)) for _ in range(t)]
        b2 = q(rng.randint(1, 99), 100)
        v = ema_unrolled([x**2 for x in gs], b2)
        paper = AM.amsgrad_vmax_unrolled(t, b2, gs, convention="paper")
        torch = AM.amsgrad_vmax_unrolled(t, b2, gs, convention="pytorch")
        optax = AM.amsgrad_vmax_unrolled(t, b2, gs, convention="optax")
        for i in range(t):
            assert paper[i] == max(v[: i + 1])
            assert torch[i] == max(v[: i + 1]) / (1 - b2 ** (i + 1))
            assert optax[i] == max(v[k] / (1 - b2 ** (k + 1)) for k in range(i + 1))
            assert optax[i] >= torch[i]


def test_denominators_after_a_spike():
    g, b2 = S.g, S.beta2
    assert AM.denominator_after_spike("optax") == sp.Abs(g)
    torch = AM.denominator_after_spike("pytorch")
    assert sp.simplify(torch - sp.Abs(g) / sp.sqrt(1 + b2)) == 0
    paper = AM.denominator_after_spike("paper")
    assert sp.simplify(paper**2 - g**2 * (1 - b2)) == 0


def test_steps():
    m, vm = sp.symbols("m vmax", positive=True)
    assert AM.amsgrad_step(m, vm, 3) == S.alpha * m / sp.sqrt(vm)
    lib = AM.amsgrad_step(m, vm, 3, convention="pytorch")
    assert lib == S.alpha * m / ((1 - S.beta1**3) * (sp.sqrt(vm) + S.eps))
    with pytest.raises(ValueError, match="convention must be one of"):
        AM.amsgrad_vmax_unrolled(2, convention="tf")
