"""``adaproof bench``: a smoke run writes well-formed JSON with every row (never a timed test),
the table is aligned, unavailable things are said so, and the sweep's two sides agree."""

from __future__ import annotations

import importlib.util
import json
import math

import numpy as np
import pytest
from adaproof.reports import bench, cli

STATUSES = {"ok", "unavailable", "skipped", "error"}
ADAM_KEYS = ["floor_numpy", "floor_c", "kernel_numpy", "kernel_c", "pure_step", "naive_numpy"]
TORCH_KEYS = ["torch_foreach_1t", "torch_fused_1t"]
OTHER_ROWS = [
    "montecarlo.total",
    "montecarlo.rng",
    "montecarlo.workers_2",
    "rosenbrock.scalar_loop",
    "rosenbrock.scalar_numpy2",
    "rosenbrock.batched_pure",
    "rosenbrock.batched_kernel",
    "rosenbrock.batched_kernel_all_steps",
    "rosenbrock.batched_kernel_ftz",
    "verify.fresh",
    "verify.warm",
    "commands.check",
    "commands.report",
    "grade.j1",
    "grade.j2",
]
DASK_ROWS = [
    "dask.startup",
    "dask.local_montecarlo",
    "dask.cluster_montecarlo",
    "dask.local_grade",
    "dask.cluster_grade",
]


@pytest.mark.slow
def test_quick_run_writes_wellformed_json_with_every_row(tmp_path, capsys, monkeypatch):
    # the command sets OPENBLAS_NUM_THREADS when absent: keep that out of other tests
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")
    monkeypatch.setattr(bench.core, "INJECTED_ENV", set())
    out = tmp_path / "bench.json"
    assert cli.main(["bench", "--quick", "--json", str(out)]) == 0
    table = capsys.readouterr().out
    data = json.loads(out.read_text())  # strict JSON: no NaN, no Infinity
    assert data["quick"] is True
    assert data["command"] == "adaproof bench --quick"
    for key in ("cpu", "cores", "numpy", "date", "python"):
        assert data["machine"][key], key
    names = [r["name"] for r in data["rows"]]
    assert len(names) == len(set(names))
    expected = [f"adam.{d}.{k}" for d in ("float64", "float32") for k in ADAM_KEYS]
    if importlib.util.find_spec("torch") is not None:
        expected += [f"adam.{d}.{k}" for d in ("float64", "float32") for k in TORCH_KEYS]
    expected += OTHER_ROWS
    if importlib.util.find_spec("distributed") is not None:
        expected += DASK_ROWS
    assert set(expected) <= set(names), sorted(set(expected) - set(names))
    for row in data["rows"]:
        assert set(row) >= {"name", "label", "value", "unit", "ratio", "ratio_to", "status"}
        assert row["status"] in STATUSES
        if row["status"] == "ok":
            assert isinstance(row["value"], float)
            assert math.isfinite(row["value"])
            assert row["value"] > 0
        else:
            assert row["value"] is None or row["status"] == "error"
            assert row["note"], f"{row['name']} is {row['status']} without a reason"
        if row["ratio"] is not None:
            assert row["ratio_to"] in names
        assert row["met"] is None  # quick runs judge no goal
        assert row["label"] in table
    assert {r["status"] for r in data["rows"] if r["name"].startswith("commands.")} == {"skipped"}
    floor = next(r for r in data["rows"] if r["name"] == "adam.float64.floor_numpy")
    assert floor["status"] == "ok"


def _fake() -> bench.Bench:
    b = bench.Bench(machine={"cpu": "Test CPU", "cores": 2, "date": "2026-01-01 00:00 UTC"})
    b.rows = [
        bench.Row(
            "adam",
            "adam.float64.floor_c",
            "floor (float64)",
            2.0,
            "ns/element",
            1.0,
            "adam.float64.floor_c",
        ),
        bench.Row(
            "adam",
            "adam.float64.kernel_numpy",
            "ours, a longer label (float64)",
            5.125,
            "ns/element",
            2.5625,
            "adam.float64.floor_c",
            goal="≤ 3× floor",
            met=True,
        ),
        bench.Row(
            "montecarlo",
            "montecarlo.total",
            "total",
            None,
            "s",
            status="unavailable",
            note="numerics.montecarlo missing",
        ),
        bench.Row(
            "rosenbrock",
            "rosenbrock.batched_kernel",
            "batched",
            1.5e8,
            "trajectory-steps/s",
            120.0,
            "rosenbrock.scalar_loop",
            goal="≥ 50×",
            met=False,
        ),
        bench.Row("verify", "verify.fresh", "fresh", 0.41, "s"),
        bench.Row("commands", "commands.check", "check", 75.0, "s", goal="< 60 s", met=False),
    ]
    return b


def test_table_is_aligned_and_says_what_is_missing():
    text = bench.format_table(_fake())
    lines = text.splitlines()
    assert "Test CPU, 2 cores" in lines[1]
    adam = [ln for ln in lines if "ns/element" in ln]
    assert len(adam) == 2
    assert adam[0].index("ns/element") == adam[1].index("ns/element")  # values right-aligned
    assert "2.56×" in adam[1]
    assert "[unavailable] numerics.montecarlo missing" in text
    assert "410.0 ms" in text
    assert "75.00 s" in text
    assert "120×" in text
    goals = lines[lines.index("goals") + 1 :]
    assert any("MISSED" in g and "check" in g for g in goals)
    assert any(g.rstrip().endswith("met") and "ours" in g for g in goals)


def test_json_has_no_nan_and_keeps_unavailable_rows():
    b = _fake()
    b.rows.append(bench.Row("adam", "adam.x", "x", float("nan"), "ns/element"))
    data = bench.to_json(b, command="adaproof bench")
    text = json.dumps(data, allow_nan=False)
    assert '"montecarlo.total"' in text
    assert data["rows"][-1]["value"] is None


def test_commands_not_built_yet_are_reported_unavailable(monkeypatch):
    monkeypatch.setattr(cli, "COMMANDS", {"verify": "verify"})
    b = bench.Bench()
    bench.commands.commands_section(b, bench.FULL, lambda _m: None)
    rows = {r.name: r for r in b.rows}
    for name in ("check", "report"):
        row = rows[f"commands.{name}"]
        assert row.status == "unavailable"
        assert row.value is None
        assert f"'{name}' is not an adaproof command yet" in row.note


def test_only_restricts_sections(monkeypatch):
    seen = []
    monkeypatch.setattr(
        bench, "_RUNNERS", {s: (lambda *a, s=s: seen.append(s)) for s in bench.SECTIONS}
    )
    bench.run_bench(bench.QUICK, sections=("verify",))
    assert seen == ["verify"]


def test_sections_by_name_comma_list_and_alias(capsys):
    assert bench.expand_sections(["check,grade"]) == ("check", "grade")
    assert bench.expand_sections(["grade", "commands"]) == ("check", "report", "grade")
    with pytest.raises(ValueError, match="unknown section 'chek'"):
        bench.expand_sections(["chek"])
    assert cli.main(["bench", "--only", "chek"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unknown section" in err


def test_check_rows_judge_one_worker_and_the_speedup(monkeypatch):
    times = {"-j 1": 50.0, "-j 2": 25.0}

    def fake(bench_, sizes, say, name, extra, key, label):
        row = bench.Row("commands", f"commands.{key}", label, times[" ".join(extra)], "s")
        bench_.rows.append(row)
        return row

    monkeypatch.setattr(bench.commands, "_command_row", fake)
    b = bench.Bench()
    bench.commands.check_section(b, bench.FULL, lambda _m: None)
    rows = {r.name: r for r in b.rows}
    assert rows["commands.check"].met is True  # 50 s < 60 s
    two = rows["commands.check_j2"]
    assert two.ratio == 2.0
    assert two.met is True
    times["-j 2"] = 40.0
    b = bench.Bench()
    bench.commands.check_section(b, bench.FULL, lambda _m: None)
    assert {r.name: r for r in b.rows}["commands.check_j2"].met is False  # 1.25x < 1.7x


def test_median_time_takes_the_middle_after_warmup(monkeypatch):
    clock = iter([0.0, 5.0, 10.0, 11.0, 20.0, 23.0])  # durations 5, 1, 3
    monkeypatch.setattr(bench.core.time, "perf_counter", lambda: next(clock))
    calls = []
    assert bench.median_time(lambda: calls.append(1), 3, warmup=2) == 3.0
    assert len(calls) == 5


def test_inplace_gradient_is_the_problem_gradient():
    from adaproof.numerics.problems import rosenbrock_tutorial

    xy = bench.rosenbrock.start_points(50)
    p = np.ascontiguousarray(np.stack([xy[:, 0], xy[:, 1]]))  # (2, S)
    out, scratch = np.empty_like(p), np.empty(50)
    bench.rosenbrock.rosenbrock_grad_soa_(p, out, scratch)
    ref = rosenbrock_tutorial().grad(xy, 1)
    np.testing.assert_allclose(out.T, ref, rtol=1e-14, atol=1e-12)


@pytest.mark.parametrize("backend", ["numpy", "c"])
def test_scalar_loops_and_batched_sweep_compute_the_same_trajectories(backend):
    # the sweep's sides do equal work: same algorithm, same trajectories up to rounding
    from adaproof.numerics import kernels

    if backend == "c" and kernels.compiled_kernel() is None:
        pytest.skip(kernels.compiled_reason())
    xy0 = bench.rosenbrock.start_points(3)
    final = bench.rosenbrock.kernel_sweep(xy0, 200, backend)  # (lr, start, xy)
    assert final.shape == (5, 3, 2)
    for j, lr in enumerate(bench.core.ROSENBROCK_LRS):
        for i in range(3):
            xs, ys = bench.rosenbrock.scalar_rosenbrock_adam(xy0[i, 0], xy0[i, 1], lr, 200)
            assert final[j, i].tolist() == pytest.approx([xs, ys], rel=1e-9, abs=1e-12)
            if j == 0:
                xv, yv = bench.rosenbrock.vector_rosenbrock_adam(xy0[i, 0], xy0[i, 1], lr, 200)
                assert [xv, yv] == pytest.approx([xs, ys], rel=1e-9, abs=1e-12)
    assert tuple(xy0[0]) == (-1.5, 2.5)  # seed 000's starting point is in the sweep


def test_runs_at_a_fixed_point_leave_the_sweep_with_the_same_end_points():
    """Starts at the minimum (1, 1) and near it: the gradient is exactly 0 there, so those runs
    leave the batch early; every end point equals the run of every start to the last step."""
    xy0 = np.vstack([[[1.0, 1.0], [1.0, 1.0 + 2**-40]], bench.rosenbrock.start_points(6)])
    info: dict = {}
    fast = bench.rosenbrock.kernel_sweep(xy0, 400, "numpy", info=info, check_every=4)
    full = bench.rosenbrock.kernel_sweep(xy0, 400, "numpy", fixed_points=False)
    assert np.array_equal(fast, full)
    assert info["fixed"] >= len(bench.core.ROSENBROCK_LRS)  # (1, 1) at every lr, at least
    assert info["skipped"] > 0
    for j, lr in enumerate(bench.core.ROSENBROCK_LRS):  # the scalar loop stops there too
        assert bench.rosenbrock.scalar_rosenbrock_adam(1.0, 1.0, lr, 400) == (1.0, 1.0)
        assert tuple(fast[j, 0]) == (1.0, 1.0)


def test_without_a_compiler_the_compiled_rows_say_why(monkeypatch, tmp_path):
    from adaproof.numerics import kernels

    monkeypatch.setenv("CC", "no-such-compiler-adaproof")
    monkeypatch.setenv("ADAPROOF_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(bench.adam, "_torch_candidates", lambda *a: [])
    kernels._reset_compiled()
    try:
        b = bench.Bench()
        bench.adam.section(b, bench.Sizes(adam_n=5000, adam_repeats=1), lambda _m: None)
    finally:
        kernels._reset_compiled()
    rows = {r.name: r for r in b.rows}
    for key in ("floor_c", "kernel_c"):
        row = rows[f"adam.float64.{key}"]
        assert row.status == "unavailable"
        assert "no C compiler found" in row.note
    ours = rows["adam.float64.kernel_numpy"]
    assert ours.ratio_to == "adam.float64.floor_numpy"
    assert ours.ratio == pytest.approx(ours.value / rows["adam.float64.floor_numpy"].value)
    assert b.machine["compiled_kernel"].startswith("unavailable: no C compiler")


def test_timed_processes_get_the_users_environment(monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")
    monkeypatch.setattr(bench.core, "INJECTED_ENV", {"OPENBLAS_NUM_THREADS"})
    assert "OPENBLAS_NUM_THREADS" not in bench.subprocess_env()
    monkeypatch.setattr(bench.core, "INJECTED_ENV", set())
    assert bench.subprocess_env()["OPENBLAS_NUM_THREADS"] == "1"


def test_section_names_of_the_command_are_the_bench_sections():
    from adaproof.reports.bench.core import SECTIONS
    from adaproof.reports.commands import bench as command

    assert command.SECTIONS == SECTIONS


def test_decision_times_over_readme_examples_and_a_case_file(tmp_path, monkeypatch):
    from adaproof.reports.bench import QUICK, Bench, decisions

    cases = decisions.readme_cases()
    assert any("claim" in c for c in cases)
    assert any("target" in c for c in cases)
    tsv = tmp_path / "cases.tsv"
    tsv.write_text("student\tteacher\tassume\nx^2\tx*x\t\n(1-b^2)/(1-b)\t1+b\t0<b<1\n")
    assert decisions.tsv_cases(tsv)[1] == {"claim": "(1-b^2)/(1-b) = 1+b", "assume": ["0<b<1"]}
    monkeypatch.setattr(decisions, "CASES_FILE", tsv)
    monkeypatch.setattr(decisions, "readme_cases", lambda: cases[:1])
    bench = Bench()
    decisions.section(bench, QUICK, lambda _m: None)
    rows = {r.name: r for r in bench.rows}
    for key in ("readme", "cases"):
        for mode in ("fresh", "warm"):
            row = rows[f"decisions.{key}.{mode}"]
            assert row.status == "ok", row
            assert row.value > 0, row
            assert "max" in row.note
    assert rows["decisions.cases.warm"].note.endswith("exit 0: 2")


def test_cases_option_refuses_a_missing_file(capsys):
    from adaproof.reports.cli import main

    assert main(["bench", "--cases", "/nonexistent/cases.tsv", "--only", "decisions"]) == 2
    assert "--cases: no such file" in capsys.readouterr().err
