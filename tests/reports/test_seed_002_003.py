"""Specific tests of the seed 002 and 003 claims (the per-claim run and the catalogue
invariants are in test_catalogue; corrupted derivations and recursions in
test_claim_mutation)."""

import re

import numpy as np
import pytest
from adaproof.reports import simulate
from adaproof.reports.claims import seed_002, seed_003
from adaproof.reports.claims.base import Claim, Verdict
from adaproof.reports.claims.evidence import Evidence, verdict_from
from adaproof.reports.claims.helpers import printed_value

ALL = seed_002.CLAIMS + seed_003.CLAIMS
BY_ID = {c.id: c for c in ALL}


def test_claims_are_units_of_their_source():
    assert len(BY_ID) == len(ALL) == 99
    for c in ALL:
        assert isinstance(c, Claim)
        assert c.source in (seed_002.SOURCE, seed_003.SOURCE)
        assert c.id.startswith(c.source[:3] + "-")
        assert hasattr(c.check, "__wrapped__"), f"{c.id} does not return Evidence"


def test_no_section_module_is_too_long():
    import inspect

    for pkg in (seed_002, seed_003):
        mods = {inspect.getmodule(c.check.__wrapped__) for c in pkg.CLAIMS}
        for mod in mods:
            n = len(inspect.getsource(mod).splitlines())
            assert n <= 650, f"{mod.__name__}: {n} lines"


def test_printed_value_reading():
    assert printed_value(3.902281, "3.902") == "exact"
    assert printed_value(4.165518, "4.165") == "close"
    assert printed_value(4.1672, "4.165") == "wrong"
    assert printed_value(68.9676, "69") == "exact"


def test_conditional_claims_state_their_condition_as_a_field():
    ids = ["002-2", "002-9b", "003-1b", "003-14a"]
    for cid in ids:
        res = BY_ID[cid].check()
        assert res.verdict is Verdict.CONDITIONAL, res.summary
        assert res.condition
        assert res.counterexample
    assert r"\sum_k g_k^2 = \infty" in BY_ID["003-1b"].check().condition


def test_refuted_counterexample_comes_from_the_run(monkeypatch):
    """002-7b: the counterexample exists because the accumulated sum exceeds sqrt(2S); with
    a sum that does not, there is none and the claim is not refuted."""
    from adaproof.reports.claims.seed_002 import theorem3_proof

    assert BY_ID["002-7b"].check().verdict is Verdict.REFUTED
    monkeypatch.setattr(theorem3_proof, "sum_to_integral_terms", lambda g: np.float64(1.0))
    res = BY_ID["002-7b"].check()
    assert res.verdict is not Verdict.REFUTED
    assert res.counterexample is None


@pytest.mark.parametrize("block", [1, 7, 64])
def test_blocked_ema_equals_the_step_by_step_run(block):
    rng = np.random.default_rng(0)
    u = rng.normal(size=(3, 300))
    whole = simulate.ema(u, beta=0.97, init=0.4, block=300)
    assert np.allclose(simulate.ema(u, beta=0.97, init=0.4, block=block), whole, rtol=1e-13)
    betas = np.array([0.5, 0.9, 0.999])
    each = np.stack([simulate.ema(u[i], beta=b, init=1.0, block=300) for i, b in enumerate(betas)])
    assert np.allclose(simulate.ema(u, beta=betas, init=1.0, block=block), each, rtol=1e-13)


def test_blocked_adagrad_equals_the_step_by_step_run():
    g = np.random.default_rng(1).normal(size=(2, 500))
    G1, d1 = simulate.adagrad(g, lr=0.1, block=500)
    G2, d2 = simulate.adagrad(g, lr=0.1, block=23)
    assert np.allclose(G1, G2, rtol=1e-13)
    assert np.allclose(d1, d2, rtol=1e-12, atol=1e-16)
    assert np.allclose(G1[:, -1], np.sum(g * g, axis=1))


def test_kernel_adam_run_equals_numerics_adam():
    g = np.random.default_rng(2).normal(size=(4, 60))
    a = simulate.adam_stream(g.T, lr=0.01, eps=1e-8).T
    b = simulate.adam_updates(g, lr=0.01, eps=1e-8)
    assert np.allclose(a, b, rtol=1e-10, atol=1e-15)


def test_simulate_rejects_bad_input():
    with pytest.raises(ValueError, match="u must have shape"):
        simulate.ema(np.array(1.0), beta=0.9)
    with pytest.raises(ValueError, match="block must be >= 1"):
        simulate.ema(np.ones((1, 5)), beta=0.9, block=0)
    with pytest.raises(ValueError, match="lr_decay"):
        simulate.adagrad(np.ones((1, 5)), lr_decay=0.1)


def test_a_lemma_that_fails_makes_a_confirmed_claim_inconclusive(monkeypatch):
    from adaproof.reports.claims.seed_003 import adagrad_rmsprop

    assert BY_ID["003-1c.fix"].check().verdict is Verdict.CONFIRMED

    class Undecided:
        verdict, method = "inconclusive", "budget"

    monkeypatch.setattr(adagrad_rmsprop, "decide", lambda *a, **k: Undecided())
    assert BY_ID["003-1c.fix"].check().verdict is Verdict.INCONCLUSIVE
    assert verdict_from(Evidence("x")) is Verdict.INCONCLUSIVE


def test_statements_are_latex_not_prose_only():
    for c in ALL:
        assert re.search(r"[\\=<>^]", c.statement), c.id
