"""The report page in headless Chromium (Debian's ``chromium``; ``.ci/run`` installs it).

Checks: the page loads with no console message (CSP violations and errors are
logged as console messages), the dumped DOM holds every figure and the MathML,
every figure renders non-blank, and screenshots go to ``test-artifacts/``. A
control page with an inline script shows the console check can fail.

Layout: the page is opened at phone, tablet and desktop widths through the
DevTools protocol (``--remote-debugging-pipe``: the page itself keeps its
no-script CSP; the measuring code runs from outside it), and the document must
be no wider than the viewport and no formula, table cell or figure clipped.

The report here is built from the small fake catalogue of ``test_report.py``;
``test_report_e2e.py`` runs the same checks on the real report.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import time
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

# Flags: no sandbox (containers), no GPU, no network side traffic.
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
    assert re.search(r"<math[^>]*>\s*<m(row|i|n|o|sub|sup|frac)>", dom)
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


class DevTools:
    """Headless Chromium driven over ``--remote-debugging-pipe`` (fd 3 in, fd 4 out).

    Messages are JSON separated by NUL bytes; one page target, attached flat.
    """

    def __init__(self, workdir: Path) -> None:
        profile = workdir / f"profile-{len(list(workdir.glob('profile-*')))}"
        profile.mkdir(parents=True)
        to_child, self._out = os.pipe()
        self._in, from_child = os.pipe()

        def fds() -> None:  # in the child: the pipe ends become fds 3 and 4
            a, b = os.dup(to_child), os.dup(from_child)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}"],
            preexec_fn=fds,  # the test process runs no other threads
            close_fds=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.page("Page.enable")

    def _read(self) -> dict:
        while b"\0" not in self._buf:
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buf += chunk
        raw, _, self._buf = self._buf.partition(b"\0")
        return json.loads(raw)

    def call(self, method: str, session: str | None = None, **params) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self._out, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def page(self, method: str, **params) -> dict:
        return self.call(method, self.session, **params)

    def open(self, url: str, width: int, height: int) -> None:
        self.page(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        self.events.clear()
        self.page("Page.navigate", url=url)
        deadline = time.monotonic() + 120
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load")
            self.events.append(self._read())

    def evaluate(self, expression: str):
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"]["value"]

    def screenshot(self, path: Path, y: float, width: int, height: int) -> None:
        clip = {"x": 0, "y": y, "width": width, "height": height, "scale": 1}
        data = self.page(
            "Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True
        )["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._in)
        os.close(self._out)


#: Runs in the page through DevTools (not as a page script): the document's width and every
#: formula, table cell and figure that is cut off, with why.
MEASURE = r"""(() => {
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const describe = (el) => (el.closest("[id]") || {id: "?"}).id + " " + el.tagName.toLowerCase()
    + " " + (el.getAttribute("alttext") || el.textContent || "").trim().slice(0, 40);
  const scroller = (el) => {
    for (let a = el.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === "auto" || o === "scroll") return a;
    }
    return null;
  };
  const check = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return;  // not rendered (a closed <details>)
    const box = scroller(el);
    if (box) {
      const b = box.getBoundingClientRect();
      if (b.left < -0.5 || b.right > vw + 0.5)
        problems.push(["scroll box wider than the page", describe(el), b.left, b.right]);
      // reachable by scrolling: the box's scroll area holds the whole element
      const left = r.left - b.left + box.scrollLeft;
      if (left < -0.5 || left + r.width > box.scrollWidth + 0.5)
        problems.push(["outside its scroll box", describe(el), left, r.width, box.scrollWidth]);
      if (getComputedStyle(box).overflowY === "hidden" && r.height > box.clientHeight + 1)
        problems.push(["cut at the bottom", describe(el), r.height, box.clientHeight]);
    } else if (r.left < -0.5 || r.right > vw + 0.5) {
      problems.push(["beyond the page edge", describe(el), r.left, r.right, vw]);
    }
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === "hidden" || s.overflowX === "clip") {
        const b = a.getBoundingClientRect();
        if (r.left < b.left - 0.5 || r.right > b.right + 0.5)
          problems.push(["cut by a hidden overflow", describe(el)]);
      }
    }
  };
  document.querySelectorAll("math, td, th, figure.fig svg, code").forEach(check);
  // values never wrap one character per line
  document.querySelectorAll("table.kv td, table.kv th").forEach((td) => {
    const text = td.textContent.trim();
    const em = parseFloat(getComputedStyle(td).fontSize);
    const w = td.getBoundingClientRect().width;
    if (text.length >= 4 && w < 3 * em) problems.push(["squeezed", describe(td), w]);
  });
  return {
    viewport: vw,
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    errata: (document.getElementById("errata") || document.body).getBoundingClientRect().top
      + window.scrollY,
    maths: document.querySelectorAll("math").length,
    figures: document.querySelectorAll("figure.fig svg").length,
    problems: problems,
  };
})()"""

#: Phone, tablet, desktop.
WIDTHS = (390, 768, 1280)
#: Print layout width: A4 less 1.5 cm margins, in CSS px.
PRINT_WIDTH = 680


def check_layout(
    report: Path, workdir: Path, tag: str, artifacts: Path = ARTIFACTS
) -> dict[int | str, dict]:
    """Open the report at each of :data:`WIDTHS` and as printed; assert nothing is wider or
    cut off.

    Screenshots of the top of the page and of the start of the errata go to
    ``test-artifacts/``.
    """
    artifacts.mkdir(exist_ok=True)
    found = {}
    browser = DevTools(workdir)
    try:
        for width in WIDTHS:
            height = 900 if width < 1000 else 800
            browser.open((report / "index.html").resolve().as_uri(), width, height)
            got = browser.evaluate(MEASURE)
            found[width] = got
            browser.screenshot(artifacts / f"{tag}-{width}px-top.png", 0, width, 2 * height)
            browser.screenshot(
                artifacts / f"{tag}-{width}px-errata.png", got["errata"], width, 2 * height
            )
        # print: an A4 page less its margins is about 700 CSS px wide; nothing scrolls on paper
        browser.page("Emulation.setEmulatedMedia", media="print")
        browser.open((report / "index.html").resolve().as_uri(), PRINT_WIDTH, 1000)
        got = browser.evaluate(MEASURE)
        found["print"] = got
        browser.screenshot(artifacts / f"{tag}-print-errata.png", got["errata"], PRINT_WIDTH, 1400)
    finally:
        browser.close()
    for width, got in found.items():
        width = PRINT_WIDTH if width == "print" else width
        assert got["viewport"] == width
        assert got["width"] <= width, f"page scrolls sideways at {width} px: {got['width']} px"
        assert got["maths"] > 0
        assert got["problems"] == [], (width, got["problems"][:10])
    return found


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


def wide_claims():
    """The fake catalogue plus what broke narrow screens: a long formula, long values."""
    from test_report import claim, fake_claims

    long = r"\hat v_t = (1-\beta_2)\left(\sum_{k=1}^{t}\beta_2^{t-k} g_k^2\right)"
    long += "".join(
        rf" + \frac{{(1-\beta_1)\beta_1^{{{i}}}}}{{\sqrt{{1-\beta_2^{{{i}}}}}}}" for i in range(12)
    )
    return [
        *fake_claims(),
        claim(
            "002-9",
            source="002_5f54ea678090eb2e.txt",
            verdict="refuted",
            statement=long,
            corrected=long,
            counterexample={
                "beta": 0.99,
                "difference_actual_minus_printed": ["(1 - beta)*beta*g**2"] * 6,
                "value": 0.099999999,
            },
        ),
        claim("002-10", source="002_5f54ea678090eb2e.txt", verdict="conditional", condition=long),
    ]


def test_layout_fits_phone_tablet_and_desktop(tmp_path):
    build(tmp_path / "rep", wide_claims())
    found = check_layout(tmp_path / "rep", tmp_path, "report-fake")
    assert all(f["figures"] == len(FAKE_REGISTRY) for f in found.values())


CONTROL = (
    '<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width">'
    "</head><body>{}</body></html>"
)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "<math><mi>x</mi></math><table><tr>" + "<td>cell</td>" * 200 + "</tr></table>",
            "scrolls sideways",
        ),
        (
            '<div style="overflow:hidden;width:60px"><math>'
            + "<mi>x</mi><mo>+</mo>" * 40
            + "</math></div>",
            "cut by a hidden overflow",
        ),
        (
            '<table class="kv"><tr><th>k</th><td style="width:5px;overflow-wrap:anywhere">'
            "0.999999</td></tr></table><math><mi>x</mi></math>",
            "squeezed",
        ),
    ],
)
def test_layout_check_catches_what_it_looks_for(tmp_path, body, message):
    page = tmp_path / "control"
    page.mkdir()
    (page / "index.html").write_text(CONTROL.format(body))
    with pytest.raises(AssertionError, match=message):
        check_layout(page, tmp_path, "control", artifacts=tmp_path)


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
