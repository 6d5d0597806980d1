"""``adaproof claims ID``: the claim in full, where its check is, and what it calls."""

import json
import os

from adaproof.reports.claims import get_claim
from adaproof.reports.claims.evidence import calls_into, where
from adaproof.reports.cli import main


def test_show_names_file_and_line_of_the_check(capsys):
    assert main(["claims", "000-1a", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["claims"]
    path, line = row["check"].rsplit(":", 1)
    assert os.path.exists(path)
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    # the line is the check's definition (or its decorator) inside the claims package
    assert "claims" in path
    assert lines[int(line) - 1].lstrip().startswith(("def ", "@"))
    assert row["statement"] == get_claim("000-1a").statement


def test_calls_follow_helpers_into_derivations_and_numerics():
    calls = calls_into(get_claim("000-1a"))
    assert any(c.startswith("adaproof.derivations.") for c in calls)
    assert any(c.startswith("adaproof.numerics.") for c in calls)


def test_where_points_into_the_repository():
    path, line = where(get_claim("000-1a"))
    assert path.endswith(".py")
    assert line > 0


def test_unknown_id_is_a_usage_error(capsys):
    assert main(["claims", "no-such-claim"]) == 2
    err = capsys.readouterr().err
    assert "no-such-claim" in err
    assert err.count("\n") == 1


def test_calls_follow_cached_helpers_and_local_imports():
    # 001-7c runs Adam through a cached helper and reports.simulate, which imports the
    # kernel inside the function
    assert "adaproof.numerics.kernels.adam_update_" in calls_into(get_claim("001-7c"))
