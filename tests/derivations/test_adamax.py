"""AdaMax (derivations.adamax): u_t recursion, closed form, conventions, p -> oo limit."""

import random

import pytest
import sympy as sp
from adaproof.derivations import adamax as X
from adaproof.derivations import symbols as S

q = sp.Rational


@pytest.mark.parametrize("t", range(1, 9))
def test_closed_form_equals_recursion_at_points(t):
    rng = random.Random(t)
    for _ in range(10):
        gs = [q(rng.randint(-40, 40), rng.randint(1, 7)) for _ in range(t)]
        b2 = q(rng.randint(1, 99), 100)
        # the recursion run on numbers, against the closed form evaluated at them
        rec = X.adamax_u_unrolled(t, b2, gs)[-1]
        assert rec == X.adamax_u_closed_form(t, b2, gs)
        assert rec == max(b2 ** (t - k) * abs(x) for k, x in enumerate(gs, start=1))
    # symbolically, the first values
    assert X.adamax_u_unrolled(t)[0] == sp.Abs(S.grad(1))


def test_first_values():
    g1, g2 = S.grads(2)
    u = X.adamax_u_unrolled(2)
    assert u[0] == sp.Abs(g1)
    assert u[1] == sp.Max(S.beta2 * sp.Abs(g1), sp.Abs(g2))
    u_torch = X.adamax_u_unrolled(1, convention="pytorch")
    assert u_torch[0] == sp.Abs(g1) + S.eps


def test_lp_norm_tends_to_the_max():
    gs = [q(3), q(-2), q(1, 2)]
    beta2 = q(1, 2)
    u = X.adamax_u_closed_form(3, beta2, gs)  # max(3/4, 1, 1/2) = 1
    assert u == 1
    vals = [X.lp_second_moment(3, p, beta2, gs) for p in (10, 100, 400)]
    errs = [abs(sp.N(v - u, 30)) for v in vals]
    assert errs[0] > errs[1] > errs[2]
    assert errs[2] < 1e-2


def test_steps_and_conventions():
    s = X.adamax_steps(2)
    g1 = S.grad(1)
    # first step: alpha * g1/|g1| (sign update)
    assert sp.simplify(s.theta[1] - (S.w1 - S.alpha * g1 / sp.Abs(g1))) == 0
    m, u = sp.symbols("m u", positive=True)
    assert X.adamax_step(m, u, 1, convention="keras") == S.alpha * m / ((1 - S.beta1) * (u + S.eps))
    assert X.adamax_step(m, u, 1) == S.alpha * m / ((1 - S.beta1) * u)
    with pytest.raises(ValueError, match="convention must be one of"):
        X.adamax_step(m, u, 1, convention="tf")
    with pytest.raises(ValueError, match="convention must be one of"):
        X.adamax_u_unrolled(1, convention="tf")
