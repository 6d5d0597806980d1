"""AdaGrad (derivations.adagrad): accumulator, conventions, sum-to-integral, Cauchy–Schwarz."""

import math

import pytest
import sympy as sp
from adaproof.derivations import adagrad as AG
from adaproof.derivations import symbols as S
from adaproof.derivations.equivalence import decide

TS = range(1, 9)


@pytest.mark.parametrize("t", TS)
def test_accumulator(t):
    G = AG.adagrad_G_unrolled(t)
    assert G[-1] == sum(g**2 for g in S.grads(t))
    G0 = AG.INITIAL_ACCUMULATOR["optax"]
    assert AG.adagrad_G_unrolled(t, G0=G0)[-1] - G[-1] == G0


def test_step_conventions():
    G = sp.Symbol("G", positive=True)
    g, a, e = S.g, S.alpha, S.eps
    assert AG.adagrad_step(G, g) == a * g / (sp.sqrt(G) + e)
    assert AG.adagrad_step(G, g, convention="optax") == a * g / sp.sqrt(G + e)
    assert AG.adagrad_step(G, g, convention="keras") == a * g / sp.sqrt(G + e)
    assert AG.adagrad_step(G, g, convention="notes") == a * g / sp.sqrt(e**2 + G)
    with pytest.raises(ValueError, match="convention must be one of"):
        AG.adagrad_step(G, g, convention="duchi")


def test_effective_lr_seed_003_practice_3():
    eta = sp.Rational(1, 10)
    assert AG.effective_lr_constant(100, eta, 1) == sp.Rational(1, 100)
    assert AG.effective_lr_constant(10_000, eta, -1) == sp.Rational(1, 1000)
    # against the recursion: G_t = t for |g| = 1
    G = AG.adagrad_G_unrolled(100, gs=[1, -1] * 50)[-1]
    assert eta / sp.sqrt(G) == AG.effective_lr_constant(100, eta, 1)


def test_integral():
    rel = AG.integral_inverse_sqrt()
    assert rel.rhs == 2 * sp.sqrt(sp.Symbol("S", positive=True))
    assert rel.lhs.doit() == rel.rhs


def test_telescoping_identity_and_step():
    ident = AG.telescoping_identity()
    assert sp.simplify(sp.radsimp(ident.lhs - ident.rhs)) == 0
    step = AG.telescoping_step()
    d = decide(step.lhs, "<=", step.rhs, budget=4)
    assert d.verdict == "true"


@pytest.mark.parametrize("n", [1, 2, 3])
def test_sum_to_integral_lemma_holds(n):
    rel = AG.sum_to_integral_lemma(n)
    d = decide(rel.lhs, "<=", rel.rhs, budget=4)
    assert d.verdict == "true", d.method


def test_sum_to_integral_lemma_telescopes_exactly_for_equal_terms():
    # float check of the lemma on long runs, and its tightness: sum 1/sqrt(t) ~ 2 sqrt(T)
    for T in (10, 1000, 100_000):
        lhs = sum(1 / math.sqrt(t) for t in range(1, T + 1))
        assert lhs <= 2 * math.sqrt(T)
    assert lhs / (2 * math.sqrt(T)) > 0.99


def test_notes_version_is_false_from_five_equal_terms():
    for n in range(1, 9):
        rel = AG.sum_to_integral_notes(n, [sp.Integer(1)] * n)
        holds = bool(rel.lhs <= rel.rhs)
        assert holds == (n <= 4), n
    d = decide(*[AG.sum_to_integral_notes(5).lhs, "<=", AG.sum_to_integral_notes(5).rhs], budget=4)
    assert d.verdict == "false"


@pytest.mark.parametrize(("d", "T"), [(2, 1), (2, 2), (3, 1)])
def test_cauchy_schwarz_sqrt_d(d, T):
    rel = AG.cauchy_schwarz_sqrt_d(d, T)
    dec = decide(rel.lhs, "<=", rel.rhs, budget=4)
    assert dec.verdict == "true", dec.method
    # the factor sqrt(d) cannot be lowered: equality when all coordinates see the same gradients
    lhs, rhs = AG.cauchy_schwarz_equality_case(d, T)
    assert sp.simplify(lhs - rhs) == 0


@pytest.mark.parametrize("d", [2, 3, 4])
def test_cauchy_schwarz_general_and_reverse(d):
    rel = AG.cauchy_schwarz_general(d)
    assert decide(rel.lhs, "<=", rel.rhs, budget=4).verdict == "true"
    rev = AG.sum_sqrt_ge_sqrt_sum(d)
    assert decide(rev.lhs, ">=", rev.rhs, budget=4).verdict == "true"
    # a strictly smaller factor fails
    x = sorted(rel.lhs.free_symbols, key=lambda s: s.name)
    tighter = sp.sqrt((d - sp.Rational(1, 10)) * sp.Add(*x))
    assert decide(rel.lhs, "<=", tighter, budget=4).verdict == "false"
