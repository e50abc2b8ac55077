"""Where no thread can start (Pyodide in JupyterLite, or a kernel that forbids
threads): every panel works, because no panel and no computation starts one
(the assignment's time limit asks ``threads.threads_available`` first).

"No threads" is simulated as Pyodide behaves: ``threading.Thread.start``
raises RuntimeError("can't start new thread").
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from test_panel_pictures import PANELS, make, slider_moves

import nbtools as nb
from nbtools import threads


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


@pytest.mark.parametrize("cls", PANELS, ids=lambda c: c.__name__)
def test_every_panel_works_without_threads(no_threads, cls):
    panel = make(cls)
    for name, value in slider_moves(panel)[:4]:
        panel.controls[name].value = value   # the browser's path
        assert panel.last_error is None, panel.error_box.value
    for move in panel.demo_moves()[:2]:
        panel.update(**move)                 # the Python path
        assert panel.last_error is None, panel.error_box.value
    assert no_threads == []                  # nothing tried to start one
    panel.close()


def test_a_large_error_surface_is_computed_on_one_thread(no_threads):
    net = nb.Network.random((2, 8, 8, 1), hidden="tanh", output="identity", seed=0)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(200, 2)), rng.normal(size=200)
    a = b = np.linspace(-2, 2, 100)
    surface = nb.error_surface(net, X, y, (1, 1, 1), (2, 1, 1), a, b)
    assert no_threads == []
    expected = np.empty_like(surface)
    for r in (0, 57, 99):
        for c in (0, 31, 99):
            trial = net.copy()
            trial.W[1][1, 1], trial.W[2][1, 1] = a[c], b[r]
            expected[r, c] = nb.error(trial, X, y)
            assert surface[r, c] == pytest.approx(expected[r, c], rel=1e-12)
