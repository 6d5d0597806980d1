"""An equation the text fixes ("Let's fix $L^p = 1$") is a condition, not an identity; the
displays right after it are steps checked as its consequences (the slides' L^p unit circle,
004: raising to the power p is a valid step, dropping the powers is not)."""

from __future__ import annotations

import pytest
from adaproof.reports.documents import check_text

SLIDES = (
    "# L^p\n"
    "\n"
    "Let's fix $L^p = 1$ & vary p to visualize it.\n"
    "\n"
    "$$1 = \\left(|x_1|^p + |x_2|^p \\right)^{\\frac{1}{p}}$$\n"
    "\n"
    "$$1^p = |x_1|^p + |x_2|^p$$\n"
    "\n"
    "$$1 = |x_1| + |x_2|$$\n"
    "\n"
    "Unrelated prose.\n"
    "\n"
    "$$(a + 1)^2 = a^2 + 1$$\n"
)


@pytest.fixture(scope="module")
def entries():
    return {e.line: e for e in check_text(SLIDES, "slides.md", 2.0).entries}


def test_the_fixed_equation_is_a_condition_not_a_refuted_identity(entries):
    assert (entries[5].role, entries[5].verdict) == ("given", "defined")
    assert "condition on x_1, x_2" in entries[5].reading


def test_a_valid_step_follows_and_a_wrong_step_is_refuted_with_a_solution(entries):
    assert entries[7].verdict == "true"
    assert "evidence, not a proof" in entries[7].method
    wrong = entries[9]
    assert wrong.verdict == "false"
    values = wrong.counterexample["values"]
    assert values["p"] != "1"  # at p = 1 the step is right; the counterexample is elsewhere


def test_prose_in_between_ends_the_chain_and_a_false_identity_stays_false(entries):
    assert entries[13].role == "claim"
    assert entries[13].verdict == "false"


def test_a_display_that_is_not_the_fixed_number_is_an_ordinary_claim():
    text = "Suppose $x > 0$.\n\n$$(x + 1)^2 = x^2 + 1$$\n"
    (e,) = check_text(text, "n.md", 2.0).entries
    assert (e.role, e.verdict) == ("claim", "false")


def test_a_phrase_that_sets_an_index_does_not_hide_a_false_claim():
    # "Consider $t = 3$" gives a value of the index, not an equation: a_1 = 3 is refuted
    text = "$$a_t = 2t$$\n\nConsider $t = 3$, then\n\n$$a_1 = 3$$\n"
    (e,) = [x for x in check_text(text, "n.md", 2.0).entries if x.line == 5]
    assert (e.role, e.verdict) == ("claim", "false"), e.reading


def test_a_display_about_a_defined_name_is_a_claim_not_the_fixed_equation():
    text = "$$a_t = 2t$$\n\nLet's fix $L^p = 3$ and then\n\n$$a_1 = 3$$\n"
    (e,) = [x for x in check_text(text, "n.md", 2.0).entries if x.line == 5]
    assert (e.role, e.verdict) == ("claim", "false"), e.reading


def test_a_display_using_the_fixed_name_is_a_claim_under_it_not_the_equation():
    # "Suppose $y = 2$" then y^2 = 2: the display is not y = 2 restated (y^2 = 4 there)
    text = "Suppose $y = 2$, then\n\n$$y^2 = 2$$\n"
    (e,) = check_text(text, "n.md", 2.0).entries
    assert (e.role, e.verdict) == ("claim", "false")


def test_a_step_undefined_at_a_solution_is_not_refuted_there():
    text = (
        "Let's fix $L^p = 1$ & vary p:\n\n"
        "$$1 = (|x_1|^p + |x_2|^p)^{1/p}$$\n\n"
        "$$\\frac{1}{x_2 - x_1} = \\frac{1}{1 - 2 x_1}$$\n"
    )
    (e,) = [x for x in check_text(text, "n.md", 2.0).entries if x.line == 5]
    assert e.verdict == "false"
    # never at x_1 = 1/2, where the right side has no value; the difference is a number
    assert e.counterexample["values"]["x_1"] != "1/2"
    assert "zoo" not in e.counterexample["lhs - rhs"]
    assert "nan" not in e.counterexample["lhs - rhs"]
