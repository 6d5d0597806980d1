"""Specific tests of the seed 002 and 003 catalogues (the per-claim run is in test_catalogue)."""

import re

import numpy as np
import pytest
from adaproof.reports.claims import _verdicts, seed_002, seed_003
from adaproof.reports.claims.base import Claim, Verdict

ALL = seed_002.CLAIMS + seed_003.CLAIMS
BY_ID = {c.id: c for c in ALL}


def test_ids_unique_and_sources_named():
    assert len(BY_ID) == len(ALL)
    for c in ALL:
        assert isinstance(c, Claim)
        assert c.source in (seed_002.SOURCE, seed_003.SOURCE)
        assert c.id.startswith(c.source[:3] + "-")
        assert c.statement
        assert c.location
        assert c.title


@pytest.mark.parametrize(("seed", "n"), [("002", 15), ("003", 14)])
def test_every_inventory_item_is_catalogued(seed, n):
    items = {c.inventory for c in ALL if c.inventory}
    assert {f"{seed}-{i}" for i in range(1, n + 1)} <= items


def test_refuted_claims_link_to_a_verified_correction():
    for c in ALL:
        if c.expected is Verdict.REFUTED:
            assert c.corrected_by in BY_ID, c.id
            fix = BY_ID[c.corrected_by]
            assert fix.expected not in (Verdict.REFUTED, Verdict.INCONCLUSIVE)
        elif c.corrected_by is not None:
            pytest.fail(f"{c.id} is not refuted but names a correction")
    for c in ALL:
        if c.id.endswith(".fix"):
            assert any(o.corrected_by == c.id for o in ALL), c.id


@pytest.mark.parametrize(
    "claim", [c for c in ALL if c.expected is Verdict.REFUTED], ids=lambda c: c.id
)
def test_refuted_results_carry_counterexample_and_correction(claim):
    res = claim.check()
    assert res.verdict is Verdict.REFUTED, res.summary
    assert res.counterexample
    assert res.corrected


def test_conditional_results_state_their_conditions():
    for c in ALL:
        if c.expected is Verdict.CONDITIONAL:
            res = c.check()
            assert res.verdict is Verdict.CONDITIONAL, c.id
            assert res.evidence["conditions"]
            assert res.counterexample


def test_printed_value_reading():
    f = _verdicts.printed_value
    assert f(3.902281, "3.902") == "exact"
    assert f(4.165518, "4.165") == "close"
    assert f(4.1672, "4.165") == "wrong"
    assert f(68.9676, "69") == "exact"


def test_corrupted_variance_formula_is_caught(monkeypatch):
    """Putting the printed exponent 2t-1 back into the 'corrected' formula changes the verdict."""
    assert seed_002.check_002_11b_fix().verdict is Verdict.PROVED
    monkeypatch.setattr(seed_002, "_FIX_11", seed_002._PRINTED_11)
    assert seed_002.check_002_11b_fix().verdict is not Verdict.PROVED


def test_corrupted_recursion_is_caught(monkeypatch):
    """A sign error in the EMA recursion under test changes several verdicts."""
    real = seed_002._ema_run

    def wrong_sign(u, *, beta, init):
        return real(-np.asarray(u), beta=beta, init=init)

    ids = ["002-9a", "002-10c", "002-14b", "003-8a", "003-14b.fix"]
    assert all(BY_ID[i].check().verdict is BY_ID[i].expected for i in ids)
    monkeypatch.setattr(seed_002, "_ema_run", wrong_sign)
    changed = [i for i in ids if BY_ID[i].check().verdict is not BY_ID[i].expected]
    assert changed == ids


def test_statements_are_latex_not_prose_only():
    for c in ALL:
        assert re.search(r"[\\=<>^]", c.statement), c.id
