"""Every public derivation has type hints, a docstring with its formula or source, and
returns SymPy objects without a Piecewise that exists only because SymPy cannot know beta < 1."""

import importlib
import inspect

import pytest

MODULES = [
    "ema",
    "moments",
    "adam",
    "momentum",
    "rmsprop",
    "adagrad",
    "adadelta",
    "adamax",
    "adamw",
    "amsgrad",
    "worst_case",
]
CITES = ("Source", "arXiv", "seed", "Kingma", "Zeiler", "Reddi", "Loshchilov", "Duchi", "Hinton")


@pytest.mark.parametrize("name", MODULES)
def test_module_cites_its_sources(name):
    doc = importlib.import_module(f"adaproof.derivations.{name}").__doc__
    assert any(c in doc for c in CITES), name
    assert ".. math::" in doc or ":math:" in doc, name


def _functions():
    for name in MODULES:
        mod = importlib.import_module(f"adaproof.derivations.{name}")
        for attr in mod.__all__:
            obj = getattr(mod, attr)
            if inspect.isfunction(obj):
                yield f"{name}.{attr}", obj


FUNCTIONS = list(_functions())


@pytest.mark.parametrize(("name", "fn"), FUNCTIONS, ids=[f[0] for f in FUNCTIONS])
def test_documented_and_typed(name, fn):
    doc = inspect.getdoc(fn) or ""
    assert len(doc) > 20, name
    sig = inspect.signature(fn)
    assert sig.return_annotation is not inspect.Signature.empty, name
    for p in sig.parameters.values():
        if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL):
            assert p.annotation is not inspect.Parameter.empty, f"{name}({p.name})"
    # the formula in LaTeX, or the source cited
    assert ":math:" in doc or any(c in doc for c in CITES), name
