"""The Reddi et al. game: the registry's Adam/AMSGrad through minimize agree with a plain
scalar loop written from the paper, the regret is against the best point in hindsight, and
bad settings are refused."""

import math

import numpy as np
import pytest
from adaproof.numerics import reddi


def _paper_loop(C, alpha, steps, amsgrad):
    """Reddi et al.'s Adam (beta1 = 0, no bias correction, no eps) as a scalar loop."""
    beta2 = 1 / (1 + C * C)
    x, v, v_max, xs, gs = 1.0, 0.0, 0.0, [1.0], []
    for t in range(1, steps + 1):
        g = C if t % 3 == 1 else -1.0
        v = beta2 * v + (1 - beta2) * g * g
        v_max = max(v_max, v)
        x = x - alpha / math.sqrt(t) * g / math.sqrt(v_max if amsgrad else v)
        x = min(1.0, max(-1.0, x))
        xs.append(x)
        gs.append(g)
    return np.array(xs), np.array(gs)


@pytest.mark.parametrize("amsgrad", [False, True])
def test_play_equals_the_paper_loop(amsgrad):
    run = reddi.play(3.0, 0.5, 300, amsgrad=amsgrad)
    xs, gs = _paper_loop(3.0, 0.5, 300, amsgrad)
    np.testing.assert_array_equal(run.g, gs)
    np.testing.assert_allclose(run.x, xs, rtol=0, atol=1e-12)


def test_adam_drifts_to_the_worst_point_and_amsgrad_does_not():
    adam = reddi.play(3.0, 0.5, 1500)
    ams = reddi.play(3.0, 0.5, 1500, amsgrad=True)
    assert adam.final > 0.99
    assert adam.avg_regret[-1] > 0.5
    assert ams.final < -0.9
    assert ams.avg_regret[-1] < 0.1


def test_average_regret_is_against_the_best_point_in_hindsight():
    rng = np.random.default_rng(0)
    g = rng.normal(size=40)
    x = rng.uniform(-1, 1, size=41)
    grid = np.linspace(-1, 1, 2001)
    for t in (1, 7, 40):
        best = min(float(np.sum(g[:t]) * p) for p in grid)  # linear: an end point is best
        want = (float(np.sum(g[:t] * x[:t])) - best) / t
        assert reddi.average_regret(x, g)[t - 1] == pytest.approx(want, abs=1e-12)


@pytest.mark.parametrize(
    ("kw", "name"), [({"C": 2.0}, "C"), ({"alpha": 0.0}, "alpha"), ({"steps": 0}, "steps")]
)
def test_bad_settings_name_the_argument(kw, name):
    with pytest.raises(ValueError, match=name):
        reddi.play(**{"C": 3.0, "alpha": 0.5, "steps": 10, **kw})


def test_average_regret_shapes_must_match():
    with pytest.raises(ValueError, match="one more entry"):
        reddi.average_regret(np.zeros(3), np.zeros(3))
