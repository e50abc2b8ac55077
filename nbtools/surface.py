"""The error surface E(a, b) over a grid of values of two weights.

The grid is evaluated as an extra batch axis g in front of the N points: no
Python loop over grid points. Layers below the first varied weight are computed
once; in that layer only the columns the weights feed into change, so the next
layer's signal is the saved one plus a low-rank correction.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_float_array, check_finite
from .data_checks import prepare_X, prepare_y
from .measures import get_error_measure
from .propagation import _forward_batch


def _grid_values(name: str, values) -> np.ndarray:
    array = check_finite(name, as_float_array(name, values))
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of weight values; got shape {array.shape}")
    return array


def error_surface(net, X, y, a, b, a_values, b_values, error: str = "squared",
                  chunk_elements: int = 1 << 18) -> np.ndarray:
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
    chunk_elements : int
        Work-array size per chunk of grid points (keeps temporaries in cache).

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
    A = _grid_values("a_values", a_values)
    B = _grid_values("b_values", b_values)
    AA, BB = np.meshgrid(A, B)  # (R, C): rows follow b, columns follow a
    steps = [(a, (AA - net.W[a[0]][a[1], a[2]]).ravel()), (b, (BB - net.W[b[0]][b[1], b[2]]).ravel())]
    xs, ss = _forward_batch(net, X2)
    N = X2.shape[0]
    per_point = N * (max(net.d) + 1)
    chunk = max(1, chunk_elements // per_point)
    G = AA.size
    out = np.empty(G)
    for start in range(0, G, chunk):
        stop = min(G, start + chunk)
        changes = [(ell, i, j, dv[start:stop]) for (ell, i, j), dv in steps]
        out[start:stop] = _chunk(net, xs, ss, Y, measure, changes)
    return out.reshape(AA.shape)


def _chunk(net, xs, ss, Y, measure, changes) -> np.ndarray:
    """E for g grid points; ``changes`` = [(l, i, j, Δw of shape (g,)), ...]."""
    g = len(changes[0][3])
    L = net.L
    first = min(ell for ell, *_ in changes)

    def add_changes(s, ell, x_column):
        # ∂s_j^(l)/∂w_ij^(l) = x_i^(l-1): moving w_ij by Δw moves s_j by Δw x_i.
        for layer, i, j, dv in changes:
            if layer == ell:
                s[:, :, j] += dv[:, None] * x_column(i)

    # Layer `first`: only the columns j of the varied weights change.
    cols = sorted({j for ell, _, j, _ in changes if ell == first})
    s_first = np.repeat(ss[first - 1][None, :, cols], g, axis=0)  # (g, N, len(cols))
    for layer, i, j, dv in changes:
        if layer == first:
            s_first[:, :, cols.index(j)] += dv[:, None] * xs[first - 1][None, :, i]
    if first == L:
        s = np.repeat(ss[L - 1][None], g, axis=0)
        s[:, :, cols] = s_first
        return np.mean(measure.pointwise(s, net.output.theta(s), Y), axis=-1)

    x_first = net.hidden.theta(s_first)  # changed columns of x^(first), without bias

    def x_first_column(i):  # column i of x^(first), bias at i = 0
        return x_first[:, :, cols.index(i - 1)] if i - 1 in cols else xs[first][None, :, i]

    # Layer first+1: the saved signal plus a low-rank term from the changed columns,
    # s^(l+1) = s_saved + (x_new − x_saved)[cols] W^(l+1)[cols + 1].
    x_first -= xs[first][None, :, [j + 1 for j in cols]]
    W_rows = net.W[first + 1][[j + 1 for j in cols]]
    s = (x_first.reshape(-1, len(cols)) @ W_rows).reshape(g, -1, W_rows.shape[1])
    s += ss[first][None]
    x_first += xs[first][None, :, [j + 1 for j in cols]]
    add_changes(s, first + 1, x_first_column)
    for ell in range(first + 1, L):
        net.hidden.theta(s, out=s)  # now x^(l) without its bias entry, (g, N, d^(l))
        W = net.W[ell + 1]
        # s^(l+1) = W[0] + x^(l)[1:] · W[1:], as one 2-D product: (g N, d^(l)) @ (d^(l), d^(l+1))
        x_hidden = s
        s = (x_hidden.reshape(-1, W.shape[0] - 1) @ W[1:]).reshape(g, -1, W.shape[1])
        s += W[0]
        add_changes(s, ell + 1, lambda i: 1.0 if i == 0 else x_hidden[:, :, i - 1])
    return np.mean(measure.pointwise(s, net.output.theta(s), Y), axis=-1)
