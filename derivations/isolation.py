"""Limits enforced from outside a computation: a forked worker process, ended at its
deadline, with a cap on its address space (standard library only, so that a command can
start its worker before importing SymPy).

:func:`run_bounded` runs ``fn()`` in a child process (``os.fork``, so the parent's
imports, SymPy included, are shared and nothing is pickled on the way in). The
child caps its address space with ``RLIMIT_AS`` at its size when it starts plus
``memory_mb``; the parent waits for the pickled result until ``budget + grace``
seconds and then kills the child. Whatever happens, the parent gets an
:class:`Outcome`: the value, or the reason there is none (time, memory, an
error in the computation, a crash). Where ``fork`` does not exist the function
runs in-process under the SIGALRM deadline of :func:`.common.deadline`.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: default cap on the memory a decision may add to its process
MEMORY_MB = 512


@dataclass
class Outcome:
    """``status``: ok | timeout | memory | error | crashed; ``value`` when ok."""

    status: str
    value: Any = None
    reason: str = ""
    seconds: float = 0.0


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(fn: Callable[[], Any], wfd: int, memory_mb: int) -> None:
    try:
        import resource

        limit = _vm_bytes() + memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass
    try:
        result: tuple = ("ok", fn(), "")
    except (MemoryError, SystemError):
        # SystemError: a native library failing to allocate under the cap
        result = ("memory", None, f"the memory cap ({memory_mb} MB) was reached")
    except RecursionError:
        result = ("error", None, "the expression is nested too deeply (recursion limit)")
    except BaseException as exc:
        result = ("error", None, f"{type(exc).__name__}: {str(exc)[:300]}")
    try:
        data = pickle.dumps(result)
    except Exception as exc:
        data = pickle.dumps(("error", None, f"unpicklable result: {type(exc).__name__}"))
    view = memoryview(data)
    while view:
        try:
            n = os.write(wfd, view)
        except OSError:
            break
        view = view[n:]


def run_bounded(
    fn: Callable[[], Any],
    *,
    budget: float,
    grace: float = 0.3,
    memory_mb: int = MEMORY_MB,
) -> Outcome:
    """Run ``fn()`` with a hard wall-clock limit (``budget + grace`` s) and a memory cap."""
    if not budget > 0:
        raise ValueError(f"budget must be positive, got {budget}")
    if not memory_mb > 0:
        raise ValueError(f"memory_mb must be positive, got {memory_mb}")
    t0 = time.monotonic()
    if not hasattr(os, "fork"):
        return _inline(fn, budget, t0)
    sys.stdout.flush()
    sys.stderr.flush()
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            os.close(rfd)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            _child(fn, wfd, memory_mb)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(wfd)
    chunks: list[bytes] = []
    killed = False
    try:
        end = t0 + budget + grace
        while True:
            left = end - time.monotonic()
            if left <= 0:
                killed = True
                break
            ready, _, _ = select.select([rfd], [], [], left)
            if not ready:
                continue
            chunk = os.read(rfd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if killed:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.close(rfd)
        _, status = os.waitpid(pid, 0)
    secs = time.monotonic() - t0
    if killed:
        return Outcome("timeout", reason=f"stopped at the time budget ({budget:g} s)", seconds=secs)
    if not chunks:
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
        reason = (
            "the memory cap was reached"
            if sig in (signal.SIGKILL, signal.SIGSEGV)
            else f"the worker ended without a result (status {status})"
        )
        return Outcome("crashed", reason=reason, seconds=secs)
    try:
        st, value, reason = pickle.loads(b"".join(chunks))
    except Exception as exc:
        return Outcome("crashed", reason=f"unreadable result ({type(exc).__name__})", seconds=secs)
    return Outcome(st, value, reason, secs)


def _inline(fn, budget: float, t0: float) -> Outcome:
    import signal as _signal
    import threading

    class _Stop(Exception):
        pass

    def handler(signum, frame):
        raise _Stop()

    armed = hasattr(_signal, "setitimer") and threading.current_thread() is threading.main_thread()
    old = None
    try:
        if armed:
            old = _signal.signal(_signal.SIGALRM, handler)
            _signal.setitimer(_signal.ITIMER_REAL, budget)
        value = fn()
    except _Stop:
        return Outcome("timeout", reason=f"stopped at the time budget ({budget:g} s)")
    except MemoryError:
        return Outcome("memory", reason="out of memory")
    except Exception as exc:
        return Outcome("error", reason=f"{type(exc).__name__}: {str(exc)[:300]}")
    finally:
        if armed:
            _signal.setitimer(_signal.ITIMER_REAL, 0)
            _signal.signal(_signal.SIGALRM, old)
    return Outcome("ok", value, "", time.monotonic() - t0)


__all__ = ["MEMORY_MB", "Outcome", "run_bounded"]


class EngineError(Exception):
    """The decision engine failed (a bug, not the input); the message names the stage."""


def bounded(
    fn: Callable[[], Any],
    *,
    budget: float,
    stage: str,
    on_limit: Callable[[str], Any],
    memory_mb: int = MEMORY_MB,
) -> Any:
    """``fn()`` under :func:`run_bounded`: its value; ``on_limit(reason)`` when the time or
    memory ran out; :class:`EngineError` naming ``stage`` when it raised."""
    out = run_bounded(fn, budget=budget, memory_mb=memory_mb)
    if out.status == "ok":
        return out.value
    if out.status == "error":
        raise EngineError(f"internal error while {stage}: {out.reason}")
    reasons = {
        "timeout": out.reason,
        "memory": f"the memory cap ({memory_mb} MB) was reached",
        "crashed": out.reason,
    }
    return on_limit(reasons.get(out.status, out.reason))


__all__ += ["EngineError", "bounded"]
