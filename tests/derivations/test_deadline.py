"""The in-process deadline (SIGALRM) is not lost when it fires inside a ``__del__`` or a
weak-reference callback, where Python would report an exception as "unraisable"."""

from __future__ import annotations

import gc
import sys
import time

import pytest
from adaproof.derivations.equivalence.common import Timeout, deadline


class _SlowFinalizer:
    def __del__(self):
        end = time.monotonic() + 0.3
        while time.monotonic() < end:  # the alarm fires in here
            pass


def _finalize_then_spin(started: float) -> None:
    with deadline(0.1):
        obj = _SlowFinalizer()
        del obj  # runs __del__ now (reference count 0), past the deadline
        while time.monotonic() - started < 5:
            pass


def test_a_deadline_that_fires_in_a_finalizer_is_raised_after_it(monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    started = time.monotonic()
    with pytest.raises(Timeout):
        _finalize_then_spin(started)
    assert seen == []  # nothing was raised where it would be lost
    assert time.monotonic() - started < 1.0  # and the deadline still held


def _slow_gc_callback(phase, info):
    if phase == "start":
        end = time.monotonic() + 0.3
        while time.monotonic() < end:  # the alarm fires in here
            pass


def _collect_then_spin(started: float) -> None:
    with deadline(0.1):
        gc.collect()  # runs the callback, past the deadline
        while time.monotonic() - started < 5:
            pass


def test_a_deadline_that_fires_in_a_gc_callback_is_raised_after_it(monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    gc.callbacks.append(_slow_gc_callback)
    started = time.monotonic()
    try:
        with pytest.raises(Timeout):
            _collect_then_spin(started)
    finally:
        gc.callbacks.remove(_slow_gc_callback)
    assert seen == []
    assert time.monotonic() - started < 1.5
