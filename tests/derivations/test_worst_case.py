"""Worst cases of |m_hat|/sqrt(v_hat) (Adam) and |m_hat|/u (AdaMax), derivations.worst_case.

The supremum is checked three ways: the closed form equals sqrt(sum a_k^2/b_k) built from
the recursion's own coefficients; the attaining sequence run through ``adam_steps`` reaches
it exactly; random gradient sequences never exceed it.
"""

import random

import pytest
import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations import worst_case as W
from adaproof.derivations.adam import adam_steps
from adaproof.derivations.adamax import adamax_steps
from adaproof.derivations.ema import ema_unrolled

TS = range(1, 9)
b1, b2 = S.beta1, S.beta2
q = sp.Rational
BETAS = [(q(9, 10), q(999, 1000)), (q(1, 2), q(1, 2)), (q(9, 10), q(8, 10)), (q(3, 10), q(7, 10))]


@pytest.mark.parametrize("t", TS)
@pytest.mark.parametrize("bc", [True, False])
def test_closed_form_equals_cauchy_schwarz_sum(t, bc):
    s = adam_steps(t, bias_correction=bc)
    # a_k, b_k read off the recursion's m_hat_t and v_hat_t
    gs = S.grads(t)
    a = [sp.expand(s.m_hat[-1]).coeff(g) for g in gs]
    bb = [sp.expand(s.v_hat[-1]).coeff(g**2) for g in gs]
    total = sum(x**2 / y for x, y in zip(a, bb, strict=True))
    closed = W.adam_max_ratio(t, bias_correction=bc)
    assert sp.cancel(closed**2 - total) == 0
    weights = W.adam_weights(t, bias_correction=bc)
    assert all(sp.cancel(x - y) == 0 for x, y in zip(weights[0], a, strict=True))


@pytest.mark.parametrize("n", [2, 3])
def test_lagrange_identity(n):
    rel = W.cauchy_schwarz_gap(n)
    assert sp.cancel(rel.lhs - rel.rhs) == 0


def _ratio2(gs, beta1, beta2, bc):
    """m_hat_t^2 / v_hat_t from the recursions (ema_unrolled), exact."""
    t = len(gs)
    m = ema_unrolled(gs, beta1)[-1]
    v = ema_unrolled([x**2 for x in gs], beta2)[-1]
    if bc:
        m, v = m / (1 - beta1**t), v / (1 - beta2**t)
    return m**2 / v


@pytest.mark.parametrize("t", [1, 2, 3, 6])
@pytest.mark.parametrize(("beta1", "beta2"), BETAS)
def test_attained_and_never_exceeded(t, beta1, beta2):
    for bc in (True, False):
        sup2 = W.adam_max_ratio(t, beta1, beta2, bias_correction=bc) ** 2
        seq = W.adam_attaining_sequence(t, beta1, beta2)
        s = adam_steps(t, gs=seq, beta1=beta1, beta2=beta2, bias_correction=bc)
        assert sp.nsimplify(s.m_hat[-1] ** 2 / s.v_hat[-1] - sup2) == 0
        rng = random.Random(t)
        for _ in range(25):
            gs = [q(rng.randint(-50, 50), rng.randint(1, 9)) for _ in range(t)]
            if all(x == 0 for x in gs):
                continue
            assert _ratio2(gs, beta1, beta2, bc) <= sup2
        # a small perturbation of the attaining sequence is strictly below
        if t > 1:
            bumped = [*seq[:-1], seq[-1] * q(11, 10)]
            assert _ratio2(bumped, beta1, beta2, bc) < sup2


def test_limit():
    for beta1, beta2 in BETAS:
        if beta1**2 < beta2:
            lim = sp.limit(W.adam_max_ratio(S.t, beta1, beta2), S.t, sp.oo)
            assert sp.simplify(lim - W.adam_max_ratio_limit(beta1, beta2)) == 0
            lim_nobc = sp.limit(
                W.adam_max_ratio(S.t, beta1, beta2, bias_correction=False), S.t, sp.oo
            )
            assert sp.simplify(lim_nobc - lim) == 0


def test_grows_without_bound_when_beta1_squared_exceeds_beta2():
    f = W.adam_max_ratio(S.t, q(9, 10), q(1, 2))
    vals = [float(f.subs(S.t, t)) for t in (10, 50, 100)]
    assert vals[0] < vals[1] < vals[2]
    assert vals[2] > 100
    assert sp.limit(f, S.t, sp.oo) == sp.oo


def test_against_kingma_ba_bound():
    # defaults: the paper bounds |Delta|/alpha by (1-b1)/sqrt(1-b2) = 3.16; the sup is 7.27
    beta1, beta2 = q(9, 10), q(999, 1000)
    bound = W.kingma_ba_bound(beta1, beta2)
    assert float(bound) == pytest.approx(0.1 / 0.001**0.5)
    assert float(W.adam_max_ratio_limit(beta1, beta2)) == pytest.approx(7.2703, abs=1e-4)
    # first exceeded at t = 210 (50-digit floats: exact powers of 999/1000 get long)
    f1, f2 = sp.Float(beta1, 50), sp.Float(beta2, 50)
    assert W.adam_max_ratio(209, f1, f2) < bound < W.adam_max_ratio(210, f1, f2)
    # the "else |Delta| <= alpha" case (1 - b1 <= sqrt(1 - b2)) fails already at t = 2
    beta1, beta2 = q(99, 100), q(9, 10)
    assert W.kingma_ba_bound(beta1, beta2) == 1
    assert W.adam_max_ratio(2, beta1, beta2) > 1
    # and the paper's sparse case is below the supremum
    assert W.adam_sparse_ratio(50, q(9, 10), q(999, 1000)) < W.adam_max_ratio(
        50, q(9, 10), q(999, 1000)
    )


@pytest.mark.parametrize("t", [1, 2, 3, 5])
@pytest.mark.parametrize(("beta1", "beta2"), [b for b in BETAS if b[0] != b[1]])
def test_adamax_attained_and_never_exceeded(t, beta1, beta2):
    sup = W.adamax_max_ratio(t, beta1, beta2)
    seq = W.adamax_attaining_sequence(t, beta2)
    s = adamax_steps(t, gs=seq, beta1=beta1, beta2=beta2, convention="paper")
    assert sp.nsimplify(s.m_hat[-1] / s.u[-1] - sup) == 0
    rng = random.Random(100 + t)
    for _ in range(20):
        gs = [q(rng.randint(-50, 50), rng.randint(1, 9)) for _ in range(t)]
        if all(x == 0 for x in gs):
            continue
        r = adamax_steps(t, gs=gs, beta1=beta1, beta2=beta2, convention="paper")
        assert abs(r.m_hat[-1]) / r.u[-1] <= sup


def test_adamax_equal_betas_is_the_documented_0_over_0():
    # beta1 = beta2: the geometric sum's closed form is 0/0; the sum itself is t
    half = q(1, 2)
    assert W.adamax_max_ratio(3, half, half) is sp.nan
    s = adamax_steps(3, gs=W.adamax_attaining_sequence(3, half), beta1=half, beta2=half)
    assert s.m_hat[-1] / s.u[-1] == (1 - half) / (1 - half**3) * 3


def test_adamax_above_paper_bound_and_limit():
    assert W.adamax_max_ratio(1) == 1
    beta1, beta2 = q(9, 10), q(999, 1000)
    assert all(W.adamax_max_ratio(t, beta1, beta2) > 1 for t in range(2, 30))
    lim = sp.limit(W.adamax_max_ratio(S.t, beta1, beta2), S.t, sp.oo)
    assert lim == W.adamax_max_ratio_limit(beta1, beta2)
    assert lim == q(999, 990)
