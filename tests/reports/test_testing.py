"""``adaproof.testing`` in a user's own pytest run: short failures in the user's names, the
claim marker's section and summary, no library source in the traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from adaproof.testing import ClaimInconclusive, assert_bound, assert_equivalent

USER_TESTS = textwrap.dedent(
    """
    import pytest
    from adaproof.testing import assert_bound, assert_equivalent

    @pytest.mark.claim(source="my notes, eq. 3", statement="b^2 <= b/2")
    def test_wrong_bound():
        assert_bound("b^2", "<=", "b/2", assume="0 < b < 1")

    @pytest.mark.claim(source="my notes, eq. 1")
    def test_right_identity():
        assert_equivalent("(1 - b^2)/(1 - b)", "1 + b")
    """
)


@pytest.mark.slow
def test_failure_in_a_users_pytest_is_short_and_in_their_names(tmp_path):
    (tmp_path / "test_user.py").write_text(USER_TESTS)
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            "test_user.py",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    out = r.stdout
    assert r.returncode == 1, out + r.stderr
    failure = out.split("_ test_wrong_bound _")[1].split("short test summary")[0]
    lines = [ln for ln in failure.splitlines() if ln.strip() and not ln.startswith("---")]
    assert len(lines) <= 16, failure  # the test's own frame and the message, no library code
    assert "def assert_bound" not in failure
    assert "decide(" not in failure
    assert "E       AssertionError: b^2 <= b/2 is false" in failure
    assert "counterexample at b = " in failure
    assert "beta" not in failure
    assert "source: my notes, eq. 3" in failure
    assert "adaproof claims: 1 held, 1 failed" in out


def test_message_uses_the_spelling_of_the_test():
    with pytest.raises(AssertionError) as info:
        assert_bound("b1^2", "<=", "b1/2", assume="0 < b1 < 1")
    text = str(info.value)
    assert text.splitlines()[0] == "b1^2 <= b1/2 is false"
    assert "counterexample at b1 = " in text
    assert "beta" not in text
    assert len(text.splitlines()) == 3


def test_sympy_sides_keep_their_own_names():
    import sympy as sp

    b = sp.Symbol("b", positive=True)
    with pytest.raises(AssertionError) as info:
        assert_equivalent((1 - b**2) / (1 - b), 1 - b)
    assert "counterexample at b = " in str(info.value)
    assert_equivalent((1 - b**2) / (1 - b), 1 + b)


def test_inconclusive_is_its_own_assertion_error():
    assert issubclass(ClaimInconclusive, AssertionError)


def test_bad_op_and_unreadable_side():
    with pytest.raises(ValueError, match="op must be one of"):
        assert_bound("x", "=<", "1")
    with pytest.raises(ValueError, match=r"cannot read 'x \+'"):
        assert_equivalent("x +", "1")


def test_assert_bound_is_stopped_from_outside(monkeypatch):
    import importlib
    import time

    # the module (the package's attribute of this name is the function)
    engine = importlib.import_module("adaproof.derivations.equivalence.decide")

    def hang(*args, **kwargs):
        time.sleep(60)  # an engine ignoring its own deadline: only an outside limit stops it

    monkeypatch.setattr(engine, "decide", hang)
    t0 = time.monotonic()
    with pytest.raises(ClaimInconclusive, match="stopped"):
        assert_bound("x^2", ">=", "0", budget=0.5)
    assert time.monotonic() - t0 < 2.5
