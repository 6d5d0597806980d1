r"""Deciding ``=, <=, <, >=, >`` between SymPy expressions, and why an answer is wrong.

Modules, by concern:

* :mod:`.compiler`: exact and interval evaluation of an expression at a rational point;
* :mod:`.search`: the points tried and the counterexample search;
* :mod:`.proof`: symbolic proofs, sums with a symbolic limit (integral test);
* :mod:`.decide`: :func:`decide` and its :class:`Decision`;
* :mod:`.hints`: checked hints for a wrong answer;
* :mod:`.limits`: asymptotic steps (:func:`decide_limit`);
* :mod:`.worker`: a hard time limit and memory cap from outside (:func:`run_bounded`).

>>> from adaproof.derivations.symbols import beta1
>>> decide((1 - beta1**2) / (1 - beta1), "=", 1 + beta1).verdict
'true'
"""

from __future__ import annotations

from adaproof.derivations.equivalence.common import (
    RELATIONS,
    Timeout,
    deadline,
    default_domain,
    effective_domains,
)
from adaproof.derivations.equivalence.compiler import (
    Undefined,
    Unsupported,
    compile_expr,
    evaluate,
)
from adaproof.derivations.equivalence.decide import (
    DPS,
    DPS_CONFIRM,
    Decision,
    decide,
    decide_bounded,
    limited,
)
from adaproof.derivations.equivalence.hints import hints
from adaproof.derivations.equivalence.limits import decide_limit
from adaproof.derivations.equivalence.search import Sampler
from adaproof.derivations.equivalence.worker import EngineError, bounded, run_bounded

__all__ = [
    "DPS",
    "DPS_CONFIRM",
    "RELATIONS",
    "Decision",
    "EngineError",
    "Sampler",
    "Timeout",
    "Undefined",
    "Unsupported",
    "bounded",
    "compile_expr",
    "deadline",
    "decide",
    "decide_bounded",
    "decide_limit",
    "default_domain",
    "effective_domains",
    "evaluate",
    "hints",
    "limited",
    "run_bounded",
]
