"""The report page in headless Chromium (Debian's ``chromium``; ``.ci/run`` installs it).

Checks: the page loads with no console message (CSP violations and errors are
logged as console messages), the dumped DOM holds every figure and the MathML,
every figure renders non-blank, and screenshots go to ``test-artifacts/``. A
control page with an inline script shows the console check can fail.

The report here is built from the small fake catalogue of ``test_report.py``;
``test_report_e2e.py`` runs the same checks on the real report.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_report import FAKE_REGISTRY, build

CHROMIUM = shutil.which("chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="headless Chromium is not installed (Debian: apt-get install chromium; "
        ".ci/run installs it)",
    ),
]

# Flags from REFERENCE.md: no sandbox (containers), no GPU, no network side traffic.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)


def run_chromium(page: Path, workdir: Path, *args: str) -> subprocess.CompletedProcess:
    """One headless Chromium run on ``page`` with a fresh, empty profile."""
    profile = workdir / f"profile-{len(list(workdir.glob('profile-*')))}"
    profile.mkdir(parents=True)
    proc = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def console_messages(stderr: str) -> list[str]:
    """Console output of the page (Chromium logs it as ``INFO:CONSOLE``), CSP violations too."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def read_png(path: Path):
    import matplotlib.image

    return matplotlib.image.imread(str(path))[..., :3]


def ink_fraction(pixels) -> float:
    """Share of pixels that are not (near) white."""
    return float((pixels.min(axis=-1) < 0.9).mean())


# Shows only the figure gallery, each figure in a box of fixed height, so that
# figure i is at rows [i*BOX, (i+1)*BOX) of a screenshot; the SVGs are the page's own.
BOX = 420
GALLERY_CSS = f"""<style>
header, footer, main > section:not(#figures), #figures > h2, figcaption {{display:none !important}}
main {{max-width:none;padding:0;margin:0}} body {{margin:0}}
figure.fig {{height:{BOX}px;margin:0;padding:0;overflow:hidden;border-top:0}}
figure.fig .svgbox svg {{height:{BOX - 20}px;width:auto;max-width:100%}}
</style>"""


def check_report_in_browser(report: Path, figure_names: list[str], workdir: Path, tag: str):
    """All browser checks on one report directory; screenshots named after ``tag``."""
    index = report / "index.html"
    source = index.read_text(encoding="utf-8")

    # 1. Loads with no console message at all, and the DOM is what we wrote.
    proc = run_chromium(index, workdir, "--dump-dom", "--virtual-time-budget=5000")
    assert console_messages(proc.stderr) == []
    dom = proc.stdout
    assert "<script" not in dom
    n_math = source.count("<math")
    assert n_math > 0
    assert dom.count("<math") == n_math  # the HTML parser kept every MathML element
    assert re.search(r"<math[^>]*>\s*<mrow>", dom)
    for name in figure_names:
        m = re.search(rf'<figure class="fig" id="fig-{re.escape(name)}">(.*?)</figure>', dom, re.S)
        assert m, f"figure {name} missing from the DOM"
        assert m.group(1).count("<path") >= 5, f"figure {name} has almost nothing drawn"

    # 2. Every figure renders non-blank: one screenshot of the gallery, one box per figure.
    gallery = report / "gallery-check.html"
    gallery.write_text(source.replace("</head>", GALLERY_CSS + "</head>", 1), encoding="utf-8")
    try:
        shot = workdir / f"{tag}-figures.png"
        height = BOX * len(figure_names)
        run_chromium(gallery, workdir, f"--window-size=1000,{height}", f"--screenshot={shot}")
    finally:
        gallery.unlink()
    pixels = read_png(shot)
    assert pixels.shape[0] == height
    for i, name in enumerate(figure_names):
        box = pixels[i * BOX : (i + 1) * BOX]
        # A matplotlib figure has axes, ticks, labels and data: well over 1 % ink.
        assert ink_fraction(box) > 0.01, f"figure {name} renders blank"

    # 3. Screenshot of the top of the page for people to look at; it must not be blank.
    ARTIFACTS.mkdir(exist_ok=True)
    top = ARTIFACTS / f"{tag}-top.png"
    run_chromium(index, workdir, "--window-size=1280,2400", f"--screenshot={top}")
    assert ink_fraction(read_png(top)) > 0.02
    shutil.copy(shot, ARTIFACTS / shot.name)


def test_console_check_catches_a_csp_violation(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta http-equiv='Content-Security-Policy' "
        "content=\"default-src 'none'\"></head><body><script>1</script></body></html>"
    )
    messages = console_messages(run_chromium(page, tmp_path, "--dump-dom").stderr)
    assert any("Content Security Policy" in m for m in messages)


def test_blank_check_catches_a_blank_figure(tmp_path):
    page = tmp_path / "blank.html"
    page.write_text("<!DOCTYPE html><html><body><svg width=400 height=300></svg></body></html>")
    shot = tmp_path / "blank.png"
    run_chromium(page, tmp_path, "--window-size=400,300", f"--screenshot={shot}")
    assert ink_fraction(read_png(shot)) == 0.0


def test_fake_report_in_chromium(tmp_path):
    build(tmp_path / "rep")
    check_report_in_browser(tmp_path / "rep", sorted(FAKE_REGISTRY), tmp_path, "report-fake")


def test_hostile_report_runs_nothing_in_chromium(tmp_path):
    from test_report import claim

    evil = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    rows = [
        claim(
            evil,
            source=evil,
            title=evil,
            statement=r"\text{<script>alert(3)</script>} " + evil,
            verdict="refuted",
            summary=evil,
            evidence={evil: evil, "conditions": r"\text{<script>}"},
            counterexample={evil: evil},
            corrected=r"\href{javascript:alert(4)}{x}",
        )
    ]
    build(tmp_path / "rep", rows)
    proc = run_chromium(tmp_path / "rep" / "index.html", tmp_path, "--dump-dom")
    # A blocked script or image would be logged as a CSP violation; nothing is even attempted.
    assert console_messages(proc.stderr) == []
    assert not re.search(r"<(script|img|iframe|object|embed)\b", proc.stdout)
    assert "&lt;img src=x onerror=alert(1)&gt;" in proc.stdout
