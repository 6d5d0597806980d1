"""The README section "Checking an answer" is run: every ``$ adaproof ...`` line in it is
executed and its output compared line by line with what README shows; files shown in
``text`` blocks whose first line is ``# NAME`` are written first; the pytest example runs."""

import contextlib
import io
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from adaproof.reports.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    m = re.search(r"^## Checking an answer\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert m, "README has no 'Checking an answer' section"
    return m.group(1)


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"^```{kind}\n(.*?)^```", _section(), re.S | re.M)


def _commands():
    out = []
    for block in _blocks("console"):
        current = None
        for line in block.splitlines():
            if line.startswith("$ adaproof "):
                current = [line[2:], []]
                out.append(current)
            elif current is not None:
                current[1].append(line)
    return out


def _files(tmp_path: Path) -> None:
    for block in _blocks("text"):
        first = block.partition("\n")[0]
        m = re.fullmatch(r"# ([\w.-]+)(?::.*)?", first)
        if m:
            (tmp_path / m.group(1)).write_text(block, encoding="utf-8")


def test_readme_has_examples():
    assert len(_commands()) >= 8
    assert _blocks("python")


@pytest.mark.parametrize(("command", "expected"), _commands(), ids=lambda c: str(c)[:60])
def test_readme_command(tmp_path, monkeypatch, command, expected):
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    words = shlex.split(command, comments=True)
    exit_code = re.search(r"#\s*exit (\d)", command)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(words[1:])
    assert code == (int(exit_code.group(1)) if exit_code else 0)
    got = out.getvalue().rstrip("\n").splitlines()
    assert got == expected, "\n".join(got)


def test_readme_pytest_example(tmp_path):
    (tmp_path / "test_claims.py").write_text(_blocks("python")[0], encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_claims.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "adaproof claims:" in proc.stdout
