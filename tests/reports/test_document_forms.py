r"""Two forms of a document's displays: ``A \propto B`` and a lone expression that continues
the display before it through the prose ("this is approximately:").

The relations are short quotations or sample notes written here; nothing is read from
outside the repository.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from adaproof.reports.documents import check_text

BUDGET = 1.5


def _num(value) -> float:
    """A counterexample's number as shown (``0.5``, ``1/2``, ``2``)."""
    return float(Fraction(str(value)))


def entries_at(text: str, line: int):
    return [e for e in check_text(text, "notes.md", BUDGET).entries if e.line == line]


# -- proportionality -------------------------------------------------------------------------

FORM = (
    "we should look for a learning rate of the form\n"  # 1
    "\n"
    "$$\\eta_t \\propto \\frac{r}{\\sqrt{t}}$$\n"  # 3
    "\n"
    "We then set:\n"  # 5
    "\n"
    "$$\\eta_t = \\frac{c}{\\sqrt{t + 1}}$$\n"  # 7
)


def test_propto_of_an_undefined_name_states_a_form_that_is_never_unrolled():
    result = check_text(FORM, "notes.md", BUDGET)
    (form,) = [e for e in result.entries if e.line == 3]
    assert (form.role, form.verdict) == ("definition", "defined")
    assert "the form of \\eta_t up to a constant factor" in form.reading
    assert "not used to unroll later claims" in form.reading
    # the later definition is a definition, not a claim checked against r/sqrt(t)
    (defn,) = [e for e in result.entries if e.line == 7]
    assert (defn.role, defn.verdict) == ("definition", "defined")
    assert not any(e.role == "claim" for e in result.entries)


def test_propto_of_a_defined_name_is_true_when_the_ratio_does_not_depend_on_the_index():
    text = "$$\\eta_t = \\frac{c}{\\sqrt{t}}$$\n\n$$\\eta_t \\propto \\frac{1}{\\sqrt{t}}$$\n"
    (e,) = entries_at(text, 3)
    assert (e.role, e.verdict) == ("claim", "true"), e.method
    assert "κ = c" in e.method


def test_propto_of_a_defined_name_is_false_with_two_indices_where_the_ratio_differs():
    text = "$$\\eta_t = \\frac{c}{\\sqrt{t}}$$\n\n$$\\eta_t \\propto \\frac{1}{t}$$\n"
    (e,) = entries_at(text, 3)
    assert (e.role, e.verdict) == ("claim", "false"), e.method
    ce = e.counterexample
    assert ce["reference"] == "t = 1"
    at = int(ce["values"]["t"])
    c = float(ce["values"]["c"])
    # cross-multiplied against t = 1: eta_t * (1/1) = c/sqrt(t) and eta_1 * (1/t) = c/t
    assert at != 1
    assert abs(_num(ce["lhs"]) - c / at**0.5) < 1e-6
    assert abs(_num(ce["rhs"]) - c / at) < 1e-6
    assert abs(_num(ce["lhs"]) - _num(ce["rhs"])) > 1e-3


def test_propto_with_the_right_side_zero_at_the_first_index():
    # a_t = 2(t - 1) is 2 (t - 1): no ratio at t = 1 (0/0), the constant is taken at t = 2
    text = "$$a_t = 2(t-1)$$\n\n$$a_t \\propto t - 1$$\n\n$$a_t \\propto t(t-1)$$\n"
    result = check_text(text, "notes.md", BUDGET)
    (true,) = [e for e in result.entries if e.line == 3]
    assert (true.role, true.verdict) == ("claim", "true"), true.method
    assert "t = 2, κ = 2" in true.method
    (false,) = [e for e in result.entries if e.line == 5]
    assert false.verdict == "false", false.method
    ce = false.counterexample
    assert ce["reference"] == "t = 2"
    at = int(ce["values"]["t"]) if "values" in ce and "t" in ce["values"] else None
    if at is not None:  # a_t * (2*1) against a_2 * t(t-1), recomputed
        assert _num(ce["lhs"]) == 2 * (at - 1) * 2
        assert _num(ce["rhs"]) == 2 * at * (at - 1)


def test_propto_is_not_refuted_where_both_sides_are_zero():
    text = "$$b_t = 3t(t-2)$$\n\n$$b_t \\propto t^2 - 2t$$\n"
    (e,) = entries_at(text, 3)
    assert (e.role, e.verdict) == ("claim", "true"), e.method


def test_propto_through_a_recursion_is_decided_at_exact_steps():
    text = (
        "$$v_0 = 1$$\n\n"
        "$$v_t = 2 v_{t-1}$$\n\n"  # 3: v_t = 2^t
        "$$v_t \\propto 2^t$$\n\n"  # 5: true, κ = 1
        "$$v_t \\propto 3^t$$\n"  # 7: false
    )
    result = check_text(text, "notes.md", BUDGET)
    (true,) = [e for e in result.entries if e.line == 5]
    (false,) = [e for e in result.entries if e.line == 7]
    assert true.verdict == "true", true.method
    assert false.verdict == "false", false.method


def test_propto_with_a_name_not_defined_on_the_right_is_inconclusive():
    text = (
        "$$\\eta_t = \\frac{c}{\\sqrt{t}}$$\n\n$$\\eta_t[i] \\propto \\frac{1}{\\sqrt{n_t[i]}}$$\n"
    )
    (e,) = entries_at(text, 3)
    assert e.verdict == "inconclusive"
    assert "n_t is not defined" in e.method


# -- a lone expression continuing the previous display ---------------------------------------

LEFT = (
    "For large t, we are left with:\n"  # 1
    "\n"
    "$$\\sigma^2 \\frac{(1-\\beta_1)^2}{1-\\beta_1^2} = "
    "\\sigma^2 \\frac{1-\\beta_1}{1+\\beta_1}$$\n"
    "\n"
)


def test_taylor_continuation_is_refuted_at_its_line():
    text = (
        LEFT
        + "Now, by first-order taylor expansion we might expect that this is approximately:\n"
        + "\n$$\\sigma^2(1-\\beta_1)$$\n"  # 7
    )
    (e,) = entries_at(text, 7)
    assert (e.role, e.verdict) == ("claim", "false"), e.method
    assert e.reading.startswith("continues line 3 through 'this is approximately:'")
    assert "\\approx" in e.text
    assert e.text.startswith("\\sigma^2 \\frac{1-\\beta_1}{1+\\beta_1}")
    assert e.counterexample["limit_ratio"] == "1/2"
    assert "first-order expansion" in e.method


def test_the_corrected_taylor_step_holds():
    text = (
        LEFT
        + "By first-order Taylor expansion about 1 this is approximately:\n"
        + "\n$$\\frac{\\sigma^2(1-\\beta_1)}{2}$$\n"
    )
    (e,) = entries_at(text, 7)
    assert (e.role, e.verdict) == ("claim", "true"), e.method


def test_approximately_without_a_stated_limit_is_inconclusive_when_the_ends_disagree():
    text = LEFT + "which is approximately:\n\n$$\\sigma^2(1-\\beta_1)$$\n"
    (e,) = entries_at(text, 7)
    assert e.verdict == "inconclusive"
    assert "does not say which limit" in e.method


def test_equal_to_continuation_is_an_equation_and_can_be_false():
    good = LEFT + "which is equal to:\n\n$$\\frac{\\sigma^2(1-\\beta_1^2)}{(1+\\beta_1)^2}$$\n"
    (e,) = entries_at(good, 7)
    assert (e.relation, e.verdict) == ("=", "true"), e.method
    bad = LEFT + "this becomes:\n\n$$\\frac{\\sigma^2}{1+\\beta_1}$$\n"
    (e,) = entries_at(bad, 7)
    assert (e.relation, e.verdict) == ("=", "false"), e.method
    assert e.counterexample is not None


def test_a_lone_expression_after_other_prose_is_still_not_a_relation():
    text = LEFT + "The effective step magnitude is\n\n$$\\sigma^2(1-\\beta_1)$$\n"
    (e,) = entries_at(text, 7)
    assert (e.role, e.reading) == ("not checked", "not a relation")


def test_a_lone_expression_far_from_the_previous_relation_is_not_a_continuation():
    text = LEFT + "More prose.\n" * 8 + "\nwhich is approximately:\n\n$$\\sigma^2(1-\\beta_1)$$\n"
    (e,) = [x for x in check_text(text, "notes.md", BUDGET).entries if x.line > 3]
    assert (e.role, e.reading) == ("not checked", "not a relation")


def test_approximately_true_at_both_ends_of_the_range():
    text = (
        "$$\\frac{(1-\\beta_1)^2}{1-\\beta_1^2} = \\frac{1-\\beta_1}{1+\\beta_1}$$\n\n"
        "which is approximately:\n\n"
        "$$\\frac{1-\\beta_1}{1+\\beta_1} + \\beta_1^2(1-\\beta_1)^2$$\n"
    )
    (e,) = entries_at(text, 5)
    assert (e.role, e.verdict) == ("claim", "true"), e.method
    assert "at both ends" in e.method


BIAS = "The bias correction factor is\n\n$$m = \\frac{1-\\beta^t}{1-\\beta}$$\n\n"


@pytest.mark.parametrize(
    "prose",
    [
        "As $t \\to \\infty$ this becomes:",
        "For large t, which is equal to:",
        "With $\\beta = 0$ this equals:",
        "For $t = 1$, this is approximately:",
    ],
)
def test_a_continuation_under_a_condition_in_the_prose_is_not_decided(prose):
    # (1 - beta^t)/(1 - beta) is 1/(1 - beta) only in the limit: not refuted as an identity
    text = BIAS + prose + "\n\n$$\\frac{1}{1-\\beta}$$\n"
    (e,) = entries_at(text, 7)
    assert (e.role, e.verdict) == ("claim", "inconclusive"), e.method
    assert "under a condition" in e.method
    assert e.counterexample is None


def test_the_same_continuation_without_a_condition_is_refuted():
    (e,) = entries_at(BIAS + "which is equal to:\n\n$$\\frac{1}{1-\\beta}$$\n", 7)
    assert (e.role, e.verdict) == ("claim", "false"), e.method


def test_a_chain_of_forms_is_not_refuted_for_undefined_names():
    # a_t ∝ b_t ∝ c_t: b_t and c_t are not defined; b_t ∝ c_t is no claim about every sequence
    entries = check_text("$$a_t \\propto b_t \\propto c_t$$\n", "notes.md", BUDGET).entries
    assert [e.verdict for e in entries] == ["defined", "inconclusive"]
    assert "not defined" in entries[1].method
