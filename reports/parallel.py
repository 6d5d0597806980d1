r"""Where long work runs: in this process, in local worker processes, or on a dask cluster.

One abstraction, :class:`Executor`, with three backends chosen by :func:`get_executor`:

- ``jobs=1``: in this process (no pickling, the simplest to debug);
- ``jobs=N`` (N > 1): ``N`` local worker processes
  (:class:`concurrent.futures.ProcessPoolExecutor`);
- ``scheduler="tcp://host:8786"``: a running dask.distributed scheduler (imported only then,
  so that commands that do not ask for it start as fast as before).

:meth:`Executor.map` returns results **in the order of the inputs**, whatever ran them and in
whatever order they finished, so output built from it is the same for every backend and
worker count (the work itself must not depend on which process runs it: seeds come from
``SeedSequence.spawn``, never from a global generator). ``progress(done, total, index,
result)`` is called in completion order, for a progress line only.

Limits that hold inside workers. With ``timeout`` (seconds of wall clock) or ``memory``
(bytes the address space may grow by) each task runs in a child process forked by the worker
(:func:`call_limited`): the child sets ``RLIMIT_AS`` and the worker kills it with SIGKILL at
the deadline, which stops C-level work (GMP, mpmath) that a signal handler cannot interrupt.
The task then yields a :class:`Failed` value instead of a result; the batch goes on. The same
holds in this process, in local workers and on dask workers.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Progress = Callable[[int, int, int, Any], None]


@dataclass(frozen=True)
class Failed:
    """What a task became instead of a result: ``kind`` is ``timeout``, ``memory``,
    ``crashed`` or ``error``; ``message`` one line."""

    kind: str
    message: str
    seconds: float = 0.0

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


def default_jobs() -> int:
    """The cores this process may use (the affinity mask where there is one)."""
    with contextlib.suppress(AttributeError, OSError):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def parse_jobs(text: str | int) -> int:
    """``-j`` value: a positive integer, or 0 / ``auto`` for every core. ValueError otherwise."""
    if isinstance(text, str) and text.strip().lower() == "auto":
        return default_jobs()
    try:
        n = int(text)
    except (TypeError, ValueError):
        raise ValueError(f"jobs must be a positive integer or 'auto', got {text!r}") from None
    if n < 0:
        raise ValueError(f"jobs must be a positive integer or 'auto', got {text!r}")
    return n or default_jobs()


# ------------------------------------------------------------------- limits inside a worker


def _address_space() -> int:
    """This process's current virtual size in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _set_memory_limit(memory: int | None) -> None:
    """Cap the address space at its current size plus ``memory`` bytes (a process that has
    imported SymPy and NumPy already maps a few hundred MB it never touches)."""
    if memory:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = _address_space() + memory
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _child(fn: Callable[[Any], Any], arg: Any, memory: int | None, wfd: int) -> None:
    """Body of the forked child: run ``fn(arg)``, write the pickled outcome, exit at once."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        # callbacks the parent registered (a dask worker times its collections) are of no
        # use here, and an exception a signal handler raises inside one (the alarm that ends
        # a decision's budget) is printed and dropped instead of stopping the task
        gc.callbacks.clear()
        _set_memory_limit(memory)
        try:
            payload = pickle.dumps(("ok", fn(arg)), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", "memory limit exceeded"))
        except RecursionError:
            payload = pickle.dumps(("error", "RecursionError: nesting too deep"))
        except Exception as exc:
            payload = pickle.dumps(("error", f"{type(exc).__name__}: {_one_line(exc)}"))
        with os.fdopen(wfd, "wb") as out:
            out.write(payload)
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] if text else type(exc).__name__


def call_limited(
    fn: Callable[[Any], Any], arg: Any, *, timeout: float | None, memory: int | None
) -> Any:
    """``fn(arg)`` in a forked child killed after ``timeout`` s, whose address space may grow
    by ``memory`` bytes (``RLIMIT_AS``).

    Returns the result, or a :class:`Failed` (timeout, memory, crashed, error). Runs
    directly (no child) when neither limit is set.
    """
    if timeout is None and memory is None:
        return fn(arg)
    if timeout is not None and not timeout > 0:
        raise ValueError(f"timeout must be positive, got {timeout}")
    start = time.monotonic()
    rfd, wfd = os.pipe()
    with warnings.catch_warnings():  # forking a process with threads (dask workers): the
        warnings.simplefilter("ignore", DeprecationWarning)  # child only runs fn, then _exit
        pid = os.fork()
    if pid == 0:  # the child
        os.close(rfd)
        _child(fn, arg, memory, wfd)
    os.close(wfd)
    chunks: list[bytes] = []
    deadline = None if timeout is None else start + timeout
    timed_out = False
    try:
        while True:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([rfd], [], [], wait)
            if not ready:
                continue
            data = os.read(rfd, 1 << 20)
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(rfd)
        if timed_out:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    seconds = time.monotonic() - start
    if timed_out:
        return Failed("timeout", f"stopped after {timeout:g} s", seconds)
    if chunks:
        try:
            kind, value = pickle.loads(b"".join(chunks))
        except Exception as exc:
            return Failed("crashed", f"unreadable result ({type(exc).__name__})", seconds)
        if kind == "ok":
            return value
        return Failed(kind, value, seconds)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGKILL and memory:
            return Failed("memory", "killed (memory limit)", seconds)
        return Failed("crashed", f"killed by signal {sig}", seconds)
    if memory and os.WEXITSTATUS(status):
        return Failed("memory", "could not finish within the memory limit", seconds)
    return Failed("crashed", f"exited with status {os.WEXITSTATUS(status)}", seconds)


@dataclass(frozen=True)
class _Task:
    """A picklable callable: ``fn`` under the limits, an exception turned into Failed."""

    fn: Callable[[Any], Any]
    timeout: float | None
    memory: int | None
    catch: bool
    setup: Callable[[], Any] | None = None

    def __call__(self, arg: Any) -> Any:
        if self.setup is not None:  # in the worker, before any fork: children inherit it
            self.setup()
        if not self.catch:
            return call_limited(self.fn, arg, timeout=self.timeout, memory=self.memory)
        start = time.monotonic()
        try:
            return call_limited(self.fn, arg, timeout=self.timeout, memory=self.memory)
        except MemoryError:
            return Failed("memory", "memory limit exceeded", time.monotonic() - start)
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            return Failed(
                "error",
                f"{type(exc).__name__}: {_one_line(exc)} "
                f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno})",
                time.monotonic() - start,
            )


# ------------------------------------------------------------------------------ executors


class Executor:
    """Runs ``fn`` over items; results in input order. Use as a context manager."""

    kind = "abstract"
    workers = 1

    def map(
        self,
        fn: Callable[[Any], Any],
        items: Iterable[Any],
        *,
        timeout: float | None = None,
        memory: int | None = None,
        catch: bool = False,
        progress: Progress | None = None,
        setup: Callable[[], Any] | None = None,
    ) -> list[Any]:
        """``[fn(x) for x in items]``, in that order, wherever it runs.

        ``timeout``/``memory``: per-task limits held by a forked child (see the module
        docstring); a task over a limit gives a :class:`Failed`. ``catch``: an exception in
        a task also gives a :class:`Failed` (otherwise it propagates). ``setup()`` runs in
        the worker before each task (make it cheap when repeated): imports and caches it
        fills are inherited by the forked children that hold the limits."""
        items = list(items)
        task = _Task(fn, timeout, memory, catch, setup)
        return self._run(task, items, progress)

    def _run(self, task: _Task, items: Sequence[Any], progress: Progress | None) -> list[Any]:
        raise NotImplementedError

    def describe(self) -> str:
        return self.kind

    def close(self) -> None:
        """Release the workers (the cluster itself is left running)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class InProcess(Executor):
    """Everything in this process, one item after the other."""

    kind = "in-process"

    def _run(self, task: _Task, items: Sequence[Any], progress: Progress | None) -> list[Any]:
        out = []
        for i, item in enumerate(items):
            out.append(task(item))
            if progress:
                progress(i + 1, len(items), i, out[-1])
        return out

    def describe(self) -> str:
        return "1 process"


def _worker_init(memory: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _set_memory_limit(memory)


def _dumps(obj: Any, what: str) -> bytes:
    """``obj`` as bytes for a worker process: pickle, else cloudpickle (closures, lambdas),
    else a ValueError saying what to pass instead. Done here, in the caller's thread: an
    object that fails to pickle inside ProcessPoolExecutor's feeder thread would leave
    its future waiting for ever."""
    try:
        return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        reason = f"{type(exc).__name__}: {_one_line(exc)}"
    try:
        import cloudpickle
    except ImportError:
        raise ValueError(
            f"{what} cannot be sent to worker processes ({reason}); use module-level "
            "functions, or install cloudpickle (it comes with adaproof[cluster])"
        ) from None
    return cloudpickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


def _invoke(task: bytes, item: bytes) -> Any:
    """In a worker: the task applied to the item, both sent as bytes by :func:`_dumps`."""
    return pickle.loads(task)(pickle.loads(item))


class LocalProcesses(Executor):
    """``jobs`` local worker processes (:class:`concurrent.futures.ProcessPoolExecutor`).

    ``worker_memory`` (bytes) caps how far each worker's address space may grow past its
    size at start (``RLIMIT_AS``); on Linux the
    workers are forked, so they start with what this process already imported.
    """

    kind = "local processes"

    def __init__(self, jobs: int, *, worker_memory: int | None = None):
        if jobs < 1:
            raise ValueError(f"jobs must be >= 1, got {jobs}")
        self.workers = jobs
        self._memory = worker_memory
        self._pool = None

    def _get_pool(self):
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            ctx = None
            if sys.platform.startswith("linux"):
                ctx = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=ctx, initializer=_worker_init, initargs=(self._memory,)
            )
        return self._pool

    def _run(self, task: _Task, items: Sequence[Any], progress: Progress | None) -> list[Any]:
        from concurrent.futures import as_completed

        sent = _dumps(task, "the function")
        payloads = [_dumps(item, f"item {i}") for i, item in enumerate(items)]
        pool = self._get_pool()
        futures = {pool.submit(_invoke, sent, item): i for i, item in enumerate(payloads)}
        out: list[Any] = [None] * len(items)
        try:
            for done, fut in enumerate(as_completed(futures), 1):
                i = futures[fut]
                out[i] = fut.result()
                if progress:
                    progress(done, len(items), i, out[i])
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise
        return out

    def describe(self) -> str:
        return f"{self.workers} local worker processes"

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type is not None and self._pool is not None:
            # leaving on an error, Ctrl-C or SIGTERM: stop the workers now instead of
            # waiting for the tasks they are running
            stop_pool(self._pool)
            self._pool = None
        self.close()


class Dask(Executor):
    """A dask.distributed cluster: a scheduler address or an existing ``Client``.

    :meth:`map` submits all items at once (``client.map``, ``pure=False``) and gathers the
    results in one round trip (or with the completions when there is a progress callback).
    What it cannot save is dask's own periodic work: with its defaults (20 ms event-loop
    ticks in the scheduler, nannies and workers, a 10 ms sampling profiler and 100 ms
    memory monitors in each worker) a 2-worker ``LocalCluster`` used about 0.11 of a core
    idle and 0.16 while busy on a 2-core machine (CPU time per thread), about 0.04 with
    ``DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL=500ms``,
    ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False``,
    ``DASK_DISTRIBUTED__WORKER__MEMORY__MONITOR_INTERVAL=1s`` and
    ``DASK_DISTRIBUTED__ADMIN__SYSTEM_MONITOR__INTERVAL=2s`` set where the scheduler and
    the workers start: worth it where the workers' cores are the machine's only cores.
    """

    kind = "dask"

    def __init__(self, scheduler: Any, *, timeout: float = 30.0):
        try:
            from distributed import Client
        except ImportError as exc:
            raise RuntimeError(
                "--scheduler needs dask.distributed: pip install 'adaproof[cluster]' "
                f"({type(exc).__name__}: {exc})"
            ) from None
        if isinstance(scheduler, Client):
            self.client, self._own = scheduler, False
        else:
            self.client = Client(scheduler, timeout=timeout, set_as_default=False)
            self._own = True
        self.address = self.client.scheduler.address
        info = self.client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info["workers"].values()))

    def _run(self, task: _Task, items: Sequence[Any], progress: Progress | None) -> list[Any]:
        from distributed import as_completed

        if not items:
            return []
        futures = self.client.map(task, list(items), pure=False)
        out: list[Any] = [None] * len(items)
        try:
            if progress is None:  # all results in one round trip to the workers, in order
                return self.client.gather(futures)
            index = {f.key: i for i, f in enumerate(futures)}
            # this client's loop: with set_as_default=False there is no default client;
            # results come with the completions (no round trip per future)
            finished = as_completed(futures, loop=self.client.loop, with_results=True)
            for done, (fut, result) in enumerate(finished, 1):
                i = index[fut.key]
                out[i] = result
                progress(done, len(items), i, result)
        except BaseException:
            self.client.cancel(futures)
            raise
        return out

    def describe(self) -> str:
        return f"dask cluster at {self.address} ({self.workers} worker threads)"

    def close(self) -> None:
        if self._own:
            self.client.close()


def stop_pool(pool: Any) -> None:
    """Shut a :class:`~concurrent.futures.ProcessPoolExecutor` down without waiting for its
    running tasks: pending ones are cancelled and the worker processes are killed."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        with contextlib.suppress(Exception):
            proc.kill()
    for proc in processes:
        with contextlib.suppress(Exception):
            proc.join(timeout=5)


def get_executor(
    jobs: int | None = None, scheduler: Any = None, *, worker_memory: int | None = None
) -> Executor:
    """The executor for ``-j jobs`` / ``--scheduler ADDRESS`` (the scheduler wins).

    ``jobs=None`` means every core of this machine; 1 means this process.
    """
    if scheduler is not None:
        return Dask(scheduler)
    n = default_jobs() if jobs is None else jobs
    if n < 1:
        raise ValueError(f"jobs must be >= 1, got {jobs}")
    return InProcess() if n == 1 else LocalProcesses(n, worker_memory=worker_memory)


def add_arguments(parser: Any, *, default_jobs_help: str = "every core") -> None:
    """``-j N`` and ``--scheduler ADDRESS`` on a command's parser."""
    parser.add_argument(
        "-j",
        "--jobs",
        metavar="N",
        default=None,
        help=f"local worker processes (default: {default_jobs_help}; 1: this process only)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="run on a dask.distributed cluster (e.g. tcp://10.0.0.5:8786) instead",
    )


def from_args(args: Any, *, default: int | None = None) -> Executor:
    """The executor a command's ``-j``/``--scheduler`` ask for; bad values: UsageError."""
    from adaproof.reports.errors import UsageError

    jobs = default
    if getattr(args, "jobs", None) is not None:
        try:
            jobs = parse_jobs(args.jobs)
        except ValueError as exc:
            raise UsageError(f"-j: {exc}") from None
    scheduler = getattr(args, "scheduler", None)
    if scheduler is not None and getattr(args, "jobs", None) is not None:
        raise UsageError("give either -j N or --scheduler ADDRESS, not both")
    try:
        return get_executor(jobs, scheduler)
    except (OSError, TimeoutError, RuntimeError) as exc:
        raise UsageError(
            f"--scheduler {scheduler}: cannot connect ({type(exc).__name__}: {_one_line(exc)}); "
            "check the address, or drop --scheduler to run on this machine"
        ) from None


__all__ = [
    "Dask",
    "Executor",
    "Failed",
    "InProcess",
    "LocalProcesses",
    "add_arguments",
    "call_limited",
    "default_jobs",
    "from_args",
    "get_executor",
    "parse_jobs",
]
