"""``summary.md``: the verdict counts per document, the errata and the conditional claims.

Statements stay LaTeX inside inline code spans (Markdown viewers differ on math),
so nothing in them is interpreted as Markdown or HTML.
"""

from __future__ import annotations

import re

from adaproof.reports.report.mathml import plain_text
from adaproof.reports.report.model import VERDICTS, Catalogue, source_title

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _code(text: str) -> str:
    """``text`` as one inline code span whatever backticks it contains."""
    text = _CONTROL.sub(" ", text)
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _plain(text: str) -> str:
    """Prose with Markdown/HTML metacharacters escaped and line breaks removed."""
    text = _CONTROL.sub(" ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", text)


def render(cat: Catalogue) -> str:
    if cat.document:
        lines = [f"# What holds in {', '.join(cat.sources())}", ""]
        lines.append(
            f"{len(cat.claims)} displayed formulas; {cat.counts()['refuted']} refuted, "
            f"{len(cat.not_checked())} not checked."
        )
    else:
        lines = ["# What holds in the sources", ""]
        lines.append(
            f"{len(cat.claims)} claims from {len(cat.sources())} documents; "
            f"{cat.counts()['refuted']} refuted, {len(cat.mismatches())} differ from the baseline."
        )
    lines += ["", "## Verdicts per document", ""]
    lines.append("| document | " + " | ".join(VERDICTS) + " | total |")
    lines.append("|---" * (len(VERDICTS) + 2) + "|")
    for s in cat.sources():
        counts = cat.counts(s)
        lines.append(
            f"| {_plain(source_title(s))} ({_code(s)}) | "
            + " | ".join(str(counts[v]) for v in VERDICTS)
            + f" | {len(cat.of_source(s))} |"
        )
    total = cat.counts()
    lines.append(
        "| **all** | " + " | ".join(str(total[v]) for v in VERDICTS) + f" | {len(cat.claims)} |"
    )
    if cat.mismatches():
        lines += ["", "## Verdicts that differ from the baseline", ""]
        for c in cat.mismatches():
            lines.append(f"- {_code(c.id)}: expected {_plain(c.expected)}, got {_plain(c.verdict)}")
    lines += ["", "## Errata", ""]
    by_id = cat.by_id
    for s in cat.sources():
        refuted = [c for c in cat.of_source(s) if c.verdict == "refuted"]
        lines += [f"### {_plain(source_title(s))}", ""]
        if not refuted:
            lines += ["No claim of this document was refuted.", ""]
            continue
        for c in refuted:
            fix = by_id.get(c.corrected_by) if c.corrected_by else None
            corrected = c.corrected or (fix.statement if fix else None)
            lines.append(f"- **{_plain(c.id)}** ({_plain(c.location)}): {_code(c.statement)}")
            if c.summary:
                lines.append(f"  - finding: {_plain(c.summary)}")
            if c.counterexample:
                pairs = ", ".join(f"{k} = {v}" for k, v in sorted(c.counterexample.items()))
                lines.append(f"  - counterexample: {_code(pairs)}")
            if corrected:
                lines.append(f"  - corrected: {_code(corrected)}")
            if fix is not None:
                lines.append(f"  - verification: {_plain(fix.id)} is {_plain(fix.verdict)}")
        lines.append("")
    lines += ["## Holds only if", ""]
    conditional = cat.conditional()
    if not conditional:
        lines += ["No claim holds only under a condition.", ""]
    for s in cat.sources():
        conds = cat.conditional(s)
        if not conds:
            continue
        lines += [f"### {_plain(source_title(s))}", ""]
        for c in conds:
            lines.append(f"- **{_plain(c.id)}** ({_plain(c.location)}): {_code(c.statement)}")
            if c.condition:
                lines.append(f"  - holds only if: {_code(c.condition)}")
            else:
                lines.append("  - holds only if: no condition recorded; see the evidence")
            if c.summary:
                lines.append(f"  - finding: {_plain(c.summary)}")
        lines.append("")
    if cat.figures:
        lines += ["## Figures", ""]
        for f in cat.figures:
            files = ", ".join(f"[{p.rsplit('.', 1)[-1]}]({p})" for p in f.files)
            lines.append(f"- {_plain(plain_text(f.title))} ({_code(f.name)}): {files}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
