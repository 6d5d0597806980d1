"""The report builder on a small fake catalogue and fake figures (fast).

The fakes have the shape of ``reports.runner.to_json`` and
``reports.figures.render_all``; the real end-to-end build is in
``test_report_e2e.py`` and the browser check in ``test_report_browser.py``.
"""

from __future__ import annotations

import html.parser
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from adaproof.reports import jsonio
from adaproof.reports.errors import UsageError
from adaproof.reports.report import build_report
from adaproof.reports.report.build import views_from_registry
from adaproof.reports.report.mathml import math_html, mathml, statement_html
from adaproof.reports.report.svg import UnsafeSVG, inline_svg

SOURCE_A = "001_a9f80f3499dce77f.txt"
SOURCE_B = "zz_unknown_source.txt"


def claim(cid, source=SOURCE_A, verdict="proved", expected=None, **kw):
    row = {
        "id": cid,
        "source": source,
        "location": f"§{cid}",
        "inventory": None,
        "title": f"claim {cid}",
        "statement": r"\hat{m}_t = \frac{m_t}{1-\beta_1^t}",
        "kind": "identity",
        "expected": expected or verdict,
        "verdict": verdict,
        "evidence": {"max_rel_error": 1.5e-16, "samples": 1000},
        "summary": f"summary of {cid}",
        "counterexample": None,
        "corrected": None,
        "corrected_by": None,
        "figure": None,
        "seconds": 0.123,
    }
    row.update(kw)
    return row


def fake_claims():
    return [
        claim("001-10", verdict="confirmed"),
        claim("001-2"),
        claim(
            "001-3",
            verdict="refuted",
            statement=r"\operatorname{Var}(\hat m_t) = \frac{\sigma^2(1-\beta_1)}{1+\beta_1}",
            counterexample={"beta1": 0.9, "t": 3, "lhs": 0.31, "rhs": 0.052},
            corrected_by="001-3.fix",
            figure="ema_weights",
        ),
        claim(
            "001-3.fix",
            statement=r"\operatorname{Var}(\hat m_t) = \sigma^2\frac{(1-\beta_1)^2(1-\beta_1^{2t})}"
            r"{(1-\beta_1^2)(1-\beta_1^t)^2}",
        ),
        claim(
            "002-1",
            source=SOURCE_B,
            verdict="conditional",
            evidence={"conditions": r"\|x\|_2^2 \le 8", "ratio": float("inf")},
            counterexample={"x": [1.0, 2.0]},
        ),
        claim(
            "002-2",
            source=SOURCE_B,
            verdict="refuted",
            corrected=r"\int_0^{S}\frac{dx}{\sqrt{x}} = 2\sqrt{S}",
            counterexample={"S": 4.0},
        ),
        claim("002-3", source=SOURCE_B, verdict="approximate", kind="limit"),
    ]


class FakeSpec:
    def __init__(self, name, title, description, claims):
        self.name, self.title, self.description, self.claims = name, title, description, claims


FAKE_REGISTRY = {
    "ema_weights": FakeSpec("ema_weights", "EMA weights", "(1-β)β^{t-k} for several β", ()),
    "var_m_hat": FakeSpec("var_m_hat", "Var(m̂_t)/σ²", "exact and Monte Carlo", ("001-3.fix",)),
}


def fake_figures(outdir: Path, progress=None):
    """Render FAKE_REGISTRY with matplotlib the way the figure module does (deterministic)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = {}
    with matplotlib.rc_context({"svg.hashsalt": "adaproof", "svg.fonttype": "path"}):
        for i, name in enumerate(FAKE_REGISTRY):
            fig, ax = plt.subplots(figsize=(4, 2.5))
            ax.plot([0, 1, 2, 3], [1, 0.5 + i, 0.25, 0.125], color="#0072B2")
            ax.set_title(r"$\hat{m}_t$ figure " + name)
            paths = []
            for fmt, meta in (
                ("svg", {"Date": None}),
                ("pdf", {"CreationDate": None, "ModDate": None}),
                ("png", {"Software": None}),
            ):
                path = outdir / f"{name}.{fmt}"
                fig.savefig(path, metadata=meta)
                paths.append(path)
            plt.close(fig)
            written[name] = paths
            if progress:
                progress(f"figure {name}")
    return views_from_registry(FAKE_REGISTRY, written, outdir)


def build(out: Path, rows=None):
    rows = fake_claims() if rows is None else rows
    return build_report(out, claims=lambda progress: rows, figures=fake_figures)


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse_tags(text: str) -> list[tuple[str, dict]]:
    p = _Collector()
    p.feed(text)
    return p.tags


# ---------------------------------------------------------------------------


def test_report_files_and_content(tmp_path):
    result = build(tmp_path / "rep")
    root = tmp_path / "rep"
    assert result.index == root.resolve() / "index.html"
    assert sorted(p.name for p in root.iterdir()) == [
        "figures",
        "index.html",
        "results.json",
        "summary.md",
    ]
    assert sorted(p.name for p in (root / "figures").iterdir()) == [
        f"{n}.{f}" for n in sorted(FAKE_REGISTRY) for f in ("pdf", "png", "svg")
    ]
    assert (result.claims, result.figures, result.mismatches) == (7, 2, ())

    page = (root / "index.html").read_text(encoding="utf-8")
    # The order the page promises: overview, errata, conditions, all claims, figures.
    positions = [
        page.index(f'id="{s}"') for s in ("overview", "errata", "conditions", "claims", "figures")
    ]
    assert positions == sorted(positions)
    # Overview row of the first document: proved 2, confirmed 1, refuted 1 (and 4 total).
    row = re.search(r"<tr><th scope=row><a href=\"#src-001.*?</tr>", page).group()
    assert re.findall(r'<td class="num[^"]*">(\d+)</td>', row) == [
        "2",
        "1",
        "0",
        "0",
        "1",
        "0",
        "4",
        "0",
    ]
    # Errata: both refuted claims, with counterexample, correction and verification.
    errata = page[page.index('id="errata"') : page.index('id="claims"')]
    assert errata.count('class="erratum"') == 2
    assert "Counterexample" in errata
    assert "Corrected" in errata
    assert "Verification" in errata
    assert 'href="#claim-001-3.fix"' in errata  # the claim that verified the correction
    # 001-3's figure is linked from its erratum, not embedded again: one copy per figure
    assert errata.count("<svg") == 0
    assert 'href="#fig-ema_weights"' in errata
    assert page.count("<svg") == len(FAKE_REGISTRY)
    # The unknown source is shown under its file name; the known one under its title.
    assert "Problem 3: Adam vs SGD with momentum" in page
    assert SOURCE_B in page
    # Math as MathML, figures inline, every figure in the gallery.
    assert page.count("<math") >= 8
    gallery = page[page.index('id="figures"') :]
    assert gallery.count("<svg") == len(FAKE_REGISTRY)
    for name in FAKE_REGISTRY:
        assert f'id="fig-{name}"' in gallery
    # Claims link to the figures that illustrate them, named from either side.
    fix = page[page.index('id="claim-001-3.fix"') :]
    assert 'href="#fig-var_m_hat"' in fix[: fix.index("</article>")]
    refuted = page[page.index('id="claim-001-3"') :]
    assert 'href="#fig-ema_weights"' in refuted[: refuted.index("</article>")]


def test_results_json_and_summary(tmp_path):
    build(tmp_path / "rep")
    data = json.loads((tmp_path / "rep" / "results.json").read_text(encoding="utf-8"))
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator(jsonio.load_schema("results")).validate(data)
    assert (data["schema"], data["version"]) == ("adaproof/results", 1)
    assert [c["id"] for c in data["claims"]] == [
        "001-2",
        "001-3",
        "001-3.fix",
        "001-10",
        "002-1",
        "002-2",
        "002-3",
    ]
    assert all("seconds" not in c for c in data["claims"])  # timings would break determinism
    assert data["counts"][SOURCE_A]["refuted"] == 1
    assert data["claims"][4]["evidence"]["ratio"] == "inf"  # strict JSON, no bare Infinity
    assert [f["name"] for f in data["figures"]] == ["ema_weights", "var_m_hat"]
    assert data["mismatches"] == []
    md = (tmp_path / "rep" / "summary.md").read_text(encoding="utf-8")
    assert "## Errata" in md
    assert "001-3" in md
    assert r"`\int_0^{S}\frac{dx}{\sqrt{x}} = 2\sqrt{S}`" in md


def test_two_builds_are_byte_identical(tmp_path):
    build(tmp_path / "a")
    build(tmp_path / "b")
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_claim_order_of_the_runner_does_not_matter(tmp_path):
    build(tmp_path / "a")
    build(tmp_path / "b", rows=list(reversed(fake_claims())))
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_mismatch_is_reported(tmp_path):
    rows = fake_claims()
    rows[0]["expected"] = "proved"  # computed "confirmed"
    result = build(tmp_path / "rep", rows)
    assert result.mismatches == ("001-10",)
    page = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    assert "expected proved, got confirmed" in page
    assert 'class="alert"' in page


# --- escaping ---------------------------------------------------------------

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    r"\text{<script>alert(1)</script>}",
    r"\text{<script>}",
    r"\href{javascript:alert(1)}{x}",
    r"\style{background:url(http://evil)}{x}",
    r"\text{&lt;b&gt;}",
    "</math><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "\x00\x1b[31m",
]


@pytest.mark.parametrize("render", [math_html, statement_html])
@pytest.mark.parametrize("latex", HOSTILE)
def test_math_html_lets_no_markup_through(latex, render):
    out = render(latex)
    tags = parse_tags(out)
    allowed = {"math", "mrow", "mi", "mo", "mn", "mtext", "code", "msub", "msup", "span"}
    assert {t for t, _ in tags} <= allowed, out
    for _, attrs in tags:
        assert set(attrs) <= {"display", "alttext", "stretchy", "class", "fence", "title"}, out
    assert "<script" not in out
    assert "onerror=" not in out.replace("onerror=alert", "")
    assert "javascript:" not in out or out.startswith('<code class="tex">')


def test_mathml_is_well_formed_and_falls_back():
    good = mathml(r"\frac{\sigma^2}{2N-1} \le \sqrt{v_t}")
    ET.fromstring(
        good.replace("<math ", f'<math xmlns="{"http://www.w3.org/1998/Math/MathML"}" ', 1)
    )
    # Unconvertible input is shown as its escaped source, never dropped.
    assert math_html(r"\frac{a}{") == r'<code class="tex">\frac{a}{</code>'
    assert math_html(r"\notacommand x").startswith('<code class="tex">')
    assert math_html("a < b").startswith("<math")
    assert "<mo>&lt;</mo>" in math_html("a < b")  # the operator, escaped
    assert math_html("a & b").startswith('<code class="tex">a &amp; b')  # malformed output


def test_statement_prose_is_text_and_math_is_mathml():
    out = statement_html(r"\text{dividing by } 1-\beta_2^t \text{ de-biases } g")
    assert [t for t, _ in parse_tags(out) if t in {"span", "math"}] == [
        "span",
        "span",
        "math",
        "span",
        "math",
    ]
    assert '<span class="prose">dividing by </span>' in out
    # A part that does not convert sends the whole statement to the fallback.
    assert statement_html(r"\text{a} \frac{b}{") == r'<code class="tex">\text{a} \frac{b}{</code>'
    # \text inside a group stays part of the formula.
    assert statement_html(r"x^{\text{up}}").startswith("<math")


def test_hostile_content_is_escaped_everywhere(tmp_path):
    evil = "<img src=x onerror=alert(1)>"
    rows = [
        claim(
            evil,
            source=evil,
            location=evil,
            title=evil,
            statement=r"\text{<script>alert(1)</script>} " + evil,
            verdict="refuted",
            summary=evil,
            evidence={evil: evil, "conditions": r"\text{<script>}", "nested": {evil: [evil]}},
            counterexample={evil: evil},
            corrected=r"x \href{javascript:alert(1)}{y}",
            corrected_by=evil,
            figure=evil,
        )
    ]
    build(tmp_path / "rep", rows)
    page = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    tags = parse_tags(page)
    assert not [t for t, _ in tags if t in {"script", "img", "iframe", "object", "embed"}]
    for tag, attrs in tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        for k, v in attrs.items():
            if k == "href":
                assert v.startswith(("#", "results.json", "summary.md", "figures/")), v
    # Every escaped occurrence is there; no raw one.
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page.lower()
    md = (tmp_path / "rep" / "summary.md").read_text(encoding="utf-8")
    outside_code = re.sub(r"(`+).*?\1", "", md)
    assert "<" not in outside_code
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in outside_code


def test_page_has_csp_and_no_script(tmp_path):
    build(tmp_path / "rep")
    page = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp
    assert "default-src &#x27;none&#x27;" in csp.group(1)
    assert "script" not in csp.group(1)  # scripts fall back to default-src 'none'
    assert "<script" not in page
    assert "javascript:" not in page


# --- inline SVG ------------------------------------------------------------


def _svg(body: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{body}</svg>'


def test_inline_svg_prefixes_ids_and_references():
    out = inline_svg(
        _svg(
            '<defs><clipPath id="c1"><rect/></clipPath></defs><path clip-path="url(#c1)" id="p"/>'
            '<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="#p"/>'
        ),
        "fig-a",
    )
    clip = re.search(r'<clipPath id="(fig-a-[0-9a-z]+)"', out).group(1)
    assert f'clip-path="url(#{clip})"' in out
    path = re.search(r'<path [^>]*id="(fig-a-[0-9a-z]+)"', out).group(1)
    assert f'href="#{path}"' in out
    assert clip != path
    assert 'id="fig-a-root"' in out
    assert sorted(re.findall(r'id="([^"]*)"', out)) == sorted(["fig-a-root", clip, path])


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        '<rect onload="alert(1)"/>',
        '<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="http://evil/x.svg#a"/>',
        "<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'>x</div></foreignObject>",
        '<rect fill="url(http://evil/x)"/>',
        "<style>@import url(http://evil);</style>",
    ],
)
def test_inline_svg_rejects_active_content(body):
    with pytest.raises(UnsafeSVG):
        inline_svg(_svg(body), "fig-a")


def test_inline_svg_scopes_matplotlib_style():
    out = inline_svg(_svg("<defs><style>*{stroke-linejoin: round}</style></defs>"), "fig-b")
    assert "<style>#fig-b-root *{stroke-linejoin: round}</style>" in out


# --- atomic output -----------------------------------------------------------


def test_failure_leaves_existing_report_untouched(tmp_path):
    out = tmp_path / "rep"
    build(out)
    before = tree(out)
    neighbour = tmp_path / "keep.txt"
    neighbour.write_text("mine")

    def broken(outdir, progress=None):
        fake_figures(outdir)
        raise RuntimeError("figure failed mid-build")

    with pytest.raises(RuntimeError, match="mid-build"):
        build_report(out, claims=lambda p: fake_claims(), figures=broken)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt", "rep"]  # no temp dirs
    assert neighbour.read_text() == "mine"


def test_failure_without_existing_report_leaves_nothing(tmp_path):
    def broken(outdir, progress=None):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        build_report(tmp_path / "rep", claims=lambda p: fake_claims(), figures=broken)
    assert list(tmp_path.iterdir()) == []


def test_rebuild_replaces_report_and_cleans_up(tmp_path):
    out = tmp_path / "rep"
    build(out, rows=fake_claims()[:2])
    build(out)
    assert json.loads((out / "results.json").read_text())["claims"].__len__() == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep"]


def test_refuses_to_replace_a_directory_that_is_not_a_report(tmp_path):
    out = tmp_path / "project"
    out.mkdir()
    (out / "precious.py").write_text("x = 1")
    with pytest.raises(UsageError, match="not part of a report"):
        build(out)
    assert (out / "precious.py").read_text() == "x = 1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


def test_refuses_a_file_as_out(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(UsageError, match="not a directory"):
        build(target)
    assert target.read_text() == "x"


def test_report_directory_gets_ordinary_permissions(tmp_path):
    build(tmp_path / "rep")
    umask = os.umask(0o022)
    os.umask(umask)
    assert os.stat(tmp_path / "rep").st_mode & 0o777 == 0o777 & ~umask  # not mkdtemp's 0700


# --- command line -----------------------------------------------------------


def test_command_prints_index_path_and_exit_code(tmp_path, monkeypatch, capsys):
    from adaproof.reports import cli
    from adaproof.reports.report import build as build_module

    monkeypatch.setitem(cli.COMMANDS, "report", "report")
    main = cli.main

    rows = fake_claims()
    monkeypatch.setattr(build_module, "run_claims", lambda progress, executor=None: rows)
    monkeypatch.setattr(build_module, "render_figures", fake_figures)
    assert main(["report", "--out", str(tmp_path / "r")]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str((tmp_path / "r").resolve() / "index.html")
    assert "running the claims catalogue" in captured.err  # progress on stderr

    rows[0]["expected"] = "refuted"
    assert main(["report", "--out", str(tmp_path / "r"), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["mismatches"] == ["001-10"]
    assert data["figures"] == 2


def test_long_evidence_lists_are_shortened_on_the_page_only(tmp_path):
    rows = fake_claims()
    rows[0]["evidence"] = {"trace": [float(i) / 3 for i in range(40)]}
    build(tmp_path / "rep", rows)
    page = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    assert "(40 values; all in results.json)" in page
    assert "0.333333, 0.666667" in page  # shown to 6 significant digits
    data = json.loads((tmp_path / "rep" / "results.json").read_text(encoding="utf-8"))
    assert data["claims"][3]["evidence"]["trace"] == [float(i) / 3 for i in range(40)]


def test_conditional_claims_are_listed_with_their_condition(tmp_path):
    rows = [
        claim("001-1", verdict="conditional", condition=r"\sum_k g_k^2 = \infty"),
        # a row from before claims carried "condition": the evidence's "conditions" is used
        claim("001-2", verdict="conditional", evidence={"conditions": r"|x| < 1"}),
        claim("001-3", verdict="conditional", evidence={}),
        claim("001-4"),
    ]
    build(tmp_path / "rep", rows)
    page = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    section = page[page.index('id="conditions"') : page.index('id="claims"')]
    assert section.count('class="cond"') == 3
    assert 'alttext="\\sum_k g_k^2 = \\infty"' in section  # the condition as MathML
    assert 'alttext="|x| &lt; 1"' in section
    assert "no condition recorded" in section
    assert "001-4" not in section
    # the verdict table's conditional count links there, the conditions as its tooltip
    row = re.search(r"<tr><th scope=row><a href=\"#src-001.*?</tr>", page).group()
    cell = re.search(r'<a href="#cond-001[^"]*" title="([^"]*)">3</a>', row)
    assert cell
    assert "001-2: holds only if |x| &lt; 1" in cell.group(1)
    data = json.loads((tmp_path / "rep" / "results.json").read_text(encoding="utf-8"))
    assert [c["condition"] for c in data["claims"]] == [
        r"\sum_k g_k^2 = \infty",
        "|x| < 1",
        None,
        None,
    ]
    md = (tmp_path / "rep" / "summary.md").read_text(encoding="utf-8")
    part = md[md.index("## Holds only if") :]
    assert "- **001-1**" in part
    assert r"holds only if: `\sum_k g_k^2 = \infty`" in part
    assert "holds only if: `|x| < 1`" in part
    assert "001-4" not in part


def test_code_in_statements_is_monospace_without_latex_escapes():
    out = statement_html(r"\texttt{v\_w,v\_b,eps = 0,0,1e-8} \ \text{(listing)}")
    assert '<code class="tt">v_w,v_b,eps = 0,0,1e-8</code>' in out
    assert "\\_" not in out.split('title="')[0] + out.split('">', 1)[1]
    assert '<span class="prose">(listing)</span>' in out
    # markup inside code is escaped like everywhere else
    assert "<b>" not in statement_html(r"\texttt{<b>x</b>}")


def test_figure_captions_render_their_math(tmp_path):
    from adaproof.reports.report.html import figure_html
    from adaproof.reports.report.model import Catalogue, FigureView

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M0 0L1 1"/></svg>'
    )
    fig = FigureView("w", "Worst case $|\\hat m_t|$", "weights $\\beta^{t-k}$", (), svg, ())
    out = figure_html(fig, "fig", Catalogue(claims=[]))
    caption = out[out.index("<figcaption>") :]
    assert caption.count("<math") == 2
    assert "^{" not in caption
    assert "$" not in caption
    assert 'aria-label="Worst case |\\hat m_t|"' in out
