"""Adam (derivations.adam): first steps, constant-gradient step, conventions, scaling."""

import random

import pytest
import sympy as sp
from adaproof.derivations import adam as A
from adaproof.derivations import symbols as S
from adaproof.derivations.ema import concrete, ema_closed_form
from adaproof.derivations.equivalence import decide
from adaproof.derivations.parsing.assume import Domain

TS = range(1, 9)
b1, b2, al, ep = S.beta1, S.beta2, S.alpha, S.eps


def _points(symbols, n=6, seed=0):
    """Exact rational points: EMA parameters in (0, 1), eps >= 0, others nonzero reals."""
    rng = random.Random(seed)
    for _ in range(n):
        pt = {}
        for s in symbols:
            if s in (b1, b2, S.beta, S.rho, S.mu_m):
                pt[s] = sp.Rational(rng.randint(1, 99), 100)
            elif s == ep:
                pt[s] = sp.Rational(rng.randint(0, 50), 100)
            else:
                pt[s] = sp.Rational(rng.choice([-1, 1]) * rng.randint(1, 300), 100)
        yield pt


def assert_equal_at_points(a, b, seed=0):
    syms = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    for pt in _points(syms, seed=seed):
        x, y = sp.N(a.subs(pt), 40), sp.N(b.subs(pt), 40)
        assert abs(x - y) <= 1e-30 * max(1, abs(y)), (pt, x, y)


def test_seed_001_first_two_steps():
    s = A.adam_steps(2)
    g1, g2 = S.grads(2)
    assert s.m[0] == (1 - b1) * g1
    assert s.v[0] == (1 - b2) * g1**2
    assert s.m_hat[0] == g1
    assert s.v_hat[0] == g1**2
    assert s.w[1] == S.w1 - al * g1 / (sp.sqrt(g1**2) + ep)
    assert sp.expand(s.m[1] - (1 - b1) * (b1 * g1 + g2)) == 0
    assert sp.expand(s.v[1] - (1 - b2) * (b2 * g1**2 + g2**2)) == 0
    assert sp.cancel(s.m_hat[1] - (1 - b1) * (b1 * g1 + g2) / (1 - b1**2)) == 0
    assert sp.cancel(s.v_hat[1] - (1 - b2) * (b2 * g1**2 + g2**2) / (1 - b2**2)) == 0
    assert sp.simplify(s.w[2] - (s.w[1] - al * s.m_hat[1] / (sp.sqrt(s.v_hat[1]) + ep))) == 0


@pytest.mark.parametrize("t", TS)
def test_moments_match_general_t_closed_form(t):
    s = A.adam_steps(t)
    m_closed = concrete(ema_closed_form(t, b1).doit())
    assert sp.expand(s.m[-1] - m_closed) == 0
    assert sp.cancel(s.m_hat[-1] - m_closed / (1 - b1**t)) == 0
    sq = sp.IndexedBase("sq")
    v_closed = ema_closed_form(t, b2, sq).doit()
    v_closed = v_closed.xreplace({sq[k]: S.grad(k) ** 2 for k in range(1, t + 1)})
    assert sp.expand(s.v[-1] - v_closed) == 0


def test_lengths_and_no_bias_correction():
    s = A.adam_steps(3, bias_correction=False)
    assert len(s.m) == len(s.v) == len(s.m_hat) == len(s.v_hat) == 3
    assert len(s.w) == 4
    assert s.m_hat == s.m
    assert s.v_hat == s.v


def test_bad_n():
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        A.adam_steps(0)
    with pytest.raises(ValueError, match="need 2 gradients"):
        A.adam_steps(2, gs=[S.g])


@pytest.mark.parametrize("t", TS)
@pytest.mark.parametrize("bc", [True, False])
@pytest.mark.parametrize("inside", [False, True])
def test_constant_gradient_step_equals_recursion(t, bc, inside):
    rec = A.adam_steps(t, gs=[S.g] * t, bias_correction=bc, eps_inside=inside)
    step = rec.w[-2] - rec.w[-1]
    closed = A.constant_gradient_step(t, bias_correction=bc, eps_inside=inside)
    assert_equal_at_points(step, closed, seed=t)
    assert_equal_at_points(
        closed, A.constant_gradient_step(S.t, bias_correction=bc, eps_inside=inside).subs(S.t, t)
    )


def test_constant_gradient_limits():
    outside = al * S.g / (sp.Abs(S.g) + ep)
    assert sp.simplify(A.constant_gradient_limit(bias_correction=False) - outside) == 0
    assert sp.simplify(A.constant_gradient_limit(bias_correction=True) - outside) == 0
    inside = al * S.g / sp.sqrt(S.g**2 + ep)
    assert (
        sp.simplify(A.constant_gradient_limit(bias_correction=False, eps_inside=True) - inside) == 0
    )
    # at eps = 0 the limit step is alpha * sign(g): alpha/|g| as effective learning rate
    lim0 = A.constant_gradient_limit(bias_correction=False, eps=0)
    assert sp.simplify(lim0 - al * S.g / sp.Abs(S.g)) == 0


def test_effective_lr():
    assert A.effective_lr(S.t) == al / (sp.Abs(S.g) + ep)


def _ratio(t, beta1, beta2, eps=0, g=1):
    """step_t / step_oo from the SymPy expression, in 50-digit floats (exact powers are huge)."""
    f = [sp.Float(x, 50) for x in (beta1, beta2, eps, g)]
    step = A.constant_gradient_step(
        t, bias_correction=False, g=f[3], alpha=1, beta1=f[0], beta2=f[1], eps=f[2]
    )
    return sp.N(step * (abs(f[3]) + f[2]) / f[3], 50)


@pytest.mark.parametrize(
    ("tol", "beta1", "beta2", "eps", "g"),
    [
        (0.01, "0.9", "0.999", 0, 1),
        (0.1, "0.9", "0.999", 0, 1),
        (0.001, "0.5", "0.9", 0, 1),
        (0.01, "0.9", "0.999", "1e-3", "0.01"),
        (0.05, "0.95", "0.9", 0, -2),
    ],
)
def test_steps_to_tolerance_is_the_first_step_that_stays_within(tol, beta1, beta2, eps, g):
    q = sp.Rational
    B1, B2, E, Gq = q(beta1), q(beta2), q(eps), q(g)
    T = A.steps_to_tolerance(tol, float(B1), float(B2), eps=float(E), g=float(Gq))
    # checked with the SymPy expression at 50 digits, not with the function's float code
    assert abs(_ratio(T, B1, B2, E, Gq) - 1) <= tol
    if T > 1:
        assert abs(_ratio(T - 1, B1, B2, E, Gq) - 1) > tol
    for t in (T + 1, T + 7, 2 * T, 10 * T + 3):
        assert abs(_ratio(t, B1, B2, E, Gq) - 1) <= tol


def test_steps_to_tolerance_defaults_and_errors():
    assert A.steps_to_tolerance(0.01, 0.9, 0.999) == 3925
    assert A.steps_to_tolerance(0.01, 0.9, 0.999, bias_correction=True) == 1
    with pytest.raises(ValueError, match="beta2 must be in"):
        A.steps_to_tolerance(0.01, 0.9, 1.0)
    with pytest.raises(ValueError, match="tol must be"):
        A.steps_to_tolerance(0.0, 0.9, 0.99)
    with pytest.raises(ValueError, match="max_steps"):
        A.steps_to_tolerance(1e-9, 0.9, 1 - 1e-9, max_steps=1000)


def test_conventions():
    m, v = sp.symbols("m v", positive=True)
    t = S.t
    paper = A.adam_update(m, v, t)
    assert sp.simplify(A.adam_update(m, v, t, convention="pytorch") - paper) == 0
    # sqrt(v/(1 - beta2^t)) against sqrt(v)/sqrt(1 - beta2^t): equal for beta2 in (0, 1)
    assert_equal_at_points(A.adam_update(m, v, 3, convention="optax"), A.adam_update(m, v, 3))
    eff_hat = A.efficient_form_epsilon(t)
    assert sp.simplify(A.adam_update(m, v, t, convention="keras", eps=eff_hat) - paper) == 0
    # with the same eps the efficient form is a different update
    d = decide(A.adam_update(m, v, t, convention="keras"), "=", paper, budget=3)
    assert d.verdict == "false"
    with pytest.raises(ValueError, match="convention must be one of"):
        A.adam_update(m, v, t, convention="tf1")


@pytest.mark.parametrize("n", [1, 2, 3])
def test_scaling_of_moments(n):
    c = S.c
    sc, pl = A.scaled_adam_steps(n, c), A.adam_steps(n)
    for a, b in zip(sc.m_hat, pl.m_hat, strict=True):
        assert sp.cancel(a - c * b) == 0
    for a, b in zip(sc.v_hat, pl.v_hat, strict=True):
        assert sp.cancel(a - c**2 * b) == 0


@pytest.mark.parametrize("c", [sp.Rational(3), sp.Rational(-2), sp.Rational(1, 7)])
def test_scaled_steps_match_scaling_factor(c):
    n = 3
    for eps in (sp.Integer(0), sp.Rational(1, 10)):
        sc = A.scaled_adam_steps(n, c, eps=eps)
        pl = A.adam_steps(n, eps=eps)
        step_c = sc.w[-2] - sc.w[-1]
        step_1 = pl.w[-2] - pl.w[-1]
        factor = A.scaling_factor(c, v_hat=pl.v_hat[-1], eps=eps)
        assert_equal_at_points(step_c, factor * step_1, seed=7)
        if eps == 0:
            assert A.scaling_factor(c, eps=0) == sp.sign(c)


def test_scaling_factor_limits():
    vh = sp.Symbol("vhat", nonnegative=True)
    f = A.scaling_factor(v_hat=vh)
    assert sp.limit(f, vh, 0) == S.c  # sqrt(v_hat) << eps: step proportional to c
    assert sp.simplify(sp.limit(f, vh, sp.oo) - S.c / sp.Abs(S.c)) == 0
    # for c > 0 and eps > 0 the step is not invariant
    val = f.subs({S.c: 2, vh: 1, ep: sp.Rational(1, 10)})
    assert val != 1


def test_epsilon_bound_holds():
    rel = A.epsilon_step_bound()
    d = decide(rel.lhs, "<=", rel.rhs, {ep: Domain(lo=sp.Integer(0))}, budget=4)
    assert d.verdict == "true"
