r"""The index range a recursion is stated for: ``x^{(t+1)} = …, \quad \text{for } t = 1, 2, \dots``.

A first-order recursion ``x_{t+k} = F(x_{t+k-1}, …)`` run for t = a, a+1, … produces
x_{a+k}, x_{a+k+1}, … from x_{a+k-1}. The range is checked against where the text starts
the sequence (its values given at integer indices, in displays or prose, e.g. "starting with
an initial point $\theta^{(0)}$"):

* true: the first value it needs, x_{a+k-1}, is one the text gives;
* false: the text starts the sequence earlier, at x_{i0} with i0 < a+k-1, and never gives
  x_{i0+1}, …, x_{a+k-1}: those are never defined (the loop should start at t = i0 - k + 1);
* otherwise (no start in the text, a range not of this form) it stays "not checked".
"""

from __future__ import annotations

import re

import sympy as sp
from adaproof.reports.documents import notation as N

_RANGE = re.compile(
    r"^\\text\{\s*for\s*\}\s*([A-Za-z])\s*=\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*"
    r"(?:\\[lc]?dots|\.\.\.|…)\s*[,.]?\s*$"
)


def _given_indices(checker, name: str) -> dict[int, int]:
    """Integer indices at which the text gives or names the sequence: index -> line."""
    out = {n: line for n, (_v, line) in checker.defs.values.get(name, {}).items()}
    for disp in checker.doc.inline:
        try:
            e = checker.parse(disp.text)
        except N.Unreadable:
            continue
        for f in e.atoms(sp.core.function.AppliedUndef):
            if N.is_seq(f) and N.seq_name(f) == name and f.args[0].is_Integer:
                out.setdefault(int(f.args[0]), disp.line)
    return out


def check(checker, chain) -> bool:
    """Decide the range ``chain`` states for the recursion just defined on its line."""
    from adaproof.reports.documents.engine import Entry

    m = _RANGE.match(chain.text.strip())
    if not m or not checker.entries:
        return False
    var, a, b = m.group(1), int(m.group(2)), int(m.group(3))
    last = checker.entries[-1]
    if b != a + 1 or last.line != chain.line or last.role != "definition":
        return False
    found = [
        (name, g)
        for name, g in checker.defs.general.items()
        if g.line == chain.line and g.recursive and g.var.name == var
    ]
    if len(found) != 1:
        return False
    name, g = found[0]
    if not g.offset.is_Integer:
        return False
    k = int(g.offset)
    earlier = [
        f.args[0] - g.var
        for f in g.rhs.atoms(sp.core.function.AppliedUndef)
        if N.is_seq(f) and N.seq_name(f) == name
    ]
    if earlier != [k - 1]:
        return False  # only a first-order recursion in its own name
    need = a + k - 1
    given = _given_indices(checker, name)
    pretty = N.pretty_name(name)
    e = Entry(chain.line, chain.text, "claim", "inconclusive", relation="range")
    e.reading = (
        f"the range of the recursion of {pretty} (line {g.line}): for {var} = {a}, {a + 1}, … "
        f"it gives {pretty}_{a + k}, {pretty}_{a + k + 1}, … from {pretty}_{need}"
    )
    if need in given:
        e.verdict = "true"
        e.method = f"{pretty}_{need}, the first value it needs, is given (line {given[need]})"
    elif given and min(given) < need:
        i0 = min(given)
        missing = ", ".join(f"{pretty}_{n}" for n in range(i0 + 1, need + 1))
        e.verdict = "false"
        e.method = (
            f"the text starts {pretty} at {pretty}_{i0} (line {given[i0]}), and {missing} "
            f"{'is' if need == i0 + 1 else 'are'} never defined: the loop would have to start at "
            f"{var} = {i0 - k + 1}"
        )
        e.counterexample = {"index": f"{var} = {a}", "missing": missing}
    else:
        return False
    checker.entries.append(e)
    return True


__all__ = ["check"]
