r"""Claims of the course page 14-04, "Adaptive Learning Rate Methods".

Source ``003_b8a56a2a249e5e41.txt``, one module per section of the page: AdaGrad and
RMSprop, Adam's bias correction, the three worked examples, the practice problems, the
pitfalls and the comparison table. The page writes AdaGrad and RMSprop with epsilon inside
the square root, :math:`\eta/\sqrt{G_k+\epsilon}`, and Adam with
:math:`\eta\,\hat m_k/(\sqrt{\hat v_k}+\epsilon)`; the runs use the same.
"""

SOURCE = "003_b8a56a2a249e5e41.txt"

from adaproof.reports.claims.evidence import claims_of  # noqa: E402
from adaproof.reports.claims.seed_003 import (  # noqa: E402
    adagrad_rmsprop,
    adam_bias,
    example1,
    example2,
    example3,
    pitfalls,
    practice,
)

CLAIMS = claims_of(adagrad_rmsprop, adam_bias, example1, example2, example3, practice, pitfalls)
