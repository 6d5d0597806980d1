"""The real ``adaproof report``: the whole catalogue and every lecture figure, end to end.

Runs the command as a user does (a subprocess of the installed console script),
twice, and compares the two directories byte for byte; the browser checks of
``test_report_browser.py`` then run on the real page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from adaproof.reports.report.html import anchor
from test_report import tree
from test_report_browser import CHROMIUM, check_layout, check_report_in_browser

pytestmark = pytest.mark.slow

ADAPROOF = Path(sys.executable).with_name("adaproof")


def start_report(out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": "random"}  # determinism must not hinge on hashing
    return subprocess.Popen(
        [str(ADAPROOF), "report", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.fixture(scope="module")
def real_reports(tmp_path_factory):
    """Two independent builds, run side by side (the machine has two cores)."""
    root = tmp_path_factory.mktemp("real-report")
    procs = [start_report(root / name) for name in ("a", "b")]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=900)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return root, done


def test_real_report_builds_and_is_complete(real_reports):
    from adaproof.reports.figures import FIGURES
    from adaproof.reports.runner import run_catalogue  # noqa: F401  (the API the report consumes)

    root, (proc, _) = real_reports
    assert proc.returncode == 0, proc.stderr[-3000:]
    index = root / "a" / "index.html"
    assert proc.stdout.strip().splitlines()[-1] == str(index.resolve())
    assert "running the claims catalogue" in proc.stderr  # progress is shown
    data = json.loads((root / "a" / "results.json").read_text(encoding="utf-8"))
    assert data["mismatches"] == []
    assert len({c["source"] for c in data["claims"]}) >= 2
    names = sorted(FIGURES)
    assert [f["name"] for f in data["figures"]] == names
    files = sorted(p.name for p in (root / "a" / "figures").iterdir())
    assert files == sorted(f"{n}.{ext}" for n in names for ext in ("pdf", "png", "svg"))
    page = index.read_text(encoding="utf-8")
    for claim in data["claims"]:
        assert f'id="{anchor("claim", claim["id"])}"' in page
    # Nothing left next to the report.
    assert sorted(p.name for p in root.iterdir()) == ["a", "b"]


def test_real_report_is_byte_identical_across_runs(real_reports):
    root, procs = real_reports
    assert [p.returncode for p in procs] == [0, 0]
    a, b = tree(root / "a"), tree(root / "b")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_real_report_in_chromium(real_reports, tmp_path):
    from adaproof.reports.figures import FIGURES

    root, (proc, _) = real_reports
    assert proc.returncode == 0
    check_report_in_browser(root / "a", sorted(FIGURES), tmp_path, "report")
    found = check_layout(root / "a", tmp_path, "report")
    assert all(f["figures"] == len(FIGURES) for f in found.values())  # each figure once


#: index.html must stay light enough for a phone (every figure is inlined once).
MAX_INDEX_BYTES = 1_500_000


def test_real_report_is_light(real_reports):
    root, _ = real_reports
    page = root / "a" / "index.html"
    assert page.stat().st_size <= MAX_INDEX_BYTES
    assert page.read_text(encoding="utf-8").count("<svg") == len(
        list((root / "a" / "figures").glob("*.svg"))
    )


@pytest.mark.parametrize("name", ["ema_bias", "sparse_feature"])
def test_report_figures_are_the_figure_commands_bytes(real_reports, tmp_path, name):
    """``adaproof figure NAME --out F`` writes exactly the report's file, in every format."""
    root, _ = real_reports
    for ext in ("svg", "pdf", "png"):
        out = tmp_path / f"{name}.{ext}"
        subprocess.run(
            [str(ADAPROOF), "figure", name, "--out", str(out)], check=True, capture_output=True
        )
        assert out.read_bytes() == (root / "a" / "figures" / f"{name}.{ext}").read_bytes(), ext
