"""The error surface E(a, b) over a grid of values of two weights.

No Python loop over grid points: the grid is an extra batch axis in front of
the N data points. Layers below the lower of the two weights are the saved
ones. The grid is a product of the two weights' values, so what depends on one
weight only is computed for that weight's values alone (numpy broadcasting:
an axis of length 1 means "does not depend on it"); only the layers above both
weights run over the whole grid × data, in tiles that stay in cache (shared
out over the cores for a large grid). In a weight's own layer only the column
it feeds into changes, so the next layer's signal is a sum computed once plus
that one column's term.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ._checks import as_float_array, check_finite, check_int
from .batch_kernels import _forward_T, _matmul, _Scratch
from .data_checks import prepare_X, prepare_y
from .measures import get_error_measure
from .surface_tiles import _Bump, _Tile
from .threads import threads_available


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
        Work-array size (float64 elements) per chunk of grid points: the grid
        goes through in tiles small enough to stay in cache. Any value >= 1
        gives the same surface (down to one grid point per chunk).

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
    chunk_elements = check_int("chunk_elements", chunk_elements, low=1)
    Ws = list(net.W)
    xT, sT = _forward_T(Ws, net.hidden, X2, keep_s=True)  # saved x^(l)ᵀ, s^(l)ᵀ: (d^(l), N)
    moves = (A - net.W[a[0]][a[1], a[2]], B - net.W[b[0]][b[1], b[2]])
    # The weight in the lower layer is the "inner" one, computed once for all its
    # values; the other one's values go through in chunks.
    swap = a[0] > b[0]
    inner, outer = (b, a) if swap else (a, b)
    d_inner, d_outer = moves[::-1] if swap else moves
    surface = _Surface(Ws, net.hidden, net.output, measure, xT, sT, Y, inner, d_inner, outer)
    out = surface.evaluate(d_outer, chunk_elements)  # out[outer value, inner value]
    return np.ascontiguousarray(out.T) if swap else out


class _Surface:
    """E over the grid (outer weight values) × (inner weight values).

    The grid is a product, so a quantity that depends on one weight only is
    computed on that weight's values alone: below the outer weight's layer
    everything depends on the inner weight only (shape (C, N) per row, computed
    once); from the outer weight's layer up, arrays carry both grid axes,
    (rows, R_chunk, C, N), and the outer weight's values go through in chunks.
    In the outer weight's layer only its column j changes with it, so the next
    layer's signal is V + W[j+1] x_j, with V the sum over the other inputs
    (computed once). Shapes use numpy broadcasting: an axis of length 1 means
    "does not depend on that weight".
    """

    def __init__(self, Ws, hidden, output, measure, xT, sT, Y, inner, d_inner, outer):
        self.Ws, self.hidden, self.output, self.measure, self.Y = Ws, hidden, output, measure, Y
        self.outer, self.C = outer, d_inner.size
        la, ia, ja = inner
        lb, ib, jb = outer
        L = len(Ws)
        # s^(la) row by row, (C or 1, N): only row ja moves with the inner weight,
        # by Δw x_i (∂s_j/∂w_ij = x_i, with x_0 = 1 for the bias)
        rows = [s[None, :] for s in sT[la - 1]]
        rows[ja] = rows[ja] + d_inner[:, None] * (1.0 if ia == 0 else xT[la - 1][ia - 1])
        changed = {ja}
        x_below = [x[None, :] for x in xT[la - 1]]  # x^(la-1): saved
        for ell in range(la + 1, lb + 1):  # up to the outer weight's layer, inner weight only
            x_below = self._theta_rows(rows, changed, xT[ell - 1])
            rows = list(self._layer(Ws[ell - 1], x_below))
            changed = set(range(len(rows)))
        self.rows, self.x_below = rows, x_below  # s^(lb) (before the outer weight) and x^(lb-1)
        if lb < L:
            # s^(lb+1) = V + W^(lb+1)[jb+1] x_jb^(lb): V sums the bias and every other input
            W = Ws[lb].copy()
            W[jb + 1] = 0.0
            self.V = self._layer(W, self._theta_rows(rows, changed, xT[lb]))

    def _theta_rows(self, rows, changed, saved_x):
        theta = self.hidden.theta
        return [theta(r) if k in changed else saved_x[k][None, :] for k, r in enumerate(rows)]

    @staticmethod
    def _layer(W, x_rows):
        """s = W[0] + W[1:]ᵀ x for rows x_i of shape (C or 1, N): (d', C or 1, N)."""
        X = np.stack(np.broadcast_arrays(*x_rows))
        s = np.empty((W.shape[1],) + X.shape[1:])
        _matmul(W[1:].T, X.reshape(len(x_rows), -1), out=s.reshape(W.shape[1], -1))
        s += W[0][:, None, None]
        return s

    def evaluate(self, d_outer, chunk_elements):
        """out[r, c]: E with the outer weight moved by d_outer[r], the inner by d_inner[c].

        Tiles of the grid (rows of the outer weight × columns of the inner one)
        with work arrays of about ``chunk_elements`` elements keep the work in
        cache. A large grid is shared out over up to 4 threads (numpy releases
        the GIL inside each operation); the tiles and their results are the
        same either way.
        """
        R, C, N = d_outer.size, self.C, self.Y.shape[0]
        lb, L = self.outer[0], len(self.Ws)
        # work per (grid point, data point): s_j, then every layer above lb (or s^(L))
        above = [W.shape[1] for W in self.Ws[lb:]] if lb < L else [self.Ws[-1].shape[1]]
        per_pair = 1 + sum(above)
        pairs = max(1, chunk_elements // per_pair)
        if C * N <= pairs:
            rows, cols = min(R, pairs // (C * N)), C
        else:
            blocks = -(-C * N // pairs)
            rows, cols = 1, max(1, -(-C // blocks))
        tiles = [_Tile(self, c0, min(C, c0 + cols)) for c0 in range(0, C, cols)]
        jobs = [(tile, r0, min(R, r0 + rows)) for tile in tiles for r0 in range(0, R, rows)]
        out = np.empty((R, C))
        size = rows * cols * N * per_pair

        def run(some_jobs, work):
            for tile, r0, r1 in some_jobs:
                out[r0:r1, tile.c0 : tile.c1] = tile.chunk(d_outer[r0:r1], _Bump(work))

        big = R * C * N * per_pair >= _PARALLEL_MIN
        workers = min(len(jobs), _threads()) if big and threads_available() else 1
        with _Scratch(workers * size) as work:
            if workers == 1:
                run(jobs, work)
            else:
                with ThreadPoolExecutor(workers) as pool:
                    futures = [
                        pool.submit(run, jobs[k::workers], work[k * size : (k + 1) * size])
                        for k in range(workers)
                    ]
                    for future in futures:
                        future.result()
        return out


_PARALLEL_MIN = 1 << 22  # work elements (~10 ms on one core) before threads pay off


def _threads() -> int:
    """Cores this process may use, at most 4."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))
