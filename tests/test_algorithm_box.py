"""The literal algorithm box (one point, a loop over layers) agrees with the
vectorized path, for every activation, output activation, error measure and
depth; and a batch gradient is the mean of the one-point gradients."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import ERRORS, HIDDEN, OUTPUTS, SHAPES, assert_layers_close, random_problem

import nbtools as nb

N = 5


@pytest.mark.parametrize("L", SHAPES)
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("error", ERRORS)
def test_box_equals_vectorized_path(L, hidden, output, error):
    net, X, y = random_problem(SHAPES[L], hidden, output, error, N=N, seed=10 * L)
    trace = nb.forward(net, X)
    delta = nb.backward(net, trace, y, error=error)
    e = nb.pointwise_errors(net, X, y, error=error)
    G_sum = [np.zeros_like(W) for W in net.W]
    for n in range(N):
        box = nb.backprop_one_point(net, X[n], y[n], error=error)
        assert len(box["x"]) == L + 1
        for ell in range(L + 1):
            np.testing.assert_allclose(box["x"][ell], trace.x[ell][n], rtol=1e-12, atol=1e-15)
        for ell in range(1, L + 1):
            np.testing.assert_allclose(box["s"][ell], trace.s[ell][n], rtol=1e-12, atol=1e-15)
            np.testing.assert_allclose(box["delta"][ell], delta[ell][n], rtol=1e-12, atol=1e-15)
            # (1): ∂e/∂W^(l) is the outer product x^(l-1) (δ^(l))ᵀ of this point
            np.testing.assert_allclose(
                box["G"][ell], np.outer(trace.x[ell - 1][n], delta[ell][n]), rtol=1e-12, atol=1e-15
            )
            G_sum[ell - 1] += box["G"][ell]
        assert box["e"] == pytest.approx(e[n], rel=1e-12)
    # ∂E/∂W^(l) = (1/N) Σ_n ∂e_n/∂W^(l)
    E, G = nb.gradient(net, X, y, error=error)
    assert_layers_close(G, [None] + [g / N for g in G_sum], L)
    assert E == pytest.approx(np.mean(e), rel=1e-12)


@pytest.mark.parametrize("L", SHAPES)
@pytest.mark.parametrize("hidden", HIDDEN)
def test_point_by_point_gradient_equals_batch_gradient(L, hidden):
    net, X, y = random_problem(SHAPES[L], hidden, "tanh", N=8, seed=L + 20)
    E_loop, G_loop = nb.gradient_point_by_point(net, X, y)
    E, G = nb.gradient(net, X, y)
    assert_layers_close(G_loop, G, L)
    assert E_loop == pytest.approx(E, rel=1e-12)


@pytest.mark.parametrize("L", SHAPES)
def test_batch_gradient_is_mean_of_one_point_gradients(L):
    """Through the public vectorized API alone: one point at a time, then all at once."""
    net, X, y = random_problem(SHAPES[L], "tanh", "identity", N=6, seed=L + 30)
    singles = [nb.gradient(net, X[n], y[n]) for n in range(6)]
    E, G = nb.gradient(net, X, y)
    assert E == pytest.approx(np.mean([E_n for E_n, _ in singles]), rel=1e-12)
    mean = [None] + [np.mean([G_n[ell] for _, G_n in singles], axis=0) for ell in range(1, L + 1)]
    assert_layers_close(G, mean, L)


@pytest.mark.parametrize("L", SHAPES)
def test_box_shapes(L):
    d = SHAPES[L]
    net, X, y = random_problem(d, N=1)
    box = nb.backprop_one_point(net, X[0], y[0])
    # x^(l) = [1; θ(s^(l))] for l < L, x^(L) = θ(s^(L)) without bias entry
    assert [a.shape for a in box["x"]] == [(d[ell] + 1,) for ell in range(L)] + [(d[L],)]
    assert all(box["x"][ell][0] == 1.0 for ell in range(L))
    for ell in range(1, L + 1):
        assert box["s"][ell].shape == box["delta"][ell].shape == (d[ell],)
        assert box["G"][ell].shape == net.W[ell].shape
    assert isinstance(box["e"], float)


def test_box_rejects_a_batch():
    net, X, y = random_problem((2, 3, 1), N=4)
    with pytest.raises(
        ValueError, match=r"x must be one point of shape \(2,\); got shape \(4, 2\)"
    ):
        nb.backprop_one_point(net, X, y)
