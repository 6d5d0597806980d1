"""The report page: one self-contained HTML file, no JavaScript, all text escaped.

Layout: a verdict overview per source document, an errata section per document
(each refuted claim with what the source says, the counterexample, the
corrected statement and its verification, and its figure), every claim with its
evidence, then all figures. Math is MathML (:mod:`reports.report.mathml`),
figures are inline SVG (:mod:`reports.report.svg`). A Content-Security-Policy
meta tag forbids scripts, fetches and frames; styles are inline only.
"""

from __future__ import annotations

import hashlib
import json
import re
from html import escape
from typing import Any

from adaproof.reports.report.mathml import plain_text, statement_html, text_with_math
from adaproof.reports.report.model import VERDICTS, Catalogue, ClaimView, FigureView, source_title
from adaproof.reports.report.svg import UnsafeSVG, inline_svg

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

#: Okabe–Ito colours (distinguishable with the common colour-vision deficiencies); every
#: badge also carries its verdict as text and a symbol, so colour is never the only cue.
BADGE = {
    "proved": ("#0072B2", "#ffffff", "✔"),
    "confirmed": ("#009E73", "#000000", "✓"),
    "approximate": ("#56B4E9", "#000000", "≈"),
    "conditional": ("#E69F00", "#000000", "◐"),
    "refuted": ("#D55E00", "#000000", "✘"),
    "inconclusive": ("#BBBBBB", "#000000", "?"),
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+")


def esc(value: Any) -> str:
    """Any value as HTML text (quotes escaped too, so it is safe in attributes)."""
    return escape(_CONTROL.sub("", str(value)), quote=True)


def anchor(kind: str, name: str) -> str:
    """A stable, injective id for ``name``: anything but [A-Za-z0-9._-] becomes ~hex~."""
    return kind + "-" + re.sub(r"[^A-Za-z0-9._\-]", lambda m: f"~{ord(m.group()):x}~", name)


def badge(verdict: str) -> str:
    """The verdict as a coloured pill: colour from the stylesheet, symbol and word as text."""
    key = verdict if verdict in BADGE else "inconclusive"
    return (
        f'<span class="badge b-{key}"><span aria-hidden="true">{BADGE[key][2]}</span> '
        f"{esc(verdict)}</span>"
    )


def format_value(value: Any) -> str:
    """Evidence values: numbers to 6 significant digits, LaTeX as math, the rest as code."""
    if isinstance(value, bool):
        return esc(str(value).lower())
    if isinstance(value, int):
        return f'<span class="nw">{esc(value)}</span>'
    if isinstance(value, float):
        return f'<span class="nw">{esc(format(value, ".6g"))}</span>'
    if isinstance(value, str):
        if _LATEX_COMMAND.search(value):
            return statement_html(value)
        return esc(value)
    if isinstance(value, list) and len(value) > MAX_LIST:
        head = json.dumps(_rounded(value[:MAX_LIST]), ensure_ascii=False)[:-1]
        return (
            f"<code>{esc(head)}, …]</code> "
            f'<span class="meta">({len(value)} values; all in results.json)</span>'
        )
    return f"<code>{esc(json.dumps(_rounded(value), sort_keys=True, ensure_ascii=False))}</code>"


#: Longest list shown in full on the page (results.json keeps everything).
MAX_LIST = 12


def _rounded(value: Any) -> Any:
    """Floats to 6 significant digits for display (the JSON file keeps full precision)."""
    if isinstance(value, float):
        return float(format(value, ".6g"))
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def table(mapping: dict[str, Any], cls: str = "kv") -> str:
    if not mapping:
        return ""
    rows = "".join(
        f"<tr><th scope=row>{esc(k)}</th><td>{format_value(v)}</td></tr>"
        for k, v in sorted(mapping.items(), key=lambda kv: kv[0])
    )
    return f'<div class="scroll"><table class="{cls}"><tbody>{rows}</tbody></table></div>'


def figure_html(fig: FigureView, prefix: str, cat: Catalogue) -> str:
    try:
        # ids inside the SVG get a short prefix made of [0-9a-f] only (safe in CSS selectors),
        # distinct per figure and per place the figure is shown.
        key = hashlib.sha256(f"{prefix}\0{fig.name}".encode()).hexdigest()[:6]
        svg = inline_svg(fig.svg, f"s{key}", label=plain_text(fig.title))
    except UnsafeSVG as exc:
        svg = f'<p class="warn">Figure not inlined: {esc(exc)}</p>'
    ids = cat.by_id
    illustrated = ", ".join(
        f'<a href="#{anchor("claim", c)}">{esc(c)}</a>' for c in fig.claims if c in ids
    )
    files = " · ".join(
        f'<a href="{esc(path)}">{esc(path.rsplit(".", 1)[-1])}</a>' for path in fig.files
    )
    parts = [
        f'<figure class="fig" id="{anchor(prefix, fig.name)}">',
        f'<div class="svgbox">{svg}</div>',
        f"<figcaption><strong>{text_with_math(fig.title)}</strong> <code>{esc(fig.name)}</code>",
        f"<br>{text_with_math(fig.description)}" if fig.description else "",
        f"<br>Illustrates: {illustrated}" if illustrated else "",
        f"<br>Files: {files}" if files else "",
        "</figcaption></figure>",
    ]
    return "".join(parts)


def _claim_link(cid: str) -> str:
    return f'<a href="#{anchor("claim", cid)}">{esc(cid)}</a>'


def _where(c: ClaimView) -> str:
    inv = f" · inventory {esc(c.inventory)}" if c.inventory else ""
    return f'<p class="where">{esc(source_title(c.source))} — {esc(c.location)}{inv}</p>'


def erratum_html(c: ClaimView, cat: Catalogue) -> str:
    fix = cat.by_id.get(c.corrected_by) if c.corrected_by else None
    corrected = c.corrected or (fix.statement if fix else None)
    out = [
        f'<article class="erratum" id="{anchor("erratum", c.id)}">',
        f"<h4>{badge(c.verdict)} {_claim_link(c.id)} {esc(c.title)}</h4>",
        _where(c),
        f'<div class="row"><span class="lbl">The source says</span>'
        f'<div class="math">{statement_html(c.statement)}</div></div>',
    ]
    if c.counterexample:
        out.append(
            '<div class="row"><span class="lbl">Counterexample</span>'
            f"{table(c.counterexample)}</div>"
        )
    if c.summary:
        out.append(
            f'<div class="row"><span class="lbl">Finding</span><p>{esc(c.summary)}</p></div>'
        )
    if corrected:
        out.append(
            '<div class="row"><span class="lbl">Corrected</span>'
            f'<div class="math">{statement_html(corrected)}</div></div>'
        )
    if fix is not None:
        out.append(
            '<div class="row"><span class="lbl">Verification</span>'
            f"<p>{badge(fix.verdict)} by claim {_claim_link(fix.id)}: {esc(fix.summary)}</p></div>"
        )
    elif c.corrected_by:
        out.append(
            '<div class="row"><span class="lbl">Verification</span>'
            f"<p>claim {esc(c.corrected_by)} is not in this run</p></div>"
        )
    elif corrected:
        out.append(
            '<div class="row"><span class="lbl">Verification</span>'
            "<p>checked within this claim's own evidence (below)</p></div>"
        )
    figs = cat.figures_for(c)
    if figs:
        out.append(
            '<div class="row"><span class="lbl">Figure</span><p>'
            + ", ".join(_figure_link(f) for f in figs)
            + "</p></div>"
        )
    out.append("</article>")
    return "".join(out)


def _figure_link(fig: FigureView) -> str:
    """A link to the figure's one copy in the Figures section."""
    return f'<a href="#{anchor("fig", fig.name)}">{text_with_math(fig.title)}</a>'


def condition_html(c: ClaimView) -> str:
    """The condition under which ``c`` holds, as math, or a note that none was recorded."""
    if c.condition:
        return f'<div class="math">{statement_html(c.condition)}</div>'
    return '<p class="none">no condition recorded; see the claim\'s evidence</p>'


def conditional_html(c: ClaimView, cat: Catalogue) -> str:
    """One entry of "Holds only if": the statement, the condition, the finding."""
    out = [
        f'<article class="cond" id="{anchor("cond", c.id)}">',
        f"<h4>{badge(c.verdict)} {_claim_link(c.id)} {esc(c.title)}</h4>",
        _where(c),
        f'<div class="row"><span class="lbl">The source says</span>'
        f'<div class="math">{statement_html(c.statement)}</div></div>',
        f'<div class="row"><span class="lbl">Holds only if</span>{condition_html(c)}</div>',
    ]
    if c.summary:
        out.append(
            f'<div class="row"><span class="lbl">Finding</span><p>{esc(c.summary)}</p></div>'
        )
    figs = cat.figures_for(c)
    if figs:
        out.append(
            '<div class="row"><span class="lbl">Figure</span><p>'
            + ", ".join(_figure_link(f) for f in figs)
            + "</p></div>"
        )
    out.append("</article>")
    return "".join(out)


def claim_html(c: ClaimView, cat: Catalogue) -> str:
    mismatch = (
        f' <span class="mismatch">expected {esc(c.expected)}, got {esc(c.verdict)}</span>'
        if c.mismatch
        else ""
    )
    out = [
        f'<article class="claim v-{esc(c.verdict)}" id="{anchor("claim", c.id)}">',
        f"<h4>{badge(c.verdict)} <code>{esc(c.id)}</code> {esc(c.title)}{mismatch}</h4>",
        _where(c),
        f'<div class="math">{statement_html(c.statement)}</div>',
        f'<p class="summary">{esc(c.summary)}</p>' if c.summary else "",
        f'<p class="meta">kind: {esc(c.kind)}</p>'
        if cat.document
        else f'<p class="meta">kind: {esc(c.kind)} · expected verdict: {esc(c.expected)}</p>',
    ]
    if c.verdict == "conditional":
        out.append(f'<p class="lbl">Holds only if</p>{condition_html(c)}')
    if c.evidence:
        out.append(f"<details><summary>Evidence</summary>{table(c.evidence)}</details>")
    if c.counterexample:
        out.append(
            f"<details open><summary>Counterexample</summary>{table(c.counterexample)}</details>"
        )
    if c.corrected:
        out.append(
            '<p class="lbl">Corrected statement</p>'
            f'<div class="math">{statement_html(c.corrected)}</div>'
        )
    if c.corrected_by:
        out.append(
            f'<p class="meta">Correction stated and checked by {_claim_link(c.corrected_by)}</p>'
        )
    figs = cat.figures_for(c)
    if figs:
        links = ", ".join(_figure_link(f) for f in figs)
        out.append(f'<p class="meta">Figure: {links}</p>')
    out.append("</article>")
    return "".join(out)


def overview_html(cat: Catalogue) -> str:
    head = "".join(f"<th scope=col>{badge(v)}</th>" for v in VERDICTS)
    rows = []
    for s in cat.sources():
        counts = cat.counts(s)
        cells = "".join(_count_cell(cat, s, v, counts[v]) for v in VERDICTS)
        mism = sum(1 for c in cat.of_source(s) if c.mismatch)
        last = len(cat.not_checked(s)) if cat.document else mism
        rows.append(
            f'<tr><th scope=row><a href="#{anchor("src", s)}">{esc(source_title(s))}</a>'
            f'<br><code class="file">{esc(s)}</code></th>{cells}'
            f'<td class="num">{len(cat.of_source(s))}</td><td class="num">{last}</td></tr>'
        )
    total = cat.counts()
    cells = "".join(f'<td class="num">{total[v]}</td>' for v in VERDICTS)
    last = len(cat.not_checked()) if cat.document else len(cat.mismatches())
    rows.append(
        f'<tr class="total"><th scope=row>All documents</th>{cells}'
        f'<td class="num">{len(cat.claims)}</td><td class="num">{last}</td></tr>'
    )
    last_head = "of which not checked" if cat.document else "≠ expected"
    return (
        '<div class="scroll"><table class="overview"><thead><tr><th scope=col>Document</th>'
        f"{head}<th scope=col>total</th><th scope=col>{last_head}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _count_cell(cat: Catalogue, source: str, verdict: str, count: int) -> str:
    """A count; conditional counts link to the document's "Holds only if" list, with the
    conditions as the tooltip."""
    if count == 0:
        return f'<td class="num zero">{count}</td>'
    if verdict != "conditional":
        return f'<td class="num">{count}</td>'
    tip = "; ".join(
        f"{c.id}: holds only if {c.condition or 'see the evidence'}"
        for c in cat.conditional(source)
    )
    return (
        f'<td class="num"><a href="#{anchor("cond", source)}" title="{esc(tip)}">{count}</a></td>'
    )


def render(cat: Catalogue) -> str:
    """The whole page as a string (deterministic: depends only on ``cat``)."""
    sources = cat.sources()
    toc = [
        '<li><a href="#overview">Verdicts per document</a></li>',
        '<li><a href="#errata">Errata</a><ol>',
    ]
    errata = []
    for s in sources:
        refuted = [c for c in cat.of_source(s) if c.verdict == "refuted"]
        toc.append(
            f'<li><a href="#{anchor("errata", s)}">{esc(source_title(s))}</a> ({len(refuted)})</li>'
        )
        body = (
            "".join(erratum_html(c, cat) for c in refuted)
            if refuted
            else '<p class="none">No claim of this document was refuted.</p>'
        )
        errata.append(
            f'<section class="doc" id="{anchor("errata", s)}"><h3>{esc(source_title(s))}</h3>'
            f"{body}</section>"
        )
    toc.append('</ol></li><li><a href="#conditions">Holds only if</a><ol>')
    conditions = []
    for s in sources:
        conds = cat.conditional(s)
        if not conds:
            continue
        toc.append(
            f'<li><a href="#{anchor("cond", s)}">{esc(source_title(s))}</a> ({len(conds)})</li>'
        )
        conditions.append(
            f'<section class="doc" id="{anchor("cond", s)}"><h3>{esc(source_title(s))}</h3>'
            + "".join(conditional_html(c, cat) for c in conds)
            + "</section>"
        )
    if not conditions:
        conditions.append('<p class="none">No claim holds only under a condition.</p>')
    toc.append('</ol></li><li><a href="#claims">All claims</a><ol>')
    claims = []
    for s in sources:
        toc.append(f'<li><a href="#{anchor("src", s)}">{esc(source_title(s))}</a></li>')
        claims.append(
            f'<section class="doc" id="{anchor("src", s)}"><h3>{esc(source_title(s))} '
            f'<code class="file">{esc(s)}</code></h3>'
            + "".join(claim_html(c, cat) for c in cat.of_source(s))
            + "</section>"
        )
    toc.append("</ol></li>")
    if cat.figures:
        toc.append('<li><a href="#figures">Figures</a></li>')
    figures = "".join(figure_html(f, "fig", cat) for f in cat.figures)
    if cat.document:
        return _render_page(cat, toc, errata, conditions, claims, figures, *_document_head(cat))
    mismatches = cat.mismatches()
    status = (
        f'<p class="alert">{len(mismatches)} claim(s) differ from their expected verdict: '
        + ", ".join(_claim_link(c.id) for c in mismatches)
        + "</p>"
        if mismatches
        else '<p class="ok">Every computed verdict matches its reviewed baseline.</p>'
    )
    n_ref = cat.counts()["refuted"]
    lede = (
        f'<p class="lede">{len(cat.claims)} claims from {len(sources)} documents, each decided'
        f" by computation: symbolic derivation (SymPy) and simulation of the real recursions"
        f" (NumPy). {n_ref} are refuted; each refuted claim is listed in the errata with a"
        f" counterexample and, where one exists, a corrected statement that was itself checked."
        "</p>"
    )
    head = ("adaproof: what holds in the sources", "What holds in the sources", lede, status)
    return _render_page(cat, toc, errata, conditions, claims, figures, *head)


def _document_head(cat: Catalogue) -> tuple[str, str, str, str]:
    """Title, heading, lede and status line of a page about a user's own document(s)."""
    names = ", ".join(cat.sources()) or "the document"
    counts = cat.counts()
    unchecked = cat.not_checked()
    decided = counts["refuted"] + sum(
        counts[v] for v in ("proved", "confirmed", "approximate", "conditional")
    )
    lede = (
        f'<p class="lede">{len(cat.claims)} displayed formulas of {esc(names)}, each shown with'
        f" its line. {decided} are decided by computation (symbolically, exactly at small indices"
        f" and dimensions, or by a numeric search: each relation's evidence says which):"
        f" {counts['refuted']}"
        f" refuted, each listed in the errata with its counterexample;"
        f" {counts['inconclusive'] - len(unchecked)} are inconclusive and {len(unchecked)} are"
        " not checked (a formula the reader does not read, or no relation), each with the"
        " reason. Definitions are not listed.</p>"
    )
    refuted = [c for c in cat.claims if c.verdict == "refuted"]
    status = (
        f'<p class="alert">{len(refuted)} relation(s) refuted: '
        + ", ".join(f"{_claim_link(c.id)} ({esc(c.location)})" for c in refuted)
        + "</p>"
        if refuted
        else '<p class="ok">No displayed relation was refuted.</p>'
    )
    return f"adaproof: what holds in {names}", f"What holds in {names}", lede, status


def _render_page(cat, toc, errata, conditions, claims, figures, title, h1, lede, status) -> str:
    if cat.document:
        toc = [*toc, '<li><a href="#not-checked">Not checked</a></li>']
        rows = "".join(
            f'<tr><td><a href="#{anchor("claim", c.id)}">{esc(c.location)}</a></td>'
            f'<td><div class="math">{statement_html(c.statement)}</div></td>'
            f"<td>{esc(c.summary.removeprefix('not checked: '))}</td></tr>"
            for c in cat.not_checked()
        )
        unchecked = [
            '<section id="not-checked"><h2>Not checked</h2>',
            '<div class="scroll"><table class="overview"><thead><tr><th scope=col>Line</th>'
            "<th scope=col>Formula</th><th scope=col>Why not checked</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
            if rows
            else '<p class="none">Every displayed formula was read.</p>',
            "</section>",
        ]
    else:
        unchecked = []
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            f"<header><h1>{esc(h1)}</h1>",
            lede,
            status,
            '<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>',
            *toc,
            "</ol></nav></header>",
            "<main>",
            '<section id="overview"><h2>Verdicts per document</h2>',
            overview_html(cat),
            LEGEND,
            "</section>",
            '<section id="errata"><h2>Errata</h2>',
            *errata,
            "</section>",
            '<section id="conditions"><h2>Holds only if</h2>',
            '<p class="meta">Claims that are true only under a condition the source does not'
            " state: the statement, the condition under which it holds, and what was found.</p>",
            *conditions,
            "</section>",
            '<section id="claims"><h2>All claims</h2>',
            *claims,
            "</section>",
            *unchecked,
            *(['<section id="figures"><h2>Figures</h2>', figures, "</section>"] if figures else []),
            "</main>",
            "<footer><p>Generated by adaproof. Machine-readable results: "
            '<a href="results.json">results.json</a>; summary: <a href="summary.md">summary.md</a>;'
            ' figures in SVG, PDF and PNG under <a href="figures/">figures/</a>.</p></footer>',
            "</body>",
            "</html>",
            "",
        ]
    )


LEGEND = (
    '<dl class="legend">'
    f"<dt>{badge('proved')}</dt><dd>exact; shown symbolically, and a simulation agrees</dd>"
    f"<dt>{badge('confirmed')}</dt><dd>simulation agrees within a stated tolerance</dd>"
    f"<dt>{badge('approximate')}</dt><dd>true in a limit or approximately; error quantified</dd>"
    f"<dt>{badge('conditional')}</dt><dd>true only under conditions the source did not state</dd>"
    f"<dt>{badge('refuted')}</dt><dd>false as written; counterexample given</dd>"
    f"<dt>{badge('inconclusive')}</dt><dd>not decided within the tool's limits</dd>"
    "</dl>"
)

STYLE = (
    """
:root{--sans:"Inter","Helvetica Neue",Arial,"DejaVu Sans",sans-serif;
--mono:"DejaVu Sans Mono",Menlo,Consolas,monospace;
--fg:#1b1f24;--muted:#57606a;--line:#d8dee4;--bg:#ffffff;--soft:#f6f8fa;--accent:#0072B2}
*{box-sizing:border-box}
html{font-size:16px}
body{margin:0;background:var(--bg);color:var(--fg);overflow-wrap:break-word;
font-family:"Source Serif 4","Source Serif Pro",Georgia,"DejaVu Serif",serif;line-height:1.55}
header,main,footer{max-width:62rem;margin:0 auto;padding:0 1.5rem}
header{padding-top:2rem}
h1,h2,h3,h4{font-family:var(--sans);line-height:1.25}
h1{font-size:2.1rem;margin:0 0 .5rem}
h2{font-size:1.5rem;margin:2.5rem 0 1rem;padding-bottom:.3rem;border-bottom:2px solid var(--line)}
h3{font-size:1.2rem;margin:2rem 0 .8rem}
h4{font-size:1rem;margin:0 0 .4rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
a{color:var(--accent)}
math{font-family:"STIX Two Math","Latin Modern Math","Cambria Math",math}
code{font-family:var(--mono);font-size:.85em}
code.tt{white-space:break-spaces;overflow-wrap:anywhere;background:var(--soft);padding:0 .2em;
border-radius:3px}
code.file{color:var(--muted);font-weight:normal;font-size:.75em}
.lede{font-size:1.1rem;color:#333}
.ok{border-left:4px solid #009E73;background:#eef8f4;padding:.5rem 1rem}
.alert{border-left:4px solid #D55E00;background:#fdf0e8;padding:.5rem 1rem;font-weight:bold}
.toc{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:.5rem 1.5rem;
margin:1.5rem 0;font-family:var(--sans);font-size:.92rem}
.toc h2{font-size:1rem;border:0;margin:.5rem 0}
.toc ol{margin:.2rem 0;padding-left:1.3rem}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;white-space:nowrap;
font:600 .78rem/1.5 var(--sans);letter-spacing:.02em}
.nw{white-space:nowrap}
"""
    + "".join(f".b-{v}{{background:{bg};color:{fg}}}\n" for v, (bg, fg, _) in BADGE.items())
    + """
.scroll{max-width:100%;overflow-x:auto}
table{border-collapse:collapse}
.overview{width:100%;font-family:var(--sans);font-size:.9rem}
.overview th,.overview td{border-bottom:1px solid var(--line);padding:.45rem .4rem;text-align:left;
vertical-align:top;background:var(--bg)}
.overview th[scope=row]{position:sticky;left:0;z-index:1;min-width:9rem;
box-shadow:1px 0 0 var(--line)}
.overview thead th{vertical-align:bottom}
.overview td.num{text-align:center;font-variant-numeric:tabular-nums;font-size:1rem}
.overview td.zero{color:#b0b7be}
.overview tr.total th,.overview tr.total td{font-weight:bold;border-top:2px solid var(--fg)}
.legend{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.3rem 1rem;
font-size:.9rem;margin:1rem 0}
.legend dd{margin:0}
article{border:1px solid var(--line);border-radius:6px;padding:.9rem 1.1rem;margin:0 0 1rem}
article.erratum{border-left:5px solid #D55E00}
article.cond{border-left:5px solid #E69F00}
article.claim.v-refuted{border-left:5px solid #D55E00}
article.claim.v-conditional{border-left:5px solid #E69F00}
article.claim.v-approximate{border-left:5px solid #56B4E9}
article.claim.v-inconclusive{border-left:5px dashed #888}
.where{margin:0 0 .5rem;color:var(--muted);font-size:.85rem}
.math{overflow-x:auto;overflow-y:hidden;padding:.3rem 0 .45rem;font-size:1.12rem;max-width:100%}
.math math{math-style:normal}
.stmt math{padding:0 .2em}
.stmt math.mp{padding:0}
.row{display:grid;grid-template-columns:9rem minmax(0,1fr);gap:1rem;align-items:start;
margin:.5rem 0}
.row>*{min-width:0}
.row p{margin:.2rem 0}
.lbl{font:600 .8rem/1.9 var(--sans);
text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.summary{margin:.3rem 0}
.meta{color:var(--muted);font-size:.85rem;margin:.3rem 0}
.mismatch{color:#fff;background:#000;padding:0 .4rem;border-radius:3px;font-size:.8rem}
details{margin:.4rem 0}
summary{cursor:pointer;color:var(--muted);font-size:.9rem}
table.kv{font-size:.85rem;margin:.3rem 0;width:auto}
table.kv th{text-align:left;font-weight:600;padding:.15rem 1rem .15rem 0;vertical-align:top;
font-family:var(--mono);font-size:.8rem;color:#333;min-width:6rem}
table.kv td{padding:.15rem 0;min-width:8rem}
table.kv td code{white-space:normal}
.none{color:var(--muted);font-style:italic}
figure.fig{margin:1rem 0 2rem}
.svgbox svg{width:100%;height:auto;display:block}
figcaption{font-size:.9rem;color:#333;margin-top:.4rem}
.warn{color:#D55E00}
footer{color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);margin-top:3rem;
padding-top:1rem;padding-bottom:2rem}
@media (max-width:40rem){
header,main,footer{padding:0 .75rem}
header{padding-top:1rem}
h1{font-size:1.6rem}
.row{grid-template-columns:minmax(0,1fr);gap:.1rem}
article{padding:.7rem .7rem}
.toc{padding:.5rem .9rem}
.overview th[scope=row]{min-width:7rem;max-width:9rem}
.math{font-size:1rem}
table.kv,table.kv tbody,table.kv tr{display:block}
table.kv tr{margin:0 0 .35rem}
table.kv th,table.kv td{display:block;min-width:0;padding:0}
table.kv th{overflow-wrap:anywhere}
}
@media print{
html{font-size:10.5pt}
header,main,footer{max-width:none;padding:0}
.toc{display:none}
a{color:inherit;text-decoration:none}
article,figure.fig,.overview tr{break-inside:avoid}
h2,h3,h4{break-after:avoid}
#claims{break-before:page}
#figures figure.fig{break-before:auto}
.scroll,.math{overflow:visible}
.math{font-size:1rem}
.row{grid-template-columns:minmax(0,1fr);gap:0}
.overview th[scope=row]{position:static;box-shadow:none;min-width:0}
.overview{font-size:8pt}
.overview th,.overview td{padding:.2rem .15rem}
.overview .badge{font-size:6.5pt;padding:0 .25rem;letter-spacing:0}
details::details-content{content-visibility:visible;display:contents}
summary{display:none}
.svgbox svg{max-height:16cm}
}
"""
)
