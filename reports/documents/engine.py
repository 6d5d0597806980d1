r"""Definitions, unrolling and decisions for the relations of one document.

A relation whose left side is a name not defined yet defines it: a sequence
(``m_t``, ``\hat{m}_t``, ``v^{(t+1)}``, ``\eta_t[i]``) or a value (``\beta_1 = 0.9``).
It is a *recursion* when the name recurs on the right at an earlier index; its
initial value is the document's (``m_0 = 0``) or 0 by default (said in the output).
A later recursion for the same name replaces it (a new section, a new method); any
other relation with a defined name on the left is a *claim*, checked against the
definition in force (so ``v_t = \beta v_t + …`` is checked, not taken as a definition).

Claims are decided by :func:`adaproof.derivations.equivalence.decide` after the
definitions are unrolled: once symbolically (index ``t`` symbolic) when no
recursion is involved, else exactly at t = 1..8. ``≈`` is a limit: t → ∞ (the
recursion run numerically at t = 100, 200, 400) or ε → 0. ``E[…]`` and ``Var(…)``
follow the document's model (``adaproof: model g_t iid, mean \mu, variance \sigma^2``)
by linearity and independence, or the default model, which is then stated.
"""

from __future__ import annotations

import itertools
import random
import re
import time
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.parsing.notation import Scope
from adaproof.reports.documents import bigo, equations, projection, ranges
from adaproof.reports.documents import functions as F
from adaproof.reports.documents import notation as N
from adaproof.reports.documents.reader import Document

#: how a claim read with a parameter renamed says so (β read as β₁)
_RENAMED = "; read "
#: index values at which a recursion is unrolled exactly
EXACT_STEPS = tuple(range(1, 9))
#: largest expression (SymPy operation count) an unrolled value may reach
MAX_OPS = 6000
_EMA_NAMES = ("beta", "rho", "gamma")
#: prose that makes the next display conditional ("so long as $t \ge …$, … so that:")
_CONDITION = re.compile(
    r"\b(so long as|as long as|provided that|whenever|for sufficiently large)\b[^$]*\$[^$]+\$.*",
    re.I,
)
#: right sides not read that still leave a definition (a model the reader has no algebra for)
_UNREAD_DEFINING = ("an inner product", "a set or an undefined operator", "a norm")
_INDEX_NAMES = frozenset({"t", "k", "n", "T", "i", "j", "z", "tau", "s", "d"})


class Undecided(Exception):
    """A claim that cannot be decided; the message is the reason."""


class NotationMismatch(Undecided):
    """The claim's notation differs from the definitions it uses (β for β₁, ∇b for ∇w)."""


@dataclass
class Entry:
    """One relation (or displayed formula) of the document, as read and decided."""

    line: int
    text: str
    role: str  # definition | initial value | given | claim | not checked
    verdict: str  # defined | true | false | inconclusive | not checked
    reading: str = ""
    method: str = ""
    relation: str = ""
    counterexample: dict[str, Any] | None = None
    approximate: bool = False
    symbolic: bool = False
    mismatch: bool = False  # not decided because the claim's notation differs
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "text": self.text,
            "role": self.role,
            "verdict": self.verdict,
            "reading": self.reading,
            "method": self.method,
            "relation": self.relation,
            "counterexample": self.counterexample,
        }


@dataclass
class General:
    var: sp.Symbol
    offset: sp.Expr
    rhs: sp.Expr
    line: int
    recursive: bool


@dataclass
class Model:
    name: str
    mean: sp.Expr | None
    variance: sp.Expr | None
    line: int | None  # None: the default model
    second: sp.Expr | None = None  # E[g_t^2] when the document gives it rather than Var

    def moment(self, k: int, used: set[str]) -> sp.Expr:
        """E[g^k] (k = 1, 2); a moment the document does not give is the default, said."""
        if k == 2 and self.second is not None:
            return self.second
        if k == 1:
            return self.mean_or_default(used)
        return self.variance_or_default(used) + self.mean_or_default(used) ** 2

    def mean_or_default(self, used: set[str]) -> sp.Expr:
        if self.mean is None:
            used.add(f"mean of {N.pretty_name(self.name)}_t: μ (default; the document gives none)")
            return S.mu
        return self.mean

    def variance_or_default(self, used: set[str]) -> sp.Expr:
        if self.variance is None:
            used.add(
                f"variance of {N.pretty_name(self.name)}_t: σ² (default; the document gives none)"
            )
            return S.sigma**2
        return self.variance


@dataclass
class Defs:
    general: dict[str, General] = field(default_factory=dict)
    values: dict[str, dict[int, tuple[sp.Expr, int]]] = field(default_factory=dict)
    scalars: dict[sp.Symbol, tuple[sp.Expr, int]] = field(default_factory=dict)
    inputs: dict[sp.Symbol, tuple[str, int]] = field(default_factory=dict)
    models: dict[str, Model] = field(default_factory=dict)
    domains: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: names redefined by a formula that was not read: claims using them are not decided
    tainted: dict[str, str] = field(default_factory=dict)
    #: plain names defined by a formula that was not read (ŷ = ⟨w, x⟩)
    tainted_symbols: dict[sp.Symbol, str] = field(default_factory=dict)
    #: earlier definitions of a name that a later one replaced (a new section, a new method)
    alternatives: dict[str, list[tuple[General, dict]]] = field(default_factory=dict)
    #: a condition the prose puts before the display being checked (β₁^t ≤ 1/2)
    condition: Condition | None = None
    #: initial values given for an accumulator read with another gradient (v_0 = (∇b_0)^2
    #: where v_t is a recursion in ∇w_t): (name, old, new) -> (definition, (n, value, line))
    swapped: dict = field(default_factory=dict)
    #: projected recursions and the conditions the prose states for them (projection.State)
    projection: Any = None


@dataclass
class Condition:
    """``base^var op bound`` stated in the text right before a display (``β₁^t ≤ 1/2``)."""

    base: sp.Symbol
    var: sp.Symbol
    bound: sp.Expr
    strict: bool
    text: str

    def apply(self, *exprs: sp.Expr) -> tuple[list[sp.Expr], sp.Symbol] | None:
        """The expressions with every ``base^(k var + c)`` written ``u^k base^c``, u the
        value of ``base^var``; None when ``var`` is left anywhere else. A proof with u free
        in (0, bound] covers every var for which the condition holds."""
        u = sp.Symbol("u_cond", positive=True)

        def power(e):
            if not (isinstance(e, sp.Pow) and e.base == self.base):
                return None
            poly = sp.Poly(sp.expand(e.exp), self.var) if e.exp.has(self.var) else None
            if poly is None or poly.degree() != 1:
                return None
            k, c = poly.all_coeffs()
            if not (k.is_Integer and k > 0):
                return None
            return u**k * self.base**c

        out = []
        for e in exprs:
            e = e.replace(lambda x: power(x) is not None, power)
            if e.has(self.var):
                return None
            out.append(e)
        if not any(x.has(u) for x in out):
            return None
        return out, u


def _show(e: sp.Expr) -> str:
    return sp.sstr(e).replace("seq_", "")


def _seqs(expr: sp.Expr) -> list:
    return [f for f in expr.atoms(sp.core.function.AppliedUndef) if N.is_seq(f)]


def _linear_index(idx: sp.Expr) -> tuple[sp.Symbol, sp.Expr] | None:
    free = [s for s in idx.free_symbols if not isinstance(s, sp.Dummy)]
    if len(free) != 1:
        return None
    (v,) = free
    c = sp.expand(idx - v)
    return (v, c) if c.is_Integer else None


class Unroller:
    """Values of the document's names at integer indices (exact or at a numeric point)."""

    def __init__(self, defs: Defs, point: dict | None = None):
        self.defs = defs
        self.point = point
        self.memo: dict[tuple[str, int], sp.Expr] = {}
        self.used: set[str] = set()
        self.rhs_cache: dict[str, sp.Expr] = {}

    def scalars(self, e: sp.Expr) -> sp.Expr:
        for _ in range(6):
            reps = {s: v for s, (v, _l) in self.defs.scalars.items() if s in e.free_symbols}
            if not reps:
                break
            e = e.xreplace(reps)
        return e

    def num(self, e: sp.Expr) -> sp.Expr:
        if self.point is None:
            return e
        e = e.xreplace(self.point)
        return e.evalf(30) if not e.free_symbols else e

    def value(self, name: str, n: int) -> sp.Expr:
        key = (name, n)
        if key in self.memo:
            return self.memo[key]
        vals = self.defs.values.get(name, {})
        gen = self.defs.general.get(name)
        if n in vals:
            out = self.expr(vals[n][0])
        elif gen is None:
            label = f"{N.pretty_name(name)}_{n}"
            sym = sp.Symbol(label, real=True)
            self.defs.inputs[sym] = (name, n)
            out = self.num(sym)
        else:
            k = n - int(gen.offset)
            if gen.recursive:
                n0 = min(vals) if vals else 0
                if n < n0:
                    raise Undecided(f"{N.pretty_name(name)}_{n} lies before the initial value")
                if n == n0:
                    self.used.add(f"{N.pretty_name(name)}_{n0} = 0 (default initial value)")
                    self.memo[key] = sp.Integer(0)
                    return sp.Integer(0)
            rhs = self.rhs_cache.get(name)
            if rhs is None:
                rhs = self.rhs_cache[name] = self.num(self.scalars(gen.rhs))
            try:
                out = self.expr(rhs.xreplace({gen.var: sp.Integer(k)}))
                if gen.recursive and out.has(sp.zoo, sp.nan):
                    raise Undecided("division by zero")
            except Undecided:
                if not (gen.recursive and not vals and n == 1):
                    raise
                # w_{t+1} = w_t - α m̂_t/…: undefined at t = 0, so w_1 is the free start
                label = f"{N.pretty_name(name)}_1"
                out = sp.Symbol(label, real=True)
                self.defs.inputs[out] = (name, 1)
                self.used.add(f"{label} free (the recursion is undefined below index 1)")
                out = self.num(out)
        if out.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise Undecided(f"{N.pretty_name(name)}_{n} is undefined (division by zero)")
        if self.point is None and sp.count_ops(out) > MAX_OPS:
            raise Undecided("the unrolled expression grows too large")
        self.memo[key] = out
        return out

    def expr(self, e: sp.Expr, moments: bool = True) -> sp.Expr:
        e = self.scalars(e)
        if e.has(sp.Sum):
            e = e.replace(
                lambda x: isinstance(x, sp.Sum) and all(b.is_Integer for b in x.limits[0][1:]),
                lambda x: x.doit(),
            )
        reps = {}
        for f in _seqs(e):
            (idx,) = f.args
            if idx.is_Integer:
                reps[f] = self.value(N.seq_name(f), int(idx))
            elif (
                N.seq_name(f) in self.defs.general
                and not self.defs.general[N.seq_name(f)].recursive
            ):
                g = self.defs.general[N.seq_name(f)]
                lin = _linear_index(idx)
                if lin is not None:
                    reps[f] = self.expr(g.rhs.xreplace({g.var: idx - g.offset}), moments)
        if reps:
            e = e.xreplace(reps)
        if moments:
            e = self.moments(e)
        return self.num(e)

    # -- expectation and variance under the model ------------------------------------------
    def moments(self, e: sp.Expr) -> sp.Expr:
        ops = [
            a for a in e.atoms(sp.core.function.AppliedUndef) if a.func in (N.Expect, N.Variance)
        ]
        if not ops:
            return e
        reps = {}
        for op in ops:
            x = self.expr(op.args[0])
            reps[op] = self.expect(x) if op.func == N.Expect else self.variance(x)
        return e.xreplace(reps)

    def _random(self, x: sp.Expr) -> list[sp.Symbol]:
        if _seqs(x):
            raise Undecided("E[…]/Var(…) of a term whose index is not a number")
        rand = [s for s in x.free_symbols if s in self.defs.inputs]
        names = {self.defs.inputs[s][0] for s in rand}
        for name in names:
            if name not in self.defs.models:
                if self.defs.models:
                    raise Undecided(f"no model for {N.pretty_name(name)}_t (adaproof: model …)")
                self.defs.models[name] = Model(name, S.mu, S.sigma**2, None)
            m = self.defs.models[name]
            if m.line is None:
                self.used.add(
                    f"default model: {N.pretty_name(name)}_t iid, mean μ, variance σ² "
                    "(no 'adaproof: model' line)"
                )
        return rand

    def expect(self, x: sp.Expr) -> sp.Expr:
        rand = self._random(x)
        if not rand:
            return x
        try:
            poly = sp.Poly(sp.expand(x), *rand)
        except sp.PolynomialError:
            raise Undecided("E[…] of an expression not polynomial in the gradients") from None
        out = sp.Integer(0)
        for monom, coeff in poly.terms():
            term = coeff
            for sym, e in zip(rand, monom, strict=True):
                m = self.defs.models[self.defs.inputs[sym][0]]
                if e in (1, 2):
                    term *= m.moment(e, self.used)
                elif e > 2:
                    raise Undecided("a moment above the second (the model gives mean and variance)")
            out += term
        return out

    def variance(self, x: sp.Expr) -> sp.Expr:
        rand = self._random(x)
        if not rand:
            return sp.Integer(0)
        try:
            poly = sp.Poly(sp.expand(x), *rand)
        except sp.PolynomialError:
            raise Undecided("Var(…) of an expression not polynomial in the gradients") from None
        if poly.total_degree() <= 1:  # independence: Var(Σ a_k g_k) = Σ a_k² Var(g_k)
            out = sp.Integer(0)
            for sym in rand:
                m = self.defs.models[self.defs.inputs[sym][0]]
                out += poly.coeff_monomial(sym) ** 2 * m.variance_or_default(self.used)
            return out
        return sp.expand(self.expect(sp.expand(x**2)) - self.expect(x) ** 2)


# -- deciding one claim ------------------------------------------------------------------------


def _index_vars(defs: Defs, *exprs: sp.Expr) -> list[sp.Symbol]:
    out: set[sp.Symbol] = set()
    for e in exprs:
        for f in _seqs(e):
            out |= {s for s in f.args[0].free_symbols if not isinstance(s, sp.Dummy)}
        for s in e.atoms(sp.Sum):
            for lim in s.limits:
                for b in lim[1:]:
                    out |= {x for x in b.free_symbols if not isinstance(x, sp.Dummy)}
    return sorted(out, key=lambda s: s.name)


def _decide(lhs, op, rhs, defs: Defs, budget: float):
    from adaproof.derivations.equivalence import decide
    from adaproof.derivations.parsing.assume import Domain

    cond = defs.condition
    applied = cond.apply(lhs, rhs) if cond is not None else None
    if applied is not None:
        (lc, rc), u = applied
        dom = Domain(lo=sp.Integer(0), hi=cond.bound, hi_open=cond.strict)
        d = decide(lc, op, rc, {**defs.domains, u: dom}, budget=max(budget * 0.5, 0.3))
        if d.verdict == "true" and d.method.startswith("symbolic"):
            d.method = (
                f"{d.method}, under the condition the text states before it ({cond.text}; "
                f"{_show(cond.base)}^{cond.var.name} read as one value in "
                f"(0, {cond.bound}])"
            )
            return d
    symbolic = projection.symbolic_worth(lhs, rhs)  # not on long unrolled projections
    return decide(lhs, op, rhs, defs.domains or None, budget=max(budget, 0.3), symbolic=symbolic)


def decide_claim(lhs: sp.Expr, op: str, rhs: sp.Expr, defs: Defs, budget: float) -> Entry:
    """Decide ``lhs op rhs`` after unrolling; returns a claim Entry (text filled by caller).

    A claim false (or not decided because its notation differs) under the definitions in
    force is tried under the earlier definitions of its names (a document may define a
    name twice, e.g. for two methods): true under one of them is true, said with the line;
    it is refuted only when false under a reading whose notation matches, and never when
    some reading is left undecided.
    """
    entry = _decide_once(lhs, op, rhs, defs, budget)
    if entry.verdict == "true" or (entry.verdict == "inconclusive" and not entry.mismatch):
        return entry
    results = [entry]
    used = _depends_on(defs, lhs, rhs)
    for name in sorted(used & set(defs.alternatives)):
        current = (defs.general[name], defs.values.get(name, {}))
        for gen, vals in defs.alternatives[name]:
            defs.general[name], defs.values[name] = gen, vals
            try:
                other = _decide_once(lhs, op, rhs, defs, budget)
            finally:
                defs.general[name], defs.values[name] = current
            why = f"under the definition of {N.pretty_name(name)} at line {gen.line}"
            other.reading = why + (f"; {other.reading}" if other.reading else "")
            if other.verdict == "true":
                return other
            results.append(other)
    undecided = [r for r in results if r.verdict == "inconclusive" and not r.mismatch]
    false = [r for r in results if r.verdict == "false"]
    if false and not undecided:
        return false[0]
    if undecided:
        out = undecided[0]
        if false:
            out.method = f"false under one reading, undecided under another: {out.method}"
        return out
    from adaproof.reports.documents import renaming

    # v_t defined with ∇w_t, the claim about ∇b_t: read with the gradient renamed (said)
    return renaming.decide(lhs, op, rhs, defs, budget) or entry


def _decide_once(lhs: sp.Expr, op: str, rhs: sp.Expr, defs: Defs, budget: float) -> Entry:
    from adaproof.derivations.equivalence import Timeout, deadline

    t0 = time.monotonic()
    entry = Entry(0, "", "claim", "inconclusive", relation=op)
    limit = 4 * budget + 1
    try:
        with deadline(limit), projection.reading(entry, lhs, rhs, defs) as scale:
            _decide_into(entry, lhs, op, rhs, defs, budget * scale)
    except Timeout:
        entry.verdict, entry.counterexample = "inconclusive", None
        entry.method = f"ran out of time ({limit:g} s for unrolling and deciding)"
    except Undecided as exc:
        entry.verdict, entry.method = "inconclusive", str(exc)
        entry.counterexample = None
        entry.mismatch = isinstance(exc, NotationMismatch)
    except Exception as exc:
        entry.verdict = "inconclusive"
        entry.method = f"could not evaluate ({type(exc).__name__})"
    entry.seconds = time.monotonic() - t0
    return entry


def _unknown_sequences(defs: Defs, *exprs: sp.Expr) -> list[str]:
    """Sequences used by a claim that no definition mentions (r_t in a notes' aside)."""
    known = set(defs.general) | set(defs.values)
    mentioned = set(known)
    for g in defs.general.values():
        mentioned |= {N.seq_name(f) for f in _seqs(g.rhs)}
    for vals in defs.values.values():
        for v, _l in vals.values():
            mentioned |= {N.seq_name(f) for f in _seqs(v)}
    for v, _l in defs.scalars.values():
        mentioned |= {N.seq_name(f) for f in _seqs(v)}
    used = {N.seq_name(f) for e in exprs for f in _seqs(e)}
    if not (used & known):
        return []  # a free-standing relation between the sequences it names
    return sorted(used - mentioned)


def _depends_on(defs: Defs, *exprs: sp.Expr) -> set[str]:
    """The sequence names an expression uses, through the definitions in force."""
    todo = {N.seq_name(f) for e in exprs for f in _seqs(e)}
    for e in exprs:
        for s in e.free_symbols & set(defs.scalars):
            todo |= {N.seq_name(f) for f in _seqs(defs.scalars[s][0])}
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        g = defs.general.get(name)
        if g is not None:
            todo |= {N.seq_name(f) for f in _seqs(g.rhs)}
        for v, _l in defs.values.get(name, {}).values():
            todo |= {N.seq_name(f) for f in _seqs(v)}
    return seen


def _ema(e: sp.Expr) -> set[sp.Symbol]:
    return {s for s in e.free_symbols if s.name.startswith(_EMA_NAMES)}


def _inputs(defs: Defs, *exprs: sp.Expr) -> set[str]:
    known = set(defs.general) | {n for n, v in defs.values.items() if v}
    return {N.seq_name(f) for e in exprs for f in _seqs(e)} - known


def _notation(defs: Defs, lhs: sp.Expr, rhs: sp.Expr):
    """(reason, renaming) when the claim's notation differs from the definitions it uses:
    an EMA parameter (β where they have β₁; renaming β → β₁ offered when one-to-one) or
    an input sequence (∇b_t where they have ∇w_t; no renaming). None when it matches."""
    used = _depends_on(defs, lhs, rhs) & (set(defs.general) | set(defs.values))
    params: set[sp.Symbol] = set()
    seqs: set[str] = set()
    lines = []
    for s in sorted((lhs.free_symbols | rhs.free_symbols) & set(defs.scalars), key=str):
        value, line = defs.scalars[s]  # α = 1 - β₁ given in the text
        if _ema(value) and not _seqs(value):
            params |= _ema(value)
            lines.append(line)
    if not used and not params:
        return None
    for name in used:
        g = defs.general.get(name)
        exprs = [g.rhs] if g is not None else []
        if g is not None:
            lines.append(g.line)
        exprs += [v for v, _l in defs.values.get(name, {}).values()]
        for e in exprs:
            params |= _ema(e)
            seqs |= _inputs(defs, e)
    where = f"line {min(lines)}" if lines else "the document"
    claim_seqs = _inputs(defs, lhs, rhs)
    if claim_seqs and seqs and not (claim_seqs & seqs):
        a = ", ".join(N.pretty_name(x) + "_t" for x in sorted(claim_seqs))
        b = ", ".join(N.pretty_name(x) + "_t" for x in sorted(seqs))
        return f"the claim is about {a} where the definitions it uses ({where}) have {b}", None
    claim = _ema(lhs) | _ema(rhs)
    extra = sorted(claim - params, key=str)
    if extra and params and not (claim & params):
        a = ", ".join(str(x) for x in extra)
        b = ", ".join(sorted(str(x) for x in params))
        reason = f"the claim writes {a} where the definitions it uses ({where}) have {b}"
        rename = None
        if len(extra) == 1 and len(params) == 1:
            rename = {extra[0]: next(iter(params))}
        return reason, rename
    return None


def _decide_into(entry: Entry, lhs, op, rhs, defs: Defs, budget: float) -> None:
    tainted = sorted(_depends_on(defs, lhs, rhs) & set(defs.tainted))
    if tainted:
        raise Undecided(defs.tainted[tainted[0]])
    plain = sorted((lhs.free_symbols | rhs.free_symbols) & set(defs.tainted_symbols), key=str)
    if plain:
        raise Undecided(defs.tainted_symbols[plain[0]])
    notation = _notation(defs, lhs, rhs)
    if notation:
        reason, rename = notation
        if rename is None:
            raise NotationMismatch(f"{reason}: not decided")
        _decide_core(entry, lhs.xreplace(rename), op, rhs.xreplace(rename), defs, budget)
        ((a, b),) = rename.items()
        if entry.verdict == "true":
            note = f"read {a} as {b} ({reason})"
            entry.reading = note + (f"; {entry.reading}" if entry.reading else "")
            return
        tail = "false" if entry.verdict == "false" else "undecided"
        raise NotationMismatch(f"{reason}: {tail} when {a} is read as {b}, not refuted")
    _decide_core(entry, lhs, op, rhs, defs, budget)


def _decide_core(entry: Entry, lhs, op, rhs, defs: Defs, budget: float) -> None:
    unknown = _unknown_sequences(defs, lhs, rhs)
    if unknown:
        names = ", ".join(N.pretty_name(u) + "_t" for u in unknown)
        raise Undecided(f"{names} is not defined in the document")
    if op == "≈":
        _approx(entry, lhs, rhs, defs, budget)
        return
    un = Unroller(defs)
    lhs0, rhs0 = un.scalars(lhs), un.scalars(rhs)
    idx = _index_vars(defs, lhs0, rhs0)
    recursive = {n for n, g in defs.general.items() if g.recursive}
    uses_rec = any(N.seq_name(f) in recursive for f in _seqs(lhs0) + _seqs(rhs0))
    has_ops = any(
        a.func in (N.Expect, N.Variance) for a in (lhs0 + rhs0).atoms(sp.core.function.AppliedUndef)
    )
    if not idx:
        lx, r = un.expr(lhs0), un.expr(rhs0)
        _finish(entry, lx, op, r, defs, budget, "", un)
        return
    if not uses_rec and not has_ops:
        lx, r = un.expr(lhs0), un.expr(rhs0)
        if not _seqs(lx) and not _seqs(r) and not (lx - r).has(sp.Sum):
            ints = {v: sp.Symbol(v.name, integer=True, positive=True) for v in idx}
            d = _decide(lx.xreplace(ints), op, r.xreplace(ints), defs, budget * 0.6)
            if d.verdict in ("true", "false") and not d.method.startswith("numeric"):
                _record(entry, d, "", un)
                entry.symbolic = True
                return
    proof = None
    if op == "=" and len(idx) == 1 and _symbolic_recursion(entry, lhs0, rhs0, defs, budget):
        proof = entry.method  # checked below against the exact steps, which must agree
        entry.verdict, entry.symbolic = "inconclusive", False
    if len(idx) > 2:
        raise Undecided("more than two free indices")
    grid = (
        [{idx[0]: n} for n in EXACT_STEPS]
        if len(idx) == 1
        else [{idx[0]: a, idx[1]: b} for a in range(1, 5) for b in range(1, 5)]
    )
    per = budget / len(grid)
    undecided: list[str] = []
    searched: list[str] = []
    for at in grid:
        un_at = Unroller(defs)
        sub = {k: sp.Integer(v) for k, v in at.items()}
        try:
            lx = un_at.expr(lhs0.xreplace(sub))
            r = un_at.expr(rhs0.xreplace(sub))
        except Undecided as exc:
            undecided.append(f"{_where(at)}: {exc}")
            continue
        if _seqs(lx) or _seqs(r):
            undecided.append(f"{_where(at)}: a name is left that is not defined at this index")
            continue
        where = _where(at)
        if op == "=" and sp.expand(sp.cancel(sp.together(lx - r))) == 0:
            un.used |= un_at.used
            continue
        d = _decide(lx, op, r, defs, per)
        un.used |= un_at.used
        if d.verdict == "true" and not d.method.startswith("symbolic"):
            searched.append(where)
        if d.verdict == "false":
            if proof is not None:
                raise Undecided(f"the closed form says equal, but {where} gives a counterexample")
            _record(entry, d, where, un)
            return
        if d.verdict != "true":
            undecided.append(f"{where}: {d.method}")
    if undecided:
        raise Undecided("; ".join(undecided[:2]))
    names = ", ".join(v.name for v in idx)
    if proof is not None:
        entry.verdict, entry.symbolic = "true", True
        entry.method = f"{proof}; exact at {names} = 1..8 agrees"
        _notes(entry, un)
        return
    steps = "1..8" if len(idx) == 1 else "1..4 each"
    entry.verdict = "true"
    if searched:
        entry.method = (
            f"no counterexample at {names} = {steps} after unrolling (a numeric search at "
            f"{len(searched)} of them: {searched[0]}{', …' if len(searched) > 1 else ''}); "
            f"not a proof"
        )
    else:
        entry.method = (
            f"holds exactly at {names} = {steps} after unrolling (no proof for every {names})"
        )
    _notes(entry, un)


#: dimensions at which a relation between vectors is checked (coordinates as free values)
VECTOR_DIMS = (1, 2, 3)
_E_LIN = sp.Function("E_lin")  # E[monomial] under linearity alone (nothing assumed)


def _vector_atoms(e: sp.Expr) -> set[str]:
    """Names used as vectors: inside a coordinate, a norm or an inner product."""
    out: set[str] = set()
    for a in e.atoms(sp.core.function.AppliedUndef):
        if a.func in (N.Coord, N.Norm, N.Inner):
            args = a.args[:1] if a.func == N.Coord else a.args
            for x in args:
                out |= {N.seq_name(f) for f in _seqs(x)}
                out |= {s.name for s in x.free_symbols if not isinstance(s, sp.Dummy)}
    return out


def _is_vector(f, names: set[str]) -> bool:
    if N.is_seq(f):
        return N.seq_name(f) in names
    return isinstance(f, sp.Symbol) and not isinstance(f, sp.Dummy) and f.name in names


def _coordinate(x: sp.Expr, k, names: set[str]) -> sp.Expr:
    """Coordinate k of a linear combination of vectors, each coordinate a free real value."""
    out = sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(x)):
        factors = sp.Mul.make_args(term)
        vec = [f for f in factors if _is_vector(f, names)]
        rest = [f for f in factors if not _is_vector(f, names)]
        if len(vec) != 1 or any(
            _is_vector(a, names) for f in rest for a in sp.preorder_traversal(f)
        ):
            raise Undecided("a coordinate of an expression that is not a sum of vectors")
        (v,) = vec
        label = f"{N.pretty_name(N.seq_name(v))}_{_show(v.args[0])}" if N.is_seq(v) else v.name
        out += sp.Mul(*rest) * sp.Symbol(f"{label}[{_show(k)}]", real=True)
    return out


def _linear_e(x: sp.Expr) -> sp.Expr:
    """E[x] by linearity alone: numbers come out, each remaining product stays E[…]."""
    out = sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(x)):
        coeff, rest = term.as_coeff_Mul()
        out += coeff * (_E_LIN(rest) if rest != 1 else 1)
    return out


def _vector_value(e: sp.Expr, dim: int, names: set[str]) -> sp.Expr:
    e = e.doit()
    for _ in range(4):
        e = e.replace(
            lambda a: isinstance(a, sp.core.function.AppliedUndef) and a.func == N.Norm,
            lambda a: sp.sqrt(
                sum(_coordinate(a.args[0], k, names) ** 2 for k in range(1, dim + 1))
            ),
        )
        e = e.replace(
            lambda a: isinstance(a, sp.core.function.AppliedUndef) and a.func == N.Inner,
            lambda a: sum(
                _coordinate(a.args[0], k, names) * _coordinate(a.args[1], k, names)
                for k in range(1, dim + 1)
            ),
        )
        e = e.replace(
            lambda a: isinstance(a, sp.core.function.AppliedUndef) and a.func == N.Coord,
            lambda a: _coordinate(a.args[0], a.args[1], names),
        )
    e = e.replace(
        lambda a: isinstance(a, sp.core.function.AppliedUndef) and a.func == N.Expect,
        lambda a: _linear_e(a.args[0]),
    )
    other = [
        a.func.__name__
        for a in e.atoms(sp.core.function.AppliedUndef)
        if a.func is not _E_LIN and not N.is_seq(a)
    ]
    if other or e.has(sp.Sum):
        raise Undecided(f"the vector reading leaves {', '.join(sorted(other)) or 'a sum'}")
    # what is left (scalars such as D_2, expectations of products) is a free real value
    reps = {
        f: sp.Symbol(f"{N.pretty_name(N.seq_name(f))}_{_show(f.args[0])}", real=True)
        for f in _seqs(e)
    }
    e = e.xreplace(reps)
    reps = {a: sp.Symbol(f"E[{_show(a.args[0])}]", real=True) for a in e.atoms(_E_LIN)}
    return e.xreplace(reps)


def decide_vector(lhs: sp.Expr, op: str, rhs: sp.Expr, defs: Defs, budget: float) -> Entry:
    """A relation between vectors, at dimensions 1..3 with every coordinate a free value.

    True only when it holds exactly at every dimension (and index value) tried: evidence,
    said so, not a proof. Never false: this reading leaves out the document's definitions
    and conditions, so a failure is inconclusive with the values that break it.
    """
    from adaproof.derivations.equivalence import Timeout, deadline

    t0 = time.monotonic()
    entry = Entry(0, "", "claim", "inconclusive", relation=op)
    limit = 4 * budget + 1
    try:
        with deadline(limit):
            _vector_into(entry, lhs, op, rhs, defs, budget)
    except Timeout:
        entry.verdict, entry.method = "inconclusive", f"ran out of time ({limit:g} s)"
    except Undecided as exc:
        entry.verdict, entry.method = "inconclusive", str(exc)
    except Exception as exc:
        entry.verdict = "inconclusive"
        entry.method = f"could not evaluate the vector reading ({type(exc).__name__})"
    entry.counterexample = None
    entry.seconds = time.monotonic() - t0
    return entry


def _vector_into(entry: Entry, lhs, op, rhs, defs: Defs, budget: float) -> None:
    if op == "≈":
        raise Undecided("≈ between vectors is not decided")
    names = _vector_atoms(lhs) | _vector_atoms(rhs)
    both = lhs - rhs
    dsym = [s for s in both.free_symbols if s.name == "d" and not isinstance(s, sp.Dummy)]
    limits: set[sp.Symbol] = set()
    for sm in both.atoms(sp.Sum):
        for lim in sm.limits:
            for b in lim[1:]:
                limits |= {x for x in b.free_symbols if not isinstance(x, sp.Dummy)}
    limits -= set(dsym)
    if len(limits) > 2:
        raise Undecided("more than two free summation limits")
    lim = sorted(limits, key=lambda x: x.name)
    steps = (
        [{}]
        if not lim
        else [{lim[0]: n} for n in EXACT_STEPS]
        if len(lim) == 1
        else [{lim[0]: a, lim[1]: b} for a in range(1, 5) for b in range(1, 5)]
    )
    grid = [(dim, at) for dim in VECTOR_DIMS for at in steps]
    per = max(budget / len(grid), 0.5)
    for dim, at in grid:
        sub = {k: sp.Integer(v) for k, v in at.items()}
        if dsym:
            sub[dsym[0]] = sp.Integer(dim)
        lx = _vector_value(lhs.xreplace(sub), dim, names)
        r = _vector_value(rhs.xreplace(sub), dim, names)
        where = ", ".join([f"{'d' if dsym else 'dimension'} = {dim}"] + [_where(at)] * bool(at))
        if op == "=" and sp.expand(sp.cancel(sp.together(lx - r))) == 0:
            continue
        d = _decide(lx, op, r, defs, per)
        if d.verdict == "true" and d.method.startswith("symbolic"):
            continue
        if d.verdict == "false":
            raise Undecided(
                f"false at {where} with every coordinate a free value; this reading leaves "
                "out the definitions and the text's conditions: not refuted"
            )
        raise Undecided(f"at {where}: {d.method}")
    lims = "".join(f", {x.name} = {'1..8' if len(lim) == 1 else '1..4'}" for x in lim)
    entry.verdict = "true"
    entry.method = (
        f"true at {'d' if dsym else 'dimension'} = 1..3{lims}, exactly, with every coordinate "
        "a free value (‖x‖ = √Σ x[i]², ⟨a, b⟩ = Σ a[i] b[i], E[…] by linearity alone; no "
        "definition needed) — evidence, not a proof"
    )


def free_identity(lhs: sp.Expr, op: str, rhs: sp.Expr, defs: Defs, budget: float):
    """``lhs op rhs`` proved with every indexed name a free value (so whatever their
    definitions are), or None. Only proofs: a failure here says nothing."""
    from adaproof.derivations.equivalence import Timeout, deadline

    apps = _seqs(lhs) + _seqs(rhs)
    if not apps or op == "≈" or (lhs - rhs).has(sp.Sum):
        return None
    reps = {
        f: sp.Symbol(f"{N.pretty_name(N.seq_name(f))}_{_show(f.args[0])}", real=True)
        for f in set(apps)
    }
    lx, r = lhs.xreplace(reps), rhs.xreplace(reps)
    entry = Entry(0, "", "claim", "true", relation=op, symbolic=True)
    shown = ", ".join(sorted({N.pretty_name(N.seq_name(f)) for f in apps}))
    entry.method = f"symbolic: holds for any values of {shown} (their definitions are not needed)"
    if op == "=":
        try:
            with deadline(max(budget, 0.3)):
                if sp.expand(sp.cancel(sp.together(lx - r))) == 0:
                    return entry
        except Timeout:
            return None
        return None
    try:
        with deadline(2 * budget + 1):
            d = _decide(lx, op, r, defs, budget)
    except Timeout:
        return None
    if d.verdict == "true" and d.method.startswith("symbolic"):
        entry.method += f"; {d.method}"
        return entry
    return None


_J = sp.Symbol("j_sum", integer=True)
#: parameter points at which a ≈ claim's recursion is run to large t
_APPROX_POINTS = 4


def _closed_form(name: str, at: sp.Expr, defs: Defs, un: Unroller) -> sp.Expr | None:
    """x at index ``at`` (symbolic) for a first-order linear recursion
    x_t = a x_{t-1} + b_t: a^(t-n0) x_{n0} + Σ_{j=n0+1}^{t} a^(t-j) b_j; None otherwise."""
    g = defs.general[name]
    prev = N.seq(name)(g.var + g.offset - 1)
    x = sp.Dummy("x")
    body = g.rhs.xreplace({prev: x})
    if any(N.seq_name(f) == name for f in _seqs(body)):
        return None  # another lag, or not first order
    a = sp.diff(body, x)
    if sp.diff(a, x) != 0 or a.has(g.var) or _seqs(a):
        return None
    rest = un.expr(sp.expand(body.subs(x, 0)))
    if any(N.seq_name(f) in defs.general or N.seq_name(f) in defs.values for f in _seqs(rest)):
        return None  # b_t uses another defined sequence: left to the exact steps
    vals = defs.values.get(name, {})
    n0 = min(vals) if vals else 0
    x0 = un.expr(vals[n0][0]) if vals else sp.Integer(0)
    if _seqs(x0):
        return None
    if not vals:
        un.used.add(f"{N.pretty_name(name)}_0 = 0 (default initial value)")
    term = rest.xreplace({g.var: _J - g.offset})
    return a ** (at - n0) * x0 + sp.Sum(a ** (at - _J) * term, (_J, n0 + 1, at))


def _canon_sums(e: sp.Expr) -> sp.Expr:
    """One summation variable for every sum, so that sums over the same range combine."""
    return e.replace(
        lambda x: isinstance(x, sp.Sum) and len(x.limits) == 1,
        lambda x: sp.Sum(x.function.xreplace({x.limits[0][0]: _J}), (_J, *x.limits[0][1:])),
    )


def _linear_expect(e: sp.Expr, defs: Defs, un: Unroller) -> sp.Expr | None:
    """E[…] of expressions linear in the gradients: each gradient replaced by its mean."""
    ops = [a for a in e.atoms(sp.core.function.AppliedUndef) if a.func in (N.Expect, N.Variance)]
    reps = {}
    for op in ops:
        if op.func == N.Variance:
            return None
        x = op.args[0]
        apps = [f for f in _seqs(x) if N.seq_name(f) not in defs.general]
        lam = sp.Dummy("lam")
        scaled = x.xreplace({f: lam * f for f in apps})
        if sp.diff(scaled, lam, 2).doit() != 0:
            return None
        means = {}
        for f in apps:
            name = N.seq_name(f)
            if name not in defs.models:
                if defs.models:
                    return None
                defs.models[name] = Model(name, S.mu, S.sigma**2, None)
            means[f] = defs.models[name].mean_or_default(un.used)
            if defs.models[name].line is None:
                un.used.add(
                    f"default model: {N.pretty_name(name)}_t iid, mean μ, variance σ² "
                    "(no 'adaproof: model' line)"
                )
        reps[op] = x.xreplace(means)
    return e.xreplace(reps)


def _symbolic_recursion(entry: Entry, lhs, rhs, defs: Defs, budget: float) -> bool:
    """Prove ``lhs = rhs`` for every index through the closed form of the recursions."""
    from adaproof.derivations.equivalence import Timeout, deadline

    un = Unroller(defs)
    sides = []
    closed = False
    for side in (lhs, rhs):
        try:
            for _ in range(6):
                side = un.expr(side, moments=False)
                reps = {}
                for f in _seqs(side):
                    name = N.seq_name(f)
                    g = defs.general.get(name)
                    if g is not None and g.recursive:
                        cf = _closed_form(name, f.args[0], defs, un)
                        if cf is None:
                            return False
                        reps[f] = cf
                if not reps:
                    break
                closed = True
                side = side.xreplace(reps)
            if side.has(N.Expect, N.Variance):
                side = _linear_expect(side, defs, un)
        except Undecided:
            return False
        if side is None or any(N.seq_name(f) in defs.general for f in _seqs(side)):
            return False
        sides.append(side)
    try:
        with deadline(max(budget * 0.5, 0.2)):
            diff = _canon_sums(sides[0] - sides[1])
            if not _seqs(diff):
                diff = diff.doit()  # geometric sums in closed form
            diff = sp.simplify(diff)
    except Timeout:
        return False
    if diff != 0:
        return False
    entry.verdict, entry.symbolic = "true", True
    entry.method = (
        "symbolic, for every index: the recursions in closed form "
        "(x_t = a^t x_0 + Σ_j a^(t-j) b_j) make the sides equal"
        if closed
        else "symbolic, for every index: the definitions make the sides equal"
    )
    _notes(entry, un)
    return True


def _where(at: dict) -> str:
    return ", ".join(f"{k.name} = {v}" for k, v in at.items())


def _notes(entry: Entry, un: Unroller) -> None:
    if un.used:
        entry.reading = "; ".join(sorted(un.used))


def _record(entry: Entry, d, where: str, un: Unroller) -> None:
    entry.verdict = d.verdict
    entry.method = (f"at {where}: " if where else "") + d.method
    if d.counterexample is not None:
        ce = dict(d.counterexample)
        if where:
            ce = {"index": where, **ce}
        entry.counterexample = ce
    _notes(entry, un)


def _finish(entry, lx, op, r, defs, budget, where, un) -> None:
    if _seqs(lx) or _seqs(r):
        raise Undecided("a name is left whose index is not a number")
    if op == "=" and sp.expand(sp.cancel(sp.together(lx - r))) == 0:
        entry.verdict, entry.method, entry.symbolic = (
            "true",
            "symbolic: the sides are identical",
            True,
        )
        _notes(entry, un)
        return
    d = _decide(lx, op, r, defs, budget)
    _record(entry, d, where, un)
    entry.symbolic = d.verdict == "true" and d.method.startswith("symbolic")


def _approx(entry: Entry, lhs, rhs, defs: Defs, budget: float) -> None:
    from adaproof.derivations.equivalence import decide_limit

    entry.approximate = True
    un = Unroller(defs)
    lhs0, rhs0 = un.scalars(lhs), un.scalars(rhs)
    idx = _index_vars(defs, lhs0, rhs0)
    if not idx:
        lx, r = un.expr(lhs0), un.expr(rhs0)
        free = lx.free_symbols | r.free_symbols
        if S.t in free:
            var, to = S.t, "oo"
        elif S.eps in free:
            var, to = S.eps, "0"
        else:
            raise Undecided("≈ with no limit variable (t → ∞ or ε → 0) in the formula")
        d = decide_limit(lx, r, var, to, defs.domains or None, budget=budget)
        _record(entry, d, "", un)
        return
    if len(idx) > 1:
        raise Undecided("≈ with more than one free index")
    (var,) = idx
    if isinstance(lhs0, sp.Add) and isinstance(rhs0, sp.Add):
        common = set(lhs0.args) & set(rhs0.args)
        if common:  # θ_t - a ≈ θ_t - b is read as a ≈ b (a common term hides nothing)
            lhs0 = sp.Add(*[a for a in lhs0.args if a not in common])
            rhs0 = sp.Add(*[a for a in rhs0.args if a not in common])
    rng = random.Random(20260521)
    scal = (lhs0.free_symbols | rhs0.free_symbols) - {var}
    for g in defs.general.values():
        scal |= g.rhs.free_symbols - {g.var}
    for vals in defs.values.values():
        for v, _l in vals.values():
            scal |= v.free_symbols
    scal = {s for s in scal if not isinstance(s, sp.Dummy) and s not in defs.scalars}
    # a fixed number of points, in a fixed order: the verdict does not depend on the load
    # (the claim's wall-clock deadline still bounds the whole run)
    good, bad = 0, 0
    last_ratio = None
    for _ in range(_APPROX_POINTS):
        point = {}
        for s in sorted(scal, key=str):
            if s in (S.beta, S.beta1, S.beta2, S.rho, S.mu_m) or s.name.startswith(
                ("beta", "gamma")
            ):
                point[s] = sp.Float(rng.uniform(0.05, 0.95), 30)
            elif s == S.eps:
                point[s] = sp.Float(10.0**-30, 30)
            else:
                point[s] = sp.Float(rng.uniform(0.5, 2.0) * rng.choice((1, -1)), 30)
        ratios = []
        un_n = Unroller(defs, point)
        for n in (100, 200, 400):
            try:
                lv = un_n.expr(lhs0.xreplace({var: n}))
                rv = un_n.expr(rhs0.xreplace({var: n}))
            except Undecided as exc:
                raise Undecided(f"at {var.name} = {n}: {exc}") from None
            if lv.free_symbols or rv.free_symbols:
                left = sorted(str(s) for s in (lv.free_symbols | rv.free_symbols))[:3]
                raise Undecided(f"≈ depends on values the document leaves free ({', '.join(left)})")
            if rv == 0:
                raise Undecided("≈ with a right side equal to 0")
            ratios.append(sp.Float(lv / rv, 30))
        un.used |= un_n.used
        err = abs(ratios[-1] - 1)
        if err <= 1e-6:
            good += 1
        elif err > 1e-3 and abs(ratios[-1] - ratios[-2]) <= err * 1e-3:
            bad += 1
            last_ratio = (point, ratios[-1])
            break
    if bad:
        point, ratio = last_ratio
        entry.verdict = "false"
        entry.method = (
            f"numeric: lhs/rhs settles at {sp.N(ratio, 8)} as {var.name} → ∞ "
            f"(recursion run to {var.name} = 400; ε = 1e-30), not 1"
        )
        entry.counterexample = {
            "values": {str(k): str(sp.N(v, 8)) for k, v in sorted(point.items(), key=str)},
            "kind": "limit",
            "limit_ratio": str(sp.N(ratio, 12)),
        }
    elif good == _APPROX_POINTS:
        entry.verdict = "true"
        entry.method = (
            f"numeric: lhs/rhs within 1e-6 of 1 at {var.name} = 400 (recursion run at "
            f"{good} parameter points, ε = 1e-30), not a proof"
        )
    else:
        raise Undecided("the ratio did not settle within the budget")
    _notes(entry, un)


# -- reading the document -------------------------------------------------------------------

_MODEL = re.compile(
    r"^\s*(?P<name>.+?)\s+iid\s*,\s*mean\s+(?P<mean>.+?)\s*,\s*variance\s+(?P<var>.+?)\s*$"
)


class Checker:
    def __init__(self, doc: Document, budget: float = 3.0):
        self.doc = doc
        self.budget = budget
        self.scope = Scope()
        self.defs = Defs()
        self.entries: list[Entry] = []
        self._before = ""
        self.repaired = False
        self.notes: list[str] = []
        self.prose = ""  # the new prose just before the display being read
        self._display_before: str | None = None
        self.fixed: equations.Fixed | None = None  # an equation the text fixes
        #: names (sequences, plain names) used by the displays read so far
        self.seen: set[str] = set()
        #: functions of vectors the document defines, and names for their gradients
        self.functions = F.Registry()

    def parse(self, text: str) -> sp.Expr:
        fixed = N.repair(text)
        if fixed != text:
            self.repaired = True
        return N.parse_side(fixed, self.scope, self.notes)

    def parse_vector(self, text: str) -> sp.Expr | None:
        try:
            return N.parse_vector_side(N.repair(text), self.scope)
        except N.Unreadable:
            return None

    @staticmethod
    def _names(e: sp.Expr) -> set[str]:
        return {N.seq_name(f) for f in _seqs(e)} | {
            x.name for x in e.free_symbols if not isinstance(x, sp.Dummy)
        }

    def unread_definition(self, line, text, lhs, lt: str, lerr, rerr, seen: set[str]) -> bool:
        r"""``q_t = \nabla\mathcal{L}(w_t) + r_t``, ``\hat{y} = \langle w, x \rangle``,
        ``\ell(w, (x, y)) = …``: a name not used before, defined by a formula that is not
        read. Listed as a definition; claims that use the name are not decided."""
        d = self.defs
        if not any(r in rerr for r in _UNREAD_DEFINING):
            return False  # "a = b + …", "f = O(g)": an expansion or an estimate, not a definition
        if lerr:
            m = re.match(r"\s*(\\[A-Za-z]+|[A-Za-z])\s*\(", lt)
            if not (m and "an operator with no definition" in lerr):
                return False
            name = m.group(1).lstrip("\\")
            if name in seen:
                return False
            self.seen.add(name)
            why = f"definition of the function {name} (its right side is not read: {rerr})"
        elif N.is_seq(lhs) and not lhs.args[0].is_Integer:
            name = N.seq_name(lhs)
            if name.startswith("nabla") or name in seen or name in d.general or name in d.values:
                return False
            pretty = N.pretty_name(name)
            d.tainted[name] = (
                f"{pretty} is defined at line {line} by a formula that was not read ({rerr})"
            )
            why = (
                f"definition of {pretty}_{_show(lhs.args[0])} (its right side is not read: "
                f"{rerr}; claims that use {pretty} are not decided)"
            )
        elif (
            isinstance(lhs, sp.Symbol)
            and len(lhs.name) > 1  # a decorated name (ŷ), not a bare letter
            and lhs.name not in _INDEX_NAMES
            and not lhs.name.startswith("nabla")
            and lhs.name not in seen
            and lhs not in d.scalars
        ):
            d.tainted_symbols[lhs] = (
                f"{lhs.name} is defined at line {line} by a formula that was not read ({rerr})"
            )
            why = (
                f"definition of {lhs.name} (its right side is not read: {rerr}; claims that "
                f"use {lhs.name} are not decided)"
            )
        else:
            return False
        self.entries.append(Entry(line, text, "definition", "defined", why))
        return True

    def vector_claim(self, line, text, lhs, op, rhs) -> None:
        e = decide_vector(lhs, op, rhs, self.defs, self.budget)
        e.line, e.text = line, text
        e.reading = f"vector reading: {_show(lhs)} {op} {_show(rhs)}"
        self.entries.append(e)

    # directives
    def directives(self) -> None:
        from adaproof.derivations.parsing.assume import parse_assumptions
        from adaproof.derivations.parsing.limits import ParseError

        for d in self.doc.directives:
            if d.kind == "assume":
                try:
                    doms = parse_assumptions([d.text], self.scope)
                except (ParseError, ValueError) as exc:
                    self.entries.append(
                        Entry(d.line, d.text, "not checked", "not checked", f"assumption: {exc}")
                    )
                    continue
                for sym, dom in doms.items():
                    old = self.defs.domains.get(sym)
                    self.defs.domains[sym] = dom if old is None else old.intersect(dom)
                self.given(d.line, d.text, "assumption (replaces the default domain)")
            else:
                m = _MODEL.match(d.text)
                try:
                    if not m:
                        raise N.Unreadable(
                            "write: adaproof: model g_t iid, mean \\mu, variance \\sigma^2"
                        )
                    name_e = self.parse(m.group("name"))
                    if not N.is_seq(name_e):
                        raise N.Unreadable("the model names an indexed sequence such as g_t")
                    mean, var = self.parse(m.group("mean")), self.parse(m.group("var"))
                except N.Unreadable as exc:
                    self.entries.append(
                        Entry(d.line, d.text, "not checked", "not checked", f"model: {exc}")
                    )
                    continue
                name = self.alias(N.seq_name(name_e))
                self.defs.models[name] = Model(name, mean, var, d.line)
                self.given(
                    d.line,
                    d.text,
                    f"model: {N.pretty_name(name)}_t independent, identically distributed, "
                    f"mean {_show(mean)}, variance {_show(var)}",
                )

    # definitions
    def try_define(self, lhs: sp.Expr, rhs: sp.Expr, line: int, inline: bool) -> str | None:
        """Record a definition if ``lhs = rhs`` is one; the reading, else None."""
        d = self.defs
        if N.is_seq(lhs):
            name, (idx,) = N.seq_name(lhs), lhs.args
            pretty = N.pretty_name(name)
            if _seqs(rhs) and any(N.seq_name(f) == name and f.args[0] == idx for f in _seqs(rhs)):
                return None
            if idx.is_Integer:
                n = int(idx)
                vals = d.values.setdefault(name, {})
                if name not in d.general and n not in vals:
                    vals[n] = (rhs, line)
                    return f"defines {pretty}_{n} = {_show(rhs)}"
                gen = d.general.get(name)
                if gen is not None and gen.recursive and n == 0 and n not in vals:
                    vals[n] = (rhs, line)
                    return f"initial value {pretty}_0 = {_show(rhs)}"
                return None
            lin = _linear_index(idx)
            if lin is None:
                return None
            var, off = lin
            same = [f for f in _seqs(rhs) if N.seq_name(f) == name]
            recursive = bool(same)
            if recursive:
                for f in same:
                    li = _linear_index(f.args[0])
                    if li is None or li[0] != var or not (li[1] < off):
                        return None
            if inline and name in d.general:
                return None  # prose never redefines
            if name in d.tainted and name not in d.general and not d.values.get(name):
                return None  # defined before by a formula not read: a claim about it
            old = d.general.get(name)
            if old is not None:
                if old.recursive and not recursive:
                    return None  # a closed form of a recursion: a claim
                same = old.rhs.xreplace({old.var: var + off - old.offset})
                un = Unroller(d)  # parameter values count: β₂ v_{t-1} is 0.999 v_{t-1}
                if sp.expand(_canon_sums(un.scalars(same) - un.scalars(rhs))) == 0:
                    return None  # the same definition again: a claim (true)
            replaced = d.general.get(name)
            if replaced is not None:
                old_vals = d.values.get(name, {})
                d.alternatives.setdefault(name, []).append((replaced, old_vals))
                d.values[name] = {}
            d.general[name] = General(var, off, rhs, line, recursive)
            kind = "recursion" if recursive else "definition"
            init = ""
            if recursive:
                vals = d.values.get(name, {})
                init = (
                    f", initial value {pretty}_{min(vals)} = {_show(vals[min(vals)][0])}"
                    if vals
                    else f", initial value {pretty}_0 = 0 unless the document gives one"
                )
            again = (
                f" (a new definition; claims false under it are also checked against line "
                f"{replaced.line}'s)"
                if replaced
                else ""
            )
            return f"{kind} of {pretty}_{_show(idx)} = {_show(rhs)}{init}{again}"
        if isinstance(lhs, sp.Symbol) and lhs.name not in _INDEX_NAMES and lhs not in d.scalars:
            if lhs in rhs.free_symbols or (_seqs(rhs) and inline):
                return None
            if inline and not (rhs.is_number and lhs.name.startswith(_EMA_NAMES)):
                return None
            if inline and not re.search(r"\b(let|set|take|use|with)\s*$", self._before, re.I):
                return None  # "in the case β = 0" is a case, not a setting
            if lhs.name == "nabla":
                return None
            d.scalars[lhs] = (rhs, line)
            return f"defines {lhs.name} = {_show(rhs)}"
        return None

    def inline(self, disp) -> None:
        self._before = disp.before
        projection.prose(self, disp)
        for chain in N.statements(disp.text, disp.line):
            if chain.unread or len(chain.sides) < 2 or chain.continued:
                continue
            try:
                sides = [self.parse(s) for s in chain.sides]
            except N.Unreadable:
                continue
            last = sides[-1]
            rels = [N.RELATIONS.get(r, r) for r in chain.rels]
            if rels and all(r == "=" for r in rels) and len(sides) > 2:
                if last.is_number and all(
                    N.is_seq(s) or isinstance(s, sp.Symbol) for s in sides[:-1]
                ):
                    for s in sides[:-1]:
                        why = self.try_define(s, last, disp.line, True)
                        if why:
                            self.given(disp.line, chain.text, why + " (from the text)")
                continue
            if len(rels) != 1 or rels[0] not in ("=", "≈"):
                continue
            lhs, rhs = sides
            if rels[0] == "=" and self.inline_given(lhs, rhs, disp.line, chain.text):
                continue
            if rels[0] == "≈" and (not N.is_seq(lhs) or _seqs(rhs) or lhs.args[0].is_Integer):
                continue
            if N.is_seq(lhs) and not lhs.args[0].is_Integer and _seqs(rhs):
                continue
            why = self.try_define(lhs, rhs, disp.line, True)
            if why:
                how = (
                    " (from the text; ≈ read as =)" if chain.rels[0] == "≈" else " (from the text)"
                )
                self.given(disp.line, chain.text, why + how)

    def given(self, line: int, text: str, reading: str) -> None:
        """List what the text gives (an assumption, a model, a value): read, never checked."""
        self.entries.append(Entry(line, text, "given", "defined", reading))

    def alias(self, name: str) -> str:
        """``g_t = \nabla \\ell(w_t)``: a model of g_t is a model of the sequence it names."""
        for _ in range(5):
            g = self.defs.general.get(name)
            if g is None or not N.is_seq(g.rhs) or g.rhs.args[0] != g.var + g.offset:
                return name
            name = N.seq_name(g.rhs)
        return name

    def inline_given(self, lhs, rhs, line: int, text: str) -> bool:
        """Prose that fixes a moment (``E[g_t^2] = g^2``) or a change of variable
        (``\beta_1 = 1 - \alpha``, ``\beta_1 = \frac{N-1}{N}``): read, never checked."""
        d = self.defs
        if isinstance(lhs, sp.core.function.AppliedUndef) and lhs.func == N.Expect:
            (x,) = lhs.args
            base, power = (x.args[0], x.args[1]) if isinstance(x, sp.Pow) else (x, 1)
            if not (N.is_seq(base) and power in (1, 2) and not _seqs(rhs)):
                return False
            name = self.alias(N.seq_name(base))
            m = d.models.setdefault(name, Model(name, None, None, line))
            if m.line is None:
                return False
            if power == 1 and m.mean is None:
                m.mean = rhs
            elif power == 2 and m.second is None and m.variance is None:
                m.second = rhs
            else:
                return False
            what = "mean" if power == 1 else "second moment"
            self.given(
                line,
                text,
                f"model: {what} of {N.pretty_name(name)}_t is {_show(rhs)} (from the text)",
            )
            return True
        if (
            isinstance(lhs, sp.Symbol)
            and lhs.name.startswith(_EMA_NAMES)
            and not rhs.is_number
            and not _seqs(rhs)
        ):
            new = [x for x in rhs.free_symbols if x != lhs and x not in d.scalars]
            if len(new) != 1 or lhs in d.scalars or lhs.name in _INDEX_NAMES:
                return False
            (x,) = new
            if x.name in _INDEX_NAMES:
                return False
            try:
                sol = sp.solve(sp.Eq(lhs, rhs), x, dict=False)
            except Exception:
                return False
            if len(sol) != 1:
                return False
            d.scalars[x] = (sol[0], line)
            self.given(line, text, f"change of variable {x.name} = {_show(sol[0])} (from the text)")
            return True
        return False

    def prose_condition(self, prose: str) -> Condition | None:
        """``we will have $\\beta_1^t \\le 1/2$``: the last relation ``b^t ≤ c`` (or <) with b
        a parameter in (0, 1), t an index and c a number in (0, 1), written in the prose."""
        found = None
        for m in re.finditer(r"\$([^$]+)\$", prose):
            for chain in N.statements(m.group(1), 0):
                if chain.unread or len(chain.sides) != 2:
                    continue
                op = N.RELATIONS.get(chain.rels[0], chain.rels[0])
                if op not in ("<", "<="):
                    continue
                try:
                    lhs, rhs = (self.parse(x) for x in chain.sides)
                except N.Unreadable:
                    continue
                if not (isinstance(lhs, sp.Pow) and isinstance(lhs.base, sp.Symbol)):
                    continue
                if lhs.base not in (S.beta, S.beta1, S.beta2, S.rho, S.mu_m):
                    continue
                if not (isinstance(lhs.exp, sp.Symbol) and lhs.exp.name in _INDEX_NAMES):
                    continue
                if not (rhs.is_Rational and 0 < rhs < 1):
                    continue
                text = m.group(1).strip()
                found = Condition(lhs.base, lhs.exp, rhs, op == "<", f"${text}$")
        return found

    def display(self, disp, previous):
        start = len(self.entries)
        # the prose before this display, or "" when it is the same sentence as the last
        # display's (nothing but blank lines between them)
        self.prose = "" if disp.before == self._display_before else disp.before
        self._display_before = disp.before
        cond = _CONDITION.search(disp.before)
        self.defs.condition = self.prose_condition(cond.group(0)) if cond else None
        try:
            out = self._display(disp, previous)
        finally:
            self.defs.condition = None
        if cond:  # "so long as t >= …, we have … so that:" — a condition not applied here
            for e in self.entries[start:]:
                if e.verdict == "false":
                    e.verdict, e.counterexample = "inconclusive", None
                    e.method = (
                        f"false without the condition the text puts before it "
                        f"('{cond.group(0).strip()[:80]}'), not proved with it: not refuted"
                    )
        return out

    def _display(self, disp, previous: tuple[str, sp.Expr | None, str | None, int] | None):
        from adaproof.reports.documents import continuation

        chains = N.statements(disp.text, disp.line)
        cont = continuation.find(chains, disp.before, previous)
        if cont is not None:  # a lone expression after "this is approximately:"
            return continuation.run(self, cont, previous, disp.before)
        for chain in chains:
            previous = self.chain(chain, previous)
        return previous

    def chain(self, chain: N.Chain, previous):
        start = len(self.entries)
        self.repaired = False
        self.notes = []
        try:
            return self._chain(chain, previous)
        finally:
            notes = list(dict.fromkeys(self.notes))
            if self.repaired:
                notes.insert(0, "read \\mathbf{x}k as x_k (a subscript without its underscore)")
            for e in self.entries[start:]:
                for note in reversed(notes):
                    e.reading = f"{note}; {e.reading}" if e.reading else note

    def _chain(self, chain: N.Chain, previous):
        if chain.unread:
            if chain.unread == "a condition in words" and ranges.check(self, chain):
                return None  # "for t = 1, 2, …" after a recursion: where it starts
            self.entries.append(
                Entry(chain.line, chain.text, "not checked", "not checked", chain.unread)
            )
            return None
        if not chain.rels:
            self.entries.append(
                Entry(chain.line, chain.text, "not checked", "not checked", "not a relation")
            )
            return None
        texts = list(chain.sides)
        exprs: list[sp.Expr | None] = []
        errors: list[str | None] = []
        if chain.continued:
            if previous is None:
                self.entries.append(
                    Entry(
                        chain.line,
                        chain.text,
                        "not checked",
                        "not checked",
                        "continues a formula that was not read",
                    )
                )
                return None
            texts.insert(0, previous[0])
            exprs.append(previous[1])
            errors.append(previous[2])
        for s in chain.sides:
            try:
                exprs.append(self.parse(s))
                errors.append(None)
            except N.Unreadable as exc:
                exprs.append(None)
                errors.append(str(exc))
        exprs = self.index_gradients(exprs)
        seen = set(self.seen)
        for e in exprs:
            if e is not None:
                self.seen |= self._names(e)
        # norms, inner products, sums over a coordinate: the vector reading of every side
        vexprs: list[sp.Expr | None] = []
        if any(err and any(r in err for r in N.VECTOR_REASONS) for err in errors):
            vexprs = [self.parse_vector(t) for t in texts]
        first_is_def = False
        starts: list[int] = []  # where each link's entries begin
        for i, rel in enumerate(chain.rels):
            starts.append(len(self.entries))
            lt, rt = texts[i].strip(), texts[i + 1].strip()
            text = f"{lt} {rel} {rt}"
            if rel == "\\propto":
                from adaproof.reports.documents import proportion

                first = i == 0 and not chain.continued
                err = errors[i] or errors[i + 1]
                args = (lt, rt, exprs[i], exprs[i + 1], err, first)
                self.entries.append(proportion.relation(self, chain.line, text, *args))
                continue
            if rel not in N.RELATIONS:
                self.entries.append(
                    Entry(
                        chain.line,
                        text,
                        "not checked",
                        "not checked",
                        f"{N.OTHER_RELATIONS.get(rel, rel)} is not decided",
                    )
                )
                continue
            op = N.RELATIONS[rel]
            if i == 0 and not chain.continued and op == "=" and errors[1] and not errors[0]:
                why = projection.define(self, chain.line, exprs[0], texts[1])
                if why:  # w_{t+1} = \Pi_{|w| \le D} w_t - …: a projected step
                    self.entries.append(Entry(chain.line, text, "definition", "defined", why))
                    first_is_def = True
                    continue
                name = exprs[0]
                base = N.seq_name(name).split("_")[0] if N.is_seq(name) else ""
                # a recursion written in a form that was not read (the name recurs on the right)
                recurs = base and re.search(
                    r"(?<![A-Za-z\\])" + re.escape(base) + r"\}?\s*[_^]", texts[1]
                )
                if recurs and N.seq_name(name) in self.defs.general:
                    self.defs.tainted[N.seq_name(name)] = (
                        f"{N.pretty_name(N.seq_name(name))} is redefined at line {chain.line} "
                        f"by a formula that was not read ({errors[1]})"
                    )
            first = i == 0 and not chain.continued
            args = (lt, op, rt, errors[i : i + 2], exprs[i], seen)
            got = F.link(self, chain.line, text, first, *args)
            if got:  # a function of vectors, its gradient, or a convex function's lemma
                first_is_def = first_is_def or got == "definition"
                continue
            if errors[i] or errors[i + 1]:
                if (
                    i == 0
                    and not chain.continued
                    and op == "="
                    and errors[1]
                    and self.unread_definition(
                        chain.line, text, exprs[0], lt, errors[0], errors[1], seen
                    )
                ):
                    first_is_def = True
                    continue
                if vexprs and vexprs[i] is not None and vexprs[i + 1] is not None:
                    self.vector_claim(chain.line, text, vexprs[i], op, vexprs[i + 1])
                    continue
                if not errors[i] and "O(·)" in errors[i + 1]:
                    big_o = bigo.relation(self, chain.line, text, exprs[i], op, rt)
                    if big_o is not None:
                        self.entries.append(big_o)
                        continue
                self.entries.append(
                    Entry(
                        chain.line, text, "not checked", "not checked", errors[i] or errors[i + 1]
                    )
                )
                continue
            lhs, rhs = exprs[i], exprs[i + 1]
            if i == 0 and not chain.continued and op == "=":
                from adaproof.reports.documents import power_names, renaming

                why = renaming.initial_value(self.defs, lhs, rhs, chain.line) or self.try_define(
                    lhs, rhs, chain.line, False
                )
                why = why or power_names.define(self.defs, lhs, rhs, chain.line, seen)  # L^p = …
                if why:
                    role = "initial value" if why.startswith("initial") else "definition"
                    self.entries.append(Entry(chain.line, text, role, "defined", why))
                    first_is_def = True
                    continue
            if self.assumption(chain.line, text, lhs, op, rhs):
                continue
            if op == "=" and self.rounded(chain.line, text, lhs, rhs, lt, rt):
                continue
            if (
                op == "="
                and len(chain.rels) == 1
                and not chain.continued
                and equations.display(self, chain.line, text, self.prose, lhs, rhs)
            ):
                continue  # "Let's fix $L^p = 1$": the equation fixed, and steps from it
            self.claim(chain.line, text, lhs, op, rhs)
        starts.append(len(self.entries))
        links = [self.entries[a:b] for a, b in itertools.pairwise(starts)]
        ops = [N.RELATIONS.get(r) for r in chain.rels]
        up, down = {"<", "<="}, {">", ">="}
        vector = bool(vexprs) and vexprs[-1] is not None
        if (
            len(ops) >= 2
            and None not in ops
            and "≈" not in ops
            and (exprs[-1] is not None or vector)
        ):
            if not (set(ops) & up and set(ops) & down):
                # a = b <= c states a <= c: each side against the last (links are above)
                for j in range(1 if first_is_def else 0, len(exprs) - 2):
                    use_vector = vector and (errors[j] or errors[-1]) and vexprs[j] is not None
                    if (exprs[j] is None or exprs[-1] is None) and not use_vector:
                        continue
                    sub = set(ops[j:])
                    op_j = "="
                    if sub & up:
                        op_j = "<" if "<" in sub else "<="
                    elif sub & down:
                        op_j = ">" if ">" in sub else ">="
                    what = "whole chain" if j == 0 else f"from side {j + 1}"
                    text = f"{texts[j].strip()} {op_j} {texts[-1].strip()} ({what})"
                    if use_vector:
                        self.vector_claim(chain.line, text, vexprs[j], op_j, vexprs[-1])
                    else:
                        self.claim(chain.line, text, exprs[j], op_j, exprs[-1])
                    self.transitive(self.entries[-1], links[j:])
        return (texts[-1], exprs[-1], errors[-1], chain.line)

    @staticmethod
    def transitive(entry: Entry, links: list[list[Entry]]) -> None:
        """``a ≤ b = c`` left undecided as a whole while each link is true: true by
        transitivity, with the links' own evidence (a link read under a condition or a
        renaming carries it over)."""
        if entry.role != "claim" or entry.verdict not in ("inconclusive", "false"):
            return
        if not links or any(
            len(lk) != 1 or lk[0].role != "claim" or lk[0].verdict != "true" for lk in links
        ):
            return
        renamed = [lk[0].reading for lk in links if _RENAMED in lk[0].reading]
        if entry.verdict == "false" and not renamed:
            return  # false as written and no link read otherwise: the refutation stands
        proof = all(lk[0].symbolic for lk in links)
        whole = (
            f"as written, with no renaming, false: {entry.method}"
            if entry.verdict == "false"
            else f"as a whole: {entry.method}"
        )
        entry.verdict, entry.symbolic, entry.counterexample = "true", proof, None
        entry.method = (
            f"by transitivity: each of its {len(links)} links is true "
            f"({'each proved' if proof else 'not every link is proved: evidence, not a proof'}"
            f"; {whole})"
        )
        if renamed:
            note = renamed[0].split(_RENAMED, 1)[1].split(";")[0]
            entry.reading = f"{entry.reading}; read {note} (as in its link)"

    def index_gradients(self, exprs: list) -> list:
        """``v_0 = (\nabla w)^2``, ``m_t = … + (1-\beta_1)\nabla w``: an unindexed gradient
        in a relation about one index is read at that index (said in the output)."""
        first = exprs[0] if exprs else None
        if first is None:
            return exprs
        idx = {f.args[0] for f in _seqs(first)}
        if len(idx) != 1:
            return exprs
        (i,) = idx
        out = []
        for e in exprs:
            if e is None:
                out.append(e)
                continue
            reps = {
                s: N.seq(s.name)(i)
                for s in e.free_symbols
                if s.name.startswith("nabla") and len(s.name) > 5 and not isinstance(s, sp.Dummy)
            }
            if reps:
                names = ", ".join(sorted(f"∇{s.name[5:]}" for s in reps))
                self.notes.append(f"read {names} as the gradient at index {_show(i)}")
                e = e.xreplace(reps)
            out.append(e)
        return out

    def rounded(self, line, text, lhs, rhs, lt: str, rt: str) -> bool:
        """``\frac{0.1}{\\sqrt{0.019}} = 0.72``: a number printed to d decimals is read as
        rounded (or cut) to d decimals: true when the exact value is within 10^-d."""
        for value, printed, shown in ((lhs, rt, rhs), (rhs, lt, lhs)):
            m = re.fullmatch(r"\s*-?\d*\.(\d+)\s*", printed)
            if not m or not shown.is_number:
                continue
            other = Unroller(self.defs).expr(value)
            if not other.is_number or other.has(sp.zoo, sp.nan):
                return False
            digits = len(m.group(1))
            err = abs(sp.N(other - shown, 30))
            e = Entry(line, text, "claim", "true" if err <= sp.Rational(1, 10**digits) else "false")
            e.reading = f"claim: {_show(value)} = {printed.strip()} (printed to {digits} decimals)"
            if e.verdict == "true":
                e.method = (
                    f"exact value {sp.N(other, 12)} is {printed.strip()} to {digits} decimals"
                )
            else:
                e.method = (
                    f"exact value {sp.N(other, 12)} differs from {printed.strip()} by "
                    f"{sp.N(err, 6)}, more than 1e-{digits}"
                )
                e.counterexample = {
                    "values": {},
                    "lhs": str(sp.N(other, 15)),
                    "rhs": printed.strip(),
                }
            self.entries.append(e)
            return True
        return False

    def assumption(self, line, text, lhs, op, rhs) -> bool:
        """``\varepsilon > 0``, ``\beta < 1``: a stated condition on a parameter, not a claim."""
        from adaproof.derivations.equivalence import default_domain
        from adaproof.derivations.parsing.assume import Domain

        if op not in ("<", "<=", ">", ">="):
            return False
        if isinstance(rhs, sp.Symbol) and lhs.is_number:
            lhs, rhs = rhs, lhs
            op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]
        if not (isinstance(lhs, sp.Symbol) and rhs.is_Rational) or lhs in self.defs.scalars:
            return False
        if lhs.name in _INDEX_NAMES:
            return False
        if op in (">", ">="):
            dom = Domain(lo=rhs, lo_open=op == ">")
        else:
            dom = Domain(hi=rhs, hi_open=op == "<")
        old = self.defs.domains.get(lhs, default_domain(lhs))
        self.defs.domains[lhs] = old.intersect(dom)
        self.given(line, text, f"assumption {lhs.name} {op} {rhs} (a condition)")
        return True

    def claim(self, line, text, lhs, op, rhs) -> None:
        e = decide_claim(lhs, op, rhs, self.defs, self.budget)
        if e.verdict == "inconclusive":
            free = free_identity(lhs, op, rhs, self.defs, self.budget)
            if free is not None:
                free.method = f"{free.method} (by the definitions: {e.method})"
                e = free
        e.line, e.text = line, text
        if not e.reading:
            e.reading = f"claim: {_show(lhs)} {op} {_show(rhs)}"
        else:
            e.reading = f"claim: {_show(lhs)} {op} {_show(rhs)}; {e.reading}"
        self.entries.append(e)

    def run(self) -> list[Entry]:
        self.directives()
        events = sorted(
            [(d.line, 0, i, d) for i, d in enumerate(self.doc.displays)]
            + [(d.line, 1, i, d) for i, d in enumerate(self.doc.inline)]
        )
        previous = None
        for _line, is_inline, _i, disp in events:
            try:
                if is_inline:
                    self.inline(disp)
                else:
                    previous = self.display(disp, previous)
            except (N.Unreadable, ValueError, TypeError, RecursionError, AttributeError) as exc:
                # one formula the reader trips on must not stop the rest of the document
                if not is_inline:
                    why = f"could not be read ({type(exc).__name__}: {str(exc)[:80]})"
                    self.entries.append(
                        Entry(disp.line, disp.text.strip()[:200], "not checked", "not checked", why)
                    )
                previous = None
        return self.entries


def check(doc: Document, budget: float = 3.0) -> list[Entry]:
    """Every displayed relation of ``doc``: read, defined or decided (in document order)."""
    return Checker(doc, budget).run()
