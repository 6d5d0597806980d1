r"""Figure 14: floating point in Adam: the bias correction :math:`1-\beta^t` and ε in float16.

Left: relative error of :math:`1-\beta^t` against :math:`d = 1-\beta`, computed
naively (``1 - beta**t``) and stably (:math:`-\operatorname{expm1}(t\log1p(-d))`,
:func:`numerics.precision.bias_correction`) in float32 and float64, against a
50-digit mpmath reference. Right: the value ε takes when stored in float16
(:func:`numerics.precision.eps_underflow`); the course page (seed
``003_b8a56a2a249e5e41.txt``, pitfall 5) says ε = 1e−8 "dominates the denominator"
in float16, but it is stored as 0.
"""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np
from adaproof.reports.figures import style

T_STEP = 100
#: relative errors below this are drawn at this floor (log axis); 0 means exact
FLOOR = 1e-18


def _exact(t: int, d: float) -> float:
    with mpmath.workdps(50):
        return float(-mpmath.expm1(t * mpmath.log1p(-mpmath.mpf(d))))


def precision_data(t: int = T_STEP) -> dict[str, Any]:
    """Relative errors (naive/stable × float32/float64) on a grid of d; float16 images of ε."""
    from adaproof.numerics.precision import (
        bias_correction,
        bias_correction_naive,
        eps_underflow,
        relative_error,
    )

    d = np.geomspace(1e-1, 1e-14, 66)
    exact = np.array([_exact(t, float(x)) for x in d])
    errors = {}
    for dtype in (np.float32, np.float64):
        name = np.dtype(dtype).name
        dd = d.astype(dtype)
        errors[f"naive {name}"] = relative_error(bias_correction_naive(t, d=dd, dtype=dtype), exact)
        errors[f"stable {name}"] = relative_error(bias_correction(t, d=dd, dtype=dtype), exact)
    eps = np.geomspace(1e-10, 1e-3, 57)
    stored = np.array([eps_underflow(float(e), np.float16)["stored"] for e in eps])
    return {
        "t": t,
        "d": d,
        "exact": exact,
        "errors": errors,
        "eps": eps,
        "eps_float16": stored,
        "eps_1e8_float16": eps_underflow(1e-8, np.float16)["stored"],
        "smallest_subnormal": float(np.finfo(np.float16).smallest_subnormal),
        "smallest_normal": float(np.finfo(np.float16).smallest_normal),
    }


def draw_precision(fig: Any, d: dict[str, Any]) -> None:
    left, right = fig.subplots(1, 2, width_ratios=(1.25, 1.0))
    styles = {
        "naive float32": (style.VERMILLION, "-", "o"),
        "stable float32": (style.BLUE, "-", "s"),
        "naive float64": (style.ORANGE, "--", "^"),
        "stable float64": (style.GREEN, "--", "v"),
    }
    for name, err in d["errors"].items():
        c, ls, mk = styles[name]
        left.loglog(
            d["d"],
            np.clip(err, FLOOR, 1.0),
            color=c,
            ls=ls,
            marker=mk,
            ms=3.5,
            markevery=2,
            label=name,
        )
    left.invert_xaxis()
    left.set_ylim(FLOOR / 3, 1e4)
    left.set_xlabel(r"$d = 1-\beta$")
    left.set_ylabel("relative error")
    left.set_title(rf"$1-\beta^t$ at $t={d['t']}$: naive vs $-\mathrm{{expm1}}(t\,\log1p(-d))$")
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
    style.note(left, f"clipped to [{FLOOR:g}, 1]; {FLOOR:g} means exact", loc="upper left")

    eps, st = d["eps"], d["eps_float16"]
    zero = st == 0
    right.loglog(eps, eps, color=style.GREY, lw=1.0, ls=":", label="exact value")
    right.loglog(eps[~zero], st[~zero], "o", color=style.BLUE, ms=3.5, label="stored in float16")
    floor = eps[0]
    right.plot(
        eps[zero],
        np.full(zero.sum(), floor),
        "x",
        color=style.VERMILLION,
        label="stored as 0",
    )
    right.axhline(
        d["smallest_subnormal"], color=style.PURPLE, lw=1.0, ls="--", label="smallest subnormal"
    )
    right.axhline(
        d["smallest_normal"], color=style.GREEN, lw=1.0, ls=(0, (6, 2)), label="smallest normal"
    )
    right.set_xlabel(r"$\varepsilon$")
    right.set_ylabel(r"float16($\varepsilon$)  (0 drawn at the bottom)")
    right.set_title(rf"$\varepsilon$ in float16: $10^{{-8}}$ becomes {d['eps_1e8_float16']:g}")
    right.legend(loc="upper left", bbox_to_anchor=(0.0, -0.16), ncol=2)
