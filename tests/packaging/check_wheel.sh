#!/usr/bin/env bash
# Wheel acceptance: build the wheel, install it in a fresh venv, and use it from a project
# that has its own `reports/` and `numerics/` packages. Installing adaproof must add only
# `adaproof/` and its dist-info to site-packages.
# Usage: tests/packaging/check_wheel.sh [PYTHON]   (default: python3)
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="${1:-python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "check_wheel: building the wheel"
"$PY" -m pip wheel . --no-deps -q -w "$WORK/dist"
WHEEL="$(ls "$WORK"/dist/adaproof-*.whl)"

echo "check_wheel: fresh venv with the wheel's dependencies"
"$PY" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
"$VPY" -m pip install -q --upgrade pip >/dev/null
# the runtime requirements the wheel declares (no extras), plus pytest for the user's tests
REQS="$("$VPY" - "$WHEEL" <<'PYEOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
    lines = z.read(meta).decode().splitlines()
reqs = [l.split(":", 1)[1].strip() for l in lines if l.startswith("Requires-Dist:")]
print("\n".join(r for r in reqs if "extra ==" not in r))
PYEOF
)"
echo "$REQS" | "$VPY" -m pip install -q -r /dev/stdin pytest
SITE="$("$VPY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
ls -1 "$SITE" | sort >"$WORK/before.txt"
"$VPY" -m pip install -q --no-deps "$WHEEL"
ls -1 "$SITE" | sort >"$WORK/after.txt"
ADDED="$(comm -13 "$WORK/before.txt" "$WORK/after.txt" | grep -v '^__pycache__$' || true)"
EXPECTED="$(printf 'adaproof\nadaproof-%s.dist-info' "$("$VPY" -c 'import importlib.metadata as m; print(m.version("adaproof"))')")"
if [ "$ADDED" != "$EXPECTED" ]; then
    echo "check_wheel: FAIL: site-packages gained:"; echo "$ADDED"; exit 1
fi
echo "check_wheel: site-packages gained only: $(echo $ADDED)"

echo "check_wheel: a project with its own reports/ and numerics/ packages"
PROJ="$WORK/project"
mkdir -p "$PROJ/reports" "$PROJ/numerics"
echo 'OWNER = "the project"' >"$PROJ/reports/__init__.py"
echo 'OWNER = "the project"' >"$PROJ/numerics/__init__.py"
cat >"$PROJ/test_claims.py" <<'PYEOF'
import numerics
import pytest
import reports
from adaproof.testing import assert_bound, assert_equivalent


def test_own_packages_are_the_projects():
    assert reports.OWNER == numerics.OWNER == "the project"


@pytest.mark.claim(source="lecture notes, eq. 2")
def test_bias_correction_identity():
    assert_equivalent("(1 - b^2)/(1 - b)", "1 + b")


def test_geometric_sum_bound():
    assert_bound("(1-b^t)/(1-b)", "<=", "t", assume=["0 < b < 1", "t integer >= 1"])


def test_wrong_bound_fails():
    with pytest.raises(AssertionError, match="counterexample at b = "):
        assert_bound("b^2", "<=", "b/2", assume="0 < b < 1")
PYEOF
cd "$PROJ"
"$WORK/venv/bin/adaproof" --version
"$VPY" -c "import adaproof, reports, numerics; assert reports.OWNER == 'the project'; print('import adaproof', adaproof.__version__)"
"$VPY" -m pytest -q -p no:cacheprovider test_claims.py
echo "check_wheel: OK"
