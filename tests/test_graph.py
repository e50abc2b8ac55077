"""The reverse-mode engine (nbtools.graph) against independent computations.

- layered backprop (``nb.gradient``, ``nb.backward``) on random networks of every
  activation and error measure, to 1e-12 relative (hypothesis, and a fixed grid);
- derivatives written out by hand for small expressions (swap, distribute, +=);
- central differences for an error the layered formulas do not cover, |h − y|;
- torch.autograd, when torch is installed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from helpers import ERRORS, HIDDEN, SHAPES, random_problem, relative_error
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nbtools as nb
from nbtools.graph import Node
from nbtools.network_graph import network_graph

ALL = tuple(nb.ACTIVATIONS)  # every activation, as hidden and as output
TOLERANCE = 1e-12


def engine_gradient(net, X, y, error="squared"):
    graph = network_graph(net, X, y, error=error)
    graph.E.backward()
    return graph.E.value, graph.gradient(net)


@st.composite
def problems(draw):
    L = draw(st.integers(1, 3))
    d = tuple(draw(st.lists(st.integers(1, 5), min_size=L + 1, max_size=L + 1)))
    hidden, output = draw(st.sampled_from(ALL)), draw(st.sampled_from(ALL))
    error = draw(st.sampled_from(ERRORS))
    N, seed = draw(st.integers(1, 8)), draw(st.integers(0, 2**32 - 1))
    return random_problem(d, hidden, output, error, N=N, seed=seed), error


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_engine_agrees_with_layered_backprop(problem):
    (net, X, y), error = problem
    E, G = nb.gradient(net, X, y, error=error)
    E_graph, G_graph = engine_gradient(net, X, y, error)
    assert E_graph == pytest.approx(E, rel=TOLERANCE, abs=1e-300)
    assert relative_error(G_graph, G) <= TOLERANCE


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output", ALL)
@pytest.mark.parametrize("error", ERRORS)
def test_every_activation_and_error_measure(hidden, output, error):
    """Every pair on a fixed grid too, so that none is left to chance; one point and a batch."""
    net, X, y = random_problem(SHAPES[3], hidden, output, error, N=5, seed=3)
    for points, targets in ((X, y), (X[0], y[0])):
        E, G = nb.gradient(net, points, targets, error=error)
        E_graph, G_graph = engine_gradient(net, points, targets, error)
        assert E_graph == pytest.approx(E, rel=TOLERANCE)
        assert relative_error(G_graph, G) <= TOLERANCE


def test_signal_adjoints_are_the_sensitivities():
    """At a point, ∂e/∂s^(ℓ)_j is δ^(ℓ)_j and ∂e/∂w^(ℓ)_ij = x^(ℓ−1)_i δ^(ℓ)_j; the input x,
    used by both nodes of layer 1, collects Σ_j w^(1)_1j δ^(1)_j (+=)."""
    net, x, y = nb.worked_example()
    graph = network_graph(net, x, y)
    graph.E.backward()
    trace = nb.forward(net, x)
    delta = nb.backward(net, trace, y)
    for ell in range(1, net.L + 1):
        adjoints = [node.grad for node in graph.s[0][ell]]
        np.testing.assert_allclose(adjoints, delta[ell], rtol=1e-13)
        for (layer, i, j), node in graph.w.items():
            if layer == ell:
                assert node.grad == pytest.approx(trace.x[ell - 1][i] * delta[ell][j], rel=1e-13)
    assert graph.x[0][0][1].grad == pytest.approx(net.W[1][1] @ delta[1], rel=1e-13)
    # the lecture's δ^(3) = −1.855 (from the unrounded x^(3)), to the printed digits
    assert graph.s[0][3][0].grad == pytest.approx(-1.855, abs=5e-4)


def test_multiply_swaps_add_distributes_and_reuse_adds():
    """e = tanh(a·b + a) at a = 0.5, b = −1.5, derivatives written out by hand."""
    a, b = Node(0.5, name="a"), Node(-1.5, name="b")
    e = (a * b + a).tanh()
    e.backward()
    slope = 1 - math.tanh(0.5 * -1.5 + 0.5) ** 2
    assert e.value == math.tanh(-0.25)
    assert b.grad == pytest.approx(slope * 0.5, rel=1e-15)          # swap: ∂(ab)/∂b = a
    assert a.grad == pytest.approx(slope * (-1.5 + 1.0), rel=1e-15)  # a used twice: b + 1
    c = Node(3.0)
    f = (c - 1.0).square() + c.exp().log() + c.sigmoid() + c.relu() + c.abs() + c.identity()
    f.backward()
    sig = 1 / (1 + math.exp(-3.0))
    assert c.grad == pytest.approx(2 * 2.0 + 1.0 + sig * (1 - sig) + 1.0 + 1.0 + 1.0, rel=1e-14)


def test_backward_in_steps_ends_where_the_full_pass_does():
    net, x, y = nb.worked_example()
    graph = network_graph(net, x, y)
    order = graph.E.backward()
    full = [n.grad for n in order]
    operations = sum(1 for n in order if n.inputs)
    assert graph.E.backward(steps=0) == order and all(n.grad == 0 for n in order)
    graph.E.backward(steps=1)
    assert graph.E.grad == 1.0 and sum(n.grad != 0 for n in order) == 1
    graph.E.backward(steps=operations + 1)
    assert [n.grad for n in order] == full
    # a second pass does not add to the first (the adjoints start from 0 each time)
    graph.E.backward()
    assert [n.grad for n in order] == full
    with pytest.raises(ValueError, match=r"steps must be an integer from 0 to 16; got 17"):
        graph.E.backward(steps=operations + 2)


def test_absolute_error_against_central_differences():
    """E = mean |h − y|: not one of the layered measures; the engine still differentiates it."""
    net, X, y = random_problem((2, 4, 3, 1), "tanh", "identity", "squared", N=6, seed=11)

    def absolute(s, h, targets):
        return (h[0] - targets[0]).abs()

    def E_at(probe):
        return float(np.mean(np.abs(nb.forward(probe, X).h[:, 0] - y[:, 0])))

    graph = network_graph(net, X, y, error=absolute)
    graph.E.backward()
    assert graph.E.value == pytest.approx(E_at(net), rel=1e-13)
    G_num, h = [], 1e-6
    for ell, W in net.W.items():
        G_num.append(np.zeros_like(W))
        for i, j in np.ndindex(W.shape):
            plus, minus = net.copy(), net.copy()
            plus.W[ell][i, j] += h
            minus.W[ell][i, j] -= h
            G_num[-1][i, j] = (E_at(plus) - E_at(minus)) / (2 * h)
    assert relative_error(graph.gradient(net), G_num) <= 1e-7


def test_torch_autograd_agrees():
    torch = pytest.importorskip("torch")
    net, X, y = random_problem((3, 5, 4, 2), "tanh", "sigmoid", "squared", N=7, seed=5)
    W = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in net.W]
    A = torch.tensor(X, dtype=torch.float64)
    for ell, w in enumerate(W, 1):
        S = torch.cat([torch.ones(len(A), 1, dtype=torch.float64), A], dim=1) @ w
        A = torch.tanh(S) if ell < len(W) else torch.sigmoid(S)
    E = ((A - torch.tensor(y, dtype=torch.float64)) ** 2).sum(dim=1).mean()
    E.backward()
    _, G = engine_gradient(net, X, y)
    assert relative_error(G, [w.grad.numpy() for w in W]) <= TOLERANCE


def test_bad_input_names_the_argument_the_rule_and_the_value():
    net, x, y = nb.worked_example()
    with pytest.raises(TypeError, match=r"net must be an nbtools Network; got 'net'"):
        network_graph("net", x, y)
    with pytest.raises(ValueError, match=r"error must be one of .*'squared'.*; got 'cubic'"):
        network_graph(net, x, y, error="cubic")
    with pytest.raises(ValueError, match=r"y must have a number or shape \(1,\)"):
        network_graph(net, x, [1.0, 2.0])
    with pytest.raises(TypeError, match=r"error must return the point's error as a Node .*; got 0.5"):
        network_graph(net, x, y, error=lambda s, h, targets: 0.5)
    with pytest.raises(TypeError, match=r"must be a real number; got 'two'"):
        Node("two")
    with pytest.raises(ValueError, match=r"must be finite; got nan"):
        Node(float("nan"), name="a")
    with pytest.raises(ValueError, match=r"log needs a positive argument; got -1.0"):
        Node(-1.0).log()
