"""The one-way dependencies between the packages: derivations imports neither numerics, reports nor
matplotlib; numerics imports no SymPy and no matplotlib."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("adaproof.derivations", ["adaproof.numerics", "adaproof.reports", "matplotlib"]),
        ("adaproof.numerics", ["sympy", "adaproof.reports", "matplotlib", "adaproof.derivations"]),
    ],
)
def test_import_does_not_pull_in(package, forbidden):
    code = (
        "import importlib, pkgutil, sys\n"
        f"import {package}\n"
        f"for m in pkgutil.walk_packages({package}.__path__, '{package}.'):\n"
        "    importlib.import_module(m.name)\n"
        "hit = lambda f: any(n == f or n.startswith(f + '.') for n in sys.modules)\n"
        "bad = sorted(f for f in sys.argv[1:] if hit(f))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *forbidden], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "", f"{package} imports {out.stdout.strip()}"
