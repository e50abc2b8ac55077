"""Gradient descent on small error functions (nbtools.descent) and the training
monitor (nbtools.monitor): paths against hand loops, the stability rule
η < 2/λ_max, divergence, and the recorded histories against nbtools.train."""

from __future__ import annotations

import math

import numpy as np
import pytest

import nbtools as nb
from nbtools import descent
from nbtools.monitor import TrainingRun, mean_abs_delta


def hand_loop(gradient, w0, eta, steps):
    """w(t+1) = w(t) − η ∇E(w(t)), written out."""
    w = np.array(w0, dtype=float)
    path = [w.copy()]
    for _ in range(steps):
        w = w - eta * gradient(w)
        path.append(w.copy())
    return np.array(path)


# ----- the functions: E, gradient and Hessian agree with each other -------------------------------

FUNCTIONS = [
    descent.quadratic_1d(2.5),
    descent.nonconvex_1d(),
    descent.quadratic_2d((1.0, 10.0)),
    descent.quadratic_2d((3.0, 3.0), name="round"),
    descent.rosenbrock(),
]


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_gradient_matches_central_differences(function):
    rng = np.random.default_rng(0)
    h = 1e-6
    for w in rng.uniform(-2, 2, size=(5, function.dimension)):
        numeric = [
            (function.E(w + h * e) - function.E(w - h * e)) / (2 * h)
            for e in np.eye(function.dimension)
        ]
        np.testing.assert_allclose(function.gradient(w), numeric, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_hessian_matches_differences_of_the_gradient(function):
    h = 1e-6
    w = np.full(function.dimension, 0.7)
    numeric = np.column_stack(
        [
            (function.gradient(w + h * e) - function.gradient(w - h * e)) / (2 * h)
            for e in np.eye(function.dimension)
        ]
    )
    np.testing.assert_allclose(function.hessian(w), numeric, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_minima_are_stationary_with_positive_curvature(function):
    for minimum in function.minima:
        m = np.array(minimum)
        assert np.allclose(function.gradient(m), 0.0, atol=1e-9)
        assert np.all(np.linalg.eigvalsh(function.hessian(m)) > 0)
    values = [float(function.E(np.array(m))) for m in function.minima]
    assert values[0] == min(values)  # the global minimum is listed first


def test_nonconvex_has_a_deeper_left_minimum():
    f = descent.nonconvex_1d()
    (left,), (right,) = f.minima
    assert left < 0 < right
    assert f.E(np.array([left])) == pytest.approx(0.0, abs=1e-12)
    assert f.E(np.array([right])) > 1.0


def test_vectorized_over_a_grid():
    f = descent.quadratic_2d((1.0, 4.0))
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-2, 2, 3)), axis=-1)  # (3, 5, 2)
    E = f.E(grid)
    assert E.shape == (3, 5)
    assert E[0, 0] == pytest.approx(0.5 * (1.0 * 1 + 4.0 * 4))


# ----- paths against the hand loop ----------------------------------------------------------------


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
@pytest.mark.parametrize("eta", [0.01, 0.05])
def test_path_equals_hand_loop(function, eta):
    start = [1.5] if function.dimension == 1 else [-1.5, 1.2]
    result = descent.descend(function, start, eta, steps=25)
    expected = hand_loop(function.gradient, start, eta, 25)
    np.testing.assert_allclose(result.path, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(result.E, [function.E(w) for w in expected], rtol=1e-12)


def test_quadratic_path_is_geometric():
    # On E = (λ/2) w², each step multiplies w by (1 − ηλ): w(t) = (1 − ηλ)^t w(0).
    lam, eta, w0 = 4.0, 0.3, 1.5
    result = descent.descend(descent.quadratic_1d(lam), [w0], eta, steps=10)
    np.testing.assert_allclose(result.path[:, 0], w0 * (1 - eta * lam) ** np.arange(11), rtol=1e-12)


# ----- the stability rule -------------------------------------------------------------------------


@pytest.mark.parametrize("lam", [0.5, 1.0, 4.0])
@pytest.mark.parametrize(
    "fraction, status",
    [
        (0.5, "converges"),
        (0.99, "converges"),
        (1.5, "oscillates"),
        (1.99, "oscillates"),
        (2.0, "oscillates"),
        (2.05, "diverges"),
        (4.0, "diverges"),
    ],
)
def test_quadratic_status_from_eta_times_curvature(lam, fraction, status):
    # fraction = ηλ: < 1 straight in, 1..2 overshoots but shrinks, 2 bounces for ever, > 2 grows.
    result = descent.descend(descent.quadratic_1d(lam), [2.0], fraction / lam, steps=30)
    assert result.status == status
    assert result.threshold == pytest.approx(2.0 / lam)
    assert f"{2.0 / lam:.3g}" in result.message


def test_oscillation_alternates_sign_and_shrinks():
    result = descent.descend(descent.quadratic_1d(1.0), [2.0], 1.5, steps=8)
    w = result.path[:, 0]
    assert np.all(np.sign(w[1:]) == -np.sign(w[:-1]))
    assert np.all(np.abs(w[1:]) < np.abs(w[:-1]))


def test_divergence_stops_the_path_with_finite_values():
    result = descent.descend(descent.quadratic_1d(1.0), [2.0], 3.0, steps=200)
    assert result.status == "diverges"
    assert result.stopped_at is not None and result.stopped_at < 200
    assert len(result.path) == result.stopped_at  # w(0) .. w(stopped_at − 1)
    assert np.all(np.isfinite(result.path)) and np.all(np.isfinite(result.E))
    assert "Try η <" in result.message and "2" in result.message


@pytest.mark.parametrize(
    "eta, status", [(0.05, "converges"), (0.15, "oscillates"), (0.21, "diverges")]
)
def test_elongated_valley_threshold_is_set_by_the_largest_curvature(eta, status):
    f = descent.quadratic_2d((1.0, 10.0))
    result = descent.descend(f, [-2.5, 2.0], eta, steps=40)
    assert result.threshold == pytest.approx(0.2)
    assert result.status == status
    if status == "oscillates":  # w2 (λ = 10) flips sign every step, w1 (λ = 1) does not
        assert np.all(np.diff(np.sign(result.path[:, 1])) != 0)
        assert np.all(np.sign(result.path[:, 0]) == -1)


def test_nonconvex_local_threshold_and_which_minimum():
    f = descent.nonconvex_1d()
    right = descent.descend(f, [2.5], 0.05, steps=200)
    assert right.status == "converges"
    assert right.path[-1, 0] == pytest.approx(f.minima[1][0], abs=1e-6)
    curvature = 3 * f.minima[1][0] ** 2 - 2  # E'' = 3w² − 2
    assert right.threshold == pytest.approx(2 / curvature)
    assert "local minimum" in right.message
    left = descent.descend(f, [-2.5], 0.05, steps=200)
    assert left.path[-1, 0] == pytest.approx(f.minima[0][0], abs=1e-6)
    assert "global minimum" in left.message


def test_nonconvex_too_large_eta_diverges():
    result = descent.descend(descent.nonconvex_1d(), [2.5], 1.0, steps=50)
    assert result.status == "diverges"
    assert np.all(np.isfinite(result.path))


def test_classify_path_reads_oscillation_and_rise():
    path = np.array([[1.0], [-0.8], [0.6], [-0.5], [0.4]])
    E = np.array([1.0, 0.64, 0.36, 0.25, 0.16])
    assert descent.classify_path(path, E, None) == "oscillates"
    straight = np.array([[1.0], [0.8], [0.6], [0.5], [0.4]])
    assert descent.classify_path(straight, E, None) == "converges"
    assert descent.classify_path(path, E[::-1], None) == "diverges"
    assert descent.classify_path(path[:2], E[:2], 2) == "diverges"


@pytest.mark.parametrize(
    "bad, match",
    [
        ({"eta": 0.0}, "eta"),
        ({"eta": -1.0}, "eta"),
        ({"steps": -1}, "steps"),
        ({"start": [1.0, 2.0]}, "start"),
    ],
)
def test_bad_arguments_name_themselves(bad, match):
    arguments = {"start": [1.0], "eta": 0.1, "steps": 5} | bad
    with pytest.raises((ValueError, TypeError), match=match):
        descent.descend(descent.quadratic_1d(), **arguments)


def test_error_function_by_name():
    assert descent.error_function("quadratic", 1, 3.0).curvatures == (3.0,)
    assert descent.error_function("elongated quadratic", 2, 8.0).curvatures == (1.0, 8.0)
    with pytest.raises(ValueError, match="non-convex"):
        descent.error_function("cubic", 1)


# ----- a slice of a network's weight space --------------------------------------------------------


def test_network_slice_gradient_is_backprop():
    net, x, y = nb.worked_example()
    piece = descent.NetworkSlice(net, x, y, (1, 0, 1), (3, 1, 0))
    assert piece.centre.tolist() == [0.2, 2.0]
    E, G = nb.gradient(net, x, y)
    assert piece.E(piece.centre) == pytest.approx(E)
    np.testing.assert_allclose(piece.gradient(piece.centre), [G[1][0, 1], G[3][1, 0]])
    # Elsewhere: the same as moving the two weights in a copy by hand.
    moved = net.copy()
    moved.W[1][0, 1], moved.W[3][1, 0] = -0.4, 0.5
    E2, G2 = nb.gradient(moved, x, y)
    np.testing.assert_allclose(piece.gradient(np.array([-0.4, 0.5])), [G2[1][0, 1], G2[3][1, 0]])
    assert piece.E(np.array([-0.4, 0.5])) == pytest.approx(E2)
    assert net.W[1][0, 1] == 0.2  # the network given is not touched


# ----- the training monitor -----------------------------------------------------------------------


@pytest.fixture
def circles():
    X, y = nb.make_dataset("circles", N=60, seed=3)
    return nb.Network.random((2, 5, 1), hidden="tanh", output="tanh", seed=4), X, y


@pytest.mark.parametrize("k", [None, 1, 7])
def test_run_history_equals_train(circles, k):
    net, X, y = circles
    run = TrainingRun(net, X, y, eta=0.2, batch_size=k, seed=5)
    run.advance(2)
    run.advance(1)
    reference = nb.train(net, X, y, eta=0.2, batch_size=k, epochs=3, seed=5)
    np.testing.assert_allclose(run.E_epochs, reference.E_epochs, rtol=1e-12)
    np.testing.assert_allclose(run.E_iterations, reference.E_iterations, rtol=1e-12)
    per_epoch = math.ceil(60 / (k or 60))
    assert run.iterations == [0, per_epoch, 2 * per_epoch, 3 * per_epoch]
    assert np.all(np.diff(run.seconds) >= 0)


def test_mean_abs_delta_by_hand(circles):
    net, X, y = circles
    trace = nb.forward(net, X)
    delta = nb.backward(net, trace, y)
    expected = [np.mean(np.abs(delta[ell])) for ell in (1, 2)]
    np.testing.assert_allclose(mean_abs_delta(net, X, y), expected)


def test_deep_sigmoid_sensitivities_vanish():
    X, y = nb.make_dataset("circles", N=50, seed=0)
    net = nb.Network.random((2, 8, 8, 8, 8, 1), hidden="sigmoid", output="tanh", seed=0)
    means = mean_abs_delta(net, X, y)
    assert means.shape == (5,)
    assert np.all(np.diff(means) > 0)  # each layer further from the output is less sensitive
    assert means[0] < means[-1] / 100


def test_run_records_deltas(circles):
    net, X, y = circles
    run = TrainingRun(net, X, y, eta=0.2, batch_size=10, record_deltas=True)
    run.advance(2)
    assert len(run.deltas) == 3
    np.testing.assert_allclose(run.deltas[-1], mean_abs_delta(run.net, X, y))


def test_run_divergence_is_caught_with_trains_message():
    X, y = nb.make_dataset("circles", N=40, seed=0)
    net = nb.Network.random((2, 6, 1), hidden="tanh", output="identity", seed=0)
    run = TrainingRun(net, X, y, eta=5.0, batch_size=1, label="stochastic")
    assert run.advance(5) is False
    reference = nb.train(net, X, y, eta=5.0, batch_size=1, epochs=5)
    assert reference.diverged and run.diverged
    assert run.stopped_at == reference.stopped_at
    assert run.message == f"stochastic: {reference.message}"
    assert np.all(np.isfinite(run.E_epochs))
    assert run.advance(1) is False and run.epochs == reference.epochs
