"""The lecture's algorithm box, literally: one data point, a loop over layers.

This is the readable reference; ``nbtools.gradient`` computes the same numbers
for a whole batch at once and is tested against it.
"""

from __future__ import annotations

import numpy as np

from .data_checks import prepare_X, prepare_y
from .layers import Layers
from .measures import get_error_measure


def backprop_one_point(net, x, y, error: str = "squared") -> dict:
    """Backpropagation for one data point (x, y), step by step as in the notes.

    Step 0 runs forward propagation and saves s^(l), x^(l); step 1 initialises
    δ^(L); steps 2-4 loop l = L-1, ..., 1 applying equation (2); finally
    equation (1) gives ∂e/∂W^(l) = x^(l-1) (δ^(l))ᵀ.

    Returns
    -------
    dict
        ``x`` (list, l = 0..L), ``s``, ``delta``, ``G`` (Layers, l = 1..L), ``e`` (float).
    """
    measure = get_error_measure(error)
    x0, single = prepare_X(net, x, name="x")
    if not single:
        raise ValueError(f"x must be one point of shape ({net.d[0]},); got shape {np.shape(x)}")
    y = prepare_y(net, y, 1, True, measure)[0]
    L = net.L

    # 0: forward propagation, saving s^(l) for l = 1..L and x^(l) for l = 0..L.
    x = [np.concatenate(([1.0], x0[0]))]
    s = [None]  # there is no s^(0); keeps s[l] aligned with the lecture
    for ell in range(1, L + 1):
        s.append(net.W[ell].T @ x[ell - 1])  # s^(l) = (W^(l))ᵀ x^(l-1)
        theta = net.activation(ell).theta(s[ell])
        x.append(theta if ell == L else np.concatenate(([1.0], theta)))

    # 1: initialisation, δ^(L) = ∂e/∂s^(L) (squared error: 2 (x^(L) − y) θ'(s^(L))).
    delta = [None] * (L + 1)
    delta[L] = measure.delta_L(s[L], x[L], y, net.output)

    # 2: for l = L-1 down to 1 (back-propagation)
    for ell in range(L - 1, 0, -1):
        # 3: θ'(s^(l)) from the saved outputs, e.g. [1 − x^(l) ⊗ x^(l)]_1^{d^(l)} for tanh
        theta_prime = net.hidden.theta_prime(x[ell])[1:]
        # 4: δ^(l) = θ'(s^(l)) ⊗ [W^(l+1) δ^(l+1)]_1^{d^(l)}
        delta[ell] = theta_prime * (net.W[ell + 1] @ delta[ell + 1])[1:]

    # (1): ∂e/∂W^(l) = x^(l-1) (δ^(l))ᵀ, an outer product of shape (d^(l-1)+1, d^(l))
    G = [np.outer(x[ell - 1], delta[ell]) for ell in range(1, L + 1)]
    e = float(measure.pointwise(s[L], x[L], y))
    return {"x": x, "s": Layers(s[1:], "s"), "delta": Layers(delta[1:], "delta"), "G": Layers(G, "G"), "e": e}


def gradient_point_by_point(net, X, y, error: str = "squared") -> tuple[float, Layers]:
    """E and ∂E/∂W^(l) = (1/N) Σ_n ∂e_n/∂W^(l) by running the algorithm box on each point."""
    measure = get_error_measure(error)
    X2, single = prepare_X(net, X)
    Y = prepare_y(net, y, X2.shape[0], single, measure)
    N = X2.shape[0]
    G = [np.zeros_like(W) for W in net.W]
    E = 0.0
    for x_n, y_n in zip(X2, Y):
        result = backprop_one_point(net, x_n, y_n, error=error)
        E += result["e"] / N
        for ell in range(net.L):
            G[ell] += result["G"][ell + 1] / N
    return E, Layers(G, "G")
