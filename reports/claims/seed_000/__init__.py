r"""Claims of the Week 4 tutorial, "Adam's effective learning rate" (no bias correction).

The tutorial writes Adam without bias correction, with first moment :math:`v^{(t)}`
(parameter β) and second moment :math:`s^{(t)}` (parameter γ):

.. math::
    v^{(t+1)} = \beta v^{(t)} + (1-\beta)\nabla C(\theta^{(t)}),\quad
    s^{(t+1)} = \gamma s^{(t)} + (1-\gamma)\nabla C\odot\nabla C,\quad
    \theta^{(t+1)} = \theta^{(t)} - \alpha\frac{v^{(t+1)}}{\sqrt{s^{(t+1)}}+\epsilon}.

Sections: :mod:`.moments` (the recursion and its moments), :mod:`.effective_rate`
(α_eff and the update's invariance), :mod:`.rosenbrock` (the coding task).
"""

from adaproof.reports.claims.evidence import claims_of
from adaproof.reports.claims.seed_000 import effective_rate, moments, rosenbrock
from adaproof.reports.claims.seed_000._shared import SOURCE

CLAIMS = claims_of(moments, effective_rate, rosenbrock)

__all__ = ["CLAIMS", "SOURCE"]
