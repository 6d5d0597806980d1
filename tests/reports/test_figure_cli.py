"""``adaproof figure``: listing, formats from the suffix, default output, errors in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from adaproof.reports.cli import main
from adaproof.reports.figures import FIGURES

ADAPROOF = Path(sys.executable).with_name("adaproof")


def test_list_names_every_figure(capsys):
    assert main(["figure", "--list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == list(FIGURES)
    assert len(out) >= 15


@pytest.mark.parametrize(("suffix", "magic"), [(".pdf", b"%PDF"), (".png", b"\x89PNG")])
def test_format_follows_the_suffix(tmp_path, capsys, suffix, magic):
    out = tmp_path / f"fig{suffix}"
    assert main(["figure", "precision", "--out", str(out), "--size", "page"]) == 0
    assert out.read_bytes().startswith(magic)
    assert capsys.readouterr().out.strip() == str(out)


def test_default_output_is_name_svg_in_the_current_directory(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["figure", "sum_to_integral"]) == 0
    assert (tmp_path / "sum_to_integral.svg").read_text(encoding="utf-8").startswith("<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sum_to_integral.svg"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["figure", "nope"], "unknown figure 'nope'"),
        (["figure"], "give a figure NAME"),
        (["figure", "precision", "--out", "x.jpg"], "--out must end in .svg, .pdf or .png"),
        (["figure", "precision", "--out", "/no/such/dir/x.svg"], "does not exist"),
    ],
)
def test_errors_are_one_line_exit_2(tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_bad_size_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["figure", "precision", "--size", "poster"])
    assert exc.value.code == 2
    assert "invalid choice: 'poster'" in capsys.readouterr().err


def test_console_script_unknown_name_no_traceback(tmp_path):
    proc = subprocess.run(
        [str(ADAPROOF), "figure", "nope"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr
