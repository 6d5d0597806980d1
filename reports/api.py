r"""Deciding a relation from code without raising (:func:`check`), and the assertion helpers.

The assertion helpers (:func:`assert_bound`, :func:`assert_equivalent`,
:class:`ClaimInconclusive`) are those of :mod:`adaproof.testing`, the module a user's pytest
suite imports; this module re-exports them and adds :func:`check`, which returns the
decision instead of raising.

>>> check("b^2", "<=", "b/2", assume="0 < b < 1").verdict
'false'
>>> check("(1-b^t)/(1-b)", "<=", "t", assume=["0 < b < 1", "t integer >= 1"]).verdict
'true'

Sides may be SymPy expressions, ints, or text in the notation of ``adaproof verify``
(parsed safely, never evaluated); assumptions are text such as ``"0 < b < 1"``,
``"t integer >= 1"``, ``"x real"`` (a string or a list), or a dict of symbols to domains.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from adaproof.derivations.equivalence import RELATIONS, Decision, decide, decide_bounded
from adaproof.testing import (
    ClaimInconclusive,
    _prepare,
    assert_bound,
    assert_equivalent,
    message,
)


def check(
    lhs: Any,
    op: str,
    rhs: Any,
    *,
    assume: str | Iterable[str] | dict | None = None,
    budget: float = 10.0,
    require_proof: bool = False,
    isolate: bool = True,
) -> Decision:
    """Decide ``lhs op rhs`` without raising; see :func:`derivations.equivalence.decide`.

    With ``isolate`` (the default) the decision runs in a worker process ended at the
    budget, with a 512 MB memory cap: a limit reached makes it inconclusive, with the
    reason. ``isolate=False`` decides in this process (budget kept by SIGALRM only).
    """
    if op not in RELATIONS:
        raise ValueError(f"op must be one of {', '.join(RELATIONS)}, got {op!r}")
    if not isinstance(budget, int | float) or isinstance(budget, bool) or not budget > 0:
        raise ValueError(f"budget must be a positive number of seconds, got {budget!r}")
    left, right, domains, _names = _prepare(lhs, rhs, assume)
    if isolate:
        return decide_bounded(left, op, right, domains, budget=budget, require_proof=require_proof)
    return decide(left, op, right, domains, budget=budget, require_proof=require_proof)


__all__ = ["ClaimInconclusive", "assert_bound", "assert_equivalent", "check", "message"]
