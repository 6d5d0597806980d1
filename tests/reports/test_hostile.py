"""Hostile input: nothing crashes, nothing is executed, exit 2 or 3, and the message says
what was wrong and where. Hypothesis-generated text plus hand-written attacks."""

import json
import os
import subprocess
import sys

import pytest
import sympy as sp
from adaproof.derivations.parsing import ParseError, Scope, parse_chain, parse_expression
from adaproof.reports.cli import main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MARKER = "/tmp/adaproof-hostile-marker"

ATTACKS = [
    f"__import__('os').system('touch {MARKER}')",
    f"().__class__.__base__.__subclasses__()[0]('touch {MARKER}')",
    "g1.__class__",
    "lambda: 0",
    "[c for c in ()]",
    "exec('1')",
    "eval('1')",
    "open('/etc/passwd')",
    "getattr(g1, '__class__')",
    "sympify('x')",
    "x if x else x",
    "b'x'",
    "f'{x}'",
    "9^9^9^9",
    "9**9**9**9",
    r"9^{9^{9^{9}}}",
    "2^(2^(2^(2^(2^5))))",
    "factorial(factorial(10))",
    "factorial(10^6)",
    "exp(10^6)",
    "(" * 200 + "x" + ")" * 200,
    "-" * 1500 + "x",
    "x" + "^x" * 300,
    "x" * 5000,
    "1" * 1999,
    r"\frac{1}{2",
    r"\frac{1}{2}}",
    "{{{{",
    r"\sqrt{",
    r"\foo{x}",
    r"\input{/etc/passwd}",
    r"\def\x{1}",
    r"\text{<img src=x onerror=alert(1)>}",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "x\x00y",
    "x \x1b[2J y",
    "\u202egnp.exe",
    "sum(g_k, (k, 1, 10^9))",
    r"\sum_{k=1}^{1000000} k",
    "g[0].__class__",
    "max()",
    "log(0)",
    "1/0",
    "",
    "   ",
]


@pytest.fixture(autouse=True)
def _no_marker():
    if os.path.exists(MARKER):
        os.remove(MARKER)
    yield
    assert not os.path.exists(MARKER), "hostile input executed code"


@pytest.mark.parametrize("text", ATTACKS)
def test_parser_refuses_or_builds_sympy_only(text):
    try:
        expr = parse_expression(text)
    except ParseError as exc:
        msg = str(exc)
        assert "\n" not in msg
        assert "\x1b" not in msg
        assert "\x00" not in msg
        return
    assert isinstance(expr, sp.Basic)


@pytest.mark.parametrize("text", ATTACKS)
def test_claim_cli_exits_2_or_3_with_one_line(capsys, text):
    code = main(["verify", "--claim", f"{text} = 1", "--budget", "1"])
    out, err = capsys.readouterr()
    assert code in (0, 1, 2, 3)
    if code in (2, 3):
        assert err.count("\n") == 1
        assert err.startswith("adaproof verify: ")
    assert "Traceback" not in err + out
    assert "\x1b" not in err + out


@pytest.mark.parametrize("text", ATTACKS)
def test_steps_cli_with_hostile_lines(tmp_path, capsys, text):
    f = tmp_path / "d.txt"
    f.write_text(f"x\n= {text}\n", encoding="utf-8")
    code = main(["steps", str(f), "--budget", "1"])
    out, err = capsys.readouterr()
    assert code in (1, 2, 3)
    assert "Traceback" not in err + out
    assert "\x1b" not in err + out


def test_errors_name_token_and_position():
    with pytest.raises(ParseError) as info:
        parse_expression("(1-b1)*g1.__class__")
    assert info.value.position == 7
    assert "'g1.__class__'" in str(info.value)
    with pytest.raises(ParseError) as info:
        parse_expression(r"\frac{1}{\beta_1} + \evil{x}")
    assert info.value.token == r"\evil"
    assert info.value.position == 20
    assert "at position 21" in str(info.value)


_ALPHABET = st.sampled_from(
    [
        *"abgtxk0129+-*/^()[]{},._=<>!|&~ \\'\"",
        "__",
        "\\frac",
        "\\sqrt",
        "\\beta",
        "\\hat",
        "\\sum",
        "_{",
        "^{",
        "β",
        "₁",
        "²",
        "ε",
        "sqrt(",
        "log(",
        "sum(",
        "lambda",
        "import",
        "class",
        "9^9",
        "\\left(",
        "\\right)",
    ]
)
_TEXT = st.lists(_ALPHABET, max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_hypothesis_parser_never_crashes(text):
    try:
        chain = parse_chain(text, Scope())
    except ParseError as exc:
        message = str(exc)
        chain = None
    if chain is None:
        assert "\n" not in message
        return
    assert all(isinstance(s, sp.Basic) for s in chain.sides)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_hypothesis_arbitrary_unicode(text):
    try:
        parse_chain(text, Scope())
    except ParseError:
        pass


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_hypothesis_cli(text):
    import contextlib
    import io

    err = io.StringIO()
    out = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(["verify", "--claim", f"{text} = 0", "--budget", "0.5", "--json"])
    assert code in (0, 1, 2, 3)
    assert "Traceback" not in err.getvalue()
    data = json.loads(out.getvalue())
    assert data["verdict"] in ("true", "false", "inconclusive", "error")


@pytest.mark.parametrize(
    "argv",
    [
        ["verify", "--claim", f"__import__('os').system('touch {MARKER}') = 0"],
        ["verify", "--claim", "9^9^9^9 = 1"],
        ["verify", "--claim", r"\frac{1}{2 = 1"],
        ["verify", "adam.m:2", r"\unknown{g_1}"],
    ],
)
def test_real_cli_process(argv):
    proc = subprocess.run(
        [sys.executable, "-m", "adaproof", *argv], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode in (2, 3)
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1


#: inputs that once ran for minutes or took gigabytes: each must end within its budget
HEAVY = [
    "sum(b^k*g_k,(k,1,1000)) <= 1000",
    "exp(1000*exp(1000*x)) > 0",
    "exp(exp(exp(exp(x)))) > 0",
    "(x+1)^1000*(y+1)^1000*(z+1)^1000 = (x*y*z+x*y+x*z+y*z+x+y+z+1)^1000",
    "factorial(factorial(5)) > 0",
]


@pytest.mark.slow
@pytest.mark.parametrize("relation", HEAVY)
def test_heavy_claims_keep_to_the_budget_in_a_real_process(relation):
    import time

    t0 = time.monotonic()  # start-up: the interpreter and the imports the command needs
    subprocess.run(
        [sys.executable, "-c", "import adaproof.reports.cli, adaproof.derivations.equivalence"],
        check=True,
        timeout=60,
    )
    startup = time.monotonic() - t0
    t0 = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "adaproof",
            "verify",
            "--claim",
            relation,
            "--json",
            "--budget",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.monotonic() - t0
    # the budget plus one second beyond the start-up
    assert elapsed < startup + 2 + 1, (elapsed, startup)
    assert proc.returncode in (0, 1, 3)
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["verdict"] in ("true", "false", "inconclusive")
