"""The look of every lecture figure, and deterministic saving.

Colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"),
distinguishable with the common colour-vision deficiencies; lines also differ by
marker or dash where two curves could be confused in grey. Labels use
matplotlib's mathtext (no LaTeX installation needed).

Determinism: ``svg.hashsalt`` is fixed,
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
from matplotlib.backends.backend_agg import FigureCanvasAgg
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
    """A new figure of the given size under the package style.

    The figure is a plain :class:`~matplotlib.figure.Figure` on an Agg canvas,
    made without pyplot: nothing is registered with pyplot's figure manager and
    the process's Matplotlib backend is never read or changed.
    """
    with matplotlib.rc_context(rc(size)):
        # laid out at the dpi of the PNG, so pixel clearances hold in the file
        fig = Figure(figsize=SIZES[size]["figsize"], dpi=SIZES[size]["dpi"], layout="constrained")
        FigureCanvasAgg(fig)
        yield fig


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
    """A small boxed note inside an axes (used for 'clipped', 'diverged', sources).

    ``loc`` is the preferred place; :func:`finish` moves the note if it would cover data.
    """
    x, ha = (0.98, "right") if "right" in loc else (0.02, "left")
    y, va = (0.97, "top") if "upper" in loc else (0.03, "bottom")
    ax.text(
        x,
        y,
        text,
        transform=ax.transAxes,
        ha=ha,
        va=va,
        fontsize=matplotlib.rcParams["legend.fontsize"],
        bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#bbbbbb", "alpha": 0.9},
        **kw,
    )
    ax.texts[-1].adaproof_note = True  # lets finish() find it


# -- keeping legends and notes off the data ---------------------------------------

#: Where a legend or note may go inside an axes, in order of preference after its own.
PLACES: tuple[str, ...] = (
    "upper right",
    "upper left",
    "lower right",
    "lower left",
    "center right",
    "center left",
    "upper center",
    "lower center",
)
_NOTE_XY = {"left": (0.02, "left"), "center": (0.5, "center"), "right": (0.98, "right")}
_NOTE_Y = {"upper": (0.97, "top"), "center": (0.5, "center"), "lower": (0.03, "bottom")}
#: Clearance kept around a box, in pixels at the figure's dpi.
CLEARANCE = 3.0


def _densify(xy: Any, step: float = 2.0) -> Any:
    """Points along a polyline at most ``step`` pixels apart (the segments are data too)."""
    import numpy as np

    if len(xy) < 2:
        return xy
    seg = np.diff(xy, axis=0)
    n = np.maximum(np.ceil(np.hypot(seg[:, 0], seg[:, 1]) / step).astype(int), 1)
    parts = [xy[i] + seg[i] * (np.arange(n[i])[:, None] / n[i]) for i in range(len(seg))]
    return np.concatenate([*parts, xy[-1:]])


def data_points(ax: Any) -> Any:
    """Display coordinates of what ``ax`` plots: line vertices (and segments), markers, bands."""
    import numpy as np
    from matplotlib.collections import LineCollection, PathCollection
    from matplotlib.contour import ContourSet

    pts = [np.zeros((0, 2))]
    for line in ax.get_lines():
        if not line.get_visible():
            continue
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), float))
        finite = np.isfinite(xy).all(axis=1)
        if line.get_linestyle() in ("None", "none", "", " "):
            pts.append(xy[finite])
            continue
        for run in np.split(xy, np.flatnonzero(~finite)):
            run = run[np.isfinite(run).all(axis=1)]
            pts.append(_densify(run))
    for coll in ax.collections:
        if isinstance(coll, ContourSet) or not coll.get_visible():
            continue
        offsets = np.asarray(coll.get_offsets(), float)
        if isinstance(coll, PathCollection) and len(offsets):
            pts.append(coll.get_offset_transform().transform(offsets))
            continue
        transform = coll.get_transform()
        for path in coll.get_paths():
            xy = transform.transform(path.vertices)
            xy = xy[np.isfinite(xy).all(axis=1)]
            pts.append(_densify(xy) if isinstance(coll, LineCollection) else xy)
    p = np.concatenate(pts)
    p = p[np.isfinite(p).all(axis=1)]
    bb = ax.bbox
    return p[(p[:, 0] >= bb.x0) & (p[:, 0] <= bb.x1) & (p[:, 1] >= bb.y0) & (p[:, 1] <= bb.y1)]


def _hits(bbox: Any, points: Any, taken: list[Any]) -> int:
    x0, y0 = bbox.x0 - CLEARANCE, bbox.y0 - CLEARANCE
    x1, y1 = bbox.x1 + CLEARANCE, bbox.y1 + CLEARANCE
    inside = (points[:, 0] > x0) & (points[:, 0] < x1) & (points[:, 1] > y0) & (points[:, 1] < y1)
    return int(inside.sum()) + sum(1 for b in taken if bbox.overlaps(b))


def _note_extent(text: Any, renderer: Any) -> Any:
    pad = text.get_bbox_patch().get_boxstyle().pad * text.get_fontsize() * text.figure.dpi / 72
    return text.get_window_extent(renderer).padded(pad + 1)


def _set_note(text: Any, place: str) -> None:
    vert, _, horiz = place.partition(" ")
    x, ha = _NOTE_XY[horiz]
    y, va = _NOTE_Y[vert]
    text.set_position((x, y))
    text.set_ha(ha)
    text.set_va(va)


#: Anchor points (axes fraction) tried, top rows first, when no place of PLACES is free.
GRID: tuple[tuple[float, float], ...] = tuple(
    (x, y) for y in (0.85, 0.7, 0.55, 0.4, 0.25, 0.15) for x in (0.5, 0.3, 0.7, 0.15, 0.85)
)


def _inside(extent: Any, ax: Any) -> bool:
    bb = ax.bbox
    return extent.x0 >= bb.x0 and extent.x1 <= bb.x1 and extent.y0 >= bb.y0 and extent.y1 <= bb.y1


def _place_legend(legend: Any, ax: Any, points: Any, taken: list[Any], renderer: Any) -> Any:
    """Move ``legend`` to a free place in ``ax``, else to the least covered one; its extent."""
    extent = legend.get_window_extent(renderer)
    if not _hits(extent, points, taken):
        return extent
    best = (_hits(extent, points, taken), legend._loc, legend.get_bbox_to_anchor())
    anchor = legend.get_bbox_to_anchor()
    moves = [(place, anchor) for place in PLACES]
    moves += [("center", (*xy, 0, 0)) for xy in GRID]
    for place, bbox in moves:
        legend.set_loc(place)
        legend.set_bbox_to_anchor(bbox, transform=None if bbox is anchor else ax.transAxes)
        extent = legend.get_window_extent(renderer)
        if not _inside(extent, ax):
            continue
        hits = _hits(extent, points, taken)
        if not hits:
            return extent
        if hits < best[0]:
            best = (hits, place, bbox)
    legend.set_loc(best[1])
    legend.set_bbox_to_anchor(best[2], transform=None if best[2] is anchor else ax.transAxes)
    return legend.get_window_extent(renderer)


def _place_note(text: Any, ax: Any, points: Any, taken: list[Any], renderer: Any) -> Any:
    """Move ``text`` to a free place in ``ax``, else to the least covered one; its extent."""
    extent = _note_extent(text, renderer)
    if not _hits(extent, points, taken):
        return extent

    def state() -> tuple:
        return (text.get_position(), text.get_ha(), text.get_va())

    best = (_hits(extent, points, taken), state())
    moves = [(p, None) for p in PLACES] + [(None, xy) for xy in GRID]
    for place, xy in moves:
        if place is not None:
            _set_note(text, place)
        else:
            text.set_position(xy)
            text.set_ha("center")
            text.set_va("center")
        extent = _note_extent(text, renderer)
        if not _inside(extent, ax):
            continue
        hits = _hits(extent, points, taken)
        if not hits:
            return extent
        if hits < best[0]:
            best = (hits, state())
    position, ha, va = best[1]
    text.set_position(position)
    text.set_ha(ha)
    text.set_va(va)
    return _note_extent(text, renderer)


def finish(fig: Any) -> None:
    """Move every legend and note of ``fig`` to a place where it covers no data.

    A legend or a note (:func:`note`) stays where the figure put it if no plotted
    point or line segment lies under it; otherwise the first free place of
    :data:`PLACES`, then of :data:`GRID`, inside its axes is taken. If there is
    none, the least covered place is kept (and the figure's overlap test fails: such
    a figure needs its legend outside, which only the figure can lay out well).
    Placement is measured after the layout, twice, so it depends on the data only.
    """
    for _ in range(2):
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        moved = False
        for ax in fig.axes:
            points = data_points(ax)
            taken: list[Any] = []
            legend = ax.get_legend()
            if legend is not None and legend.get_bbox_to_anchor() is ax.bbox:
                before = legend.get_window_extent(renderer).bounds
                extent = _place_legend(legend, ax, points, taken, renderer)
                moved |= extent.bounds != before
                taken.append(extent)
            for text in ax.texts:
                if getattr(text, "adaproof_note", False):
                    before = _note_extent(text, renderer).bounds
                    extent = _place_note(text, ax, points, taken, renderer)
                    moved |= extent.bounds != before
                    taken.append(extent)
        if not moved:
            break
