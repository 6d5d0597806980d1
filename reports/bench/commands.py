"""Sections 4 and 5: verify, and the whole check and report commands."""

from __future__ import annotations

import contextlib
import io
import subprocess
import tempfile
import time
from pathlib import Path

from adaproof.reports.bench.core import (
    VERIFY_ANSWER,
    VERIFY_TARGET,
    Bench,
    Progress,
    Row,
    Sizes,
    console_script,
    fmt_value,
    median_time,
    subprocess_env,
)

# -------------------------------------------------------------------------- 4. verify


def verify_section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    cmd, shown = console_script()
    argv = ["verify", VERIFY_TARGET, VERIFY_ANSWER]
    times, last = [], None
    for _ in range(max(1, sizes.verify_fresh_repeats)):
        t0 = time.perf_counter()
        last = subprocess.run(
            [*cmd, *argv],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=subprocess_env(),
        )
        times.append(time.perf_counter() - t0)
    times.sort()
    fresh = Row(
        "verify",
        "verify.fresh",
        f"verify {VERIFY_TARGET} (fresh process)",
        times[len(times) // 2],
        "s",
        goal="< 1 s",
        note=f"median of {len(times)}; {shown} {' '.join(argv[:2])} '{VERIFY_ANSWER}'",
    )
    if last is not None and last.returncode != 0:
        fresh.status = "error"
        fresh.note = (
            f"exit {last.returncode}: {(last.stderr.strip().splitlines() or [''])[-1][:160]}"
        )
    fresh.met = fresh.status == "ok" and fresh.value < 1.0
    bench.rows.append(fresh)
    say(f"bench: {fresh.label}: {fmt_value(fresh)}")

    from adaproof.reports import cli

    codes: list[int] = []

    def warm() -> None:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            codes.append(cli.main(argv))

    secs = median_time(warm, sizes.verify_warm_repeats)
    row = Row(
        "verify",
        "verify.warm",
        f"verify {VERIFY_TARGET} (warm, in-process)",
        secs,
        "s",
        goal="< 100 ms",
        note=f"median of {sizes.verify_warm_repeats} after a warm-up; reports.cli.main",
    )
    if any(c != 0 for c in codes):
        row.status, row.note = "error", f"exit codes {sorted(set(codes))} (expected 0)"
    row.met = row.status == "ok" and secs < 0.1
    bench.rows.append(row)
    say(f"bench: {row.label}: {fmt_value(row)}")


# ------------------------------------------------------------------ 5. check and report


def _command_row(
    bench: Bench, sizes: Sizes, say: Progress, name: str, extra: list[str], key: str, label: str
) -> Row:
    """Time ``adaproof NAME EXTRA...`` once in a fresh process (in a temporary folder)."""
    from adaproof.reports import cli

    cmd, shown = console_script()
    row = Row("commands", f"commands.{key}", label, None, "s")
    bench.rows.append(row)
    if not sizes.commands:
        row.status, row.note = "skipped", "--quick"
        return row
    if name not in cli.COMMANDS:
        row.status = "unavailable"
        row.note = f"'{name}' is not an adaproof command yet (not in reports/cli.py COMMANDS)"
        say(f"bench: {label}: unavailable")
        return row
    with tempfile.TemporaryDirectory(prefix="adaproof-bench-") as tmp:
        argv = [name, *extra]
        if name == "report":
            argv += ["--out", str(Path(tmp) / "report")]
        say(f"bench: running {shown} {' '.join(argv)} ...")
        cpu0 = _children_cpu()
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(
                [*cmd, *argv],
                capture_output=True,
                text=True,
                timeout=1800,
                check=False,
                cwd=tmp,
                env=subprocess_env(),
            )
        except subprocess.TimeoutExpired:
            row.status, row.note = "error", "timed out after 1800 s"
            return row
        secs = time.perf_counter() - t0
        cpu = _children_cpu() - cpu0
    row.value = secs
    row.cpu = cpu
    if proc.returncode in (0, 1):
        row.note = "exit 0" if proc.returncode == 0 else "exit 1 (a verdict differs from baseline)"
        row.note += f"; CPU {cpu:.1f} s (user + system, all its processes)"
    else:
        row.status = "error"
        row.note = f"exit {proc.returncode}: {(proc.stderr.strip().splitlines() or [''])[-1][:160]}"
    say(f"bench: {label}: {fmt_value(row)} ({row.note})")
    return row


def _children_cpu() -> float:
    """User + system CPU seconds of the finished child processes (and theirs) so far."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def check_section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    """The whole ``check`` with 1 worker (this process) and with 2 local worker processes."""
    from adaproof.reports import cli

    one = _command_row(
        bench, sizes, say, "check", ["-j", "1"], "check", "adaproof check -j 1 (fresh process)"
    )
    one.goal = "< 60 s"
    one.met = one.status == "ok" and one.value < 60.0
    if "check" in cli.COMMANDS and not sizes.commands:
        return
    two = _command_row(
        bench, sizes, say, "check", ["-j", "2"], "check_j2", "adaproof check -j 2 (fresh process)"
    )
    if one.status == two.status == "ok":
        two.ratio, two.ratio_to = one.value / two.value, one.name
        two.note += f"; {two.ratio:.2f}× faster than -j 1"
        cpu1, cpu2 = one.cpu, two.cpu
        if cpu1 and cpu2:
            # a wall-clock speed-up needs idle cores: on a machine busy with other sessions
            # (Linux autogroup scheduling gives a session one share, however many
            # processes it runs) the CPU time says what parallelism costs in extra work
            two.note += f"; {cpu2 / cpu1:.2f}× the CPU time of -j 1"
        two.goal, two.met = "≥ 1.7× faster than -j 1", two.ratio >= 1.7


def report_section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    row = _command_row(bench, sizes, say, "report", [], "report", "adaproof report (fresh process)")
    row.goal = "< 120 s"
    row.met = row.status == "ok" and row.value < 120.0


def commands_section(bench: Bench, sizes: Sizes, say: Progress) -> None:
    """``check`` (1 and 2 workers) and ``report``."""
    check_section(bench, sizes, say)
    report_section(bench, sizes, say)
