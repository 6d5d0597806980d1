"""Write a directory completely or not at all.

The new content is built in a temporary directory next to the target (same
file system, so renames are atomic), then swapped in: an existing report is
renamed aside, the new one renamed into place, and the old one deleted. A
failure at any point removes the temporary directory and leaves an existing
report as it was. Nothing outside the target and its temporary siblings is
touched, and an existing directory is replaced only if it holds nothing but
what a report consists of (so ``--out .`` cannot delete a project).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from adaproof.reports.errors import UsageError

#: The entries a report directory consists of; only such a directory is replaced.
REPORT_ENTRIES = frozenset({"index.html", "results.json", "summary.md", "figures"})


def check_replaceable(target: Path) -> None:
    """Raise :class:`UsageError` unless ``target`` is absent, empty, or an earlier report."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise UsageError(f"--out {target}: exists and is not a directory")
    if target.is_dir():
        extra = sorted(p.name for p in target.iterdir() if p.name not in REPORT_ENTRIES)
        if extra:
            raise UsageError(
                f"--out {target}: directory holds files that are not part of a report "
                f"({', '.join(extra[:3])}{', ...' if len(extra) > 3 else ''}); "
                "refusing to replace it"
            )


@contextmanager
def atomic_directory(target: Path) -> Iterator[Path]:
    """Yield an empty temporary directory; on success it becomes ``target``.

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_directory(root / "out") as tmp:
    ...     _ = (tmp / "index.html").write_text("x")
    >>> sorted(p.name for p in root.iterdir()), (root / "out" / "index.html").read_text()
    (['out'], 'x')
    """
    target = Path(os.path.abspath(target))
    check_replaceable(target)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes 0700; a report is an ordinary directory
        yield tmp
        check_replaceable(target)  # it may have changed while the report was built
        if target.exists():
            aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=parent))
            old = aside / target.name
            os.rename(target, old)
            try:
                os.rename(tmp, target)
            except BaseException:
                os.rename(old, target)
                shutil.rmtree(aside, ignore_errors=True)
                raise
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.rename(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
