"""E and ∂E/∂W^(l) on a mini-batch of a few points, in buffers kept between iterations.

Stochastic gradient descent makes N iterations per epoch on one point each;
there the cost of a gradient is not arithmetic (a (2, 8, 1) network has 33
weights) but the number of numpy calls and the arrays each one allocates.
``FewPoints`` keeps every weight in one flat array (the network's W^(l) are
views of it) and writes the gradient into another, and keeps, for each batch
size it has seen, the signals with their bias entry in place:
x^(l) = [1; θ(s^(l))] as a row (n, d^(l)+1) whose column 0 stays 1. Then a
layer forward is one product and one θ, and a layer's whole gradient, bias
row included, is one product (1): ∂E/∂W^(l) = (1/n) X^(l-1)ᵀ Δ^(l). The
equations are those of ``propagation`` with the points on axis 0 (the
lecture's per-point formulas transposed: S^(l) = X^(l-1) W^(l)).
"""

from __future__ import annotations

import numpy as np

from .activations import ACTIVATIONS
from .propagation import _mean

#: Up to this mini-batch size ``GradientDescent`` uses ``FewPoints``; larger
#: batches are faster in the layout of ``propagation._batch_gradient``.
FEW = 32


class FewPoints:
    """Gradient on a few points of ``net``, whose weights it moves into one flat array.

    Parameters
    ----------
    net : Network
        Owned by the caller's gradient descent (its W^(l) become views of ``w``).
    measure : ErrorMeasure
    X : ndarray of shape (N, d^(0))
        The training inputs; kept as X^(0) = [1, X] of shape (N, d^(0)+1).

    Attributes
    ----------
    w, g : ndarray of shape (number of weights,)
        All weights, and the last gradient, layer after layer (row-major).
    """

    def __init__(self, net, measure, X: np.ndarray):
        self.net, self.measure = net, measure
        self.X0 = np.hstack([np.ones((X.shape[0], 1)), X])  # (N, d0) -> (N, d0+1)
        shapes = [W.shape for W in net.W]
        offsets = np.cumsum([0] + [rows * cols for rows, cols in shapes])
        self.w, self.g = np.empty(offsets[-1]), np.empty(offsets[-1])
        self.w_new, self.scratch = np.empty_like(self.w), np.empty_like(self.w)

        def views(flat):
            return [flat[a:b].reshape(shape) for a, b, shape in zip(offsets, offsets[1:], shapes)]

        self.W, self.G, self.W_new = views(self.w), views(self.g), views(self.w_new)
        for W, old in zip(self.W, net.W):
            W[...] = old
        net.W.replace(self.W)
        self.tanh = net.hidden.theta_prime is ACTIVATIONS["tanh"].theta_prime
        self._signals: dict[int, tuple] = {}

    def _buffers(self, n: int) -> tuple:
        """For batches of n points: x^(l) = [1, θ(s^(l))] for l = 1..L-1 (column 0
        stays 1), s^(L), x^(L), and the backward products W^(l)[1:] δ^(l)."""
        if n not in self._signals:
            hidden = [np.ones((n, W.shape[1] + 1)) for W in self.W[:-1]]
            d_L = self.W[-1].shape[1]
            backs = [np.empty((n, W.shape[0] - 1)) for W in self.W]
            self._signals[n] = (hidden, np.empty((n, d_L)), np.empty((n, d_L)), backs)
        return self._signals[n]

    def gradient(self, batch: np.ndarray, Y: np.ndarray) -> float:
        """E on the points ``batch`` (indices into X) with targets Y of shape (n, d^(L));
        ∂E/∂W^(l) into ``G``.

        No checks: the caller has checked the data. Weights set on the network
        from outside (``net.W[l] = ...``) are taken over first.
        """
        net, W = self.net, self.W
        if any(a is not b for a, b in zip(net.W, W)):  # replaced from outside
            for mine, theirs in zip(W, list(net.W)):
                mine[...] = theirs
            net.W.replace(W)
        n, L = len(batch), len(W)
        hidden, s_L, x_L, backs = self._buffers(n)
        xs = [self.X0[batch], *hidden]  # x^(0..L-1), each with its column of ones
        for ell in range(L - 1):
            # s^(l) = X^(l-1) W^(l), written where θ(s^(l)) goes: x^(l) without its 1
            s = np.matmul(xs[ell], W[ell], out=xs[ell + 1][:, 1:])
            net.hidden.theta(s, out=s)
        np.matmul(xs[-1], W[-1], out=s_L)
        net.output.theta(s_L, out=x_L)
        E = _mean(self.measure.pointwise(s_L, x_L, Y))
        delta = self.measure.delta_L(s_L, x_L, Y, net.output)
        for ell in range(L - 1, -1, -1):
            # (1) for the batch, bias row included: X^(l-1)ᵀ Δ^(l) (divided by n below)
            np.matmul(xs[ell].T, delta, out=self.G[ell])
            if ell == 0:
                break
            # (2): δ^(l-1) = θ'(s^(l-1)) ⊗ [W^(l) δ^(l)] without the bias row
            back = np.matmul(delta, W[ell][1:].T, out=backs[ell])
            x = xs[ell][:, 1:]  # no longer needed after (1): θ' overwrites it
            if self.tanh:
                np.multiply(x, x, out=x)
                np.subtract(1.0, x, out=x)
                x *= back
                delta = x
            else:
                delta = net.hidden.theta_prime(x)
                delta *= back
        if n > 1:
            self.g /= n
        return E

    def proposed_step(self, eta: float) -> float:
        """W − η ∂E/∂W into ``W_new`` (the network keeps its weights); returns max |weight| of it."""
        np.multiply(self.g, eta, out=self.scratch)
        np.subtract(self.w, self.scratch, out=self.w_new)
        return float(np.abs(self.w_new, out=self.scratch).max())

    def take_step(self) -> None:
        """The network's weights become ``W_new`` (in place: W^(l) stay the same arrays)."""
        self.w[...] = self.w_new
