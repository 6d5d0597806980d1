r"""One accumulator ``v_t`` written for the weight and for the bias (AdaGrad slides).

The slides define ``v_t = v_{t-1} + (\nabla w_t)^2``, update the bias with the same
``v_t``, then unroll ``v_t`` for the bias in ``\nabla b``. Those unrollings are read with
``\nabla b_t`` in place of ``\nabla w_t`` (said in the entry), a false one is refuted, and
anything that differs in more than the gradient's name is left undecided.
"""

from __future__ import annotations

from adaproof.reports.documents import check_text

BUDGET = 1.5

# the slides' definitions, quoted: the weight's accumulator, both updates, the w unrolling
ADAGRAD = (
    "$$v_t = v_{t-1} + (\\nabla w_t)^2$$\n"  # line 1
    "\n"
    "$$w_{t+1} = w_t - \\frac{\\eta}{\\sqrt{v_t} + \\epsilon} * \\nabla w_t, \\quad "
    "b_{t+1} = b_t - \\frac{\\eta}{\\sqrt{v_t} + \\epsilon} * \\nabla b_t$$\n"  # line 3
    "\n"
    "$$\\begin{aligned} v_0 &= (\\nabla w)^2 \\\\ v_1 &= (\\nabla w_0)^2 + (\\nabla w_1)^2 "
    "\\end{aligned}$$\n"  # line 5
    "\n"
)


def claims_at(result, line: int) -> list:
    return [e for e in result.entries if e.line == line and e.role == "claim"]


def test_true_unrolling_for_the_bias_is_read_with_its_gradient():
    # v_0 = (∇b_0)^2 starts the bias's accumulator (as line 5's v_0 starts the weight's);
    # v_1 and v_n are then the recursion of line 1 with ∇b in place of ∇w: both true.
    text = ADAGRAD + (
        "$$\\begin{aligned} v_0 &= (\\nabla b_0)^2 \\\\ v_1 &= (\\nabla b_0)^2 + "
        "(\\nabla b_1)^2 \\\\ &\\vdots \\\\ v_n &= \\sum_{i=0}^n (\\nabla b_i)^2 "
        "\\end{aligned}$$\n"  # line 7
    )
    result = check_text(text, "slides.md", BUDGET)
    first = next(e for e in result.entries if e.line == 7)
    assert (first.role, first.verdict) == ("initial value", "defined")
    assert "not checked against v_0 of w" in first.reading
    one, many = claims_at(result, 7)
    assert one.verdict == "true", one.method
    assert many.verdict == "true", many.method
    for e in (one, many):
        assert "recursion of line 1 with ∇b_t in place of ∇w_t" in e.reading
        assert "the text uses v_t for both parameters" in e.reading
        assert "(line 7)" in e.reading  # the bias's own initial value, not line 5's


def test_false_unrolling_for_the_bias_is_refuted():
    # v_1 = (∇b_1)^2 forgets (∇b_0)^2: false for the bias's accumulator, whose update
    # (line 3) uses v_t; the counterexample is in the bias's gradients.
    text = ADAGRAD + "$$v_1 = (\\nabla b_1)^2$$\n"  # line 7
    result = check_text(text, "slides.md", BUDGET)
    (e,) = claims_at(result, 7)
    assert e.verdict == "false", e.method
    assert e.counterexample is not None
    assert "∇b_t in place of ∇w_t" in e.reading
    assert "line 3 applies it" in e.reading
    assert result.exit_code == 1


def test_without_a_rule_for_the_bias_a_false_reading_is_not_refuted():
    # no definition applies v_t to b: its accumulator might follow another rule
    text = "$$v_t = v_{t-1} + (\\nabla w_t)^2$$\n\n$$v_2 = (\\nabla b_2)^2$$\n"
    (e,) = check_text(text, "n.md", BUDGET).claims
    assert e.verdict == "inconclusive"
    assert "not refuted" in e.method


def test_mixed_gradients_stay_inconclusive():
    # the display starts the bias's accumulator, then mixes ∇b_0 with ∇w_1: neither
    # accumulator's unrolling, so no renaming is tried and nothing is decided
    text = (
        "$$v_t = v_{t-1} + (\\nabla w_t)^2$$\n\n"
        "$$v_0 = (\\nabla w)^2$$\n\n"
        "$$\\begin{aligned} v_0 &= (\\nabla b_0)^2 \\\\ "
        "v_1 &= (\\nabla b_0)^2 + (\\nabla w_1)^2 \\end{aligned}$$\n"  # line 5
    )
    result = check_text(text, "n.md", BUDGET)
    (e,) = claims_at(result, 5)
    assert e.verdict == "inconclusive", e.method
    assert "in place of" not in e.reading


def test_a_parameter_with_the_other_gradient_is_not_renamed():
    # the weight updated with the bias's gradient is more than a renaming: not decided
    text = ADAGRAD + (
        "$$w_2 = w_1 - \\frac{\\eta}{\\sqrt{v_1} + \\epsilon} * \\nabla b_1$$\n"  # line 7
    )
    result = check_text(text, "slides.md", BUDGET)
    (e,) = claims_at(result, 7)
    assert e.verdict == "inconclusive", e.method


def test_gradient_and_parameter_renamed_together_stay_undecided():
    # β for β₁ on top of ∇b for ∇w: two readings at once, not decided
    text = (
        "$$u_t = \\beta_1 u_{t-1} + (1 - \\beta_1) (\\nabla w_t)^2$$\n\n"
        "$$u_1 = (1-\\beta) (\\nabla b_1)^2$$\n"
    )
    (e,) = check_text(text, "n.md", BUDGET).claims
    assert e.verdict == "inconclusive"


def test_the_bias_initial_value_does_not_become_the_weights():
    # no v_0 for w is given: the bias's v_0 row must not be taken as w's initial value
    # (that reading made the true v_1 below false)
    text = (
        "$$v_t = v_{t-1} + (\\nabla w_t)^2$$\n\n"
        "$$b_{t+1} = b_t - \\frac{\\eta}{\\sqrt{v_t} + \\epsilon} \\nabla b_t$$\n\n"
        "$$\\begin{aligned} v_0 &= (\\nabla b_0)^2 \\\\ v_1 &= (\\nabla b_0)^2 + "
        "(\\nabla b_1)^2 \\\\ v_2 &= (\\nabla b_2)^2 \\end{aligned}$$\n"
    )
    result = check_text(text, "n.md", BUDGET)
    init = [e for e in result.entries if e.role == "initial value"]
    assert len(init) == 1
    assert "accumulator of b" in init[0].reading
    one, two = result.claims
    assert one.verdict == "true", one.method
    assert two.verdict == "false", two.method
