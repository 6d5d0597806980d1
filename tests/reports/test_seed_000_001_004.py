"""Specific tests of the seed 000/001/004 and anchor-paper catalogues (per-claim runs are in
test_catalogue): corrections are linked and verified, and corrupting a derivation changes
verdicts and makes ``adaproof check`` exit 1."""

import re

import numpy as np
import pytest
import sympy as sp
from adaproof.reports.claims import papers, seed_000, seed_001, seed_004
from adaproof.reports.claims.base import Verdict
from adaproof.reports.cli import main

MODULES = (seed_000, seed_001, seed_004, papers)
ALL = [c for m in MODULES for c in m.CLAIMS]
BY_ID = {c.id: c for c in ALL}


def _clear_caches():
    """Numeric runs are cached per process; a corrupted derivation must be seen afresh."""
    for mod in MODULES:
        for obj in vars(mod).values():
            if hasattr(obj, "cache_clear"):
                obj.cache_clear()


@pytest.fixture
def fresh():
    _clear_caches()
    yield
    _clear_caches()


def test_ids_follow_their_source():
    for c in ALL:
        if c.source[:3].isdigit():
            assert c.id.startswith(c.source[:3] + "-"), c.id
        else:
            assert not c.id[:3].isdigit(), c.id
        assert re.search(r"[\\=<>^]", c.statement), c.id
        assert c.check.__doc__, f"{c.id}: the reasoning belongs in the check's docstring"


@pytest.mark.parametrize(
    "claim", [c for c in ALL if c.expected is Verdict.REFUTED], ids=lambda c: c.id
)
def test_refuted_results_carry_counterexample_and_correction(claim):
    res = claim.check()
    assert res.verdict is Verdict.REFUTED, res.summary
    assert res.counterexample
    assert res.corrected
    from adaproof.reports.claims import by_id

    assert by_id()[claim.corrected_by].check().verdict is by_id()[claim.corrected_by].expected


def test_every_fix_is_named_by_a_refuted_claim():
    from adaproof.reports.claims import all_claims

    named = {c.corrected_by for c in all_claims() if c.corrected_by}
    for c in ALL:
        if c.id.endswith(".fix"):
            assert c.id in named, c.id


def test_listing_analysis_finds_only_real_undefined_names():
    assert seed_004._undefined_names(seed_004.ADAGRAD_LISTING) == ["eps"]
    assert seed_004._undefined_names(seed_004.ADAM_LISTING) == []
    assert seed_004._undefined_names("def f():\n    return zz + np.ones(1)\n") == ["zz"]


def test_first_within():
    err = np.array([0.5, 0.001, 0.02, 0.001, 0.0])
    assert seed_000._first_within(err, 0.01) == 4
    assert seed_000._first_within(np.zeros(3), 0.01) == 1


def test_epoch_indexed_correction_is_the_identity_when_one_point_per_epoch():
    """With one data point per epoch the epoch index is the step index: no bug to see."""
    g = np.random.default_rng(0).normal(size=50)
    a = seed_004._listing_adam(g, 1, 50, True)
    b = seed_004._listing_adam(g, 1, 50, False)
    np.testing.assert_array_equal(a, b)


def _verdicts(ids):
    return {i: BY_ID[i].check().verdict for i in ids}


@pytest.mark.slow
def test_corrupted_worst_case_bound_is_caught(monkeypatch, fresh):
    """Dropping the square root of the geometric sum in adam_max_ratio (an exponent error)
    makes the sharp-bound claims fail and check exit 1."""
    from adaproof.derivations import worst_case

    ids = ["001-6c.fix", "kb-2.1.fix", "kb-2.1a", "001-6c"]
    assert _verdicts(ids) == {i: BY_ID[i].expected for i in ids}
    real = worst_case.adam_max_ratio

    def wrong(t=worst_case.S.t, beta1=worst_case.S.beta1, beta2=worst_case.S.beta2, **kw):
        return real(t, beta1, beta2, **kw) ** 2  # sqrt forgotten

    monkeypatch.setattr(worst_case, "adam_max_ratio", wrong)
    _clear_caches()
    changed = [i for i, v in _verdicts(ids).items() if v is not BY_ID[i].expected]
    assert {"001-6c.fix", "kb-2.1.fix"} <= set(changed)
    _clear_caches()
    assert main(["check", "-q", *ids]) == 1


def test_corrupted_ema_sign_is_caught(monkeypatch, fresh, capsys):
    """A sign error in derivations.ema.ema_unrolled (m = βm - (1-β)x) changes the verdicts
    of the claims built on it, and check exits 1 naming them."""
    from adaproof.derivations import ema

    ids = ["000-1a", "000-1b", "000-2.fix", "004-6a", "000-0.fix"]
    assert _verdicts(ids) == {i: BY_ID[i].expected for i in ids}

    def wrong_sign(xs, beta, x0=0):
        out, m = [], sp.sympify(x0)
        for x in xs:
            m = beta * m - (1 - beta) * x
            out.append(m)
        return out

    monkeypatch.setattr(ema, "ema_unrolled", wrong_sign)
    changed = [i for i, v in _verdicts(ids).items() if v is not BY_ID[i].expected]
    assert changed == ids
    assert main(["check", "-q", *ids]) == 1
    err = capsys.readouterr().err
    assert all(f"check: {i}: computed inconclusive" in err for i in ids)


def test_corrupted_bias_exponent_is_caught(monkeypatch, fresh):
    """E[m_t] = mu(1 - beta^(t+1)) (an exponent off by one) is caught by the Monte Carlo."""
    from adaproof.derivations import moments

    assert BY_ID["004-6b"].check().verdict is Verdict.PROVED
    monkeypatch.setattr(
        moments, "mean_m", lambda t, beta, mu=moments.S.mu: mu * (1 - beta ** (t + 1))
    )
    assert BY_ID["004-6b"].check().verdict is not Verdict.PROVED
    assert main(["check", "-q", "004-6b"]) == 1


def test_corrupted_recursion_is_caught(monkeypatch, fresh):
    """A wrong optimizer (momentum fed instead of the EMA form) changes the momentum claims:
    the numeric part really runs numerics, it does not re-evaluate the closed form."""
    real = seed_001.feed

    def wrong_feed(name, grads, **kw):
        if name == "momentum":
            kw = {**kw, "momentum": 0.5}
        return real(name, grads, **kw)

    ids = ["001-3b", "001-9a"]
    monkeypatch.setattr(seed_001, "feed", wrong_feed)
    changed = [i for i, v in _verdicts(ids).items() if v is not BY_ID[i].expected]
    assert changed == ids
