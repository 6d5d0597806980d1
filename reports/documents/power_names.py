r"""``L^p = \left(|x_1|^p + \dots + |x_n|^p\right)^{1/p}``: a name with a superscript, not a power.

A capital letter with a one-letter or one-digit superscript (``L^p``, ``H^1``, ``S^2``) on the
left of ``=``, at the start of a chain, whose letter the document has not used before and
which the right side does not use, names a quantity (the L^p norm, a sample variance S^2):
the display defines that name. Read as a power, ``L^p = …`` would be a claim about a free
number L, false for almost every L, which is not what the text says.

The entry is a definition. Nothing is unrolled from it: later claims that use the letter are
not decided (the name is not read as a power of that letter), and say why.
"""

from __future__ import annotations

import re

import sympy as sp


def define(defs, lhs: sp.Expr, rhs: sp.Expr, line: int, seen: set[str]) -> str | None:
    """The reading of ``lhs = rhs`` as the definition of a name such as ``L^p``, else None.

    ``defs`` is the document's definitions (its ``tainted_symbols`` receives the letter);
    ``seen`` the names the displays before this one use.
    """
    if not isinstance(lhs, sp.Pow):
        return None
    base, exp = lhs.base, lhs.exp
    if not (isinstance(base, sp.Symbol) and re.fullmatch(r"[A-Z]", base.name)):
        return None
    if isinstance(exp, sp.Symbol):
        if not re.fullmatch(r"[A-Za-z]", exp.name):
            return None
        label = exp.name
    elif exp.is_Integer and 1 <= exp <= 9:
        label = str(int(exp))
    else:
        return None
    if base.name in seen or base in rhs.free_symbols or base in defs.scalars:
        return None
    if base in defs.tainted_symbols or base in defs.inputs:
        return None
    name = f"{base.name}^{label}"
    defs.tainted_symbols[base] = (
        f"{name} is defined at line {line} as a name (a norm or a quantity), not as a power "
        f"of {base.name}: claims that use {base.name} are not decided"
    )
    return (
        f"definition of the name {name} (a capital letter with a superscript, not used before: "
        f"a name such as the L^p norm, not a power of {base.name}); nothing is unrolled from it"
    )
