"""adaproof: derive and check the mathematics of adaptive learning-rate methods.

This folder (``reports/toplevel/`` in the repository) is installed as the top-level package
``adaproof``; the repository's folders ``derivations/``, ``numerics/`` and ``reports/`` are
installed as ``adaproof.derivations``, ``adaproof.numerics`` and ``adaproof.reports``.
Nothing else lands at the top of site-packages.

Importing ``adaproof`` is cheap: the public names below load their modules on first use, so
``import adaproof.numerics`` pulls in neither SymPy nor matplotlib.
"""

from __future__ import annotations

from importlib import metadata as _metadata

try:
    __version__: str = _metadata.version("adaproof")
except _metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
