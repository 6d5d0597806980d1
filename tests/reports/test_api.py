"""The researchers' API: assert_equivalent / assert_bound and the ``claim`` marker."""

import pytest
import sympy as sp
from adaproof.reports.api import ClaimInconclusive, assert_bound, assert_equivalent, check

pytest_plugins = ["pytester"]


def test_equivalent_sympy_objects():
    b = sp.Symbol("b", positive=True)
    dec = assert_equivalent((1 - b**2) / (1 - b), 1 + b)
    assert dec.method.startswith("symbolic")


def test_mixed_text_and_sympy_share_symbols_by_name():
    x = sp.Symbol("x")
    assert_bound(x**2, ">=", "0", assume="x real")
    assert_equivalent("x*(x+1)", x**2 + x)
    with pytest.raises(AssertionError):
        assert_bound(x, ">", "0", assume="x > -1")


def test_failure_message_shows_both_sides_counterexample_and_difference():
    with pytest.raises(AssertionError) as info:
        assert_bound("(1-b1)/sqrt(1-b2)", "<=", "1")
    msg = str(info.value)
    assert msg.startswith("(1-b1)/sqrt(1-b2) <= 1 is false")
    # one line with both sides at the counterexample, in the names the user wrote
    assert "counterexample at b1 = " in msg
    assert "lhs = " in msg
    assert "rhs = 1" in msg
    assert "difference = " in msg


def test_inconclusive_is_its_own_assertion_error():
    with pytest.raises(ClaimInconclusive, match="could not be decided"):
        assert_bound("exp(x)", ">=", "1 + x", require_proof=True)


def test_bad_inputs_are_refused_with_a_sentence():
    with pytest.raises(ValueError, match="attribute access"):
        assert_equivalent("x.__class__", "1")
    with pytest.raises(ValueError, match="op must be one of"):
        check("x", "=>", "1")
    with pytest.raises(TypeError, match="a side must be"):
        assert_equivalent(1.5, "1")
    with pytest.raises(ValueError, match="assumptions"):
        assert_equivalent("x", "x", assume="x >> 1")


PLUGIN_TEST = """
import pytest
from adaproof.reports.api import assert_bound, assert_equivalent

@pytest.mark.claim(source="Kingma & Ba 2015, Algorithm 1", statement="m_hat_2")
def test_holds():
    assert_equivalent("(1-b1)*(b1*g1+g2)/(1-b1^2)", "(b1*g1+g2)/(1+b1)")

@pytest.mark.claim(source="lecture notes, eq. 7")
def test_fails():
    assert_bound("(1-b1)/sqrt(1-b2)", "<=", "1")
"""


def test_claim_marker_in_a_users_test_file(pytester):
    pytester.makepyfile(test_user=PLUGIN_TEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*counterexample at b1 = *",
            "*source: lecture notes, eq. 7*",
            "*adaproof claims: 1 held, 1 failed*",
        ]
    )


def test_claim_marker_needs_a_source(pytester):
    pytester.makepyfile(test_user="import pytest\n@pytest.mark.claim()\ndef test_x():\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert result.ret != 0
    result.stderr.fnmatch_lines(["*claim needs source=*"])
