"""Lecture figures: each one a simulation (``numerics``) plus the closed form (``derivations``).

Every figure has a *data function* returning the arrays it plots (tested in
``tests/reports/test_figures.py``) and a *draw function* that only draws them.
The registry :data:`FIGURES` maps a name to its :class:`FigureSpec`; modules are
imported only when a figure is rendered, so listing the registry is cheap.

>>> from reports.figures import FIGURES
>>> FIGURES["var_m_hat"].title
'Variance of the bias-corrected first moment'

Python API::

    from adaproof.reports.figures import figure, render, render_all, figure_data
    fig = figure("var_m_hat")                      # a matplotlib Figure, backend untouched
    render("var_m_hat", "var.pdf", size="page")
    data = figure_data("tutorial_rosenbrock")      # the arrays behind the figure
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class FigureSpec:
    """A registered figure: what the report shows about it and where its code lives.

    ``title`` and ``description`` are text with LaTeX math between ``$`` signs (the
    report renders it as MathML); ``claims`` are catalogue ids the figure
    illustrates (the report links them);
    ``module`` is the topic module under :mod:`reports.figures` holding the data
    function ``<name>_data()`` and the draw function ``draw_<name>(fig, data)``.
    """

    name: str
    title: str
    description: str
    claims: tuple[str, ...]
    module: str

    def data(self) -> Any:
        """The arrays the figure plots (deterministic: fixed seeds)."""
        return getattr(_module(self.module), f"{self.name}_data")()

    def draw(self, fig: Any, data: Any) -> None:
        getattr(_module(self.module), f"draw_{self.name}")(fig, data)


def _module(name: str) -> Any:
    return importlib.import_module(f"adaproof.reports.figures.{name}")


def _spec(name: str, module: str, title: str, description: str, *claims: str) -> FigureSpec:
    return FigureSpec(name, title, description, tuple(claims), module)


_SPECS = [
    _spec(
        "tutorial_rosenbrock",
        "tutorial",
        "The tutorial's coding task: Adam and gradient descent on Rosenbrock",
        "Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e−8) and gradient descent on "
        "f(x, y) = (1−x)² + 10(y−x²)² from (−1.5, 2.5) for α ∈ {0.5, 0.1, 0.05, 0.01, 0.005}: "
        "paths on the contour plot and loss against iterations. Diverged runs end in a cross "
        "and say at which step they diverged.",
        "000-7a",
        "000-7b",
    ),
    _spec(
        "ema_weights",
        "ema",
        "EMA weights and their bias-corrected normalization",
        r"The weight $(1-\beta)\beta^{t-k}$ of $g_k$ in $m_t$ (measured by feeding unit "
        r"impulses through Adam's first moment) and, after dividing by $1-\beta^t$, weights "
        "that sum to one.",
        "002-10a",
        "002-10b",
        "002-9a",
        "000-2a",
        "000-2.fix",
    ),
    _spec(
        "ema_bias",
        "ema",
        "Expected first moment with and without bias correction",
        r"$E[m_t]/\mu = 1-\beta^t$ and $E[\hat m_t]/\mu = 1$ against $t$: Monte Carlo means "
        "(±2 SE) "
        "of Adam's moments on i.i.d. gradients, with the closed forms.",
        "002-10c",
        "004-6a",
        "004-6b",
        "002-9c",
        "kb-3",
    ),
    _spec(
        "constant_gradient_step",
        "steps",
        "Adam's step for a constant gradient, with and without bias correction",
        r"$|\Delta_t|/\alpha$ for a constant gradient at the usual defaults "
        "(β₁ = 0.9, β₂ = 0.999), "
        "simulated and in closed form, against t on a log axis; the limit is α, i.e. an "
        "effective learning rate α/|g|. Without bias correction the first steps are "
        r"$(1-\beta_1^t)/\sqrt{1-\beta_2^t}$ times the limit.",
        "000-3a",
        "000-4",
        "000-5a",
        "003-3b",
        "003-3b.fix",
        "003-3c",
        "003-7b",
        "003-7b.fix",
        "004-7e",
    ),
    _spec(
        "var_m_hat",
        "variance",
        "Variance of the bias-corrected first moment",
        r"$\operatorname{Var}(\hat m_t)/\sigma^2$ against $t$ for i.i.d. gradients: exact value, "
        "Monte Carlo (±2 SE), "
        "the formula printed in the lecture notes, the t → ∞ limit (1−β)/(1+β), the Taylor "
        "approximation 1−β and the stated bound 4(1−β) (for t past the half-life).",
        "002-11a",
        "002-11b",
        "002-11b.fix",
        "002-12a",
        "002-12b",
        "002-12b.fix",
        "002-12c",
        "002-12c.fix",
        "002-13a",
        "002-13c",
    ),
    _spec(
        "gradient_scale",
        "steps",
        "Step size against gradient scale",
        r"$|\Delta_t|$ after scaling every gradient by $c$, for Adam (ε = 1e−8) and momentum SGD: "
        "momentum's step grows like c; Adam's is flat until c|g| nears ε, then grows like c.",
        "001-3a",
        "001-4a",
        "001-4b",
        "001-5a",
        "001-5b",
    ),
    _spec(
        "sparse_feature",
        "sparse",
        "A rare informative feature",
        "The weight of a rarely active, informative feature in logistic regression over "
        "the steps, for SGD, momentum, AdaGrad, RMSprop and Adam, and the mean weight of the "
        "dense features (moving average over 100 steps).",
        "001-7c",
        "001-9a",
        "001-9b",
        "004-2a",
    ),
    _spec(
        "long_run_quadratic",
        "longrun",
        "The course page's long run: AdaGrad and RMSprop on x²",
        r"f(x) = x², x₀ = 10, η = 0.1, 1000 steps (RMSprop ρ = 0.9): $|x_t|$ and the effective "
        r"learning rate $-\Delta x_t/g_t$ measured from the runs.",
        "003-6b",
        "003-6b.fix",
        "003-6c",
        "003-6c.fix",
        "003-6d",
        "003-6e",
        "003-6e.fix",
        "003-1c",
        "003-1c.fix",
        "003-2b",
    ),
    _spec(
        "alternating_gradients",
        "steps",
        "Alternating gradients",
        r"Gradients +g, −g, +g, …: Adam's $\hat m_t/g$ and step $\Delta_t/\alpha$ against $t$, "
        "with their limits "
        "±(1−β₁)/(1+β₁).",
        "003-8a",
        "003-8b",
    ),
    _spec(
        "ema_half_life",
        "ema",
        "EMA half-life and window against β",
        "The half-life ln(1/2)/ln β and the window 1/(1−β), with the half-life measured from "
        "an impulse through the recursion.",
        "003-11a",
        "003-11b",
        "003-11c",
        "003-9a",
        "002-13b",
    ),
    _spec(
        "reddi_counterexample",
        "reddi",
        "Reddi et al.'s example: Adam against AMSGrad",
        r"$f_t(x) = Cx$ for $t \bmod 3 = 1$, else $-x$, on [−1, 1] (C = 3, β₁ = 0, "
        r"$\beta_2 = 1/(1+C^2)$, $\alpha_t = \alpha/\sqrt{t}$): Adam drifts to +1, AMSGrad reaches "
        r"the optimum −1; $x_t$ and the average regret $R_T/T$.",
        "002-15",
        "reddi-1",
        "reddi-2",
        "reddi-3",
    ),
    _spec(
        "worst_case_ratio",
        "worst_case",
        r"Worst-case $|\hat m_t|/\sqrt{\hat v_t}$",
        r"The supremum over gradient sequences of $|\hat m_t|/\sqrt{\hat v_t}$ against $t$, the "
        "bound of the "
        "Adam paper §2.1, a simulated sequence attaining it and random sequences below it.",
        "kb-2.1a",
        "kb-2.1b",
        "kb-2.1.fix",
        "001-6c",
        "001-6c.fix",
    ),
    _spec(
        "sum_to_integral",
        "integral",
        "The sum-to-integral step of AdaGrad's proof",
        r"$\sum_t g_t^2/\sqrt{\sum_{\tau\le t} g_\tau^2}$ against $S = \sum_t g_t^2$, with the "
        r"integral bound $2\sqrt{S}$ and the bound $\sqrt{2S}$ printed in the notes.",
        "002-7a",
        "002-7a.fix",
        "002-7b",
        "002-7b.fix",
        "duchi-lemma4",
    ),
    _spec(
        "precision",
        "precision",
        "Floating point: bias correction and ε",
        r"Relative error of $1-\beta^t$ computed naively and stably (−expm1(t·log1p(−d))) in "
        "float32 and float64 against d = 1−β, and what ε becomes in float16.",
        "003-13a",
        "003-13a.fix",
        "003-13b",
    ),
    _spec(
        "gradient_spike",
        "steps",
        "A gradient spike",
        "One gradient 100 times larger in a stream of unit gradients: the steps of Adam and "
        "of momentum SGD around it.",
        "001-8a",
        "001-8b",
        "001-8c",
    ),
]

#: name -> spec, in the order of the issue's list.
FIGURES: dict[str, FigureSpec] = {s.name: s for s in _SPECS}


def _lookup(name: str) -> FigureSpec:
    try:
        return FIGURES[name]
    except KeyError:
        raise KeyError(
            f"unknown figure {name!r}; known figures: {', '.join(sorted(FIGURES))}"
        ) from None


def figure_data(name: str) -> Any:
    """The arrays behind figure ``name``."""
    return _lookup(name).data()


def _draw(spec: FigureSpec, data: Any, size: str) -> Any:
    """A new Figure with ``spec`` drawn on it (no pyplot, the backend untouched).

    The layout is computed once, legends and notes are placed off the data, and the
    layout is then frozen: saving in any format, in any order, draws the same
    positions, so every file depends only on the figure (``render`` and ``render_all``
    write the same bytes).
    """
    from adaproof.reports.figures import style

    with style.figure(size) as fig:
        spec.draw(fig, data)
        style.finish(fig)
        fig.set_layout_engine("none")
    return fig


def _draw_and_save(spec: FigureSpec, data: Any, paths: list[Path], size: str) -> list[Path]:
    from adaproof.reports.figures import style

    fig = _draw(spec, data, size)
    return [style.save(fig, p, size) for p in paths]


def figure(name: str, *, size: str = "slide") -> Any:
    """Figure ``name`` drawn on a new :class:`matplotlib.figure.Figure`.

    The figure is not attached to pyplot and the Matplotlib backend is left as it
    is; show it in a notebook by evaluating it, or save it with ``fig.savefig``.

    >>> fig = figure("ema_half_life")
    >>> type(fig).__name__, len(fig.axes)
    ('Figure', 1)
    """
    from adaproof.reports.figures import style

    spec = _lookup(name)
    style.check_size(size)
    return _draw(spec, spec.data(), size)


def render(name: str, out: str | Path, *, size: str = "slide") -> Path:
    """Render figure ``name`` to ``out`` (format from the suffix: .svg, .pdf or .png)."""
    from adaproof.reports.figures import style

    spec = _lookup(name)
    style.check_size(size)
    out = Path(out)
    fmt = out.suffix.lstrip(".").lower()
    if fmt not in style.FORMATS:
        raise ValueError(f"figure format must be one of {list(style.FORMATS)}, got {out.suffix!r}")
    return _draw_and_save(spec, spec.data(), [out], size)[0]


def render_all(
    outdir: str | Path,
    formats: tuple[str, ...] = ("svg", "pdf", "png"),
    size: str = "slide",
    progress: Callable[[str], None] | None = None,
    names: tuple[str, ...] | None = None,
) -> dict[str, list[Path]]:
    """Render every registered figure (or those in ``names``) into ``outdir`` as ``NAME.FMT``.

    Each file is byte for byte what :func:`render` writes for that name, format and size.
    """
    from adaproof.reports.figures import style

    style.check_size(size)
    bad = [f for f in formats if f not in style.FORMATS]
    if bad:
        raise ValueError(f"figure formats must be among {list(style.FORMATS)}, got {bad}")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    specs = list(FIGURES.values()) if names is None else [_lookup(n) for n in names]
    written: dict[str, list[Path]] = {}
    for i, spec in enumerate(specs, 1):
        if progress is not None:
            progress(f"figure {i}/{len(specs)}: {spec.name}")
        paths = [outdir / f"{spec.name}.{fmt}" for fmt in formats]
        written[spec.name] = _draw_and_save(spec, spec.data(), paths, size)
    return written


__all__ = ["FIGURES", "FigureSpec", "figure", "figure_data", "render", "render_all"]
