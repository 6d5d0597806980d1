r"""Symbolic proofs under the assumptions, and sums with a symbolic limit.

The expressions are first rewritten in symbols whose SymPy assumptions are
exactly the domains used (:func:`.common.fresh_symbols`), so that no built-in
assumption a user replaced (``t`` integer, say) enters a proof.

* ``=``: the sides are identical, ``cancel(lhs − rhs) = 0`` or ``simplify(lhs − rhs) = 0``.
* inequalities: each bounded variable is written ``lo + (hi − lo)/(1 + x)`` with
  ``x > 0`` (or ``lo + x``), the difference factored, and its sign read from the
  assumptions.
* an inequality between sums of square roots (Cauchy–Schwarz, the QM–AM bound):
  with ``rhs >= 0`` shown, ``lhs <= rhs`` follows from ``rhs² − lhs² >= 0``; each square
  root ``√X`` becomes a variable ``s`` with ``s² = X`` (the remainder of ``rhs² − lhs²``
  modulo these relations), and what is left must be a quadratic form whose matrix is
  positive semidefinite, tested exactly (:func:`_square_root_proof`).
* a sum ``S(T) = Σ_{k=a}^{T} f(k)``: SymPy's closed form where it has one; else,
  for f positive and monotone on [a, ∞), the integral test brackets it,
  ``∫_a^{T+1} f ≤ S ≤ f(a) + ∫_a^T f`` (f decreasing; the other way round when
  increasing), and the bound that matters replaces S in the difference.
"""

from __future__ import annotations

import sympy as sp
from adaproof.derivations.parsing.assume import Domain


def sign_proof(d: sp.Expr, domains: dict[sp.Symbol, Domain], strict: bool) -> bool:
    """True if d >= 0 (d > 0 when strict) follows from SymPy's assumptions."""
    reps = {}
    for s, dom in domains.items():
        if dom.integer:
            if dom.lo is not None and dom.hi is None:
                n = sp.Symbol(s.name + "_n", integer=True, nonnegative=True)
                start = sp.ceiling(dom.lo)
                if dom.lo_open and dom.lo.is_Integer:
                    start += 1
                reps[s] = start + n
            continue
        x = sp.Symbol(s.name + "_x", positive=True)
        if dom.lo is not None and dom.hi is not None:
            reps[s] = dom.lo + (dom.hi - dom.lo) / (1 + x)
        elif dom.lo is not None:
            reps[s] = dom.lo + (x if dom.lo_open else sp.Symbol(s.name + "_x", nonnegative=True))
        elif dom.hi is not None:
            reps[s] = dom.hi - (x if dom.hi_open else sp.Symbol(s.name + "_x", nonnegative=True))
    e = d.xreplace(reps)
    for make in (lambda: e, lambda: sp.cancel(e), lambda: sp.factor(e)):
        form = make()
        sign = form.is_positive if strict else form.is_nonnegative
        if sign:
            return True
    num, den = sp.fraction(sp.factor(e))
    if den.is_positive and (num.is_positive if strict else num.is_nonnegative):
        return True
    num, den = sp.fraction(sp.simplify(e))
    return bool(den.is_positive and (num.is_positive if strict else num.is_nonnegative))


def _integral_bounds(s: sp.Sum, domains) -> tuple[sp.Expr, sp.Expr, str] | None:
    """(lower, upper, how) bounds of a one-index sum with a monotone positive summand."""
    if len(s.limits) != 1:
        return None
    k, a, top = s.limits[0]
    if not a.is_Integer or not isinstance(top, sp.Symbol) or top not in domains:
        return None
    dom = domains[top]
    # the bounds hold for top >= a (an empty sum is not bracketed by them)
    if not dom.integer or dom.lo is None or dom.lo + (1 if dom.lo_open else 0) < a:
        return None
    f = s.function
    if f.free_symbols - {k}:
        return None
    x = sp.Symbol("x_int", positive=True)
    y = sp.Symbol("y_int", nonnegative=True)
    fx = f.subs(k, a + y)  # y >= 0 covers [a, oo)
    if not fx.is_positive:
        return None
    df = sp.diff(fx, y)
    decreasing = df.is_nonpositive
    increasing = df.is_nonnegative
    if not (decreasing or increasing):
        return None
    F = sp.integrate(f.subs(k, x), x)
    if F.has(sp.Integral):
        return None
    fa = f.subs(k, a)
    upto_top = F.subs(x, top) - F.subs(x, a)
    upto_next = F.subs(x, top + 1) - F.subs(x, a)
    if decreasing:
        return upto_next, fa + upto_top, "integral test (decreasing summand)"
    return fa + upto_top, upto_next, "integral test (increasing summand)"


def _sum_bound_proof(d: sp.Expr, domains, strict: bool) -> str | None:
    """Prove d >= 0 (> 0) when d is linear in one sum, by the integral test."""
    sums = [n for n in sp.preorder_traversal(d) if isinstance(n, sp.Sum)]
    if len(set(sums)) != 1:
        return None
    s = sums[0]
    marker = sp.Dummy("S")
    e = d.xreplace({s: marker})
    coeff = sp.diff(e, marker)
    if coeff.has(marker) or not coeff.is_number or coeff == 0:
        return None
    bounds = _integral_bounds(s, domains)
    if bounds is None:
        return None
    lower, upper, how = bounds
    # d grows with S when coeff > 0: the lower bound of S gives a lower bound of d
    rep = lower if coeff > 0 else upper
    if sign_proof(e.xreplace({marker: rep}), domains, strict):
        return how
    return None


#: limits of the square-root technique (it is a cheap extra attempt, not a search)
_MAX_ROOTS, _MAX_VARS = 8, 48


def _quadratic_form_psd(p: sp.Expr, gens: list[sp.Symbol], strict: bool) -> bool:
    """True if ``p`` is a homogeneous quadratic form in ``gens`` whose (exact, rational)
    matrix is positive semidefinite (definite when strict): then p >= 0 (> 0 off 0)."""
    poly = sp.Poly(p, *gens)
    if poly.is_zero or any(sum(m) != 2 for m in poly.monoms()):
        return False
    if not all(c.is_Rational for c in poly.coeffs()):
        return False
    n = len(gens)
    q = sp.zeros(n, n)
    for m, c in zip(poly.monoms(), poly.coeffs(), strict=True):
        idx = [i for i, k in enumerate(m) for _ in range(k)]
        i, j = idx
        if i == j:
            q[i, i] += c
        else:
            q[i, j] += c / 2
            q[j, i] += c / 2
    return bool(q.is_positive_definite if strict else q.is_positive_semidefinite)


def _eliminate(body: sp.Expr, bases: list, news: list, gens: list) -> sp.Expr:
    """``body`` modulo ``s_k² − base_k``: a pure square ``c v²`` of a variable found in no
    other base is divided out one variable at a time (fast); otherwise a Gröbner-style
    reduction in lex order."""
    pivots = []
    for k, b in enumerate(bases):
        others = set().union(*(o.free_symbols for j, o in enumerate(bases) if j != k))
        pivot = None
        for v in sorted(b.free_symbols - others, key=sp.default_sort_key):
            p = sp.Poly(b, v)
            if p.degree() == 2 and p.coeff_monomial(v) == 0 and p.coeff_monomial(v**2).is_number:
                pivot = (v, p.coeff_monomial(v**2), b - p.coeff_monomial(v**2) * v**2)
                break
        if pivot is None:
            ideal = [b - s**2 for b, s in zip(bases, news, strict=True)]
            return sp.expand(sp.reduced(body, ideal, *gens, order="lex")[1])
        pivots.append(pivot)
    out = sp.expand(body)
    for (v, c, rest), s in zip(pivots, news, strict=True):
        out = sp.expand(sp.rem(out, v**2 - (s**2 - rest) / c, v))
    return out


def _never_all_zero(used: list, news: list, bases: list) -> bool:
    """True when one of ``used`` is positive wherever the roots are real: a positive
    symbol, or the variable of a root whose base is positive."""
    for v in used:
        if v in news:
            if bases[news.index(v)].is_positive:
                return True
        elif v.is_positive:
            return True
    return False


def _square_root_proof(lhs: sp.Expr, rhs: sp.Expr, domains, strict: bool) -> str | None:
    """``lhs <= rhs`` (``<`` when strict) for sides built from square roots of polynomials.

    Sound because ``rhs >= 0`` is shown first (so ``lhs² <= rhs²`` gives ``|lhs| <= rhs``),
    and the reduction modulo ``s² − X`` keeps the value wherever ``s = √X``.
    """
    roots = {
        a
        for side in (lhs, rhs)
        for a in side.atoms(sp.Pow, sp.Abs)
        if (isinstance(a, sp.Abs) or a.exp == sp.Rational(1, 2)) and a.free_symbols
    }
    if not roots or len(roots) > _MAX_ROOTS:
        return None
    if not rhs.is_nonnegative:  # SymPy's assumptions only: this attempt must stay cheap
        return None
    diff = sp.expand(rhs**2 - lhs**2)
    # √X and |Y| (= √(Y²)) become non-negative variables s with s² = X (or Y²)
    found = {
        a
        for a in diff.atoms(sp.Pow, sp.Abs)
        if (isinstance(a, sp.Abs) or a.exp == sp.Rational(1, 2)) and a.free_symbols
    }
    atoms = sorted(found, key=sp.default_sort_key)
    if len(atoms) > _MAX_ROOTS:
        return None
    bases = [sp.expand(a.args[0] ** 2) if isinstance(a, sp.Abs) else a.base for a in atoms]
    news = [sp.Dummy(f"s{k}", nonnegative=True) for k in range(len(atoms))]
    body = diff.xreplace(dict(zip(atoms, news, strict=True)))
    olds = sorted(
        body.free_symbols.union(*(b.free_symbols for b in bases)) - set(news),
        key=sp.default_sort_key,
    )
    if len(olds) + len(news) > _MAX_VARS:
        return None
    gens = olds + news
    if not body.is_polynomial(*gens) or not all(b.is_polynomial(*olds) for b in bases):
        return None
    rem = _eliminate(body, bases, news, gens)
    if rem == 0:
        return None if strict else "they are equal"
    used = sorted(rem.free_symbols, key=sp.default_sort_key)
    if not used:  # the roots cancel: (larger)² − (smaller)² is a number
        return "it is a positive number" if rem.is_Rational and rem > 0 else None
    if strict and not _never_all_zero(used, news, bases):
        # a definite form is > 0 only off the origin: at a point where every variable is 0
        # (√a + √b < √(3(a + b)) at a = b = 0) the two squares are equal
        return None
    if not strict and all(x.is_nonnegative for x in used):
        # a polynomial with non-negative coefficients in non-negative variables
        coeffs = sp.Poly(rem, *used).coeffs()
        if all(c.is_Rational and c >= 0 for c in coeffs):
            return "it has non-negative coefficients in non-negative variables"
    if _quadratic_form_psd(rem, used, strict):
        return f"it is a positive {'definite' if strict else 'semidefinite'} quadratic form"
    return None


def symbolic(lhs, rhs, op, domains) -> str | None:
    """A short description of a symbolic proof of ``lhs op rhs``, or None."""
    d = lhs - rhs
    if op == "=" and d == 0:
        return "the two sides are identical"
    if op != "=" and d.has(sp.Sum):
        # the integral test on the sum as written (a closed form in harmonic numbers or
        # zeta values is harder to sign)
        e = -d if op in (">=", ">") else d
        how = _sum_bound_proof(-e, domains, op in ("<", ">"))
        if how:
            return f"the {how} bounds the sum, and the sign follows"
    if d.has(sp.Sum):
        done = d.doit()
        if not done.has(sp.Sum):
            d = done
    if op == "=":
        if d == 0:
            return "the sums have closed forms and the sides agree"
        if sp.cancel(d) == 0:
            return "cancel(lhs - rhs) = 0"
        if sp.simplify(d) == 0:
            return "simplify(lhs - rhs) = 0"
        return None
    if op in (">=", ">"):
        d = -d
    # want d <= 0 (< 0): show -d >= 0 (> 0)
    strict = op in ("<", ">")
    if d.has(sp.Sum):
        how = _sum_bound_proof(-d, domains, strict)
        return f"the {how} bounds the sum, and the sign follows" if how else None
    small, big = (rhs, lhs) if op in (">=", ">") else (lhs, rhs)
    # tried first: cheap, and the general factoring below can take long on many roots
    how = _square_root_proof(small, big, domains, strict)
    if how:
        return (
            "squared: the larger side is >= 0, and with each square root (or |·|) as a "
            f"variable, (larger)² − (smaller)²: {how}"
        )
    if sign_proof(-d, domains, strict):
        return "the sign of rhs - lhs follows from the assumptions (after factoring)"
    return None


__all__ = ["sign_proof", "symbolic"]
