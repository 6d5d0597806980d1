"""The target registry: names, left-hand sides and errors (registry structure only)."""

import pytest
from adaproof.derivations.targets import TARGETS, UnknownTarget, get_target, lhs_key, split_name

ISSUE_TARGETS = [
    "adam.m:N",
    "adam.v:N",
    "adam.m_hat:N",
    "adam.v_hat:N",
    "adam.w:N",
    "momentum.u:N",
    "rmsprop.v:N",
    "adagrad.G:N",
    "ema.mean",
    "ema.mean_hat",
    "ema.var",
    "ema.var_hat",
    "adam.eff_lr",
    "adam.eff_lr_nobc",
    "adam.max_ratio",
    "ema.half_life",
]


def test_every_listed_target_is_registered():
    assert sorted(TARGETS) == sorted(ISSUE_TARGETS)


def test_split_name():
    assert split_name("adam.m_hat:12") == ("adam.m_hat:N", 12)
    assert split_name("adagrad.G:3") == ("adagrad.G:N", 3)
    assert split_name("ema.var") == ("ema.var", None)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (r"\hat{m}_2", "mhat2"),
        (r"\hat m_{2}", "mhat2"),
        ("m_hat_2", "mhat2"),
        ("m̂₂", "mhat2"),
        ("mhat2", "mhat2"),
        (r"\operatorname{Var}(\hat{m}_t)", "Var(mhatt)"),
        ("Var(m_hat_t)", "Var(mhatt)"),
        ("var[m_hat_t]", "Var(mhatt)"),
        (r"\mathbb{E}[m_t]", "E(mt)"),
        ("G_3", "G3"),
        ("g_3", "g3"),
    ],
)
def test_lhs_key(text, key):
    assert lhs_key(text) == key


@pytest.mark.parametrize(
    ("name", "exc", "needle"),
    [
        ("adam.nothing:2", UnknownTarget, "known targets: adam.m:N"),
        ("adam.m", UnknownTarget, "needs a step number"),
        ("adam.m:0", ValueError, "N must be between 1 and 12"),
        ("adam.w:7", ValueError, "N must be between 1 and 6"),
        ("x" * 100, UnknownTarget, "unknown target"),
    ],
)
def test_bad_names(name, exc, needle):
    with pytest.raises(exc, match=needle):
        get_target(name)
