r"""Sums written with an ellipsis, read as a :class:`~sympy.Sum` with an inferred general term.

``a_1 + a_2 + \dots + a_n``, ``\beta^{t-1} + \beta^{t-2} + \dots + \beta^0`` and
``\beta_2^t v_0 + \beta_2^{t-1}(1-\beta_2) g_1^2 + \dots + (1-\beta_2) g_t^2`` list some terms
of a family and leave the rest to the reader. :func:`fold` infers the family:

* the last term before the dots and the first term after them must be the same expression
  tree except at some leaves (indices, exponents, whole-number terms); a power missing on one
  side is the power 1 (``\beta`` against ``\beta^{t-1}``) or 0 (a factor ``\beta^0`` that SymPy
  dropped, or a term ``1`` against ``\beta^{e}``), except for a power of an index letter or
  a number (``1^2 + \dots + n^2``: 1 is 1^2, not n^0; refused);
* every differing leaf changes by the same number N of unit steps, up or down, N an integer
  expression (``t - 2``): the family is term(k) with each such leaf ``x + k`` or ``x - k``,
  the term before the dots term(0) and the one after term(N);
* the other listed terms next to the dots must be term(-1), term(-2), … before and
  term(N+1), … after; terms of another shape at the ends of the listing stay outside the sum
  (``\beta_2^t v_0``); a term of the family's shape that does not fit refuses the reading.

Meaning: the listing is the sum of the family from the first listed member to the last,
``Σ_{k=0}^{M}`` with M + 1 members. The listed terms show the pattern; for values where
M + 1 is smaller than the number of family terms written (``\beta^{t-1} + \beta^{t-2} + \dots
+ \beta^0`` at t = 1), the sum has M + 1 terms, as the pattern says, and the reading says from
which value on every written term is a member. M + 1 must not be negative for any positive
integer value of the symbols in it (else SymPy's convention for a sum whose upper limit is
below its lower one would give a negative count of terms a meaning the text never had): such
a listing is refused.

Refused, with one line and the suggestion to write the sum with ``\sum``: an ellipsis with no
term after it (a series), different signs around the dots (``- \dots +``, an alternating sum),
a pattern that the two terms around the dots do not determine, or more than one way of
matching them, a step that is not unit (``1 + 3 + \dots + (2n-1)``), and an unconfirmed
step that could be read two ways (``2 + \dots + 2n``).

Pure SymPy; the result is built by the parser's own :class:`Builder` (``begin_sum`` and
``end_sum``), exactly as ``\sum`` would build it.
"""

from __future__ import annotations

import itertools
import re

import sympy as sp
from adaproof.derivations.parsing.build import _IDX_PREFIX, Builder
from adaproof.derivations.parsing.limits import ParseError

#: letters read as integers when they appear in an index or an exponent of a listing
INDEX_LETTERS = frozenset({"i", "j", "k", "l", "m", "n", "t", "T", "N", "M", "K", "d"})
#: names tried, in order, for the summation index of the reading
_INDEX_NAMES = ("k", "j", "i", "l", "r", "q", "u")
#: most alignments tried for one listing (the terms are short; this bounds the work)
_MAX_WORK = 20000
#: most factors or terms matched in every order
_MAX_PERMUTED = 6
SUGGESTION = "write the sum with \\sum"


class _TooMuch(Exception):
    pass


class _One:
    """A factor missing from a product: the power 0 of the factor it is matched with."""


_ONE = _One()


def refuse(reason: str, position: int | None, token: str = "\\dots") -> ParseError:
    """The parser's error for a listing not read: the reason and what to write instead."""
    how = SUGGESTION if token.startswith("\\") else "write the sum as sum(…, (k, a, b))"
    return ParseError(f"an ellipsis sum not read: {reason}; {how}", token=token, position=position)


# -- names with an index --------------------------------------------------------------------


def _indexed(e: sp.Expr, builder: Builder) -> sp.Expr | None:
    """``a_1``, ``a_{n}`` made by the parser as plain symbols, as ``IDX_a(1)``, ``IDX_a(n)``."""
    if not isinstance(e, sp.Symbol):
        return None
    sub = builder.index_of.get(e)
    name = e.name
    if sub is not None:
        if sub.is_Integer:
            m = re.fullmatch(r"([A-Za-z]+?)" + str(int(sub)), name)
        else:
            m = re.fullmatch(r"([A-Za-z]+)_\{.*\}", name)
    else:
        m = re.fullmatch(r"([A-Za-z]+?)(\d+)", name)
        if m:
            sub = sp.Integer(int(m.group(2)))
        else:
            m = re.fullmatch(r"([A-Za-z]+)_\{?([A-Za-z])\}?", name)
            if m:
                try:
                    sub = builder.name(m.group(2), None)
                except ParseError:
                    return None
    if not m or sub is None or len(m.group(1)) > 8:
        return None
    return sp.Function(_IDX_PREFIX + m.group(1))(sub)


class _Names:
    """Indexed symbols in the form ``IDX_a(1)`` (for matching), and back."""

    def __init__(self, builder: Builder):
        self.builder = builder
        self.back: dict[tuple[str, tuple], sp.Expr] = {}

    def norm(self, e: sp.Expr) -> sp.Expr:
        reps = {}
        for s in e.atoms(sp.Symbol):
            f = _indexed(s, self.builder)
            if f is not None:
                reps[s] = f
                self.back.setdefault((type(f).__name__, f.args), s)
        return e.xreplace(reps) if reps else e

    def restore(self, e: sp.Expr) -> sp.Expr:
        """Indexed names of ``e`` whose index is a number, as the parser's own symbols."""
        reps = {}
        for f in e.atoms(sp.core.function.AppliedUndef):
            key = (type(f).__name__, f.args)
            if key in self.back:
                reps[f] = self.back[key]
        return e.xreplace(reps) if reps else e


# -- matching two terms ---------------------------------------------------------------------


def _index_like(e: sp.Expr) -> bool:
    """An integer-valued expression of degree at most 1 in index-like symbols (``t - 2``)."""
    if e.has(sp.core.function.AppliedUndef):
        return False
    syms = e.free_symbols
    if not all(s.is_integer or s.name in INDEX_LETTERS for s in syms):
        return False
    if not syms:
        return bool(e.is_Integer)
    try:
        poly = sp.Poly(e, *sorted(syms, key=str))
    except sp.PolynomialError:
        return False
    return poly.total_degree() <= 1 and all(c.is_Integer for c in poly.coeffs())


class _Matcher:
    """The ways of writing ``b`` as ``a`` with some leaves changed: (skeleton, changes)."""

    def __init__(self):
        self.work = 0

    def match(self, a, b) -> list[tuple[sp.Expr, list[tuple[sp.Expr, sp.Expr, sp.Dummy]]]]:
        self.work += 1
        if self.work > _MAX_WORK:
            raise _TooMuch
        if a is _ONE or b is _ONE:
            return self._missing(a, b)
        if a == b:
            return [(a, [])]
        if _index_like(a) and _index_like(b):
            if a.is_number and b.is_number and a * b < 0:
                return []  # a sign is not a step: -1 against 1
            p = sp.Dummy("p")
            return [(p, [(a, b, p)])]
        a_pow, b_pow = isinstance(a, sp.Pow), isinstance(b, sp.Pow)
        if a_pow != b_pow and not isinstance(a, sp.Mul) and not isinstance(b, sp.Mul):
            return self._power(a, b)
        if isinstance(a, sp.Mul) or isinstance(b, sp.Mul):
            return self._unordered(sp.Mul.make_args(a), sp.Mul.make_args(b), sp.Mul, pad=True)
        if isinstance(a, sp.Add) and isinstance(b, sp.Add):
            return self._unordered(a.args, b.args, sp.Add, pad=False)
        # a.func, not type(a): two copies of an undefined function of one name compare equal
        if a.func != b.func or len(a.args) != len(b.args) or not a.args:
            return []
        return [(a.func(*sk), ch) for sk, ch in self._ordered(a.args, b.args)]

    def _ordered(self, xs, ys):
        out = [((), [])]
        for x, y in zip(xs, ys, strict=True):
            alts = self.match(x, y)
            out = [((*sk, s), ch + c) for sk, ch in out for s, c in alts]
            if not out:
                return []
            if len(out) > 64:
                raise _TooMuch
        return out

    def _unordered(self, xs, ys, op, pad: bool):
        xs, ys = list(xs), list(ys)
        if len(xs) != len(ys):
            if not pad or abs(len(xs) - len(ys)) > 2:
                return []
            short = xs if len(xs) < len(ys) else ys
            short.extend([_ONE] * abs(len(xs) - len(ys)))
        if len(ys) > _MAX_PERMUTED:
            return []
        out = []
        for perm in itertools.permutations(ys):
            for sk, ch in self._ordered(xs, perm):
                out.append((op(*sk), ch))
        return out

    def _power(self, a, b):
        """``x^e`` against ``x`` (the power 1) or ``1`` (the power 0)."""
        if isinstance(a, sp.Pow):
            base, e, other, flip = a.base, a.exp, b, False
        else:
            base, e, other, flip = b.base, b.exp, a, True
        if _index_like(base):
            return []  # 1 + … + n^2: 1 may be 1^2 (the base's value), not n^0
        if other == 1:
            if base.is_number:
                return []
            pairs = [(base, base, sp.Integer(0))]
        else:
            pairs = [(base, other, sp.Integer(1))]
        out = []
        for x, y, n in pairs:
            for sk, ch in self.match(y, x) if flip else self.match(x, y):
                for esk, ech in self.match(n, e) if flip else self.match(e, n):
                    out.append((sp.Pow(sk, esk, evaluate=False), ch + ech))
        return out

    def _missing(self, a, b):
        """A factor on one side only: the other side has it to the power 0."""
        if a is _ONE and b is _ONE:
            return []
        x, flip = (b, True) if a is _ONE else (a, False)
        if isinstance(x, sp.Pow) and not x.base.is_number:
            base, e = x.base, x.exp
        elif isinstance(x, sp.Symbol | sp.Abs | sp.core.function.AppliedUndef):
            base, e = x, sp.Integer(1)
        else:
            return []
        if _index_like(base):
            return []  # a_1 + … + n^2 a_n: the factor may be missing as 1^2, not as n^0
        if not _index_like(e):
            return []
        p = sp.Dummy("p")
        change = (sp.Integer(0), e, p) if flip else (e, sp.Integer(0), p)
        return [(sp.Pow(base, p, evaluate=False), [change])]


# -- the family -----------------------------------------------------------------------------


class _Family:
    def __init__(self, skeleton, changes, steps: sp.Expr, signs: list[int], k: sp.Symbol):
        self.skeleton = skeleton
        self.changes = changes  # (value at k = 0, value at k = N, placeholder)
        self.steps = steps  # N
        self.signs = signs
        self.k = k
        self.term = skeleton.xreplace(
            {p: a + s * k for (a, _b, p), s in zip(changes, signs, strict=True)}
        )

    def at(self, j: sp.Expr) -> sp.Expr:
        return self.term.xreplace({self.k: j})


def _steps_of(changes) -> tuple[sp.Expr, list[int]] | None:
    """N and the direction of each changed leaf, or None when they disagree."""
    diffs = [sp.expand(b - a) for a, b, _p in changes]
    d0 = diffs[0]
    if d0.is_number:
        n = abs(d0)
    else:
        lead = sum(d0.coeff(s) for s in d0.free_symbols)  # N grows with the symbols
        if lead == 0:
            return None
        n = d0 if lead > 0 else -d0
    signs = []
    for d in diffs:
        if sp.expand(d - n) == 0:
            signs.append(1)
        elif sp.expand(d + n) == 0:
            signs.append(-1)
        else:
            return None
    if n.is_number and n < 1:
        return None
    return n, signs


def _same(x: sp.Expr, y: sp.Expr) -> bool:
    if x == y:
        return True
    try:
        return sp.expand(x - y) == 0
    except (TypeError, ValueError):
        return False


def _families(a, b, k) -> list[_Family]:
    m = _Matcher()
    out: list[_Family] = []
    for skeleton, changes in m.match(a, b):
        if not changes:
            continue
        found = _steps_of(changes)
        if found is None:
            continue
        fam = _Family(skeleton, changes, found[0], found[1], k)
        if not (_same(fam.at(sp.Integer(0)), a) and _same(fam.at(fam.steps), b)):
            continue
        if not any(_same(fam.term, f.term) and _same(fam.steps, f.steps) for f in out):
            out.append(fam)
    return out


def _shaped(a, x) -> bool:
    """Whether ``x`` is written like ``a`` with some leaves changed (the family's shape)."""
    try:
        return any(ch for _sk, ch in _Matcher().match(a, x))
    except _TooMuch:
        return True


def _never_negative(count: sp.Expr) -> bool:
    """``count >= 0`` for every positive integer value of its symbols (count linear)."""
    syms = sorted(count.free_symbols, key=str)
    if not syms:
        return bool(count >= 0)
    poly = sp.Poly(count, *syms)
    if poly.total_degree() > 1:
        return False
    if any(poly.coeff_monomial(s) < 0 for s in syms):
        return False
    return bool(count.subs({s: 1 for s in syms}) >= 0)


def _shown_from(count: sp.Expr, listed: int) -> str:
    """From which value on every written term is a member (``t ≥ 3``), or ''."""
    if count.is_number:
        return ""
    syms = sorted(count.free_symbols, key=str)
    if len(syms) != 1:
        return f"written out in full when {sp.sstr(count)} ≥ {listed}"
    (s,) = syms
    c = count.coeff(s)
    rest = sp.expand(count - c * s)
    if not (c.is_Integer and c > 0):
        return ""
    least = sp.ceiling(sp.Rational(listed - rest, c))
    if least <= 1:
        return ""
    return f"every written term a member for {s} ≥ {least}"


def _pretty(e: sp.Expr) -> str:
    text = sp.sstr(e)
    return re.sub(r"\b(?:seq_|" + _IDX_PREFIX + r")", "", text)


def fold(
    terms: list[sp.Expr],
    at: int,
    builder: Builder,
    *,
    position: int | None,
    text: str,
    taken: set[str],
    token: str = "\\dots",
) -> sp.Expr:
    """``terms[0] + … + terms[at-1] + ⋯ + terms[at] + …``: the terms (with their signs) and the
    place of the dots, as the terms outside the family plus the family's Sum.

    ``taken`` holds the letters the expression uses (the summation index avoids them);
    ``text`` the listing as written (for the reading recorded in ``builder``).
    """
    if at < 1 or at >= len(terms):
        raise refuse("no term before or after the dots", position, token)
    names = _Names(builder)
    normed = [names.norm(t) for t in terms]
    k = sp.Dummy("k", integer=True)
    try:
        fams = _families(normed[at - 1], normed[at], k)
    except _TooMuch:
        raise refuse("the terms around the dots are too long to match", position, token) from None
    if not fams:
        raise refuse(
            "the terms around the dots are not one pattern changing by whole steps",
            position,
            token,
        )
    if len(fams) > 1:
        raise refuse("the terms around the dots match in more than one way", position, token)
    (fam,) = fams
    # the listed terms next to the dots: members term(-1), term(-2), … and term(N+1), …
    before = 0
    for j in range(at - 2, -1, -1):
        if not _same(fam.at(sp.Integer(-(before + 1))), normed[j]):
            break
        before += 1
    after = 0
    for j in range(at + 1, len(terms)):
        if not _same(fam.at(fam.steps + after + 1), normed[j]):
            break
        after += 1
    first, last = at - 1 - before, at + after  # family members: terms[first..last]
    for j in [*range(first - 1, -1, -1), *range(last + 1, len(terms))]:
        if _shaped(normed[at - 1], normed[j]):
            raise refuse(
                f"the listed term {_pretty(terms[j])} looks like the others but does not "
                "follow their pattern",
                position,
                token,
            )
    confirmed = before + after > 0
    if not confirmed:
        _check_unconfirmed(fam, position, token)
    count = sp.expand(fam.steps + before + after + 1)  # M + 1
    if not _never_negative(count):
        raise refuse(
            f"its number of terms, {sp.sstr(count)}, can be negative for small values",
            position,
            token,
        )
    # the summation index follows a leaf: an index going up if any, else one going down
    order = sorted(
        range(len(fam.changes)),
        key=lambda i: (
            not _is_index(fam.skeleton, fam.changes[i][2]),
            fam.signs[i] < 0,
        ),
    )
    lead = order[0]
    start, sign = fam.changes[lead][0], fam.signs[lead]
    v0 = sp.expand(start - sign * before)  # the leaf's value at the first member
    if sign > 0:
        lo, hi = v0, sp.expand(v0 + count - 1)
    else:
        lo, hi = sp.expand(v0 - count + 1), v0
    letter = next((n for n in _INDEX_NAMES if n not in taken and n not in builder.bound), None)
    if letter is None:
        raise refuse("no letter is free for the summation index", position, token)
    sym = builder.begin_sum(letter, position)
    # member number m (0-based) is term(m - before); the leaf's value j = v0 + sign*m
    member = sign * (sym - v0)
    body = names.restore(fam.at(member - before))
    outside = [t for j, t in enumerate(terms) if j < first or j > last]
    shown = _shown_from(count, last - first + 1)
    builder.read(
        f"read '{_short(text)}' as the sum over {letter} = {_pretty(lo)}..{_pretty(hi)} of "
        f"{_pretty(body).replace(sym.name, letter)}" + (f" ({shown})" if shown else "")
    )
    total = builder.end_sum(sym, letter, body, lo, hi, position)
    if not count.is_number:
        # a listing has no negative count of terms (not "at least one": the decision reads
        # an expression undefined on a region where the other side is defined as false)
        builder.conditions.append(("ge", count))
    return sp.Add(*outside[:first], total, *outside[first:])


def _is_index(skeleton: sp.Expr, p: sp.Dummy) -> bool:
    """Whether the placeholder ``p`` is the index of a name (``g_{p}``)."""
    return any(p in f.args for f in skeleton.atoms(sp.core.function.AppliedUndef) if f.args)


def _check_unconfirmed(fam: _Family, position: int | None, token: str) -> None:
    """Two terms alone fix the pattern only when the step is plain: ``a_1 + … + a_n``,
    ``\\beta^{t-1} + … + 1``; not ``2 + … + 2n`` (evens, or every number?)."""
    n = fam.steps
    if not n.is_number:
        coeffs = [n.coeff(s) for s in n.free_symbols]
        if any(abs(c) != 1 for c in coeffs):
            raise refuse(
                f"the step from one written term to the next is not shown ({sp.sstr(n)} steps "
                "could be steps of 1 or larger); write one more term",
                position,
                token,
            )
    if isinstance(fam.skeleton, sp.Dummy):  # the terms are whole numbers: 2 + … + 10
        a = fam.changes[0][0]
        if not (a.is_number and a in (0, 1)):
            raise refuse(
                "the step from one number to the next is not shown; write one more term",
                position,
                token,
            )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
