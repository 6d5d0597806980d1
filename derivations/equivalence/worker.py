"""The worker process of a decision (see :mod:`adaproof.derivations.isolation`)."""

from adaproof.derivations.isolation import MEMORY_MB, EngineError, Outcome, bounded, run_bounded

__all__ = ["MEMORY_MB", "EngineError", "Outcome", "bounded", "run_bounded"]
