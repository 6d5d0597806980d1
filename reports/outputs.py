"""Output paths: checked before any work starts, written atomically, cleaned up on signals.

A command that writes files calls :func:`output_file` (or :func:`output_dir`) for each path
*before* it computes anything, so a missing or read-only directory costs a second, not a whole
run: the failure is one line (:class:`~adaproof.reports.errors.UsageError`, exit 2) naming the
option, the path and the reason. Files are written with :func:`write_text_atomic` /
:func:`write_bytes_atomic` (a temporary sibling renamed over the target: a reader sees the old
file or the new one, never half of one). :func:`terminate_cleanly` turns SIGTERM into an
exception, so the ``finally`` blocks that remove temporary files and folders run on SIGTERM
as they do on SIGINT (Ctrl-C).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> output_file(d / "missing" / "x.json", "--json")
Traceback (most recent call last):
    ...
adaproof.reports.errors.UsageError: --json .../missing/x.json: directory .../missing does not exist
>>> write_text_atomic(output_file(d / "x.json", "--json"), "{}\\n")
>>> sorted(p.name for p in d.iterdir())
['x.json']
"""

from __future__ import annotations

import errno
import os
import signal
import tempfile
from pathlib import Path

from adaproof.reports.errors import UsageError

_PROBE_PREFIX = ".adaproof-probe-"


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM (a BaseException, like KeyboardInterrupt, so that
    ``except Exception`` does not swallow it and every ``finally`` runs)."""

    exit_code = 128 + signal.SIGTERM


def _reason(exc: OSError) -> str:
    if exc.errno == errno.EROFS:
        return "read-only file system"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    return (exc.strerror or exc.__class__.__name__).lower()


def _probe(directory: Path, option: str, shown: str) -> None:
    """Create and delete a file in ``directory``: the only reliable test of writability
    (``os.access`` says yes to root on a read-only mount's mode bits and to ACL'd paths)."""
    try:
        fd, name = tempfile.mkstemp(prefix=_PROBE_PREFIX, dir=directory)
    except OSError as exc:
        raise UsageError(
            f"{option} {shown}: cannot write in directory {directory} ({_reason(exc)})"
        ) from None
    os.close(fd)
    os.unlink(name)


def output_file(path: str | os.PathLike[str], option: str) -> Path:
    """``path`` as a Path if a file can be written there; else a one-line UsageError.

    Checks, in order: ``path`` is not a directory, its directory exists and is a directory,
    a file can be created in it, and an existing ``path`` is writable.
    """
    p = Path(path)
    shown = str(path)
    if p.is_dir():
        raise UsageError(f"{option} {shown}: is a directory (give a file name)")
    parent = p.parent
    if not parent.exists():
        raise UsageError(f"{option} {shown}: directory {parent} does not exist")
    if not parent.is_dir():
        raise UsageError(f"{option} {shown}: {parent} is not a directory")
    _probe(parent, option, shown)
    if p.exists() and not os.access(p, os.W_OK):
        raise UsageError(f"{option} {shown}: file exists and is not writable")
    return p


def output_dir(path: str | os.PathLike[str], option: str) -> Path:
    """``path`` as a Path if a directory can be created or replaced there; else a UsageError.

    The directory itself may be absent (it is created, with missing parents); the nearest
    existing ancestor must be a directory in which files can be created, and an existing
    ``path`` must be a directory.
    """
    p = Path(path)
    shown = str(path)
    if p.exists() and not p.is_dir():
        raise UsageError(f"{option} {shown}: exists and is not a directory")
    base = Path(os.path.abspath(p)).parent
    while not base.exists():
        base = base.parent
    if not base.is_dir():
        raise UsageError(f"{option} {shown}: {base} is not a directory")
    _probe(base, option, shown)
    return p


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary sibling of ``path`` and rename it over ``path``."""
    p = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output is an ordinary file
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """:func:`write_bytes_atomic` of ``text`` encoded as UTF-8."""
    write_bytes_atomic(path, text.encode("utf-8"))


def _raise_terminated(signum, frame):
    raise Terminated()


def terminate_cleanly() -> None:
    """Make SIGTERM raise :class:`Terminated` in the main thread (no-op elsewhere)."""
    try:
        if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
            signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread
        pass


__all__ = [
    "Terminated",
    "output_dir",
    "output_file",
    "terminate_cleanly",
    "write_bytes_atomic",
    "write_text_atomic",
]
