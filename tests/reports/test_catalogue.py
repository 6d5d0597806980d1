"""The catalogue through pytest: one test per claim, plus the shape of the results."""

import json

import pytest
from adaproof.reports.claims import SOURCES, all_claims, by_id, get_claim, select, source_key
from adaproof.reports.claims.base import Claim, Kind, Verdict
from adaproof.reports.runner import JSON_KEYS, run_catalogue, run_claim, to_json

CLAIMS = all_claims()


def _param(claim: Claim):
    marks = [pytest.mark.slow] if claim.slow else []
    return pytest.param(claim, id=claim.id, marks=marks)


@pytest.mark.parametrize("claim", [_param(c) for c in CLAIMS])
def test_claim_verdict_matches_expected(claim):
    outcome = run_claim(claim)
    res = outcome.result
    assert res.verdict is claim.expected, f"{res.verdict}: {res.summary} {res.evidence}"
    assert "warnings" not in res.evidence, res.evidence["warnings"]
    assert res.summary
    assert res.evidence, "a verdict needs evidence"
    json.dumps(to_json([outcome]), allow_nan=False)
    if res.verdict is Verdict.REFUTED:
        assert res.counterexample
    if res.verdict is Verdict.CONDITIONAL:
        assert res.counterexample
        assert res.condition or res.evidence.get("conditions")
    if hasattr(claim.check, "__wrapped__"):  # a check returning Evidence
        _evidence_supports(claim, res)


def _evidence_supports(claim, res):
    """What each verdict needs in the evidence of a check returning Evidence: "proved" a
    symbolic proof and a comparison with a run, all holding; "confirmed" a comparison and no
    proof; "refuted" a counterexample and a correction when the claim names one;
    "conditional" the condition; "approximate" the quantified error."""
    proofs = res.evidence.get("proofs", [])
    comparisons = res.evidence.get("comparisons", [])
    assert all(p["holds"] for p in proofs), proofs
    assert all(c["passes"] for c in comparisons), comparisons
    if res.verdict is Verdict.PROVED:
        assert proofs
        assert comparisons
    elif res.verdict is Verdict.CONFIRMED:
        assert comparisons
        assert not proofs
    elif res.verdict is Verdict.REFUTED and claim.corrected_by:
        assert res.corrected
    elif res.verdict is Verdict.CONDITIONAL:
        assert res.condition
    elif res.verdict is Verdict.APPROXIMATE:
        assert "error" in res.evidence["approximation"]


def test_ids_unique_and_rows_complete():
    assert len(by_id()) == len(CLAIMS)
    for c in CLAIMS:
        assert isinstance(c.kind, Kind)
        assert isinstance(c.expected, Verdict)
        assert c.expected is not Verdict.INCONCLUSIVE, c.id
        assert c.statement, c.id
        assert c.location, c.id
        assert c.title, c.id
        assert callable(c.check)
        assert source_key(c) in SOURCES


def test_figures_named_by_claims_exist():
    from adaproof.reports.figures import FIGURES

    named = [c for c in CLAIMS if c.figure is not None]
    assert named
    for c in named:
        assert c.figure in FIGURES, c.id


def test_every_source_is_present():
    keys = {source_key(c) for c in CLAIMS}
    assert keys == set(SOURCES)


@pytest.mark.parametrize(
    ("seed", "n"), [("000", 7), ("001", 9), ("002", 15), ("003", 14), ("004", 9)]
)
def test_every_inventory_item_is_catalogued(seed, n):
    items = {c.inventory for c in CLAIMS if c.inventory}
    assert {f"{seed}-{i}" for i in range(1, n + 1)} <= items


def test_refuted_claims_name_a_verified_correction():
    index = by_id()
    for c in CLAIMS:
        if c.expected is Verdict.REFUTED:
            assert c.corrected_by in index, c.id
            assert index[c.corrected_by].expected in (
                Verdict.PROVED,
                Verdict.CONFIRMED,
                Verdict.APPROXIMATE,
                Verdict.CONDITIONAL,
            ), c.id
        else:
            assert c.corrected_by is None, c.id


def test_lookup_and_selection():
    first = CLAIMS[0]
    assert get_claim(first.id) is first
    with pytest.raises(KeyError, match="no claim with id 'nope'"):
        get_claim("nope")
    with pytest.raises(KeyError, match="nope"):
        select(["nope"])
    assert [c.id for c in select(["003"])] == [c.id for c in CLAIMS if c.source.startswith("003")]
    assert select(None) == CLAIMS


def test_duplicate_ids_are_refused(monkeypatch):
    import adaproof.reports.claims as registry

    dup = CLAIMS[0]
    monkeypatch.setattr(registry, "_module_claims", lambda key: [dup])
    registry._catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match="duplicate claim id"):
            registry.all_claims()
    finally:
        monkeypatch.undo()
        registry._catalogue.cache_clear()
    assert len(registry.all_claims()) == len(CLAIMS)


def _fake(check, cid="zz-1"):
    return Claim(
        id=cid,
        source="999_fake.txt",
        location="§0",
        inventory=None,
        statement="x = x",
        kind=Kind.IDENTITY,
        expected=Verdict.PROVED,
        check=check,
        title="fake",
    )


def test_a_raising_check_is_inconclusive_not_a_crash():
    def boom():
        raise ZeroDivisionError("division by zero in the check")

    out = run_claim(_fake(boom))
    assert out.verdict is Verdict.INCONCLUSIVE
    assert not out.matches
    assert "ZeroDivisionError" in out.result.evidence["error"]
    assert out.result.evidence["where"].startswith("test_catalogue.py:")


def test_a_check_returning_garbage_is_inconclusive():
    out = run_claim(_fake(lambda: 42))
    assert out.verdict is Verdict.INCONCLUSIVE
    assert "TypeError" in out.result.evidence["error"]


def test_warnings_are_recorded_in_evidence():
    import warnings

    from adaproof.reports.claims.base import Result

    def noisy():
        warnings.warn("overflow in exp", RuntimeWarning, stacklevel=1)
        return Result(Verdict.PROVED, "ok", {"x": 1})

    out = run_claim(_fake(noisy))
    assert out.verdict is Verdict.PROVED
    assert out.result.evidence["warnings"] == ["RuntimeWarning: overflow in exp"]


def test_to_json_shape_and_strictness():
    import numpy as np
    import sympy as sp
    from adaproof.reports.claims.base import Result

    def odd_evidence():
        return Result(
            Verdict.PROVED,
            "ok",
            {
                "np_float": np.float64(0.5),
                "np_int": np.int64(3),
                "array": np.arange(3.0),
                "inf": float("inf"),
                "nan": np.nan,
                "expr": sp.sqrt(2) * sp.Symbol("beta1"),
                "tuple": (1, 2),
                "nested": {1: [np.float32(1.5)]},
            },
            counterexample={"t": np.int64(2)},
        )

    rows = to_json([run_claim(_fake(odd_evidence))])
    (row,) = rows
    assert tuple(row) == JSON_KEYS
    text = json.dumps(rows, allow_nan=False)
    back = json.loads(text)[0]
    ev = back["evidence"]
    assert ev["np_float"] == 0.5
    assert ev["np_int"] == 3
    assert ev["array"] == [0.0, 1.0, 2.0]
    assert ev["inf"] == "inf"
    assert ev["nan"] == "nan"
    assert ev["expr"] == "sqrt(2)*beta1"
    assert ev["tuple"] == [1, 2]
    assert ev["nested"] == {"1": [1.5]}
    assert back["counterexample"] == {"t": 2}
    assert back["verdict"] == "proved"
    assert back["expected"] == "proved"


def test_run_catalogue_subset_and_progress_callback():
    ids = [c.id for c in CLAIMS if not c.slow][:3]
    seen = []
    outs = run_catalogue(ids, progress=lambda i, n, c, o: seen.append((i, n, c.id, o is None)))
    assert [o.claim.id for o in outs] == ids
    assert seen[0] == (1, 3, ids[0], True)
    assert seen[-1] == (3, 3, ids[-1], False)
    rows = to_json(outs)
    assert all(tuple(r) == JSON_KEYS for r in rows)
    assert all(r["seconds"] >= 0 for r in rows)


def test_report_model_reads_runner_rows():
    from adaproof.reports.report.model import CLAIM_KEYS, ClaimView

    assert set(CLAIM_KEYS) <= set(JSON_KEYS)
    ids = [c.id for c in CLAIMS if not c.slow][:2]
    for row in to_json(run_catalogue(ids)):
        view = ClaimView.from_json(row)
        assert view.id == row["id"]
        assert view.verdict == row["verdict"]
