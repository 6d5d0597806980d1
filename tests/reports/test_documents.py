r"""``adaproof check NOTES.md|NOTES.tex``: a user's document read, unrolled and decided.

The sample notes ``tests/data/adam_notes.md`` (Adam's first moment, bias correction and
one deliberate slip in a variance formula) must come out green except the slip. The
seed documents are quoted in a few lines each, never read from outside the repository.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from adaproof.reports.cli import main
from adaproof.reports.documents import check_text, read_text
from adaproof.reports.documents.reader import DocumentError

DATA = Path(__file__).resolve().parents[1] / "data"
NOTES = DATA / "adam_notes.md"
BUDGET = 1.5


def verdicts(text: str, name: str = "notes.md") -> list[tuple[int, str, str]]:
    return [(e.line, e.role, e.verdict) for e in check_text(text, name, BUDGET).entries]


def by_line(result, line: int):
    return [e for e in result.entries if e.line == line]


# -- reading -----------------------------------------------------------------------------


def test_markdown_displays_keep_their_lines_and_leave_prose_alone():
    text = (
        "Intro with $a = b$ inline.\n"  # line 1: prose, not a display
        "\n"
        "$$x = 1$$\n"  # 3
        "```\n$$y = 2$$\n```\n"  # 4-6: code, skipped
        "\\[\n z = 3\n\\]\n"  # 7-9
        "<!-- adaproof: assume 0 < \\beta < 1 -->\n"  # 10
    )
    doc = read_text(text, "n.md")
    assert [(d.line, d.text.strip()) for d in doc.displays] == [(3, "x = 1"), (8, "z = 3")]
    assert [d.text for d in doc.inline] == ["a = b"]
    assert [(d.line, d.kind, d.text) for d in doc.directives] == [(10, "assume", "0 < \\beta < 1")]


def test_latex_environments_and_comment_directives():
    text = (
        "\\documentclass{article}\n"
        "% adaproof: model g_t iid, mean \\mu, variance \\sigma^2\n"  # 2
        "\\begin{equation}\n m_t = \\beta m_{t-1} + (1-\\beta) g_t\n\\end{equation}\n"  # 3-5
        "\\begin{align*}\n m_1 &= (1-\\beta) g_1 \\\\\n m_2 &= x\n\\end{align*}\n"  # 6-9
        "Text $q = 1$ and 50\\% off.\n"  # 10
    )
    doc = read_text(text, "n.tex")
    assert doc.kind == "latex"
    assert [d.line for d in doc.displays] == [4, 7]
    assert [(d.line, d.kind) for d in doc.directives] == [(2, "model")]
    result = check_text(text, "n.tex", BUDGET)
    rows = [(e.line, e.role, e.verdict) for e in result.entries if e.role != "given"]
    assert rows[:2] == [(4, "definition", "defined"), (7, "claim", "true")]
    assert rows[2][0] == 8
    assert rows[2][2] == "false"


def test_unreadable_documents_are_refused_with_one_line():
    with pytest.raises(DocumentError, match="NUL"):
        read_text("a\x00b", "n.md")


# -- the sample notes ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    from adaproof.reports.documents import check_path

    return check_path(NOTES, budget=BUDGET)


def test_sample_notes_green_except_the_slip(sample):
    claims = {e.line: e for e in sample.claims}
    refuted = sorted(line for line, e in claims.items() if e.verdict == "false")
    assert refuted == [34], [(e.line, e.verdict, e.method) for e in sample.claims]
    assert all(e.verdict == "true" for line, e in claims.items() if line != 34)
    assert {16, 22, 26, 30, 38} <= set(claims)
    slip = claims[34]
    values = slip.counterexample["values"]
    assert set(values) == {"beta1", "sigma"}
    assert sample.exit_code == 1


def test_sample_notes_definitions_are_listed_with_their_reading(sample):
    defs = [(e.line, e.role) for e in sample.entries if e.role in ("definition", "initial value")]
    assert defs == [(8, "definition"), (12, "definition"), (20, "definition")]
    rec = by_line(sample, 12)[0]
    assert "recursion" in rec.reading
    assert "initial value m_0 = 0" in rec.reading
    model = [e for e in sample.entries if e.role == "given" and "model" in e.reading]
    assert model
    assert "variance sigma**2" in model[0].reading


def test_the_slip_is_the_only_thing_that_changes_the_verdict():
    text = NOTES.read_text(encoding="utf-8")
    fixed = text.replace(
        r"\sigma^2 \frac{1 + \beta_1^2}{1 + \beta_1}",
        r"\sigma^2 \frac{(1 - \beta_1)(1 + \beta_1^2)}{(1 + \beta_1)(1 - \beta_1^2)}",
    )
    assert fixed != text
    result = check_text(fixed, "fixed.md", BUDGET)
    assert [e.verdict for e in result.claims] == ["true"] * len(result.claims)
    assert result.exit_code == 0


# -- definitions, claims and what is not checked -------------------------------------------


@pytest.mark.slow
def test_tutorial_unrolled_recursion_is_refuted_at_its_line():
    # short quotation of the tutorial (000): the recursion, the prose givens, the unrolling
    text = (
        "with $v^{(0)} = 0$,\n"
        "$$v^{(t+1)} = \\beta v^{(t)} + (1 - \\beta) \\nabla C(\\theta^{(t)})$$\n"
        "stationary: $\\nabla C(\\theta^{(t)}) \\approx g$ for all $t$.\n"
        "$$v^{(1)} = (1 - \\beta)g$$\n"
        "$$v^{(t+1)} = (1 - \\beta) \\left( \\sum_{\\tau=1}^t \\beta^{\\tau-1} \\right) g$$\n"
        "$$v^{(t+1)} \\approx g$$\n"
    )
    result = check_text(text, "tutorial.md", BUDGET)
    got = {e.line: e.verdict for e in result.claims}
    assert got == {4: "true", 5: "false", 6: "true"}
    assert by_line(result, 5)[0].counterexample["index"] == "t = 1"


def test_slides_rmsprop_rule_is_checked_not_taken_as_a_definition():
    text = (
        "$$v_t = v_{t-1} + (\\nabla w_t)^2$$\n"
        "$$v_t = \\beta v_t + (1 - \\beta) \\nabla w_t^2$$\n"
        "$$v_t = \\beta v_{t-1} + (1 - \\beta) \\nabla w_t^2$$\n"
        "$$v_1 = (1 - \\beta) \\nabla w_1^2$$\n"
    )
    result = check_text(text, "slides.md", BUDGET)
    rows = [(e.line, e.role, e.verdict) for e in result.entries]
    # line 2 refers to v_t on both sides: a claim, false; line 3 is a new recursion
    assert rows == [
        (1, "definition", "defined"),
        (2, "claim", "false"),
        (3, "definition", "defined"),
        (4, "claim", "true"),
    ]


def test_lecture_notes_variance_formula_is_refuted_and_the_fix_holds():
    mhat = (
        "$$\\hat{m}_t = \\frac{\\sum_{\\tau=0}^{t-1} \\beta_1^{\\tau} g_{t-\\tau}}"
        "{\\sum_{\\tau=0}^{t-1} \\beta_1^{\\tau}}$$\n"
    )
    wrong = "\\frac{(1-\\beta_1)(1-\\beta_1^{2t-1})}{(1-\\beta_1^2)(1-\\beta_1^t)^2}"
    right = "\\frac{(1-\\beta_1)^2(1-\\beta_1^{2t})}{(1-\\beta_1^2)(1-\\beta_1^t)^2}"
    text = (
        mhat
        + f"$$\\text{{Var}}(\\hat{{m}}_t) = \\sigma^2 {wrong}$$\n"
        + f"$$\\text{{Var}}(\\hat{{m}}_t) = \\sigma^2 {right}$$\n"
    )
    result = check_text(text, "lecture.md", BUDGET)
    assert [(e.line, e.verdict) for e in result.claims] == [(2, "false"), (3, "true")]
    assert "default model" in result.claims[1].reading  # no model line: said so


def test_change_of_notation_is_not_refuted():
    text = (
        "$$m_t = \\beta_1 m_{t-1} + (1 - \\beta_1) g_t$$\n"
        "$$m_1 = (1 - \\beta) g_1$$\n"  # β for β₁: true when read as β₁, said
        "$$m_2 = \\beta g_2$$\n"  # false even when read as β₁: not refuted either
    )
    result = check_text(text, "n.md", BUDGET)
    first, second = result.claims
    assert first.verdict == "true"
    assert "read beta as beta1" in first.reading
    assert second.verdict == "inconclusive"
    assert "not refuted" in second.method


def test_not_checked_formulas_say_why():
    text = (
        "$$\\eta_t \\sim \\frac{1}{\\sqrt{t}}$$\n"
        "$$\\sum_{i=1}^d x_i$$\n"
        "$$a = b + \\dots$$\n"
        "$$\\int_0^1 \\sin(x) dx = 1$$\n"
    )
    result = check_text(text, "n.md", BUDGET)
    reasons = [(e.line, e.verdict, e.reading) for e in result.entries]
    assert [r[:2] for r in reasons] == [(i, "not checked") for i in (1, 2, 3, 4)]
    assert "~ (an order of magnitude)" in reasons[0][2]
    assert reasons[1][2] == "not a relation"
    assert "ellipsis" in reasons[2][2]
    assert result.exit_code == 0  # nothing decided, nothing refuted
    assert result.decided_share() == (0, 3)  # a bare formula is not a relation


def test_chains_are_decided_link_by_link_and_whole():
    text = (
        "$$\\frac{1-\\beta^2}{1-\\beta} = 1 + \\beta \\le 2$$\n"
        "$$(1+\\beta)^2 = 1 + \\beta^2 \\le 2$$\n"
    )
    result = check_text(text, "n.md", BUDGET)
    got = [(e.line, e.verdict) for e in result.claims]
    assert got == [(1, "true"), (1, "true"), (1, "true"), (2, "false"), (2, "true"), (2, "false")]


def test_prose_settings_are_read_only_after_let():
    text = (
        "$$v_t = \\beta v_{t-1} + (1 - \\beta) g_t^2$$\n"
        "let $\\beta = 0.9$ and note the case $\\beta = 0$.\n"
        "$$v_0 = 0.1 g_0^2$$\n"
        "$$v_1 = 0.09 g_0^2 + 0.1 g_1^2$$\n"
    )
    result = check_text(text, "n.md", BUDGET)
    assert [e.reading for e in result.entries if e.role == "given"] == [
        "defines beta = 9/10 (from the text)"
    ]
    assert [(e.line, e.verdict) for e in result.claims] == [(4, "true")]


# -- command line --------------------------------------------------------------------------


def test_cli_exit_codes_json_and_table(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["check", str(NOTES), "--budget", str(BUDGET), "--json", str(out)]) == 1
    table = capsys.readouterr().out
    assert "REFUTED" in table
    assert "adam_notes.md:" in table
    data = json.loads(out.read_text(encoding="utf-8"))
    (doc,) = data["documents"]
    assert doc["exit_code"] == 1
    assert doc["decided"] == doc["relations"] == 6
    lines = [e["line"] for e in doc["entries"] if e["verdict"] == "false"]
    assert lines == [34]

    good = tmp_path / "good.md"
    good.write_text("$$m_t = m_{t-1} + g_t$$\n$$m_2 = g_1 + g_2$$\n", encoding="utf-8")
    assert main(["check", str(good), "--budget", str(BUDGET), "-q"]) == 0
    undecided = tmp_path / "undecided.md"
    undecided.write_text("$$\\sqrt{x^2} = x \\approx y$$\n", encoding="utf-8")
    assert main(["check", str(undecided), "--budget", str(BUDGET)]) in (1, 3)


def test_cli_usage_errors(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.md")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["check", str(NOTES), "000-1a"]) == 2
    assert "either documents or catalogue ids" in capsys.readouterr().err
    assert main(["check", str(NOTES), "--budget", "0"]) == 2


def test_cli_html_report_uses_the_report_builder(tmp_path):
    rep = tmp_path / "rep"
    assert main(["check", str(NOTES), "--budget", str(BUDGET), "--out", str(rep)]) == 1
    html = (rep / "index.html").read_text(encoding="utf-8")
    assert "adam_notes.md:34" in html
    results = json.loads((rep / "results.json").read_text(encoding="utf-8"))
    assert results["schema"] == "adaproof/results"  # the catalogue's envelope and schema
    by_id = {c["id"]: c for c in results["claims"]}
    assert by_id["adam_notes.md:34"]["verdict"] == "refuted"
    assert by_id["adam_notes.md:34"]["location"] == "line 34"
    assert by_id["adam_notes.md:16"]["verdict"] == "proved"
    assert by_id["adam_notes.md:26"]["verdict"] == "proved"  # closed form of the recursion
    assert by_id["adam_notes.md:30"]["verdict"] == "proved"  # E[…] by linearity, every t
    assert by_id["adam_notes.md:38"]["verdict"] == "approximate"
    # the page describes the notes, not the catalogue and its reviewed baselines
    assert results["kind"] == "document"
    assert "<h1>What holds in adam_notes.md</h1>" in html
    assert "baseline" not in html
    assert "expected verdict" not in html
    status = re.search(r'<p class="alert">(.*?)</p>', html).group(1)
    assert "1 relation(s) refuted" in status
    assert "adam_notes.md:34" in status
    assert "(line 34)" in status
    assert "catalogue" not in (rep / "summary.md").read_text(encoding="utf-8")


def test_document_page_lists_what_was_not_checked(tmp_path):
    notes = tmp_path / "n.md"
    notes.write_text(
        "$$m_t = \\beta m_{t-1} + (1-\\beta) g_t$$\n"
        "$$m_1 = (1-\\beta) g_1$$\n"
        "$$\\eta_t \\sim \\frac{1}{\\sqrt{t}}$$\n",
        encoding="utf-8",
    )
    rep = tmp_path / "rep"
    assert main(["check", str(notes), "--budget", str(BUDGET), "--out", str(rep)]) == 0
    html = (rep / "index.html").read_text(encoding="utf-8")
    assert '<p class="ok">No displayed relation was refuted.</p>' in html
    section = html[html.index('<section id="not-checked">') :]
    assert "line 3" in section
    assert "~ (an order of magnitude) is not decided" in section


# -- pytest: documents as tests ------------------------------------------------------------

pytest_plugins = ["pytester"]


@pytest.mark.slow
def test_documents_as_pytest_items(pytester):
    notes = pytester.mkdir("notes")
    (notes / "adam.md").write_text(NOTES.read_text(encoding="utf-8"), encoding="utf-8")
    (notes / "open.md").write_text(
        "$$\\eta_t \\sim 1/t$$\n$$m_t = m_{t-1} + g_t$$\n$$m_1 = g_1$$\n", encoding="utf-8"
    )
    pytester.makepyprojecttoml(
        '[tool.pytest.ini_options]\nadaproof_documents = ["notes/*.md"]\nadaproof_budget = "1.5"\n'
    )
    result = pytester.runpytest("-p", "no:randomly", "-p", "no:cacheprovider", "-rs", "-v")
    result.assert_outcomes(passed=6, failed=1, skipped=1)
    result.stdout.fnmatch_lines(
        [
            "*notes/adam.md::line 34 FAILED*",
            "*refuted: \\operatorname{Var}*",
            "*counterexample: {'beta1': *",
            "*SKIPPED*not checked: ~ (an order of magnitude) is not decided*",
        ]
    )


def test_a_condition_in_the_prose_before_a_display_is_applied_and_blocks_a_refutation():
    text = (
        "Further, so long as $t \\ge 5$, we will have $\\beta^t \\le 1/2$ so that:\n\n"
        "$$\\frac{1}{1 - \\beta^t} \\le 2$$\n\n"
        "So long as $t \\ge 5$, we will have $\\beta^t \\le 1/2$ so that:\n\n"
        "$$\\frac{1}{1 - \\beta^t} \\le \\frac{3}{2}$$\n\n"
        "Without a condition:\n\n"
        "$$\\frac{1}{1 - \\beta^t} \\le 2$$\n"
    )
    result = check_text(text, "n.md", BUDGET)
    got = [(e.line, e.verdict) for e in result.claims]
    # proved with β^t ≤ 1/2; 1/(1-β^t) ≤ 3/2 is false at β^t = 1/2 but the condition
    # alone does not make that point reachable for an integer t: not refuted
    assert got == [(3, "true"), (7, "inconclusive"), (11, "false")]
    assert "under the condition the text states before it" in result.claims[0].method
    assert "so long as" in result.claims[1].method.lower()


def test_a_chain_whose_links_are_true_is_true_by_transitivity_with_their_reading():
    # lecture notes: β₁ = 1 - α given, the chain's last side writes β for β₁
    text = (
        "Let's write $\\beta_1=1-\\alpha$. Then we have:\n\n"
        "Further, so long as $t \\ge \\log(1/2)/\\log(\\beta_1)$ , we will have "
        "$\\beta_1^t \\le 1/2$  so that:\n\n"
        "$$\\frac{(1-\\beta_1)^2(1-\\beta_1^{2t-1})}{(1-\\beta_1^2)(1-\\beta_1^t)^2} "
        "\\le 4\\alpha = 4(1-\\beta)$$\n"
    )
    result = check_text(text, "n.md", BUDGET)
    got = [(e.text.endswith("(whole chain)"), e.verdict) for e in result.claims]
    assert got == [(False, "true"), (False, "true"), (True, "true")]
    assert "read beta as beta1" in result.claims[1].reading
    assert "by transitivity" in result.claims[2].method
    assert "read beta as beta1" in result.claims[2].reading


def test_hostile_formulas_are_not_checked_and_the_rest_goes_on():
    text = (
        "$$9^{9^{9^{9}}} = 1$$\n"
        "$$x = \\evil{y}$$\n"
        "$$" + "(" * 80 + "x" + ")" * 80 + " = x$$\n"
        "$$m_t = m_{t-1} + g_t$$\n"
        "$$m_2 = g_1 + g_2$$\n"
    )
    result = check_text(text, "n.md", BUDGET)
    rows = [(e.line, e.verdict) for e in result.entries]
    assert rows[:3] == [(1, "not checked"), (2, "not checked"), (3, "not checked")]
    assert rows[-1] == (5, "true")


def test_document_json_validates_against_the_check_schema(capsys):
    jsonschema = pytest.importorskip("jsonschema")
    from adaproof.reports import jsonio

    assert main(["check", str(NOTES), "--budget", str(BUDGET), "--json", "-"]) == 1
    data = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(jsonio.load_schema("check")).validate(data)
    assert data["schema"] == "adaproof/check"
    assert data["documents"][0]["document"] == "adam_notes.md"


def test_numeric_only_steps_are_not_called_exact_and_coordinate_sums_are_not_read():
    text = (
        "$$\\sum_{i=1}^{d} g_t[i]^2 \\le d g_t[i]^2$$\n"  # a sum over the coordinates
        "$$m_t = m_{t-1} + g_t^2$$\n"
        "$$\\sqrt{m_t} \\le \\sum_{k=1}^{t} |g_k|$$\n"
    )
    result = check_text(text, "n.md", BUDGET)
    first = result.entries[0]
    # read with vectors, false for some coordinates, but never refuted by this reading
    assert first.verdict == "inconclusive"
    assert "not refuted" in first.method
    claim = result.claims[1]
    assert claim.verdict == "true"
    assert "numeric search" in claim.method
    assert claim.method.endswith("not a proof")
    assert not claim.symbolic  # the report says confirmed, not proved


def test_vectors_are_read_with_explicit_coordinates_at_small_dimensions():
    # quoted from lecture notes on AdaGrad (Cauchy-Schwarz steps, the coordinate split)
    text = (
        "$$\\langle \\mathbf{g}_t, \\mathbf{w}_t - \\mathbf{w}_{\\star} \\rangle = "
        "\\sum_{i=1}^d g_t[i](\\mathbf{w}_t[i] - \\mathbf{w}_{\\star}[i])$$\n"  # 1
        "$$\\sqrt{d} \\sqrt{\\sum_{t=1}^{T} \\sum_{i=1}^{d} \\mathbf{g}_{t}[i]^{2}} = "
        "\\sqrt{d \\sum_{t=1}^{T} \\|\\mathbf{g}_{t}\\|^{2}}$$\n"  # 2
        "$$\\sum_{t=1}^{T} \\mathbb{E}[\\langle \\mathbf{g}_{t}, \\mathbf{w}_{t} \\rangle] = "
        "\\sum_{i=1}^{d} \\mathbb{E}[\\sum_{t=1}^{T} \\mathbf{g}_{t}[i] \\mathbf{w}_{t}[i]]$$\n"
        "$$\\|\\mathbf{w}_{\\star}\\|_{2} = w\\sqrt{d}$$\n"  # 4: true only in the text's case
        "$$\\langle \\mathbf{g}_t, \\mathbf{w}_t \\rangle = "
        "\\sum_{i=1}^d 2 g_t[i] \\mathbf{w}_t[i]$$\n"  # 5: a slip
    )
    result = check_text(text, "n.md", BUDGET)
    got = {e.line: e for e in result.claims}
    for line in (1, 2, 3):
        assert got[line].verdict == "true", got[line].method
        assert "d = 1..3" in got[line].method
        assert got[line].method.endswith("evidence, not a proof")
        assert not got[line].symbolic  # reported as confirmed, not proved
    assert "T = 1..8" in got[2].method
    # false for free coordinates: inconclusive with the reason, never refuted
    for line in (4, 5):
        assert got[line].verdict == "inconclusive"
        assert "not refuted" in got[line].method
    assert result.exit_code == 3


def test_an_identity_in_free_values_is_true_whatever_the_definitions():
    text = (
        "$$\\mathbf{w}_{t+1}[i] = \\mathbf{w}_t[i] - \\eta_t g_t[i]$$\n"
        # a projection onto a set that is not read (|w| <= D would be: see the projection tests)
        "$$\\mathbf{w}_{t+1}[i] = \\Pi_{\\mathcal{K}} \\mathbf{w}_t[i] - \\eta_t g_t[i]$$\n"
        "$$(w_t - \\eta_t g_t - w_\\star)^2 = (w_t - w_\\star)^2 - 2\\eta_t g_t (w_t - w_\\star)"
        " + \\eta_t^2 g_t^2$$\n"  # 3: algebra, true for any w
        "$$(w_t - \\eta_t g_t - w_\\star)^2 = (w_t - w_\\star)^2 + \\eta_t^2 g_t^2$$\n"  # 4
    )
    result = check_text(text, "n.md", BUDGET)
    three, four = by_line(result, 3)[0], by_line(result, 4)[0]
    assert three.verdict == "true"
    assert three.symbolic
    assert "definitions are not needed" in three.method
    # false for free values, but w's definition was not read: not refuted
    assert four.verdict == "inconclusive"


def test_a_new_name_defined_by_a_formula_not_read_is_a_definition():
    text = (
        "$$\\hat{y} = \\langle w, x \\rangle$$\n"
        "$$q_t = \\nabla \\mathcal{L}(w_t) + r_t$$\n"
        "$$q_t = r_t$$\n"  # uses q: not decided
        "$$a = b + \\dots$$\n"  # an expansion, not a definition
    )
    result = check_text(text, "n.md", BUDGET)
    rows = [(e.line, e.role, e.verdict) for e in result.entries]
    assert rows[:3] == [
        (1, "definition", "defined"),
        (2, "definition", "defined"),
        (3, "claim", "inconclusive"),
    ]
    assert "not read" in result.entries[2].method
    assert rows[3] == (4, "not checked", "not checked")
