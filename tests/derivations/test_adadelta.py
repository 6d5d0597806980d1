"""AdaDelta (derivations.adadelta): unrolled steps, first step set by epsilon."""

import pytest
import sympy as sp
from adaproof.derivations import adadelta as D
from adaproof.derivations import symbols as S

q = sp.Rational


def test_first_step_matches_recursion():
    s = D.adadelta_steps(1)
    assert sp.simplify(s.dx[0] - D.first_step(S.grad(1))) == 0
    assert s.x[1] == S.w1 + s.dx[0]


def test_recursion_second_step_by_hand():
    rho, eps = q(9, 10), q(1, 100)
    g1, g2 = q(2), q(-1)
    s = D.adadelta_steps(2, [g1, g2], rho=rho, eps=eps)
    eg1 = (1 - rho) * g1**2
    dx1 = -sp.sqrt(eps) / sp.sqrt(eg1 + eps) * g1
    ed1 = (1 - rho) * dx1**2
    eg2 = rho * eg1 + (1 - rho) * g2**2
    dx2 = -sp.sqrt(ed1 + eps) / sp.sqrt(eg2 + eps) * g2
    assert sp.simplify(s.dx[1] - dx2) == 0
    assert sp.simplify(s.x[2] - (S.w1 + dx1 + dx2)) == 0


def test_lr_scales_the_step_not_the_accumulator():
    a = D.adadelta_steps(2, lr=1)
    b = D.adadelta_steps(2, lr=sp.Rational(1, 1000))
    assert a.Edx2 == b.Edx2
    assert sp.simplify((b.x[2] - S.w1) - (a.x[2] - S.w1) / 1000) == 0


def test_first_step_size_set_by_epsilon():
    g = sp.Symbol("G", positive=True)
    lim = sp.limit(D.first_step(g), g, sp.oo)
    assert sp.simplify(lim - D.first_step_large_gradient(g)) == 0
    val = D.first_step_large_gradient(1, rho=q(9, 10), eps=q(1, 10**6))
    assert float(val) == pytest.approx(-0.00316227766, rel=1e-9)


def test_scaling_of_first_step():
    r = D.scaling_first_step()
    assert sp.limit(r.subs({S.c: 3, S.g: q(1, 2), S.rho: q(9, 10)}), S.eps, 0, "+") == 1
    assert sp.limit(r.subs({S.c: -3, S.g: q(1, 2), S.rho: q(9, 10)}), S.eps, 0, "+") == -1
    assert r.subs({S.c: 3, S.g: 1, S.rho: q(1, 2), S.eps: 1}) != 1
