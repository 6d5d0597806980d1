"""Refusals at the door: hyperparameters in the dtype the arithmetic uses, non-finite params,
foreign or missing state, bad seeds, array and overflowing Monte Carlo parameters."""

import re

import numpy as np
import pytest
from adaproof.numerics import adam, montecarlo, rmsprop, sgd
from adaproof.numerics.registry import OPTIMIZERS, get

F16 = np.zeros(3, np.float16)


def test_float16_eps_that_becomes_zero_is_refused_naming_what_it_became():
    msg = (
        "eps = 1e-08 becomes 0 in float16 (smallest positive float16 is 5.96e-08); "
        "use eps >= 5.96e-08 or float32/float64 parameters"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(msg)}$"):
        adam.step(F16, np.zeros(3, np.float16), adam.init(F16, eps=1e-4), eps=1e-8)
    with pytest.raises(ValueError, match=f"^{re.escape(msg)}$"):
        adam.init(F16)  # the default eps


def test_float16_eps_zero_given_explicitly_is_accepted():
    s = adam.init(F16, eps=0.0)
    assert s.m.dtype == np.float16


def test_float16_lr_that_becomes_zero_is_refused():
    msg = (
        "lr = 1e-08 becomes 0 in float16 (smallest positive float16 is 5.96e-08); "
        "use lr >= 5.96e-08 or float32/float64 parameters"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(msg)}$"):
        sgd.step(F16, np.ones(3), sgd.init(F16), lr=1e-8)


def test_float16_lr_in_a_grid_names_the_first_bad_element():
    x = np.zeros((2, 3), np.float16)
    lr = np.array([[0.1], [1e-9]])
    with pytest.raises(ValueError, match=r"^lr = 1e-09 becomes 0 in float16 "):
        sgd.step(x, np.ones((2, 3)), sgd.init(x), lr=lr)


def test_float16_beta2_that_rounds_to_one_is_refused():
    msg = (
        "beta2 = 0.9999 becomes 1.0 in float16 (the largest float16 below 1 is 0.999512); "
        "use beta2 <= 0.999512 or float32/float64 parameters"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(msg)}$"):
        adam.init(F16, eps=1e-4, beta2=0.9999)
    # float32 represents it: accepted
    assert adam.init(np.zeros(3, np.float32), beta2=0.9999).count == 0


def test_float16_value_that_overflows_is_refused():
    with pytest.raises(ValueError, match=r"^lr = 1e\+06 becomes inf in float16 \(largest float16"):
        sgd.init(F16, lr=1e6)


def test_float64_runs_are_not_touched_by_the_dtype_checks():
    x, _ = adam.step(np.zeros(2), np.ones(2), adam.init(np.zeros(2)), lr=1e-300, eps=1e-320)
    assert x.dtype == np.float64


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_non_finite_params_are_refused(name, bad):
    opt = OPTIMIZERS[name]
    x = np.array([1.0, bad, 2.0])
    state = opt.init(np.zeros(3))
    with pytest.raises(ValueError, match=rf"^params must be finite, got {bad} at index \(1,\)$"):
        opt.step(x, np.ones(3), state)


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_state_none_is_refused_naming_the_argument(name):
    opt = OPTIMIZERS[name]
    mod = opt.module.__name__.rsplit(".", 1)[1]
    msg = (
        f"state must be a {mod}.State, got NoneType; pass the state from {mod}.init(params) "
        f"or from the previous {mod}.step"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(msg)}$"):
        opt.step(np.zeros(3), np.ones(3), None)


def test_state_of_another_shape_is_refused_naming_the_field():
    msg = (
        "state.m has shape (2,) but params have shape (3,); pass the state from "
        "adam.init(params) or from the previous adam.step"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(msg)}$"):
        adam.step(np.zeros(3), np.ones(3), adam.init(np.zeros(2)))


def test_state_of_another_optimizer_is_refused():
    with pytest.raises(ValueError, match=r"^state must be a rmsprop\.State, got State; "):
        rmsprop.step(np.zeros(3), np.ones(3), adam.init(np.zeros(3)))


def test_registry_name_that_is_not_a_string():
    with pytest.raises(ValueError, match=r"^optimizer must be one of \["):
        get(["adam"])


@pytest.mark.parametrize("seed", [-1, "abc", 1.5, True])
def test_ema_moments_bad_seed_is_refused(seed):
    with pytest.raises(ValueError, match=f"^seed must be a non-negative integer, got {seed!r}$"):
        montecarlo.ema_moments(0.9, 3, 100, seed=seed)


def test_ema_moments_array_beta_is_refused():
    msg = "beta must be a single number, got an array of shape (2,)"
    with pytest.raises(ValueError, match=f"^{re.escape(msg)}$"):
        montecarlo.ema_moments(np.array([0.9, 0.5]), 3, 100)
    with pytest.raises(ValueError, match=r"^beta2 must be a single number, got an array"):
        montecarlo.ema_moments(0.9, 3, 100, beta2=[0.9, 0.99])


def test_ema_moments_huge_mu_is_refused_not_inf():
    msg = (
        "mu = 1e+200 with sigma = 1 is too large: the power sums of the EMA with beta = 0.9 "
        "overflow float64 ((|mu| + 10 sigma)^1 / (1 - beta) must stay below 1e76, got 1e201)"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(msg)}$"):
        montecarlo.ema_moments(0.9, 3, 100, mu=1e200)


def test_ema_moments_mu_too_large_for_the_variance_is_refused():
    with pytest.raises(ValueError, match=r"^mu = 3 with sigma = 0: \|mu\| must be at most 1e6"):
        montecarlo.ema_moments(0.9, 3, 100, mu=3.0, sigma=0.0)


def test_ema_moments_large_but_representable_mu_stays_finite():
    with np.errstate(all="raise"):
        r = montecarlo.ema_moments(0.9, 3, 100, mu=1e30, sigma=1e25, seed=1)
    for d in (r.mean, r.var, r.se_mean, r.se_var):
        assert all(np.all(np.isfinite(a)) for a in d.values())
