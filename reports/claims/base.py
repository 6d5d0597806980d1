"""A claim is data: where it comes from, what it says, what we expect, and a check.

The check is a zero-argument callable returning a :class:`Result` computed from
evidence (a symbolic part from :mod:`derivations` and a numeric part that runs
the real recursion from :mod:`numerics`). The expected verdict is the reviewed
regression baseline; ``adaproof check`` fails when the computed verdict differs.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Verdict(enum.StrEnum):
    PROVED = "proved"  # exact, shown symbolically, and a simulation agrees
    CONFIRMED = "confirmed"  # no symbolic proof; simulation agrees within a stated tolerance
    APPROXIMATE = "approximate"  # true only in a limit / approximately; error quantified
    CONDITIONAL = "conditional"  # true only under conditions the source did not state
    REFUTED = "refuted"  # false as written; counterexample (and corrected statement)
    INCONCLUSIVE = "inconclusive"  # could not decide within limits


class Kind(enum.StrEnum):
    IDENTITY = "identity"
    INEQUALITY = "inequality"
    LIMIT = "limit"
    VALUE = "value"
    ALGORITHM = "algorithm"
    QUALITATIVE = "qualitative"


@dataclass
class Result:
    """What a check found.

    ``summary`` is the one-line evidence shown in tables. ``evidence`` holds the
    numbers (errors, tolerances, sample sizes, reduced forms as strings) and must
    be JSON-serialisable. A refuted claim sets ``counterexample`` (parameter
    values and both sides' values) and, where one exists, ``corrected`` (LaTeX).
    """

    verdict: Verdict
    summary: str
    evidence: dict[str, Any] = field(default_factory=dict)
    counterexample: dict[str, Any] | None = None
    corrected: str | None = None
    #: for a conditional verdict: the condition (LaTeX) under which the claim holds
    condition: str | None = None


@dataclass(frozen=True)
class Claim:
    """One statement of a source document (or anchor paper).

    ``statement`` is the source's own formula/sentence in LaTeX (text parts in
    ``\\text{}``); ``inventory`` groups the claims read from one item of the source's
    inventory of statements (e.g. ``"002-11"`` for 002-11a, 002-11b, 002-11b.fix), or None.
    ``corrected_by`` names the claim id that states and verifies the correction
    of a refuted claim. ``figure`` names a lecture figure that illustrates it.
    """

    id: str
    source: str
    location: str
    inventory: str | None
    statement: str
    kind: Kind
    expected: Verdict
    check: Callable[[], Result]
    title: str = ""
    slow: bool = False
    corrected_by: str | None = None
    figure: str | None = None
