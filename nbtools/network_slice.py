"""E of a network on a 2-D slice of its weight space: two weights vary, the others stay fixed.

So that ``nbtools.descent.gradient_descent_path`` can run, and be drawn, on a
network's error surface.
"""

from __future__ import annotations

import numpy as np


class NetworkSlice:
    """E of a network as a function of two of its weights, the others fixed.

    ``E(w)`` and ``gradient(w)`` take w = (w_a, w_b) of shape (2,), so
    ``gradient_descent_path`` runs on a 2-D slice of the weight space.
    """

    def __init__(self, net, X, y, a, b, error: str = "squared"):
        from .propagation import gradient as full_gradient

        self.net = net.copy()
        self.a = self.net.check_weight("a", a)
        self.b = self.net.check_weight("b", b)
        self.X, self.y, self.error = X, y, error
        self._gradient = full_gradient
        self._last_key = None
        self.centre = np.array(
            [self.net.W[self.a[0]][self.a[1:]], self.net.W[self.b[0]][self.b[1:]]]
        )

    def _evaluate(self, w) -> tuple[float, np.ndarray]:
        # The path asks for E(w) and then ∇E(w) at the same point: one backprop serves both.
        key = (float(w[0]), float(w[1]))
        if key != self._last_key:
            self.net.W[self.a[0]][self.a[1:]] = key[0]
            self.net.W[self.b[0]][self.b[1:]] = key[1]
            E, G = self._gradient(self.net, self.X, self.y, error=self.error)
            self._last_key = key
            self._last = E, np.array([G[self.a[0]][self.a[1:]], G[self.b[0]][self.b[1:]]])
        return self._last

    def E(self, w) -> float:
        return self._evaluate(w)[0]

    def gradient(self, w) -> np.ndarray:
        return self._evaluate(w)[1]
