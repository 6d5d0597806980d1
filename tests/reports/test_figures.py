"""Lecture figures, tested on their data (the arrays they plot), plus rendering and determinism.

Each data function runs the real recursion (numerics) and returns the closed form
(derivations) next to it; the assertions below check what the figure claims to
show: which runs diverge and where paths end, that Monte Carlo points cover the
exact curve, where the printed formulas differ, and the limits.
"""

from __future__ import annotations

import itertools
import math
import os
import subprocess
import sys
from functools import cache

import numpy as np
import pytest
import sympy as sp
from adaproof.reports.figures import FIGURES, figure_data, render, render_all
from adaproof.reports.figures.bridge import evaluate

#: Monte Carlo points must lie within this many standard errors of the exact value
#: (|z| > 4 has probability 6e-5 per point; ~50 points per figure)
Z = 4.0


@cache
def data(name: str):
    return figure_data(name)


# -- registry -------------------------------------------------------------------


def test_registry_lists_the_issues_figures():
    assert len(FIGURES) >= 15
    for name, spec in FIGURES.items():
        assert spec.name == name
        assert spec.title
        assert spec.description
        assert all(isinstance(c, str) for c in spec.claims)
        mod = __import__(f"adaproof.reports.figures.{spec.module}", fromlist=["x"])
        assert callable(getattr(mod, f"{name}_data"))
        assert callable(getattr(mod, f"draw_{name}"))


def test_figure_claims_exist_in_the_catalogue():
    from adaproof.reports.claims import all_claims

    ids = {c.id for c in all_claims()}
    for spec in FIGURES.values():
        assert spec.claims, spec.name
        assert set(spec.claims) <= ids, (spec.name, sorted(set(spec.claims) - ids))


def test_unknown_figure_and_bad_arguments(tmp_path):
    with pytest.raises(KeyError, match="unknown figure 'nope'"):
        figure_data("nope")
    with pytest.raises(ValueError, match="format must be one of"):
        render("precision", tmp_path / "x.jpg")
    with pytest.raises(ValueError, match="size must be one of"):
        render("precision", tmp_path / "x.svg", size="poster")
    with pytest.raises(ValueError, match="formats must be among"):
        render_all(tmp_path, formats=("svg", "gif"))


# -- bridge ---------------------------------------------------------------------


def test_bridge_broadcasts_and_keeps_the_shape_of_every_value():
    b, t = sp.symbols("b t", positive=True)
    got = evaluate(1 - b**t, {b: np.array([[0.5], [0.9]]), t: np.array([1, 2, 3])})
    assert got.shape == (2, 3)
    np.testing.assert_allclose(got, 1 - np.array([[0.5], [0.9]]) ** np.array([1, 2, 3]), rtol=1e-15)
    # a symbol simplified away still shapes the result
    assert evaluate(sp.Integer(2) + 0 * b, {b: np.ones(4), t: np.ones((3, 1))}).shape == (3, 4)
    assert evaluate(b, {b: 0.25}).shape == ()


def test_bridge_is_exact_on_integers_and_refuses_bad_input():
    t = sp.Symbol("t", integer=True, positive=True)
    # 0.9**t with t an exact integer: no float power error beyond the final rounding
    assert evaluate(sp.Float("0.9", 30) ** t, {t: 100}) == pytest.approx(0.9**100, rel=1e-14)
    with pytest.raises(ValueError, match="no value given for t"):
        evaluate(t + 1, {})
    with pytest.raises(TypeError, match="SymPy symbols"):
        evaluate(t, {"t": 1})
    with pytest.raises(TypeError, match="SymPy expression"):
        evaluate("t + 1", {t: 1})
    # a complex value is not a real curve: NaN, never a silently dropped imaginary part
    assert np.isnan(evaluate(sp.sqrt(t - 5), {t: 1}))


# -- 1: the tutorial's Rosenbrock task --------------------------------------------


def test_tutorial_gradient_descent_diverges_for_the_three_largest_rates():
    d = data("tutorial_rosenbrock")
    np.testing.assert_array_equal(d["alphas"], [0.5, 0.1, 0.05, 0.01, 0.005])
    gd = d["gd"]
    assert gd["diverged"].tolist() == [True, True, True, False, False]
    assert (gd["diverged_at"][:3] >= 1).all()
    assert (gd["diverged_at"][:3] <= 50).all()
    assert (gd["diverged_at"][3:] == -1).all()
    # the converging rates end at the minimum (1, 1), the slower one not quite yet
    np.testing.assert_allclose(gd["final"][3], [1.0, 1.0], atol=1e-5)
    np.testing.assert_allclose(gd["final"][4], [1.0, 1.0], atol=5e-3)
    # diverged runs are frozen at a finite point, never NaN
    assert np.isfinite(gd["path"]).all()


def test_tutorial_adam_converges_for_every_rate():
    d = data("tutorial_rosenbrock")
    adam = d["adam"]
    assert not adam["diverged"].any()
    np.testing.assert_allclose(adam["final"], np.ones((5, 2)), atol=1e-3)
    assert (adam["final_loss"] < 1e-6).all()
    # every path starts at the tutorial's point
    for key in ("gd", "adam"):
        np.testing.assert_array_equal(d[key]["path"][0], np.tile([-1.5, 2.5], (5, 1)))


# -- 2, 3, 10: EMA -----------------------------------------------------------------


def test_ema_weights_measured_equal_closed_form_and_normalize():
    d = data("ema_weights")
    np.testing.assert_allclose(d["weights"], d["weights_exact"], rtol=1e-13, atol=0)
    np.testing.assert_allclose(d["normalized"], d["normalized_exact"], rtol=1e-13, atol=0)
    np.testing.assert_allclose(d["normalized"].sum(axis=1), 1.0, rtol=1e-13)
    np.testing.assert_allclose(d["sums"], 1 - d["betas"] ** d["t"], rtol=1e-13)


def test_ema_bias_monte_carlo_covers_exact_means():
    d = data("ema_bias")
    assert np.all(np.abs(d["m"] - d["m_exact"]) <= Z * d["m_se"])
    assert np.all(np.abs(d["m_hat"] - 1.0) <= Z * d["m_hat_se"])
    # the raw mean starts at 1 - beta, far below mu: the bias the figure shows
    np.testing.assert_allclose(d["m_exact"][:, 0], 1 - d["betas"], rtol=1e-14)


def test_half_life_measured_is_the_ceiling_of_the_closed_form():
    d = data("ema_half_life")
    exact = np.log(0.5) / np.log(d["betas"])
    np.testing.assert_array_equal(d["measured"], np.ceil(exact - 1e-12))
    # the course page's quoted values
    at = {b: np.log(0.5) / np.log(b) for b in (0.9, 0.99)}
    assert round(at[0.9], 1) == d["quoted"][0.9] == 6.6
    assert round(at[0.99]) == d["quoted"][0.99] == 69
    np.testing.assert_allclose(d["window"], 1 / (1 - d["grid"]), rtol=1e-12)


# -- 4, 6, 9, 15: steps ------------------------------------------------------------


def test_constant_gradient_step_simulation_matches_closed_form():
    d = data("constant_gradient_step")
    idx = d["t_exact"] - 1
    for key in ("with", "without"):
        # float rounding of a few thousand recursion steps: 1e-10 relative
        np.testing.assert_allclose(d[f"{key}_sim"][idx], d[f"{key}_exact"], rtol=1e-10)
    # without bias correction: first step (1 - b1)/sqrt(1 - b2) = 3.16 times the limit
    assert d["without_sim"][0] == pytest.approx(0.1 / math.sqrt(0.001), rel=1e-6)
    # both tend to alpha |g|/(|g| + eps), i.e. effective learning rate alpha/|g|
    assert d["with_limit"] == pytest.approx(d["without_limit"], rel=1e-15)
    assert d["with_limit"] == pytest.approx(0.5 / (0.5 + 1e-8), rel=1e-15)
    assert 3000 < d["within_1pct_from"] < 5000
    np.testing.assert_allclose(d["with_sim"], d["with_limit"], rtol=1e-12)


def test_gradient_scale_momentum_linear_adam_flat_above_eps():
    d = data("gradient_scale")
    c = d["c"]
    np.testing.assert_allclose(d["momentum"] / c, d["momentum"][0] / c[0], rtol=1e-10)
    big = c >= 1e-4
    np.testing.assert_allclose(d["adam"][big], d["adam"][big][-1], rtol=1e-3)
    np.testing.assert_allclose(d["adam_eps0"], d["adam_eps0"][-1], rtol=1e-10)
    small = c <= 1e-12
    # far below eps Adam's step is proportional to c again
    assert d["adam"][small][0] < 1e-3 * d["adam"][-1]


def test_alternating_gradients_limits():
    d = data("alternating_gradients")
    lim = d["limit"]
    assert lim == pytest.approx(0.1 / 1.9, rel=1e-14)
    tail = slice(-10, None)
    np.testing.assert_allclose(np.abs(d["m_hat"][tail]), lim, rtol=1e-3)
    np.testing.assert_allclose(np.abs(d["step"][tail]), lim, rtol=1e-2)
    # signs alternate with the gradient
    assert np.all(np.sign(d["m_hat"][tail][::2]) == -np.sign(d["m_hat"][tail][1::2]))
    assert d["m_hat"][0] == pytest.approx(1.0, rel=1e-12)


def test_gradient_spike_momentum_jumps_more_than_adam():
    d = data("gradient_spike")
    for key in ("late", "early"):
        i = d["at"][key] - 1
        assert d[f"momentum_{key}"][i] > 10
        assert d[f"adam_{key}"][i] < d[f"momentum_{key}"][i] / 3
    # after the spike Adam's steps stay below their earlier size for hundreds of steps
    i = d["at"]["late"] - 1
    assert np.all(d["adam_late"][i + 40 : i + 500] < 0.5)
    assert np.all(np.abs(d["momentum_late"][i + 200 : i + 500] - 1) < 1e-6)


# -- 5: Var(m_hat_t) ---------------------------------------------------------------


def test_var_m_hat_monte_carlo_covers_the_exact_curve():
    d = data("var_m_hat")
    assert d["B"] >= 100_000
    assert np.all(np.abs(d["mc"] - d["exact"]) <= Z * d["mc_se"])
    assert d["exact"][0] == pytest.approx(1.0, rel=1e-14)


def test_var_m_hat_notes_formula_differs_at_t1_and_limits():
    d = data("var_m_hat")
    beta = d["beta"]
    # the printed formula gives 1/(1 - beta^2) at t = 1 (not 1), and Monte Carlo rejects it
    assert d["notes"][0] == pytest.approx(1 / (1 - beta**2), rel=1e-14)
    assert abs(d["mc"][0] - d["notes"][0]) > 20 * d["mc_se"][0]
    assert d["limit"] == pytest.approx((1 - beta) / (1 + beta), rel=1e-14)
    assert d["exact"][-1] == pytest.approx(d["limit"], rel=1e-2)
    assert d["taylor"] == pytest.approx(1 - beta, rel=1e-14)
    assert d["bound"] == pytest.approx(4 * (1 - beta), rel=1e-14)
    past = d["t"] >= d["half_life"]
    assert np.all(d["exact"][past] <= d["bound"])


# -- 7, 8: sparse feature and the long run -------------------------------------------


def test_sparse_feature_adaptive_methods_move_the_rare_weight_further():
    d = data("sparse_feature")
    runs = d["runs"]
    assert set(runs) == {"sgd", "momentum", "adagrad", "rmsprop", "adam"}
    assert not any(r["diverged"] for r in runs.values())
    assert 0 < d["rare_active_fraction"] < 0.5
    assert runs["adam"]["rare"][-1] > 3 * runs["sgd"]["rare"][-1] > 0
    assert runs["rmsprop"]["rare"][-1] > runs["adam"]["rare"][-1]


def test_long_run_adagrad_slows_rmsprop_reaches_a_two_cycle():
    d = data("long_run_quadratic")
    ada, rms = d["adagrad"], d["rmsprop"]
    assert ada["x"][0] == rms["x"][0] == 10.0
    assert 4.0 < ada["x"][-1] < 5.0  # still far from 0 after 1000 steps
    # measured effective rate equals eta/sqrt(sum g^2 + eps) along the run (eps = 1e-8 inside
    # the root, as the course page runs it)
    g = 2 * ada["x"][:-1]
    np.testing.assert_allclose(ada["lr_eff"], 0.1 / np.sqrt(np.cumsum(g * g) + 1e-8), rtol=1e-10)
    assert ada["lr_eff"][-1] == pytest.approx(2.46e-4, rel=0.01)
    # RMSprop ends in the 2-cycle x -> -x: 0.1 * 2x / sqrt(4x^2 + eps) = 2x, so
    # |x| = sqrt(0.01 - eps) / 2
    np.testing.assert_allclose(np.abs(rms["x"][-20:]), math.sqrt(0.01 - 1e-8) / 2, rtol=1e-9)
    assert abs(abs(rms["x"][-1]) - 0.05) > 1e-8  # eps moves the cycle: the test sees it
    assert not ada["diverged"]
    assert not rms["diverged"]


# -- 11, 12, 13, 14 -------------------------------------------------------------------


def test_reddi_adam_goes_to_plus_one_amsgrad_to_the_optimum():
    d = data("reddi_counterexample")
    assert d["adam"]["final"] == pytest.approx(1.0, abs=1e-9)
    assert d["amsgrad"]["final"] < -0.99
    assert d["adam"]["avg_regret"][-1] == pytest.approx(d["adam_regret_rate"], rel=0.03)
    assert d["amsgrad"]["avg_regret"][-1] < 0.05
    assert np.all(np.abs(d["adam"]["x"]) <= 1)
    assert np.all(np.abs(d["amsgrad"]["x"]) <= 1)


def test_worst_case_ratio_attained_and_above_the_papers_bound():
    d = data("worst_case_ratio")
    np.testing.assert_allclose(d["attained"], d["exact"], rtol=1e-10)
    for r in d["random_max"].values():
        assert np.all(r <= d["exact"] * (1 + 1e-12))
    assert d["paper_bound"] == pytest.approx(0.1 / math.sqrt(0.001), rel=1e-14)
    assert d["exact"][-1] > 2 * d["paper_bound"]  # the stated bound does not hold
    assert d["limit"] == pytest.approx(0.1 * math.sqrt(0.999 / (0.001 * (0.999 - 0.81))), rel=1e-12)
    # the paper's sparse case tends to its bound from below: sqrt(1 - b2^t)/(1 - b1^t) -> 1
    t = d["t"]
    np.testing.assert_allclose(
        d["sparse_case"], d["paper_bound"] * np.sqrt(1 - 0.999**t) / (1 - 0.9**t), rtol=1e-12
    )


def test_sum_to_integral_integral_bound_holds_printed_one_fails():
    d = data("sum_to_integral")
    S, s = d["S"], d["sum"]
    assert np.all(s <= d["integral_bound"] * (1 + 1e-12))
    assert np.all(s >= np.sqrt(S) * (1 - 1e-12))
    const = d["streams"].index("constant")
    assert np.any(s[const] > d["notes_bound"][const])
    one_large = d["streams"].index("one large, then small")
    assert np.all(s[one_large] <= d["notes_bound"][one_large])


def test_precision_naive_float32_loses_everything_stable_does_not():
    d = data("precision")
    err = d["errors"]
    tiny = d["d"] < 3e-8
    assert np.all(err["naive float32"][tiny] == 1.0)  # float32(1 - d) == 1, so 1 - beta^t = 0
    assert np.all(err["stable float64"] <= 4e-16)
    assert np.all(err["stable float32"] <= 1e-6)
    assert err["naive float64"].max() > 1e-5
    assert d["eps_1e8_float16"] == 0.0
    assert np.all(d["eps_float16"][d["eps"] < d["smallest_subnormal"] / 2] == 0.0)


# -- a figure and a claim of the same quantity run the same code --------------------------

#: (figure, claim, the function of reports.simulate both must call, whether they share the
#: very run (same arguments), claim-module caches to clear so that the claim runs again)
SHARED = [
    ("reddi_counterexample", "002-15", "reddi_game", True, ()),
    ("reddi_counterexample", "reddi-2", "reddi_game", True, ()),
    ("var_m_hat", "002-11b", "ema_moments", False, ()),
    ("ema_bias", "004-6b", "ema_moments", False, ()),
    ("ema_weights", "002-10a", "ema", False, ()),
    ("ema_half_life", "003-11a", "ema", False, ()),
    ("constant_gradient_step", "003-7b", "adam_updates", False, ()),
    ("alternating_gradients", "003-8a", "ema", False, ()),
    ("alternating_gradients", "003-8b", "adam_updates", False, ()),
    ("worst_case_ratio", "kb-2.1a", "adam_stream", False, ("papers.kingma_ba:_adam_worst",)),
    ("worst_case_ratio", "001-6c", "adam_attaining", False, ("seed_001.epsilon:_worst_case_run",)),
    ("tutorial_rosenbrock", "000-7b", "adam_descent", False, ("seed_000.rosenbrock:_adam_runs",)),
    # Example 2's runs: course_example2 is cached, so record the minimizer it calls
    ("long_run_quadratic", "003-6b", "_minimize_inside", True, ()),
]


def _record(monkeypatch, name):
    """Replace reports.simulate.<name> by a wrapper that records each call's arguments."""
    from adaproof.reports import simulate

    calls = []
    original = getattr(simulate, name)

    def recording(*args, **kwargs):
        calls.append((args, kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(simulate, name, recording)
    return calls


def _clear_caches(caches):
    """Clear the named caches and every functools cache of the claims modules and of
    reports.simulate, so that the claim runs again whatever ran before in this process."""
    import importlib
    import pkgutil

    import adaproof.reports.claims as claims_pkg
    from adaproof.reports import simulate

    modules = [simulate]
    for info in pkgutil.walk_packages(claims_pkg.__path__, claims_pkg.__name__ + "."):
        modules.append(importlib.import_module(info.name))
    for module in modules:
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    for where in caches:
        module, func = where.split(":")
        getattr(importlib.import_module(f"adaproof.reports.claims.{module}"), func).cache_clear()


def _same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(a, b)
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if callable(a):
        return True  # a gradient function: compared through the runs it gives
    return a == b


@pytest.mark.slow
@pytest.mark.parametrize(("fig", "cid", "func", "same_run", "caches"), SHARED)
def test_figure_and_claim_of_one_quantity_call_the_same_simulation(
    monkeypatch, fig, cid, func, same_run, caches
):
    from adaproof.reports.claims import get_claim

    assert cid in FIGURES[fig].claims
    _clear_caches(caches)
    calls = _record(monkeypatch, func)
    FIGURES[fig].data()
    by_figure = list(calls)
    calls.clear()
    _clear_caches(caches)
    get_claim(cid).check()
    by_claim = list(calls)
    assert by_figure, f"figure {fig} does not call reports.simulate.{func}"
    assert by_claim, f"claim {cid} does not call reports.simulate.{func}"
    if same_run:  # the figure draws a run the claim checks
        assert any(_same(f, c) for f in by_figure for c in by_claim), (fig, cid)


def test_the_figures_have_no_simulation_of_their_own():
    """reports.figures.sim is gone: the figures simulate through reports.simulate only."""
    import importlib.util

    assert importlib.util.find_spec("adaproof.reports.figures.sim") is None


# -- rendering -------------------------------------------------------------------------

RENDER = """
import hashlib, sys
from adaproof.reports.figures import render
for name in ("ema_weights", "precision"):
    for ext in ("svg", "pdf", "png"):
        p = render(name, f"{sys.argv[1]}/{name}.{ext}", size=sys.argv[2])
        print(name, ext, hashlib.sha256(p.read_bytes()).hexdigest())
"""


@pytest.mark.slow
def test_renders_are_byte_identical_across_processes(tmp_path):
    outs = []
    for i, seed in enumerate(("0", "12345")):
        d = tmp_path / str(i)
        d.mkdir()
        proc = subprocess.run(
            [sys.executable, "-c", RENDER, str(d), "page"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outs.append(proc.stdout)
    assert outs[0] == outs[1]
    assert len(outs[0].splitlines()) == 6
    svg = (tmp_path / "0" / "precision.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert "Matplotlib v" not in svg
    pdf = (tmp_path / "0" / "precision.pdf").read_bytes()
    assert b"/CreationDate" not in pdf
    assert b"/ModDate" not in pdf


@pytest.mark.slow
def test_render_writes_each_format_at_both_sizes(tmp_path):
    import matplotlib.image

    sizes = {}
    for size in ("slide", "page"):
        for ext, magic in (("svg", b"<?xml"), ("pdf", b"%PDF"), ("png", b"\x89PNG")):
            path = render("sum_to_integral", tmp_path / f"{size}.{ext}", size=size)
            assert path.read_bytes().startswith(magic)
        sizes[size] = matplotlib.image.imread(str(tmp_path / f"{size}.png")).shape[:2]
    assert sizes["slide"] == (840, 1500)  # 10 x 5.6 in at 150 dpi
    assert sizes["page"] == (800, 1300)  # 6.5 x 4 in at 200 dpi


# -- one rendering path, the backend untouched -------------------------------------------


def test_render_all_writes_what_render_writes(tmp_path):
    """The report's files (render_all, three formats) equal the CLI's (render, one format)."""
    render_all(tmp_path / "all", names=("ema_half_life",))
    for ext in ("svg", "pdf", "png"):
        one = render("ema_half_life", tmp_path / f"one.{ext}")
        assert one.read_bytes() == (tmp_path / "all" / f"ema_half_life.{ext}").read_bytes(), ext


BACKEND = """
import json, sys
import matplotlib
matplotlib.use("pdf")
import matplotlib.pyplot as plt
from adaproof.reports.figures import figure, render
state = lambda: [matplotlib.get_backend(), matplotlib.rcParams["backend"], plt.get_fignums()]
before = state()
fig = figure("ema_half_life")
render("ema_half_life", sys.argv[1])
print(json.dumps({"before": before, "after": state(), "type": type(fig).__module__ + "." +
                  type(fig).__name__}))
"""


def test_rendering_leaves_the_matplotlib_backend_alone(tmp_path):
    """A notebook's backend (here 'pdf', chosen before import) is not switched to Agg."""
    import json

    proc = subprocess.run(
        [sys.executable, "-c", BACKEND, str(tmp_path / "x.png")],
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(proc.stdout)
    assert got["before"] == ["pdf", "pdf", []]
    assert got["after"] == got["before"]  # same backend, no figure registered with pyplot
    assert got["type"] == "matplotlib.figure.Figure"
    assert (tmp_path / "x.png").read_bytes().startswith(b"\x89PNG")


# -- annotations never cover data; text large enough --------------------------------------


def _polyline(xy, step=2.0):
    """Points along a polyline, at most ``step`` pixels apart."""
    out = [xy[:1]]
    for a, b in itertools.pairwise(xy):
        n = max(int(np.hypot(*(b - a)) // step), 1)
        out.append(a + (b - a) * (np.arange(1, n + 1)[:, None] / n))
    return np.concatenate(out)


def plotted_points(ax):
    """Display coordinates of the data drawn in ``ax`` (lines with their segments, markers,
    error bars, bands), inside the axes; contour maps are background and not counted."""
    from matplotlib.collections import LineCollection, PathCollection
    from matplotlib.contour import ContourSet

    pts = [np.zeros((0, 2))]
    for line in ax.get_lines():
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), float))
        if line.get_linestyle() in ("None", "none", "", " "):
            pts.append(xy)
            continue
        good = np.isfinite(xy).all(axis=1)
        for run in np.split(xy, np.flatnonzero(~good)):
            run = run[np.isfinite(run).all(axis=1)]
            if len(run):
                pts.append(_polyline(run))
    for coll in ax.collections:
        if isinstance(coll, ContourSet):
            continue
        if isinstance(coll, PathCollection) and len(coll.get_offsets()):
            pts.append(coll.get_offset_transform().transform(np.asarray(coll.get_offsets())))
            continue
        for path in coll.get_paths():
            xy = coll.get_transform().transform(path.vertices)
            xy = xy[np.isfinite(xy).all(axis=1)]
            if len(xy):
                pts.append(_polyline(xy) if isinstance(coll, LineCollection) else xy)
    p = np.concatenate(pts)
    p = p[np.isfinite(p).all(axis=1)]
    bb = ax.bbox
    return p[(p[:, 0] >= bb.x0) & (p[:, 0] <= bb.x1) & (p[:, 1] >= bb.y0) & (p[:, 1] <= bb.y1)]


def covering_boxes(fig, ax, renderer):
    """Legends (of the axes and the figure), text boxes, annotations and labels in ``ax``."""
    boxes = [
        ("legend", leg.get_window_extent(renderer))
        for leg in [ax.get_legend(), *fig.legends]
        if leg is not None
    ]
    for text in ax.texts:
        if not text.get_visible() or not text.get_text():
            continue
        extent = text.get_window_extent(renderer)
        patch = text.get_bbox_patch()
        if patch is not None:
            extent = type(extent).union([extent, patch.get_window_extent(renderer)])
        boxes.append((f"text {text.get_text()[:40]!r}", extent))
    return boxes


def covered(name, fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        p = plotted_points(ax)
        for what, bb in covering_boxes(fig, ax, renderer):
            inside = (p[:, 0] > bb.x0 + 1) & (p[:, 0] < bb.x1 - 1)
            inside &= (p[:, 1] > bb.y0 + 1) & (p[:, 1] < bb.y1 - 1)
            if inside.any():
                found.append(f"{name}: {what} covers {int(inside.sum())} data points")
    return found


def test_the_overlap_check_sees_a_legend_on_a_line():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.plot([0, 1], [0.9, 0.9], label="a line under the legend")
    ax.plot([0, 1], [0, 0.1])
    ax.legend(loc="upper center")
    assert covered("x", fig)  # two vertices only, but the segment between them is data
    ax.get_legend().set_loc("center left")
    assert covered("x", fig) == []


#: Smallest font, in points, of a figure as the report shows it on a desktop screen.
MIN_POINTS = 9.0
#: The report's column on a desktop screen: 62rem less 2 x 1.5rem padding, at 16 px/rem, in
#: CSS px; a slide figure is 10 in = 960 CSS px wide and is scaled down to the column.
REPORT_COLUMN_PX = (62 - 3) * 16


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_no_legend_or_note_covers_data_and_text_is_large_enough(name):
    from adaproof.reports.figures import figure
    from matplotlib.text import Text

    fig = figure(name)
    assert covered(name, fig) == []
    shown = min(1.0, REPORT_COLUMN_PX / (fig.get_figwidth() * 96))
    small = [
        (t.get_text()[:30], t.get_fontsize())
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text() and t.get_fontsize() * shown < MIN_POINTS
    ]
    assert small == []
