"""forward / backward / gradient / error: shapes, one point versus a batch, and
agreement with a reference written here from the lecture's equations.

The reference uses its own θ, θ′ (as functions of s) and e, so a wrong entry
in the library's activation or error tables shows up as a mismatch.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import ERRORS, HIDDEN, OUTPUTS, SHAPES, assert_layers_close, random_problem

import nbtools as nb

# θ(s) and θ′(s), written from their definitions.
THETA = {
    "tanh": (np.tanh, lambda s: 1.0 / np.cosh(s) ** 2),
    "identity": (lambda s: s, np.ones_like),
    "sigmoid": (lambda s: 1.0 / (1.0 + np.exp(-s)), lambda s: np.exp(-s) / (1.0 + np.exp(-s)) ** 2),
    "relu": (lambda s: np.where(s > 0, s, 0.0), lambda s: (s > 0).astype(float)),
}
# e(s^(L), y) and ∂e/∂x^(L) for the squared error, ∂e/∂s^(L) for the logistic one.
ERROR = {
    "squared": lambda s, x, y: np.sum((x - y) ** 2, axis=-1),
    "logistic": lambda s, x, y: np.sum(np.log(1.0 + np.exp(-y * s)), axis=-1),
}


def reference(net, X, Y, error="squared"):
    """x^(0..L), s^(1..L), δ^(1..L), G^(1..L), E for a batch, one point at a time."""
    L = net.L
    xs, ss, ds, Gs, es = [], [], [], [], []
    for x_n, y_n in zip(X, Y):
        theta = [THETA[net.activation(ell).name] for ell in range(1, L + 1)]
        x = [np.concatenate(([1.0], x_n))]
        s = []
        for ell in range(1, L + 1):
            s.append(net.W[ell].T @ x[-1])  # s^(l) = (W^(l))ᵀ x^(l-1)
            out = theta[ell - 1][0](s[-1])
            x.append(out if ell == L else np.concatenate(([1.0], out)))
        if error == "squared":  # δ^(L) = 2 (x^(L) − y) θ′(s^(L))
            delta = [2 * (x[L] - y_n) * theta[L - 1][1](s[L - 1])]
        else:  # d/ds ln(1 + e^{−ys}) = −y / (1 + e^{ys})
            delta = [-y_n / (1.0 + np.exp(y_n * s[L - 1]))]
        for ell in range(L - 1, 0, -1):  # (2)
            delta.insert(0, theta[ell - 1][1](s[ell - 1]) * (net.W[ell + 1] @ delta[0])[1:])
        xs.append(x)
        ss.append(s)
        ds.append(delta)
        Gs.append([np.outer(x[ell - 1], delta[ell - 1]) for ell in range(1, L + 1)])  # (1)
        es.append(ERROR[error](s[L - 1], x[L], y_n))
    stack = lambda per_point, ell: np.array([p[ell] for p in per_point])  # noqa: E731
    return {
        "x": [stack(xs, ell) for ell in range(L + 1)],
        "s": [None] + [stack(ss, ell) for ell in range(L)],
        "delta": [None] + [stack(ds, ell) for ell in range(L)],
        "G": [None] + [np.mean([g[ell] for g in Gs], axis=0) for ell in range(L)],
        "E": float(np.mean(es)),
    }


def expected_shapes(d, N=None):
    """Shapes of x[0..L], s[1..L] (= delta) for one point (N None) or a batch."""
    L = len(d) - 1
    lead = () if N is None else (N,)
    x = [lead + (d[ell] + (ell < L),) for ell in range(L + 1)]
    s = [lead + (d[ell],) for ell in range(1, L + 1)]
    return x, s


@pytest.mark.parametrize("name", HIDDEN)
def test_activation_table(name):
    """θ matches its definition; θ′ written from x = θ(s) matches dθ/ds."""
    act = nb.ACTIVATIONS[name]
    s = np.concatenate([np.linspace(-6, -0.01, 50), np.linspace(0.01, 6, 50)])
    theta, theta_prime = THETA[name]
    np.testing.assert_allclose(act.theta(s), theta(s), rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(
        act.theta_prime(act.theta(s)), theta_prime(s), rtol=1e-12, atol=1e-15
    )
    h = 1e-6
    numeric = (theta(s + h) - theta(s - h)) / (2 * h)
    np.testing.assert_allclose(act.theta_prime(act.theta(s)), numeric, rtol=1e-6, atol=1e-9)
    out = np.empty_like(s)  # the in-place form writes into out and returns it
    assert act.theta(s, out=out) is out
    np.testing.assert_allclose(out, theta(s), rtol=1e-13, atol=1e-15)


def test_sigmoid_does_not_overflow():
    s = np.array([-1000.0, 1000.0])
    assert nb.ACTIVATIONS["sigmoid"].theta(s).tolist() == [0.0, 1.0]


@pytest.mark.parametrize("L", SHAPES)
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("error", ERRORS)
def test_batch_matches_reference(L, hidden, output, error):
    d = SHAPES[L]
    net, X, y = random_problem(d, hidden, output, error, N=6, seed=L)
    ref = reference(net, X, y, error)
    trace = nb.forward(net, X)
    assert not trace.single
    for ell in range(L + 1):
        np.testing.assert_allclose(trace.x[ell], ref["x"][ell], rtol=1e-12, atol=1e-14)
    assert_layers_close(trace.s, ref["s"], L)
    assert_layers_close(nb.backward(net, trace, y, error=error), ref["delta"], L)
    E, G = nb.gradient(net, X, y, error=error)
    assert_layers_close(G, ref["G"], L)
    assert E == pytest.approx(ref["E"], rel=1e-12)
    assert nb.error(net, X, y, error=error) == pytest.approx(ref["E"], rel=1e-12)


@pytest.mark.parametrize("L", SHAPES)
def test_shapes_one_point_and_batch(L):
    d = SHAPES[L]
    net, X, y = random_problem(d, N=5)
    for N, x, target in [(None, X[0], y[0]), (5, X, y)]:
        x_shapes, s_shapes = expected_shapes(d, N)
        trace = nb.forward(net, x)
        assert trace.single == (N is None)
        assert [a.shape for a in trace.x] == x_shapes
        assert [trace.s[ell].shape for ell in range(1, L + 1)] == s_shapes
        delta = nb.backward(net, trace, target)
        assert [delta[ell].shape for ell in range(1, L + 1)] == s_shapes
        E, G = nb.gradient(net, x, target)
        assert isinstance(E, float)
        assert [G[ell].shape for ell in range(1, L + 1)] == [
            net.W[ell].shape for ell in range(1, L + 1)
        ]
        e = nb.pointwise_errors(net, x, target)
        assert e.shape == (() if N is None else (N,))
        # x^(l) carries the bias entry 1 first for l < L, and x^(L) = h has none.
        for ell in range(L):
            assert np.all(trace.x[ell][..., 0] == 1.0)
        assert trace.h is trace.x[L]


@pytest.mark.parametrize("L", SHAPES)
def test_one_point_equals_its_row_of_a_batch(L):
    net, X, y = random_problem(SHAPES[L], hidden="sigmoid", N=4, seed=3)
    batch = nb.forward(net, X)
    delta_batch = nb.backward(net, batch, y)
    for n in range(4):
        one = nb.forward(net, X[n])
        delta = nb.backward(net, one, y[n])
        for ell in range(L + 1):
            np.testing.assert_allclose(one.x[ell], batch.x[ell][n], rtol=1e-12, atol=1e-15)
        for ell in range(1, L + 1):
            np.testing.assert_allclose(one.s[ell], batch.s[ell][n], rtol=1e-12, atol=1e-15)
            np.testing.assert_allclose(delta[ell], delta_batch[ell][n], rtol=1e-12, atol=1e-15)


def test_error_is_mean_of_pointwise_errors():
    net, X, y = random_problem((2, 3, 1), N=9, seed=5)
    e = nb.pointwise_errors(net, X, y)
    h = nb.forward(net, X).h
    np.testing.assert_allclose(e, (h[:, 0] - y[:, 0]) ** 2, rtol=1e-13)
    assert nb.error(net, X, y) == pytest.approx(e.sum() / 9, rel=1e-13)
    assert nb.error(net, X, y, error="squared") == nb.error(net, X, y)  # the default


def test_target_forms_agree():
    """y for d^(L) = 1: a number or (1,) for one point; (N,) or (N, 1) for a batch."""
    net, X, y = random_problem((2, 3, 1), N=4, seed=6)
    E_col, G_col = nb.gradient(net, X, y)  # (N, 1)
    E_flat, G_flat = nb.gradient(net, X, y[:, 0])  # (N,)
    assert E_col == E_flat
    assert_layers_close(G_col, G_flat, 2, rtol=0, atol=0)
    E_num, G_num = nb.gradient(net, X[0], float(y[0, 0]))
    E_vec, G_vec = nb.gradient(net, X[0], y[0])
    assert E_num == E_vec
    assert_layers_close(G_num, G_vec, 2, rtol=0, atol=0)


def test_scalar_input_for_one_feature():
    net, X, y = random_problem((1, 2, 1), N=1, seed=7)
    a = nb.forward(net, float(X[0, 0]))
    b = nb.forward(net, X[0])
    assert a.single and b.single
    np.testing.assert_array_equal(a.h, b.h)


@pytest.mark.parametrize("error", ERRORS)
def test_network_and_data_unchanged(error):
    net, X, y = random_problem((2, 4, 1), error=error, N=5, seed=8)
    W_before, X_before, y_before = [w.copy() for w in net.W], X.copy(), y.copy()
    nb.gradient(net, X, y, error=error)
    nb.numerical_gradient(net, X, y, error=error)
    nb.backward(net, nb.forward(net, X), y, error=error)
    for ell in range(1, 3):
        np.testing.assert_array_equal(net.W[ell], W_before[ell - 1])
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)


def test_trace_of_another_network_is_rejected():
    net, X, y = random_problem((2, 3, 1), N=3)
    other = nb.Network.random((3, 3, 1), seed=1)
    with pytest.raises(ValueError, match="trace"):
        nb.backward(net, nb.forward(other, np.zeros((3, 3))), y)
    with pytest.raises(TypeError, match="trace"):
        nb.backward(net, {"x": X}, y)
