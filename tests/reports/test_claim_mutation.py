"""Mutation: corrupt a derivation or a recursion a claim uses, and the computed verdict follows
the evidence (never the baseline), and the runner reports the mismatch with the baseline."""

import numpy as np
import pytest
from adaproof.derivations import moments
from adaproof.reports import simulate
from adaproof.reports.claims import get_claim
from adaproof.reports.claims.base import Verdict
from adaproof.reports.runner import run_claim


def _baseline_holds(*ids):
    for cid in ids:
        out = run_claim(get_claim(cid))
        assert out.matches, (cid, out.result.summary)


def test_notes_formula_put_into_the_derivation(monkeypatch):
    """derivations.moments.var_m_hat returning the notes' printed formula: the corrected
    variance (proved) loses its proof and its Monte Carlo agreement -> inconclusive."""
    _baseline_holds("002-11b.fix")
    monkeypatch.setattr(moments, "var_m_hat", moments.var_m_hat_notes)
    out = run_claim(get_claim("002-11b.fix"))
    assert out.verdict is Verdict.INCONCLUSIVE
    assert not out.matches
    assert "proof failed" in out.result.summary
    assert "comparison failed" in out.result.summary


def test_printed_formula_made_right_turns_the_refuted_claim_proved(monkeypatch):
    """If the notes had printed the derived formula, 002-11b would have no counterexample:
    the symbolic proof and the Monte Carlo agreement make it "proved"."""
    _baseline_holds("002-11b")
    monkeypatch.setattr(moments, "var_m_hat_notes", moments.var_m_hat)
    out = run_claim(get_claim("002-11b"))
    assert out.verdict is Verdict.PROVED
    assert out.result.counterexample is None
    assert not out.matches


@pytest.mark.slow
def test_sign_error_in_the_ema_recursion(monkeypatch):
    """A sign error in the EMA run every claim uses (reports.simulate.ema) changes the
    verdicts of the claims whose numeric side runs through it."""
    ids = ["002-9a", "002-10a", "002-14b", "003-8a", "003-14b.fix", "003-11c"]
    _baseline_holds(*ids)
    real = simulate.ema

    def wrong_sign(u, *, beta, init=0.0, block=None):
        return real(-np.asarray(u), beta=beta, init=init, block=block)

    monkeypatch.setattr(simulate, "ema", wrong_sign)
    outs = {cid: run_claim(get_claim(cid)) for cid in ids}
    assert [cid for cid, o in outs.items() if o.matches] == []
    assert all(o.verdict is Verdict.INCONCLUSIVE for o in outs.values())
