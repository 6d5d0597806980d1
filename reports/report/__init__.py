"""The HTML report: verdicts per source document, errata, every claim, every figure.

Public API: :func:`build_report` (write a report directory atomically),
:func:`reports.report.mathml.math_html` (LaTeX to safe MathML) and
:func:`reports.report.svg.inline_svg` (a figure as sanitized inline SVG).
"""

from adaproof.reports.report.build import BuildResult, Progress, build_report

__all__ = ["BuildResult", "Progress", "build_report"]
