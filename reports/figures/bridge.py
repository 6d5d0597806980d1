"""Evaluate a package-made SymPy expression on NumPy arrays (closed-form overlays).

One tested helper bridges a SymPy expression to arrays, and
shapes broadcast on purpose: the result has the broadcast shape of *all* the
values given, even when simplification removed a symbol from the expression.

Each point is evaluated by exact substitution (integers stay integers, floats
become 30-digit Floats) followed by ``evalf``; nothing is compiled, nothing is
``lambdify``-ed, and only package-made expressions are ever passed here.
Figures evaluate at most a few hundred points per curve, so this is fast enough.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy as sp

#: significant digits used for substitution and evaluation
DIGITS = 30


def _number(value: Any) -> sp.Expr:
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return sp.Integer(int(value))
    return sp.Float(float(value), DIGITS)


def evaluate(expr: sp.Expr, values: Mapping[sp.Symbol, Any]) -> np.ndarray:
    """``expr`` at every point of the broadcast ``values`` (float64 array).

    >>> import sympy as sp
    >>> b, t = sp.symbols("b t", positive=True)
    >>> evaluate(1 - b**t, {b: [0.5, 0.9], t: 2}).round(4).tolist()
    [0.75, 0.19]
    >>> evaluate(sp.Integer(3), {b: [0.5, 0.9]}).tolist()   # shape kept
    [3.0, 3.0]
    """
    if not isinstance(expr, sp.Basic):
        raise TypeError(f"expected a SymPy expression, got {type(expr).__name__}")
    symbols = list(values)
    for s in symbols:
        if not isinstance(s, sp.Symbol):
            raise TypeError(f"keys must be SymPy symbols, got {s!r}")
    missing = expr.free_symbols - set(symbols)
    if missing:
        names = ", ".join(sorted(str(s) for s in missing))
        raise ValueError(f"no value given for {names}")
    arrays = np.broadcast_arrays(*(np.asarray(values[s]) for s in symbols)) if symbols else []
    shape = arrays[0].shape if arrays else ()
    out = np.empty(shape, dtype=np.float64)
    cache: dict[tuple, float] = {}
    for index in np.ndindex(shape):
        point = tuple(a[index].item() for a in arrays)
        if point not in cache:
            sub = {s: _number(v) for s, v in zip(symbols, point, strict=True)}
            val = sp.N(expr.xreplace(sub), DIGITS)
            if not val.is_number:
                raise ValueError(f"{expr} did not evaluate to a number at {sub}")
            cache[point] = float(sp.re(val)) if val.is_real is not False else float("nan")
        out[index] = cache[point]
    return out


__all__ = ["evaluate"]
