"""Every command's real ``--json`` output, results and errors, validates against the JSON Schema
shipped in the package; numbers are numbers; ``source`` is the ``--source`` key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from adaproof.reports import cli, jsonio

jsonschema = pytest.importorskip("jsonschema")


def validate(command: str, data: dict) -> dict:
    schema = jsonio.load_schema(command)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema"] == f"adaproof/{command}"
    assert data["version"] == jsonio.VERSION
    return data


def run_json(capsys, *argv: str, code: int | None = 0) -> dict:
    got = cli.main(list(argv))
    out = capsys.readouterr().out
    if code is not None:
        assert got == code, out
    return json.loads(out)


@pytest.mark.parametrize("command", jsonio.COMMANDS)
def test_every_schema_is_a_valid_draft_2020_12_schema_and_accepts_errors(command):
    schema = jsonio.load_schema(command)
    jsonschema.Draft202012Validator.check_schema(schema)
    validate(command, jsonio.error(command, "something was wrong", 2))
    with pytest.raises(jsonschema.ValidationError):
        validate(command, {"schema": f"adaproof/{command}", "version": 2})


def test_every_cli_command_has_a_schema():
    assert set(cli.COMMANDS) <= set(jsonio.COMMANDS)


def test_schemas_ship_inside_the_package():
    from importlib.resources import files

    names = {p.name for p in (files("adaproof.reports") / "schemas").iterdir()}
    assert {f"{c}.json" for c in jsonio.COMMANDS} <= names


def test_targets(capsys):
    validate("targets", run_json(capsys, "targets", "--json"))


def test_claims_list_and_one(capsys):
    data = validate("claims", run_json(capsys, "claims", "--source", "004", "--json"))
    assert {r["source"] for r in data["claims"]} == {"004"}
    validate("claims", run_json(capsys, "claims", "000-1a", "--json"))


def test_claims_error(capsys):
    data = validate("claims", run_json(capsys, "claims", "--source", "999", "--json", code=2))
    assert data["error"]["exit"] == 2


def test_check_stdout_file_and_error(capsys, tmp_path):
    data = validate("check", run_json(capsys, "check", "-q", "000-1a", "--json", "-"))
    assert data["summary"]["claims"] == 1
    assert data["claims"][0]["source"] == "000"
    out = tmp_path / "c.json"
    assert cli.main(["check", "-q", "000-1a", "--json", str(out)]) == 0
    capsys.readouterr()
    validate("check", json.loads(out.read_text()))
    err = run_json(capsys, "check", "no-such-claim", "--json", "-", code=2)
    validate("check", err)


def test_check_document_output(capsys, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text(
        "$$m_t = \\beta m_{t-1} + (1-\\beta) g_t$$\n"  # a definition
        "$$m_1 = (1-\\beta) g_1$$\n"  # true
        "$$m_2 = (1-\\beta) g_2$$\n"  # refuted, with a counterexample
        "$$\\eta_t \\sim \\frac{1}{\\sqrt{t}}$$\n",  # not checked
        encoding="utf-8",
    )
    data = validate("check", run_json(capsys, "check", str(notes), "--json", "-", code=1))
    (doc,) = data["documents"]
    assert [(e["line"], e["role"], e["verdict"]) for e in doc["entries"]] == [
        (1, "definition", "defined"),
        (2, "claim", "true"),
        (3, "claim", "false"),
        (4, "not checked", "not checked"),
    ]
    assert doc["entries"][2]["counterexample"]
    assert (doc["decided"], doc["relations"], doc["exit_code"]) == (2, 3, 1)
    doc["entries"][0]["verdict"] = "maybe"  # the schema types the entries
    with pytest.raises(jsonschema.ValidationError):
        validate("check", data)


def test_verify_claim_numbers_are_numbers(capsys):
    data = run_json(
        capsys, "verify", "--claim", "b^2 <= b/2", "--assume", "0 < b < 1", "--json", code=1
    )
    validate("verify", data)
    ce = data["counterexample"]
    assert isinstance(ce["difference"], float | int)
    assert isinstance(ce["lhs"], float | int)
    assert all(isinstance(v, float | int) for v in ce["values"].values())
    assert ce["difference"] == pytest.approx(ce["lhs"] - ce["rhs"], rel=1e-6)


def test_verify_target_true_false_and_errors(capsys):
    validate("verify", run_json(capsys, "verify", "adam.m_hat:2", "(b1*g1+g2)/(1+b1)", "--json"))
    data = run_json(capsys, "verify", "adam.m_hat:2", "(b1*g1+g2)/2", "--json", code=1)
    validate("verify", data)
    assert isinstance(data["counterexample"]["difference"], float | int)
    err = validate("verify", run_json(capsys, "verify", "--claim", "1 +", "--json", code=2))
    assert err["verdict"] == "error"
    assert err["error"]["exit"] == 2
    err = run_json(capsys, "verify", "nope.x:2", "x", "--json", code=2)
    validate("verify", err)


def test_steps_result_and_error(capsys, tmp_path):
    f = tmp_path / "d.txt"
    f.write_text("assume 0 < b < 1\n(1-b^2)/(1-b)\n= 1 + b\n<= 2 b\n")
    data = validate("steps", run_json(capsys, "steps", str(f), "--json", code=None))
    assert data["steps"]
    validate("steps", run_json(capsys, "steps", str(tmp_path / "none.txt"), "--json", code=2))


def test_figure_list_and_error(capsys):
    data = validate("figure", run_json(capsys, "figure", "--list", "--json"))
    assert data["figures"]
    validate("figure", run_json(capsys, "figure", "nope", "--json", code=2))


@pytest.mark.slow
def test_figure_render(capsys, tmp_path):
    out = tmp_path / "f.svg"
    data = validate(
        "figure", run_json(capsys, "figure", "ema_weights", "--out", str(out), "--json")
    )
    assert Path(data["path"]) == out
    assert data["format"] == "svg"
    assert out.exists()


def test_report(capsys, tmp_path, monkeypatch):
    from adaproof.reports.report import build as build_module

    monkeypatch.setattr(build_module, "run_claims", lambda progress, executor=None: [])
    monkeypatch.setattr(build_module, "render_figures", lambda outdir, progress=None: [])
    data = run_json(capsys, "report", "--out", str(tmp_path / "rep"), "--json")
    validate("report", data)
    ro = tmp_path / "file"
    ro.write_text("x")
    validate("report", run_json(capsys, "report", "--out", str(ro), "--json", code=2))


def test_bench(capsys, tmp_path, monkeypatch):
    from adaproof.reports import bench

    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")
    row = bench.Row("verify", "verify.warm", "verify, warm", 0.25, "s")
    fake = bench.Bench(rows=[row], machine={"cpu": "test"}, quick=True, seconds=0.5)
    monkeypatch.setattr(bench, "run_bench", lambda *a, **k: fake)
    out = tmp_path / "b.json"
    assert cli.main(["bench", "--quick", "--only", "verify", "--json", str(out)]) == 0
    capsys.readouterr()
    data = validate("bench", json.loads(out.read_text()))
    assert data["rows"][0]["value"] == 0.25


def _json_flag_takes_a_file(command: str) -> bool:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    action = next(a for a in sub._actions if "--json" in a.option_strings)
    return action.nargs != 0


def test_internal_error_envelope_validates_for_every_command(capsys, monkeypatch):
    import importlib

    positional = {"steps": ["x"]}
    for command, module in cli.COMMANDS.items():
        if command != "check" and _json_flag_takes_a_file(command):
            continue  # --json FILE: on an error nothing is written, the line goes to stderr
        mod = importlib.import_module(f"adaproof.reports.commands.{module}")
        monkeypatch.setattr(mod, "run", lambda args: 1 / 0)
        json_args = ["--json", "-"] if command == "check" else ["--json"]
        data = run_json(capsys, command, *positional.get(command, []), *json_args, code=4)
        validate(command, data)
        assert data["error"]["message"] == "internal error: ZeroDivisionError: division by zero"
