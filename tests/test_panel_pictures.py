"""Every panel's picture is the one a plain redraw makes, for every Panel subclass.

A panel draws its static part once per ``static_key`` and only its
``dynamic_artists`` on every move (``figures.background``). A panel that
changes an artist it does not list, or a static part its key does not cover,
would show a stale picture. So for every Panel subclass in nbtools, found by
walking the class tree (no hand-kept list), each slider is moved as the
browser moves it (the widget's value set) and every picture is compared with
a full redraw of the same figure, and with a fresh panel's picture for the
same control values (a picture depends on the values alone).
"""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from PIL import Image

import nbtools.panels  # noqa: F401  (imports every panel module)
from nbtools.figures.style import png_bytes
from nbtools.panels import Panel


def subclasses(cls) -> list:
    found = []
    for sub in cls.__subclasses__():
        found += [sub] + subclasses(sub)
    return found


def concrete(cls) -> bool:
    """A panel that can be built: it implements what Panel leaves to subclasses."""
    return all(getattr(cls, m) is not getattr(Panel, m) for m in ("build_controls", "build_figure",
                                                                  "compute", "draw"))


PANELS = sorted((c for c in set(subclasses(Panel)) if c.__module__.startswith("nbtools.") and concrete(c)),
                key=lambda c: c.__name__)
#: Smaller data for the panels that train, so the test stays quick.
SMALL = {"BatchComparisonPanel": {"N": 60}, "PlaygroundPanel": {"N": 60}}


def make(cls):
    return cls(**SMALL.get(cls.__name__, {}))


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def without_timing(text: str) -> str:
    """HTML without wall times (they differ from run to run), nor the alt text that repeats them."""
    text = re.sub(r"<span class='nbtools-timing'>[^<]*</span>", "", text)
    return re.sub(r' alt="[^"]*"', "", text)


def slider_moves(panel) -> list[tuple[str, object]]:
    """(control, value) one step up on each slider, then one step back down."""
    moves = []
    for name, w in panel.controls.items():
        step = getattr(w, "step", None)
        if not isinstance(step, (int, float)) or isinstance(w.value, bool):
            continue
        up = min(w.max, w.value + step)
        moves += [(name, up), (name, w.value)]
    return moves


def test_every_panel_is_found():
    names = {c.__name__ for c in PANELS}
    assert {"ForwardPanel", "BackwardPanel", "ErrorSurfacePanel", "PlaygroundPanel"} <= names


@pytest.mark.parametrize("cls", PANELS, ids=lambda c: c.__name__)
def test_every_picture_is_a_full_redraw_and_a_function_of_the_values(cls):
    panel = make(cls)
    moves = slider_moves(panel)[:6] + [(name, value) for move in panel.demo_moves()[:3]
                                       for name, value in move.items()]
    assert moves, f"{cls.__name__} has nothing to move"
    for name, value in moves:
        panel.controls[name].value = value  # as the browser delivers a move
        assert panel.last_error is None, panel.error_box.value
        shown = pixels(panel.png)
        full = pixels(png_bytes(panel.fig))  # every artist drawn, at the same layout
        assert shown.shape == full.shape
        differ = np.any(shown != full, axis=2)
        assert differ.mean() < 0.002, (
            f"{cls.__name__} after {name} = {value!r}: {differ.mean():.2%} of the pixels differ from a "
            "full redraw: an artist draw() changes is missing from dynamic_artists(), or the static "
            "part changed without static_key() changing"
        )
        fresh = make(cls)
        fresh.update(**panel.values)
        assert panel.png == fresh.png, f"{cls.__name__}: the picture depends on more than the values"
        assert without_timing(panel.readout.value) == without_timing(fresh.readout.value)
        fresh.close()
    panel.close()
