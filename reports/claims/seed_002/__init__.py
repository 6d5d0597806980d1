r"""Claims of Lecture Notes 9 (per-coordinate learning rates, AdaGrad and Adam).

Source ``002_5f54ea678090eb2e.txt`` (A. Cutkosky's lecture notes), one module per section:
the logistic loss and AdaGrad's rate (§1), the regret bounds, the proof of Theorem 3,
Algorithm 1, the unrolled moments (§2), the variance of m̂ (§2.1) and the sign update (§2.2).
Every check returns evidence (a symbolic part from :mod:`adaproof.derivations`, runs of the
real recursions from :mod:`adaproof.numerics` through :mod:`adaproof.reports.simulate`);
the verdict follows from it by :func:`~adaproof.reports.claims.evidence.verdict_from`.
"""

SOURCE = "002_5f54ea678090eb2e.txt"

from adaproof.reports.claims.evidence import claims_of  # noqa: E402
from adaproof.reports.claims.seed_002 import (  # noqa: E402
    algorithm1,
    logistic_loss,
    regret_bounds,
    sign_update,
    theorem3_proof,
    unrolled_moments,
    variance,
    variance_bounds,
)

CLAIMS = claims_of(
    logistic_loss,
    regret_bounds,
    theorem3_proof,
    algorithm1,
    unrolled_moments,
    variance,
    variance_bounds,
    sign_update,
)
