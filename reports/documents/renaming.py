r"""One accumulator written for two parameters: ``v_t`` for the weight and for the bias.

Lecture slides often define ``v_t = v_{t-1} + (\nabla w_t)^2`` and then unroll "the same"
``v_t`` for the bias, ``v_n = \sum_{i=0}^n (\nabla b_i)^2``. Read literally the claim is
about a gradient the definition does not use. When the *only* difference is the gradient's
name (every definition the claim uses has one gradient ``∇w`` and the claim has one other
gradient ``∇b``, nothing else of either parameter appears), the claim is read under those
definitions with ``∇w`` replaced by ``∇b`` — the accumulator of the other parameter — and
the entry says so.

- An initial-value row ``v_0 = (\nabla b_0)^2`` is the initial value of that accumulator
  (recorded for it, not checked against the weight's ``v_0``). Without such a row the
  weight's initial value is used with the same replacement (``(\nabla w_0)^2`` becomes
  ``(\nabla b_0)^2``; the default 0 stays 0).
- A claim true under this reading is true (reading stated). A claim false under it is
  refuted only when the text itself applies the accumulator to the other parameter (a
  definition that uses both, ``b_{t+1} = b_t - \frac{\eta}{\sqrt{v_t}+\epsilon}\nabla b_t``);
  otherwise the b-accumulator might follow another rule and the claim is left undecided.
- A claim that mixes both gradients, names either parameter (``w_t``, ``b_t``, ``\Delta w_t``),
  or uses a gradient that has a model or a definition of its own is not read this way.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import sympy as sp
from adaproof.reports.documents import engine as E
from adaproof.reports.documents import notation as N

_GRADIENT = "nabla"


@dataclass(frozen=True)
class Swap:
    """The definitions ``names`` read with gradient ``old`` replaced by ``new``."""

    old: str  # e.g. "nablaw"
    new: str  # e.g. "nablab"
    names: tuple[str, ...]  # defined sequence names the claim uses (through definitions)

    def replace(self, e: sp.Expr) -> sp.Expr:
        return e.replace(
            lambda f: N.is_seq(f) and N.seq_name(f) == self.old,
            lambda f: N.seq(self.new)(*f.args),
        )

    def pretty(self) -> tuple[str, str]:
        return N.pretty_name(self.new) + "_t", N.pretty_name(self.old) + "_t"


def _is_gradient(name: str) -> bool:
    return name.startswith(_GRADIENT) and len(name) > len(_GRADIENT)


def _parameter(gradient: str) -> str:
    return gradient[len(_GRADIENT) :]


def _parts(name: str) -> set[str]:
    """``Delta_w`` → {Delta, w}; ``w_hat`` → {w, hat}: the pieces a name is made of."""
    return set(name.split("_"))


def _definition_exprs(defs: E.Defs, name: str) -> list[sp.Expr]:
    g = defs.general.get(name)
    out = [g.rhs] if g is not None else []
    return out + [v for v, _l in defs.values.get(name, {}).values()]


def find(defs: E.Defs, lhs: sp.Expr, rhs: sp.Expr) -> Swap | None:
    """The gradient renaming under which ``lhs ? rhs`` speaks of the definitions it uses,
    or None when the claim differs from them in anything but one gradient's name."""
    names = E._depends_on(defs, lhs, rhs) & (set(defs.general) | set(defs.values))
    if not names:
        return None
    def_inputs: set[str] = set()
    for name in names:
        for e in _definition_exprs(defs, name):
            def_inputs |= E._inputs(defs, e)
    claim_inputs = E._inputs(defs, lhs, rhs)
    claim_grads = {x for x in claim_inputs if _is_gradient(x)}
    def_grads = {x for x in def_inputs if _is_gradient(x)}
    if len(claim_grads) != 1 or len(def_grads) != 1 or claim_grads == def_grads:
        return None  # none, several, or the same gradient: nothing to rename
    if claim_inputs - claim_grads - def_inputs:
        return None  # the claim has other inputs the definitions do not use
    ((new,),) = (tuple(claim_grads),)
    ((old,),) = (tuple(def_grads),)
    for g in (old, new):
        if g in defs.general or defs.values.get(g) or g in defs.models or g in defs.tainted:
            return None  # a gradient with a definition or model of its own
    params = {_parameter(old), _parameter(new)}
    used = set(names)
    for e in [lhs, rhs, *(x for n in names for x in _definition_exprs(defs, n))]:
        used |= {N.seq_name(f) for f in E._seqs(e)}
        used |= {s.name for s in e.free_symbols if not isinstance(s, sp.Dummy)}
    if any(_parts(n) & params for n in used - {old, new}):
        return None  # a parameter itself (w_t, Δw_t) is involved: more than a gradient's name
    for s in (lhs.free_symbols | rhs.free_symbols) & set(defs.scalars):
        if {N.seq_name(f) for f in E._seqs(defs.scalars[s][0])} & {old, new}:
            return None  # a given value written with a gradient
    return Swap(old, new, tuple(sorted(names)))


def _recorded(defs: E.Defs, swap: Swap, name: str):
    """The initial value a display gave for ``name`` read with ``swap`` (still in force)."""
    rec = defs.swapped.get((name, swap.old, swap.new))
    if rec is None or defs.general.get(name) is not rec[0]:
        return None
    return rec[1]


def _read(defs: E.Defs, swap: Swap) -> tuple[E.Defs, list[str]]:
    """Copies of the definitions with the gradient replaced, and how initial values were set."""
    general = dict(defs.general)
    values = dict(defs.values)
    said: list[str] = []
    for name in swap.names:
        g = defs.general.get(name)
        if g is not None:
            general[name] = dataclasses.replace(g, rhs=swap.replace(g.rhs))
        vals = {n: (swap.replace(v), line) for n, (v, line) in defs.values.get(name, {}).items()}
        pretty = N.pretty_name(name)
        rec = _recorded(defs, swap, name)
        if rec is not None:
            n0, v, line = rec
            vals[n0] = (v, line)
            said.append(f"{pretty}_{n0} = {E._show(v)} (line {line})")
        elif g is not None and g.recursive and vals:
            n0 = min(vals)
            v, line = vals[n0]
            said.append(f"{pretty}_{n0} = {E._show(v)} (line {line}'s, renamed the same way)")
        values[name] = vals
    return dataclasses.replace(defs, general=general, values=values, alternatives={}), said


def _lines(defs: E.Defs, swap: Swap) -> str:
    lines = sorted({defs.general[n].line for n in swap.names if n in defs.general})
    if not lines:
        return "the definitions"
    word = "the recursion" if len(lines) == 1 else "the definitions"
    return f"{word} of line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}"


def _applied_to_other(defs: E.Defs, swap: Swap) -> int | None:
    """A definition in the text that uses the accumulator together with the other gradient
    (the bias update written with ``v_t``): its line, or None."""
    names = set(swap.names)
    candidates = list(defs.general.values())
    for alts in defs.alternatives.values():
        candidates += [g for g, _vals in alts]
    for g in sorted(candidates, key=lambda g: g.line):
        seqs = {N.seq_name(f) for f in E._seqs(g.rhs)}
        if swap.new in seqs and seqs & names:
            return g.line
    return None


def reading(defs: E.Defs, swap: Swap) -> str:
    new, old = swap.pretty()
    accs = ", ".join(
        f"{N.pretty_name(n)}_t"
        for n in swap.names
        if n in defs.general and defs.general[n].recursive
    )
    both = f" (the text uses {accs} for both parameters)" if accs else ""
    return f"read as {_lines(defs, swap)} with {new} in place of {old}{both}"


def decide(lhs: sp.Expr, op: str, rhs: sp.Expr, defs: E.Defs, budget: float) -> E.Entry | None:
    """The claim decided under the gradient renaming, or None when it does not apply."""
    swap = find(defs, lhs, rhs)
    if swap is None:
        return None
    sdefs, said = _read(defs, swap)
    if E._notation(sdefs, lhs, rhs) is not None:
        return None  # another difference (β for β₁) on top: ambiguous, not read this way
    entry = E._decide_once(lhs, op, rhs, sdefs, budget)
    if entry.mismatch:
        return None
    note = reading(defs, swap) + "".join(f"; {s}" for s in said)
    entry.reading = note + (f"; {entry.reading}" if entry.reading else "")
    if entry.verdict == "false":
        line = _applied_to_other(defs, swap)
        if line is None:
            new, _old = swap.pretty()
            entry.verdict, entry.counterexample = "inconclusive", None
            entry.method = (
                f"false under this reading, not refuted: no definition in the text applies "
                f"the accumulator to {new} ({entry.method})"
            )
        else:
            entry.reading += f"; line {line} applies it to {swap.pretty()[0]}"
    elif entry.verdict == "inconclusive":
        entry.method = f"undecided under this reading: {entry.method}"
    return entry


def initial_value(defs: E.Defs, lhs: sp.Expr, rhs: sp.Expr, line: int) -> str | None:
    r"""``v_0 = (\nabla b_0)^2`` where ``v`` is a recursion in ``∇w``: the initial value of
    the accumulator for the other parameter, recorded for claims read with the renaming.
    Returns the reading, or None when the row is not such an initial value."""
    if not (N.is_seq(lhs) and lhs.args[0].is_Integer):
        return None
    name = N.seq_name(lhs)
    g = defs.general.get(name)
    if g is None or not g.recursive:
        return None
    vals = defs.values.get(name, {})
    n0 = min(vals) if vals else 0
    if int(lhs.args[0]) != n0 or not E._seqs(rhs):
        return None
    if {N.seq_name(f) for f in E._seqs(rhs)} & (set(defs.general) | set(defs.values)):
        return None  # written with defined names: a claim
    swap = find(defs, lhs, rhs)
    if swap is None or swap.names != (name,) or _recorded(defs, swap, name) is not None:
        return None
    defs.swapped[(name, swap.old, swap.new)] = (g, (n0, rhs, line))
    pretty = N.pretty_name(name)
    return (
        f"initial value {pretty}_{n0} = {E._show(rhs)} of the accumulator of "
        f"{_parameter(swap.new)}: {reading(defs, swap)[len('read as ') :]}; not checked "
        f"against {pretty}_{n0} of {_parameter(swap.old)}"
    )
