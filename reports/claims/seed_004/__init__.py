r"""Claims of the slide deck "Gradient Descent w/ Adaptive Learning Rate".

A sigmoid neuron trained with AdaGrad, RMSprop, AdaDelta and Adam, with code listings. The
slides index steps from 0 (:math:`v_0` already contains the first gradient). The data set of
the slides is not given; the numeric parts use a synthetic sparse one (``_shared.data``).
Sections: :mod:`.adagrad` (neuron gradients, AdaGrad), :mod:`.rmsprop`, :mod:`.adadelta`,
:mod:`.bias_correction` (Adam), :mod:`.adamax` (L^p norms).
"""

from adaproof.reports.claims.evidence import claims_of
from adaproof.reports.claims.seed_004 import adadelta, adagrad, adamax, bias_correction, rmsprop
from adaproof.reports.claims.seed_004._shared import SOURCE

CLAIMS = claims_of(adagrad, rmsprop, adadelta, bias_correction, adamax)

__all__ = ["CLAIMS", "SOURCE"]
