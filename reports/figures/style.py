"""The look of every lecture figure, and deterministic saving.

Colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"),
distinguishable with the common colour-vision deficiencies; lines also differ by
marker or dash where two curves could be confused in grey. Labels use
matplotlib's mathtext (no LaTeX installation needed).

Determinism (REFERENCE.md, "Figures and report"): ``svg.hashsalt`` is fixed,
fonts are written as paths (SVG) or embedded TrueType (PDF, ``pdf.fonttype`` 42),
and the date / software stamps are removed from the metadata of every format, so
two renders in two processes are byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # figures are files; never open a window

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

#: Okabe–Ito colours by name.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
#: Cycle order: the most distinct colours first; yellow (poor on white) last.
CYCLE: tuple[str, ...] = tuple(
    OKABE_ITO[n] for n in ("blue", "vermillion", "green", "orange", "purple", "sky", "black")
)
BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY, BLACK = CYCLE
GREY = "#777777"

#: Figure sizes in inches and base font sizes: a 16:9 slide, a page column.
SIZES: dict[str, dict[str, Any]] = {
    "slide": {"figsize": (10.0, 5.6), "font": 13.0, "dpi": 150},
    "page": {"figsize": (6.5, 4.0), "font": 8.5, "dpi": 200},
}

#: Metadata keys that would otherwise carry dates or version stamps.
METADATA: dict[str, dict[str, None]] = {
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    "png": {"Software": None},
}
FORMATS: tuple[str, ...] = ("svg", "pdf", "png")


def check_size(size: str) -> None:
    """Reject an unknown size with a sentence naming the valid ones."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {sorted(SIZES)}, got {size!r}")


def rc(size: str) -> dict[str, Any]:
    """rcParams for ``size`` ("slide" or "page")."""
    check_size(size)
    font = SIZES[size]["font"]
    return {
        "svg.hashsalt": "adaproof",
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
        "path.simplify": True,
        "font.family": "DejaVu Sans",
        "mathtext.fontset": "dejavusans",
        "font.size": font,
        "axes.titlesize": font,
        "axes.labelsize": font,
        "legend.fontsize": font * 0.8,
        "xtick.labelsize": font * 0.85,
        "ytick.labelsize": font * 0.85,
        "figure.titlesize": font * 1.1,
        "axes.prop_cycle": matplotlib.cycler(color=list(CYCLE)),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": "#dddddd",
        "grid.linewidth": 0.6,
        "lines.linewidth": 1.8,
        "lines.markersize": 5.0,
        "legend.frameon": False,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "image.cmap": "cividis",
    }


@contextmanager
def figure(size: str = "slide") -> Iterator[Figure]:
    """A new figure of the given size under the package style; closed on exit."""
    with matplotlib.rc_context(rc(size)):
        fig = plt.figure(figsize=SIZES[size]["figsize"], layout="constrained")
        try:
            yield fig
        finally:
            plt.close(fig)


def save(fig: Figure, path: Path, size: str = "slide") -> Path:
    """Write ``fig`` to ``path`` in the format its suffix names, without stamps."""
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise ValueError(f"figure format must be one of {list(FORMATS)}, got {path.suffix!r}")
    with matplotlib.rc_context(rc(size)):
        fig.savefig(path, format=fmt, metadata=METADATA[fmt], dpi=SIZES[size]["dpi"])
    return path


def note(ax: Any, text: str, *, loc: str = "upper right", **kw: Any) -> None:
    """A small boxed note inside an axes (used for 'clipped', 'diverged', sources)."""
    x, ha = (0.98, "right") if "right" in loc else (0.02, "left")
    y, va = (0.97, "top") if "upper" in loc else (0.03, "bottom")
    ax.text(
        x,
        y,
        text,
        transform=ax.transAxes,
        ha=ha,
        va=va,
        fontsize=plt.rcParams["legend.fontsize"],
        bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#bbbbbb", "alpha": 0.9},
        **kw,
    )
