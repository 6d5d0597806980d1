"""``adaproof grade``: every row of a generated class file gets the status its answer
deserves (right, wrong, unreadable, hostile, slow), the batch never stops, and the summary
groups equal wrong answers."""

from __future__ import annotations

import csv
import json
import random
import time

import pytest
from adaproof.reports import parallel
from adaproof.reports.cli import main
from adaproof.reports.commands import grade

M2 = "adam.m_hat:2"
VAR = "ema.var_hat"

# (target, answer, expected status); status: 0 right, 1 wrong, 2 unreadable, 3 inconclusive
RIGHT = [
    (M2, "(1-b1)*(b1*g1+g2)/(1-b1^2)", 0),
    (M2, "(b1*g1 + g2)/(1 + b1)", 0),
    (M2, r"\frac{(1-\beta_1)(\beta_1 g_1 + g_2)}{1-\beta_1^2}", 0),
    (M2, "mhat2 = (beta1*g1+g2)/(1+beta1)", 0),
    (VAR, "sigma^2*(1-beta)*(1+beta^t)/((1+beta)*(1-beta^t))", 0),
    ("adam.m:2", "(1-b1)*(b1*g1+g2)", 0),
]
# two groups of wrong answers, each written in several equal forms, and two one-offs
LIMIT = [  # Var(m_hat_t) in the limit t -> oo instead of the finite-t formula
    (VAR, "sigma^2*(1-beta)/(1+beta)", 1),
    (VAR, "(1-beta)/(1+beta)*sigma**2", 1),
    (VAR, r"\frac{\sigma^2 (1-\beta)}{1+\beta}", 1),
]
NO_CORRECTION = [  # m_2 without the bias correction
    (M2, "(1-b1)*(b1*g1+g2)", 1),
    (M2, "(b1*g1+g2)*(1-b1)", 1),
]
ONE_OFF = [(M2, "-(b1*g1+g2)/(1+b1)", 1), (M2, "(b1*g1+g2)/2", 1)]
UNREADABLE = [
    (M2, "", 2),
    (M2, "((b1*g1", 2),
    ("adam.nope:2", "g1", 2),
    ("adam.m_hat:99", "g1", 2),
    (M2, "x + y", 2),  # names the target does not know
]
HOSTILE = [
    (M2, "__import__('os').system('touch pwned')", 2),
    (M2, "().__class__.__base__.__subclasses__()", 2),
    (M2, "lambda: 0", 2),
    (M2, "9^9^9^9", 2),
    (M2, "g1" + "+g1" * 20000, 2),  # longer than the cap
    (M2, '=HYPERLINK("http://x")', 2),
]
SLOW = [(M2, "(b1*g1+g2)/(1+b1) + 0*g1", 3)]  # right, but its row hangs (see below)


def _class_file(tmp_path, n_rows: int = 210):
    rng = random.Random(7)
    pool = RIGHT * 6 + LIMIT * 8 + NO_CORRECTION * 5 + ONE_OFF + UNREADABLE * 2 + HOSTILE * 2
    rows = [rng.choice(pool) for _ in range(n_rows - len(SLOW) - 3)]
    rows += SLOW + LIMIT  # every LIMIT form at least once
    rng.shuffle(rows)
    path = tmp_path / "class.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "target", "answer"])
        for i, (target, answer, _) in enumerate(rows):
            w.writerow([f"s{i:03d}", target, answer])
        fh.write("s999,adam.m_hat:2\n")  # a row with a cell missing
    expected = [status for _, _, status in rows] + [2]
    return path, rows, expected


def _hang_on_marker(real):
    def graded(task, budget):
        if task["answer"] == SLOW[0][1]:
            time.sleep(600)  # an engine stuck in C code: only killing the process ends it
        return real(task, budget)

    return graded


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_class_file_every_row_and_the_summary(tmp_path, monkeypatch, jobs):
    monkeypatch.chdir(tmp_path)  # a hostile row that ran would leave 'pwned' here
    monkeypatch.setattr(grade, "grade_answer", _hang_on_marker(grade.grade_answer))
    path, rows, expected = _class_file(tmp_path)
    assert len(expected) >= 200
    tasks, kind = grade.read_rows(str(path))
    assert kind == "answers"
    t0 = time.monotonic()
    with parallel.get_executor(jobs) as ex:
        graded = grade.grade_rows(tasks, ex, budget=4.0, row_timeout=8.0)
    assert time.monotonic() - t0 < 60
    assert not (tmp_path / "pwned").exists()
    assert [r["row"] for r in graded] == list(range(2, len(expected) + 2))
    got = [r["status"] for r in graded]
    bad = [
        (r["row"], r["answer"][:40], r["status"], e, r["detail"][:80])
        for r, e in zip(graded, expected, strict=True)
        if r["status"] != e
    ]
    assert not bad, bad
    assert got == expected
    slow = [r for r in graded if r["answer"] == SLOW[0][1]]
    assert slow[0]["verdict"] == "inconclusive"
    assert "time limit" in slow[0]["detail"]
    for r in graded:
        if r["verdict"] == "wrong":
            assert r["detail"].startswith("at "), r  # the counterexample, in one line
            assert "\n" not in r["detail"]

    summary = {s["target"]: s for s in grade.summarize(graded)}
    var = summary[VAR]
    n_limit = sum(1 for t, a, _ in rows if (t, a, 1) in LIMIT)
    assert var["wrong"] == n_limit
    top = var["common_wrong"][0]
    assert top["students"] == n_limit  # the three equal forms in one group
    assert top["distinct_answers"] == len(LIMIT)
    assert "limit t → ∞" in top["hint"]
    m2 = summary[M2]
    n_nc = sum(1 for t, a, _ in rows if (t, a, 1) in NO_CORRECTION)
    groups = {g["students"] for g in m2["common_wrong"]}
    assert n_nc in groups  # both forms of the uncorrected m_2 in one group
    right = sum(1 for t, _a, s in rows if t == M2 and s == 0)
    assert m2["right"] == right
    assert m2["rows"] == sum(1 for t, _a, _s in rows if t == M2) + 1  # + the short row


def test_command_writes_csv_json_and_summary(tmp_path, capsys):
    path = tmp_path / "small.csv"
    path.write_text(
        "student,target,answer\n"
        "ann,adam.m_hat:2,(b1*g1+g2)/(1+b1)\n"
        "bob,ema.var_hat,sigma^2*(1-beta)/(1+beta)\n"
        "cat,ema.var_hat,sigma^2*(1-beta)/(1+beta)\n"
        'dan,adam.m_hat:2,"=1+1"\n',
        encoding="utf-8",
    )
    out, js = tmp_path / "graded.csv", tmp_path / "graded.json"
    assert main(["grade", str(path), "--out", str(out), "--json", str(js), "-j", "1"]) == 0
    captured = capsys.readouterr()
    assert "2 students wrote sigma^2*(1-beta)/(1+beta)" in captured.out
    assert "grade: 4/4 rows" in captured.err
    table = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert [r["status"] for r in table] == ["0", "1", "1", "2"]
    assert table[3]["answer"] == "'=1+1"  # a formula is written as text
    data = json.loads(js.read_text())
    assert data["schema"] == "adaproof/grade"
    jsonschema = pytest.importorskip("jsonschema")
    from adaproof.reports import jsonio

    jsonschema.validate(data, jsonio.load_schema("grade"))
    assert [r["verdict"] for r in data["rows"]] == ["right", "wrong", "wrong", "unreadable"]
    assert data["rows"][2]["same_as"] == 3
    assert data["rows"][3]["answer"] == "=1+1"


def test_bad_out_path_fails_before_any_work(tmp_path, capsys):
    path = tmp_path / "small.csv"
    path.write_text("student,target,answer\nann,adam.m_hat:2,g1\n", encoding="utf-8")
    code = main(["grade", str(path), "--out", str(tmp_path / "missing" / "g.csv")])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "does not exist" in err


def test_steps_rows_and_paths_outside_the_folder(tmp_path):
    (tmp_path / "good.txt").write_text(
        "given m2 = (1-beta)*(beta*g1 + g2)\nm2/(1-beta^2)\n= (beta*g1 + g2)/(1+beta)\n",
        encoding="utf-8",
    )
    (tmp_path / "bad.txt").write_text(
        "given m2 = (1-beta)*(beta*g1 + g2)\nm2/(1-beta^2)\n= beta*g1 + g2\n", encoding="utf-8"
    )
    path = tmp_path / "steps.csv"
    path.write_text(
        "student,steps\nann,good.txt\nbob,bad.txt\ncat,../../etc/passwd\ndan,nothere.txt\n",
        encoding="utf-8",
    )
    tasks, kind = grade.read_rows(str(path))
    assert kind == "steps"
    rows = grade.grade_rows(tasks, parallel.InProcess(), budget=4.0)
    assert [r["status"] for r in rows] == [0, 1, 2, 2]
    assert "line 3" in rows[1]["detail"]
    assert "outside" in rows[2]["detail"]


def test_unreadable_file_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"student,target,answer\n\xff\xfe,x,y\n")
    assert main(["grade", str(path), "--out", str(tmp_path / "g.csv")]) == 2
    assert "UTF-8" in capsys.readouterr().err
    path.write_text("a,b,c,d\n1,2,3,4\n", encoding="utf-8")
    assert main(["grade", str(path), "--out", str(tmp_path / "g.csv")]) == 2
