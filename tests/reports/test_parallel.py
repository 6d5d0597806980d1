"""reports.parallel: results in input order, limits that hold inside workers, and the same
Monte Carlo and ``check`` results from 1 process, 2 local workers and a dask cluster."""

from __future__ import annotations

import json
import os
import time

import numpy as np
import pytest
from adaproof.numerics.montecarlo import ema_moments
from adaproof.reports import parallel
from adaproof.reports.cli import main
from adaproof.reports.parallel import Failed, call_limited, get_executor
from adaproof.reports.runner import run_catalogue, to_json

# fast claims (well under a second each) from three sources
CLAIM_IDS = ["000-0", "000-1a", "000-2a", "001-1a", "001-2a", "002-1a", "002-11b"]


def square(x: int) -> int:
    return x * x


def sleepy(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def spin(_: object) -> int:
    n = 0
    while True:  # pure-Python busy loop: only killing the process stops it
        n += 1


def allocate(nbytes: int) -> int:
    return len(bytearray(nbytes))


def boom(x: int) -> int:
    raise ZeroDivisionError(f"bad row {x}")


def die(_: object) -> None:
    os._exit(3)


def test_in_process_and_local_workers_keep_input_order():
    items = [5, 3, 8, 1, 9, 2, 7]
    with get_executor(1) as one, get_executor(2) as two:
        assert one.map(square, items) == [x * x for x in items]
        seen = []
        out = two.map(sleepy, [0.3, 0.0, 0.1], progress=lambda d, n, i, r: seen.append(i))
        assert out == [0.3, 0.0, 0.1]
        assert sorted(seen) == [0, 1, 2]
        assert seen[-1] == 0  # the slowest finished last, the output is still in order


def test_deadline_kills_a_busy_task_and_the_batch_goes_on():
    t0 = time.monotonic()
    out = get_executor(2).map(spin, [None, None], timeout=0.5)
    assert time.monotonic() - t0 < 5
    assert all(isinstance(r, Failed) and r.kind == "timeout" for r in out)
    with get_executor(1) as ex:
        out = ex.map(sleepy, [0.0, 5.0, 0.0], timeout=0.5)
    assert out[0] == 0.0
    assert out[2] == 0.0
    assert isinstance(out[1], Failed)
    assert out[1].kind == "timeout"


def gc_callbacks(_: object) -> int:
    import gc

    return len(gc.callbacks)


def test_forked_child_drops_the_parents_gc_callbacks():
    """A signal handler's exception raised inside a gc callback is dropped by Python; the
    child that holds the limits runs with none (a dask worker registers one)."""
    import gc

    def noop(phase, info):
        pass

    gc.callbacks.append(noop)
    try:
        assert call_limited(gc_callbacks, None, timeout=10, memory=None) == 0
        assert gc_callbacks(None) >= 1  # the parent keeps its own
    finally:
        gc.callbacks.remove(noop)


def test_memory_limit_holds_in_the_task():
    out = call_limited(allocate, 2 * 1024**3, timeout=20, memory=400 * 1024**2)
    assert isinstance(out, Failed)
    assert out.kind == "memory"
    assert call_limited(allocate, 1000, timeout=20, memory=400 * 1024**2) == 1000


def test_errors_and_crashes_become_failed_rows_when_caught():
    with get_executor(2) as ex:
        out = ex.map(boom, [1, 2], catch=True)
        assert [r.kind for r in out] == ["error", "error"]
        assert "ZeroDivisionError: bad row 2" in out[1].message
        with pytest.raises(ZeroDivisionError):
            ex.map(boom, [1])
        died = ex.map(die, [None], timeout=10)
        assert died[0].kind == "crashed"
        assert "status 3" in died[0].message


def test_jobs_option_parsing():
    assert parallel.parse_jobs("3") == 3
    assert parallel.parse_jobs("auto") == parallel.default_jobs()
    assert parallel.parse_jobs("0") == parallel.default_jobs()
    for bad in ("-1", "two", "1.5"):
        with pytest.raises(ValueError, match="jobs must be"):
            parallel.parse_jobs(bad)


def test_bad_jobs_and_both_options_are_usage_errors(capsys):
    assert main(["check", "000-0", "-j", "x"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "-j" in err
    assert main(["check", "000-0", "-j", "2", "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "not both" in capsys.readouterr().err


def test_unreachable_scheduler_is_one_line_exit_2(capsys, monkeypatch):
    pytest.importorskip("distributed")
    with pytest.raises((OSError, TimeoutError)):
        parallel.Dask("tcp://127.0.0.1:9", timeout=1)  # discard port: nothing listens

    def refuse(*_a, **_k):
        raise OSError("Timed out trying to connect to tcp://127.0.0.1:9")

    monkeypatch.setattr(parallel, "get_executor", refuse)
    assert main(["check", "000-0", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "cannot connect" in err
    assert "tcp://127.0.0.1:9" in err


def _moments_bytes(m) -> bytes:
    parts = [m.t.tobytes()]
    for table in (m.mean, m.var, m.se_mean, m.se_var):
        parts += [table[k].tobytes() for k in sorted(table)]
    return b"".join(parts)


def _check_rows(executor) -> str:
    rows = to_json(run_catalogue(CLAIM_IDS, executor=executor))
    for r in rows:
        del r["seconds"]
    return json.dumps(rows, sort_keys=True)


@pytest.mark.slow
def test_same_results_in_process_local_workers_and_dask_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    kw = {"mu": 0.3, "sigma": 1.7, "seed": 11, "beta2": 0.99}
    args = (0.9, 12, 9 * 8192 + 123)  # ten blocks, the last partial
    reference = _moments_bytes(ema_moments(*args, **kw))
    check_reference = _check_rows(None)
    with get_executor(2) as local:
        assert _moments_bytes(ema_moments(*args, executor=local, **kw)) == reference
        one_block = ema_moments(*args, executor=local, blocks_per_task=1, **kw)
        assert _moments_bytes(one_block) == reference
        assert _check_rows(local) == check_reference
    # the scheduler's HTTP server on a free port (":0"): None still binds 8787, which
    # another cluster on this machine (a parallel test, a running bench) may hold
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        with distributed.Client(cluster) as client:
            assert _moments_bytes(ema_moments(*args, executor=client, **kw)) == reference
            with get_executor(scheduler=client) as on_dask:
                assert on_dask.workers == 2
                assert _sweep(on_dask) == _sweep(None)
                assert _moments_bytes(ema_moments(*args, executor=on_dask, **kw)) == reference
                assert _check_rows(on_dask) == check_reference
                # in input order with or without a progress callback (one gather, or
                # results taken with the completions)
                items = [5, 3, 8, 1]
                assert on_dask.map(square, items) == [x * x for x in items]
                seen = []
                out = on_dask.map(sleepy, [0.4, 0.0, 0.1], progress=lambda *a: seen.append(a))
                assert out == [0.4, 0.0, 0.1]
                assert [a[:2] for a in seen] == [(1, 3), (2, 3), (3, 3)]
                assert sorted(a[2:] for a in seen) == [(0, 0.4), (1, 0.0), (2, 0.1)]
                out = on_dask.map(boom, [1, 2], catch=True)
                assert [f.kind for f in out] == ["error", "error"]
                with pytest.raises(ZeroDivisionError):
                    on_dask.map(boom, [1])
                out = on_dask.map(spin, [None], timeout=0.5)  # the deadline holds on dask too
                assert out[0].kind == "timeout"
        # the command line, pointed at the cluster's address (no client of ours is open,
        # as in a fresh process), writes the same rows
        path = tmp_path / "check.json"
        code = main(["check", *CLAIM_IDS, "-q", "--scheduler", cluster.scheduler_address,
                     "--json", str(path)])  # fmt: skip
        assert code == 0
        data = json.loads(path.read_text())
        rows = data["claims"] if isinstance(data, dict) else data
        assert [r["id"] for r in rows] == CLAIM_IDS
        assert [r["verdict"] for r in rows] == [r["verdict"] for r in json.loads(check_reference)]
        answers = tmp_path / "answers.csv"
        answers.write_text(
            "student,target,answer\nann,adam.m_hat:2,(b1*g1+g2)/(1+b1)\nbob,adam.m_hat:2,g2\n",
            encoding="utf-8",
        )
        graded = tmp_path / "graded.csv"
        code = main(["grade", str(answers), "--out", str(graded), "-q",
                     "--scheduler", cluster.scheduler_address])  # fmt: skip
        assert code == 0
        assert [ln.split(",")[5] for ln in graded.read_text().splitlines()[1:]] == ["0", "1"]


def _sweep(executor, rows_per_task=4):
    """Adam on seed 000's Rosenbrock function from 10 starts, a learning rate per row."""
    from adaproof.numerics.problems import rosenbrock_tutorial
    from adaproof.numerics.run import minimize

    rng = np.random.default_rng(3)
    x0 = np.column_stack([rng.uniform(-2, 2, 10), rng.uniform(-1, 3, 10)])
    lr = np.linspace(0.005, 0.5, 10)[:, None]  # split with the rows
    tr = minimize("adam", rosenbrock_tutorial(), x0, 300, lr=lr, eps=1e-8,
                  executor=executor, rows_per_task=rows_per_task)  # fmt: skip
    return tr.x.tobytes() + tr.diverged.tobytes() + tr.diverged_at.tobytes()


def test_minimize_split_over_rows_is_the_same_bytes():
    from adaproof.numerics.problems import rosenbrock_tutorial
    from adaproof.numerics.run import minimize

    whole = _sweep(None)
    assert _sweep(parallel.InProcess()) == whole
    assert _sweep(parallel.InProcess(), rows_per_task=1) == whole
    with get_executor(2) as ex:  # the Problem holds closures: sent with cloudpickle
        assert _sweep(ex) == whole
    one = minimize("adam", rosenbrock_tutorial(), np.array([-1.5, 2.5]), 5, executor=ex)
    assert one.x.shape == (6, 2)  # a single point has no batch axis to split


def test_numpy_identical_across_task_sizes_in_process():
    """The split into tasks never changes a bit (no workers needed to see it)."""

    class Serial:  # any object with map(fn, items) is an executor for numerics
        workers = 3

        def map(self, fn, items):
            return [fn(x) for x in items]

    args = (0.8, 5, 5 * 8192)
    a = ema_moments(*args, seed=4)
    for size in (1, 2, 4):
        b = ema_moments(*args, seed=4, executor=Serial(), blocks_per_task=size)
        assert _moments_bytes(a) == _moments_bytes(b)
    assert np.all(np.isfinite(a.var["m_hat"]))
