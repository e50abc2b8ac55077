"""Gradient descent: batch, stochastic and mini-batch; iteration counts; seeds;
divergence; the callback."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from helpers import assert_layers_close, flat, random_problem, weights_of

import nbtools as nb

N = 20
MODES = {"batch": None, "SGD": 1, "mini-batch": 6}  # 6 does not divide 20: a remainder batch


@pytest.fixture
def toy():
    """y = sin(πx) on 20 points and a (1, 5, 1) tanh network."""
    X, y = nb.regression_1d(N=N, noise=0.0, seed=1)
    return nb.Network.random((1, 5, 1), hidden="tanh", output="identity", seed=2), X, y


@pytest.mark.parametrize("mode", MODES)
def test_error_falls(toy, mode):
    net, X, y = toy
    result = nb.train(net, X, y, eta=0.1, batch_size=MODES[mode], epochs=60, seed=0)
    assert not result.diverged and result.message == "" and result.stopped_at is None
    E = result.E_epochs
    assert E[0] == pytest.approx(nb.error(net, X, y), rel=1e-12)  # entry 0: before training
    assert E[-1] < 0.5 * E[0]
    assert E[-1] == pytest.approx(
        nb.error(result.net, X, y), rel=1e-12
    )  # the last entry: the returned net
    assert np.all(np.isfinite(result.E_iterations))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("epochs", [1, 3])
def test_iteration_counts(toy, mode, epochs):
    net, X, y = toy
    k = MODES[mode]
    result = nb.train(net, X, y, eta=0.05, batch_size=k, epochs=epochs)
    per_epoch = math.ceil(N / (N if k is None else k))  # 1, 20, 4
    assert result.iterations_per_epoch == per_epoch
    assert result.batch_size == (N if k is None else k)
    assert result.iterations == len(result.E_iterations) == epochs * per_epoch
    assert result.epochs == epochs
    assert result.E_epochs.shape == result.seconds.shape == (epochs + 1,)
    assert np.all(np.diff(result.seconds) >= 0)


def test_batch_descent_is_the_textbook_update(toy):
    """W(t+1) = W(t) − η ∂E/∂W, written here with nbtools.gradient."""
    net, X, y = toy
    eta, epochs = 0.2, 5
    result = nb.train(net, X, y, eta=eta, batch_size=None, epochs=epochs)
    W = weights_of(net)
    E_before = []
    for _ in range(epochs):
        E, G = nb.gradient(nb.Network(W, hidden="tanh", output="identity"), X, y)
        E_before.append(E)
        W = [w - eta * g for w, g in zip(W, G)]
    np.testing.assert_allclose(result.E_iterations, E_before, rtol=1e-12)
    assert_layers_close(result.net.W, [None] + W, 2)
    # In batch mode the iteration's E (before its update) is E after the previous epoch.
    np.testing.assert_allclose(result.E_iterations, result.E_epochs[:-1], rtol=1e-12)


def test_sgd_visits_every_point_once_per_epoch(toy):
    """Each SGD iteration's E is e_n of exactly one point n, with the weights
    before the update; over an epoch the n are a permutation of 0..N-1."""
    net, X, y = toy
    nets = [net.copy()]  # the network before iteration t is nets[t - 1]
    result = nb.train(
        net,
        X,
        y,
        eta=0.05,
        batch_size=1,
        epochs=3,
        seed=4,
        callback=lambda t, current, E: nets.append(current.copy()),
    )
    visited = []
    for t, E in enumerate(result.E_iterations, start=1):
        e = nb.pointwise_errors(nets[t - 1], X, y)
        matches = np.flatnonzero(np.isclose(e, E, rtol=1e-12, atol=0))
        assert len(matches) == 1, (t, E)
        visited.append(int(matches[0]))
    epochs = np.array(visited).reshape(3, N)
    for order in epochs:
        assert sorted(order) == list(range(N))
    assert not np.array_equal(epochs[0], epochs[1])  # shuffled afresh each epoch


def test_mini_batches_split_each_epoch():
    """With k = 6 and N = 20 an epoch is batches of 6, 6, 6 and the remaining 2,
    together every point once. Each batch is recovered from its update:
    (W(t) − W(t+1)) / η = (1/k) Σ_{n in batch} g_n, with g_n the one-point
    gradients at W(t), solved for the weights on the g_n by least squares."""
    # 73 weights and 3 outputs: the 20 one-point gradients are well independent.
    net, X, y = random_problem((3, 10, 3), "tanh", "identity", N=N, seed=2)
    eta = 0.01
    nets = [net.copy()]
    nb.train(
        net, X, y, eta=eta, batch_size=6, epochs=2, seed=3,
        callback=lambda t, current, E: nets.append(current.copy()),
    )  # fmt: skip
    batches = []
    for before, after in zip(nets[:-1], nets[1:]):
        g = np.column_stack([flat(nb.gradient(before, X[n], y[n])[1]) for n in range(N)])
        assert np.linalg.matrix_rank(g) == N  # the batch is determined by the step
        weights, *_ = np.linalg.lstsq(g, (flat(before.W) - flat(after.W)) / eta, rcond=None)
        members = np.flatnonzero(weights > 0.5 * weights.max())
        np.testing.assert_allclose(weights[members], 1 / len(members), rtol=1e-6)
        np.testing.assert_allclose(np.delete(weights, members), 0, atol=1e-6)
        batches.append(members)
    assert [len(b) for b in batches] == [6, 6, 6, 2] * 2
    for epoch in (batches[:4], batches[4:]):
        assert sorted(np.concatenate(epoch)) == list(range(N))


@pytest.mark.parametrize("k", [1, 6])
def test_seed_reproducible(toy, k):
    net, X, y = toy
    a = nb.train(net, X, y, eta=0.05, batch_size=k, epochs=4, seed=7)
    b = nb.train(net, X, y, eta=0.05, batch_size=k, epochs=4, seed=7)
    c = nb.train(net, X, y, eta=0.05, batch_size=k, epochs=4, seed=8)
    np.testing.assert_array_equal(a.E_iterations, b.E_iterations)
    np.testing.assert_array_equal(a.E_epochs, b.E_epochs)
    assert_layers_close(a.net.W, b.net.W, 2, rtol=0, atol=0)
    assert not np.array_equal(a.E_iterations, c.E_iterations)
    assert not np.allclose(a.net.W[1], c.net.W[1])


def test_batch_descent_does_not_depend_on_the_seed(toy):
    net, X, y = toy
    a = nb.train(net, X, y, eta=0.05, epochs=4, seed=1)
    b = nb.train(net, X, y, eta=0.05, epochs=4, seed=2)
    np.testing.assert_array_equal(a.E_iterations, b.E_iterations)


@pytest.mark.parametrize("mode", MODES)
def test_input_network_and_data_unchanged(toy, mode):
    net, X, y = toy
    W, X0, y0 = weights_of(net), X.copy(), y.copy()
    result = nb.train(net, X, y, eta=0.1, batch_size=MODES[mode], epochs=3)
    assert result.net is not net
    assert_layers_close(net.W, [None] + W, 2, rtol=0, atol=0)
    assert not np.allclose(result.net.W[1], W[0])  # the copy did move
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


@pytest.mark.parametrize("mode", MODES)
def test_too_large_eta_diverges_cleanly(toy, mode):
    net, X, y = toy
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow or invalid-value warnings either
        result = nb.train(net, X, y, eta=1e4, batch_size=MODES[mode], epochs=50)
    assert result.diverged
    assert result.stopped_at is not None and result.stopped_at >= 1
    assert f"diverged at iteration {result.stopped_at}" in result.message
    assert "η" in result.message and "too large" in result.message
    # Stopped early, at the iteration it says, with every recorded number finite.
    assert result.iterations == result.stopped_at - 1
    assert result.iterations < 50 * result.iterations_per_epoch
    assert np.all(np.isfinite(result.E_iterations))
    assert np.all(np.isfinite(result.E_epochs))
    for W in result.net.W:
        assert np.all(np.isfinite(W))
    assert np.isfinite(nb.error(result.net, X, y))


def test_divergence_limits_are_arguments(toy):
    net, X, y = toy
    tight = nb.train(net, X, y, eta=0.1, epochs=20, max_weight=0.5)
    assert tight.diverged and "a weight reached" in tight.message and "5e-01" in tight.message
    loose = nb.train(net, X, y, eta=0.1, epochs=20, max_weight=math.inf, divergence_limit=math.inf)
    assert not loose.diverged


def test_callback_once_per_iteration(toy):
    net, X, y = toy
    calls = []
    result = nb.train(
        net,
        X,
        y,
        eta=0.05,
        batch_size=6,
        epochs=2,
        callback=lambda t, current, E: calls.append((t, E)),
    )
    assert [t for t, _ in calls] == list(range(1, result.iterations + 1))
    np.testing.assert_array_equal([E for _, E in calls], result.E_iterations)


def test_callback_returning_false_stops(toy):
    net, X, y = toy
    calls = []

    def stop_at_3(t, current, E):
        calls.append(t)
        return False if t == 3 else None  # None (no answer) keeps going

    result = nb.train(net, X, y, eta=0.05, batch_size=1, epochs=5, callback=stop_at_3)
    assert calls == [1, 2, 3]
    assert result.iterations == 3
    assert not result.diverged and result.stopped_at is None
    assert "callback" in result.message and "3" in result.message


@pytest.mark.parametrize("error", nb.ERROR_MEASURES)
def test_classification_error_falls(error):
    X, y = nb.xor(N=40, noise=0.05, seed=3)
    net = nb.Network.random((2, 6, 1), hidden="tanh", output="tanh", seed=5)
    result = nb.train(net, X, y, eta=0.2, batch_size=8, epochs=80, error=error)
    assert not result.diverged
    assert result.E_epochs[-1] < 0.5 * result.E_epochs[0]
    assert result.E_epochs[-1] == pytest.approx(nb.error(result.net, X, y, error=error), rel=1e-12)
