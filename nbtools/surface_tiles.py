"""The pieces an error surface is computed in: a ``_Tile`` is the part of the
grid for a range of the inner weight's values, computed chunk by chunk of the
outer weight's values in a work array handed out by ``_Bump`` (see
``surface._Surface``). Numpy only.
"""

from __future__ import annotations

import math

import numpy as np

from .batch_kernels import _matmul
from .measures import ERROR_MEASURES


class _Tile:
    """The part of a ``_Surface`` for the inner weight's values c0..c1-1: its
    arrays that depend on the inner weight cut to those columns."""

    def __init__(self, surface, c0: int, c1: int):
        def cut(a):  # axis -2 is the inner weight's axis, or 1 when a does not depend on it
            return a if a.shape[-2] == 1 else a[..., c0:c1, :]

        self.Ws, self.hidden, self.output = surface.Ws, surface.hidden, surface.output
        self.measure, self.Y, self.outer = surface.measure, surface.Y, surface.outer
        self.c0, self.c1 = c0, c1
        self.rows = [cut(r) for r in surface.rows]
        self.x_below = [cut(x) for x in surface.x_below]
        self.V = cut(surface.V) if hasattr(surface, "V") else None

    def chunk(self, d, take) -> np.ndarray:
        """E for the outer weight moved by each of d (shape (R_chunk,)): (R_chunk, c1 - c0 or 1)."""
        Ws, hidden, L = self.Ws, self.hidden, len(self.Ws)
        lb, ib, jb = self.outer
        D = d[:, None, None]
        x_i = 1.0 if ib == 0 else self.x_below[ib - 1]
        s_j = take(np.broadcast_shapes(D.shape, np.shape(x_i), self.rows[jb].shape))
        np.multiply(D, x_i, out=s_j)
        s_j += self.rows[jb]  # row jb of s^(lb): (R_chunk, C or 1, N)
        if lb == L:
            if len(self.rows) == 1:
                return self._E(s_j[None])
            shape = np.broadcast_shapes(s_j.shape, *(r.shape for r in self.rows))
            s = take((len(self.rows),) + shape)
            s[...] = np.stack(np.broadcast_arrays(*self.rows))[:, None]
            s[jb] = s_j
            return self._E(s)
        x_j = hidden.theta(s_j, out=s_j)
        column = Ws[lb][jb + 1][:, None, None, None]  # W^(lb+1)[jb+1]
        V = self.V[:, None]  # (d', 1, C or 1, N)
        s = take(V.shape[:1] + np.broadcast_shapes(V.shape[1:], x_j.shape))
        if x_j.shape == s.shape[1:]:
            np.multiply(column, x_j, out=s)
            s += V
        else:  # the product is small: add it in one pass
            np.add(V, column * x_j, out=s)
        for ell in range(lb + 1, L):
            x = hidden.theta(s, out=s)  # x^(ell) without its bias entry
            W = Ws[ell]  # W^(ell+1)
            s = take((W.shape[1],) + x.shape[1:])
            _matmul(W[1:].T, x.reshape(x.shape[0], -1), out=s.reshape(W.shape[1], -1))
            s += W[0][:, None, None, None]
        return self._E(s)

    def _E(self, s):
        """Mean error over the data; s = s^(L), (d^(L), R_chunk, C or 1, N), is overwritten."""
        if s.shape[0] == 1 and self.measure is ERROR_MEASURES["squared"]:
            # The same operations as the measure's e = Σ (x^(L) − y)² and np.mean, in place.
            x = self.output.theta(s[0], out=s[0])
            x -= self.Y[:, 0]
            x *= x
            return np.add.reduce(x, axis=-1) / x.shape[-1]
        s_L = np.moveaxis(s, 0, -1)  # (R_chunk, C or 1, N, d^(L)): the measures' layout
        e = self.measure.pointwise(s_L, self.output.theta(s_L), self.Y)
        return np.mean(e, axis=-1)


class _Bump:
    """Hands out consecutive pieces of a work array, as arrays of a given shape."""

    def __init__(self, work):
        self.work, self.used = work, 0

    def __call__(self, shape) -> np.ndarray:
        n = math.prod(shape)
        piece = self.work[self.used : self.used + n].reshape(shape)
        self.used += n
        return piece
