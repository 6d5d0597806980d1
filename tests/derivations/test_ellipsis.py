r"""Sums written with an ellipsis (``a_1 + a_2 + \dots + a_n``) read as a Sum with an inferred
general term, or refused with the reason."""

import pytest
import sympy as sp
from adaproof.derivations.parsing import ParseError, parse_chain, parse_expression

t = sp.Symbol("t", integer=True, positive=True)
beta = sp.Symbol("beta", positive=True)
beta2 = sp.Symbol("beta2", positive=True)


def _at(expr: sp.Expr, **values) -> sp.Expr:
    """``expr`` with its symbols (by name) set and its sums written out."""
    reps = {s: values[s.name] for s in expr.free_symbols if s.name in values}
    return expr.xreplace(reps).doit()


def test_a_geometric_listing_is_the_sum_of_its_family():
    e = parse_expression(r"\beta^{t-1} + \beta^{t-2} + \dots + \beta^0")
    assert isinstance(e, sp.Sum)
    # beta^0 was 1 when parsed and the family still ends at beta^0
    for n in range(1, 7):
        assert sp.expand(_at(e, t=n) - sum(beta**j for j in range(n))) == 0


def test_the_unrolled_second_moment_keeps_its_first_term_outside():
    text = (
        r"\beta_2^t v_0 + \beta_2^{t-1}(1-\beta_2) g_1^2 + \dots + \beta_2(1-\beta_2) g_{t-1}^2"
        r" + (1-\beta_2) g_t^2"
    )
    chain = parse_chain(text)
    (e,) = chain.sides
    v0 = sp.Symbol("v0", real=True)
    sums = list(e.atoms(sp.Sum))
    assert len(sums) == 1
    assert e.has(beta2**t * v0)
    g = sp.Function("g", real=True)
    for n in (1, 2, 3, 5):
        want = beta2**n * v0 + sum(
            beta2 ** (n - j) * (1 - beta2) * g(j) ** 2 for j in range(1, n + 1)
        )
        assert sp.expand(_at(e, t=n) - want) == 0
    (reading,) = [r for r in chain.readings if "sum over" in r]
    assert "k = 1..t" in reading
    assert "t ≥ 3" in reading


@pytest.mark.parametrize(
    ("text", "first", "terms"),
    [
        (
            r"|x_1|^p + |x_2|^p + \dots + |x_n|^p",
            1,
            lambda x, j: sp.Abs(x(j)) ** sp.Symbol("p", real=True),
        ),
        (r"\nabla b_0^2 + \nabla b_1^2 + \dots + \nabla b_n^2", 0, None),
        (r"a_1 + a_2 + \ldots + a_n", 1, lambda x, j: x(j)),
        (r"a_1 + a_2 + \cdots + a_n", 1, lambda x, j: x(j)),
        ("a_1 + a_2 + ... + a_n", 1, lambda x, j: x(j)),
        ("a_1 + a_2 + … + a_n", 1, lambda x, j: x(j)),
    ],
)
def test_indexed_listings(text, first, terms):
    e = parse_expression(text)
    (s,) = e.atoms(sp.Sum)
    (k, lo, hi) = s.limits[0]
    assert lo == first
    assert hi.free_symbols
    assert str(hi) == "n"
    if terms is not None:
        x = sp.Function("x" if "x" in text else "a", real=True)
        assert sp.simplify(s.function - terms(x, k)) == 0


def test_numeric_bounds_are_written_out():
    assert parse_expression(r"1 + 2 + 3 + \dots + 10") == 55
    g = [sp.Symbol(f"g{i}", real=True) for i in range(1, 5)]
    e = parse_expression(r"g_1^2 + g_2^2 + \dots + g_4^2")
    assert sp.expand(e - sum(x**2 for x in g)) == 0


def test_a_negative_listing_and_the_plain_text_reader():
    x, n = sp.Symbol("x", real=True), sp.Symbol("n", real=True)
    e = parse_expression("1 - x - x^2 - ... - x^n")
    assert _at(e, n=3).expand() == 1 - x - x**2 - x**3
    assert e.has(sp.Sum)
    assert n in e.free_symbols


def test_a_listing_is_undefined_where_its_count_of_terms_is_negative():
    e = parse_expression(r"1 + 2 + \dots + n")
    assert isinstance(e, sp.Piecewise)  # n >= 0 where a listing 1..n exists


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (r"1 + x + x^2 + \dots", "no last term after the dots"),
        (r"1 - x + x^2 - \dots + x^n", "different signs around the dots"),
        (r"1 + 3 + \dots + (2n-1)", "does not follow their pattern"),
        (r"1 + x + x^3 + \dots + x^n", "does not follow their pattern"),
        (r"2 + \dots + 2n", "step from one written term to the next is not shown"),
        (r"2 + \dots + 10", "step from one number to the next is not shown"),
        (r"a_3 + \dots + a_n", "can be negative"),
        (r"x_1 + \dots + x_n + y_1 + \dots + y_n", "more than one ellipsis"),
        (r"a_1 + \dots + b_n", "not one pattern"),
        (r"x_1 y_1 + \dots + x_n y_{2n}", "not one pattern"),
        (r"x_1 \cdots x_n", "read only between the terms of a sum"),
        ("a1 + a2 + ... + an", "not one pattern"),
    ],
)
def test_unclear_listings_are_refused_with_the_reason(text, reason):
    with pytest.raises(ParseError, match=reason) as info:
        parse_expression(text)
    assert "\\sum" in str(info.value) or "sum(" in str(info.value)
    assert info.value.position is not None


def test_a_wrong_ellipsis_sum_is_refuted():
    import adaproof

    right = adaproof.decide(
        r"\beta^{t-1} + \beta^{t-2} + \dots + \beta^0", "=", r"\frac{1-\beta^t}{1-\beta}"
    )
    assert right.verdict == "true"
    wrong = adaproof.decide(
        r"\beta^{t-1} + \beta^{t-2} + \dots + \beta^0", "=", r"\frac{1-\beta^{t+1}}{1-\beta}"
    )
    assert wrong.verdict == "false"
    assert wrong.counterexample
    short = adaproof.verify("adagrad.G:4", r"g_1^2 + g_2^2 + \dots + g_3^2")
    assert short.verdict == "false"
    assert adaproof.verify("adagrad.G:4", r"g_1^2 + g_2^2 + \dots + g_4^2").verdict == "true"


@pytest.mark.parametrize(
    "text",
    [r"1^2 + \dots + n^2", r"1 + \dots + t^2", r"n + \dots + n^2", r"a_{n-2} + \dots + n^2 a_n"],
)
def test_a_power_of_an_index_letter_is_not_matched_with_a_missing_power(text):
    # 1^2 + ... + n^2 lists squares (1 is 1^2), not n^0 + n^1 + n^2
    with pytest.raises(ParseError, match="not one pattern"):
        parse_expression(text)


def test_the_sum_of_squares_written_with_dots_is_never_refuted():
    import adaproof

    # it was refuted at n = 0 as n^0 + n^1 + n^2; now it is not read (no verdict at all)
    with pytest.raises(ValueError, match="not one pattern"):
        adaproof.decide(r"1^2 + \dots + n^2", "=", r"\frac{n(n+1)(2n+1)}{6}")


def test_a_listing_is_defined_where_its_sum_is_empty():
    import adaproof

    # n = 0 is in the built-in domain: the listing must have a value there (the empty sum),
    # else it is "undefined on a region" of x and the true identity is refuted
    r = adaproof.decide(r"x + x^2 + \dots + x^n", "=", r"\frac{x(x^n - 1)}{x - 1}")
    assert r.verdict != "false", r.counterexample
