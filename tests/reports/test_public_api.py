"""The public API at the top of the package: cheap to import, verify/decide/check/figure,
Jupyter displays of every result type, and the Matplotlib backend left alone."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.dom.minidom

import adaproof
import pytest
import sympy as sp


def _imported_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return set(json.loads(out))


def test_import_adaproof_and_numerics_stay_cheap():
    mods = _imported_after("import adaproof")
    assert not {"sympy", "matplotlib", "numpy"} & mods
    mods = _imported_after("import adaproof.numerics")
    assert not {"sympy", "matplotlib"} & mods


def test_public_names():
    assert set(adaproof.__all__) == {
        "__version__",
        "check",
        "decide",
        "figure",
        "steps",
        "testing",
        "verify",
    }
    assert adaproof.testing.assert_equivalent is not None
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        adaproof.nope  # noqa: B018


def test_decide_returns_a_decision_with_sympy_sides_and_displays():
    dec = adaproof.decide("b^2", "<=", "b/2", assume="0 < b < 1")
    assert dec.verdict == "false"
    lhs, rhs = dec.sides
    assert isinstance(lhs, sp.Expr)
    assert isinstance(rhs, sp.Expr)
    beta = next(iter(lhs.free_symbols))
    assert sp.simplify(lhs - beta**2) == 0
    assert sp.simplify(rhs - beta / 2) == 0
    tex = dec._repr_latex_()
    assert tex.startswith(f"${sp.latex(lhs)} \\le {sp.latex(rhs)}$ — false")
    html = dec._repr_html_()
    assert "<b>false</b>" in html
    assert "≤" in html
    assert "counterexample at" in html
    xml.dom.minidom.parseString(html)  # well-formed
    md = dec._repr_markdown_()
    assert md.startswith("**false**: $")
    assert "- counterexample at" in md


def test_decide_true_and_refuses_bad_op():
    assert adaproof.decide("(1-b^2)/(1-b)", "=", "1+b").verdict == "true"
    with pytest.raises(ValueError, match="op must be one of"):
        adaproof.decide("x", "!=", "1")


def test_verify_target_answer():
    good = adaproof.verify("adam.m_hat:2", "(b1*g1 + g2)/(1 + b1)")
    assert good.verdict == "true"
    assert all(isinstance(s, sp.Expr) for s in good.sides)
    bad = adaproof.verify("adam.m_hat:2", "(b1*g1 + g2)/2")
    assert bad.verdict == "false"
    assert bad.counterexample
    with pytest.raises(ValueError, match="cannot read the answer"):
        adaproof.verify("adam.m_hat:2", "(b1*g1 + ")


def test_check_results_table_displays():
    res = adaproof.check(["000-1a"])
    assert len(res) == 1
    assert res[0].claim.id == "000-1a"
    assert res.mismatches == []
    html = res._repr_html_()
    assert "<td>000-1a</td>" in html
    assert res.summary() in html
    xml.dom.minidom.parseString(html)
    assert "| 000-1a |" in res._repr_markdown_()
    tex = res._repr_latex_()
    assert tex.startswith("\\begin{tabular}")
    assert "000-1a" in tex
    with pytest.raises(ValueError, match="no-such"):
        adaproof.check(["no-such-claim"])


def test_step_report_displays():
    from adaproof.reports.display import StepReport

    rep = StepReport(
        {
            "start_line": 1,
            "steps": [
                {"line": 2, "verdict": "true", "text": "= a<b", "method": "symbolic"},
                {"line": 3, "verdict": "false", "text": "= c", "method": "counterexample"},
            ],
            "first_wrong_line": 3,
            "verdict": "false",
        }
    )
    html = rep._repr_html_()
    assert "first wrong step: line 3" in html
    assert "a&lt;b" in html
    xml.dom.minidom.parseString(html)
    assert "| 3 | false | = c | counterexample |" in rep._repr_markdown_()
    assert "3 & false & counterexample" in rep._repr_latex_()


@pytest.mark.slow  # a fresh interpreter draws a figure: about 4 s
def test_figure_is_a_matplotlib_figure_displayed_inline_and_backend_unchanged():
    code = (
        "import matplotlib\n"
        "matplotlib.use('pdf')\n"
        "before = matplotlib.get_backend()\n"
        "import adaproof\n"
        "from matplotlib.figure import Figure\n"
        "fig = adaproof.figure('ema_weights')\n"
        "assert isinstance(fig, Figure), type(fig)\n"
        "svg = fig._repr_svg_()\n"
        "assert svg.lstrip().startswith('<?xml') and '<svg' in svg\n"
        "assert '<svg' in fig._repr_html_()\n"
        "assert fig._repr_latex_().startswith('\\\\text{')\n"
        "import sys\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "print(before, matplotlib.get_backend())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    before, after = out.stdout.split()
    assert before == after == "pdf"


def test_figure_unknown_name():
    with pytest.raises(ValueError, match="unknown figure 'nope'; known figures: "):
        adaproof.figure("nope")


def _hang(*args, **kwargs):
    import time

    time.sleep(60)  # an engine ignoring its own deadline: only an outside limit stops it


def test_decide_and_verify_are_stopped_from_outside(monkeypatch):
    import importlib
    import time

    # the module (the package's attribute of this name is the function)
    engine = importlib.import_module("adaproof.derivations.equivalence.decide")

    monkeypatch.setattr(engine, "decide", _hang)
    t0 = time.monotonic()
    dec = adaproof.decide("x^2", ">=", "0", budget=0.5)
    assert dec.verdict == "inconclusive"
    assert "stopped" in dec.method
    dec = adaproof.verify("adam.m_hat:2", "(b1*g1 + g2)/(1 + b1)", budget=0.5)
    assert dec.verdict == "inconclusive"
    assert time.monotonic() - t0 < 4


def test_steps_returns_a_step_report_naming_the_first_wrong_line():
    import adaproof
    from adaproof.reports.display import StepReport

    report = adaproof.steps("assume 0 < b < 1\n(1-b^2)/(1-b)\n= 1 + b\n< 1\n")
    assert isinstance(report, StepReport)
    assert report["verdict"] == "false"
    assert report["first_wrong_line"] == 4
    assert "first wrong step: line 4" in report._repr_html_()
    assert r"\begin{tabular}" in report._repr_latex_()


def test_steps_refuses_unreadable_text_with_the_commands_message():
    import adaproof

    with pytest.raises(ValueError, match="line 1"):
        adaproof.steps("= = =")
