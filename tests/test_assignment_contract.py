"""The checks test the contract, not one call: a step or a training loop that
ignores an argument (η hard-coded, n or the mini-batch ignored, epochs fixed)
fails with a hint naming that argument; the hidden cases are others than the
visible ones, and a function fitted to the visible cases fails them.
"""

from __future__ import annotations

import numpy as np
import pytest

import nbtools as nb
from nbtools.assignment import (LayerList, check_backward, check_batch_step, check_forward, check_gradient,
                                check_minibatch_step, check_sgd_step, check_training)
from nbtools.assignment import mistakes as m
from nbtools.assignment.cases import (VISIBLE_SHAPES, batch_cases, hidden_batch_cases, hidden_point_cases,
                                      point_cases)
from test_assignment_checks import (X8, backward_einsum, batch_right, forward_einsum, gradient_einsum,
                                    minibatch_right, run, sgd_right, train_right)


def _update(W, X, Y, eta):
    _, G = m.gradient(W, X, Y)
    return LayerList([W[ell] - eta * G[ell] for ell in range(1, len(W) + 1)])


IGNORING = [
    (check_batch_step, lambda W, X, Y, eta: _update(W, X, Y, 0.1), "use eta"),
    (check_sgd_step, lambda W, X, Y, eta, n: _update(W, X[[n]], Y[[n]], 0.1), "use eta"),
    (check_minibatch_step, lambda W, X, Y, eta, batch: _update(W, X[batch], Y[batch], 0.1), "use eta"),
    (check_sgd_step, lambda W, X, Y, eta, n: _update(W, X[-1:], Y[-1:], eta), "use n"),
    (check_sgd_step, lambda W, X, Y, eta, n: _update(W, X[:1], Y[:1], eta), "use n"),
    (check_minibatch_step, lambda W, X, Y, eta, batch: _update(W, X[::2], Y[::2], eta), "use batch"),
    (check_minibatch_step, lambda W, X, Y, eta, batch: _update(W, X[:len(batch)], Y[:len(batch)], eta),
     "use batch"),
]


@pytest.mark.parametrize("graded", [False, True])
@pytest.mark.parametrize("check, fn, hint", IGNORING)
def test_a_step_that_ignores_an_argument_is_told_which(check, fn, hint, graded, capsys):
    ok, out = run(check, fn, capsys, seed=5 if graded else None)
    assert not ok and hint in out and "gives the same W for" in out, out


def test_the_hint_names_both_values(capsys):
    ok, out = run(check_batch_step, lambda W, X, Y, eta: _update(W, X, Y, 0.1), capsys)
    assert "for η = 0.05 and η = 0.1: use eta" in out, out


def _train_fixed(eta=None, epochs=None):
    def train(W, X, Y, eta_, epochs_):
        return train_right(W, X, Y, eta if eta is not None else eta_, epochs if epochs is not None else epochs_)
    return train


@pytest.mark.parametrize("train, hints", [
    (_train_fixed(eta=0.1), ["use eta"]),
    (_train_fixed(epochs=50), ["use epochs"]),
    (_train_fixed(eta=0.1, epochs=50), ["use epochs", "use eta"]),
])
def test_a_training_loop_that_ignores_an_argument_is_told_which(train, hints, capsys):
    net, _, _ = nb.worked_example()
    ok, out = run(check_training, train, capsys, net.W, X8, 0.5 * np.sin(X8))   # the notebook's call
    assert not ok and all(h in out for h in hints), out


def test_the_visible_step_cases_vary_eta_n_and_the_batch():
    cases = batch_cases()
    etas = {c.eta for c in cases}
    assert len(etas) >= 3 and 0.1 not in etas
    assert any(c.n != len(c.X) - 1 for c in cases) and any(c.n != 0 for c in cases)
    assert any(list(c.batch) != list(range(0, len(c.X), 2)) for c in cases if len(c.X) > 2)
    assert all(list(c.batch) != list(range(0, len(c.X), 2)) for c in cases if len(c.X) > 2)


@pytest.mark.parametrize("seed", [0, 1, 12345])
def test_hidden_cases_differ_from_the_visible_ones(seed):
    hidden_point, hidden_batch = hidden_point_cases(seed), hidden_batch_cases(seed)
    assert not {c.net.d for c in hidden_point + hidden_batch} & VISIBLE_SHAPES
    assert {c.net.d for c in point_cases() + batch_cases()} <= VISIBLE_SHAPES
    assert not {c.eta for c in hidden_batch} & {c.eta for c in batch_cases()}
    assert {len(c.X) for c in hidden_batch} - {len(c.X) for c in batch_cases()}
    # another seed, other cases
    other = hidden_batch_cases(seed + 1)
    assert [c.net.d for c in other] != [c.net.d for c in hidden_batch] or \
        [c.eta for c in other] != [c.eta for c in hidden_batch]


def _memorised(cases, result):
    """A "function" that returns the right answer of each visible case, looked up by its input."""
    table = {np.asarray(c.X).tobytes(): result(c) for c in cases}

    def fn(W, x, *rest):
        return table[np.asarray(x).tobytes()]
    return fn


def test_a_function_fitted_to_the_visible_cases_fails_the_hidden_ones(capsys):
    forward = _memorised(point_cases(), lambda c: m.forward(c.W, c.X))
    assert check_forward(forward)                       # visible: passes
    ok, out = run(check_forward, forward, capsys, seed=3)
    assert not ok and "hidden network" in out and "KeyError" in out, out
    gradient = _memorised(batch_cases(), lambda c: m.gradient(c.W, c.X, c.Y))
    assert check_gradient(gradient)
    ok, out = run(check_gradient, gradient, capsys, seed=3)
    assert not ok and "hidden network" in out, out


@pytest.mark.parametrize("check, fn", [
    (check_forward, forward_einsum), (check_backward, backward_einsum), (check_gradient, gradient_einsum),
    (check_batch_step, batch_right), (check_sgd_step, sgd_right), (check_minibatch_step, minibatch_right),
])
def test_right_code_passes_the_hidden_cases(check, fn, capsys):
    for seed in (0, 7, 2**31 - 1):
        ok, out = run(check, fn, capsys, seed=seed)
        assert ok and "hidden" in out and "correct" in out, out


def test_right_training_passes_the_hidden_runs(capsys):
    net, _, _ = nb.worked_example()
    ok, out = run(check_training, train_right, capsys, net.W, X8, 0.5 * np.sin(X8), seed=11)
    assert ok and "2 hidden" in out, out
