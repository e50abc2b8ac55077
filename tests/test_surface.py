"""error_surface against direct evaluation: copy the network, set the two
weights, call nb.error. Non-square grids pin the orientation
surface[r, c] = E(a = a_values[c], b = b_values[r])."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import ERRORS, HIDDEN, random_problem, weights_of

import nbtools as nb
from nbtools import surface as surface_module

D = (2, 3, 4, 2)  # L = 3, two outputs
# (a, b) as (l, i, j): row i = 0 is the bias row.
PAIRS = {
    "same layer, same column": ((2, 1, 2), (2, 3, 2)),
    "same layer, other column": ((1, 1, 0), (1, 2, 2)),
    "adjacent layers": ((1, 2, 1), (2, 2, 3)),
    "first and last layer": ((1, 0, 0), (3, 4, 1)),
    "last layer only": ((3, 1, 0), (3, 2, 1)),
    "bias rows": ((2, 0, 1), (3, 0, 0)),
    "b before a": ((3, 0, 1), (1, 2, 0)),
}


def direct(net, X, y, a, b, a_values, b_values, error="squared"):
    """E at every grid point by setting the two weights on a copy."""
    out = np.empty((len(b_values), len(a_values)))
    for r, vb in enumerate(b_values):
        for c, va in enumerate(a_values):
            probe = net.copy()
            probe.W[a[0]][a[1], a[2]] = va
            probe.W[b[0]][b[1], b[2]] = vb
            out[r, c] = nb.error(probe, X, y, error=error)
    return out


def assert_direct(surface, net, X, y, a, b, a_values, b_values, error="squared"):
    expected = direct(net, X, y, a, b, a_values, b_values, error)
    np.testing.assert_allclose(surface, expected, rtol=1e-10, atol=1e-12)


def grid(net, a, b, C=5, R=3):
    """C values of a and R of b around their current values (C != R)."""
    wa, wb = net.W[a[0]][a[1], a[2]], net.W[b[0]][b[1], b[2]]
    return wa + np.linspace(-1.5, 2.0, C), wb + np.linspace(-1.0, 1.0, R)


@pytest.mark.parametrize("pair", PAIRS)
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("error", ERRORS)
def test_surface_equals_direct_evaluation(pair, hidden, error):
    net, X, y = random_problem(D, hidden, "tanh", error, N=6, seed=11)
    a, b = PAIRS[pair]
    a_values, b_values = grid(net, a, b)
    W = weights_of(net)
    surface = nb.error_surface(net, X, y, a, b, a_values, b_values, error=error)
    assert surface.shape == (3, 5)
    assert_direct(surface, net, X, y, a, b, a_values, b_values, error)
    for before, after in zip(W, net.W):
        np.testing.assert_array_equal(before, after)  # the network is left as it was


@pytest.mark.parametrize("shape", [(1, 1), (1, 2, 1), (3, 2, 2, 1, 1)])
def test_surface_other_depths(shape):
    net, X, y = random_problem(shape, "sigmoid", "identity", N=4, seed=12)
    L = len(shape) - 1
    a, b = (1, 0, 0), (L, 1, 0)
    a_values, b_values = grid(net, a, b, C=4, R=7)
    surface = nb.error_surface(net, X, y, a, b, a_values, b_values)
    assert surface.shape == (7, 4)
    assert_direct(surface, net, X, y, a, b, a_values, b_values)


def test_orientation_on_the_worked_example():
    """a moves along columns, b along rows: swapping a and b transposes."""
    net, x, y = nb.worked_example()
    a, b = (1, 0, 0), (3, 1, 0)
    a_values, b_values = np.linspace(-2, 2, 6), np.linspace(-1, 3, 4)
    surface = nb.error_surface(net, x, y, a, b, a_values, b_values)
    swapped = nb.error_surface(net, x, y, b, a, b_values, a_values)
    assert surface.shape == (4, 6) and swapped.shape == (6, 4)
    np.testing.assert_allclose(swapped, surface.T, rtol=1e-12)
    for r, c in [(0, 0), (0, 5), (3, 0), (2, 4)]:
        probe = net.copy()
        probe.W[1][0, 0] = a_values[c]
        probe.W[3][1, 0] = b_values[r]
        assert surface[r, c] == pytest.approx(nb.error(probe, x, y), rel=1e-12)


def test_current_weights_give_the_current_error():
    net, X, y = random_problem(D, "tanh", "identity", N=8, seed=13)
    a, b = (1, 1, 1), (2, 0, 3)
    surface = nb.error_surface(net, X, y, a, b, [net.W[1][1, 1]], [net.W[2][0, 3]])
    assert surface.shape == (1, 1)
    assert surface[0, 0] == pytest.approx(nb.error(net, X, y), rel=1e-12)


@pytest.mark.parametrize("block", [1, 50])
def test_blocks_of_rows_do_not_change_the_result(block, monkeypatch):
    """Small blocks (down to one row of the grid at a time) give the same surface."""
    net, X, y = random_problem(D, "relu", "tanh", N=5, seed=14)
    a, b = PAIRS["adjacent layers"]
    a_values, b_values = grid(net, a, b, C=6, R=5)
    whole = nb.error_surface(net, X, y, a, b, a_values, b_values)
    monkeypatch.setattr(surface_module, "BLOCK", block)
    chunked = nb.error_surface(net, X, y, a, b, a_values, b_values)
    np.testing.assert_allclose(chunked, whole, rtol=1e-12)
    assert_direct(whole, net, X, y, a, b, a_values, b_values)


def test_one_point_data():
    net, X, y = random_problem((2, 3, 1), N=1, seed=15)
    a, b = (1, 0, 2), (2, 3, 0)
    a_values, b_values = grid(net, a, b)
    surface = nb.error_surface(net, X[0], y[0], a, b, a_values, b_values)
    assert_direct(surface, net, X[0], y[0], a, b, a_values, b_values)
