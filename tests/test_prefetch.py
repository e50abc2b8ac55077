"""Fast training paths and training ahead: FewPoints against the batch gradient,
copies of runs that train on exactly as the original, the run cache, the
values one keypress away, and the background thread that trains them."""

from __future__ import annotations

import threading
import time

import ipywidgets as widgets
import numpy as np
import pytest

import nbtools as nb
from nbtools.few_points import FewPoints
from nbtools.measures import get_error_measure
from nbtools.monitor import TrainingRun
from nbtools.panels import BatchComparisonPanel, PlaygroundPanel
from nbtools.panels.helpers import eta_slider
from nbtools.panels.prefetch import Prefetcher, RunCache, neighbours
from nbtools.training import GradientDescent


# ----------------------------------------------------------------- FewPoints


@pytest.mark.parametrize("hidden", ["tanh", "sigmoid", "relu", "identity"])
@pytest.mark.parametrize("output, error", [("tanh", "squared"), ("identity", "squared"),
                                           ("identity", "logistic")])
@pytest.mark.parametrize("dims", [(2, 1), (2, 5, 1), (3, 4, 6, 2)])
@pytest.mark.parametrize("n", [1, 3, 7])
def test_few_points_gradient_is_the_batch_gradient(hidden, output, error, dims, n):
    rng = np.random.default_rng(n + len(dims))
    net = nb.Network.random(dims, hidden=hidden, output=output, seed=3)
    X = rng.normal(size=(11, dims[0]))
    Y = np.sign(rng.normal(size=(11, dims[-1]))) if error == "logistic" else rng.normal(size=(11, dims[-1]))
    batch = rng.permutation(11)[:n]
    expected_E, expected_G = nb.gradient(net, X[batch], Y[batch], error=error)
    mine = net.copy()
    few = FewPoints(mine, get_error_measure(error), X)
    E = few.gradient(batch, Y[batch])
    assert E == pytest.approx(expected_E, rel=1e-12, abs=1e-15)
    for ell in range(1, len(dims)):
        np.testing.assert_allclose(few.G[ell - 1], expected_G[ell], rtol=1e-10, atol=1e-14)
    # the network's weights are views of the flat array: a step moves them
    assert all(np.shares_memory(W, few.w) for W in mine.W)
    np.testing.assert_array_equal(np.concatenate([W.ravel() for W in mine.W]),
                                  np.concatenate([W.ravel() for W in net.W]))


def test_few_points_takes_over_weights_set_from_outside():
    net = nb.Network.random((2, 3, 1), seed=0)
    X = np.random.default_rng(0).normal(size=(5, 2))
    Y = np.ones((5, 1))
    few = FewPoints(net, get_error_measure("squared"), X)
    net.W[1] = np.zeros((3, 3))
    E = few.gradient(np.arange(5), Y)
    assert E == pytest.approx(nb.error(net, X, Y[:, 0]), rel=1e-12)
    assert np.all(few.W[0] == 0) and net.W[1] is few.W[0]


@pytest.mark.parametrize("k", [1, 4, None])
def test_gradient_descent_copy_goes_on_exactly_as_the_original(k):
    X, y = nb.make_dataset("circles", N=30, seed=1)
    net = nb.Network.random((2, 4, 1), seed=1)
    gd = GradientDescent(net, X, y, 0.2, k, seed=4)
    for _ in range(13):  # into the middle of an epoch
        gd.step()
    twin = gd.copy()
    assert all(a is not b and not np.shares_memory(a, b) for a, b in zip(gd.net.W, twin.net.W))
    original = [gd.step() for _ in range(40)]
    copied = [twin.step() for _ in range(40)]
    assert original == copied
    for a, b in zip(gd.net.W, twin.net.W):
        np.testing.assert_array_equal(a, b)


def test_training_run_copy_is_independent():
    X, y = nb.make_dataset("xor", N=40, seed=0)
    run = TrainingRun(nb.Network.random((2, 5, 1), seed=0), X, y, 0.1, 1, record_deltas=True)
    run.advance(2)
    twin = run.copy()
    run.advance(3)
    assert twin.epochs == 2 and len(twin.deltas) == 3 and run.epochs == 5
    twin.advance(3)
    assert twin.E_epochs == run.E_epochs


# ----------------------------------------------------------------- cache, neighbours


def test_run_cache_hands_out_copies_and_forgets_the_oldest():
    X, y = nb.make_dataset("xor", N=20, seed=0)
    cache = RunCache(size=2)
    runs = [TrainingRun(nb.Network.random((2, 3, 1), seed=s), X, y, 0.1, 5) for s in range(3)]
    for s, run in enumerate(runs):
        cache.keep(("run", s), run)
    assert ("run", 0) not in cache and ("run", 1) in cache and len(cache) == 2
    taken = cache.take(("run", 1))
    taken.advance(2)
    again = cache.take(("run", 1))
    assert again.epochs == 0 and again is not taken
    assert cache.take(("run", 0)) is None


def test_neighbours_are_one_keypress_away():
    eta = eta_slider(0.1, low=-3, high=1)
    left, right = sorted(neighbours(eta, 0.1))
    assert right == pytest.approx(10 ** (-1 + eta.step), rel=1e-11)
    assert left == pytest.approx(10 ** (-1 - eta.step), rel=1e-11)
    top = 10**eta.max
    assert neighbours(eta, top) == [pytest.approx(10 ** (eta.max - eta.step), rel=1e-11)]
    # off the grid (a typed value): the grid points around it
    assert sorted(neighbours(eta, 0.1 * (1 + 1e-9))) == [left, right]
    k = widgets.IntSlider(value=1, min=1, max=5)
    assert neighbours(k, 1) == [2] and sorted(neighbours(k, 3)) == [2, 4] and neighbours(k, 5) == [4]
    assert neighbours(widgets.Dropdown(options=["a", "b"]), "a") == []


# ----------------------------------------------------------------- the panels


class Counting:
    """Counts make_run calls of a panel, by label."""

    def __init__(self, panel):
        self.calls: list = []
        original = panel.make_run

        def make_run(label, values):
            self.calls.append((label, values.get("eta"), values.get("k")))
            return original(label, values)

        panel.make_run = make_run


def test_batch_panel_k_move_retrains_only_the_mini_batch_run():
    panel = BatchComparisonPanel(N=60, frames=2)
    counting = Counting(panel)
    before = {kind: list(run["E_epochs"]) for kind, run in panel.shown["runs"].items()}
    shown = panel.update(k=7)
    assert [label for label, *_ in counting.calls] == ["mini-batch"]
    for kind in ("batch", "stochastic"):
        assert list(shown["runs"][kind]["E_epochs"]) == before[kind]
    assert shown["runs"]["mini-batch"]["k"] == 7


def test_update_from_python_does_not_train_ahead():
    panel = BatchComparisonPanel(N=40, frames=1)
    panel.update(eta=0.3)
    assert panel.prefetch.wait_idle(0.01)
    assert len(panel.cache) == 6  # the two settings' three runs, nothing ahead


@pytest.mark.parametrize("direction", [+1, -1])
def test_a_browser_move_trains_the_next_values_ahead(direction):
    panel = BatchComparisonPanel(N=60, frames=3)
    eta = panel.controls["eta"]
    # the browser puts the exponent on the grid min + i·step, the value is 10**exponent
    i = round((np.log10(eta.value) - eta.min) / eta.step)
    eta.value = 10 ** (eta.min + (i + direction) * eta.step)  # the observer redraws, then trains ahead
    assert panel.prefetch.wait_idle(30)
    after = 10 ** (eta.min + (i + 2 * direction) * eta.step)
    counting = Counting(panel)
    shown = panel.update(eta=after)
    assert counting.calls == []  # every run came from the cache
    fresh = BatchComparisonPanel(N=60, frames=3)
    expected = fresh.update(eta=after)
    for kind in expected["runs"]:
        assert list(shown["runs"][kind]["E_epochs"]) == list(expected["runs"][kind]["E_epochs"])
    assert shown["frame"] == expected["frame"] == 3
    np.testing.assert_array_equal(shown["boundary"], expected["boundary"])


def test_playground_trains_ahead_too():
    panel = PlaygroundPanel(N=50, frames=2)
    k = panel.controls["k"]
    k.value = k.value + 1
    assert panel.prefetch.wait_idle(30)
    counting = Counting(panel)
    shown = panel.update(k=k.value + 1)
    assert counting.calls == []
    expected = PlaygroundPanel(N=50, frames=2).update(k=k.value)
    assert list(shown["runs"]["training"]["E_epochs"]) == list(expected["runs"]["training"]["E_epochs"])


@pytest.mark.parametrize("eta", [8.0, 10.0])
def test_diverging_runs_give_the_frame_count_of_playing_frame_by_frame(eta):
    panel = BatchComparisonPanel(N=40, output="identity", frames=4)
    first = panel.update(eta=eta)
    assert first["messages"]  # something diverged
    # the frame count as frame-by-frame play gives it: frames while any run survives
    runs = [panel.make_run(label, panel.values) for label in ("batch", "stochastic", "mini-batch")]
    frames = 0
    while frames < 4 and any([run.advance(1) for run in runs]):
        frames += 1
    assert first["frame"] == frames
    panel.update(eta=0.1)
    again = panel.update(eta=eta)  # from the cache
    assert again["frame"] == frames and again["messages"] == first["messages"]


# ----------------------------------------------------------------- the thread


def test_prefetcher_waits_while_busy_and_drops_replaced_jobs():
    prefetch = Prefetcher()
    steps: list = []

    def job(name, n):
        def run(checkpoint):
            for i in range(n):
                if not checkpoint():
                    steps.append((name, "dropped"))
                    return
                steps.append((name, i))
                time.sleep(0.01)
        return run

    with prefetch.busy():
        prefetch.schedule([job("a", 5)])
        time.sleep(0.2)
        assert steps == []  # held off while the panel redraws
    assert prefetch.wait_idle(5)
    assert steps == [("a", i) for i in range(5)]
    steps.clear()
    gate, started = threading.Event(), threading.Event()

    def slow(checkpoint):
        started.set()
        gate.wait(5)
        steps.append(("slow", checkpoint()))

    prefetch.schedule([slow, job("late", 2)])
    assert started.wait(5)
    prefetch.schedule([job("new", 1)])  # replaces "late" and abandons "slow"
    gate.set()
    assert prefetch.wait_idle(5)
    assert steps == [("slow", False), ("new", 0)]


def test_prefetcher_survives_a_failing_job():
    prefetch = Prefetcher()
    done = []

    def bad(checkpoint):
        raise ValueError("a guess that cannot be trained")

    prefetch.schedule([bad, lambda checkpoint: done.append(checkpoint())])
    assert prefetch.wait_idle(5) and done == [True]
