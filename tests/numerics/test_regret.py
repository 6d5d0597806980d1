import numpy as np
import pytest
from adaproof.numerics.regret import run_fixed, run_online, sum_to_integral_terms


def test_first_step_is_c_sign_and_projected():
    play = run_fixed(np.array([[[1.0], [1.0]]]), D=1.0, c=0.5)
    # w_2 = 0 - 0.5 * 1/sqrt(1); w_3 = w_2 - 0.5/sqrt(2)
    assert play.w[0, :, 0].tolist() == [0.0, -0.5]
    big = run_fixed(np.array([[[1.0], [1.0]]]), D=1.0, c=5.0)
    assert big.w[0, 1, 0] == -1.0


def test_regret_against_best_corner():
    g = np.array([[[1.0], [-3.0]]])
    play = run_fixed(g, D=2.0, c=1.0)
    w = play.w[0, :, 0]
    expected = 1.0 * w[0] - 3.0 * w[1] - (-2.0 * 2.0)  # best point w* = +2, sum g = -2
    np.testing.assert_allclose(play.regret, [expected], rtol=1e-15)
    np.testing.assert_allclose(play.scale, [np.sqrt(10.0)], rtol=1e-15)


def test_l2_ball_projection_and_shared_rate():
    g = np.array([[[-3.0, -4.0]]])
    play = run_fixed(np.concatenate([g, g], axis=1), D=1.0, c=10.0, norm="l2")
    np.testing.assert_allclose(play.w[0, 1], [0.6, 0.8], rtol=1e-15)


def test_zero_gradients_do_not_move():
    play = run_fixed(np.zeros((2, 3, 2)), D=1.0, c=1.0)
    assert np.all(play.w == 0.0)
    assert np.all(np.isfinite(play.regret))


def test_adversary_sees_iterate():
    seen = []

    def adv(t, w):
        seen.append(w.copy())
        return np.ones_like(w)

    run_online(adv, 3, batch=2, dim=1, D=1.0, c=0.5)
    assert [float(s[0, 0]) for s in seen] == [0.0, -0.5, -0.5 - 0.5 / np.sqrt(2)]


def test_sum_to_integral_matches_direct_sum():
    g = np.array([3.0, 0.0, 4.0])
    assert sum_to_integral_terms(g) == pytest.approx(9 / 3 + 16 / 5, rel=1e-15)
    assert sum_to_integral_terms(np.zeros(4)) == 0.0


@pytest.mark.parametrize(
    ("kw", "word"), [({"D": 0.0}, "D"), ({"c": -1.0}, "c"), ({"norm": "l1"}, "norm")]
)
def test_bad_arguments_name_themselves(kw, word):
    args = {"D": 1.0, "c": 1.0, "norm": "linf", **kw}
    with pytest.raises(ValueError, match=word):
        run_fixed(np.ones((1, 2, 1)), **args)


def test_adversary_shape_checked():
    with pytest.raises(ValueError, match="shape"):
        run_online(lambda t, w: np.ones(3), 2, batch=1, dim=1, D=1.0, c=1.0)
