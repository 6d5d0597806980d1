r"""Claims of the anchor papers the seeds rely on.

Kingma & Ba, "Adam" (ICLR 2015, arXiv:1412.6980); Reddi, Kale & Kumar, "On the
Convergence of Adam and Beyond" (ICLR 2018); Duchi, Hazan & Singer, "Adaptive Subgradient
Methods" (JMLR 2011); Zeiler, "ADADELTA" (arXiv:1212.5701); Loshchilov & Hutter,
"Decoupled Weight Decay Regularization" (ICLR 2019, arXiv:1711.05101). Sections:
:mod:`.kingma_ba`, :mod:`.reddi`, :mod:`.others` (Duchi et al., Zeiler, Loshchilov & Hutter).
"""

from adaproof.reports.claims.evidence import claims_of
from adaproof.reports.claims.papers import kingma_ba, others, reddi

CLAIMS = claims_of(kingma_ba, reddi, others)

__all__ = ["CLAIMS"]
