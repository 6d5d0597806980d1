"""Inequalities between sums of square roots, proved by squaring and eliminating the roots.

Each true case must come out "true" with a symbolic method; each false look-alike must be
refuted (so the technique cannot be answering "true" without looking)."""

from __future__ import annotations

import pytest
import sympy as sp
from adaproof.derivations.equivalence import decide
from adaproof.derivations.equivalence.proof import _quadratic_form_psd

x, y = sp.symbols("x y", nonnegative=True)
a, b, c = sp.symbols("a b c", real=True)


def _rows(d: int, t: int) -> list[sp.Expr]:
    g = [[sp.Symbol(f"g_{k}[{i}]", real=True) for k in range(t)] for i in range(d)]
    return [sum(v**2 for v in row) for row in g]


TRUE = [
    (sp.sqrt(x) + sp.sqrt(y), "<=", sp.sqrt(2 * (x + y))),
    (sp.sqrt(x + y), "<=", sp.sqrt(x) + sp.sqrt(y)),
    (sp.Abs(a) + sp.Abs(b), "<=", sp.sqrt(2) * sp.sqrt(a**2 + b**2)),
    (sp.sqrt(a**2 + b**2), "<=", sp.Abs(a) + sp.Abs(b)),
    (a + b + c, "<=", sp.sqrt(3 * (a**2 + b**2 + c**2))),
    (sp.sqrt(3) * sp.sqrt(sum(_rows(3, 4))), ">=", sum(sp.sqrt(r) for r in _rows(3, 4))),
]

FALSE = [
    (sp.sqrt(x) + sp.sqrt(y), "<", sp.sqrt(2 * (x + y))),  # equal at x = y
    (sp.Abs(a) + sp.Abs(b), "<=", sp.sqrt(a**2 + b**2)),
    (a + b + c, "<=", sp.sqrt(2 * (a**2 + b**2 + c**2))),
    (sum(sp.sqrt(r) for r in _rows(3, 2)), "<=", sp.sqrt(2) * sp.sqrt(sum(_rows(3, 2)))),
]


@pytest.mark.parametrize(("lhs", "op", "rhs"), TRUE)
def test_true_cases_are_proved(lhs, op, rhs):
    d = decide(lhs, op, rhs, budget=5)
    assert d.verdict == "true", d.method
    assert d.method.startswith("symbolic"), d.method


@pytest.mark.parametrize(("lhs", "op", "rhs"), FALSE)
def test_false_look_alikes_are_refuted(lhs, op, rhs):
    assert decide(lhs, op, rhs, budget=5).verdict == "false"


def test_quadratic_form_test_is_exact():
    u, v = sp.symbols("u v")
    assert _quadratic_form_psd(u**2 - 2 * u * v + v**2, [u, v], strict=False)
    assert not _quadratic_form_psd(u**2 - 2 * u * v + v**2, [u, v], strict=True)
    assert not _quadratic_form_psd(u**2 - sp.Rational(20001, 10000) * u * v + v**2, [u, v], False)
    assert not _quadratic_form_psd(u**3, [u, v], strict=False)


def test_a_strict_inequality_is_not_proved_where_every_root_can_vanish():
    # definite forms: > 0 off the origin only; both sides are 0 at x = y = 0 (a = b = 0)
    assert decide(sp.Abs(a) + sp.Abs(b), "<", 2 * sp.sqrt(a**2 + b**2), budget=5).verdict == (
        "false"
    )
    d = decide(sp.sqrt(x) + sp.sqrt(y), "<", sp.sqrt(3 * (x + y)), budget=5)
    assert d.verdict == "false", d.method
    # with one variable positive the origin is excluded: proved
    p = sp.Symbol("p", positive=True)
    d = decide(sp.sqrt(p) + sp.sqrt(y), "<", sp.sqrt(3 * (p + y)), budget=5)
    assert d.verdict == "true", d.method
    assert d.method.startswith("symbolic"), d.method


def test_roots_that_cancel_on_squaring_do_not_crash():
    # (|a|)² − (√(a² − 1))² = 1: no variable left; the left side is undefined for |a| < 1
    d = decide(sp.sqrt(a**2 - 1), "<=", sp.Abs(a), budget=5)
    assert d.verdict == "false", d.method
    assert "undefined" in d.method
