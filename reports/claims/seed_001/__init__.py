r"""Claims of "Problem 3: Adam vs. SGD with Momentum" (a solved homework problem).

Adam as in Kingma & Ba's Algorithm 1 (scalar w,
:math:`w_{t+1} = w_t - \alpha\hat m_t/(\sqrt{\hat v_t}+\varepsilon)`, :math:`m_0 = v_0 = 0`)
and heavy-ball momentum :math:`u_t = \mu u_{t-1} + g_t`, :math:`w_{t+1} = w_t - \alpha u_t`.
Sections: :mod:`.updates` (Part 1), :mod:`.scaling` (Part 2.1-2.2), :mod:`.epsilon`
(Part 2.3), :mod:`.adaptation` (Part 3).
"""

from adaproof.reports.claims.evidence import claims_of
from adaproof.reports.claims.seed_001 import adaptation, epsilon, scaling, updates
from adaproof.reports.claims.seed_001._shared import SOURCE

CLAIMS = claims_of(updates, scaling, epsilon, adaptation)

__all__ = ["CLAIMS", "SOURCE"]
