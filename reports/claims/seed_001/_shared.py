r"""What the sections of the homework share: its source name, Adam's defaults and a random
gradient stream.

Adam as in Kingma & Ba's Algorithm 1 (scalar w, :math:`m_0 = v_0 = 0`) and heavy-ball
momentum :math:`u_t = \mu u_{t-1} + g_t`, :math:`w_{t+1} = w_t - \alpha u_t`.
"""

from __future__ import annotations

import functools

import numpy as np

SOURCE = "001_a9f80f3499dce77f.txt"

#: Adam's defaults (Kingma & Ba)
BETA1, BETA2, EPS = 0.9, 0.999, 1e-8
#: heavy-ball momentum (numerics preset "momentum")
MU = 0.9

PART1 = "Part 1 (3.1)"
STEP_SIZE = "Part 2, 1. Effective step size"
SCALING = "Part 2, 2. Scaling gradients by c"
EPSILON = "Part 2, 3. Role of epsilon"
ADAPTATION = "Part 3 (a) Learning-rate adaptation"
NOISE = "Part 3 (b) Noisy gradients and sparse features"


@functools.cache
def stream(seed: int = 102, T: int = 300, batch: int = 16) -> np.ndarray:
    """A random gradient stream (T, batch): N(0.3, 1) times a log-normal scale per column."""
    rng = np.random.default_rng(seed)
    return rng.normal(0.3, 1.0, size=(T, batch)) * np.exp(rng.normal(size=(1, batch)))
