"""The checks of notebook 08 on wrong and right student code.

Each check is fed at least 8 distinct wrong implementations (the mistakes of
the issue and more) and must print a hint naming the layer and the likely
cause; right implementations written unlike nbtools (loops, einsum) must pass.
No check may raise, whatever the student's function does.
"""

from __future__ import annotations

import numpy as np
import pytest

import nbtools as nb
from nbtools.assignment import (LayerList, check_backward, check_batch_step, check_forward,
                                check_gradient, check_minibatch_step, check_sgd_step, check_training)
from nbtools.assignment import mistakes as m
from nbtools.assignment.cases import batch_cases, point_cases


def run(check, fn, capsys, *args, **kwargs):
    """What ``check(fn, ...)`` returns and prints."""
    ok = check(fn, *args, **kwargs)
    return ok, capsys.readouterr().out


# ---- the reference mistakes agree with nbtools when no mistake is chosen ----

def test_reference_agrees_with_nbtools():
    for case in batch_cases():
        E, G = nb.gradient(case.net, case.X, case.Y)
        E2, G2 = m.gradient(case.W, case.X, case.Y)
        assert np.isclose(E, E2) and all(np.allclose(a, b) for a, b in zip(G, G2))


# ---- forward ----

def forward_loops(W, x):
    """Right, entry by entry with loops."""
    xs, ss = [[1.0] + list(x)], []
    for ell in range(1, len(W) + 1):
        w = np.asarray(W[ell])
        s = [sum(w[i, j] * xs[-1][i] for i in range(w.shape[0])) for j in range(w.shape[1])]
        ss.append(np.array(s))
        t = [float(np.tanh(v)) for v in s]
        xs.append(t if ell == len(W) else [1.0] + t)
    return [np.array(v) for v in xs], [None] + ss


def forward_einsum(W, x):
    xs, ss = [np.r_[1.0, x]], []
    for ell in range(1, len(W) + 1):
        ss.append(np.einsum("ij,i->j", W[ell], xs[-1]))
        xs.append(np.tanh(ss[-1]) if ell == len(W) else np.r_[1.0, np.tanh(ss[-1])])
    return tuple(xs), (None, *ss)   # a tuple with entry 0 None: s[1]..s[L]


@pytest.mark.parametrize("fn", [m.forward, forward_loops, forward_einsum])
def test_forward_right(fn, capsys):
    ok, out = run(check_forward, fn, capsys)
    assert ok and "correct" in out


WRONG_FORWARD = [
    (lambda W, x: m.forward(W, x, bias=0.0), "x[0][0]", "bias entry x_0 = 1 is missing"),
    (lambda W, x: m.forward(W, x, bias_last=True), "x[0]", "put last"),
    (lambda W, x: m.forward(W, x, theta_hidden=False), "x[1]", "not applied in the hidden"),
    (lambda W, x: m.forward(W, x, theta_output=False), "x[3]", "not applied in the output"),
    (lambda W, x: m.forward(W, x, theta_on_bias=True), "x[1][0]", "applied to the bias entry"),
    (lambda W, x: m.forward(W, x, s_after_theta=True), "s[1]", "instead of the signal before"),
    (lambda W, x: m.forward(W, x, transpose=True), "raised ValueError", "shape mismatch"),
    (lambda W, x: (m.forward(W, x)[0][1:], m.forward(W, x)[1]), "x (the first list returned) has 3 entries", "want 4"),
    (lambda W, x: None, "got None", "forward"),
    (lambda W, x: 1 / 0, "ZeroDivisionError", "forward"),
    (lambda W, x: ([np.full(2, np.nan)] * 4, [np.zeros(2)] * 3), "NaN", "x[0]"),
    (lambda W, x: (m.forward(W, x)[0][:-1] + [m.forward(W, x)[0][-1][None]], m.forward(W, x)[1]),
     "x[3] has shape (1, 1)", "extra leading axis"),
]


@pytest.mark.parametrize("fn, where, cause", WRONG_FORWARD)
def test_forward_wrong(fn, where, cause, capsys):
    ok, out = run(check_forward, fn, capsys)
    assert not ok and where in out and cause in out, out


# ---- backward ----

def backward_loops(W, xs, y):
    L = len(W)
    deltas = {L: np.array([2 * (xs[L][j] - y[j]) * (1 - xs[L][j] ** 2) for j in range(len(y))])}
    for ell in range(L - 1, 0, -1):
        w = np.asarray(W[ell + 1])
        deltas[ell] = np.array([(1 - xs[ell][i] ** 2) * sum(w[i, j] * deltas[ell + 1][j] for j in range(w.shape[1]))
                                for i in range(1, w.shape[0])])
    return [None] + [deltas[ell] for ell in range(1, L + 1)]   # entry 0 None: delta[1]..delta[L]


def backward_einsum(W, xs, y):
    L = len(W)
    out = [None] * (L + 1)
    out[L] = 2 * (xs[L] - y) * (1 - xs[L] ** 2)
    for ell in range(L - 1, 0, -1):
        out[ell] = (1 - xs[ell][1:] ** 2) * np.einsum("ij,j->i", W[ell + 1][1:], out[ell + 1])
    return out


@pytest.mark.parametrize("fn", [m.backward, backward_loops, backward_einsum])
def test_backward_right(fn, capsys):
    ok, out = run(check_backward, fn, capsys)
    assert ok and "correct" in out


def _b(**flags):
    return lambda W, xs, y: m.backward(W, xs, y, **flags)


WRONG_BACKWARD = [
    (_b(factor=1.0), "delta[3]", "missing the factor 2"),
    (_b(sign=-1.0), "delta[3]", "sign of δ^(L) is flipped"),
    (_b(output_derivative=False), "delta[3]", "δ^(L) is missing θ'"),
    (_b(hidden_derivative=False), "delta[2]", "hidden δ^(ℓ) is missing θ'"),
    (_b(derivative="s"), "delta[3]", "taken from s instead of x"),
    (_b(derivative="tanh_again"), "delta[3]", "tanh is applied twice"),
    (_b(derivative="linear"), "delta[3]", "1 − x instead of 1 − x⊗x"),
    (_b(drop="last"), "delta[2]", "the bias row dropped is the last one"),
    (_b(derivative="with_bias"), "delta[2]", "with its bias entry"),
    (lambda W, xs, y: [None] + list(m.backward(W, xs, y))[:-1] + [np.zeros(1)], "delta[3]", "expected"),
    (lambda W, xs, y: [None] + [np.r_[0.0, d] for d in m.backward(W, xs, y)], "delta[3] has shape (2,)", "bias row"),
    (lambda W, xs, y: xs[99], "IndexError", "off by one"),
]


@pytest.mark.parametrize("fn, where, cause", WRONG_BACKWARD)
def test_backward_wrong(fn, where, cause, capsys):
    ok, out = run(check_backward, fn, capsys)
    assert not ok and where in out and cause in out, out


def test_backward_transposed_is_caught(capsys):
    ok, out = run(check_backward, _b(transpose=True), capsys)
    assert not ok and ("transposed" in out or "shape" in out), out


# ---- gradient ----

def gradient_einsum(W, X, Y):
    L, N = len(W), len(X)
    xs = [np.c_[np.ones(N), X]]
    for ell in range(1, L + 1):
        t = np.tanh(np.einsum("ni,ij->nj", xs[-1], W[ell]))
        xs.append(t if ell == L else np.c_[np.ones(N), t])
    delta = 2 * (xs[L] - Y) * (1 - xs[L] ** 2)
    G = [None] * (L + 1)   # G[0] unused
    for ell in range(L, 0, -1):
        G[ell] = np.einsum("ni,nj->ij", xs[ell - 1], delta) / N
        if ell > 1:
            delta = (1 - xs[ell - 1][:, 1:] ** 2) * np.einsum("ij,nj->ni", W[ell][1:], delta)
    return float(np.mean(np.sum((xs[L] - Y) ** 2, axis=1))), G


def gradient_with_nbtools_points(W, X, Y):
    total, G = 0.0, None
    for x, y in zip(X, Y):
        xs, _ = forward_loops(W, x)
        ds = backward_loops(W, xs, y)
        g = [np.outer(xs[ell - 1], ds[ell]) for ell in range(1, len(W) + 1)]
        G = g if G is None else [a + b for a, b in zip(G, g)]
        total += float(np.sum((xs[-1] - y) ** 2))
    return total / len(X), LayerList([g / len(X) for g in G])


@pytest.mark.parametrize("fn", [m.gradient, gradient_einsum, gradient_with_nbtools_points])
def test_gradient_right(fn, capsys):
    ok, out = run(check_gradient, fn, capsys)
    assert ok and "correct" in out


def _g(**flags):
    return lambda W, X, Y: m.gradient(W, X, Y, **flags)


WRONG_GRADIENT = [
    (_g(mean_G=False, mean_E=False), "E is", "sum over N instead of the mean"),
    (_g(mean_G=False), "G[1]", "summed over N but E is the mean"),
    (_g(transpose_G=True), "G[1]", "gradient is transposed"),
    (_g(only="last"), "E is", "only the last point"),
    (_g(only="first"), "E is", "only the first point"),
    (_g(sign_G=-1.0), "G[1]", "sign is flipped"),
    (_g(factor=1.0), "G[1]", "missing the factor 2"),
    (_g(derivative="s"), "G[1]", "taken from s instead of x"),
    (_g(E_mean_outputs=True), "E is", "averages over the outputs"),
    (lambda W, X, Y: (np.zeros(len(X)), m.gradient(W, X, Y)[1]), "E should be one number", "scalar"),
    (lambda W, X, Y: m.gradient(W, X, Y)[1], "should return (E, G)", "gradient"),
    (lambda W, X, Y: (1.0, "G"), "G (the second value returned)", "list of arrays"),
]


@pytest.mark.parametrize("fn, where, cause", WRONG_GRADIENT)
def test_gradient_wrong(fn, where, cause, capsys):
    ok, out = run(check_gradient, fn, capsys)
    assert not ok and where in out and cause in out, out


# ---- steps and training ----

def _update(W, X, Y, eta, scale=1.0, sign=1.0, layers=None):
    E, G = gradient_einsum(W, X, Y)
    L = len(W)
    layers = range(1, L + 1) if layers is None else layers
    return LayerList([W[ell] - (sign * scale * eta * G[ell] if ell in layers else 0) for ell in range(1, L + 1)])


def batch_right(W, X, Y, eta):
    return _update(W, X, Y, eta)


def sgd_right(W, X, Y, eta, n):
    return _update(W, X[[n]], Y[[n]], eta)


def minibatch_right(W, X, Y, eta, batch):
    return _update(W, X[batch], Y[batch], eta)


def test_steps_right(capsys):
    assert check_batch_step(batch_right) and check_sgd_step(sgd_right) and check_minibatch_step(minibatch_right)
    assert capsys.readouterr().out.count("correct") == 3


WRONG_STEPS = [
    (check_batch_step, lambda W, X, Y, eta: _update(W, X, Y, eta, sign=-1), "W[1]", "uphill"),
    (check_batch_step, lambda W, X, Y, eta: _update(W, X, Y, eta, scale=1 / eta), "W[1]", "η is missing"),
    (check_batch_step, lambda W, X, Y, eta: _update(W, X, Y, eta, layers=(len(W),)), "W[1]", "only the last layer"),
    (check_batch_step, lambda W, X, Y, eta: _update(W, X, Y, eta, layers=(1,)), "W[2]", "only the first layer"),
    (check_batch_step, lambda W, X, Y, eta: _update(W, X, Y, eta * len(X)), "W[1]", "summed over the points"),
    (check_batch_step, lambda W, X, Y, eta: None, "is None", "return"),
    (check_sgd_step, lambda W, X, Y, eta, n: _update(W, X, Y, eta), "W[1]", "whole batch"),
    (check_sgd_step, lambda W, X, Y, eta, n: _update(W, X[[n]], Y[[n]], eta, sign=-1), "W[1]", "uphill"),
    (check_minibatch_step, lambda W, X, Y, eta, b: _update(W, X[b], Y[b], eta * len(b)), "W[1]", "summed"),
    (check_minibatch_step, lambda W, X, Y, eta, b: _update(W, X, Y, eta), "W[1]", "whole batch"),
    (check_minibatch_step, lambda W, X, Y, eta, b: LayerList([w.T for w in _update(W, X[b], Y[b], eta)]), "W[1]",
     "transposed"),
    (check_minibatch_step, lambda W, X, Y, eta, b: W.nope, "AttributeError", "minibatch_step"),
]


@pytest.mark.parametrize("check, fn, where, cause", WRONG_STEPS)
def test_steps_wrong(check, fn, where, cause, capsys):
    ok, out = run(check, fn, capsys)
    assert not ok and where in out and cause in out, out


def train_right(W, X, Y, eta, epochs):
    errors = []
    for _ in range(epochs):
        errors.append(gradient_einsum(W, X, Y)[0])
        W = batch_right(W, X, Y, eta)
    return W, errors


def train_after(W, X, Y, eta, epochs):
    errors = []
    for _ in range(epochs):
        W = batch_right(W, X, Y, eta)
        errors.append(gradient_einsum(W, X, Y)[0])
    return W, errors


X8 = np.linspace(-2, 2, 8)[:, None]


@pytest.mark.parametrize("fn, ok_expected, text", [
    (train_right, True, "correct"),
    (train_after, False, "recorded after the step"),
    (lambda W, X, Y, eta, epochs: (W, []), False, "errors has shape (0,)"),
    (lambda W, X, Y, eta, epochs: train_right(W, X, Y, 2 * eta, epochs), False, "errors[1]"),
    (lambda W, X, Y, eta, epochs: None, False, "should return (W, errors)"),
])
def test_training(fn, ok_expected, text, capsys):
    net, _, _ = nb.worked_example()
    ok, out = run(check_training, fn, capsys, net.W, X8, 0.5 * np.sin(X8))
    assert ok == ok_expected and text in out, out


def test_cases_cover_shapes():
    assert {c.net.L for c in point_cases()} >= {1, 3, 4}
    assert {len(c.X) for c in batch_cases()} >= {1, 4, 5, 7}


# ---- layers numbered from 1, as in the lecture: a 0-based answer is told so ----

def _shifted_into_none_list(W, xs, y):
    """delta = [None] * (L + 1) filled at ell - 1: delta[0] holds δ^(1), delta[L] stays None."""
    right = backward_einsum(W, xs, y)
    return right[1:] + [None]


ZERO_BASED = [
    (check_forward, lambda W, x: (forward_einsum(W, x)[0], list(forward_einsum(W, x)[1][1:])), "s"),
    (check_backward, lambda W, xs, y: backward_einsum(W, xs, y)[1:], "delta"),
    (check_backward, _shifted_into_none_list, "delta"),
    (check_gradient, lambda W, X, Y: (gradient_einsum(W, X, Y)[0], tuple(gradient_einsum(W, X, Y)[1][1:])), "G"),
    (check_batch_step, lambda W, X, Y, eta: list(batch_right(W, X, Y, eta)), "W"),
    (check_training, lambda W, X, Y, eta, epochs: (list(train_right(W, X, Y, eta, epochs)[0]),
                                                   train_right(W, X, Y, eta, epochs)[1]), "W"),
]


@pytest.mark.parametrize("check, fn, symbol", ZERO_BASED)
def test_a_zero_based_answer_is_told_to_number_the_layers_from_1(check, fn, symbol, capsys):
    args = (nb.worked_example()[0].W, X8, 0.5 * np.sin(X8)) if check is check_training else ()
    ok, out = run(check, fn, capsys, *args)
    assert not ok, out
    assert f"your {symbol}[1] holds what {symbol}[2] should: number the layers from 1, as in the lecture:" in out, out
    assert f"{symbol}[ℓ] for ℓ = 1..3, and {symbol}[0] is no layer" in out, out
    assert "Your numbers are right: only their numbering is off." in out, out


def test_a_wrong_zero_based_answer_is_told_its_numbering_only(capsys):
    ok, out = run(check_backward, lambda W, xs, y: [2 * d for d in backward_einsum(W, xs, y)[1:]], capsys)
    assert not ok and "delta (the list returned) is numbered from 0 (delta[0] holds layer 1 and delta[3] does" \
        " not exist): number the layers from 1" in out, out
    assert "numbers are right" not in out, out


def test_one_layer_zero_based_says_index_0():
    from nbtools.assignment.feedback import zero_based
    g = np.ones((3, 1))
    text = zero_based("G (the second value returned)", [g], [g])
    assert text.startswith("your G[0] holds what G[1] should: number the layers from 1") and "right" in text, text


@pytest.mark.parametrize("answer", [
    lambda W, xs, y: LayerList(backward_einsum(W, xs, y)[1:]),      # the cells' container
    lambda W, xs, y: nb.Layers(backward_einsum(W, xs, y)[1:], "delta"),   # nbtools' own
    backward_einsum,                                                  # a list with None first
])
def test_every_one_based_container_is_accepted(answer, capsys):
    ok, out = run(check_backward, answer, capsys)
    assert ok and "correct" in out, out


def test_a_layer_list_refuses_index_0_with_the_lecture_numbering():
    delta = LayerList([None] * 3)
    with pytest.raises(IndexError, match=r"layer 0 does not exist; layers are 1..3 \(there is no layer 0"):
        delta[0] = np.zeros(1)
    delta[3] = np.zeros(1)
    assert delta[3] is not None and len(delta) == 3
