"""Panels where no thread can start (Pyodide in JupyterLite, or a kernel that
forbids threads): every panel draws on the keypress, nothing is drawn or
trained ahead, nothing raises, and every picture is the one a redraw makes.

"No threads" is simulated as Pyodide behaves: ``threading.Thread.start``
raises RuntimeError("can't start new thread").
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from test_ahead import PANELS, TRAINING, press, same_as_redrawn, sliders

import nbtools as nb
from nbtools import threads
from nbtools.panels import idle_threads
from nbtools.panels.picture import values_key


@pytest.fixture
def no_threads(monkeypatch):
    """Thread.start raises as in Pyodide; returns the list of start attempts."""
    attempts = []

    def start(self):
        attempts.append(self.name)
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", start)
    monkeypatch.setattr(threads, "_available", None)  # not tried yet
    yield attempts
    monkeypatch.setattr(threads, "_available", None)


def test_the_probe_finds_no_threads(no_threads):
    assert threads.threads_available() is False
    assert no_threads == ["nbtools-probe"]   # tried once, then remembered
    assert threads.threads_available() is False
    assert no_threads == ["nbtools-probe"]


def test_threads_are_found_where_they_exist(monkeypatch):
    monkeypatch.setattr(threads, "_available", None)
    assert threads.threads_available() is True


ALL = {**PANELS, **TRAINING}


@pytest.mark.parametrize("make", ALL.values(), ids=ALL.keys())
def test_every_panel_draws_on_the_keypress_without_threads(no_threads, make):
    panel, reference = make(), make()
    moved = sliders(panel)[:2]
    assert moved, "the panel has no slider to press"
    shown = {values_key(panel.values)}
    for name, _ in moved:
        for up in (True, True, False):
            press(panel, name, up)          # the browser's path (draws ahead where it can)
            assert panel.last_error is None, panel.error_box.value
            shown.add(values_key(panel.values))
            same_as_redrawn(panel, reference)
        value = panel.values[name]
        panel.update(**{name: value})       # the Python path
        assert panel.last_error is None
        same_as_redrawn(panel, reference)
    # the only pictures kept are ones drawn on a keypress (a step back shows one)
    assert set(panel.ahead._pictures) <= shown
    assert not [name for name in no_threads if name != "nbtools-probe"]
    assert no_threads.count("nbtools-probe") <= 1


def test_a_thread_that_fails_to_start_is_not_tried_again(monkeypatch, no_collection):
    """A kernel that lets the probe start but refuses the next thread: the
    keypress still draws, and no later keypress tries again. (An earlier test's
    panel collected meanwhile would hand on a running thread: ``no_collection``.)"""
    monkeypatch.setattr(threads, "_available", True)
    monkeypatch.setattr(idle_threads, "_idle", [])   # no thread handed on: the panel starts its own
    attempts = []

    def start(self):
        attempts.append(self.name)
        raise RuntimeError("can't start new thread")

    panel, reference = nb.panels.ForwardPanel(), nb.panels.ForwardPanel()
    monkeypatch.setattr(threading.Thread, "start", start)
    (name, _), *_ = sliders(panel)
    for up in (True, True, True):
        press(panel, name, up)
        assert panel.last_error is None
        same_as_redrawn(panel, reference)
    assert attempts == ["nbtools-prefetch"]
    assert threads.threads_available() is False
    assert panel.ahead.thread.wait_idle(0)   # nothing planned is left waiting
    monkeypatch.setattr(threads, "_available", None)


def test_a_large_error_surface_is_computed_on_one_thread(no_threads):
    net = nb.Network.random((2, 8, 8, 1), hidden="tanh", output="identity", seed=0)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(200, 2)), rng.normal(size=200)
    a = b = np.linspace(-2, 2, 100)
    surface = nb.error_surface(net, X, y, (1, 1, 1), (2, 1, 1), a, b)
    assert not [name for name in no_threads if name != "nbtools-probe"]
    expected = np.empty_like(surface)
    for r in (0, 57, 99):
        for c in (0, 31, 99):
            trial = net.copy()
            trial.W[1][1, 1], trial.W[2][1, 1] = a[c], b[r]
            expected[r, c] = nb.error(trial, X, y)
            assert surface[r, c] == pytest.approx(expected[r, c], rel=1e-12)
