r"""Projected steps in a user's notes: ``w_{t+1}[i] = \Pi_{|w[i]| \le D} w_t[i] - …``.

The sample below quotes a few relations of a lecture's AdaGrad proof (Theorem 3): the
projection is read as applied to the whole step, the claims are unrolled with the clip
under the conditions the prose states, and the slip (``(w_t - w*)^2 <= D^2`` and the chain
that rests on it) is refuted by a counterexample that satisfies those conditions.
"""

from __future__ import annotations

import math

import pytest
from adaproof.reports.documents import check_text

BUDGET = 1.5

HEAD = (
    "# AdaGrad, one coordinate\n"
    "\n"
    r"$$\mathbf{g}_t = \nabla \ell(\mathbf{w}_t, z_t)$$"
    "\n"
    "\n"
    r"$$\eta_t[i] = \frac{c}{\sqrt{\epsilon^2 + \sum_{\tau=1}^t \mathbf{g}_{\tau}[i]^2}}$$"
    "\n"
    "\n"
    r"Suppose that $\|\mathbf{w}_{\star}\|_{\infty} \leq D_{\infty}$. "
    r"Then with $c = \sqrt{2}D_{\infty}$, the algorithm:"
    "\n"
    "\n"
    r"$$\mathbf{w}_{t+1}[i] = \Pi_{|\mathbf{w}[i]| \le D_{\infty}} \mathbf{w}_t[i] - "
    r"\frac{c\mathbf{g}_t[i]}{\sqrt{\mathbf{g}_{1:t}^2[i]}}$$"
    "\n"
    "\n"
    r"Using the fact that $|\mathbf{w}_{\star}[i]| \leq D_{\infty}$:"
    "\n"
)
UPDATE = 9  # the line of the projected update in HEAD


def run(*displays: str, budget: float = BUDGET):
    text = HEAD + "".join(f"\n$${d}$$\n" for d in displays)
    first = HEAD.count("\n") + 2
    result = check_text(text, "adagrad.md", budget)
    lines = [first + 2 * k for k in range(len(displays))]
    return result, lines


def at(result, line: int):
    return [e for e in result.entries if e.line == line]


def test_the_projection_is_a_definition_read_as_applied_to_the_whole_step():
    result, _ = run()
    (entry,) = at(result, UPDATE)
    assert (entry.role, entry.verdict) == ("definition", "defined")
    assert "read as applied to the whole step" in entry.reading
    assert "min(max(x, -Dinf), Dinf)" in entry.reading
    assert "w_1 read as a point of that set" in entry.reading
    assert "c = sqrt(2)*Dinf (line 7)" in entry.reading


def test_the_telescoped_bound_is_refuted_with_a_counterexample_the_text_allows():
    chain = (
        r"\sum_{t=1}^{T} \mathbf{g}_{t}[i](\mathbf{w}_{t}[i] - \mathbf{w}_{\star}[i]) \leq "
        r"\frac{D_{\infty}^{2}}{2\eta_{T}[i]} + "
        r"\sum_{t=1}^{T} \frac{\eta_{t}[i]\mathbf{g}_{t}[i]^{2}}{2}"
    )
    result, (line,) = run(chain)
    (entry,) = at(result, line)
    assert entry.verdict == "false", entry.method
    ce = entry.counterexample
    assert ce["index"] == "T = 1"
    vals = {k: float(v) for k, v in ce["values"].items()}
    d, w1, ws, g = vals["Dinf"], vals["w_1"], vals["wstar"], vals["∇_1"]
    # every condition the text states: D > 0, |w*| <= D, w_1 in the projection's set
    assert d > 0
    assert abs(ws) <= d
    assert abs(w1) <= d
    # eta read at epsilon = 0 (the update's own step): the refutation does not use epsilon
    assert "epsilon" not in ce["values"]
    assert "read at epsilon = 0" in entry.reading
    # the claim at T = 1, recomputed: eta_1 = c/|g_1| with c = sqrt(2) D
    eta = math.sqrt(2) * d / abs(g)
    lhs, rhs = g * (w1 - ws), d**2 / (2 * eta) + eta * g**2 / 2
    assert lhs > rhs


def test_the_distance_slip_is_refuted_and_its_correction_holds():
    slip = r"(\mathbf{w}_{t}[i] - \mathbf{w}_{\star}[i])^{2} \leq D_{\infty}^{2}"
    fixed = r"(\mathbf{w}_{1}[i] - \mathbf{w}_{\star}[i])^{2} \leq 4D_{\infty}^{2}"
    result, (a, b) = run(slip, fixed)
    (wrong,) = at(result, a)
    assert wrong.verdict == "false", wrong.method
    vals = {k: float(v) for k, v in wrong.counterexample["values"].items()}
    assert abs(vals["wstar"]) <= vals["Dinf"]
    assert abs(vals["w_1"]) <= vals["Dinf"]
    (right,) = at(result, b)  # false without the conditions (w_1, w* free), true with them
    assert right.verdict == "true", right.method


def test_a_step_name_is_read_at_the_value_where_it_is_the_updates_step():
    # no projection: the rule is about the step, for any recursion
    text = (
        "$$\\eta_t = \\frac{c}{\\sqrt{\\epsilon^2 + \\sum_{\\tau=1}^t g_{\\tau}^2}}$$\n\n"
        "$$x_{t+1} = x_t - \\frac{c g_t}{\\sqrt{\\sum_{\\tau=1}^t g_{\\tau}^2}}$$\n\n"
        "$$x_{t+1} - x_t = -\\eta_t g_t$$\n"
    )
    (entry,) = at(check_text(text, "step.md", BUDGET), 5)
    assert entry.verdict == "true", entry.method
    assert "eta_t read at epsilon = 0, where it is the step of the update at line 3" in (
        entry.reading
    )


def test_a_product_over_an_index_is_still_not_checked():
    text = "$$p_n = \\prod_{k=1}^{n} (1 - \\beta^k)$$\n"
    (entry,) = check_text(text, "prod.md", BUDGET).entries
    assert entry.verdict == "not checked"
    assert "projection or product" in entry.reading


@pytest.mark.slow
def test_the_proof_steps_that_hold_are_true_on_numeric_evidence():
    step = (
        r"(\mathbf{w}_{t+1}[i] - \mathbf{w}_{\star}[i])^{2} \leq "
        r"(\mathbf{w}_{t}[i] - \eta_{t}[i]\mathbf{g}_{t}[i] - \mathbf{w}_{\star}[i])^{2}"
    )
    bound = (
        r"\sum_{t=1}^{T} \mathbf{g}_{t}[i](\mathbf{w}_{t}[i] - \mathbf{w}_{\star}[i]) \leq "
        r"2\sqrt{2}D_{\infty}\sqrt{\sum_{t=1}^{T} \mathbf{g}_{t}[i]^{2}}"
    )
    # a true verdict needs the search to finish at every T = 1..8 (wall-clock budgets): room
    # for a loaded CI machine
    result, (a, b) = run(step, bound, budget=3.0)
    for line in (a, b):
        (entry,) = at(result, line)
        assert entry.verdict == "true", entry.method
        assert "1..8" in entry.method
        assert "not a proof" in entry.method


def test_a_projection_that_is_not_read_keeps_its_iterates_undecided():
    # the step is not read (g_{1:t}^2 without a coordinate): w is still not a free sequence
    text = (
        "$$g_t = \\nabla \\ell(w_t, z_t)$$\n\n"
        "Suppose that $|w_\\star| \\le D$. The algorithm:\n\n"
        "$$w_{t+1} = \\Pi_{|w| \\le R} w_t - \\frac{c g_t}{\\sqrt{g_{1:t}^2}}$$\n\n"
        "$$(w_t - w_\\star)^2 \\le (R + D)^2$$\n"
    )
    (entry,) = at(check_text(text, "unread.md", BUDGET), 7)
    assert entry.verdict == "inconclusive", entry.method
    assert "projection that was not read" in entry.method


def test_a_counterexample_outside_a_stated_bound_does_not_refute():
    # before the claim, without any projection; and "where ..." on the line after it
    text = (
        "Suppose that $|x| \\le 1$.\n\n"
        "$$x^2 \\le 1$$\n\n"
        "$$y^2 \\le 1$$\n\n"
        "where $|y| \\le 1$.\n\n"
        "$$x^3 \\le 1/2$$\n"
    )
    result = check_text(text, "bound.md", BUDGET)
    (a,) = at(result, 3)
    (b,) = at(result, 5)
    (c,) = at(result, 9)
    for entry in (a, b):
        assert entry.verdict == "inconclusive", entry.method
        assert "outside the condition" in entry.method
    # false inside the condition (x = 1): still refuted
    assert c.verdict == "false", c.method
    assert abs(float(c.counterexample["values"]["x"])) <= 1


def test_a_bound_the_prose_denies_is_not_a_condition():
    text = (
        "$$x_{t+1} = x_t - c g_t$$\n\n"
        "We do not assume that $|x_\\star| \\le D$.\n\n"
        "$$(x_1 - x_\\star)^2 \\le 4 D^2$$\n"
    )
    (entry,) = at(check_text(text, "denied.md", BUDGET), 5)
    assert entry.verdict == "false", entry.method


def test_a_supposed_value_withdraws_counterexamples_at_other_values():
    text = (
        "Suppose $y = \\sqrt{2}$, then\n\n"
        "$$y^2 = 2$$\n\n"
        "Unrelated prose.\n\n"
        "$$(a + 1)^2 = a^2 + 1$$\n"
    )
    result = check_text(text, "suppose.md", BUDGET)
    (supposed,) = at(result, 3)
    assert supposed.verdict == "inconclusive", supposed.method
    assert "outside the condition $y = \\sqrt{2}$" in supposed.method
    (other,) = at(result, 7)
    assert other.verdict == "false"
