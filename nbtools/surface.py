"""The error surface E(a, b) over a grid of values of two weights.

No Python loop over single grid points: the grid adds axes in front of the N
data points, and numpy computes a whole row of the grid at once. One algorithm
saves most of the work. Nothing below the lower of the two weights changes, so
those layers come from one forward pass; in the lower weight's layer only the
signal it feeds changes; and the layers between the two weights depend on the
lower weight only, so they are computed once for its C values, not R × C times.
Only the layers above the higher weight run over the whole grid.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_float_array, check_finite
from .data_checks import prepare_X, prepare_y
from .measures import get_error_measure
from .propagation import forward_batch, with_bias

#: Grid points × data points × width handled by one numpy call above the higher
#: weight: rows of the grid go through in blocks of about this many numbers.
BLOCK = 1 << 18


def _grid_values(name: str, values) -> np.ndarray:
    array = check_finite(name, as_float_array(name, values))
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of weight values; got shape {array.shape}")
    return array


def error_surface(net, X, y, a, b, a_values, b_values, error: str = "squared") -> np.ndarray:
    """E over a grid of values of two weights, all other weights fixed.

    Parameters
    ----------
    net : Network
    X, y : array_like
        The data E is measured on (one point or a batch).
    a, b : tuple (l, i, j)
        The two weights, W^(l)[i, j] (row i = 0 is the bias row).
    a_values : array_like of shape (C,)
        Values of weight a (the horizontal axis).
    b_values : array_like of shape (R,)
        Values of weight b (the vertical axis).
    error : str
        Error measure by name.

    Returns
    -------
    ndarray of shape (R, C)
        ``surface[r, c]`` = E with a = a_values[c] and b = b_values[r], the
        orientation ``matplotlib.axes.Axes.contour(a_values, b_values, surface)`` expects.
    """
    measure = get_error_measure(error)
    X2, single = prepare_X(net, X)
    Y = prepare_y(net, y, X2.shape[0], single, measure)
    a = net.check_weight("a", a)
    b = net.check_weight("b", b)
    if a == b:
        raise ValueError(f"a and b must name two different weights; both are W[{a[0]}][{a[1]}, {a[2]}]")
    move_a = _grid_values("a_values", a_values) - net.W[a[0]][a[1], a[2]]
    move_b = _grid_values("b_values", b_values) - net.W[b[0]][b[1], b[2]]
    if a[0] <= b[0]:
        return _surface(net, X2, Y, measure, a, move_a, b, move_b)
    return _surface(net, X2, Y, measure, b, move_b, a, move_a).T


def _surface(net, X, Y, measure, lower, move_lower, upper, move_upper) -> np.ndarray:
    """E[r, c] with the upper weight moved by move_upper[r] and the lower one by
    move_lower[c]; ``lower`` is in layer l1 ≤ l2, the upper weight's layer."""
    (l1, i1, j1), (l2, i2, j2) = lower, upper
    xs, ss = forward_batch(net, X)  # saved X^(ℓ) = [1, θ(S^(ℓ))] and S^(ℓ)
    # Layer l1: w^(l1)_{i1 j1} feeds s_{j1} only, with ∂s_j/∂w_ij = x_i (x_0 = 1: the bias).
    S = np.repeat(ss[l1 - 1][None], move_lower.size, axis=0)  # (C, N, d^(l1))
    S[..., j1] += move_lower[:, None] * xs[l1 - 1][:, i1]
    # Layers l1 + 1 .. l2 see only the lower weight: computed once per value of it.
    x_below = xs[l2 - 1]  # X^(l2 − 1), (N, d+1), unless the lower weight is below it
    for ell in range(l1 + 1, l2 + 1):
        x_below = with_bias(net.hidden.theta(S))
        S = x_below @ net.W[ell]
    # Layer l2: the upper weight moves s_{j2} by move_upper[r] x_{i2}; no other signal moves.
    s_j2, x_i2 = S[..., j2], x_below[..., i2]  # (C, N); x_i2 (N,) or (C, N)
    if l2 < net.L:
        # Only x_{j2} changes in X^(l2), so the next layer's signal is the unmoved one plus
        # that change times the row of W^(l2+1) it meets: one θ per grid point, not d^(l2).
        S_next = with_bias(net.hidden.theta(S)) @ net.W[l2 + 1]  # (C, N, d^(l2+1))
        x_j2, w_row = net.hidden.theta(s_j2), net.W[l2 + 1][j2 + 1]
    E = np.empty((move_upper.size, move_lower.size))
    rows = max(1, BLOCK // S.size)
    for r0 in range(0, move_upper.size, rows):
        s_moved = s_j2 + move_upper[r0 : r0 + rows, None, None] * x_i2  # (rows, C, N)
        if l2 < net.L:
            S_top = S_next + (net.hidden.theta(s_moved) - x_j2)[..., None] * w_row
        else:
            S_top = np.repeat(S[None], len(s_moved), axis=0)  # (rows, C, N, d^(L))
            S_top[..., j2] = s_moved
        for ell in range(l2 + 2, net.L + 1):  # the layers above both weights:
            W = net.W[ell]  # S = [1, θ(S)] W, written W[0] + θ(S) W[1:] to save a copy
            S_top = net.hidden.theta(S_top) @ W[1:] + W[0]
        e = measure.pointwise(S_top, net.output.theta(S_top), Y)  # (rows, C, N)
        E[r0 : r0 + rows] = e.mean(axis=-1)
    return E

