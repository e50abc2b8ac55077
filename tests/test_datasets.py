"""The generated data sets: shapes, labels, seeds and, without noise, the
geometry each docstring promises."""

from __future__ import annotations

import numpy as np
import pytest

import nbtools as nb

CLASSIFICATION = ("xor", "circles", "moons")


def test_the_table_lists_every_set():
    assert set(nb.DATASETS) == set(CLASSIFICATION) | {"regression_1d"}
    assert set(nb.CLASSIFICATION) == set(CLASSIFICATION)


@pytest.mark.parametrize("name", CLASSIFICATION)
@pytest.mark.parametrize("N", [2, 7, 200])
def test_classification_shapes_and_balanced_labels(name, N):
    X, y = nb.make_dataset(name, N=N, seed=0)
    assert X.shape == (N, 2) and y.shape == (N,)
    assert X.dtype == y.dtype == np.float64
    assert set(np.unique(y)) <= {-1.0, 1.0}
    assert abs(int(np.sum(y == 1)) - int(np.sum(y == -1))) <= 1  # balanced (N odd: one more)
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("N", [1, 40])
def test_regression_shapes(N):
    X, y = nb.regression_1d(N=N, seed=0)
    assert X.shape == (N, 1) and y.shape == (N,)
    assert np.all(np.abs(X) <= 1)


@pytest.mark.parametrize("name", nb.DATASETS)
def test_same_seed_same_data_other_seed_other_data(name):
    X1, y1 = nb.make_dataset(name, N=50, seed=3)
    X2, y2 = nb.make_dataset(name, N=50, seed=3)
    X3, _ = nb.make_dataset(name, N=50, seed=4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize("name", nb.DATASETS)
def test_make_dataset_is_the_function(name):
    X, y = nb.make_dataset(name, N=30, noise=0.2, seed=5)
    X_direct, y_direct = getattr(nb, name)(N=30, noise=0.2, seed=5)
    np.testing.assert_array_equal(X, X_direct)
    np.testing.assert_array_equal(y, y_direct)


def test_different_sets_differ():
    sets = [nb.make_dataset(name, N=60, seed=0)[0] for name in CLASSIFICATION]
    for i in range(3):
        for j in range(i + 1, 3):
            assert not np.allclose(sets[i], sets[j])


def test_circles_without_noise():
    """Radius exactly 0.5 for y = +1, exactly 1 for y = −1."""
    X, y = nb.circles(N=100, noise=0.0, seed=1)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[y > 0], 0.5, rtol=1e-14)
    np.testing.assert_allclose(r[y < 0], 1.0, rtol=1e-14)
    # with noise, the radii spread
    X_noisy, y_noisy = nb.circles(N=100, noise=0.1, seed=1)
    assert np.std(np.hypot(X_noisy[:, 0], X_noisy[:, 1])[y_noisy > 0]) > 0.01


def test_xor_without_noise():
    """Clusters at (±0.5, ±0.5), each point within 0.3 of its centre; y = sign(x1 x2)."""
    X, y = nb.xor(N=200, noise=0.0, seed=2)
    assert np.all((np.abs(X) >= 0.2) & (np.abs(X) <= 0.8))
    np.testing.assert_array_equal(np.sign(X[:, 0] * X[:, 1]), y)
    quadrants = {(bool(a), bool(b)) for a, b in X > 0}
    assert len(quadrants) == 4


def test_moons_without_noise():
    """Upper moon: unit half circle centred (−0.5, −0.25), above its centre;
    lower moon: unit half circle centred (0.5, 0.25), below its centre."""
    X, y = nb.moons(N=100, noise=0.0, seed=3)
    up, down = X[y > 0], X[y < 0]
    np.testing.assert_allclose(np.hypot(up[:, 0] + 0.5, up[:, 1] + 0.25), 1.0, rtol=1e-14)
    np.testing.assert_allclose(np.hypot(down[:, 0] - 0.5, down[:, 1] - 0.25), 1.0, rtol=1e-14)
    assert np.all(up[:, 1] >= -0.25) and np.all(down[:, 1] <= 0.25)


def test_regression_without_noise():
    X, y = nb.regression_1d(N=30, noise=0.0, seed=4)
    np.testing.assert_allclose(y, np.sin(np.pi * X[:, 0]), rtol=0, atol=1e-15)
    _, y_noisy = nb.regression_1d(N=30, noise=0.1, seed=4)
    assert 0.03 < np.std(y_noisy - np.sin(np.pi * X[:, 0])) < 0.3


def test_no_global_random_state_used():
    # The legacy global generator is the thing checked here.
    np.random.seed(0)  # noqa: NPY002
    expected = np.random.random(3)  # noqa: NPY002
    np.random.seed(0)  # noqa: NPY002
    for name in nb.DATASETS:
        nb.make_dataset(name, N=10, seed=None)
    np.testing.assert_array_equal(np.random.random(3), expected)  # noqa: NPY002
