r"""Evidence, the one rule that turns it into a verdict, and the ``@claim`` declaration.

A check gathers :class:`Evidence` and nothing else: symbolic facts it established
(:class:`Proof`), numerical comparisons between a run of the real recursion and what the
claim says (:class:`Comparison`, each with a mode and a tolerance), a counterexample it
found, the condition outside of which that counterexample lies, or the quantified error of
an approximation. :func:`verdict_from` maps evidence to a verdict by the rule below, which
is the only place a verdict is decided. The reviewed expectation written next to each claim
is the regression baseline that ``adaproof check`` compares the computed verdict against;
it never feeds into the verdict.

The rule, in order:

1. Evidence that contradicts itself decides nothing: if a :class:`Proof` failed
   (``holds=False``) or a :class:`Comparison` failed, the verdict is ``inconclusive``.
2. A counterexample with a stated condition (the claim holds when the condition holds, the
   counterexample violates it): ``conditional``.
3. The quantified error of an approximation (the claim holds in a limit, or approximately,
   with the error measured at stated parameters): ``approximate``.
4. A counterexample: ``refuted``.
5. At least one symbolic proof and at least one numerical comparison, all holding:
   ``proved`` (a symbolic proof, and a run of the recursion that agrees).
6. At least one numerical comparison, all holding, and no symbolic proof: ``confirmed``.
7. Anything else (for instance a proof without any run): ``inconclusive``.

A claim is declared by decorating its check::

    @claim(
        id="000-1a",
        source=SOURCE,
        location="Solution, first step",
        statement=r"v^{(1)} = (1-\beta)\nabla C",
        kind=Kind.IDENTITY,
        expected=Verdict.PROVED,
    )
    def first_moment_after_one_step() -> Evidence:
        ...

The decorator returns the :class:`~adaproof.reports.claims.base.Claim`; a section module's
claims are the ``Claim`` objects among its globals, in the order they are defined
(:func:`claims_of`).

>>> ev = Evidence("ok", proofs=[Proof("x - x = 0", True)],
...               comparisons=[Comparison("run", value=1.0, reference=1.0, tol=1e-12)])
>>> str(verdict_from(ev))
'proved'
>>> str(verdict_from(Evidence("cx", counterexample={"beta": 0.9})))
'refuted'
>>> str(verdict_from(Evidence("bad", comparisons=[Comparison("run", error=1.0, tol=1e-3)])))
'inconclusive'
"""

from __future__ import annotations

import importlib
import inspect
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from adaproof.reports.claims.base import Claim, Kind, Result, Verdict

__all__ = [
    "Approximation",
    "Comparison",
    "Evidence",
    "Proof",
    "claim",
    "claims_of",
    "conclude",
    "verdict_from",
]

#: How a comparison of a measured value with the claimed reference passes.
#: ``exact``: |value − reference| ≤ tol (or a given ``error`` ≤ tol);
#: ``upper``: value ≤ reference + tol (the reference is an upper bound);
#: ``lower``: value ≥ reference − tol (the reference is a lower bound);
#: ``limit``: |value − reference| ≤ tol, the value taken far along a sequence;
#: ``rate``: a fitted exponent or ratio within tol of the reference.
Mode = Literal["exact", "upper", "lower", "limit", "rate"]


@dataclass(frozen=True)
class Proof:
    """A symbolic fact: ``statement`` (what was reduced, e.g. ``"expand(v_2 - printed) = 0"``)
    and whether the reduction established it (``holds``)."""

    statement: str
    holds: bool
    method: str = "sympy"

    def to_json(self) -> dict[str, Any]:
        return {"statement": self.statement, "holds": bool(self.holds), "method": self.method}


@dataclass(frozen=True)
class Comparison:
    """A measured value (from a run of the recursion, a simulation or a high-precision
    evaluation) against what the claim says, with a mode and a tolerance.

    Give ``value`` and ``reference``, or only ``error`` (an already measured deviation,
    compared with ``tol`` in ``exact``/``limit`` mode).
    """

    name: str
    value: float | None = None
    reference: float | None = None
    tol: float = 0.0
    mode: Mode = "exact"
    error: float | None = None
    note: str = ""

    @property
    def deviation(self) -> float:
        if self.error is not None:
            return float(self.error)
        if self.value is None or self.reference is None:
            raise ValueError(f"comparison {self.name!r} needs value and reference, or error")
        return abs(float(self.value) - float(self.reference))

    @property
    def passes(self) -> bool:
        if self.mode in ("upper", "lower") and self.error is None:
            v, r = float(self.value), float(self.reference)  # type: ignore[arg-type]
            if not (math.isfinite(v) and math.isfinite(r)):
                return False
            return v <= r + self.tol if self.mode == "upper" else v >= r - self.tol
        d = self.deviation
        return math.isfinite(d) and d <= self.tol

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "mode": self.mode, "tol": self.tol}
        for key in ("value", "reference", "error"):
            v = getattr(self, key)
            if v is not None:
                out[key] = float(v)
        out["passes"] = self.passes
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Approximation:
    """The claim holds in a limit or approximately: ``limit`` says which (LaTeX or text),
    ``error`` is the measured error at the parameters ``at``."""

    limit: str
    error: float
    at: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"limit": self.limit, "error": float(self.error), "at": self.at}


@dataclass
class Evidence:
    """Everything a check found. ``summary`` is the one line shown in tables; ``details``
    holds further JSON-serialisable facts (reduced forms, sample sizes, seeds)."""

    summary: str
    proofs: list[Proof] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    counterexample: dict[str, Any] | None = None
    condition: str | None = None
    approximation: Approximation | None = None
    corrected: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def verdict_from(ev: Evidence) -> Verdict:
    """The verdict the evidence supports, by the rule in this module's docstring."""
    if any(not p.holds for p in ev.proofs) or any(not c.passes for c in ev.comparisons):
        return Verdict.INCONCLUSIVE
    if ev.counterexample is not None and ev.condition:
        return Verdict.CONDITIONAL
    if ev.approximation is not None:
        return Verdict.APPROXIMATE
    if ev.counterexample is not None:
        return Verdict.REFUTED
    if ev.proofs and ev.comparisons:
        return Verdict.PROVED
    if ev.comparisons and not ev.proofs:
        return Verdict.CONFIRMED
    return Verdict.INCONCLUSIVE


def _why_inconclusive(ev: Evidence) -> str:
    failed = [f"proof failed: {p.statement}" for p in ev.proofs if not p.holds]
    failed += [f"comparison failed: {c.name}" for c in ev.comparisons if not c.passes]
    if failed:
        return "; ".join(failed)
    if ev.proofs and not ev.comparisons:
        return "a symbolic proof but no run of the recursion"
    return "no evidence either way"


def conclude(ev: Evidence) -> Result:
    """The :class:`Result` of a check: the verdict by :func:`verdict_from`, the evidence as
    JSON (proofs, comparisons, approximation, details), the counterexample, correction and
    condition carried over."""
    verdict = verdict_from(ev)
    evidence: dict[str, Any] = dict(ev.details)
    if ev.proofs:
        evidence["proofs"] = [p.to_json() for p in ev.proofs]
    if ev.comparisons:
        evidence["comparisons"] = [c.to_json() for c in ev.comparisons]
    if ev.approximation is not None:
        evidence["approximation"] = ev.approximation.to_json()
    summary = ev.summary
    if verdict is Verdict.INCONCLUSIVE:
        summary = f"{_why_inconclusive(ev)} ({ev.summary})"
    return Result(
        verdict,
        summary,
        evidence,
        counterexample=ev.counterexample,
        corrected=ev.corrected if verdict is Verdict.REFUTED else None,
        condition=ev.condition if verdict is Verdict.CONDITIONAL else None,
    )


def claim(
    *,
    id: str,
    source: str,
    location: str,
    statement: str,
    kind: Kind,
    expected: Verdict,
    title: str = "",
    inventory: str | None = None,
    slow: bool = False,
    corrected_by: str | None = None,
    figure: str | None = None,
) -> Callable[[Callable[[], Evidence]], Claim]:
    """Declare the decorated zero-argument function (returning :class:`Evidence`) as the
    check of one claim; ``expected`` is the reviewed regression baseline."""

    def wrap(fn: Callable[[], Evidence]) -> Claim:
        def check() -> Result:
            ev = fn()
            if not isinstance(ev, Evidence):
                raise TypeError(f"check of {id} returned {type(ev).__name__}, not Evidence")
            return conclude(ev)

        check.__name__ = fn.__name__
        check.__doc__ = fn.__doc__
        check.__wrapped__ = fn  # type: ignore[attr-defined]
        return Claim(
            id=id,
            source=source,
            location=location,
            inventory=inventory,
            statement=statement,
            kind=kind,
            expected=expected,
            check=check,
            title=title,
            slow=slow,
            corrected_by=corrected_by,
            figure=figure,
        )

    return wrap


def claims_of(*modules: Any) -> list[Claim]:
    """The claims declared in ``modules``, in module order and definition order."""
    out: list[Claim] = []
    for mod in modules:
        out.extend(v for v in vars(mod).values() if isinstance(v, Claim))
    return out


def where(c: Claim) -> tuple[str, int]:
    """File and first line of the function that checks ``c``."""
    fn = inspect.unwrap(c.check)
    try:
        lines = inspect.getsourcelines(fn)
        return inspect.getsourcefile(fn) or "?", lines[1]
    except (OSError, TypeError):
        return "?", 0


def _names(code: Any) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _names(const)
    return names


def calls_into(
    c: Claim, prefixes: Iterable[str] = ("adaproof.derivations", "adaproof.numerics")
) -> list[str]:
    """The derivations and numerics functions a claim's check uses, following the helpers in
    ``adaproof.reports`` it calls (what ``adaproof claims ID`` lists as the code behind a
    verdict)."""
    prefixes = tuple(prefixes)
    found: set[str] = set()
    seen: set[int] = set()
    stack = [inspect.unwrap(c.check)]
    while stack:
        fn = stack.pop()
        if id(fn) in seen or not hasattr(fn, "__code__"):
            continue
        seen.add(id(fn))
        names = _names(fn.__code__)
        for name in names:
            if "." in name and name.startswith(prefixes):  # a function-local import
                try:
                    module = importlib.import_module(name)
                except ImportError:
                    module = None
                if module is not None:
                    found.update(f"{name}.{a}" for a in names if callable(getattr(module, a, None)))
                continue
            obj = fn.__globals__.get(name)
            if obj is None:
                continue
            if inspect.ismodule(obj):
                if obj.__name__.startswith(prefixes):
                    found.update(
                        f"{obj.__name__}.{a}" for a in names if callable(getattr(obj, a, None))
                    )
                elif obj.__name__.startswith("adaproof.reports"):
                    for a in names:
                        member = inspect.unwrap(getattr(obj, a, None) or (lambda: None))
                        if inspect.isfunction(member) and member.__module__ == obj.__name__:
                            stack.append(member)
                continue
            target = inspect.unwrap(obj) if callable(obj) else None
            mod = getattr(target, "__module__", "") or ""
            if mod.startswith(prefixes):
                found.add(f"{mod}.{getattr(target, '__qualname__', name)}")
            elif mod.startswith("adaproof.reports") and inspect.isfunction(target):
                stack.append(target)
    return sorted(found)
