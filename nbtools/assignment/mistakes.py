"""Forward propagation, backpropagation and the gradient with a chosen mistake.

Per point, one layer at a time, as a student would write it. With no flag set
each function is right (tests compare it with nbtools); each flag makes one of
the mistakes students make, so a check can tell which one a wrong answer
matches. Only tanh networks with the squared error (the lecture's). Per-layer
lists are indexed as in the lecture: s[1..L], delta[1..L], G[1..L] (LayerList).
"""

from __future__ import annotations

import numpy as np

from .layer_list import LayerList


def forward(W, x, bias=1.0, bias_last=False, transpose=False, theta_hidden=True, theta_output=True,
            theta_on_bias=False, s_after_theta=False):
    """x^(0..L) and s^(1..L) of one point, with a chosen mistake."""
    L = len(W)

    def with_bias(v):
        return np.append(v, bias) if bias_last else np.concatenate(([bias], v))

    xs, ss = [with_bias(np.asarray(x, dtype=float))], LayerList()
    for ell in range(1, L + 1):
        s = W[ell] @ xs[-1] if transpose else W[ell].T @ xs[-1]
        apply = theta_output if ell == L else theta_hidden
        out = np.tanh(s) if apply else s
        ss.append(out if s_after_theta else s)
        if ell == L:
            xs.append(out)
        else:
            xs.append(np.tanh(with_bias(s)) if theta_on_bias else with_bias(out))
    return xs, ss


def backward(W, xs, y, factor=2.0, sign=1.0, output_derivative=True, hidden_derivative=True,
             derivative="x", drop="first", transpose=False):
    """δ^(1..L) of one point from x^(0..L), with a chosen mistake.

    derivative: "x" (1 − x⊗x, right), "tanh_again" (1 − tanh²(x)), "linear" (1 − x),
    "s" (1 − s⊗s), "with_bias" (from x^(ℓ) with its bias entry, last entry dropped).
    """
    L = len(W)

    def theta_prime(ell, x):
        if derivative == "tanh_again":
            return 1.0 - np.tanh(x) ** 2
        if derivative == "linear":
            return 1.0 - x
        if derivative == "s":
            s = W[ell].T @ xs[ell - 1]
            return 1.0 - s * s
        return 1.0 - x * x

    x_L = xs[L]
    delta = factor * sign * (x_L - np.asarray(y, dtype=float))
    if output_derivative:
        delta = delta * theta_prime(L, x_L)
    deltas = LayerList([None] * L)
    deltas[L] = delta
    for ell in range(L - 1, 0, -1):
        back = (W[ell + 1].T if transpose else W[ell + 1]) @ deltas[ell + 1]
        back = back[1:] if drop == "first" else back[:-1]
        x = xs[ell][:-1] if derivative == "with_bias" else xs[ell][1:]
        deltas[ell] = back * (theta_prime(ell, x) if hidden_derivative else 1.0)
    return deltas


def gradient(W, X, Y, mean_G=True, mean_E=True, transpose_G=False, only="all", sign_G=1.0,
             E_mean_outputs=False, **backward_flags):
    """E and ∂E/∂W^(1..L) of a batch by (1), summing per point, with a chosen mistake."""
    N, L = len(X), len(W)
    points = {"all": range(N), "last": [N - 1], "first": [0]}[only]
    G = LayerList([np.zeros_like(W[ell]) for ell in range(1, L + 1)])
    E = 0.0
    for n in points:
        xs, _ = forward(W, X[n])
        error = (xs[L] - Y[n]) ** 2
        E += float(np.mean(error) if E_mean_outputs else np.sum(error))
        deltas = backward(W, xs, Y[n], **backward_flags)
        for ell in range(1, L + 1):
            G[ell] += np.outer(xs[ell - 1], deltas[ell])
    if mean_G:
        G = [g / N for g in G]
    if transpose_G:
        G = [g.T for g in G]
    return E / N if mean_E else E, LayerList([sign_G * g for g in G])
