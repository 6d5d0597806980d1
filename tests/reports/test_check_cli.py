"""``adaproof claims`` and ``adaproof check`` in-process: table, JSON, exit codes."""

import json

from adaproof.reports.claims import all_claims, by_id
from adaproof.reports.claims.base import Result, Verdict
from adaproof.reports.cli import main
from adaproof.reports.runner import JSON_KEYS

FAST = [c.id for c in all_claims() if not c.slow]


def test_claims_lists_everything(capsys):
    assert main(["claims"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(f"{len(all_claims())} claims")
    assert "003-5a" in out


def test_claims_by_source_and_json(capsys):
    assert main(["claims", "--source", "003", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["claims"]
    assert rows
    assert all(r["source"] == "003" for r in rows)
    assert all(r["source_file"].startswith("003") for r in rows)
    assert {r["source_document"] for r in rows} == {"14-04: Adaptive Learning Rate Methods"}
    assert {"id", "statement", "expected", "location"} <= set(rows[0])
    assert main(["claims", "--source", "papers", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["claims"]
    assert rows
    assert all(r["source"] == "papers" for r in rows)
    assert not any(r["source_document"][:3].isdigit() for r in rows)


def test_claims_unknown_source_is_one_line(capsys):
    assert main(["claims", "--source", "999"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unknown source '999'" in err


def test_check_some_ids_table_and_exit_0(capsys):
    ids = FAST[:2]
    assert main(["check", *ids]) == 0
    cap = capsys.readouterr()
    lines = cap.out.splitlines()
    assert lines[0].split()[:4] == ["id", "source", "verdict", "expected"]
    assert [ln.split()[0] for ln in lines[1:3]] == ids
    assert "2 match the expected verdict, 0 do not" in lines[-1]
    assert "[  2/2]" in cap.err  # progress on stderr


def test_check_json_file(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["check", "-q", FAST[0], "--json", str(out)]) == 0
    data = json.loads(out.read_text())
    assert (data["schema"], data["version"]) == ("adaproof/check", 1)
    rows = data["claims"]
    assert len(rows) == 1
    assert tuple(rows[0]) == (*JSON_KEYS, "source_document", "source_file")
    assert data["summary"]["claims"] == 1
    assert data["summary"]["match"] + data["summary"]["mismatch"] == 1
    assert rows[0]["id"] == FAST[0]
    assert capsys.readouterr().err == ""


def test_check_json_stdout(capsys):
    assert main(["check", "-q", FAST[0], "--json", "-"]) == 0
    rows = json.loads(capsys.readouterr().out)["claims"]
    assert rows[0]["verdict"] == rows[0]["expected"]


def test_check_unknown_id_exit_2(capsys):
    assert main(["check", FAST[0], "no-such-claim"]) == 2
    cap = capsys.readouterr()
    assert cap.out == ""
    assert cap.err.count("\n") == 1
    assert "no-such-claim" in cap.err


def test_check_mismatch_exits_1(monkeypatch, capsys):
    """A check whose evidence no longer supports its baseline makes check exit 1."""
    import dataclasses

    import adaproof.reports.claims as registry

    cid = FAST[0]
    claim = by_id()[cid]
    wrong = Verdict.REFUTED if claim.expected is not Verdict.REFUTED else Verdict.PROVED
    broken = dataclasses.replace(claim, check=lambda: Result(wrong, "corrupted", {"x": 1}))
    catalogue = tuple(broken if c.id == cid else c for c in all_claims())
    monkeypatch.setattr(registry, "_catalogue", lambda: catalogue)
    assert main(["check", "-q", cid]) == 1
    cap = capsys.readouterr()
    assert f"check: {cid}: computed {wrong}, expected {claim.expected}" in cap.err
    assert "0 match the expected verdict, 1 do not" in cap.out


def test_check_raising_claim_exits_1(monkeypatch, capsys):
    import dataclasses

    import adaproof.reports.claims as registry

    cid = FAST[0]

    def boom():
        raise RuntimeError("simulated failure")

    broken = dataclasses.replace(by_id()[cid], check=boom)
    monkeypatch.setattr(registry, "_catalogue", lambda: (broken,))
    monkeypatch.setenv("COLUMNS", "80")  # the table's evidence column is cut to the terminal
    assert main(["check", "-q"]) == 1
    cap = capsys.readouterr()
    assert "inconclusive" in cap.out
    assert "check raised RuntimeError" in cap.out
    # the mismatch line on stderr carries the whole error, whatever the terminal width
    assert "check raised RuntimeError: simulated failure" in cap.err
