"""``adaproof verify``: exit codes, messages and JSON (free-standing claims and usage errors)."""

import json

import pytest

from reports.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_claim_true(capsys):
    code, out, err = run(capsys, "verify", "--claim", "x^2 + 1 >= 2*x", "--assume", "x real")
    assert code == 0
    assert out.startswith("true:")
    assert "symbolic" in out
    assert err == ""


def test_claim_false_shows_counterexample(capsys):
    code, out, _ = run(
        capsys,
        "verify",
        "--claim",
        "(1-b^t)/(1-b) < t",
        "--assume",
        "0 < b < 1",
        "--assume",
        "t integer >= 1",
    )
    assert code == 1
    assert "counterexample" in out
    assert "t = 1" in out
    assert "equal, but the relation is strict" in out


def test_claim_json(capsys):
    code, out, _ = run(capsys, "verify", "--claim", "sqrt(x^2) = x", "--assume", "x real", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["verdict"] == "false"
    assert data["counterexample"]["values"] == {"x": "-1"}
    assert data["assume"] == ["x real"]


def test_claim_prove_makes_numeric_inconclusive(capsys):
    code, out, _ = run(capsys, "verify", "--claim", "exp(x) >= 1 + x", "--prove", "--json")
    assert code == 3
    assert json.loads(out)["verdict"] == "inconclusive"


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["verify", "--claim", "x.__class__ = 1"], "attribute access"),
        (["verify", "--claim", "x ≈ y"], "steps"),
        (["verify", "--claim", "x + 1"], "one relation"),
        (["verify", "--claim", "x = 1", "--assume", "x >> 2"], "--assume"),
        (["verify", "nosuch.target:2", "x"], "unknown target"),
        (["verify", "adam.m", "x"], "needs a step number"),
        (["verify", "adam.m:99", "x"], "N must be between 1 and"),
        (["verify", "adam.m:2"], "usage"),
        (["verify", "adam.m:2", "g1", "--claim", "x = 1"], "not both"),
        (["verify", "--claim", "x = 1", "--budget", "-1"], "--budget"),
    ],
)
def test_usage_errors_exit_2_with_one_line(capsys, argv, needle):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert needle in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_usage_error_json_goes_to_stdout(capsys):
    code, out, err = run(capsys, "verify", "--claim", "1 +", "--json")
    assert code == 2
    assert json.loads(out)["verdict"] == "error"
    assert "ends too early" in err
