# ruff: noqa: E501
r"""``adaproof steps`` reads derivations as documents write them: aligned environments,
commentary, ``\text{as } t \to \infty``, rows continued with ``+``, rows of dots, a BOM."""

import pytest
from adaproof.reports.cli import main

#: the lecture notes' variance of m-hat (E[r^2] = sigma^2 substituted): the closed form is wrong
VAR_CHAIN = r"""
\begin{aligned} \text{Var}(\hat{m}_t) &= \frac{\sum_{\tau=0}^{t-1} \beta_1^{2\tau} \, \sigma^2}{(\sum_{\tau=0}^{t-1} \beta_1^{\tau})^2} \\
&= \sigma^2 \frac{(1-\beta_1)(1-\beta_1^{2t-1})}{(1-\beta_1^2)(1-\beta_1^t)^2} \end{aligned}
"""

#: the same chain with the corrected closed form
VAR_CHAIN_FIXED = VAR_CHAIN.replace(
    r"\frac{(1-\beta_1)(1-\beta_1^{2t-1})}{(1-\beta_1^2)(1-\beta_1^t)^2}",
    r"\frac{(1-\beta_1)^2(1-\beta_1^{2t})}{(1-\beta_1^2)(1-\beta_1^t)^2}",
)

DEFINITIONS = r"""$$\begin{aligned} v^{(t+1)} &= \beta v^{(t)} + (1 - \beta) \nabla C(\theta^{(t)}) \\
s^{(t+1)} &= \gamma s^{(t)} + (1 - \gamma) \left( \nabla C(\theta^{(t)}) \odot \nabla C(\theta^{(t)}) \right), \end{aligned}$$
"""

DOTS = r"""\begin{aligned} v_0 &= (\nabla b_0)^2 \\
v_1 &= (\nabla b_0)^2 + (\nabla b_1)^2 \\
&\vdots \\
v_n &= \sum_{i=0}^n (\nabla b_i)^2 \end{aligned}
"""

CONTINUED = r"""\begin{split} a^2 + b^2 &\leq (a + b)^2 - 2ab \\
&+ 0 \\
&= a^2 + b^2 \end{split}
"""

GIVEN = r"""given m_1 = (1-\beta) \nabla w_1
\begin{aligned} m_2 &= \beta m_1 + (1-\beta) \nabla w_2 = \beta(1-\beta) \nabla w_1 + (1-\beta) \nabla w_2 \\
&= (1-\beta)(\beta \nabla w_1 + \nabla w_2) \end{aligned}
"""


def run(tmp_path, capsys, text, *extra, encoding="utf-8"):
    f = tmp_path / "derivation.tex"
    f.write_bytes(text.encode(encoding))
    code = main(["steps", str(f), "--budget", "12", *extra])
    out, err = capsys.readouterr()
    return code, out + err


def test_bom_and_text_as_limit(tmp_path, capsys):
    text = "\r\n".join(
        [r"\frac{1-\beta}{1-\beta^t} &\approx 1-\beta \quad \text{as } t \to \infty", ""]
    )
    code, out = run(tmp_path, capsys, text, encoding="utf-8-sig")
    assert code == 0, out
    assert "lim lhs/rhs = 1" in out


def test_bare_as_after_quad(tmp_path, capsys):
    code, out = run(
        tmp_path,
        capsys,
        "\\frac{1-\\beta}{1-\\beta^t}\n&\\approx 1-\\beta \\quad as t \\to \\infty\n",
    )
    assert code == 0, out


def test_the_lecture_notes_variance_chain_is_flagged(tmp_path, capsys):
    code, out = run(tmp_path, capsys, VAR_CHAIN)
    assert code == 1, out
    assert "first wrong step: line 3" in out


def test_the_corrected_variance_chain_holds(tmp_path, capsys):
    code, out = run(tmp_path, capsys, VAR_CHAIN_FIXED)
    assert code == 0, out


@pytest.mark.parametrize(
    ("text", "code"), [(DEFINITIONS, 0), (DOTS, 0), (CONTINUED, 0), (GIVEN, 0)]
)
def test_aligned_displays_are_read(tmp_path, capsys, text, code):
    rc, out = run(tmp_path, capsys, text)
    assert rc == code, out


def test_a_wrong_continued_row_is_flagged(tmp_path, capsys):
    rc, out = run(tmp_path, capsys, CONTINUED.replace("&+ 0", "&+ 1"))
    assert rc == 1, out


# The lecture notes' Var(m̂_t) display as written (seed 002), with the moment it relies on
# given: steps flags its closed form, and the corrected closed form holds.
NOTES_VAR = (
    r"\begin{aligned} \text{Var}(\hat{m}_t) &= \frac{\sum_{\tau=0}^{t-1} \beta_1^{2\tau} \, "
    r"\mathbb{E}[r_{t-\tau}^2]}{(\sum_{\tau=0}^{t-1} \beta_1^{\tau})^2} \\ &= \sigma^2 "
    r"\frac{(1-\beta_1)(1-\beta_1^{2t-1})}{(1-\beta_1^2)(1-\beta_1^t)^2} \end{aligned}"
)
GIVEN_MOMENT = r"given \mathbb{E}[r_t^2] = \sigma^2"


def _steps_json(tmp_path, text):
    import json

    from adaproof.reports.cli import main

    path = tmp_path / "var.tex"
    path.write_text(text, encoding="utf-8")
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["steps", str(path), "--json"])
    return code, json.loads(out.getvalue())


def test_notes_variance_chain_is_flagged_once_its_moment_is_given(tmp_path):
    code, data = _steps_json(tmp_path, GIVEN_MOMENT + "\n" + NOTES_VAR + "\n")
    assert code == 1
    assert data["first_wrong_line"] == 2


def test_without_the_moment_the_expectation_stays_undecided(tmp_path):
    code, data = _steps_json(tmp_path, NOTES_VAR + "\n")
    assert code == 3
    assert data["verdict"] == "inconclusive"


def test_corrected_variance_holds_with_the_given_moment(tmp_path):
    corrected = (
        r"\text{Var}(\hat{m}_t) = \frac{\sum_{\tau=0}^{t-1} \beta_1^{2\tau} \, "
        r"\mathbb{E}[r_{t-\tau}^2]}{(\sum_{\tau=0}^{t-1} \beta_1^{\tau})^2}"
        "\n"
        r"= \sigma^2 \frac{(1-\beta_1)(1+\beta_1^t)}{(1+\beta_1)(1-\beta_1^t)}"
    )
    code, data = _steps_json(tmp_path, GIVEN_MOMENT + "\n" + corrected + "\n")
    assert code == 0
    assert data["verdict"] == "true"


def test_a_given_moment_may_not_depend_on_the_index(tmp_path):
    code, data = _steps_json(tmp_path, r"given \mathbb{E}[r_t^2] = t" + "\n" + NOTES_VAR + "\n")
    assert code == 2
    assert "must not depend on the index" in data["error"]["message"]
