"""Every target in ``adaproof targets`` builds, accepts an independently written correct
answer and rejects a perturbed one (through the real CLI entry point, in process).

The correct answers below are written from the textbook formulas (sums of weighted
gradients, the Cauchy–Schwarz sum for ``adam.max_ratio``), not printed from the
derivations, so a wrong closed form in derivations/ makes these tests fail.
"""

import pytest
from adaproof.derivations.targets import TARGETS, get_target
from adaproof.reports.cli import main

NS = (1, 2, 3, 4)


def _poly(coef: str, n: int, term: str) -> str:
    """sum_{k=1}^n coef^(n-k) * term(k), written out."""
    return "+".join(f"{coef}^{n - k}*{term.format(k=k)}" for k in range(1, n + 1))


def m_text(n: int) -> str:
    return f"(1-b1)*({_poly('b1', n, 'g{k}')})"


def v_text(n: int) -> str:
    return f"(1-b2)*({_poly('b2', n, 'g{k}^2')})"


def m_hat_text(n: int) -> str:
    return f"{m_text(n)}/(1-b1^{n})"


def v_hat_text(n: int) -> str:
    return f"{v_text(n)}/(1-b2^{n})"


def w_text(n: int) -> str:
    steps = [f"alpha*({m_hat_text(t)})/(sqrt({v_hat_text(t)})+eps)" for t in range(1, n)]
    return "w1" + "".join(f"-{s}" for s in steps)


def family_answer(pattern: str, n: int) -> str:
    return {
        "adam.m:N": m_text,
        "adam.v:N": v_text,
        "adam.m_hat:N": m_hat_text,
        "adam.v_hat:N": v_hat_text,
        "adam.w:N": w_text,
        "momentum.u:N": lambda n: _poly("mu", n, "g{k}"),
        "rmsprop.v:N": lambda n: f"(1-rho)*({_poly('rho', n, 'g{k}^2')})",
        "adagrad.G:N": lambda n: "+".join(f"g{k}^2" for k in range(1, n + 1)),
    }[pattern](n)


SINGLE = {
    "ema.mean": "mu*(1-beta^t)",
    "ema.mean_hat": "mu",
    "ema.var": "sigma^2*sum(((1-beta)*beta^(t-k))^2, (k, 1, t))",
    "ema.var_hat": "sigma^2*sum(((1-beta)*beta^(t-k)/(1-beta^t))^2, (k, 1, t))",
    "adam.eff_lr": "alpha/(g+eps)",
    "adam.eff_lr_nobc": "alpha*(1-b1^t)/(sqrt(g^2*(1-b2^t))+eps)",
    "adam.max_ratio": (
        "sqrt(sum(((1-b1)*b1^(t-k)/(1-b1^t))^2/((1-b2)*b2^(t-k)/(1-b2^t)), (k, 1, t)))"
    ),
    "ema.half_life": "log(1/2)/log(beta)",
}

#: plausible wrong answers (a typo a student makes), one per single target
SINGLE_WRONG = {
    "ema.mean": "mu",
    "ema.mean_hat": "mu*(1-beta^t)",
    "ema.var": "sigma^2*(1-beta)/(1+beta)",
    "ema.var_hat": "sigma^2*(1-beta)*(1-beta^(2*t-1))/((1-beta^2)*(1-beta^t)^2)",
    "adam.eff_lr": "alpha/g",
    "adam.eff_lr_nobc": "alpha/(g+eps)",
    "adam.max_ratio": "(1-b1)/sqrt(1-b2)",
    "ema.half_life": "log(2)/log(beta)",
}

CASES = [
    (pattern.replace(":N", f":{n}"), family_answer(pattern, n))
    for pattern in TARGETS
    if pattern.endswith(":N")
    for n in NS
] + [(name, SINGLE[name]) for name in TARGETS if not name.endswith(":N")]


def test_every_target_has_a_case():
    names = {c[0].split(":")[0] for c in CASES}
    assert names == {p.split(":")[0] for p in TARGETS}


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_target_builds_without_piecewise(name):
    expr = get_target(name).expr
    assert not expr.has(__import__("sympy").Piecewise)
    assert expr.free_symbols


def _verify(capsys, target: str, answer: str) -> tuple[int, str]:
    # a generous budget: the answers are decided well within it on an idle machine (the
    # symbolic sum in adam.max_ratio takes ~3 s), and a loaded CI machine must not turn
    # a correct answer into "inconclusive"
    rc = main(["verify", target, answer, "--budget", "12"])
    out = capsys.readouterr()
    return rc, out.out + out.err


@pytest.mark.parametrize(("name", "answer"), CASES, ids=[c[0] for c in CASES])
def test_correct_answer_verifies(capsys, name, answer):
    rc, out = _verify(capsys, name, answer)
    assert rc == 0, out


@pytest.mark.parametrize(("name", "answer"), CASES, ids=[c[0] for c in CASES])
def test_perturbed_answer_fails(capsys, name, answer):
    wrong = SINGLE_WRONG.get(name, f"({answer})*(1+1/1000)")
    rc, out = _verify(capsys, name, wrong)
    assert rc == 1, out
    assert "NOT equivalent" in out


def test_off_by_one_exponent_in_m_hat_is_caught(capsys):
    rc, out = _verify(capsys, "adam.m_hat:3", m_text(3) + "/(1-b1^2)")
    assert rc == 1, out


def test_var_hat_limit_answer_gets_the_limit_hint(capsys):
    rc, out = _verify(capsys, "ema.var_hat", "sigma^2*(1-beta)/(1+beta)")
    assert rc == 1
    assert "right only in the limit t → ∞" in out
