"""adaproof: derive and check the mathematics of adaptive learning-rate methods.

This folder (``reports/toplevel/`` in the repository) is installed as the top-level package
``adaproof``; the repository's folders ``derivations/``, ``numerics/`` and ``reports/`` are
installed as ``adaproof.derivations``, ``adaproof.numerics`` and ``adaproof.reports``.
Nothing else lands at the top of site-packages.

Importing ``adaproof`` is cheap: the public names below load their modules on first use, so
``import adaproof.numerics`` pulls in neither SymPy nor matplotlib.

Public API:

- ``adaproof.verify(target, answer)``: an answer against a derived target (``"adam.m_hat:2"``);
- ``adaproof.decide(lhs, op, rhs, assume=...)``: a relation ``= <= < >= >`` over stated domains;
- ``adaproof.check(ids=None)``: the claims catalogue (all, or ids / source keys);
- ``adaproof.steps(text)``: a derivation checked step by step (a ``StepReport``);
- ``adaproof.figure(name)``: a lecture figure as a :class:`matplotlib.figure.Figure`;
- ``adaproof.testing``: ``assert_equivalent`` / ``assert_bound`` for a user's pytest suite.

Decisions carry their sides as SymPy objects (``decision.sides``) and, like the claims results
and figures, show themselves in Jupyter (``_repr_html_``, ``_repr_latex_``, ``_repr_markdown_``).
"""

from __future__ import annotations

from importlib import metadata as _metadata

try:
    __version__: str = _metadata.version("adaproof")
except _metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

#: public name -> module that defines it (loaded on first access)
_LAZY = {
    "verify": "adaproof._api",
    "decide": "adaproof._api",
    "check": "adaproof._api",
    "figure": "adaproof._api",
    "steps": "adaproof._api",
    "testing": None,  # the submodule adaproof.testing
}

__all__ = ["__version__", "check", "decide", "figure", "steps", "testing", "verify"]


def __getattr__(name: str):
    """Load ``verify``, ``decide``, ``steps``, ``check``, ``figure`` and ``testing`` on first
    use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'adaproof' has no attribute {name!r}")
    import importlib

    if _LAZY[name] is None:
        value = importlib.import_module(f"adaproof.{name}")
    else:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
