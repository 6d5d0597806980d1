"""minimize/feed, problems and streams."""

import numpy as np
import pytest
from adaproof.numerics import adam, problems, streams
from adaproof.numerics.run import feed, feed_last, minimize


def test_minimize_quadratic_batch_of_learning_rates_flags_divergence():
    lrs = np.array([0.1, 0.4, 1.5])  # 2*lr*scale > 2 diverges for lr > 1 on x^2
    tr = minimize("sgd", problems.quadratic(1.0), np.ones(3), 2000, lr=lrs)
    assert tr.diverged.tolist() == [False, False, True]
    assert tr.diverged_at[:2].tolist() == [-1, -1]
    assert tr.diverged_at[2] > 1
    assert np.all(np.isfinite(tr.x))
    k = tr.diverged_at[2]
    assert np.all(tr.x[k:, 2] == tr.x[k - 1, 2])  # frozen at its last good value
    assert abs(tr.x[-1, 0]) < 1e-12


def test_minimize_vector_problem_batch_shape():
    x0 = np.zeros((4, 2))
    tr = minimize("adam", problems.rosenbrock_tutorial(), x0, 3000, lr=np.full((4, 1), 0.02))
    assert tr.x.shape == (3001, 4, 2)
    assert tr.diverged.shape == (4,)
    np.testing.assert_allclose(tr.x[-1], 1.0, atol=1e-3)


def test_nan_gradient_freezes_only_that_run():
    def grad(x, t):
        g = 2 * x
        if t == 3:
            g[1] = np.nan
        return g

    tr = minimize("sgd", grad, np.ones((2, 2)), 5, lr=0.1)
    assert tr.diverged.tolist() == [False, True]
    assert tr.diverged_at.tolist() == [-1, 3]
    assert np.all(tr.x[3:, 1] == tr.x[2, 1])


def test_reddi_online_adam_goes_to_plus_one_amsgrad_to_minus_one():
    """Reddi et al. (2018) Theorem 1 setting: beta1 = 0, beta2 = 1/(1+C^2), alpha/sqrt(t)."""
    C = 3.0
    prob = problems.reddi_online(C)
    kw = {"beta1": 0.0, "beta2": 1 / (1 + C * C), "eps": 0.0, "bias_correction": False}
    T = 3000
    for name, ams in (("adam", False), ("amsgrad", True)):
        x, s = np.array(1.0), adam.init(np.array(1.0))
        for t in range(1, T + 1):
            x, s = adam.step(x, prob.grad(x, t), s, lr=0.5 / np.sqrt(t), amsgrad=ams, **kw)
            x = prob.project(x)
        if name == "adam":
            assert x > 0.9
        else:
            assert x < -0.9
        tr = minimize(
            "adam", prob, np.array(1.0), T, lr=0.5, amsgrad=ams, schedule=lambda t: t**-0.5, **kw
        )
        assert tr.x[-1] == x  # the same run through minimize (projection from the problem)


def test_feed_records_states_and_updates():
    g = streams.constant(np.array([1.0, -2.0]), 4)
    h = feed("adam", g, x0=1.0, lr=0.1, eps=0.0)
    assert h.x.shape == (5, 2)
    assert h.delta.shape == (4, 2)
    np.testing.assert_allclose(h.delta, [[-0.1, 0.1]] * 4, rtol=1e-14)
    np.testing.assert_allclose(h.states["m_hat"], g, rtol=1e-14)
    np.testing.assert_allclose(h.states["v_hat"], g * g, rtol=1e-14)


def test_streams_shapes_and_values():
    rng = np.random.default_rng(0)
    assert streams.iid(rng, 7, (2, 3), mu=1.0, sigma=2.0).shape == (7, 2, 3)
    assert streams.alternating(np.array([1.0, 2.0]), 3).tolist() == [[1, 2], [-1, -2], [1, 2]]
    assert streams.geometric(4, g1=2.0, ratio=0.5).tolist() == [2.0, 1.0, 0.5, 0.25]
    assert streams.spike(3, t0=3, height=7.0).tolist() == [0.0, 0.0, 7.0]
    with pytest.raises(ValueError, match="T must be a positive integer"):
        streams.constant(1.0, 0)


def test_problem_gradients_match_finite_differences():
    rng = np.random.default_rng(7)
    for prob, dim in [
        (problems.rosenbrock_tutorial(), 2),
        (problems.sparse_logistic(n=50, d=4), 4),
        (problems.sigmoid_neuron(), 2),
        (problems.quadratic(np.array([1.0, 10.0])), 2),
    ]:
        x = rng.uniform(-1, 1, dim)
        g = prob.grad(x, 1)
        h = 1e-6
        fd = [(prob.f(x + h * e) - prob.f(x - h * e)) / (2 * h) for e in np.eye(dim)]
        np.testing.assert_allclose(g, fd, rtol=1e-6, atol=1e-9, err_msg=prob.name)


def test_sparse_logistic_rare_feature_is_rare_and_informative():
    p = problems.sparse_logistic(n=2000, rare_rate=0.01, seed=3)
    col = p.data["X"][:, -1]
    assert 0 < np.count_nonzero(col) < 60
    assert np.all(col[col != 0] == p.data["y"][col != 0])


def test_reddi_stochastic_mean_gradient_is_delta():
    prob = problems.reddi_stochastic(3.0, 0.2, seed=1)
    g = np.stack([prob.grad(np.zeros(20000), t) for t in range(1, 6)])
    assert abs(g.mean() - 0.2) < 4 * g.std() / np.sqrt(g.size)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_problem_gradients_keep_dtype(dtype):
    for prob, shape in [
        (problems.quadratic(10.0), (3,)),
        (problems.quadratic(np.array([1.0, 10.0])), (3, 2)),
        (problems.rosenbrock_tutorial(), (3, 2)),
        (problems.sparse_logistic(n=30, d=3), (3, 3)),
        (problems.sigmoid_neuron(), (3, 2)),
        (problems.reddi_online(3.0), (3,)),
        (problems.reddi_stochastic(3.0, 0.1), (3,)),
    ]:
        x = np.full(shape, 0.5, dtype=dtype)
        assert prob.grad(x, 1).dtype == dtype, prob.name
        assert prob.f(x).dtype == dtype, prob.name


def test_feed_matches_mpmath_ema():
    """feed's m and v are the EMAs of g and g^2 to rounding (50-digit oracle); atol covers
    m near 0, where a few ulp of the O(1) summands are a large relative error."""
    from adaproof.numerics import oracle

    g = np.random.default_rng(9).standard_normal((40, 3))
    h = feed("adam", g, beta1=0.8, beta2=0.95)
    np.testing.assert_allclose(h.states["m"], oracle.ema_run(g, 0.8), rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(h.states["v"], oracle.ema_run(g * g, 0.95), rtol=1e-13)


@pytest.mark.parametrize(
    ("name", "hyper"),
    [("adagrad", {"lr": 1.0}), ("adam", {"lr": 0.01}), ("rmsprop", {"rho": 0.9, "lr": 0.1})],
)
def test_feed_last_is_the_end_of_feed(name, hyper):
    g = np.random.default_rng(0).standard_normal((200, 3, 2))
    h = feed(name, g, **hyper)
    x, states = feed_last(name, g, **hyper)
    assert x.tobytes() == h.x[-1].tobytes()
    assert set(states) == set(h.states)
    for key, s in h.states.items():
        assert states[key].tobytes() == s[-1].tobytes(), key
