"""The safe parser: notation, both syntaxes, and refusals that name the token and position."""

import pytest
import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.parsing import ParseError, Scope, parse_chain, parse_expression
from adaproof.derivations.parsing.assume import parse_assumptions

b1, b2, g1, g2, g3 = S.beta1, S.beta2, S.grad(1), S.grad(2), S.grad(3)
M2 = (1 - b1) * (b1 * g1 + g2) / (1 - b1**2)


@pytest.mark.parametrize(
    "text",
    [
        "(1-beta1)*(beta1*g1+g2)/(1-beta1^2)",
        "(1-beta1)*(beta1*g1+g2)/(1-beta1**2)",
        "(1-b1)*(b1*g_1+g_2)/(1-b1^2)",
        "(1-β1)*(β1*g1+g2)/(1-β1^2)",
        "(1−β₁)·(β₁·g₁+g₂)/(1−β₁²)",
        r"\frac{(1-\beta_1)(\beta_1 g_1 + g_2)}{1-\beta_1^2}",
        r"\frac{\left(1-\beta_{1}\right)\cdot\left(\beta_{1} g_{1}+g_{2}\right)}{1-\beta_{1}^{2}}",
        r"\dfrac{1-\beta_1}{1-\beta_1^2} \sum_{k=1}^{2} \beta_1^{2-k} g_k",
        "(1-beta1)/(1-beta1^2)*sum(beta1^(2-k)*g_k, (k, 1, 2))",
        "(1-beta1)/(1-beta1^2)*sum(beta1^(2-k)*g[k], (k, 1, 2))",
    ],
)
def test_spellings_of_m_hat_2_parse_to_the_same_expression(text):
    assert sp.cancel(parse_expression(text) - M2) == 0


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("beta1", S.beta1),
        ("b1", S.beta1),
        ("β1", S.beta1),
        ("β₁", S.beta1),
        ("beta_1", S.beta1),
        (r"\beta_1", S.beta1),
        (r"\beta_{1}", S.beta1),
        ("alpha", S.alpha),
        ("lr", S.alpha),
        ("eta", S.alpha),
        (r"\eta", S.alpha),
        ("eps", S.eps),
        ("epsilon", S.eps),
        ("ε", S.eps),
        (r"\epsilon", S.eps),
        (r"\varepsilon", S.eps),
        ("g1", S.grad(1)),
        ("g_1", S.grad(1)),
        (r"g_{1}", S.grad(1)),
        ("g₁", S.grad(1)),
        ("sigma", S.sigma),
        ("t", S.t),
    ],
)
def test_aliases_are_the_package_symbols(text, symbol):
    assert parse_expression(text) == symbol


def test_numbers_are_exact():
    assert parse_expression("0.9") == sp.Rational(9, 10)
    assert parse_expression("1e-8") == sp.Rational(1, 10**8)
    assert parse_expression(r"\frac{1}{3}") == sp.Rational(1, 3)


def test_functions_and_latex_constructs():
    x = parse_expression(r"\sqrt{1-\beta_2^t} / (1-\beta_1^t) + \left|g\right| + \exp(t) + \ln(t)")
    assert x == sp.sqrt(1 - b2**S.t) / (1 - b1**S.t) + sp.Abs(S.g) + sp.exp(S.t) + sp.log(S.t)
    assert parse_expression(r"\sqrt[3]{8}") == 2
    assert parse_expression(r"{5}!") == 120
    assert parse_expression("max(g1, g2) + min(g1, g2)") == sp.Max(g1, g2) + sp.Min(g1, g2)
    assert parse_expression(r"g_1 \odot g_2 \times 2") == 2 * g1 * g2


def test_symbolic_sum_stays_a_sum():
    e = parse_expression(r"\sum_{k=1}^{t} \beta^{t-k}")
    assert isinstance(e, sp.Sum)


def test_chain_and_relations():
    c = parse_chain(r"a \le b = c")
    assert c.relations == ("<=", "=")
    assert len(c.sides) == 3
    assert parse_chain("x ≥ 1").relations == (">=",)


def test_target_scope_refuses_other_symbols_naming_them():
    scope = Scope(allowed={"beta1": b1, "g1": g1}, describe="adam.m:1")
    assert parse_expression("(1-b1)*g1", scope) == (1 - b1) * g1
    with pytest.raises(
        ParseError, match=r"unknown symbol.*adam.m:1 uses beta1, g1.*'g2' at position 11"
    ):
        parse_expression("(1-b1)*g1+g2", scope)


def test_mu_is_overridable():
    scope = Scope(overrides={"mu": S.mu_m})
    assert parse_expression("mu", scope) is S.mu_m
    assert parse_expression("mu") is S.mu


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("().__class__", "attribute access", 1),
        ('__import__("os")', "names starting with '_'", 1),
        ("lambda: 1", "lambda", 1),
        ('"abc"', "strings", 1),
        ("x if y else z", "conditional", 1),
        ("9^9^9^9", "exponent too large", 5),
        (r"9^{9^{9^{9}}}", "exponent too large", None),
        ("2**100000", "exponent too large", 4),
        ("(x-a)^10001", "exponent too large", 7),
        ("10^6000", "power of a number too large", 4),
        ("factorial(1000)", "factorial argument too large", 1),
        ("cos(x)", "unknown function", 1),
        ("2 3", "invalid syntax", 3),
        ("1 +", "ends too early", 3),
        (r"\frac{1}{2", "bracket never closed", 9),
        ("(1+2))", "unbalanced closing bracket", 6),
        (r"\foo{x}", "unknown LaTeX command", 1),
        (r"\text{<img onerror=alert(1)>}", "empty expression", None),
        (r"\foo", "unknown LaTeX command", 1),
        (r"1 + x + \dots", "no last term after the dots", 9),
        (r"x_1 \cdots x_n", "read only between the terms of a sum", 5),
        ("<img onerror=alert(1)>", "missing expression", 1),
        ("|x", "'|' to close", None),
        (r"\sqrt{|x}", "'|' to close", 9),
        ("1/0", "division by zero", 3),
        ("x" * 2500, "too long", None),
        ("(" * 80 + "x" + ")" * 80, "nested too deeply", 61),
    ],
)
def test_hostile_input_is_refused_with_token_and_position(text, message, position):
    with pytest.raises(ParseError, match=message) as info:
        parse_expression(text)
    if position is not None:
        assert info.value.position == position - 1
    assert "\n" not in str(info.value)


def test_long_flat_sum_is_not_too_deep():
    assert parse_expression("+".join(["g1"] * 600)) == 600 * g1


def test_assumptions():
    sc = Scope()
    d = parse_assumptions(["0 < b < 1", "t integer >= 1", "x real", "g > 0", "y in (0, 1]"], sc)
    by = {str(k): v for k, v in d.items()}
    assert (by["beta"].lo, by["beta"].hi) == (0, 1)
    assert by["t"].integer
    assert by["t"].lo == 1
    assert not by["t"].lo_open
    assert by["g"].lo == 0
    assert by["g"].hi is None
    assert not by["y"].hi_open
    with pytest.raises(ParseError, match="no possible value"):
        parse_assumptions(["x > 2", "x < 1"], sc)
    with pytest.raises(ParseError):
        parse_assumptions(["x.__class__ > 0"], sc)


def test_large_integer_exponent_of_a_symbol_is_kept_unexpanded():
    e = parse_expression("(x-a)^6000")
    assert isinstance(e, sp.Pow)
    assert e.exp == 6000
