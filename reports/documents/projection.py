r"""Projected steps, and the conditions a document states for them.

``w_{t+1}[i] = \Pi_{|w[i]| \le D} w_t[i] - \frac{c g_t[i]}{\sqrt{g^2_{1:t}[i]}}`` defines the
iterates of a projected method. The text has no parentheses: the projection is read as
applied to the whole step after it (the projected gradient step), and the reading says so.
The set is a constraint on the iterate: ``|w[i]| \le D`` (the interval [-D, D]; the
projection is the clip min(max(x, -D), D)) or ``\|w\|_2 \le D`` (the Euclidean ball,
x·min(1, D/‖x‖), read one coordinate at a time, that is in dimension 1, where it is the same
clip; the norms of the step are then absolute values).

Claims that use such a recursion are decided by the engine's unrolling with the clip
unrolled, under the conditions the text states, which every counterexample satisfies:

* a bound ``|x| \le B`` or ``\|x\|_\infty \le B`` (``\|x\|_2 \le B`` in dimension 1) stated
  in the prose before the claim (the latest one for x): x is written B·s, s in [-1, 1];
* a value ``c = \sqrt{2}D`` stated in the prose before the definition ("with $c = …$, the
  algorithm:"), for a constant of the step;
* the first iterate, which the recursion does not give (its step is undefined below index
  1), is read as a point of the projection's set like every later iterate: B·s, s in [-1, 1].

A step name used next to the recursion may be defined with a term the update itself does not
have (``\eta_t = c/\sqrt{\epsilon^2 + g^2_{1:t}}`` while the update divides by
``\sqrt{g^2_{1:t}}``): when the name's definition at parameter p = 0 is exactly the step
inside the update and the update has no p, a claim that uses both is read at p = 0 (the
only value at which they agree) and says so. This rule holds for any recursion, projected
or not.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from adaproof.derivations.parsing.latex import _brace_end
from adaproof.reports.documents import notation as N

#: ``\Pi_{`` or ``\prod_{`` at the start of a right side
_HEAD = re.compile(r"^\s*\\(?:Pi|prod)\s*_\s*\{")
_LE = r"(?:\\leq?(?![A-Za-z])|≤)"
_ABS = re.compile(r"^\s*(?:\\left)?\|(?P<x>[^|]+?)(?:\\right)?\|\s*" + _LE + r"\s*(?P<b>.+?)\s*$")
_NORM = re.compile(
    r"^\s*(?:\\left)?(?:\\\||\\lVert|\\Vert)(?P<x>.+?)(?:\\right)?(?:\\\||\\rVert|\\Vert)"
    r"\s*(?:_\s*\{?\s*(?P<p>2|\\infty)\s*\}?)?\s*" + _LE + r"\s*(?P<b>.+?)\s*$"
)
#: ``\|g\|_{1:t}^2`` (a range sum of squared norms), read in dimension 1 as ``g_{1:t}^2``
_RANGE_NORM = re.compile(
    r"(?:\\\||\\Vert)\s*(?P<x>(?:\\mathbf\{[A-Za-z]\}|[A-Za-z]))\s*(?:\\\||\\Vert)\s*"
    r"_\s*\{(?P<a>[A-Za-z0-9]+):(?P<b>[A-Za-z0-9]+)\}\s*\^\s*(?:\{2\}|2)"
)
#: prose that sets a constant for what follows ("Then with $c = …$, the algorithm")
_SETTING = re.compile(r"\b(let|set|take|use|with)\s*$", re.I)
#: prose that supposes a value for the rest of the argument ("Suppose $y = \sqrt{2}$")
_SUPPOSING = re.compile(
    r"\b(suppose|supposing|assume|assuming|let|set|take|given|if|consider|fix)\s*(that\s*)?$",
    re.I,
)
_UNIT = (sp.Integer(-1), sp.Integer(1))
#: prose that denies the condition it names ("we do not assume", "without", "unless")
_NEGATED = re.compile(
    r"\b(not|no|never|without|unless|nor|drop|dropping|relax|relaxing|instead of)\b"
    r"[^.;]*$|n't\b[^.;]*$",
    re.I,
)
#: how many times the usual time share each index value gets when a projection is unrolled
PROJECTED_SHARE = 3.0


class _Cheap:
    """Min/Max built without SymPy's simplification of their arguments (which compares
    every pair and costs seconds on an unrolled recursion); numbers still evaluate."""

    def __new__(cls, *args, **options):
        if all(getattr(a, "is_number", False) for a in args):
            return cls.__mro__[2](*args)
        return super().__new__(cls, *args, evaluate=False)

    def _sympystr(self, printer) -> str:
        name = "Min" if isinstance(self, sp.Min) else "Max"
        return f"{name}({', '.join(printer._print(a) for a in self.args)})"


class ClipMin(_Cheap, sp.Min):
    pass


class ClipMax(_Cheap, sp.Max):
    pass


def clip(x: sp.Expr, bound: sp.Expr) -> sp.Expr:
    """min(max(x, -bound), bound): the projection onto [-bound, bound]."""
    return ClipMin(ClipMax(x, -bound), bound)


@dataclass
class Projection:
    """A recursion whose step is projected onto ``|x| ≤ bound``."""

    name: str
    line: int
    bound: sp.Expr
    ball: bool  # the set was a Euclidean ball, read in dimension 1
    constants: dict[sp.Symbol, tuple[sp.Expr, int]] = field(default_factory=dict)


@dataclass
class Fact:
    """``|x| ≤ bound`` or ``x = value`` stated in the prose (inline math)."""

    line: int
    sym: sp.Symbol
    value: sp.Expr
    text: str
    equal: bool = False  # x = value (a supposition), not |x| <= value


@dataclass
class State:
    projections: dict[int, Projection] = field(default_factory=dict)  # by definition line
    bounds: list[Fact] = field(default_factory=list)  # |x| <= B, and supposed x = number
    values: list[Fact] = field(default_factory=list)


def _state(defs) -> State:
    if defs.projection is None:
        defs.projection = State()
    return defs.projection


def _show(e: sp.Expr) -> str:
    """As the engine shows expressions, with a constant such as D_2 written D_2."""
    reps = {
        f: sp.Symbol(f"{N.pretty_name(N.seq_name(f))}_{f.args[0]}")
        for f in e.atoms(sp.core.function.AppliedUndef)
        if N.is_seq(f) and f.args[0].is_Integer
    }
    return sp.sstr(e.xreplace(reps) if reps else e).replace("seq_", "")


def split(text: str) -> tuple[str, str] | None:
    """(set, step) of ``\\Pi_{set} step``, or None when the text does not start so."""
    m = _HEAD.match(text)
    if not m:
        return None
    end = _brace_end(text, m.end() - 1)  # just past the set's closing brace
    if end < 0:
        return None
    return text[m.end() : end - 1], text[end:]


def _bound_of(text: str) -> tuple[str, str, bool] | None:
    """(x, bound, ball) of ``|x| ≤ B``, ``‖x‖_∞ ≤ B`` or ``‖x‖_2 ≤ B`` (ball True)."""
    m = _NORM.match(text)
    if m:
        return m.group("x"), m.group("b"), m.group("p") != "\\infty"
    m = _ABS.match(text)
    if m:
        return m.group("x"), m.group("b"), False
    return None


def _symbol(text: str, parse) -> sp.Expr | None:
    try:
        e = parse(text)
    except N.Unreadable:
        return None
    return e


def define(checker, line: int, lhs: sp.Expr, rhs_text: str) -> str | None:
    """Record ``lhs = \\Pi_{set} step`` as a recursion with the step projected; the reading,
    or None when the right side is not a projection onto a constraint on the iterate.

    A projection that is not read still defines the iterates: claims that use the name are
    then not decided (its values are not free: the text keeps them in a set)."""
    why = _define(checker, line, lhs, rhs_text)
    if why is None and split(rhs_text) is not None and N.is_seq(lhs):
        name = N.seq_name(lhs)
        if not lhs.args[0].is_Integer and not name.startswith("nabla"):
            checker.defs.tainted.setdefault(
                name,
                f"{N.pretty_name(name)} is defined at line {line} by a projection that was not "
                "read",
            )
    return why


def _define(checker, line: int, lhs: sp.Expr, rhs_text: str) -> str | None:
    parts = split(rhs_text)
    if parts is None or not N.is_seq(lhs):
        return None
    set_text, step_text = parts
    found = _bound_of(set_text)
    if found is None:
        return None
    x_text, b_text, ball = found
    name = N.seq_name(lhs)
    x = _symbol(x_text, checker.parse)
    bound = _symbol(b_text, checker.parse)
    if x is None or bound is None or not isinstance(x, sp.Symbol) or x.name != name:
        return None  # a set that does not constrain the iterate being defined
    if bound.free_symbols & {x} or (N.is_seq(bound) and N.seq_name(bound) == name):
        return None
    if ball:
        step_text = _RANGE_NORM.sub(
            lambda m: f"{m.group('x')}_{{{m.group('a')}:{m.group('b')}}}^{{2}}", step_text
        )
    try:
        step = checker.parse(step_text)
    except N.Unreadable:
        return None
    step = checker.index_gradients([lhs, step])[1]
    why = checker.try_define(lhs, clip(step, bound), line, False)
    if not why:
        return None
    st = _state(checker.defs)
    proj = Projection(name, line, bound, ball)
    for fact in st.values:  # the constants the prose sets for this step, the latest first
        if fact.sym in step.free_symbols and fact.sym not in proj.constants:
            proj.constants[fact.sym] = (fact.value, fact.line)
    st.projections[line] = proj
    pretty = N.pretty_name(name)
    sb = _show(bound)
    if not checker.defs.values.get(name):  # the first iterate is read below, not as w_0 = 0
        why = why.replace(f", initial value {pretty}_0 = 0 unless the document gives one", "")
    where = (
        f"the ball ‖{pretty}‖₂ ≤ {sb} read in dimension 1 (one coordinate), where it is the "
        f"interval [-{sb}, {sb}] and ‖x‖ = |x|"
        if ball
        else f"the interval [-{sb}, {sb}]"
    )
    consts = "".join(
        f"; {_show(s)} = {_show(v)} (line {ln})" for s, (v, ln) in proj.constants.items()
    )
    return (
        f"{why}; the projection has no parentheses: read as applied to the whole step after "
        f"it, {pretty}_{{t+1}} = Π({_show(step)}), Π(x) = min(max(x, -{sb}), {sb}) the "
        f"projection onto {where}; {pretty}_1 read as a point of that set like every later "
        f"iterate{consts}"
    )


def prose(checker, disp) -> None:
    """Record the conditions an inline formula states: ``|x| ≤ B``, ``‖x‖_∞ ≤ B``,
    ``‖x‖_2 ≤ B`` (a bound on a plain name) and ``c = …`` after "with"/"let"/"set"."""
    text = disp.text.strip()
    if _NEGATED.search(disp.before or ""):
        return  # "we do not assume $|w| \le D$": not a condition
    st = None
    found = _bound_of(text)
    if found is not None:
        x_text, b_text, _ball = found
        x = _symbol(x_text, checker.parse)
        b = _symbol(b_text, checker.parse)
        if isinstance(x, sp.Symbol) and b is not None and x not in b.free_symbols:
            st = _state(checker.defs)
            fact = Fact(disp.line, x, b, text)
            st.bounds.append(fact)
            if _TRAILING.match(disp.before or ""):
                _qualify_previous(checker, disp.line, fact)
        return
    m = re.fullmatch(r"\s*([A-Za-z])\s*=\s*(.+)", text)
    if m and _SUPPOSING.search(disp.before or ""):
        # "Suppose $y = \sqrt{2}$, then …": a counterexample with another y is withdrawn
        sym, value = _symbol(m.group(1), checker.parse), _symbol(m.group(2), checker.parse)
        if isinstance(sym, sp.Symbol) and value is not None and value.is_number:
            _state(checker.defs).bounds.append(Fact(disp.line, sym, value, text, equal=True))
    if not m or not _SETTING.search(disp.before or ""):
        return
    sym, value = _symbol(m.group(1), checker.parse), _symbol(m.group(2), checker.parse)
    if not isinstance(sym, sp.Symbol) or value is None or value.is_number:
        return
    if sym in value.free_symbols or any(
        not (N.is_seq(f) and f.args[0].is_Integer)
        for f in value.atoms(sp.core.function.AppliedUndef)
    ):
        return  # a value given by constants only (D_2 is a constant, g_t is not)
    _state(checker.defs).values.insert(0, Fact(disp.line, sym, value, text))


#: prose that opens a line with a condition on the display just above it
_TRAILING = re.compile(
    r"^\s*(where|provided|assuming|if|when|whenever|for|as long as|given)\b", re.I
)


def _qualify_previous(checker, line: int, fact: Fact) -> None:
    """``$$claim$$`` then "where $|x| \\le B$": the condition was stated after the claim was
    decided; a refutation whose counterexample breaks it no longer stands."""
    above = [d.line for d in checker.doc.displays if d.line < line]
    if not above:
        return
    last = max(above)
    if line - last > 12:
        return  # too far below to qualify it
    for entry in checker.entries:
        if entry.line == last:
            _guard(entry, None, None, [fact])


def _number(text: str) -> sp.Expr | None:
    text = str(text).strip()
    if re.fullmatch(r"-?\d+(/\d+)?", text):
        return sp.Rational(*map(int, text.split("/"))) if "/" in text else sp.Integer(text)
    if re.fullmatch(r"-?\d*\.\d+(e-?\d+)?", text):
        return sp.Float(text, 30)
    return None


def _violation(values: dict, fact: Fact) -> str | None:
    """How the point ``values`` breaks ``|x| ≤ B`` (None when it does not, or when that
    cannot be told). A point without x breaks it when B < 0 there (no x fits)."""
    point = {k: _number(v) for k, v in values.items()}
    reps = {}
    for s in fact.value.free_symbols:
        if point.get(s.name) is None:
            return None
        reps[s] = point[s.name]
    for f in fact.value.atoms(sp.core.function.AppliedUndef):
        key = f"{N.pretty_name(N.seq_name(f))}_{f.args[0]}" if N.is_seq(f) else None
        if key is None or point.get(key) is None:
            return None
        reps[f] = point[key]
    bound = fact.value.xreplace(reps)
    if not bound.is_number:
        return None
    name = fact.sym.name
    if fact.equal:
        x = point.get(name)
        if name not in values or x is None:
            return None
        if abs(sp.N(x - bound, 30)) > 1e-20:
            return f"{name} = {values[name]}, not {_show(bound)}"
        return None
    if name in values:
        x = point.get(name)
        if x is None:
            return None
        if abs(x) > bound:
            return f"{name} = {values[name]} with bound {_show(bound)}"
        return None
    if bound < 0:
        return f"the bound {_show(fact.value)} = {_show(bound)} < 0 (no {name} fits)"
    return None


def _guard(entry, lhs, rhs, facts: list[Fact]) -> None:
    """A refutation whose counterexample breaks a condition the prose states (the latest
    ``|x| ≤ B`` for each x) is withdrawn: inconclusive, with the reason."""
    ce = entry.counterexample
    if entry.verdict != "false" or not isinstance(ce, dict):
        return
    values = ce.get("values")
    if not isinstance(values, dict):
        return
    latest: dict[sp.Symbol, Fact] = {}
    for fact in facts:
        latest[fact.sym] = fact
    for fact in latest.values():
        broken = _violation(values, fact)
        if broken and fact.equal and _fails_at(entry, lhs, rhs, values, fact):
            continue  # moved inside the supposition, and still a counterexample
        if broken:
            entry.verdict, entry.counterexample = "inconclusive", None
            entry.method = (
                f"a counterexample was found outside the condition ${fact.text}$ the text "
                f"states (line {fact.line}): {broken}; not refuted inside it"
            )
            return


_OPS = {"=": sp.Eq, "<=": sp.Le, "<": sp.Lt, ">=": sp.Ge, ">": sp.Gt}


def _fails_at(entry, lhs, rhs, values: dict, fact: Fact) -> bool:
    """``y = value`` supposed: when the relation also fails exactly at the counterexample
    with y moved to that value, the counterexample becomes that point (and True)."""
    rel = _OPS.get(entry.relation)
    if lhs is None or rhs is None or rel is None:
        return False
    point = {}
    for s in (lhs - rhs).free_symbols:
        x = fact.value if s == fact.sym else _number(values.get(s.name, ""))
        if x is None or (s.name not in values and s != fact.sym):
            return False
        point[s] = x
    if (lhs - rhs).atoms(sp.core.function.AppliedUndef):
        return False
    try:
        holds = rel(lhs.xreplace(point), rhs.xreplace(point))
    except TypeError:
        return False
    if holds is not sp.false:
        return False
    values[fact.sym.name] = _show(fact.value)
    ce = entry.counterexample
    for key, side in (("lhs", lhs), ("rhs", rhs)):
        if key in ce:
            ce[key] = _show(side.xreplace(point))
    ce.pop("difference", None)
    entry.method = (
        f"{entry.method}; at the value the text supposes (${fact.text}$, line {fact.line})"
    )
    return True


# -- the reading of a claim ---------------------------------------------------------------------


def _vanishing(defs, lhs: sp.Expr, rhs: sp.Expr, recs: list) -> list[tuple[sp.Symbol, str, Any]]:
    """(p, name, recursion) for each step name the claim uses whose definition at p = 0 is
    the step inside a recursion the claim depends on (and which has no p itself)."""
    from adaproof.reports.documents.engine import _canon_sums, _seqs

    direct = sorted({N.seq_name(f) for e in (lhs, rhs) for f in _seqs(e)})
    out = []
    for name in direct:
        g = defs.general.get(name)
        if g is None or g.recursive:
            continue
        params = sorted(
            (s for s in g.rhs.free_symbols - {g.var} if not isinstance(s, sp.Dummy)), key=str
        )
        for r in recs:
            at = _canon_sums(g.rhs.xreplace({g.var: r.var - g.offset}))
            body = _canon_sums(r.rhs)
            for p in params:
                if p in defs.scalars or p in r.rhs.free_symbols:
                    continue
                at0 = at.xreplace({p: sp.Integer(0)})
                if at0 == at or at0.has(sp.zoo, sp.nan) or at0.is_number:
                    continue
                mark = sp.Dummy("step")
                try:
                    hit = body.subs(at0, mark).has(mark) and not body.subs(at, mark).has(mark)
                except Exception:  # a failed match is no match
                    hit = False
                if hit:
                    out.append((p, name, r))
    return out


@contextlib.contextmanager
def reading(entry, lhs: sp.Expr, rhs: sp.Expr, defs) -> Iterator[None]:
    """Decide ``lhs op rhs`` under the readings above (nothing when none applies): the
    definitions are changed for the decision and restored after it; the entry's reading
    says what was read, and its counterexample gives the names' own values."""
    from adaproof.derivations.parsing.assume import Domain
    from adaproof.reports.documents.engine import Unroller, _depends_on

    used = _depends_on(defs, lhs, rhs)
    recs = [defs.general[n] for n in sorted(used) if n in defs.general]
    recs = [g for g in recs if g.recursive]
    st: State | None = defs.projection
    projs = [st.projections[g.line] for g in recs if st and g.line in st.projections]
    projs = [p for p in projs if defs.general.get(p.name) and defs.general[p.name].line == p.line]
    zero = _vanishing(defs, lhs, rhs, recs)
    if not projs and not zero:
        yield 1.0
        if st is not None:
            _guard(entry, lhs, rhs, st.bounds)
        return
    saved_scalars = dict(defs.scalars)
    saved_domains = dict(defs.domains)
    saved_values = {p.name: defs.values.get(p.name) for p in projs}
    notes: list[str] = []
    scaled: dict[sp.Symbol, tuple[str, sp.Expr]] = {}  # s -> (name, bound)

    def positive(bound: sp.Expr) -> None:
        b = Unroller(defs).expr(bound)
        if isinstance(b, sp.Symbol) and b not in defs.domains:
            defs.domains[b] = Domain(lo=sp.Integer(0))
            notes.append(f"{_show(b)} > 0 (the set it bounds is not empty)")

    try:
        for p, name, r in zero:
            if p not in defs.scalars:
                defs.scalars[p] = (sp.Integer(0), r.line)
                notes.append(
                    f"{N.pretty_name(name)}_t read at {p.name} = 0, where it is the step of the "
                    f"update at line {r.line} (its definition has {p.name}, the update has not)"
                )
        for proj in projs:
            for sym, (value, line) in proj.constants.items():
                if sym not in defs.scalars:
                    defs.scalars[sym] = (value, line)
                    notes.append(f"{_show(sym)} = {_show(value)} (the text, line {line})")
            positive(proj.bound)
            if not defs.values.get(proj.name):
                s = sp.Symbol(f"s_{proj.name}1", real=True)
                defs.domains[s] = Domain(*_UNIT, lo_open=False, hi_open=False)
                defs.values[proj.name] = {1: (proj.bound * s, proj.line)}
                scaled[s] = (f"{N.pretty_name(proj.name)}_1", proj.bound)
                notes.append(
                    f"{N.pretty_name(proj.name)}_1 a point of the projection's set, like every "
                    f"later iterate: {N.pretty_name(proj.name)}_1 = {_show(proj.bound)}·"
                    f"{s.name}, {s.name} in [-1, 1]"
                )
        if projs and st is not None:
            latest: dict[sp.Symbol, Fact] = {}
            for fact in st.bounds:
                latest[fact.sym] = fact
            free = lhs.free_symbols | rhs.free_symbols
            for sym, fact in sorted(latest.items(), key=lambda kv: kv[0].name):
                if sym not in free or sym in defs.scalars:
                    continue
                s = sp.Symbol(f"s_{sym.name}", real=True)
                defs.domains[s] = Domain(*_UNIT, lo_open=False, hi_open=False)
                defs.scalars[sym] = (fact.value * s, fact.line)
                positive(fact.value)
                scaled[s] = (sym.name, fact.value)
                notes.append(
                    f"${fact.text}$ (the text, line {fact.line}): {sym.name} = "
                    f"{_show(fact.value)}·{s.name}, {s.name} in [-1, 1]"
                )
        # the unrolled clips are long expressions: each index value gets a larger share of
        # the claim's time limit (which itself is unchanged)
        yield PROJECTED_SHARE if projs else 1.0
    finally:
        defs.scalars.clear()
        defs.scalars.update(saved_scalars)
        defs.domains.clear()
        defs.domains.update(saved_domains)
        for name, vals in saved_values.items():
            if vals is None:
                defs.values.pop(name, None)
            else:
                defs.values[name] = vals
    if entry.verdict == "false" and entry.counterexample:
        _translate(entry.counterexample, scaled)
    if st is not None:
        _guard(entry, lhs, rhs, st.bounds)
    mine = "; ".join(dict.fromkeys(notes))
    entry.reading = mine + (f"; {entry.reading}" if entry.reading else "")


#: above this size (SymPy operations) an expression with unrolled projections is decided by
#: the numeric search alone: no symbolic proof goes through the nested clips, and trying
#: takes most of the time the search needs
SYMBOLIC_OPS = 60


def symbolic_worth(lhs: sp.Expr, rhs: sp.Expr) -> bool:
    """False for a long expression with unrolled projections (see SYMBOLIC_OPS)."""
    if not (lhs.has(ClipMin) or rhs.has(ClipMin)):
        return True
    return sp.count_ops(lhs) + sp.count_ops(rhs) <= SYMBOLIC_OPS


def _translate(ce: dict, scaled: dict) -> None:
    """Add the names' own values (w* = D·s) to a counterexample found in the scaled ones."""
    values = ce.get("values")
    if not isinstance(values, dict):
        return
    point = {}
    for k, v in values.items():
        text = str(v).strip()
        if re.fullmatch(r"-?\d+(/\d+)?", text):
            point[k] = sp.Rational(*map(int, text.split("/"))) if "/" in text else sp.Integer(text)
        elif re.fullmatch(r"-?\d*\.\d+(e-?\d+)?", text):
            point[k] = sp.Float(text, 30)
    for s, (name, bound) in scaled.items():
        if s.name not in point:
            continue
        b = bound.xreplace({x: point[x.name] for x in bound.free_symbols if x.name in point})
        b = b.xreplace(
            {
                f: point[f"{N.pretty_name(N.seq_name(f))}_{f.args[0]}"]
                for f in b.atoms(sp.core.function.AppliedUndef)
                if N.is_seq(f) and f"{N.pretty_name(N.seq_name(f))}_{f.args[0]}" in point
            }
        )
        val = sp.nsimplify(b * point[s.name]) if b.is_number else None
        if val is not None:
            values[name] = _show(val)
