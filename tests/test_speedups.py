"""The speed switches (``nbtools.speedups``): with every mechanism switched
off, every panel still works and shows the same numbers, each switch really
takes its mechanism out, and a wrong name in ``NBTOOLS_WITHOUT`` is refused.

``on()`` is read when a figure, text, panel or training run is made, so the
switches are tried here in-process by patching ``speedups.WITHOUT``.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_ahead import PANELS, TRAINING, press, sliders, without_timing

import nbtools as nb
from nbtools import speedups

ALL = {**PANELS, **TRAINING}


def test_a_wrong_name_is_refused():
    with pytest.raises(ValueError, match=r"NBTOOLS_WITHOUT names 'glyphs'.*comma-separated.*'glyphs,drawing_ahead'"):
        speedups._without("glyphs,drawing_ahead")
    with pytest.raises(ValueError, match=r"name must be one of .*; got 'fast'"):
        speedups.on("fast")
    assert speedups._without(" fast_redraw , drawing_ahead,") == {"fast_redraw", "drawing_ahead"}


def shown(panel) -> tuple:
    """What a panel shows besides its pixels: the readout, the picture's size."""
    return without_timing(panel.readout.value), panel.fig.canvas.get_width_height()


@pytest.mark.parametrize("make", ALL.values(), ids=ALL.keys())
def test_every_panel_works_with_every_mechanism_off(monkeypatch, make):
    panels = {}
    for without in (frozenset(), frozenset(speedups.MECHANISMS)):
        monkeypatch.setattr(speedups, "WITHOUT", without)
        panel = make()
        (name, _), *_ = sliders(panel)
        press(panel, name, True)
        assert panel.last_error is None, panel.error_box.value
        panels[bool(without)] = panel
    plain, fast = panels[True], panels[False]
    assert shown(plain) == shown(fast)
    assert plain.ahead is None
    assert plain.fig.get_layout_engine() is not None   # laid out on every draw
    assert getattr(plain, "_background", None) is None
    assert not getattr(plain, "_layout_frozen", False)
    for panel in panels.values():
        panel.close()


def test_without_few_points_training_is_the_same(monkeypatch):
    net, X, y = nb.Network.random((2, 4, 1), hidden="tanh", output="tanh", seed=1), *nb.circles(30)[:2]
    runs = []
    for without in (frozenset(), frozenset({"few_points"})):
        monkeypatch.setattr(speedups, "WITHOUT", without)
        run = nb.training.GradientDescent(net, X, y, eta=0.2, batch_size=3, seed=4)
        assert (run._few is None) == bool(without)
        for _ in range(25):
            run.step()
        runs.append(run)
    for a, b in zip(runs[0].net.W, runs[1].net.W):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


def test_without_training_ahead_nothing_is_planned(monkeypatch):
    monkeypatch.setattr(speedups, "WITHOUT", frozenset({"training_ahead"}))
    panel = TRAINING["playground"]()
    assert panel.ahead is not None   # drawing ahead is another switch
    (name, _), *_ = sliders(panel)
    assert panel.jobs_ahead(None, []) == []
    press(panel, name, True)
    assert panel.last_error is None
    assert panel.ahead.thread.wait_idle(0)
    panel.close()
