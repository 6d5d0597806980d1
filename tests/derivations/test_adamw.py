"""AdamW (derivations.adamw): decoupled decay against L2, per convention."""

import pytest
import sympy as sp
from adaproof.derivations import adamw as W
from adaproof.derivations import symbols as S
from adaproof.derivations.adam import adam_steps
from adaproof.derivations.equivalence import decide

q = sp.Rational
th, mh = sp.symbols("theta mhat", real=True)
vh = sp.Symbol("vhat", nonnegative=True)


def test_conventions():
    lr, lam, eps = S.alpha, S.lam, S.eps
    adam = mh / (sp.sqrt(vh) + eps)
    torch = W.adamw_step(th, mh, vh)
    # PyTorch's order: theta * (1 - lr * lambda), then the Adam step
    assert sp.expand(torch - (th * (1 - lr * lam) - lr * adam)) == 0
    assert W.adamw_step(th, mh, vh, convention="optax") == torch
    assert W.adamw_step(th, mh, vh, convention="keras") == torch
    eta = sp.Symbol("eta_t", positive=True)
    paper = W.adamw_step(th, mh, vh, convention="paper", schedule=eta)
    assert sp.expand(paper - (th - eta * (lr * adam + lam * th))) == 0
    # with eta_t = 1 the paper's decay is lambda, not lr * lambda
    assert W.effective_decay_decoupled(convention="paper") == lam
    assert W.effective_decay_decoupled() == lr * lam
    with pytest.raises(ValueError, match="convention must be one of"):
        W.adamw_step(th, mh, vh, convention="tf")


def test_l2_decay_weakens_with_large_gradients():
    f = W.effective_decay_l2()
    assert decide(sp.diff(f, vh), "<=", 0, budget=3).verdict == "true"
    vals = {S.alpha: q(1, 1000), S.lam: q(1, 100), S.eps: q(1, 10**8)}
    assert f.subs(vals).subs(vh, 0) > f.subs(vals).subs(vh, 100)
    assert W.effective_decay_decoupled().free_symbols.isdisjoint({vh})


def test_l2_first_steps_by_recursion():
    thetas = W.adam_l2_steps(2)
    g1 = S.grad(1)
    expected = adam_steps(1, gs=[g1 + S.lam * S.w1]).w[1]
    assert sp.simplify(thetas[1] - expected) == 0
    # L2 and decoupled decay give different first steps (bias-corrected, eps = 0)
    vals = {g1: q(1, 10), S.w1: 2, S.lam: q(1, 100), S.alpha: q(1, 1000), S.eps: 0}
    l2 = thetas[1].subs(vals)
    dec = W.adamw_step(S.w1, g1, g1**2, eps=0).subs(vals)
    assert l2 != dec


def test_sgd_proposition_1():
    rel = W.sgd_l2_equals_decoupled()
    assert sp.expand(rel.lhs - rel.rhs) == 0
