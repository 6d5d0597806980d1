"""The equivalence engine: symbolic proofs, confirmed counterexamples, hints, limits."""

import time

import pytest
import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.equivalence import (
    Sampler,
    Timeout,
    compile_expr,
    deadline,
    decide,
    decide_limit,
    default_domain,
    evaluate,
    hints,
)
from adaproof.derivations.parsing import Scope, parse_expression
from adaproof.derivations.parsing.assume import Domain, parse_assumptions
from hypothesis import given, settings
from hypothesis import strategies as st


def _rel(lhs, op, rhs, *assume, **kw):
    scope = Scope()
    domains = parse_assumptions(list(assume), scope)
    return decide(parse_expression(lhs, scope), op, parse_expression(rhs, scope), domains, **kw)


@pytest.mark.parametrize(
    ("lhs", "op", "rhs", "assume", "method"),
    [
        ("(1-b^2)/(1-b)", "=", "1+b", [], "symbolic"),
        ("x^2+1", ">=", "2*x", ["x real"], "symbolic"),
        ("(1-b1)*abs(g1)", "<=", "abs(g1)", [], "symbolic"),
        ("(1-b^t)/(1-b)", "<=", "t", ["0 < b < 1", "t integer >= 1"], "numeric"),
        ("exp(x)", ">=", "1+x", ["x real"], "numeric"),
        ("x", ">", "0", ["x > 0"], "symbolic"),
    ],
)
def test_true_relations(lhs, op, rhs, assume, method):
    d = _rel(lhs, op, rhs, *assume)
    assert d.verdict == "true", d
    assert d.method.startswith(method)
    assert d.counterexample is None


@pytest.mark.parametrize(
    ("lhs", "op", "rhs", "assume", "kind"),
    [
        ("sqrt(x^2)", "=", "x", ["x real"], "differ"),
        ("(1-b^t)/(1-b)", "<", "t", ["0 < b < 1", "t integer >= 1"], "equal"),
        ("x^2+1", ">", "2*x", [], "equal"),
        ("(1-b1)/sqrt(1-b2)", "<=", "1", [], "violated"),
        ("1 + 10^(-30)", "=", "1", [], "differ"),
        ("b^2", "<=", "b/2", ["0 < b < 1"], "violated"),
    ],
)
def test_false_relations_carry_a_confirmed_counterexample(lhs, op, rhs, assume, kind):
    d = _rel(lhs, op, rhs, *assume)
    assert d.verdict == "false", d
    ce = d.counterexample
    assert ce["kind"] == kind
    # the counterexample really violates the relation: recompute it exactly with SymPy
    scope = Scope()
    parse_assumptions(assume, scope)
    left, right = parse_expression(lhs, scope), parse_expression(rhs, scope)
    point = {s: sp.Rational(ce["values"][s.name]) for s in (left - right).free_symbols}
    a, b = left.xreplace(point), right.xreplace(point)
    holds = {"=": sp.Eq, "<=": sp.Le, "<": sp.Lt, ">=": sp.Ge, ">": sp.Gt}[op](a, b)
    assert holds == sp.false


def test_counterexample_is_simplified():
    d = _rel("sqrt(x^2)", "=", "x", "x real")
    assert d.counterexample["values"] == {"x": "-1"}


def test_rounding_cannot_fake_a_counterexample():
    # ((1+h)^2 - 1 - 2h)/h^2 = 1 exactly; at 40 digits and h ~ 1e-25 the numerator cancels
    # to 0, so only the confirmation at 80 digits keeps this from looking false
    d = _rel("((1+h)^2 - 1 - 2*h)/h^2", "=", "1", "0 < h < 10^(-20)")
    assert d.verdict == "true"


def test_inequality_search_finds_a_narrow_violation():
    # violated only for b within 7e-4 of 1: the search must push towards the edge
    d = _rel("b^1000", "<=", "1/2", "0 < b < 1")
    assert d.verdict == "false"
    assert float(sp.Rational(d.counterexample["values"]["beta"])) > 0.999


def test_require_proof_makes_numeric_only_inconclusive():
    d = _rel("exp(x)", ">=", "1+x", "x real", require_proof=True)
    assert d.verdict == "inconclusive"


def test_unsupported_function_is_inconclusive_not_a_crash():
    x = sp.Symbol("x", real=True)
    d = decide(sp.gamma(x) + 1, "=", sp.gamma(x) + 2, budget=1)
    assert d.verdict in ("false", "inconclusive")


def test_strings_are_refused_by_decide():
    with pytest.raises(TypeError, match="SymPy expression"):
        decide("x", "=", "x")


def test_bad_arguments():
    x = sp.Symbol("x")
    with pytest.raises(ValueError, match="op must be one of"):
        decide(x, "!=", x)
    with pytest.raises(ValueError, match="budget must be positive"):
        decide(x, "=", x, budget=0)


def test_default_domains():
    assert default_domain(S.beta1) == Domain(lo=0, hi=1)
    assert default_domain(S.t).integer
    assert default_domain(S.t).lo == 1
    assert default_domain(S.eps).lo == 0
    assert not default_domain(S.eps).lo_open


def test_evaluator_reports_undefined_points():
    x = sp.Symbol("x", real=True)
    from fractions import Fraction

    f = compile_expr(sp.log(x) + sp.sqrt(x))
    assert evaluate(f, {x: Fraction(-1)}, 30) is None
    assert abs(evaluate(f, {x: Fraction(4)}, 30) - (sp.log(4) + 2).evalf(30)) < 1e-25


def test_sampler_respects_domains():
    b, t = sp.Symbol("b"), sp.Symbol("t")
    doms = {
        b: Domain(lo=sp.Integer(0), hi=sp.Integer(1)),
        t: Domain(lo=1, lo_open=False, integer=True),
    }
    s = Sampler(doms)
    for _ in range(200):
        p = s.point(0.5)
        assert 0 < p[b] < 1
        assert p[t] >= 1
        assert p[t].denominator == 1
        q = s.neighbour(p)
        assert 0 < q[b] < 1


def test_deadline_interrupts():
    start = time.monotonic()

    def spin():
        with deadline(0.2):
            while time.monotonic() - start < 30:
                pass

    with pytest.raises(Timeout):
        spin()


@pytest.mark.parametrize(
    ("answer", "target", "expected"),
    [
        ("2*(1-b1)*g1", "(1-b1)*g1", "constant factor: your answer = 2 × target"),
        ("-(1-b1)*g1", "(1-b1)*g1", "sign is flipped"),
        ("(1-b1)*g1", "g1", "target × (1 - beta1)"),
        ("abs(g)", "g", "right only for g > 0"),
        (
            "sigma^2*(1-beta)/(1+beta)",
            "sigma^2*(1-beta)/(1+beta)*(1+beta^t)/(1-beta^t)",
            "right only in the limit t → ∞",
        ),
    ],
)
def test_hints(answer, target, expected):
    found = hints(parse_expression(answer), parse_expression(target))
    assert any(expected in h for h in found), found


def test_limits():
    vh = parse_expression("sigma^2*(1-beta)/(1+beta)*(1+beta^t)/(1-beta^t)")
    assert (
        decide_limit(vh, parse_expression("sigma^2*(1-beta)/(1+beta)"), S.t, "oo").verdict == "true"
    )
    d = decide_limit(vh, parse_expression("sigma^2*(1-beta)"), S.t, "oo")
    assert d.verdict == "false"
    assert d.counterexample["kind"] == "limit"
    assert decide_limit(parse_expression("alpha/(1+eps)"), S.alpha, S.eps, "0").verdict == "true"
    assert decide_limit(parse_expression("2*alpha/(1+eps)"), S.alpha, S.eps, "0").verdict == "false"


def test_no_evaluable_point_is_inconclusive():
    d = _rel("sqrt(-1 - x^2)", "=", "log(-1 - x^2)", "x real")
    assert d.verdict == "inconclusive"
    assert d.points == 0
    assert d.undefined_points > 0


_coeff = st.integers(min_value=-3, max_value=3)
_poly = st.lists(st.tuples(_coeff, st.integers(0, 3), st.integers(0, 2)), min_size=1, max_size=4)


def _build(terms):
    return sp.Add(*[c * S.beta1**i * S.grad(1) ** j for c, i, j in terms])


@settings(max_examples=30, deadline=None)
@given(_poly, _poly)
def test_hypothesis_identities_are_true_and_perturbations_false(p_terms, q_terms):
    p, q = _build(p_terms), _build(q_terms)
    if q == 0:
        return
    assert decide(sp.expand(p * q) / q, "=", p, budget=5).verdict == "true"
    assert decide(p * q / q + sp.Rational(1, 10**12), "=", p, budget=5).verdict == "false"
