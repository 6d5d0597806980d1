r"""Check a user's own notes: every displayed relation of a Markdown or LaTeX document.

>>> from adaproof.reports.documents import check_text
>>> notes = "$$m_t = \\beta m_{t-1} + (1-\\beta) g_t$$\n$$m_1 = (1-\\beta) g_1$$\n"
>>> result = check_text(notes, "n.md")
>>> [(e.line, e.role, e.verdict) for e in result.entries]
[(1, 'definition', 'defined'), (2, 'claim', 'true')]
>>> result.exit_code
0
"""

from __future__ import annotations

from adaproof.reports.documents.engine import Entry, check
from adaproof.reports.documents.reader import DocumentError, read_path, read_text
from adaproof.reports.documents.result import DocumentResult, check_path, check_text

__all__ = [
    "DocumentError",
    "DocumentResult",
    "Entry",
    "check",
    "check_path",
    "check_text",
    "read_path",
    "read_text",
]
