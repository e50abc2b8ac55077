"""The gradient by central differences, to check backpropagation against."""

from __future__ import annotations

import numpy as np

from ._checks import check_real
from .data_checks import prepare_X, prepare_y
from .layers import Layers
from .measures import get_error_measure
from .propagation import mean_error


def numerical_gradient(net, X, y, error: str = "squared", h: float = 1e-5) -> Layers:
    """∂E/∂W^(l) by central differences, (E(w + h) − E(w − h)) / 2h, for checking.

    Costs 2 forward passes per weight. Accurate to about 1e-8 relative with
    the default h = 1e-5 (truncation error ~h², round-off ~1e-16/h).
    """
    h = check_real("h", h, positive=True)
    measure = get_error_measure(error)
    X2, single = prepare_X(net, X)
    Y = prepare_y(net, y, X2.shape[0], single, measure)
    probe = net.copy()

    def E_at() -> float:
        return mean_error(probe, X2, Y, measure)

    G = []
    for ell, W in probe.W.items():
        g = np.empty_like(W)
        for index in np.ndindex(W.shape):
            saved = W[index]
            W[index] = saved + h
            e_plus = E_at()
            W[index] = saved - h
            e_minus = E_at()
            W[index] = saved
            g[index] = (e_plus - e_minus) / (2.0 * h)
        G.append(g)
    return Layers(G, "G")
