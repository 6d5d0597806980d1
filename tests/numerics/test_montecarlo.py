"""Monte Carlo moments: agreement with the derivation, rejection of a wrong formula,
chunk independence, reproducibility, bounded memory."""

import tracemalloc

import numpy as np
import pytest
from adaproof.numerics.montecarlo import BLOCK, ema_moments

Z = 4.0  # agreement within 4 standard errors (two-sided p ~ 6e-5 per comparison)
BETAS = (0.5, 0.9, 0.99)
T = 20


def var_m_hat_from_weights(t: int, beta: float, sigma: float = 1.0) -> float:
    """sigma^2 sum_k w_k^2 with w_k = (1-beta) beta^(t-k) / (1-beta^t), summed term by term
    (written from the weights, independently of the recursion and of derivations/)."""
    w = [(1 - beta) * beta ** (t - k) / (1 - beta**t) for k in range(1, t + 1)]
    return sigma**2 * sum(x * x for x in w)


def var_m_hat_notes(t: int, beta: float, sigma: float = 1.0) -> float:
    """The notes' formula (seed 002, item 11) as printed; it is wrong."""
    return sigma**2 * (1 - beta) * (1 - beta ** (2 * t - 1)) / ((1 - beta**2) * (1 - beta**t) ** 2)


def _derivation():
    """adaproof.derivations.moments.var_m_hat as a float function of (t, beta), sigma = 1."""
    sp = pytest.importorskip("sympy")
    moments = pytest.importorskip("adaproof.derivations.moments")
    from adaproof.derivations import symbols as S

    def f(t: int, beta: float) -> float:
        e = moments.var_m_hat(sp.Integer(t), sp.nsimplify(beta), S.sigma)
        return float(e.subs(S.sigma, 1))

    return f


@pytest.fixture(scope="module")
def runs():
    return {b: ema_moments(b, T, 200_000, seed=2024, mu=0.5, sigma=1.0) for b in BETAS}


def _z(run, formula, beta):
    exact = np.array([formula(t, beta) for t in range(1, T + 1)])
    return (run.var["m_hat"] - exact) / run.se_var["m_hat"]


@pytest.mark.parametrize("beta", BETAS)
def test_var_m_hat_agrees_with_derivation(runs, beta):
    z_weights = _z(runs[beta], var_m_hat_from_weights, beta)
    assert np.all(np.abs(z_weights) < Z), z_weights
    z_derivation = _z(runs[beta], _derivation(), beta)
    assert np.all(np.abs(z_derivation) < Z), z_derivation


@pytest.mark.parametrize("beta", BETAS)
def test_wrong_variance_formula_is_rejected(runs, beta):
    z = _z(runs[beta], var_m_hat_notes, beta)
    assert np.max(np.abs(z)) > Z


@pytest.mark.parametrize("beta", BETAS)
def test_means_agree(runs, beta):
    r = runs[beta]
    z = (r.mean["m_hat"] - 0.5) / r.se_mean["m_hat"]  # E[m_hat_t] = mu for every t
    assert np.all(np.abs(z) < Z)
    # E[v_hat_t] = mu^2 + sigma^2 for every t (beta2 = beta)
    z = (r.mean["v_hat"] - 1.25) / r.se_mean["v_hat"]
    assert np.all(np.abs(z) < Z)


def test_standard_errors_are_calibrated():
    """Across 40 independent seeds the z-scores of Var(m_hat_1) (exact: sigma^2) have sd ~ 1."""
    runs = [ema_moments(0.9, 1, 4000, seed=s) for s in range(40)]
    zs = [(r.var["m_hat"][0] - 1.0) / r.se_var["m_hat"][0] for r in runs]
    assert 0.6 < np.std(zs) < 1.5


def test_independent_of_chunk_size_and_reproducible():
    B = 3 * BLOCK + 123
    a = ema_moments(0.9, 5, B, seed=7, chunk=BLOCK)
    b = ema_moments(0.9, 5, B, seed=7, chunk=2 * BLOCK)
    c = ema_moments(0.9, 5, B, seed=7, chunk=10 * BLOCK)
    for key in ("mean", "var", "se_mean", "se_var"):
        for q in ("m", "m_hat", "v", "v_hat"):
            assert np.array_equal(getattr(a, key)[q], getattr(b, key)[q])
            assert np.array_equal(getattr(a, key)[q], getattr(c, key)[q])
    d = ema_moments(0.9, 5, B, seed=8)
    assert not np.array_equal(a.var["m"], d.var["m"])


def test_v_uses_beta2():
    r = ema_moments(0.5, 3, 10_000, beta2=0.999, seed=1)
    # v_1 = (1 - beta2) g^2 exactly, E = 0.001 for standard normal g
    assert abs(r.mean["v"][0] - 1e-3) < Z * r.se_mean["v"][0]


def test_bad_arguments():
    with pytest.raises(ValueError, match=r"beta must be in \[0, 1\), got 1.0"):
        ema_moments(1.0, 3, 100)
    with pytest.raises(ValueError, match="B must be"):
        ema_moments(0.9, 3, 2)


def test_peak_memory_does_not_grow_with_B():
    def peak(B):
        tracemalloc.start()
        ema_moments(0.9, 3, B, seed=0)
        _, p = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return p

    small, large = peak(2 * BLOCK), peak(40 * BLOCK)
    assert large < small + 40 * 4 * 3 * 8 * 2 + 200_000  # only per-block sums grow


@pytest.mark.slow
def test_ten_million_trajectories_under_one_gib():
    tracemalloc.start()
    r = ema_moments(0.9, 20, 10**7, seed=3)
    _, p = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert p < 2**30
    assert p < 50 * 2**20  # in fact a few MiB
    assert r.B == 10**7
    exact = np.array([var_m_hat_from_weights(t, 0.9) for t in range(1, 21)])
    assert np.all(np.abs(r.var["m_hat"] - exact) < Z * r.se_var["m_hat"])


def test_independent_of_chunk_size_with_subsampled_fourth_moment():
    B = 9 * BLOCK + 5  # >= SUBSAMPLE_FROM blocks, partial last block
    a = ema_moments(0.5, 3, B, seed=11, chunk=BLOCK)
    b = ema_moments(0.5, 3, B, seed=11, chunk=4 * BLOCK)
    for key in ("mean", "var", "se_mean", "se_var"):
        assert np.array_equal(getattr(a, key)["v_hat"], getattr(b, key)["v_hat"])
        assert np.array_equal(getattr(a, key)["m"], getattr(b, key)["m"])
    # the subsampled se agrees with the normal-theory se of a normal m_1 (= g_1 / 2 here)
    np.testing.assert_allclose(a.se_var["m_hat"][0], np.sqrt(2 / (B - 1)), rtol=0.05)


def test_matches_a_plain_recursion_on_the_same_normals():
    """Same generators (one per block, steps in order), recursion and moments written
    plainly: the stacked-row GEMM bookkeeping changes nothing beyond rounding."""
    B, T, beta, beta2, seed = 2 * BLOCK + 5, 4, 0.8, 0.95, 5
    rngs = [np.random.Generator(np.random.PCG64(c)) for c in np.random.SeedSequence(seed).spawn(3)]
    lens = [BLOCK, BLOCK, 5]
    m, v = np.zeros(B), np.zeros(B)
    r = ema_moments(beta, T, B, seed=seed, beta2=beta2, mu=0.3, sigma=1.5)
    for t in range(T):
        g = (
            np.concatenate([rng.standard_normal(n) for rng, n in zip(rngs, lens, strict=True)])
            * 1.5
            + 0.3
        )
        m = beta * m + (1 - beta) * g
        v = beta2 * v + (1 - beta2) * g * g
        for name, x, b in (("m", m, beta), ("v", v, beta2)):
            np.testing.assert_allclose(r.mean[name][t], x.mean(), rtol=1e-12)
            np.testing.assert_allclose(r.var[name][t], x.var(ddof=1), rtol=1e-10)
            np.testing.assert_allclose(
                r.var[f"{name}_hat"][t], x.var(ddof=1) / (1 - b ** (t + 1)) ** 2, rtol=1e-10
            )


def test_executor_split_is_bitwise_the_same():
    """Blocks in tasks on any executor (here threads of concurrent.futures): same bytes."""
    from concurrent.futures import ThreadPoolExecutor

    args, kw = (0.9, 6, 3 * BLOCK + 17), {"seed": 5, "mu": 0.1, "beta2": 0.99}
    ref = ema_moments(*args, **kw)
    with ThreadPoolExecutor(2) as ex:
        for per_task in (None, 1, 3):
            got = ema_moments(*args, executor=ex, blocks_per_task=per_task, **kw)
            for table in ("mean", "var", "se_mean", "se_var"):
                for q in ref.mean:
                    a, b = getattr(ref, table)[q], getattr(got, table)[q]
                    assert a.tobytes() == b.tobytes(), (per_task, table, q)
    with pytest.raises(ValueError, match="blocks_per_task"):
        ema_moments(0.9, 3, 100, blocks_per_task=0)
