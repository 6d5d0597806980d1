r"""A document's sums written with an ellipsis are decided (with the reading shown), a wrong
one is refuted, and what cannot be read as a sum stays "not checked" with the reason."""

from __future__ import annotations

from adaproof.reports.documents import check_text

BUDGET = 3.0


def _entries(text: str):
    return check_text(text, "n.md", BUDGET).entries


def test_an_unrolled_accumulator_written_with_dots_is_decided():
    text = (
        "$$v_t = v_{t-1} + \\nabla b_t^2$$\n"
        "$$v_0 = \\nabla b_0^2$$\n"
        "$$v_t = \\nabla b_0^2 + \\nabla b_1^2 + \\dots + \\nabla b_t^2$$\n"  # 3: true
        "$$v_t = \\nabla b_1^2 + \\nabla b_2^2 + \\dots + \\nabla b_t^2$$\n"  # 4: misses b_0
    )
    got = {e.line: e for e in _entries(text)}
    assert got[3].verdict == "true"
    assert "as the sum over k = 0..t" in got[3].reading
    assert got[4].verdict == "false"
    assert got[4].counterexample is not None


def test_a_geometric_listing_in_a_chain_and_the_unrolled_second_moment():
    text = (
        "$$\\mathbf{v}_{t} = \\beta_{2} \\mathbf{v}_{t-1} + (1 - \\beta_{2}) g_{t}^{2}$$\n"
        "$$= \\beta_2^t \\mathbf{v}_0 + \\beta_2^{t-1} (1 - \\beta_2) g_1^2 + \\dots"
        " + \\beta_2 (1 - \\beta_2) g_{t-1}^2 + (1 - \\beta_2) g_t^2$$\n"
        "$$\\beta^{t-1} + \\beta^{t-2} + \\dots + \\beta^0 = \\frac{1-\\beta^t}{1-\\beta}$$\n"
        "$$\\beta^{t-1} + \\beta^{t-2} + \\dots + \\beta^0 = \\frac{1-\\beta^{t-1}}{1-\\beta}$$\n"
    )
    got = {}
    for e in _entries(text):
        got.setdefault(e.line, []).append(e)
    (unrolled,) = got[2]
    assert unrolled.verdict == "true"
    assert "t ≥ 3" in unrolled.reading  # every written term a member from t = 3 on
    assert got[3][0].verdict == "true"
    assert got[4][0].verdict == "false"


def test_a_named_norm_is_a_definition_and_unclear_dots_are_not_checked():
    text = (
        "$$L^p = \\left(|x_1|^p + |x_2|^p + \\dots + |x_n|^p \\right)^{\\frac{1}{p}}$$\n"
        "$$a = b + \\dots$$\n"  # a series: no last term
        "$$s = 1 + 3 + \\dots + (2n-1)$$\n"  # steps of 2 are not inferred
        "$$\\begin{aligned} a &= b \\\\ &\\vdots \\\\ c &= d \\end{aligned}$$\n"
    )
    rows = [(e.line, e.role, e.verdict, e.reading) for e in _entries(text)]
    assert rows[0][1:3] == ("definition", "defined")
    assert "name L^p" in rows[0][3]
    assert rows[1][1:3] == ("not checked", "not checked")
    assert "no last term" in rows[1][3]
    assert rows[2][1:3] == ("not checked", "not checked")
    assert "does not follow their pattern" in rows[2][3]
    vdots = [r for r in rows if r[0] == 4 and r[1] == "not checked"]
    assert vdots
    assert all("not a relation" in r[3] or "⋮" in r[3] for r in vdots)
