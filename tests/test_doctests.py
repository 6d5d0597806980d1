"""The examples in the installed modules' docstrings run as written.

Modules are imported under their installed names (``adaproof.derivations.ema``), so a doctest
sees the same objects a user does.
"""

import doctest
import importlib
import pkgutil

import adaproof.derivations
import adaproof.numerics
import adaproof.reports
import pytest


def _modules():
    for pkg in (adaproof.derivations, adaproof.numerics, adaproof.reports):
        yield pkg.__name__
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            if ".toplevel" not in info.name:
                yield info.name


MODULES = sorted(_modules())


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=True, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
