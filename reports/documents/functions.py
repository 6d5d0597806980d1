r"""Functions of vectors a document defines, their gradients, and the first-order
condition of a function the text states is convex.

``\ell(w, (x, y)) = \log(1 + \exp(-y\langle w, x \rangle))`` defines ℓ: w and x are
vectors (they appear inside ⟨·,·⟩, ‖·‖ or as ``x[i]``), y is a scalar. ``\hat{y} =
\langle w, x \rangle`` defines ŷ from the vectors w and x. ``\nabla \ell(…)``, and a name
defined as one (``\mathbf{g}_t = \nabla \ell(\mathbf{w}_t, z_t)``), is the gradient of
the defined function in its first argument. A relation with such a gradient is decided
coordinate by coordinate at dimensions 1..3: ∂/∂w[k] of the definition, differentiated
symbolically, against coordinate k of the other side, every coordinate a free value.
That is evidence, not a proof, when it holds; a coordinate that differs refutes the
relation only when nothing in it is a reading choice (an argument ``z_t`` read as the
pair ``(x_t, y_t)``) or a value the function does not take (a name of its own).

When the prose says ``$\mathcal{L}$ is a convex function``, a later relation that is
exactly the first-order condition ``L(y) ≥ L(x) + ⟨∇L(x), y − x⟩`` (times a positive
number, rearranged, inside ``E[…]`` on both sides, which preserves ≤) is true by that
lemma; the method names the lemma and the line of the prose it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp
from adaproof.reports.documents import notation as N

#: dimensions at which a gradient is compared coordinate by coordinate
DIMS = (1, 2, 3)
#: first placeholder number (``\chi_{950}``) for a function value or gradient in a side
_PH = 950
#: a function's name as written: ``\ell``, ``f``, ``\mathcal{L}``, ``\phi``
_FNAME = r"\\mathcal\s*\{\s*[A-Za-z]\s*\}|\\[A-Za-z]+|[A-Za-z]"
_CONVEX = re.compile(r"^\s*is\s+(?:a\s+)?convex\b", re.I)
_NO_FUNCTION = frozenset({"left", "right", "frac", "sqrt", "log", "exp", "nabla", "mathbb"})


class Unhandled(Exception):
    """Not a relation this module reads: the engine's own reading applies."""


@dataclass
class Function:
    """``name(params) = body``: body in the parameters (vector reading)."""

    key: str  # the name as written, without spaces (``\ell``)
    params: tuple  # nested as written: ("w", ("x", "y"))
    vectors: frozenset[str]
    body: sp.Expr
    line: int

    @property
    def flat(self) -> list[str]:
        return _flatten(self.params)

    @property
    def shown(self) -> str:
        return _shown(self.key)


@dataclass
class Call:
    """``\nabla f(args)`` (kind "grad") or ``f(args)`` (kind "value") in a relation."""

    kind: str
    key: str
    args: tuple  # nested parsed expressions
    text: str


@dataclass
class GradientName:
    """``g_t = \nabla f(w_t, z_t)``: the name stands for that gradient."""

    var: sp.Symbol | None
    offset: sp.Expr
    call: Call
    line: int


@dataclass
class Registry:
    functions: dict[str, Function] = field(default_factory=dict)
    #: name -> {line of the definition in force -> the gradient it names}
    gradients: dict[str, dict[int, GradientName]] = field(default_factory=dict)
    #: names defined here as a gradient (no scalar reading): name -> line
    defined: dict[str, int] = field(default_factory=dict)
    #: ŷ = ⟨w, x⟩: plain names defined by a vector formula
    values: dict[str, tuple[sp.Expr, int]] = field(default_factory=dict)


def _flatten(params) -> list:
    out = []
    for p in params:
        out.extend(_flatten(p) if isinstance(p, tuple) else [p])
    return out


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)


def _shown(key: str) -> str:
    m = re.fullmatch(r"\\mathcal\{([A-Za-z])\}", key)
    if m:
        return m.group(1)
    return {"\\ell": "ℓ"}.get(key, key.lstrip("\\"))


def _name_pattern(key: str) -> str:
    m = re.fullmatch(r"\\mathcal\{([A-Za-z])\}", key)
    if m:
        return r"\\mathcal\s*\{\s*" + m.group(1) + r"\s*\}"
    if key.startswith("\\"):
        return re.escape(key) + r"(?![A-Za-z])"
    return r"(?<![A-Za-z\\])" + re.escape(key) + r"(?![A-Za-z])"


def _split_args(text: str) -> tuple:
    """``w, (x, y)`` → ("w", ("x", "y")) (texts, nested by parentheses)."""
    parts = N._depth_split(text, [r","])
    out: list = []
    for p in parts:
        p = p.strip()
        if not p:
            raise Unhandled("an empty argument")
        if p.startswith("(") and p.endswith(")") and N._match_close(p, 0, "(", ")") == len(p) - 1:
            out.append(_split_args(p[1:-1]))
        else:
            out.append(p)
    return tuple(out)


def _parse(text: str, checker) -> sp.Expr:
    return N.parse_vector_side(N.repair(text), checker.scope)


def _parse_args(args: tuple, checker) -> tuple:
    return tuple(
        _parse_args(a, checker) if isinstance(a, tuple) else _parse(a, checker) for a in args
    )


def _label(atom) -> str:
    if N.is_seq(atom):
        return f"{N.pretty_name(N.seq_name(atom))}_{sp.sstr(atom.args[0])}"
    return atom.name


def _atom_name(atom) -> str | None:
    if N.is_seq(atom):
        return N.seq_name(atom)
    if isinstance(atom, sp.Symbol) and not isinstance(atom, sp.Dummy):
        return atom.name
    return None


def _placeholder(atom) -> int | None:
    if N.is_seq(atom) and N.seq_name(atom) == "chi" and atom.args[0].is_Integer:
        n = int(atom.args[0]) - _PH
        return n if n >= 0 else None
    return None


def _leaves(e: sp.Expr) -> list:
    """The names in ``e`` (symbols and indexed names, not their indices), in order."""
    if isinstance(e, sp.Symbol) and not isinstance(e, sp.Dummy):
        return [e]
    if N.is_seq(e):
        return [e]
    args = e.args[:1] if getattr(e, "func", None) == N.Coord else e.args
    out = []
    for a in args:
        out += _leaves(a)
    return out


def _vector_names(e: sp.Expr) -> set[str]:
    """Names used as vectors: inside a coordinate, a norm or an inner product."""
    out: set[str] = set()
    for a in e.atoms(sp.core.function.AppliedUndef):
        if a.func in (N.Coord, N.Norm, N.Inner):
            for x in a.args[:1] if a.func == N.Coord else a.args:
                out |= {_atom_name(b) for b in _leaves(x) if _placeholder(b) is None}
    return out


def _linear(e: sp.Expr, atoms: list) -> dict | None:
    """The coefficients of ``e`` as a linear combination of ``atoms`` (None if it is not)."""
    present = [a for a in atoms if e.has(a)]
    dums = {a: sp.Dummy(f"v{i}") for i, a in enumerate(present)}
    ex = e.xreplace(dums)
    out = {}
    for a, d in dums.items():
        c = sp.diff(ex, d)
        if c.has(*dums.values()):
            return None
        out[a] = c
    rest = ex.xreplace({d: 0 for d in dums.values()})
    if rest != 0 and sp.expand(sp.cancel(sp.together(rest))) != 0:
        return None
    return out


# -- reading the sides ---------------------------------------------------------------------


def _calls(text: str, keys: list[str], checker, calls: list[Call]) -> str:
    r"""``\nabla f(…)`` and ``f(…)`` for the known names → placeholders ``\chi_{950+m}``."""
    for kind in ("grad", "value"):
        for key in keys:
            head = (r"\\nabla\s*" if kind == "grad" else r"(?<!\\nabla)(?<!\\nabla\s)") + (
                _name_pattern(key) + r"\s*(\\left\s*)?\("
            )
            while True:
                m = re.search(head, text)
                if not m:
                    break
                close = N._match_close(text, m.end() - 1, "(", ")")
                inner = text[m.end() : close]
                inner = re.sub(r"\\right\s*$", "", inner)
                args = _split_args(inner)
                calls.append(
                    Call(kind, key, _parse_args(args, checker), text[m.start() : close + 1])
                )
                text = f"{text[: m.start()]} \\chi_{{{_PH + len(calls) - 1}}} {text[close + 1 :]}"
    return text


def _read(texts: list[str], keys: list[str], checker) -> tuple[list[sp.Expr], list[Call]]:
    calls: list[Call] = []
    out = []
    for t in texts:
        s = _calls(t, keys, checker, calls)
        out.append(_parse(s, checker))
    return out, calls


# -- values of vectors at a dimension ------------------------------------------------------


class Space:
    """A relation's vectors at one dimension: coordinates of names, gradients and values."""

    def __init__(self, checker, dim: int, calls: list[Call], vectors: set[str]):
        self.checker = checker
        self.reg: Registry = checker.functions
        self.dim = dim
        self.calls = calls
        self.vectors = set(vectors)
        self.notes: list[str] = []
        self.uncertain: list[str] = []
        self._grads: dict[tuple[int, int], sp.Expr] = {}

    # which atoms are vectors
    def is_vector(self, a) -> bool:
        ph = _placeholder(a)
        if ph is not None:
            return self.calls[ph].kind == "grad"
        if self.gradient_name(a) is not None:
            return True
        name = _atom_name(a)
        return name is not None and name in self.vectors

    def atoms(self, e: sp.Expr) -> list:
        return list(dict.fromkeys(a for a in _leaves(e) if self.is_vector(a)))

    def gradient_name(self, a) -> GradientName | None:
        name = _atom_name(a)
        if name is None or name not in self.reg.gradients:
            return None
        d = self.checker.defs
        if N.is_seq(a):
            g = d.general.get(name)
            line = g.line if g is not None else None
        else:
            sc = d.scalars.get(a) if isinstance(a, sp.Symbol) else None
            line = sc[1] if sc is not None else None
        if line is None:
            line = self.reg.defined.get(name)
        return self.reg.gradients[name].get(line) if line is not None else None

    # coordinates
    def coord(self, e: sp.Expr, k: int) -> sp.Expr:
        atoms = self.atoms(e)
        lin = _linear(e, atoms)
        if lin is None:
            raise Unhandled("a coordinate of an expression that is not a sum of vectors")
        out = sp.Integer(0)
        for a, c in lin.items():
            if self.atoms(c):
                raise Unhandled("a product of vectors")
            out += self.scalar(c) * self.atom_coord(a, k)
        return out

    def atom_coord(self, a, k: int) -> sp.Expr:
        ph = _placeholder(a)
        if ph is not None:
            return self.gradient(self.calls[ph], k)
        g = self.gradient_name(a)
        if g is not None:
            call = g.call
            if N.is_seq(a) and g.var is not None:
                at = {g.var: a.args[0] - g.offset}
                call = Call(call.kind, call.key, _subs(call.args, at), call.text)
            return self.gradient(call, k)
        self.flag(a)
        return sp.Symbol(f"{_label(a)}[{k}]", real=True)

    def flag(self, e: sp.Expr) -> None:
        """Names with a definition in the document: a difference may not refute."""
        d = self.checker.defs
        for a in sp.preorder_traversal(e):
            if N.is_seq(a):
                name = N.seq_name(a)
                known = name in d.general or name in d.values or name in d.tainted
            else:
                known = isinstance(a, sp.Symbol) and (a in d.scalars or a in d.tainted_symbols)
            if known:
                self.uncertain.append(f"{_label(a)} has a definition in the document")

    def scalar(self, e: sp.Expr) -> sp.Expr:
        """Inner products, norms and coordinates written out; function values put in."""
        for _ in range(8):
            ops = [
                a
                for a in e.atoms(sp.core.function.AppliedUndef)
                if a.func in (N.Coord, N.Norm, N.Inner)
                and not any(
                    b.func in (N.Coord, N.Norm, N.Inner)
                    for x in a.args
                    for b in x.atoms(sp.core.function.AppliedUndef)
                )
            ]
            if not ops:
                break
            reps = {}
            ks = range(1, self.dim + 1)
            for a in ops:
                if a.func == N.Inner:
                    reps[a] = sum(self.coord(a.args[0], k) * self.coord(a.args[1], k) for k in ks)
                elif a.func == N.Norm:
                    reps[a] = sp.sqrt(sum(self.coord(a.args[0], k) ** 2 for k in ks))
                else:
                    k = a.args[1]
                    if not (k.is_Integer and 1 <= int(k) <= self.dim):
                        raise Unhandled("a coordinate whose index is not a number")
                    reps[a] = self.coord(a.args[0], int(k))
            e = e.xreplace(reps)
        reps = {}
        for a in e.atoms(sp.core.function.AppliedUndef):
            ph = _placeholder(a)
            if ph is not None and self.calls[ph].kind == "value":
                reps[a] = self.value(self.calls[ph])
        if reps:
            e = e.xreplace(reps)
        for name, (value, _line) in self.reg.values.items():
            sym = sp.Symbol(name, real=True)
            if sym in e.free_symbols:
                e = e.xreplace({sym: self.scalar(value)})
        return e

    def vector(self, e: sp.Expr) -> list[sp.Expr] | None:
        """Coordinates 1..dim of ``e``, or None when ``e`` is a scalar."""
        e = self.scalar(e)
        if not self.atoms(e):
            return None
        return [self.coord(e, k) for k in range(1, self.dim + 1)]

    # the defined functions
    def bind(self, call: Call) -> tuple[Function, dict[str, sp.Expr]]:
        fn = self.reg.functions.get(call.key)
        if fn is None:
            raise Unhandled(f"{_shown(call.key)} is not defined in the document")
        out: dict[str, sp.Expr] = {}

        def walk(params, args):
            if len(params) != len(args):
                raise Unhandled(f"{fn.shown} takes {len(params)} arguments here")
            for p, a in zip(params, args, strict=True):
                if isinstance(p, tuple) and isinstance(a, tuple):
                    walk(p, a)
                elif isinstance(p, tuple):
                    if not (N.is_seq(a) and all(isinstance(q, str) for q in p)):
                        raise Unhandled(f"an argument of {fn.shown} that is not a pair")
                    idx = a.args[0]
                    parts = tuple(N.seq(q)(idx) for q in p)
                    shown = ", ".join(_label(x) for x in parts)
                    note = (
                        f"{_label(a)} read as ({shown}), the pair {fn.shown} takes (line {fn.line})"
                    )
                    self.notes.append(note)
                    self.uncertain.append(note)
                    walk(p, parts)
                elif isinstance(a, tuple):
                    raise Unhandled(f"a pair where {fn.shown} takes one value")
                else:
                    out[p] = a
                    if p in fn.vectors:
                        self.vectors |= {_atom_name(b) for b in _leaves(a)}

        walk(fn.params, call.args)
        return fn, out

    def _body(self, fn: Function) -> tuple[sp.Expr, dict[str, list[sp.Symbol]]]:
        coords = {
            p: [sp.Dummy(f"{p}{k}", real=True) for k in range(1, self.dim + 1)] for p in fn.vectors
        }

        class Inside(Space):
            def atom_coord(inner, a, k):  # a parameter's coordinate
                return coords[_atom_name(a)][k - 1]

        sp_in = Inside(self.checker, self.dim, [], set(fn.vectors))
        sp_in.reg = Registry()
        return sp_in.scalar(fn.body), coords

    def _apply(self, fn: Function, e: sp.Expr, coords, args: dict[str, sp.Expr]) -> sp.Expr:
        reps = {}
        by_name = {x.name: x for x in e.free_symbols if not isinstance(x, sp.Dummy)}
        for p in fn.flat:
            if p in fn.vectors:
                for k, c in enumerate(coords[p], start=1):
                    reps[c] = self.coord(args[p], k)
            else:
                if self.atoms(args[p]):
                    raise Unhandled(f"a vector where {fn.shown} takes a scalar")
                self.flag(args[p])
                if p in by_name:
                    reps[by_name[p]] = self.scalar(args[p])
        return e.xreplace(reps)

    def value(self, call: Call) -> sp.Expr:
        fn, args = self.bind(call)
        body, coords = self._body(fn)
        return self._apply(fn, body, coords, args)

    def gradient(self, call: Call, k: int) -> sp.Expr:
        fn, args = self.bind(call)
        first = fn.params[0]
        if isinstance(first, tuple) or first not in fn.vectors:
            raise Unhandled(f"the first argument of {fn.shown} is not a vector")
        body, coords = self._body(fn)
        return self._apply(fn, sp.diff(body, coords[first][k - 1]), coords, args)


_INDEX = frozenset({"t", "k", "n", "T", "i", "j", "tau", "s"})


def _subs(args: tuple, at: dict) -> tuple:
    return tuple(_subs(a, at) if isinstance(a, tuple) else a.xreplace(at) for a in args)


def _symbols(e: sp.Expr) -> sp.Expr:
    """Remaining indexed scalars (y_t) as free values named like the text."""
    reps = {f: sp.Symbol(_label(f), real=True) for f in e.atoms(sp.core.function.AppliedUndef)}
    if any(not N.is_seq(f) or _placeholder(f) is not None for f in reps):
        raise Unhandled("an operator left after the vector reading")
    return e.xreplace(reps)


# -- the hook --------------------------------------------------------------------------------


def link(checker, line: int, text: str, first: bool, lt, op, rt, errs, lhs, seen: set[str]):
    """Read one link of a chain if it is this module's; "definition", "claim" or None.

    Called for every link before the engine's own reading; ``errs`` are the scalar
    reading's errors for the two sides (None when read), ``lhs`` the scalar left side,
    ``seen`` the names used before this display.
    """
    reg: Registry = checker.functions
    if first and op == "=" and not errs[0] and (lhs is not None):
        rec = _gradient_name(checker, line, lhs, rt)
        if rec is not None and errs[1]:
            return _gradient_definition(checker, line, text, lhs, rec, seen)
    if reg.defined and _uses(checker, reg.defined, lt, rt):
        # a name defined here as a gradient: never a scalar, never redefined by "g = …"
        try:
            if _gradient_claim(checker, line, text, lt, rt):
                return "claim"
            why = "no gradient in it"
        except (Unhandled, N.Unreadable) as exc:
            why = str(exc)
        names = ", ".join(sorted(reg.defined))
        checker.entries.append(
            _entry(
                line,
                text,
                "claim",
                "inconclusive",
                f"uses {names}, a gradient defined in the document",
                f"not decided: {why}",
            )
        )
        return "claim"
    if not (errs[0] or errs[1]):
        return None
    try:
        if first and op == "=":
            if errs[0] and _function_definition(checker, line, text, lt, rt, seen):
                return "definition"
            if not errs[0] and _value_definition(checker, line, text, lhs, rt, errs, seen):
                return "definition"
        convex = _convex_functions(checker, line)
        if convex and op in ("<=", ">=") and _convexity(checker, line, text, lt, op, rt, convex):
            return "claim"
        if op == "=" and (reg.functions or reg.gradients):
            if first and _is_new_name(checker, lt):
                return None  # a definition (σ²[i] = E[…]): the engine's reading
            if first and _recurs(checker, lt, rt):
                return None  # w_{t+1} = w_t - …: a recursion, the engine's reading
            return "claim" if _gradient_claim(checker, line, text, lt, rt) else None
    except (Unhandled, N.Unreadable):
        return None
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError):
        return None  # a form this reading does not foresee: the engine's own reading
    return None


def _uses(checker, names, *texts: str) -> bool:
    for t in texts:
        try:
            e = _parse(t, checker)
        except N.Unreadable:
            continue
        if any(_atom_name(a) in names for a in _leaves(e)):
            return True
    return False


def _left_name(checker, lt: str) -> sp.Expr | None:
    """The left side read, without its coordinate ``[i]``; None when it cannot be read."""
    try:
        e = _parse(lt, checker)
    except N.Unreadable:
        return None
    return e.args[0] if e.func == N.Coord else e


def _is_new_name(checker, lt: str) -> bool:
    for key in checker.functions.functions:
        if re.search(_name_pattern(key) + r"\s*(\\left\s*)?\(", lt):
            return False
    e = _left_name(checker, lt)
    if e is None:
        return False
    name = _atom_name(e)
    if name is None:
        return False
    d = checker.defs
    known = name in d.general or name in d.values or name in checker.functions.gradients
    return not known and not (isinstance(e, sp.Symbol) and e in d.scalars)


def _recurs(checker, lt: str, rt: str) -> bool:
    e = _left_name(checker, lt)
    if e is None or not N.is_seq(e):
        return False
    name = N.seq_name(e)
    base = name.split("_")[0]
    return bool(re.search(r"(?<![A-Za-z\\])" + re.escape(base) + r"\}?\s*[_^]", rt))


def _entry(line, text, role, verdict, reading, method=""):
    from adaproof.reports.documents.engine import Entry

    return Entry(line, text, role, verdict, reading, method)


def _function_definition(checker, line, text, lt, rt, seen: set[str]) -> bool:
    r"""``\ell(w, (x, y)) = …`` with a right side that uses vectors."""
    m = re.fullmatch(r"\s*(" + _FNAME + r")\s*\((.*)\)\s*", lt, re.S)
    if not m:
        return False
    key = _key(m.group(1))
    name = key.lstrip("\\")
    if name in _NO_FUNCTION or name in seen or key in checker.functions.functions:
        return False
    params = _split_args(m.group(2))
    leaves: list[str] = []

    def names(ps):
        out = []
        for p in ps:
            if isinstance(p, tuple):
                out.append(names(p))
                continue
            e = _parse(p, checker)
            if not isinstance(e, sp.Symbol) or e.name in _INDEX:
                raise Unhandled("a parameter that is not a plain name")
            leaves.append(e.name)
            out.append(e.name)
        return tuple(out)

    params = names(params)
    if len(set(leaves)) != len(leaves):
        return False
    body = _parse(rt, checker)
    vectors = _vector_names(body) & set(leaves)
    if not vectors or (_vector_names(body) - set(leaves)):
        return False
    if body.atoms(sp.Sum) or any(N.is_seq(f) for f in body.atoms(sp.core.function.AppliedUndef)):
        return False
    fn = Function(key, params, frozenset(vectors), body, line)
    # a scalar function of its vectors: every vector inside ⟨·,·⟩, ‖·‖ or a coordinate
    space = Space(checker, 2, [], set())
    if {x.name for x in space._body(fn)[0].free_symbols} & vectors:
        return False
    checker.functions.functions[key] = fn
    checker.seen.add(name)
    vec = ", ".join(sorted(vectors))
    sca = ", ".join(p for p in leaves if p not in vectors)
    kinds = f"{vec} {'vectors' if len(vectors) > 1 else 'a vector'} (inside ⟨·,·⟩, ‖·‖ or x[i])"
    if sca:
        kinds += f", {sca} {'scalars' if ',' in sca else 'a scalar'}"
    why = (
        f"definition of the function {fn.shown}({_show_params(params)}) = "
        f"{_pretty(body, [])}: "
        f"{kinds}; ∇{fn.shown} is its gradient in {params[0]}"
    )
    checker.entries.append(_entry(line, text, "definition", "defined", why))
    return True


def _show_params(params) -> str:
    return ", ".join(f"({_show_params(p)})" if isinstance(p, tuple) else p for p in params)


def _value_definition(checker, line, text, lhs, rt, errs, seen: set[str]) -> bool:
    r"""``\hat{y} = \langle w, x \rangle``: a decorated name defined by a vector formula."""
    from adaproof.reports.documents.engine import _INDEX_NAMES

    d = checker.defs
    if not (
        isinstance(lhs, sp.Symbol)
        and len(lhs.name) > 1
        and lhs.name not in _INDEX_NAMES
        and not lhs.name.startswith("nabla")
        and lhs.name not in seen
        and lhs not in d.scalars
        and any(r in errs[1] for r in N.VECTOR_REASONS)
    ):
        return False
    value = _parse(rt, checker)
    vectors = _vector_names(value)
    if not vectors or any(N.is_seq(f) for f in value.atoms(sp.core.function.AppliedUndef)):
        return False
    space = Space(checker, 2, [], vectors)
    if space.atoms(space.scalar(value)):
        return False  # a vector, not a number
    checker.functions.values[lhs.name] = (value, line)
    d.tainted_symbols[lhs] = (
        f"{lhs.name} is defined at line {line} by a formula of vectors "
        f"({_pretty(value, [])}), read only with the vector reading"
    )
    why = (
        f"definition of {lhs.name} = {_pretty(value, [])}, a number made from the vectors "
        f"{', '.join(sorted(vectors))} (they appear inside ⟨·,·⟩ or ‖·‖); claims that use "
        f"{lhs.name} are decided only where it is read with its vectors (a gradient of a "
        "function the document defines)"
    )
    checker.entries.append(_entry(line, text, "definition", "defined", why))
    return True


def _gradient_name(checker, line, lhs, rt) -> GradientName | None:
    r"""``\mathbf{g}_t = \nabla \ell(\mathbf{w}_t, z_t)``: remember which gradient g_t is."""
    reg: Registry = checker.functions
    if not reg.functions:
        return None
    keys = list(reg.functions)
    calls: list[Call] = []
    try:
        s = _calls(rt, keys, checker, calls)
    except (Unhandled, N.Unreadable):
        return None
    if len(calls) != 1 or calls[0].kind != "grad" or s.strip() != f"\\chi_{{{_PH}}}":
        return None
    if N.is_seq(lhs):
        from adaproof.reports.documents.engine import _linear_index

        lin = _linear_index(lhs.args[0])
        if lin is None:
            return None
        var, off = lin
    elif isinstance(lhs, sp.Symbol):
        var, off = None, sp.Integer(0)
    else:
        return None
    rec = GradientName(var, off, calls[0], line)
    reg.gradients.setdefault(_atom_name(lhs), {})[line] = rec
    return rec


def _gradient_definition(checker, line, text, lhs, rec: GradientName, seen) -> str | None:
    r"""``g = \nabla f(w)`` (no index, so the scalar reading has no name for it): g is that
    gradient, a vector; claims in numbers alone that use g are not decided."""
    from adaproof.reports.documents.engine import _INDEX_NAMES

    d = checker.defs
    name = _atom_name(lhs)
    if name in seen or name in _INDEX_NAMES or name in d.general or name in d.values:
        return None
    if isinstance(lhs, sp.Symbol) and lhs in d.scalars:
        return None
    fn = checker.functions.functions[rec.call.key]
    shown = f"∇{fn.shown}({_show_params(_args_text(rec.call.args))})"
    why = f"{name} is defined at line {line} as {shown}, a vector (read with its coordinates)"
    if N.is_seq(lhs):
        d.tainted[name] = why
    else:
        d.tainted_symbols[lhs] = why
    checker.functions.defined[name] = line
    checker.entries.append(
        _entry(
            line,
            text,
            "definition",
            "defined",
            f"definition of {_label(lhs)} = {shown}, the gradient of {fn.shown} (line "
            f"{fn.line}) in {fn.flat[0]}; claims that use {name} are decided coordinate by "
            "coordinate",
        )
    )
    return "definition"


def _gradient_claim(checker, line, text, lt, rt) -> bool:
    """A relation with a gradient of a defined function, decided coordinate by coordinate."""
    from adaproof.derivations.equivalence import Timeout, deadline

    reg: Registry = checker.functions
    (lx, rx), calls = _read([lt, rt], list(reg.functions), checker)
    probe = Space(checker, 1, calls, _vector_names(lx) | _vector_names(rx))
    grads = [c for c in calls if c.kind == "grad"] + [
        probe.gradient_name(a) for e in (lx, rx) for a in _leaves(e) if probe.gradient_name(a)
    ]
    if not grads:
        return False
    for e in (lx, rx):
        if e.has(sp.Sum) or any(
            a.func in (N.Expect, N.Variance) for a in e.atoms(sp.core.function.AppliedUndef)
        ):
            raise Unhandled("a sum or an expectation")
        if any(s.name == "d" for s in e.free_symbols):
            raise Unhandled("the dimension d in the formula")
    budget = checker.budget
    limit = 4 * budget + 1
    entry = _entry(line, text, "claim", "inconclusive", "", "")
    entry.relation = "="
    try:
        with deadline(limit):
            _compare(entry, checker, lx, rx, calls, [g for g in grads if g], budget)
    except Timeout:
        entry.verdict, entry.method = "inconclusive", f"ran out of time ({limit:g} s)"
    fns = sorted(
        {_shown(c.key) for c in calls}
        | {_shown(g.call.key) for g in grads if isinstance(g, GradientName)}
    )
    what = ", ".join(f"∇{f}" for f in fns)
    entry.reading = (
        f"gradient reading: {what} is the gradient of the function the document defines "
        f"in its first argument; {_pretty(lx, calls)} = {_pretty(rx, calls)}"
        + (f"; {entry.reading}" if entry.reading else "")
    )
    checker.entries.append(entry)
    return True


def _pretty(e: sp.Expr, calls: list[Call]) -> str:
    """An expression of the vector reading as text: ⟨a, b⟩, ‖a‖, a[i], ∇ℓ(w_t, z_t)."""

    def show(x):
        return sp.sstr(walk(x))

    def walk(x):
        ph = _placeholder(x)
        if ph is not None:
            c = calls[ph]
            args = _show_params(_args_text(c.args))
            return sp.Symbol(f"{'∇' if c.kind == 'grad' else ''}{_shown(c.key)}({args})")
        if N.is_seq(x):
            return sp.Symbol(_label(x))
        f = getattr(x, "func", None)
        if f == N.Coord:
            return sp.Symbol(f"{show(x.args[0])}[{show(x.args[1])}]")
        if f == N.Inner:
            return sp.Symbol(f"⟨{show(x.args[0])}, {show(x.args[1])}⟩")
        if f == N.Norm:
            return sp.Symbol(f"‖{show(x.args[0])}‖")
        if not x.args or isinstance(x, sp.Symbol):
            return x
        try:
            return x.func(*[walk(a) for a in x.args])
        except (TypeError, ValueError):
            return x

    return show(e)


def _args_text(args: tuple) -> tuple:
    return tuple(
        _args_text(a) if isinstance(a, tuple) else sp.sstr(a).replace("seq_", "") for a in args
    )


def _index_symbols(e: sp.Expr) -> set[sp.Symbol]:
    return {
        a.args[1]
        for a in e.atoms(sp.core.function.AppliedUndef)
        if a.func == N.Coord and isinstance(a.args[1], sp.Symbol)
    }


def _equal(a: sp.Expr, b: sp.Expr) -> bool:
    return sp.expand(sp.cancel(sp.together(a - b))) == 0


def _compare(entry, checker, lx, rx, calls, grads, budget) -> None:
    coords = _index_symbols(lx) | _index_symbols(rx)
    if len(coords) > 1:
        raise Unhandled("two coordinate indices")
    functions = checker.functions.functions
    used = {c.key for c in calls} | {g.call.key for g in grads if isinstance(g, GradientName)}
    fns = ", ".join(
        f"∂/∂{functions[k].flat[0]}[k] of {_shown(k)} (line {functions[k].line})"
        for k in sorted(used)
        if k in functions
    )
    sides = [_has_gradient(checker, calls, e) for e in (lx, rx)]
    run = _Run(checker, lx, rx, calls, coords, budget)
    bad = run.first_difference({})
    entry.reading = "; ".join(dict.fromkeys(run.notes))
    if bad is None:
        entry.verdict = "true"
        entry.method = (
            f"true at dimension = 1..3, exactly, coordinate by coordinate: {fns}, "
            "differentiated symbolically, equals coordinate k of the other side, with every "
            "coordinate a free value — evidence, not a proof"
        )
        return
    where, a, b, d = bad
    left, right = a.free_symbols, b.free_symbols
    if sides[0] and not sides[1]:
        extra = sorted(right - left, key=str)
    elif sides[1] and not sides[0]:
        extra = sorted(left - right, key=str)
    else:
        extra = sorted(left ^ right, key=str)
    how = (
        f"at {where}, with {fns} differentiated symbolically: the left side is "
        f"{sp.sstr(a)}, the right side is {sp.sstr(b)}"
    )
    if d.verdict == "false" and not extra and not run.uncertain:
        entry.verdict = "false"
        entry.method = f"{how}: they differ ({d.method})"
        entry.counterexample = {"index": where, **dict(d.counterexample or {})}
        return
    # a name of its own on one side only: tried as the argument it looks like (y as y_t)
    for x in extra:
        twins = [
            y
            for y in left | right
            if y != x and re.fullmatch(re.escape(x.name) + r"_[A-Za-z0-9+\- ]+", y.name)
        ]
        if len(twins) == 1 and run.first_difference({x.name: twins[0]}) is None:
            entry.method = (
                f"{how}: they differ as written, where {x.name} is a value of its own; with "
                f"{x.name} read as {twins[0].name} (the argument beside it) they are equal at "
                "dimension = 1..3, coordinate by coordinate: not decided"
            )
            return
    why = []
    if extra:
        why.append(f"{', '.join(x.name for x in extra)} on one side only (a value of its own)")
    why += run.uncertain[:1]
    if d.verdict == "false":
        entry.method = f"{how}: they differ, but {'; '.join(why)}: not refuted"
    else:
        entry.method = f"{how}: {d.method}"


class _Run:
    """The sides' coordinates at dimensions 1..3 (and each value of a coordinate index)."""

    def __init__(self, checker, lx, rx, calls, coords, budget):
        self.checker, self.lx, self.rx, self.calls = checker, lx, rx, calls
        self.coords, self.budget = coords, budget
        self.notes: list[str] = []
        self.uncertain: list[str] = []

    def first_difference(self, rename: dict[str, sp.Symbol]):
        """None when every coordinate agrees, else (where, left, right, decision)."""
        from adaproof.reports.documents.engine import _decide

        checker, lx, rx = self.checker, self.lx, self.rx
        for dim in DIMS:
            ks = [None] if not self.coords else list(range(1, dim + 1))
            for k in ks:
                sub = {next(iter(self.coords)): sp.Integer(k)} if self.coords else {}
                space = Space(checker, dim, self.calls, _vector_names(lx) | _vector_names(rx))
                pairs = _pairs(space, lx.xreplace(sub), rx.xreplace(sub))
                self.notes += space.notes
                self.uncertain += space.uncertain
                for j, (a, b) in enumerate(pairs, start=1):
                    a, b = (_scalars(checker, _symbols(x)) for x in (a, b))
                    if rename:
                        both = a.free_symbols | b.free_symbols
                        reps = {x: rename[x.name] for x in both if x.name in rename}
                        a, b = a.xreplace(reps), b.xreplace(reps)
                    if _equal(a, b):
                        continue
                    where = f"dimension = {dim}" + (
                        f", coordinate {k}" if k is not None else f", coordinate {j}" * (dim > 1)
                    )
                    d = _decide(a, "=", b, checker.defs, max(self.budget / 6, 0.3))
                    if d.verdict == "true" and d.method.startswith("symbolic"):
                        continue
                    return where, a, b, d
        return None


def _scalars(checker, e: sp.Expr) -> sp.Expr:
    from adaproof.reports.documents.engine import Unroller

    return Unroller(checker.defs).scalars(e)


def _pairs(space: Space, lx: sp.Expr, rx: sp.Expr) -> list[tuple[sp.Expr, sp.Expr]]:
    a, b = space.vector(lx), space.vector(rx)
    if a is None and b is None:
        return [(space.scalar(lx), space.scalar(rx))]
    if a is None:
        if lx != 0:
            raise Unhandled("a scalar on one side, a vector on the other")
        a = [sp.Integer(0)] * len(b)
    if b is None:
        if rx != 0:
            raise Unhandled("a scalar on one side, a vector on the other")
        b = [sp.Integer(0)] * len(a)
    return list(zip(a, b, strict=True))


def _has_gradient(checker, calls: list[Call], e: sp.Expr) -> bool:
    space = Space(checker, 1, calls, set())
    return any(
        (_placeholder(a) is not None and calls[_placeholder(a)].kind == "grad")
        or space.gradient_name(a) is not None
        for a in _leaves(e)
    )


# -- convexity -------------------------------------------------------------------------------


def _convex_functions(checker, line: int) -> dict[str, tuple[int, str]]:
    """Functions the prose before ``line`` states are convex: key → (line, the words)."""
    out: dict[str, tuple[int, str]] = {}
    for d in checker.doc.inline:
        if d.line >= line:
            continue
        key = _key(d.text)
        if not re.fullmatch(_FNAME, key) or key.lstrip("\\") in _NO_FUNCTION:
            continue
        after = getattr(d, "after", "")
        m = _CONVEX.match(after)
        if m:
            words = f"${d.text.strip()}$ {' '.join(after.split()[:5])}"
            out.setdefault(key, (d.line, words))
    return out


def _convexity(checker, line, text, lt, op, rt, convex) -> bool:
    """``E[L(a) − L(b)] ≤ E[⟨∇L(a), a − b⟩]``: the first-order condition, exactly."""
    keys = [k for k in convex if re.search(_name_pattern(k) + r"\s*(\\left\s*)?\(", lt + rt)]
    if len(keys) != 1:
        return False
    (key,) = keys
    (lx, rx), calls = _read([lt, rt], [key], checker)
    if op == ">=":
        lx, rx = rx, lx
    expect = False
    if lx.func == N.Expect and rx.func == N.Expect:
        lx, rx, expect = lx.args[0], rx.args[0], True
    if any(
        a.func in (N.Expect, N.Variance, N.Coord, N.Norm)
        for e in (lx, rx)
        for a in e.atoms(sp.core.function.AppliedUndef)
    ):
        return False
    grads = [c for c in calls if c.kind == "grad"]
    if len(grads) != 1 or any(isinstance(x, tuple) for c in calls for x in c.args):
        return False
    if any(len(c.args) != 1 for c in calls):
        return False
    point = grads[0].args[0]
    shown = _shown(key)
    values: dict[sp.Expr, sp.Symbol] = {}

    def fval(arg):
        for a, s in values.items():
            if sp.expand(a - arg) == 0:
                return s
        s = values[arg] = sp.Symbol(f"{shown}({sp.sstr(arg)})".replace("seq_", ""))
        return s

    reps = {}
    for i, c in enumerate(calls):
        ph = N.seq("chi")(sp.Integer(_PH + i))
        if c.kind == "value":
            reps[ph] = fval(c.args[0])
    diff = (rx - lx).xreplace(reps)
    gph = N.seq("chi")(sp.Integer(_PH + calls.index(grads[0])))
    # ⟨∇L(a), u⟩ → Σ_v u_v ⟨∇L(a), v⟩ for the vectors v of u
    vecs = [
        a
        for a in sp.preorder_traversal(diff)
        if (N.is_seq(a) or isinstance(a, sp.Symbol))
        and _placeholder(a) is None
        and _atom_name(a) in _vector_names(diff) | _vector_names(point)
    ]
    vecs = list(dict.fromkeys(vecs + _vector_atoms(point)))
    pair: dict = {}

    def ip(v):
        return pair.setdefault(v, sp.Symbol(f"<grad,{sp.sstr(v)}>"))

    ireps = {}
    for a in diff.atoms(sp.core.function.AppliedUndef):
        if a.func != N.Inner:
            continue
        x, y = a.args
        if y.has(gph) and not x.has(gph):
            x, y = y, x
        lin_g = _linear(x, [gph])
        if lin_g is None or set(lin_g) != {gph} or y.has(gph):
            return False
        lin_u = _linear(y, vecs)
        if lin_u is None:
            return False
        ireps[a] = lin_g[gph] * sum(c * ip(v) for v, c in lin_u.items())
    diff = sp.expand(diff.xreplace(ireps))
    if diff.has(gph) or any(a.func == N.Inner for a in diff.atoms(sp.core.function.AppliedUndef)):
        return False
    fa = fval(point)
    lin_p = _linear(point, vecs)
    if lin_p is None:
        return False
    for b, fb in list(values.items()):
        if fb == fa:
            continue
        lin_b = _linear(b, vecs)
        if lin_b is None:
            continue
        c = sp.diff(diff, fb)
        if not (c.is_number and c > 0):
            continue
        step = sum((lin_b.get(v, 0) - lin_p.get(v, 0)) * ip(v) for v in set(lin_b) | set(lin_p))
        lemma = fb - fa - step  # ≥ 0: L(b) ≥ L(a) + ⟨∇L(a), b − a⟩
        if sp.expand(diff - c * lemma) != 0:
            continue
        where, words = convex[key]
        a_s, b_s = _pretty(point, []), _pretty(b, [])
        entry = _entry(
            line,
            text,
            "claim",
            "true",
            f"claim: {shown}, which the text states is convex (line {where}), at x = {a_s}, "
            f"y = {b_s}",
            f"symbolic, by the first-order condition of a convex function, {shown}(y) ≥ "
            f"{shown}(x) + ⟨∇{shown}(x), y − x⟩ at x = {a_s}, y = {b_s}"
            + (f" (times {c})" if c != 1 else "")
            + f": the relation is that inequality rearranged (the text states {shown} is "
            f"convex at line {where}: '{words}')" + ("; E[…] preserves ≤" if expect else ""),
        )
        entry.relation, entry.symbolic = "<=" if op == "<=" else ">=", True
        checker.entries.append(entry)
        return True
    return False


def _vector_atoms(e: sp.Expr) -> list:
    return [
        a
        for a in sp.preorder_traversal(e)
        if (N.is_seq(a) or (isinstance(a, sp.Symbol) and a.name not in _INDEX))
        and _placeholder(a) is None
    ]
