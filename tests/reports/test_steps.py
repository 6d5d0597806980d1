"""``adaproof steps``: each step checked against the previous line, first wrong step named."""

import json

import pytest
from adaproof.reports.cli import main

GOOD = """\
# m-hat_2 by hand
assume 0 < beta1 < 1
given m2 = (1-beta1)*(beta1*g1 + g2)
m_hat2 = m2/(1-beta1^2)
= (1-beta1)*(beta1*g1 + g2)/((1-beta1)*(1+beta1))
= (beta1*g1 + g2)/(1+beta1)
"""

WRONG = GOOD + "= (g1 + g2)/2\n<= abs(g1) + abs(g2)\n"

LATEX = r"""
\begin{align*}
\operatorname{Var}(\hat m_t) &= \frac{\sigma^2 (1-\beta)(1+\beta^t)}{(1+\beta)(1-\beta^t)} \\
  &\approx \frac{1-\beta}{1+\beta}\sigma^2 \quad as t \to \infty \\
  &\le \sigma^2
\end{align*}
"""


def run(tmp_path, capsys, text, *extra):
    f = tmp_path / "derivation.txt"
    f.write_text(text, encoding="utf-8")
    code = main(["steps", str(f), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_all_steps_hold(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, GOOD)
    assert code == 0
    assert "all 2 steps hold" in out


def test_first_wrong_step_is_named(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, WRONG)
    assert code == 1
    assert "first wrong step: line 7" in out
    assert "WRONG" in out
    assert "beta1 = " in out


def test_json(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, WRONG, "--json")
    assert code == 1
    data = json.loads(out)
    assert data["first_wrong_line"] == 7
    assert [s["verdict"] for s in data["steps"]] == ["true", "true", "false", "true"]


def test_latex_align_with_limit(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, LATEX)
    assert code == 0, out
    assert "lim lhs/rhs = 1" in out


def test_wrong_limit(tmp_path, capsys):
    text = "sigma^2*(1-beta)/(1+beta)*(1+beta^t)/(1-beta^t)\n≈ sigma^2*(1-beta) as t -> oo\n"
    code, out, _ = run(tmp_path, capsys, text)
    assert code == 1
    assert "lhs/rhs ->" in out


def test_eps_limit(tmp_path, capsys):
    code, _, _ = run(tmp_path, capsys, "alpha*g/(abs(g) + eps)\n~ alpha*g/abs(g) as eps -> 0\n")
    assert code == 0


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("x\ny\n", "line 2: a step starts with a relation"),
        ("x\n= (y\n", "line 2: bracket never closed"),
        ("x\n≈ y\n", "line 2: say which limit"),
        ("assume x >> 1\nx\n= x\n", "line 1"),
        ("given 2 = x\nx\n= x\n", "line 1"),
        ("# nothing\n", "no steps"),
        ("x\n= __import__('os')\n", "line 2: names starting with '_'"),
    ],
)
def test_errors_name_the_line(tmp_path, capsys, text, needle):
    code, _, err = run(tmp_path, capsys, text)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err


def test_missing_file(capsys, tmp_path):
    code = main(["steps", str(tmp_path / "none.txt")])
    assert code == 2
    assert "cannot read" in capsys.readouterr().err
