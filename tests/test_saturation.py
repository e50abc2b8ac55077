"""Saturation is divergence too: a run whose units saturated and whose gradient
vanished stops and says so, with the iteration and the numbers; ordinary runs
(the notebooks' settings) go on."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pytest

import nbtools as nb
from nbtools.monitor import TrainingRun
from nbtools.panels import TrainingPanel
from nbtools.saturation import saturation


@pytest.fixture
def lecture():
    """The lecture's network (d = 1, 2, 1, 1, tanh) and its one point x = 2, y = 1."""
    net, x, y = nb.worked_example()
    return net, np.reshape(x, (1, 1)), np.reshape(y, (1,))


def largest(arrays) -> float:
    return max(float(np.max(np.abs(a))) for a in arrays)


def test_the_lecture_network_at_eta_1e4_stops_saturated(lecture):
    net, X, y = lecture
    result = nb.train(net, X, y, eta=1e4, epochs=100)
    assert result.diverged and result.reason == "saturated"
    assert result.stopped_at == 1 and result.epochs == 1  # one step got it there
    assert np.all(np.isfinite(result.E_epochs))  # E never overflowed: the old limits missed it
    trace = nb.forward(result.net, X)
    for ell in range(1, net.L + 1):  # every unit, hidden and output, at ±1
        units = trace.x[ell][:, 1:] if ell < net.L else trace.x[ell]
        assert np.all(np.abs(units) > 0.999)
    biggest = largest(result.net.W)
    assert biggest > 1e3  # the weights jumped
    _, G = nb.gradient(result.net, X, y)
    message = result.message
    assert message.startswith("stopped learning at iteration 1 (epoch 1.00): the units saturated")
    assert "all 4 units have |x| > 0.999" in message  # d = (1, 2, 1, 1): 2 + 1 + 1 units
    assert f"The largest |w| is {biggest:.3g}" in message
    assert f"the largest |∂E/∂w| is {largest(G):.3g}" in message
    assert "try η = 1000" in message


def test_a_training_run_stops_saturated_too(lecture):
    net, X, y = lecture
    run = TrainingRun(net, X, y, eta=1e4, label="lecture")
    assert run.advance(5) is False
    assert run.diverged and run.reason == "saturated" and run.stopped_at == 1
    assert run.message.startswith("lecture: stopped learning at iteration 1")
    assert run.epochs == 1 and run.advance(1) is False  # nothing more is trained


def test_an_output_stuck_at_the_wrong_end_is_saturation(lecture):
    """SGD at η = 1 on circles: after one epoch the output is −1 or +1 on every
    point, wrong on half of them, E = 2 for ever."""
    X, y = nb.circles(N=200, noise=0.1, seed=0)
    net = nb.Network.random((2, 8, 1), hidden="tanh", output="tanh", seed=0)
    result = nb.train(net, X, y, eta=1.0, batch_size=1, epochs=50, seed=0)
    assert result.reason == "saturated" and result.stopped_at == 200
    h = nb.forward(result.net, X).h[:, 0]
    wrong = int(np.sum(np.abs(h - y) > 1))
    assert np.all(np.abs(h) > 0.999) and wrong > 0
    assert f"at the wrong end (|h − y| > 1) on {wrong};" in result.message
    assert result.E_epochs[-1] == pytest.approx(4 * wrong / 200, rel=1e-3)


@pytest.mark.parametrize("hidden, output, eta, k, epochs", [
    ("tanh", "tanh", 0.1, None, 100),      # notebook 06: batch, stochastic, mini-batch
    ("tanh", "tanh", 0.1, 1, 100),
    ("tanh", "tanh", 0.1, 20, 100),
    ("tanh", "tanh", 0.8, 256, 20),        # 06: the largest scaled η
    ("sigmoid", "tanh", 0.1, 20, 100),     # 07: a sigmoid network
    ("relu", "tanh", 1.0, 20, 100),        # 07: dead relu nodes, η = 1
    ("tanh", "tanh", 3.0, None, 100),      # far past the notes' η < 1, still learning
])
def test_ordinary_runs_are_not_flagged(hidden, output, eta, k, epochs):
    X, y = nb.circles(N=200 if k != 256 else 2000, noise=0.1, seed=0)
    net = nb.Network.random((2, 8, 1), hidden=hidden, output=output, seed=0)
    result = nb.train(net, X, y, eta=eta, batch_size=k, epochs=epochs, seed=0)
    assert not result.diverged and result.reason == "" and result.epochs == epochs
    assert result.E_epochs[-1] < result.E_epochs[0]


def test_a_gradient_that_has_not_vanished_is_not_saturation(lecture):
    """Saturated at the wrong end with the logistic error: δ^(L) has no θ′
    factor, the gradient stays, the weights move: not flagged."""
    net, X, _ = lecture
    big = net.copy()
    for ell in range(1, big.L + 1):
        big.W[ell] = big.W[ell] * 1000  # every unit saturated; the output at −1
    y = np.array([[1.0]])
    assert nb.forward(big, X).h[0, 0] < -0.999
    from nbtools.measures import get_error_measure
    from nbtools.propagation import gradient_batch

    def G(error):
        return lambda: gradient_batch(big, X, y, get_error_measure(error))[1]

    assert saturation(big, X, y, G("squared"), eta=0.1) is not None
    assert saturation(big, X, y, G("logistic"), eta=0.1) is None
    found = saturation(big, X, y, G("squared"), eta=0.1)
    assert found.saturated_fraction == 1.0 and found.wrong_end == 1 and found.units == 4


class LectureRunPanel(TrainingPanel):
    """The lecture's network trained on its point; η on a slider."""

    def build_controls(self):
        return {"eta": widgets.FloatLogSlider(value=0.1, base=10, min=-2, max=4, step=1)}

    def build_figure(self, fig):
        self.ax = fig.subplots()

    def draw(self, shown):
        pass

    def run_settings(self, values):
        return {"lecture": (values["eta"],)}

    def make_run(self, label, values):
        net, x, y = nb.worked_example()
        return TrainingRun(net, np.reshape(x, (1, 1)), np.reshape(y, (1,)), values["eta"],
                           label=label)

    def describe(self, shown):
        return self.messages_html(shown)


def test_a_training_panel_says_why_its_run_stopped():
    panel = LectureRunPanel(frames=3)
    assert panel.shown["messages"] == []
    shown = panel.update(eta=1e4)
    run = shown["runs"]["lecture"]
    assert run["diverged"] and run["reason"] == "saturated" and run["stopped_at"] == 1
    assert "the units saturated" in run["why"]
    assert shown["messages"] == [run["message"]]
    assert run["message"].startswith("lecture: stopped learning at iteration 1")
    assert "stopped learning at iteration 1" in panel.readout.value  # in the red box
    assert shown["frame"] == 1  # frames played until it stopped
    panel.close()
