r"""What the sections of the tutorial share: its source name, its symbols and the constant-
gradient run of its recursion.

The tutorial writes Adam without bias correction, with first moment :math:`v^{(t)}`
(parameter β) and second moment :math:`s^{(t)}` (parameter γ), so :math:`v^{(n)}` is the
EMA after n gradients (the package's :math:`m_n`); the runs feed constant gradients to
``numerics.run.feed("adam", bias_correction=False)``.
"""

from __future__ import annotations

import functools

import numpy as np
import sympy as sp
from adaproof.derivations import symbols
from adaproof.numerics.run import feed

SOURCE = "000_1a5d8446094796f9.txt"

beta = symbols.beta
gamma = sp.Symbol("gamma", positive=True)
#: the usual values of β and γ (Kingma & Ba's defaults)
BETA, GAMMA = 0.9, 0.999


@functools.cache
def constant_run(g: tuple[float, ...], T: int, eps: float = 0.0, lr: float = 1e-3) -> dict:
    """The tutorial's recursion on a constant gradient (one batch entry per g)."""
    grads = np.broadcast_to(np.asarray(g, dtype=float), (T, len(g))).copy()
    h = feed("adam", grads, lr=lr, beta1=BETA, beta2=GAMMA, eps=eps, bias_correction=False)
    return {"v": h.states["m"], "s": h.states["v"], "delta": h.delta}


def first_within(rel_err: np.ndarray, tol: float) -> int:
    """First n (1-based) such that rel_err[n'-1] <= tol for every n' >= n."""
    bad = np.nonzero(rel_err > tol)[0]
    return int(bad[-1]) + 2 if len(bad) else 1
