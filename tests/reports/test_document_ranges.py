"""The index range a recursion is stated for, against where the text starts it (the
tutorial's update loop, 000: "for t = 1, 2, …" starting from θ^(0) never defines θ^(1))."""

from __future__ import annotations

from adaproof.reports.documents import check_text

LOOP = (
    "Starting with an initial point $\\theta^{{(0)}}$ and with $v^{{(0)}} = 0$,\n\n"
    "$$\\theta^{{(t+1)}} = \\theta^{{(t)}} - \\alpha v^{{(t+1)}}, \\quad \\text{{for }} t = {a}, "
    "{b}, \\dots,$$\n\n"
    "$$v^{{(t+1)}} = \\beta v^{{(t)}} + (1 - \\beta) g_t$$\n"
)


def _range_entry(text: str):
    return [e for e in check_text(text, "n.md", 2.0).entries if e.text.startswith("\\text")]


def test_a_loop_that_starts_after_the_initial_value_is_refuted():
    (e,) = _range_entry(LOOP.format(a=1, b=2))
    assert (e.role, e.verdict) == ("claim", "false")
    assert "theta_1 is never defined" in e.method
    assert "start at t = 0" in e.method


def test_the_corrected_loop_is_true():
    (e,) = _range_entry(LOOP.format(a=0, b=1))
    assert e.verdict == "true"


def test_without_a_start_in_the_text_the_range_is_not_checked():
    text = LOOP.format(a=1, b=2).replace("an initial point $\\theta^{(0)}$ and ", "")
    (e,) = _range_entry(text)
    assert e.verdict == "not checked"
