"""Backprop's gradient against central differences on random networks.

Hypothesis draws the architecture (1-4 layers, widths 1-10), the activations,
the error measure, N (1-50) and the seeds of the weights and data; the
relative error between ``gradient`` and ``numerical_gradient`` must stay
<= 1e-7. With h = 1e-5 central differences are accurate to about 1e-10
relative (truncation ~h², round-off ~1e-16/h), so 1e-7 leaves room while a
wrong derivative anywhere (one θ′, one δ^(L), a bias row) gives O(1).
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import ERRORS, HIDDEN, OUTPUTS, SHAPES, random_problem, relative_error
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import nbtools as nb

TOLERANCE = 1e-7
# Keep relu signals this far from the kink s = 0, where relu has no derivative
# and a step of h could cross it.
KINK = 1e-3


@st.composite
def problems(draw):
    L = draw(st.integers(1, 4))
    d = tuple(draw(st.lists(st.integers(1, 10), min_size=L + 1, max_size=L + 1)))
    hidden = draw(st.sampled_from(HIDDEN))
    output = draw(st.sampled_from(OUTPUTS))
    error = draw(st.sampled_from(ERRORS))
    N = draw(st.integers(1, 50))
    seed = draw(st.integers(0, 2**32 - 1))
    return random_problem(d, hidden, output, error, N=N, seed=seed), error


def assume_away_from_kink(net, X):
    if net.hidden.name == "relu" and net.L > 1:
        trace = nb.forward(net, X)
        assume(all(np.min(np.abs(trace.s[ell])) >= KINK for ell in range(1, net.L)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_backprop_matches_central_differences(problem):
    (net, X, y), error = problem
    assume_away_from_kink(net, X)
    E, G = nb.gradient(net, X, y, error=error)
    G_num = nb.numerical_gradient(net, X, y, error=error)
    assert [g.shape for g in G] == [g.shape for g in G_num] == [W.shape for W in net.W]
    assert np.isfinite(E)
    assert relative_error(G, G_num) <= TOLERANCE


@pytest.mark.parametrize("L", SHAPES)
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("error", ERRORS)
def test_every_combination_matches_central_differences(L, hidden, output, error):
    """The same check on a fixed grid, so that no combination is left to chance."""
    net, X, y = random_problem(SHAPES[L], hidden, output, error, N=4, seed=L)
    trace = nb.forward(net, X)
    assert all(np.min(np.abs(trace.s[ell])) >= KINK for ell in range(1, L))  # these seeds are clean
    assert (
        relative_error(
            nb.gradient(net, X, y, error=error)[1], nb.numerical_gradient(net, X, y, error=error)
        )
        <= TOLERANCE
    )


def test_relative_error_definition():
    """Scale-free, 0 for equal gradients (zeros included), large for a wrong one."""
    a = [np.array([[1.0, -2.0]]), np.array([[3.0]])]
    assert relative_error(a, a) == 0.0
    assert relative_error([np.zeros((1, 2))], [np.zeros((1, 2))]) == 0.0
    assert relative_error([1e-9 * g for g in a], [1e-9 * g for g in a]) == 0.0
    assert relative_error([2 * g for g in a], a) == pytest.approx(1 / 3)
    assert relative_error(a, [a[0], -a[1]]) > 0.1


@pytest.mark.parametrize("hidden", HIDDEN)
def test_gradient_check_catches_a_wrong_derivative(hidden, monkeypatch):
    """The check has teeth: doubling θ′ of the hidden layers breaks it."""
    net, X, y = random_problem((2, 4, 3, 1), hidden=hidden, N=10, seed=4)
    trace = nb.forward(net, X)
    assert min(np.min(np.abs(trace.s[ell])) for ell in (1, 2)) >= KINK  # this seed is clean
    good = relative_error(nb.gradient(net, X, y)[1], nb.numerical_gradient(net, X, y))
    assert good <= TOLERANCE
    act = net.hidden
    wrong = type(act)(act.name, act.theta, lambda x: 2.0 * act.theta_prime(x) + 0.5, act.formula)
    monkeypatch.setattr(net, "hidden", wrong)
    bad = relative_error(nb.gradient(net, X, y)[1], nb.numerical_gradient(net, X, y))
    assert bad > 1e-2
