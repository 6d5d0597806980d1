"""Verdicts that must be right: each numbered example a new user tried (and that was once
answered wrongly), checked through the command line, the API or the engine."""

import json
import time

import pytest
import sympy as sp
from adaproof.derivations.equivalence import decide
from adaproof.derivations.parsing.assume import Domain
from adaproof.reports.api import ClaimInconclusive, assert_bound, check
from adaproof.reports.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def claim(capsys, relation, *assume, budget="4"):
    argv = ["verify", "--claim", relation, "--json", "--budget", budget]
    for a in assume:
        argv += ["--assume", a]
    code, out, err = run(capsys, *argv)
    return code, json.loads(out), err


# 1. strict inequalities with tiny margins are true (no absolute tolerance)
@pytest.mark.parametrize(
    ("relation", "assume"),
    [
        ("b^t > 0", ["t integer >= 1"]),
        ("1 - b1^t < 1", []),
        ("b1^1000 > 0", []),
        ("x + 10^(-100) > x", []),
        ("1e-400 > 0", []),
    ],
)
def test_1_tiny_strict_margins_are_true(capsys, relation, assume):
    code, data, err = claim(capsys, relation, *assume)
    assert (code, data["verdict"]) == (0, "true"), data["method"]
    assert err == ""


def test_1_api_assert_bound_tiny_positive():
    dec = assert_bound("b^t", ">", "0", assume="t integer >= 1")
    assert dec.verdict == "true"


def test_1_strict_false_only_where_equal_exactly(capsys):
    # x + 10^-100 > x + 10^-100 fails exactly (a tie), at every x
    code, data, _ = claim(capsys, "x + 10^(-100) > x + 10^(-100)")
    assert code == 1
    assert data["counterexample"]["kind"] == "equal"


# 2. false relations are false, with the counterexample the thin sets hide
@pytest.mark.parametrize(
    ("relation", "kind"),
    [
        ("1 + 10^(-100) = 1", "differ"),
        ("(a^b)^c = a^(b*c)", "differ"),
        ("(n+1)^((n+2)/(n+1))/(n+2) = 1/(n+2)*((n+1)^(1/(n+1)))^(n+2)", "differ"),
        ("log(x^2) = 2*log(x)", "undefined"),
        ("0^x = 0", "undefined"),
    ],
)
def test_2_false_relations_are_false(capsys, relation, kind):
    code, data, _ = claim(capsys, relation)
    assert (code, data["verdict"]) == (1, "false"), data["method"]
    assert data["counterexample"]["kind"] == kind


def test_2_thin_counterexamples_are_the_simple_ones(capsys):
    _, data, _ = claim(capsys, "(n+1)^((n+2)/(n+1))/(n+2) = 1/(n+2)*((n+1)^(1/(n+1)))^(n+2)")
    assert data["counterexample"]["values"] == {"n": -1.5}
    _, data, _ = claim(capsys, "(a^bb)^c = a^(bb*c)")
    assert data["counterexample"]["values"]["a"] == -1


def test_2_region_message_names_the_undefined_side(capsys):
    code, out, _ = run(capsys, "verify", "--claim", "log(x^2) = 2*log(x)")
    assert code == 1
    assert "at x = -1 the right side is undefined, the left side is 0" in out


def test_2_isolated_undefined_point_is_a_caveat(capsys):
    code, out, _ = run(capsys, "verify", "--claim", "(x^2-1)/(x-1) = x+1")
    assert code == 0
    assert "undefined at x = 1" in out


# 3. stated assumptions replace the built-in domain, and all domains used are listed
def test_3_stated_domain_replaces_builtin(capsys):
    code, data, _ = claim(capsys, "t >= 1", "t real")
    assert code == 1
    assert data["assume"] == ["t real (stated)"]


def test_3_real_t_refutes_the_geometric_bound(capsys):
    code, data, _ = claim(capsys, "(1-b^t)/(1-b) <= t", "0<b<1", "t > 0")
    assert code == 1
    assert data["counterexample"]["values"] == {"beta": 0.5, "t": 0.5}
    assert data["assume"] == ["0 < beta < 1 (stated)", "0 < t (stated)"]


def test_3_builtin_domains_are_listed(capsys):
    code, out, _ = run(capsys, "verify", "--claim", "(1-b^t)/(1-b) <= t")
    assert code == 0
    assert "assuming 0 < beta < 1 (built-in), 1 <= t (integer) (built-in)" in out


def test_3_steps_assumptions_replace_too(tmp_path, capsys):
    f = tmp_path / "d.txt"
    f.write_text("assume t real\nt\n>= 1\n")
    code, out, _ = run(capsys, "steps", str(f))
    assert code == 1
    assert "t real (stated)" in out


# 4. steps checks the first line's relation
def test_4_steps_checks_a_first_line_equation(tmp_path, capsys):
    f = tmp_path / "d.tex"
    f.write_text("(1-\\beta)\\sum_{k=1}^{t}\\beta^{k-1} &= 1-\\beta^{t-1} \\\\\n &\\le 1\n")
    code, out, _ = run(capsys, "steps", str(f))
    assert code == 1
    assert "first wrong step: line 1" in out


# 5. relations without symbols, overflow: decided, never a traceback
@pytest.mark.parametrize(
    ("relation", "verdict"),
    [
        ("2 > 1", "true"),
        ("1e-50 > 0", "true"),
        ("factorial(factorial(5)) > 0", "true"),
        ("exp(exp(exp(exp(x)))) > 0", "true"),
        ("1 > 2", "false"),
        ("(19601-13861*sqrt(2))^(7/4) = (5*sqrt(2)-7)^7", "false"),
    ],
)
def test_5_constant_and_huge_relations(capsys, relation, verdict):
    code, data, err = claim(capsys, relation)
    assert data["verdict"] == verdict, data["method"]
    assert code == {"true": 0, "false": 1}[verdict]
    assert "Traceback" not in err


# 6. the budget holds from outside; counterexamples name a few symbols
def test_6_long_sum_counterexample_is_short_and_in_budget(capsys):
    # a generous budget: reading a 1000-term sum is slow on a loaded machine
    t0 = time.monotonic()
    code, out, _ = run(
        capsys, "verify", "--claim", "sum(b^k*g_k,(k,1,1000)) <= 1000", "--budget", "15"
    )
    assert time.monotonic() - t0 < 16.5
    assert code == 1
    line = next(x for x in out.splitlines() if x.strip().startswith("at "))
    assert "…" in line
    assert line.count("=") <= 7


@pytest.mark.slow
@pytest.mark.parametrize(
    "relation",
    [
        "exp(1000*exp(1000*x)) > 0",
        "(x+1)^1000*(y+1)^1000*(z+1)^1000 = (x*y*z+x*y+x*z+y*z+x+y+z+1)^1000",
    ],
)
def test_6_heavy_relations_stay_within_budget(capsys, relation):
    t0 = time.monotonic()
    code, _, _ = run(capsys, "verify", "--claim", relation, "--budget", "2")
    assert time.monotonic() - t0 < 3
    assert code in (0, 3)


def test_6_worker_stops_at_the_deadline():
    from adaproof.derivations.equivalence import run_bounded

    t0 = time.monotonic()
    out = run_bounded(lambda: time.sleep(30), budget=0.5)
    assert out.status == "timeout"
    assert time.monotonic() - t0 < 1.5


def test_6_worker_memory_cap():
    from adaproof.derivations.equivalence import run_bounded

    out = run_bounded(lambda: len(bytearray(2 * 2**30)), budget=10, memory_mb=256)
    assert out.status in ("memory", "crashed")


def test_6_api_is_bounded_too():
    dec = check("sum(b^k*g_k,(k,1,1000))", "<=", "1000", budget=2)
    assert dec.verdict in ("false", "inconclusive")


# 7. hints: an additive error is a difference, in the input's notation
def test_7_additive_error_is_a_difference_in_latex(capsys):
    code, out, _ = run(capsys, "verify", "ema.mean", r"\mu(1-\beta^t) + \beta^{1000}")
    assert code == 1
    hint = next(x for x in out.splitlines() if "hint:" in x)
    assert "constant factor" not in hint
    assert r"\beta^{1000}" in hint


def test_7_tiny_additive_constant(capsys):
    code, out, _ = run(capsys, "verify", "adam.m:2", "(1-b1)*(b1*g1+g2) + 1e-30")
    assert code == 1
    assert "constant factor" not in out
    assert "hint: your answer = target + " in out


def test_7_constant_factor_only_when_exact(capsys):
    code, out, _ = run(capsys, "verify", "adam.m:2", "2*(1-b1)*(b1*g1+g2)")
    assert code == 1
    assert "off by a constant factor: your answer = 2 × target" in out


# 8. sums with a symbolic limit
def test_8_integral_test_proves_the_adagrad_bound(capsys):
    code, data, _ = claim(capsys, "sum(1/sqrt(k),(k,1,T)) <= 2*sqrt(T)", "T integer >= 1")
    assert code == 0
    assert data["method"].startswith("symbolic")
    assert "integral test" in data["method"]


def test_8_tighter_bound_is_false_at_5(capsys):
    code, data, _ = claim(capsys, "sum(1/sqrt(k),(k,1,T)) <= sqrt(2*T)", "T integer >= 1")
    assert code == 1
    assert data["counterexample"]["values"] == {"T": 5}


def test_api_raises_inconclusive_not_wrong():
    with pytest.raises((AssertionError, ClaimInconclusive)):
        assert_bound("x", ">", "x")


def test_1_strict_tie_of_irrational_sides_is_false_not_evidence(capsys):
    # equal everywhere, but no interval can show a tie: SymPy settles it exactly
    code, data, _ = claim(capsys, "sqrt(2)+sqrt(3)+x > sqrt(5+2*sqrt(6))+x")
    assert code == 1
    assert data["counterexample"]["kind"] == "equal"


@pytest.mark.parametrize(
    ("relation", "verdict"),
    [
        ("1+log(27)/log(3) = 4", "true"),
        ("(930249+416020*sqrt(5))^(1/30)-(930249-416020*sqrt(5))^(1/30) = 1", "true"),
        ("(sqrt(108)+10)^(1/3)-(sqrt(108)-10)^(1/3) = 2", "true"),
        ("(sqrt(108)+10)^(1/3)-(sqrt(108)-10)^(1/3) < 2", "false"),
    ],
)
def test_5_constant_ties_are_decided_exactly(capsys, relation, verdict):
    code, data, _ = claim(capsys, relation, budget="10")
    assert code == {"true": 0, "false": 1}[verdict]
    assert data["verdict"] == verdict, data["method"]
    assert data["method"].startswith("symbolic")


def test_2_symbolic_sign_does_not_hide_an_undefined_region(capsys):
    # SymPy knows |log x| >= 0, but log x has no real value for x < 0
    code, data, _ = claim(capsys, "abs(log(x)) >= 0")
    assert code == 1
    assert data["counterexample"]["kind"] == "undefined"


# 2. SymPy simplifies while the parser builds (sqrt(x)^2 -> x, exp(log(x)) -> x, x/x -> 1):
# where the expression as written has no real value is kept and decided
@pytest.mark.parametrize(
    ("relation", "side", "other"),
    [
        ("sqrt(x)^2 = x", "left", "-1"),
        ("exp(log(x)) = x", "left", "-1"),
        ("x = sqrt(x)*sqrt(x)", "right", "-1"),
        ("log(x) - log(x) = 0", "left", "0"),
        (r"\sqrt{x}^2 = x", "left", "-1"),
        (r"x \le e^{\ln x}", "right", "-1"),
    ],
)
def test_2_simplified_away_domain_is_a_counterexample(capsys, relation, side, other):
    code, out, _ = run(capsys, "verify", "--claim", relation)
    assert code == 1, out
    other_side = "right" if side == "left" else "left"
    assert f"at x = -1 the {side} side is undefined, the {other_side} side is {other}" in out


@pytest.mark.parametrize(
    ("relation", "assume"),
    [
        ("sqrt(x)^2 = x", ["x >= 0"]),
        ("exp(log(x)) = x", ["x > 0"]),
        (r"\sqrt{x}^2 = x", ["x >= 0"]),
        ("sqrt(x^2) = abs(x)", []),
        ("sqrt(x)^4 = x^2", ["x >= 0"]),
    ],
)
def test_2_simplified_away_domain_respects_assumptions(capsys, relation, assume):
    code, data, _ = claim(capsys, relation, *assume)
    assert (code, data["verdict"]) == (0, "true"), data["method"]


def test_2_simplified_away_denominator_is_a_caveat(capsys):
    code, out, _ = run(capsys, "verify", "--claim", "x^2/x = x")
    assert code == 0, out
    assert "undefined at x = 0" in out


def test_2_sqrt_power_refuted_through_the_api():
    from adaproof.derivations.equivalence import decide
    from adaproof.derivations.parsing import parse_chain

    chain = parse_chain("sqrt(y)^4 = y^2")
    dec = decide(chain.sides[0], "=", chain.sides[1])
    assert dec.verdict == "false"
    assert dec.counterexample["undefined_side"] == "lhs"


# 3. a stated domain wins already while parsing: the package's SymPy assumptions (β positive,
# t a positive integer) must not simplify the relation before the engine sees the domain
@pytest.mark.parametrize(
    ("relation", "assume", "at"),
    [
        ("sqrt(b)^2 = b", "b > -1", {"beta"}),  # at b = -1/2 the left side is undefined
        ("sqrt(b^2) = b", "b > -1", {"beta"}),  # |b| != b for b < 0
        ("abs(b) = b", "b > -1", {"beta"}),
        ("(b^2)^(1/2) = b", "b > -1", {"beta"}),
        ("log(b^2) = 2*log(b)", "b > -1", {"beta"}),
        ("b1^t > 0", "b1 > -1", {"beta1", "t"}),
        ("(-1)^(2*t) = 1", "t real", {"t"}),  # t = 1/4: undefined; t = 1/2: -1
        (r"\sqrt{\beta}^2 = \beta", r"\beta > -1", {"beta"}),
    ],
)
def test_3_stated_domain_wins_at_parse_time(capsys, relation, assume, at):
    code, data, _ = claim(capsys, relation, assume)
    assert (code, data["verdict"]) == (1, "false"), data["method"]
    values = data["counterexample"]["values"]
    assert set(values) == at
    # the counterexample lies in the stated domain and outside the built-in one
    builtin = {"beta": lambda v: 0 < v < 1, "beta1": lambda v: 0 < v < 1}
    builtin["t"] = lambda v: v >= 1 and v == int(v)
    assert not all(builtin[name](v) for name, v in values.items()), values


def test_3_parsed_symbol_carries_only_the_stated_domain():
    import sympy as sp
    from adaproof.derivations import symbols as S
    from adaproof.derivations.parsing import Scope, parse_expression
    from adaproof.derivations.parsing.assume import parse_assumptions

    scope = Scope()
    domains = parse_assumptions(["b > -1", "t real"], scope)
    (beta,) = [s for s in domains if s.name == "beta"]
    assert beta.is_real
    assert beta.is_positive is None
    assert parse_expression("abs(b)", scope) == sp.Abs(beta)
    assert parse_expression("b", scope) in domains  # the relation uses the assumption's symbol
    t = parse_expression("t", scope)
    assert t in domains
    assert t.is_integer is None
    # without an assumption the names keep the package's symbols
    assert parse_expression("abs(b)", Scope()) == S.beta
    # a stated domain that the package's assumptions express gives back the package's symbol
    assert parse_expression("t", _stated("t integer >= 1")) == S.t


def _stated(*texts):
    from adaproof.derivations.parsing import Scope
    from adaproof.derivations.parsing.assume import parse_assumptions

    scope = Scope()
    parse_assumptions(list(texts), scope)
    return scope


def test_3_second_assumption_narrows_the_first():
    from adaproof.derivations.parsing import parse_expression
    from adaproof.derivations.parsing.assume import parse_assumptions

    scope = _stated("b > -1")
    domains = parse_assumptions(["b > 0"], scope)
    (beta,) = domains
    assert (domains[beta].lo, domains[beta].hi) == (0, None)
    assert beta.is_positive
    assert parse_expression("b", scope) == beta


@pytest.mark.parametrize(
    ("relation", "assume", "verdict"),
    [
        ("sqrt(b)^2 = b", "b > 0", "true"),  # stated positive: the identity holds
        ("sqrt(b)^2 = b", "b >= 0", "true"),
        ("abs(b) = b", "b >= 0", "true"),
        ("(-1)^(2*t) = 1", "t integer >= 1", "true"),
    ],
)
def test_3_stated_domain_where_the_identity_holds(capsys, relation, assume, verdict):
    code, data, _ = claim(capsys, relation, assume)
    assert data["verdict"] == verdict, data["method"]
    assert code == 0


def test_3_without_assumptions_the_builtin_domains_apply(capsys):
    code, data, _ = claim(capsys, "sqrt(b)^2 = b")
    assert (code, data["verdict"]) == (0, "true"), data["method"]
    assert data["assume"] == ["0 < beta < 1 (built-in)"]
    # t an integer by convention: (-1)^(2t) is 1 as read, no symbol (and no domain) is left
    code, data, _ = claim(capsys, "(-1)^(2*t) = 1")
    assert (code, data["verdict"]) == (0, "true"), data["method"]
    assert data["assume"] == []


def test_3_assuming_lists_exactly_what_was_used(capsys):
    code, data, _ = claim(capsys, "sqrt(b)^2 = b + 0*t", "b > -1")
    assert code == 1
    assert data["assume"] == ["-1 < beta (stated)"]
    code, data, _ = claim(capsys, "sqrt(b1)^2 <= b1 + t", "b1 > -1")
    assert code == 1
    assert data["assume"] == ["-1 < beta1 (stated)", "1 <= t (integer) (built-in)"]


def test_3_stated_domain_wins_through_the_public_api():
    import adaproof
    import sympy as sp
    from adaproof.derivations import symbols as S
    from adaproof.derivations.parsing.assume import Domain
    from adaproof.testing import assert_bound as public_assert_bound

    dec = adaproof.decide("sqrt(b)^2", "=", "b", assume="b > -1", budget=4)
    assert dec.verdict == "false"
    assert dec.assumptions == ["-1 < beta (stated)"]
    assert adaproof.decide("sqrt(b)^2", "=", "b", budget=4).verdict == "true"
    dec = adaproof.decide("(-1)^(2*t)", "=", 1, assume="t real", budget=4)
    assert dec.verdict == "false"
    with pytest.raises(AssertionError, match="is false"):
        public_assert_bound("sqrt(b^2)", "=", "b", assume="b > -1", budget=4)
    with pytest.raises(AssertionError, match="is false"):
        assert_bound("abs(b)", "=", "b", assume=["b > -1"], budget=4)
    # a dict of domains replaces the built-in one as the text does
    dec = adaproof.decide("abs(b)", "=", "b", assume={S.beta: Domain(lo=sp.Integer(-1))}, budget=4)
    assert dec.verdict == "false"
    assert check("sqrt(b)^2", "=", "b", assume="b > -1", budget=4).verdict == "false"


def test_3_steps_assume_line_wins_at_parse_time(tmp_path, capsys):
    f = tmp_path / "d.txt"
    f.write_text("assume b > -1\nsqrt(b)^2\n= b\n")
    code, out, _ = run(capsys, "steps", str(f))
    assert code == 1, out
    assert "-1 < beta (stated)" in out
    # an assumption written after the relation applies to it as well
    f.write_text("abs(b)\n= b\nassume b > -1\n")
    code, out, _ = run(capsys, "steps", str(f))
    assert code == 1, out
    f.write_text("sqrt(b)^2\n= b\n")
    code, out, _ = run(capsys, "steps", str(f))
    assert code == 0, out
    assert "0 < beta < 1 (built-in)" in out


def test_a_summation_limit_counts_terms_unless_the_user_states_its_domain():
    # built-in: n >= 1 (the sum has a term), said in the assumptions
    d = decide(
        sp.Sum(sp.Symbol("k", integer=True), (sp.Symbol("k", integer=True), 1, sp.Symbol("n"))),
        "=",
        sp.Symbol("n") * (sp.Symbol("n") + 1) / 2,
    )
    assert d.verdict == "true", d.method
    assert any("1 <= n" in a for a in d.assumptions)
    # a stated domain is the user's: every integer n, and at n = -2 the empty sum is 0, not 1
    k, n = sp.Symbol("k", integer=True), sp.Symbol("n")
    stated = decide(sp.Sum(k, (k, 1, n)), "=", n * (n + 1) / 2, {n: Domain(integer=True)})
    assert stated.verdict == "false"
