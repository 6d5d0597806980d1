"""Build the report directory: index.html, results.json, summary.md, figures/.

The claims come from :func:`reports.runner.run_catalogue` and the figures from
:func:`reports.figures.render_all`; both can be replaced (tests pass small
fakes). Every file written is a deterministic function of those inputs: claims
and figures are sorted, JSON keys sorted, per-claim timings left out, so two
builds are byte-identical.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from adaproof.reports.jsonio import VERSION
from adaproof.reports.parallel import stop_pool
from adaproof.reports.report import html, summary
from adaproof.reports.report.model import NONDETERMINISTIC_KEYS, Catalogue, FigureView
from adaproof.reports.report.output import atomic_directory

#: Formats every figure is written in.
FORMATS = ("svg", "pdf", "png")


class Progress:
    """One line per stage on a stream (stderr by default); silent when ``stream`` is None."""

    def __init__(self, stream: TextIO | None = sys.stderr) -> None:
        self.stream = stream
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        if self.stream is not None:
            elapsed = time.perf_counter() - self.start
            self.stream.write(f"report [{elapsed:6.1f} s] {message}\n")
            self.stream.flush()


@dataclass(frozen=True)
class BuildResult:
    index: Path
    claims: int
    figures: int
    mismatches: tuple[str, ...]
    seconds: float


def run_claims(progress: bool, executor: Any = None) -> Any:
    """The real catalogue: run every claim (on ``executor`` when given, see
    :mod:`adaproof.reports.parallel`) and return the runner's JSON."""
    from adaproof.reports.runner import run_catalogue, to_json

    return to_json(run_catalogue(progress=progress, executor=executor))


def render_figures(outdir: Path, progress: Callable[[str], None] | None) -> list[FigureView]:
    """The real figure registry, rendered into ``outdir`` in every format."""
    from adaproof.reports.figures import FIGURES, render_all

    written = render_all(outdir, formats=FORMATS, size="slide", progress=progress)
    return views_from_registry(FIGURES, written, outdir)


#: The default figure source; only it is rendered in a second process.
_REGISTRY_FIGURES = render_figures


def _render_all_into(outdir: str) -> dict[str, list[str]]:
    """Worker: every figure of the registry into ``outdir`` (paths as strings)."""
    from adaproof.reports.figures import render_all

    written = render_all(Path(outdir), formats=FORMATS, size="slide")
    return {name: [str(p) for p in paths] for name, paths in written.items()}


def views_from_registry(
    registry: dict[str, Any], written: dict[str, list[Path]], outdir: Path
) -> list[FigureView]:
    """Pair each registry entry with the files written for it (paths relative to the report)."""
    views = []
    for name, spec in registry.items():
        paths = [Path(p) for p in written.get(name, [])]
        missing = {fmt for fmt in FORMATS} - {p.suffix.lstrip(".") for p in paths}
        if missing:
            raise RuntimeError(f"figure {name!r} was not written as {sorted(missing)}")
        svg = next(p for p in paths if p.suffix == ".svg")
        views.append(
            FigureView(
                name=str(name),
                title=str(getattr(spec, "title", name)),
                description=str(getattr(spec, "description", "") or ""),
                claims=tuple(str(c) for c in getattr(spec, "claims", ()) or ()),
                svg=svg.read_text(encoding="utf-8"),
                files=tuple(
                    sorted(
                        (outdir.name + "/" + p.resolve().relative_to(outdir.resolve()).as_posix())
                        for p in paths
                    )
                ),
            )
        )
    return views


def results_json(cat: Catalogue) -> str:
    """results.json: the catalogue's (or document's) results under the envelope
    ``{"schema": "adaproof/results", "version": 1}`` (JSON Schema ``schemas/results.json``)."""
    data = cat.to_json()
    for claim in data["claims"]:
        for key in NONDETERMINISTIC_KEYS:
            claim.pop(key, None)
    data = {"schema": "adaproof/results", "version": VERSION, **data}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def build_report(
    out: Path,
    *,
    claims: Callable[[bool], Any] | None = None,
    figures: Callable[[Path, Callable[[str], None] | None], list[FigureView]] | None = None,
    progress: Progress | None = None,
    executor: Any = None,
) -> BuildResult:
    """Run the catalogue, render the figures and write the report to ``out`` atomically.

    ``claims(progress: bool)`` returns the runner's JSON (default :func:`run_claims`);
    ``figures(outdir, progress)`` renders into ``outdir`` and returns the views
    (default :func:`render_figures`). The registry's figures are rendered in a
    second process while the catalogue runs in this one (the two stages take about
    as long each; a file does not depend on the process that wrote it).
    """
    if claims is None:
        claims = functools.partial(run_claims, executor=executor)
    figures = figures or render_figures
    progress = progress or Progress(None)
    start = time.perf_counter()
    with atomic_directory(Path(out)) as tmp:
        figdir = tmp / "figures"
        figdir.mkdir()
        if figures is _REGISTRY_FIGURES:
            from adaproof.reports.figures import FIGURES

            context = multiprocessing.get_context("spawn")
            pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            try:
                progress("rendering figures (SVG, PDF, PNG) in a second process")
                pending = pool.submit(_render_all_into, str(figdir))
                progress("running the claims catalogue")
                rows = claims(progress.stream is not None)
                progress("waiting for the figures")
                written = {k: [Path(p) for p in v] for k, v in pending.result().items()}
            except BaseException:
                stop_pool(pool)  # Ctrl-C, SIGTERM or an error: do not wait for the figures
                raise
            pool.shutdown(wait=True)
            views = views_from_registry(FIGURES, written, figdir)
        else:
            progress("running the claims catalogue")
            rows = claims(progress.stream is not None)
            progress("rendering figures (SVG, PDF, PNG)")
            views = figures(figdir, progress if progress.stream is not None else None)
        cat = Catalogue.build(rows, views)
        progress(f"writing index.html ({len(cat.claims)} claims, {len(cat.figures)} figures)")
        _write(tmp / "index.html", html.render(cat))
        _write(tmp / "results.json", results_json(cat))
        _write(tmp / "summary.md", summary.render(cat))
        progress("replacing the report directory")
    index = Path(out).resolve() / "index.html"
    return BuildResult(
        index=index,
        claims=len(cat.claims),
        figures=len(cat.figures),
        mismatches=tuple(c.id for c in cat.mismatches()),
        seconds=time.perf_counter() - start,
    )
