"""Why an answer that differs from its target might be wrong.

Hints are facts, each checked: a flipped sign (answer + target = 0 exactly at
every point tried), a constant factor (only when ``cancel(answer/target)`` is a
number), an additive difference (``answer − target``, simplified), a factor
free of the gradients, agreement only for positive values of a variable, and
agreement only in the limit t → ∞. Expressions in hints are printed in the
notation of the input: LaTeX when the answer was LaTeX, plain text otherwise.
"""

from __future__ import annotations

import time
from fractions import Fraction

import mpmath
import sympy as sp
from adaproof.derivations.equivalence.common import Timeout, deadline, effective_domains
from adaproof.derivations.equivalence.compiler import compile_expr, evaluate
from adaproof.derivations.equivalence.decide import decide
from adaproof.derivations.equivalence.search import Sampler, judge
from adaproof.derivations.parsing.assume import Domain


def _unit_trimmed(domains: dict[sp.Symbol, Domain]) -> dict[sp.Symbol, Domain]:
    """EMA parameters kept in [1/20, 19/20] so that beta**t is tiny at large t."""
    out = {}
    for s, d in domains.items():
        if d.lo == 0 and d.hi == 1 and not d.integer:
            out[s] = Domain(sp.Rational(1, 20), sp.Rational(19, 20), False, False)
        else:
            out[s] = d
    return out


def printer(latex: bool):
    """Expressions for people: LaTeX, or plain text with ``^`` for powers."""

    def tens(e: sp.Expr) -> str | None:
        # 1/1000000000000000000000000000000 reads better as 10^(-30)
        if not e.is_Rational or e.is_Integer:
            return None
        q = int(e.q)
        k = len(str(q)) - 1
        if k < 6 or q != 10**k:
            return None
        head = "" if e.p == 1 else (f"{e.p} \\cdot " if latex else f"{e.p}*")
        return head + (f"10^{{-{k}}}" if latex else f"10^(-{k})")

    if latex:
        return lambda e: tens(e) or sp.latex(e)
    return lambda e: tens(e) or sp.sstr(e).replace("**", "^")


def _simplest(e: sp.Expr, seconds: float) -> sp.Expr:
    """The shortest of cancel / factor / simplify (each tried while time is left)."""
    t_end = time.monotonic() + seconds
    forms = [e]
    for f in (sp.cancel, sp.factor, sp.simplify):
        left = t_end - time.monotonic()
        if left <= 0.02:
            break
        try:
            with deadline(left):
                forms.append(f(e))
        except (Timeout, NotImplementedError, TypeError, ValueError, RecursionError):
            break
    return min(forms, key=lambda f: (sp.count_ops(f), len(sp.sstr(f))))


def hints(
    answer: sp.Expr,
    target: sp.Expr,
    assume: dict[sp.Symbol, Domain] | None = None,
    *,
    var: sp.Symbol | None = None,
    budget: float = 1.0,
    latex: bool = False,
) -> list[str]:
    """Checked hints on how ``answer`` differs from ``target`` (see the module docstring)."""
    out: list[str] = []
    show = printer(latex)
    t_end = time.monotonic() + budget
    domains, _ = effective_domains([answer, target], assume)
    sampler = Sampler(domains, seed=7)
    f_ans, f_neg = compile_expr(answer), compile_expr(-target)
    flipped = []
    for _ in range(12):
        o = judge(f_ans, f_neg, "=", sampler.point(0.0))
        if o.status in ("holds", "fails"):
            flipped.append(o.status == "holds")
    if len(flipped) >= 4 and all(flipped):
        return ["the sign is flipped: your answer is minus the target"]
    gradients = {s for s in domains if s.name.startswith("g")}
    ratio = diff = None
    share = max(min(0.3 * budget, t_end - time.monotonic()), 0.01)
    try:
        with deadline(share):
            ratio = sp.cancel(answer / target)
        if ratio.is_number:
            if ratio != 1 and ratio.is_finite:
                return [f"off by a constant factor: your answer = {show(ratio)} × target"]
        else:
            ratio = _simplest(ratio, share)
    except (Timeout, NotImplementedError, TypeError, ValueError, RecursionError):
        ratio = None
    try:
        diff = _simplest(answer - target, share)
    except (NotImplementedError, TypeError, ValueError, RecursionError):
        diff = None
    candidates = []
    if diff is not None and diff != 0 and sp.count_ops(diff) <= 20:
        candidates.append((sp.count_ops(diff) + 1, f"your answer = target + {_paren(diff, show)}"))
        if diff.could_extract_minus_sign():
            candidates[-1] = (
                sp.count_ops(diff) + 1,
                f"your answer = target - {_paren(-diff, show)}",
            )
    if (
        ratio is not None
        and not ratio.is_number
        and not (ratio.free_symbols & gradients)
        and sp.count_ops(ratio) <= 12
    ):
        candidates.append(
            (sp.count_ops(ratio) + 1, f"your answer = target × {_paren(ratio, show)}")
        )
    if candidates:
        out.append(min(candidates)[1])
    var = var if var is not None else next((s for s in domains if s.name == "t"), None)
    if var is not None and var in domains and time.monotonic() < t_end:
        fa, ft = compile_expr(answer), compile_expr(target)
        trimmed = _unit_trimmed(domains)
        sampler = Sampler(trimmed, seed=11)
        close = []
        for _ in range(8):
            pt = sampler.point(0.0)
            for big in (4000, 8000):
                pt[var] = Fraction(big)
                a, b = evaluate(fa, pt, 40), evaluate(ft, pt, 40)
                if a is None or b is None:
                    continue
                close.append(abs(a - b) <= max(abs(b), mpmath.mpf(1)) * mpmath.mpf(10) ** -12)
        if close and all(close):
            out.append(f"right only in the limit {var.name} → ∞ (wrong at finite {var.name})")
    for s, d in sorted(domains.items(), key=lambda kv: kv[0].name):
        if time.monotonic() > t_end:
            break
        if d.integer or (d.lo is not None and d.lo >= 0):
            continue
        pos = dict(domains)
        pos[s] = d.intersect(Domain(lo=sp.Integer(0)))
        dec = decide(answer, "=", target, pos, budget=0.3, points=24, symbolic=False)
        if dec.verdict == "true":
            out.append(f"right only for {s.name} > 0")
    return out


def _paren(e: sp.Expr, show) -> str:
    text = show(e)
    if e.is_Atom or e.is_Pow or e.is_Function or (e.is_Mul and not e.could_extract_minus_sign()):
        return text
    return f"({text})"


__all__ = ["hints", "printer"]
