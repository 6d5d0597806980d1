"""The HTML report of a user's document (``adaproof check NOTES.md --out DIR``) in headless
Chromium, with the same checks as the catalogue's report (``test_report_browser.py``).

The report is built by the catalogue's report builder from the sample notes
``tests/data/adam_notes.md``: it loads with no console message (no CSP violation, no
error), keeps its MathML, shows the refuted line with its counterexample in the errata,
lays out at phone, tablet and desktop widths, and renders non-blank.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_report_browser import (
    ARTIFACTS,
    CHROMIUM,
    check_layout,
    console_messages,
    ink_fraction,
    read_png,
    run_chromium,
)

NOTES = Path(__file__).resolve().parents[1] / "data" / "adam_notes.md"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="headless Chromium is not installed (Debian: apt-get install chromium)",
    ),
]


def test_document_report_in_chromium(tmp_path):
    from adaproof.reports.cli import main

    report = tmp_path / "rep"
    assert main(["check", str(NOTES), "--budget", "1.5", "--out", str(report), "-q"]) == 1
    index = report / "index.html"
    source = index.read_text(encoding="utf-8")

    proc = run_chromium(index, tmp_path, "--dump-dom", "--virtual-time-budget=5000")
    assert console_messages(proc.stderr) == []
    dom = proc.stdout
    assert "<script" not in dom
    assert source.count("<math") > 0
    assert dom.count("<math") == source.count("<math")
    # the slip, by file and line, with its counterexample values
    assert "adam_notes.md:34" in dom
    errata = dom[dom.find("rrata") :]
    assert "adam_notes.md:34" in errata
    assert re.search(r"beta1.{0,200}1/2", errata, re.S)
    # every other relation of the notes is listed, none refuted
    for line in (16, 22, 26, 30, 38):
        assert f"adam_notes.md:{line}" in dom
    # the page is about the notes: no catalogue wording, no reviewed baseline
    assert "What holds in adam_notes.md" in dom
    assert "baseline" not in dom

    found = check_layout(report, tmp_path, "document-report")
    for width, got in found.items():
        assert got["problems"] == [], (width, got["problems"][:5])

    ARTIFACTS.mkdir(exist_ok=True)
    top = ARTIFACTS / "document-report-top.png"
    run_chromium(index, tmp_path, "--window-size=1280,1800", f"--screenshot={top}")
    assert ink_fraction(read_png(top)) > 0.02
