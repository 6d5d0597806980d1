"""Claim-specific tests of the seed 000/001/004 and anchor-paper packages (the catalogue's
invariants are tested once, in test_catalogue): the listing analysis, helpers, and corrupting
a derivation or a recursion changes the computed verdicts and makes ``adaproof check`` exit 1."""

import importlib
import pkgutil

import numpy as np
import pytest
import sympy as sp
from adaproof.reports.claims import by_id
from adaproof.reports.claims.base import Verdict
from adaproof.reports.claims.seed_000._shared import first_within
from adaproof.reports.claims.seed_004.adagrad import ADAGRAD_LISTING, undefined_names
from adaproof.reports.claims.seed_004.bias_correction import ADAM_LISTING, listing_adam
from adaproof.reports.cli import main

PACKAGES = ("seed_000", "seed_001", "seed_004", "papers")


def _modules():
    for name in PACKAGES:
        pkg = importlib.import_module(f"adaproof.reports.claims.{name}")
        yield pkg
        for info in pkgutil.iter_modules(pkg.__path__):
            yield importlib.import_module(f"{pkg.__name__}.{info.name}")
    yield importlib.import_module("adaproof.reports.simulate")


def _clear_caches():
    """Numeric runs are cached per process; a corrupted derivation must be seen afresh."""
    for mod in _modules():
        for obj in vars(mod).values():
            if hasattr(obj, "cache_clear"):
                obj.cache_clear()


@pytest.fixture
def fresh():
    _clear_caches()
    yield
    _clear_caches()


def _verdicts(ids):
    claims = by_id()
    return {i: claims[i].check().verdict for i in ids}


def _expected(ids):
    claims = by_id()
    return {i: claims[i].expected for i in ids}


def test_listing_analysis_finds_only_real_undefined_names():
    assert undefined_names(ADAGRAD_LISTING) == ["eps"]
    assert undefined_names(ADAM_LISTING) == []
    assert undefined_names("def f():\n    return zz + np.ones(1)\n") == ["zz"]


def test_first_within():
    err = np.array([0.5, 0.001, 0.02, 0.001, 0.0])
    assert first_within(err, 0.01) == 4
    assert first_within(np.zeros(3), 0.01) == 1


def test_epoch_indexed_correction_is_the_identity_when_one_point_per_epoch():
    """With one data point per epoch the epoch index is the step index: no bug to see."""
    g = np.random.default_rng(0).normal(size=50)
    np.testing.assert_array_equal(listing_adam(g, 1, 50, True), listing_adam(g, 1, 50, False))


def test_numeric_only_decisions_are_not_proofs():
    """000-5b rests on a sampled decision and a run: confirmed, never proved."""
    res = by_id()["000-5b"].check()
    assert res.verdict is Verdict.CONFIRMED
    assert "proofs" not in res.evidence


@pytest.mark.slow
def test_corrupted_worst_case_bound_is_caught(monkeypatch, fresh):
    """Dropping the square root of the geometric sum in adam_max_ratio (an exponent error)
    makes the sharp-bound claims fail and check exit 1."""
    from adaproof.derivations import worst_case

    ids = ["001-6c.fix", "kb-2.1.fix", "kb-2.1a", "001-6c"]
    assert _verdicts(ids) == _expected(ids)
    real = worst_case.adam_max_ratio

    def wrong(t=worst_case.S.t, beta1=worst_case.S.beta1, beta2=worst_case.S.beta2, **kw):
        return real(t, beta1, beta2, **kw) ** 2  # sqrt forgotten

    monkeypatch.setattr(worst_case, "adam_max_ratio", wrong)
    _clear_caches()
    changed = [i for i, v in _verdicts(ids).items() if v is not _expected([i])[i]]
    assert {"001-6c.fix", "kb-2.1.fix"} <= set(changed)
    _clear_caches()
    assert main(["check", "-q", *ids]) == 1


def test_corrupted_ema_sign_is_caught(monkeypatch, fresh, capsys):
    """A sign error in derivations.ema.ema_unrolled (m = βm - (1-β)x) changes the verdicts
    of the claims built on it, and check exits 1 naming them."""
    from adaproof.derivations import ema

    ids = ["000-1a", "000-1b", "000-2.fix", "004-6a", "000-0.fix"]
    assert _verdicts(ids) == _expected(ids)

    def wrong_sign(xs, beta, x0=0):
        out, m = [], sp.sympify(x0)
        for x in xs:
            m = beta * m - (1 - beta) * x
            out.append(m)
        return out

    monkeypatch.setattr(ema, "ema_unrolled", wrong_sign)
    changed = [i for i, v in _verdicts(ids).items() if v is not _expected([i])[i]]
    assert changed == ids
    assert main(["check", "-q", *ids]) == 1
    err = capsys.readouterr().err
    assert all(f"check: {i}: computed inconclusive" in err for i in ids)


def test_off_by_one_counterexample_follows_the_derivation(monkeypatch, fresh):
    """000-2a is refuted because the unrolled recursion differs from the printed sum; if the
    recursion were the printed one (t terms for v^(t+1)), no counterexample is left."""
    from adaproof.derivations import ema

    real = ema.ema_unrolled

    def short_by_one(xs, beta, x0=0):
        out = real(xs, beta, x0)
        return [sp.Integer(0) * out[0], *out[:-1]]

    assert by_id()["000-2a"].check().verdict is Verdict.REFUTED
    monkeypatch.setattr(ema, "ema_unrolled", short_by_one)
    res = by_id()["000-2a"].check()
    assert res.counterexample is None
    assert res.verdict is not Verdict.REFUTED


def test_corrupted_bias_exponent_is_caught(monkeypatch, fresh):
    """E[m_t] = mu(1 - beta^(t+1)) (an exponent off by one) is caught by the Monte Carlo."""
    from adaproof.derivations import moments

    assert by_id()["004-6b"].check().verdict is Verdict.PROVED
    monkeypatch.setattr(
        moments, "mean_m", lambda t, beta, mu=moments.S.mu: mu * (1 - beta ** (t + 1))
    )
    res = by_id()["004-6b"].check()
    assert res.verdict is Verdict.INCONCLUSIVE
    failed = [c["name"] for c in res.evidence["comparisons"] if not c["passes"]]
    assert "Monte Carlo mean of m_t against mean_m: max |z|" in failed
    assert main(["check", "-q", "004-6b"]) == 1


def test_corrupted_recursion_is_caught(monkeypatch, fresh):
    """A wrong optimizer (momentum 0.5 fed instead of 0.9) changes the momentum claims:
    the numeric part really runs numerics, it does not re-evaluate the closed form."""
    from adaproof.reports.claims.seed_001 import adaptation, scaling

    real = scaling.feed

    def wrong_feed(name, grads, **kw):
        if name == "momentum":
            kw = {**kw, "momentum": 0.5}
        return real(name, grads, **kw)

    ids = ["001-3b", "001-9a"]
    monkeypatch.setattr(scaling, "feed", wrong_feed)
    monkeypatch.setattr(adaptation, "feed", wrong_feed)
    changed = [i for i, v in _verdicts(ids).items() if v is not _expected([i])[i]]
    assert changed == ids
