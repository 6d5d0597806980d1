"""Shared pieces of the decision engine: budgets, built-in domains, number formatting."""

from __future__ import annotations

import contextlib
import gc
import signal
import threading
import time
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.parsing.assume import REAL, Domain, symbol_for

RELATIONS = ("=", "<=", "<", ">=", ">")
#: EMA parameters lie in (0, 1)
_UNIT = Domain(lo=sp.Integer(0), hi=sp.Integer(1))


def default_domain(sym: sp.Symbol) -> Domain:
    """The built-in domain of a symbol: the package's conventions and its assumptions."""
    if sym in (S.beta1, S.beta2, S.beta, S.rho, S.mu_m):
        return _UNIT
    if sym.is_integer:
        if sym.is_positive:
            return Domain(lo=sp.Integer(1), lo_open=False, integer=True)
        if sym.is_nonnegative:
            return Domain(lo=sp.Integer(0), lo_open=False, integer=True)
        return Domain(integer=True)
    if sym.is_positive:
        return Domain(lo=sp.Integer(0))
    if sym.is_nonnegative:
        return Domain(lo=sp.Integer(0), lo_open=False)
    if sym.is_negative:
        return Domain(hi=sp.Integer(0))
    return REAL


def effective_domains(
    exprs: list[sp.Expr], assume: dict[sp.Symbol, Domain] | None
) -> tuple[dict[sp.Symbol, Domain], dict[sp.Symbol, str]]:
    """Each free symbol's domain and where it came from ("stated" or "built-in").

    A stated assumption replaces the symbol's built-in domain (it is not merged with it):
    ``t real`` makes t range over the reals even though t is an integer by convention.
    Symbols are matched by object, then by name.
    """
    free: set[sp.Symbol] = set()
    for e in exprs:
        free |= e.free_symbols
    assume = assume or {}
    byname = {s.name: d for s, d in assume.items()}
    out, origin = {}, {}
    for s in free:
        if s in assume:
            out[s], origin[s] = assume[s], "stated"
        elif s.name in byname:
            out[s], origin[s] = byname[s.name], "stated"
        else:
            out[s], origin[s] = default_domain(s), "built-in"
    return out, origin


def fresh_symbols(domains: dict[sp.Symbol, Domain]) -> dict[sp.Symbol, sp.Symbol]:
    """Symbols of the same names whose SymPy assumptions say exactly the domain (for proofs)."""
    return {s: symbol_for(s.name, d) for s, d in domains.items()}


class Timeout(Exception):
    """The time budget ran out."""


def _unraisable_here(frame) -> bool:
    """True inside a garbage-collector callback (``gc.callbacks``, such as the one dask's
    distributed installs), a weak-reference callback or a ``__del__``, where Python cannot
    pass an exception on (it reports it as "unraisable" and goes on)."""
    callbacks = {getattr(cb, "__code__", None) for cb in gc.callbacks}
    for _ in range(3):
        if frame is None:
            return False
        code = frame.f_code
        if code in callbacks or code.co_name == "__del__":
            return True
        if code.co_filename.endswith(("weakref.py", "_weakrefset.py")):
            return True
        frame = frame.f_back
    return False


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`Timeout` inside the block after ``seconds`` (main thread only).

    SymPy cannot be interrupted from another thread, so this uses SIGALRM; in
    another thread, or where SIGALRM does not exist, the block runs unbounded. The
    hard limit is the worker process of :mod:`.worker`, ended from outside.
    """
    if (
        seconds is None
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    if seconds <= 0:
        raise Timeout()

    def handler(signum, frame):
        if _unraisable_here(frame):
            return  # raised here it would be lost (and reported); the next tick raises it
        raise Timeout()

    started = time.monotonic()
    outer = signal.getitimer(signal.ITIMER_REAL)[0]
    if outer > 0:  # never beyond an enclosing deadline
        seconds = min(seconds, outer)
    old = signal.signal(signal.SIGALRM, handler)
    # the alarm repeats every 0.05 s: a Timeout raised where Python must ignore it (a
    # garbage-collector callback, a __del__) is raised again at the next tick
    old_timer = signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if old_timer[0] > 0:  # an outer deadline: re-arm what is left of it
            signal.setitimer(
                signal.ITIMER_REAL,
                max(old_timer[0] - (time.monotonic() - started), 1e-3),
                old_timer[1],
            )


def fmt(v: Any, digits: int = 12) -> str:
    """A value for people: exact fractions when short, else ``digits`` significant digits."""
    if isinstance(v, Fraction):
        if v.denominator == 1 and abs(v.numerator) < 10**15:
            return str(v.numerator)
        if v.denominator <= 10**6 and abs(v.numerator) < 10**9:
            return f"{v.numerator}/{v.denominator}"
        return mpmath.nstr(mpmath.mpf(v.numerator) / v.denominator, digits)
    return mpmath.nstr(v, digits)


def as_sympy(x: Any, what: str) -> sp.Expr:
    """SymPy objects and plain numbers only: text must go through the safe parser."""
    if isinstance(x, sp.Basic):
        return x
    if isinstance(x, bool) or not isinstance(x, int | Fraction):
        raise TypeError(f"{what} must be a SymPy expression or an int, got {type(x).__name__}")
    return sp.Rational(x.numerator, x.denominator) if isinstance(x, Fraction) else sp.Integer(x)
