"""Pictures drawn ahead: a keypress in the browser is answered with a picture
drawn before it came, and that picture is the one a redraw makes, byte for byte.

A browser move is simulated as ipywidgets delivers it: the widget's value is
set from outside (not through ``update``), which calls the panel's observer.
"""

from __future__ import annotations

import re
import threading

import pytest

from nbtools.figures.drawing import DRAWING
from nbtools.panels import (
    BackwardPanel,
    BatchComparisonPanel,
    ErrorSurfacePanel,
    FirstOrderPanel,
    ForwardPanel,
    GradientCheckPanel,
    GradientDescentPanel,
    PlaygroundPanel,
)
from nbtools.panels.ahead import values_key
from nbtools.panels.prefetch import neighbours

PANELS = {
    "forward": ForwardPanel,
    "backward": BackwardPanel,
    "first order": FirstOrderPanel,
    "gradient check": GradientCheckPanel,
    "error surface": ErrorSurfacePanel,
    "descent 1-D": lambda: GradientDescentPanel(1),
    "descent 2-D": lambda: GradientDescentPanel(2),
}


def sliders(panel) -> list:
    return [(name, w) for name, w in panel.controls.items() if neighbours(w, w.value)]


def press(panel, name: str, up: bool = True) -> None:
    """One arrow keypress on the slider ``name``, as the browser sends it."""
    widget = panel.controls[name]
    ahead = neighbours(widget, panel.values[name])
    found = [v for v in ahead if (v > panel.values[name]) == up]
    widget.value = found[0] if found else ahead[0]


def kept_after_a_keypress(panel, name: str) -> int:
    """Pictures kept after one keypress on ``name``: the one shown, one step on
    and one back, and both first touches of every other slider."""
    others = sum(len(neighbours(w, w.value)) for n, w in sliders(panel) if n != name)
    return 3 + others


def settle(panel) -> None:
    assert panel.ahead.thread.wait_idle(60), "drawing ahead did not finish"


def without_timing(text: str) -> str:
    """HTML without the training panels' wall times (which differ run to run):
    the marked cells, and the picture's alt text that repeats them."""
    text = re.sub(r"<span class='nbtools-timing'>[^<]*</span>", "", text)
    return re.sub(r' alt="[^"]*"', "", text)


def same_as_redrawn(panel, reference) -> None:
    """``panel`` shows what ``reference`` shows after a redraw for the same values."""
    reference.update(**panel.values)
    assert panel.png == reference.png
    assert without_timing(panel.figure_html.value) == without_timing(reference.figure_html.value)
    assert without_timing(panel.readout.value) == without_timing(reference.readout.value)
    if "nbtools-timing" not in reference.readout.value:
        assert panel.figure_html.value == reference.figure_html.value
        assert panel.readout.value == reference.readout.value


@pytest.mark.parametrize("make", PANELS.values(), ids=PANELS.keys())
def test_keypresses_are_answered_with_the_redrawn_picture(make):
    panel, reference = make(), make()
    moved = sliders(panel)[:3]
    for name, _ in moved:
        for up in (True, True, True, False, False):
            settle(panel)
            press(panel, name, up)
            assert panel.last_error is None
            same_as_redrawn(panel, reference)
    # only the very first move is drawn: then each slider's moves, its first
    # touch included (drawn ahead on every other slider), find their pictures
    assert panel.ahead.served == 5 * len(moved) - 1


@pytest.mark.parametrize("make", PANELS.values(), ids=PANELS.keys())
def test_a_displayed_panel_serves_the_first_touch_of_every_slider(make):
    """Displayed (``warm``), a panel draws each slider's first keypress either
    way ahead: a student's first touch of any slider finds its picture."""
    panel, reference = make(), make()
    start = dict(panel.values)
    for name, widget in sliders(panel):
        for up in (True, False):
            if not [v for v in neighbours(widget, start[name]) if (v > start[name]) == up]:
                continue   # at an end of its range: no key goes that way
            panel.update(**start)   # back at rest, as displayed
            panel.warm()
            settle(panel)
            served = panel.ahead.served
            press(panel, name, up)
            assert panel.ahead.served == served + 1, f"{name} {'up' if up else 'down'}"
            same_as_redrawn(panel, reference)


def test_the_pictures_kept_are_bounded():
    panel = ForwardPanel()
    names = [name for name, _ in sliders(panel)]
    assert panel.ahead.size == 2 * len(names) + 6
    for name in names:
        for up in (True, True):
            press(panel, name, up)
            settle(panel)
            assert len(panel.ahead._pictures) <= panel.ahead.size


def test_every_move_after_the_first_is_served_ahead():
    panel = ErrorSurfacePanel()
    (name, _), *_ = sliders(panel)
    press(panel, name)
    served = panel.ahead.served
    for up in (True, True, False, False, False):
        settle(panel)
        press(panel, name, up)
    assert panel.ahead.served == served + 5


def test_a_drag_draws_nothing_ahead_on_the_dragged_slider():
    panel = ForwardPanel()
    name, widget = sliders(panel)[0]
    widget.value = widget.value + 5 * widget.step   # five steps at once: a drag
    settle(panel)
    assert panel.values in panel.ahead
    # nothing on the dragged slider (its next value is unknown); the other
    # sliders' first touches are drawn
    kept = [dict(key) for key in panel.ahead._pictures]
    assert all(values[name] == panel.values[name] for values in kept)
    assert len(kept) == 1 + sum(len(neighbours(w, w.value)) for n, w in sliders(panel) if n != name)


def test_moves_from_python_draw_nothing_ahead_and_stop_what_was_planned():
    panel = ForwardPanel()
    name, _ = sliders(panel)[0]
    with panel.ahead.thread.busy():   # hold the thread off: its jobs stay planned
        press(panel, name)
        panel.update(**{name: panel.controls[name].min})
    settle(panel)
    assert len(panel.ahead._pictures) == 1   # the one picture shown by the keypress


def test_a_redraw_waits_for_no_planned_picture():
    """While the panel redraws, the thread starts no picture; it goes on after."""
    panel = ForwardPanel()
    name, _ = sliders(panel)[0]
    with panel.ahead.thread.busy():
        press(panel, name)
        assert not panel.ahead.thread.wait_idle(0.3)   # planned, not drawn
        assert len(panel.ahead._pictures) == 1
    settle(panel)
    assert len(panel.ahead._pictures) == kept_after_a_keypress(panel, name)


def test_a_kept_picture_is_shown_while_another_is_being_drawn():
    """The thread holds the panel's lock while it draws; a keypress whose
    picture is kept does not wait for it."""
    panel = ForwardPanel()
    name, _ = sliders(panel)[0]
    press(panel, name)
    settle(panel)
    drawing, release, shown = threading.Event(), threading.Event(), threading.Event()

    def draw_for_long():
        with panel._lock:   # as the thread does while it draws a picture ahead
            drawing.set()
            release.wait(10)

    holder = threading.Thread(target=draw_for_long)
    holder.start()
    drawing.wait()
    keypress = threading.Thread(target=lambda: (press(panel, name), shown.set()))
    keypress.start()
    try:
        assert shown.wait(5), "the keypress waited for the picture being drawn"
        assert panel.ahead.served == 1
    finally:
        release.set()
        holder.join()
        keypress.join()
    settle(panel)


def test_nothing_is_drawn_ahead_while_a_cell_runs():
    from nbtools.panels import ahead

    panel = ForwardPanel()
    name, _ = sliders(panel)[0]
    ahead._NO_CELL_RUNS.clear()
    try:
        press(panel, name)
        assert not panel.ahead.thread.wait_idle(0.3)
        assert len(panel.ahead._pictures) == 1
    finally:
        ahead._NO_CELL_RUNS.set()
    settle(panel)
    assert len(panel.ahead._pictures) == kept_after_a_keypress(panel, name)


def test_no_picture_is_drawn_ahead_that_would_move_a_control():
    """The 2-D descent moves its start sliders into the window of a function;
    a picture drawn ahead must never move a slider the student did not move."""
    panel = GradientDescentPanel(2)
    panel.update(function="Rosenbrock valley")
    (low, high), _ = panel._function.window
    panel.update(start_w1=round(high, 1))
    before = dict(panel.values)
    press(panel, "start_w1", up=True)   # to just outside: moved back by the panel
    settle(panel)
    after = panel.values
    assert after["start_w1"] <= high
    for key in panel.ahead._pictures:
        values = dict(key)
        assert values["start_w1"] <= high   # nothing kept for a start outside
    assert {k: v for k, v in after.items() if k != "start_w1"} == {
        k: v for k, v in before.items() if k != "start_w1"}


def test_pictures_drawn_ahead_and_other_figures_take_turns():
    """Drawing is one thread at a time (DRAWING): a panel drawing ahead on its
    thread and another panel redrawing on this one never draw at once."""
    first, second = ErrorSurfacePanel(), ForwardPanel()
    name, _ = sliders(first)[0]
    inside = threading.Event()
    overlaps = []
    original = first._render_locked

    def watched(values):
        inside.set()
        try:
            return original(values)
        finally:
            inside.clear()

    first._render_locked = watched
    press(first, name)
    for _ in range(6):
        with DRAWING:
            overlaps.append(inside.is_set())
            second.update(x=second.values["x"] + 0.1)
    settle(first)
    assert not any(overlaps)


TRAINING = {
    "batch comparison": lambda: BatchComparisonPanel(N=40, frames=3),
    "playground": lambda: PlaygroundPanel(N=50, frames=2),
}


def settle_training(panel) -> None:
    assert panel.prefetch.wait_idle(60), "training and drawing ahead did not finish"


@pytest.mark.parametrize("make", TRAINING.values(), ids=TRAINING.keys())
def test_training_panels_answer_keypresses_with_the_first_picture(make):
    """A move of η restarts training: the first picture for the new η, trained
    and drawn ahead, is the one a redraw makes, and playing on from it trains
    exactly as from a redraw."""
    panel, reference = make(), make()
    for up in (True, True, False):
        settle_training(panel)
        press(panel, "eta", up)
        same_as_redrawn(panel, reference)
    assert panel.ahead.served == 2
    played, expected = panel.run(2), reference.run(2)
    assert played["frame"] == expected["frame"]
    for label, run in expected["runs"].items():
        assert list(played["runs"][label]["E_epochs"]) == list(run["E_epochs"])
    # and the kept picture never trained on: back to it gives the first picture again
    settle_training(panel)
    press(panel, "eta", False)
    same_as_redrawn(panel, reference)


def test_a_training_panel_keeps_no_picture_of_runs_trained_on():
    panel = BatchComparisonPanel(N=40, frames=2)
    press(panel, "eta")
    settle_training(panel)
    first = dict(panel.values)
    panel.run(3)   # Play or Step: frame 5, no first picture any more
    assert panel.ahead.take(first).shown["frame"] == 2   # what is kept is still the first
    # a view control shows the runs as trained: not answered from, nor kept
    axis = panel.controls["x_axis"]
    axis.value = next(v for v in ("iterations", "epochs") if v != axis.value)
    assert panel.shown["frame"] == 5 and panel.values not in panel.ahead
    # η restarts training: the first picture again, from what was kept
    served = panel.ahead.served
    press(panel, "eta", up=False)
    settle_training(panel)
    press(panel, "eta", up=True)
    assert panel.ahead.served == served + 1 and panel.shown["frame"] == 2


def test_values_key_does_not_depend_on_order():
    assert values_key({"a": 1, "b": (1, 2)}) == values_key({"b": (1, 2), "a": 1})


@pytest.mark.parametrize("make", TRAINING.values(), ids=TRAINING.keys())
def test_a_displayed_training_panel_serves_the_first_touch(make):
    """Displayed, a training panel trains and draws each training slider's
    first keypress ahead; the first touch is served and plays on as a redraw."""
    panel, reference = make(), make()
    panel.warm()
    settle_training(panel)
    name = next(n for n, _ in sliders(panel) if n not in panel.view_controls)
    press(panel, name)
    assert panel.ahead.served == 1, name
    same_as_redrawn(panel, reference)
