"""``adaproof verify``: exit codes, messages and JSON (free-standing claims and usage errors)."""

import json

import pytest
from adaproof.reports.cli import main


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
    assert data["counterexample"]["values"] == {"x": -1}
    assert data["assume"] == ["x real (stated)"]


def test_claim_prove_makes_numeric_inconclusive(capsys):
    code, out, _ = run(capsys, "verify", "--claim", "exp(x) >= 1 + x", "--prove", "--json")
    assert code == 3
    assert json.loads(out)["verdict"] == "inconclusive"


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["verify", "--claim", "x.__class__ = 1"], "attribute access"),
        (["verify", "--claim", "x ≈ y"], "needs a limit"),
        (["verify", "--claim", "x + 1"], "no relation found"),
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
    assert "no relation" in err


# -- the target path, on a target registered by the test (an EMA unrolled by its recursion)


@pytest.fixture
def ema_target(monkeypatch):
    import sympy as sp
    from adaproof.derivations import symbols as S
    from adaproof.derivations import targets

    def build(n):
        m = sp.Integer(0)
        for i in range(1, n + 1):
            m = S.beta1 * m + (1 - S.beta1) * S.grad(i)
        return m / (1 - S.beta1**n)

    spec = targets.TargetSpec(
        "test.m_hat:N", "bias-corrected EMA", build, lambda n: (f"mhat{n}",), 6
    )
    monkeypatch.setitem(targets.TARGETS, "test.m_hat:N", spec)
    return spec


@pytest.mark.parametrize(
    "answer",
    [
        "(1-beta1)*(beta1*g1+g2)/(1-beta1^2)",
        "(b1*g1 + g2)/(1 + b1)",
        r"\hat{m}_2 = \frac{\beta_1 g_1 + g_2}{1+\beta_1}",
        "m̂₂ = (β₁g₁ + g₂)/(1 + β₁)".replace("β₁g₁", "β₁*g₁"),
        "m_hat_2 = sum(b1^(2-k)*g_k, (k, 1, 2))/(1+b1)",
    ],
)
def test_target_equivalent(capsys, ema_target, answer):
    code, out, _ = run(capsys, "verify", "test.m_hat:2", answer)
    assert code == 0, out
    assert out.startswith("test.m_hat:2: equivalent")


def test_target_not_equivalent_with_hint(capsys, ema_target):
    code, out, _ = run(capsys, "verify", "test.m_hat:2", "(1-b1)*(b1*g1+g2)")
    assert code == 1
    assert "NOT equivalent" in out
    assert "your answer" in out
    assert "target" in out
    # plain text in, plain text out
    assert "hint: your answer = target × (1 - beta1^2)" in out


def test_answer_starting_with_minus_is_not_an_option(capsys, ema_target):
    code, out, _ = run(capsys, "verify", "test.m_hat:2", "-(b1*g1+g2)/(1+b1)")
    assert code == 1
    assert "hint: the sign is flipped" in out


def test_target_json(capsys, ema_target):
    code, out, _ = run(capsys, "verify", "test.m_hat:2", "2*(b1*g1 + g2)/(1 + b1)", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["equivalent"] is False
    assert data["target"] == "test.m_hat:2"
    assert any("constant factor" in h for h in data["hints"])
    assert set(data["counterexample"]["values"]) == {"beta1", "g1", "g2"}
    assert {"answer", "target", "difference"} <= set(data["counterexample"])


@pytest.mark.parametrize(
    ("answer", "needle"),
    [
        ("(b1*g1 + g3)/(1 + b1)", "unknown symbol (test.m_hat:2 uses beta1, g1, g2): 'g3'"),
        ("v_hat_2 = g1", "does not name test.m_hat:2"),
        ("x <= 1", "an answer is an expression"),
        (r"\frac{g_1}{", "bracket never closed"),
    ],
)
def test_target_answer_errors(capsys, ema_target, answer, needle):
    code, _, err = run(capsys, "verify", "test.m_hat:2", answer)
    assert code == 2
    assert needle in err
