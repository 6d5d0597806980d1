"""Output paths are checked before any work (one line, exit 2), SIGTERM leaves no temporary
folder, and an unexpected exception is one line and exit 4, never a traceback."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from adaproof.reports import cli, outputs
from adaproof.reports.errors import UsageError

_RO_SCRIPT = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'


def _read_only(ro: Path) -> tuple[list[str], str]:
    """A command prefix under which ``ro`` cannot be written, and the reason the CLI gives.

    Root writes through mode bits, so as root ``ro`` is bind-mounted read-only in a private
    mount namespace (``unshare -m``); otherwise ``chmod 555`` is enough.
    """
    if os.geteuid() != 0:
        ro.chmod(0o555)
        return [], "permission denied"
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare: cannot make a read-only directory")
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", _RO_SCRIPT, str(ro), "touch", str(ro / "probe")],
        capture_output=True,
        text=True,
    )
    if "Read-only file system" not in probe.stderr:
        pytest.skip(f"cannot mount read-only here: {probe.stderr.strip()[:100]}")
    return ["unshare", "-m", "sh", "-c", _RO_SCRIPT, str(ro)], "read-only file system"


READ_ONLY_CASES = [
    (["check", "000-1a", "--json", "{ro}/r.json"], "check", "--json {ro}/r.json"),
    (["figure", "ema_weights", "--out", "{ro}/f.svg"], "figure", "--out {ro}/f.svg"),
    (["bench", "--quick", "--json", "{ro}/b.json"], "bench", "--json {ro}/b.json"),
    (["report", "--out", "{ro}/rep"], "report", "--out {ro}/rep"),
]


@pytest.mark.parametrize(("argv", "command", "shown"), READ_ONLY_CASES)
def test_read_only_directory_fails_first_with_one_line(tmp_path, argv, command, shown):
    ro = tmp_path / "ro"
    ro.mkdir()
    prefix, reason = _read_only(ro)
    args = [a.format(ro=ro) for a in argv]
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path / "mpl")}
    start = time.monotonic()
    r = subprocess.run(
        [*prefix, sys.executable, "-m", "adaproof", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    seconds = time.monotonic() - start
    ro.chmod(0o755)
    assert r.returncode == 2, r.stderr
    assert r.stderr == (
        f"adaproof {command}: {shown.format(ro=ro)}: cannot write in directory {ro} ({reason})\n"
    )
    assert r.stdout == ""
    assert os.listdir(ro) == []
    assert seconds < 30  # failed at the door, not after the run


def test_check_json_missing_directory(tmp_path, capsys):
    target = tmp_path / "missing" / "r.json"
    assert cli.main(["check", "000-1a", "--json", str(target)]) == 2
    cap = capsys.readouterr()
    assert cap.err == (
        f"adaproof check: --json {target}: directory {tmp_path / 'missing'} does not exist\n"
    )
    assert cap.out == ""  # nothing ran: no table


def test_check_json_parent_is_a_file(tmp_path, capsys):
    (tmp_path / "f").write_text("x")
    target = tmp_path / "f" / "r.json"
    assert cli.main(["check", "000-1a", "--json", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"adaproof check: --json {target}: {tmp_path / 'f'} is not a directory\n"
    )


def test_json_to_a_directory(tmp_path, capsys):
    assert cli.main(["bench", "--quick", "--json", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"adaproof bench: --json {tmp_path}: is a directory (give a file name)\n"
    )


def test_figure_out_missing_directory(tmp_path, capsys):
    target = tmp_path / "nope" / "f.svg"
    assert cli.main(["figure", "ema_weights", "--out", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"adaproof figure: --out {target}: directory {tmp_path / 'nope'} does not exist\n"
    )


def test_report_out_is_a_file(tmp_path, capsys):
    (tmp_path / "rep").write_text("x")
    assert cli.main(["report", "--out", str(tmp_path / "rep")]) == 2
    assert capsys.readouterr().err == (
        f"adaproof report: --out {tmp_path / 'rep'}: exists and is not a directory\n"
    )


def test_output_file_reports_read_only_file_system(tmp_path, monkeypatch):
    import errno

    def refuse(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(outputs.tempfile, "mkstemp", refuse)
    with pytest.raises(UsageError) as info:
        outputs.output_file(tmp_path / "x.json", "--json")
    assert str(info.value) == (
        f"--json {tmp_path / 'x.json'}: cannot write in directory {tmp_path} "
        "(read-only file system)"
    )


def test_atomic_write_leaves_no_temporary_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "x.json"
    target.write_text("old")

    def boom(src, dst):
        raise OSError("disk gone")

    monkeypatch.setattr(outputs.os, "replace", boom)
    with pytest.raises(OSError, match="disk gone"):
        outputs.write_text_atomic(target, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]
    assert target.read_text() == "old"


def test_sigterm_during_report_leaves_no_temporary_folder(tmp_path):
    """SIGTERM while ``report`` is running: exit 143, one line, no ``.NAME.new-XXXX`` left."""
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path / "mpl")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "adaproof", "report", "--out", str(tmp_path / "rep")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.startswith(".rep.new-") for p in tmp_path.iterdir()):
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "the report never started"
            time.sleep(0.05)
        time.sleep(0.3)  # well inside the run
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 143
    assert err.splitlines()[-1] == "adaproof report: terminated"
    assert "Traceback" not in err
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "mpl")
    assert left == []


def test_unexpected_exception_is_one_line_and_exit_4(monkeypatch, capsys):
    from adaproof.reports.commands import targets

    def broken(args):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(targets, "run", broken)
    assert cli.main(["targets"]) == 4
    cap = capsys.readouterr()
    assert cap.err == (
        "adaproof targets: internal error: RuntimeError: boom (please report it; "
        "ADAPROOF_DEBUG=1 shows the traceback)\n"
    )
    assert cap.out == ""


def test_unexpected_exception_with_json_prints_the_error_envelope(monkeypatch, capsys):
    import json

    from adaproof.reports.commands import targets

    monkeypatch.setattr(targets, "run", lambda args: 1 / 0)
    assert cli.main(["targets", "--json"]) == 4
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "schema": "adaproof/targets",
        "version": 1,
        "error": {"message": "internal error: ZeroDivisionError: division by zero", "exit": 4},
    }


def test_python_m_adaproof_never_prints_a_traceback_for_internal_errors(tmp_path):
    code = (
        "import sys\n"
        "from adaproof.reports import cli\n"
        "from adaproof.reports.commands import targets\n"
        "targets.run = lambda args: {}['missing']\n"
        "sys.exit(cli.main(['targets']))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 4
    assert r.stderr.count("\n") == 1
    assert r.stderr.startswith("adaproof targets: internal error: KeyError: 'missing'")
