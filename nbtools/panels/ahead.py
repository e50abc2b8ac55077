"""Pictures drawn ahead of the student: the next keypress finds its picture ready.

In the browser a panel's picture arrives a keypress → kernel → browser trip
after the key, and the kernel's part (compute, draw, PNG) is most of it when
a move changes many numbers or an axis. Yet the next value is predictable: an
arrow key moves a slider one step, and mostly on in the same direction. So
after a one-step move in the browser, a daemon thread draws the picture one
step on (and the one a step back, if it is not kept already) and keeps them
(``Picture``: the numbers, the PNG and the HTML the widgets show) by the
control values. When the key comes, the panel shows the kept picture: no
compute, no draw, and no wait for a picture being drawn ahead meanwhile.

The pictures are the ones a redraw makes. A panel's picture is a function of
its control values (the figure's layout and baked static parts included, see
``helpers.FastRedraw``), and a test draws every panel both ways and compares
the bytes. The thread gives way to the panel: it starts 50 ms after a picture
is shown (that picture is on its way to the screen), draws one picture at a
time, never while the panel redraws or a notebook cell runs, and a new move
replaces what was planned. Moves from Python (``update``) never start it, and
cancel it. Drags (a move of more than one step) draw nothing ahead on the dragged
slider: the next value is unknown.

A first touch is served too: when a panel is displayed, and after every
move, the thread also draws the pictures one keypress either way on every
other slider (``first_touches``), so the first keypress on a slider the
student has not touched yet finds its picture. The kept pictures are bounded
(``size``: room for all of those, and the moved slider's two). The training
panels train the runs of the next values first, and keep first pictures only
(``training_ahead``).

While pictures are drawn ahead, ``panel.fig`` holds the last one drawn, which
may be ahead of the one shown; ``panel.png`` is always the one shown.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

import ipywidgets as widgets

from ..figures.drawing import DRAWING
from .controls import clean
from .picture import Picture, values_key
from .prefetch import Prefetcher, neighbours

_SLIDERS = (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider)

#: Set while no notebook cell runs: a cell may draw with matplotlib (whose
#: fonts and renderers are not thread-safe), so nothing is drawn ahead then.
_NO_CELL_RUNS = threading.Event()
_NO_CELL_RUNS.set()
_watching = False


def _watch_cells() -> None:
    """Close the gate while an IPython cell runs (once per kernel; no-op outside IPython)."""
    global _watching
    if _watching:
        return
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipywidgets needs IPython
        return
    shell = get_ipython()
    if shell is None:
        return

    def before(*_):
        with DRAWING:  # a picture being drawn ahead is finished first
            _NO_CELL_RUNS.clear()

    shell.events.register("pre_run_cell", before)
    shell.events.register("post_run_cell", lambda *_: _NO_CELL_RUNS.set())
    _watching = True


class PicturesAhead:
    """The pictures of one panel drawn ahead, the ``size`` latest by control values.

    ``on_change`` is the panel's handler for a control moved in the browser:
    it shows the kept picture or redraws, then plans the pictures ahead.
    ``served`` counts the keypresses answered from kept pictures.
    """

    #: Seconds between showing a picture and drawing the next one ahead: the
    #: shown one's trip to the screen (kernel → server → browser, decoded and
    #: painted, ~30-60 ms on two cores) must not share the CPU with drawing.
    delay = 0.05

    def __init__(self, panel, thread: Prefetcher | None = None, size: int | None = None):
        self.panel = panel
        sliders = sum(isinstance(w, _SLIDERS) for w in panel.controls.values())
        #: pictures kept: both neighbours of every slider, the shown one and a few back
        self.size = 2 * sliders + 6 if size is None else size
        self.served = 0
        self._pictures: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.thread = Prefetcher(should_wait=cell_runs) if thread is None else thread
        _watch_cells()

    def __contains__(self, values: dict) -> bool:
        with self._lock:
            return values_key(values) in self._pictures

    def take(self, values: dict) -> Picture | None:
        with self._lock:
            picture = self._pictures.get(values_key(values))
            if picture is not None:
                self._pictures.move_to_end(values_key(values))
            return picture

    def keep(self, values: dict, picture: Picture) -> None:
        with self._lock:
            self._pictures[values_key(values)] = picture
            self._pictures.move_to_end(values_key(values))
            while len(self._pictures) > self.size:
                self._pictures.popitem(last=False)

    def on_change(self, change) -> list[dict]:
        """A control moved in the browser: show its picture, kept or drawn now;
        return the control values to draw ahead (see ``targets``)."""
        panel = self.panel
        if panel._busy:  # set by update(): a change from Python
            return []
        values = panel.values
        picture = self.take(values) if panel.serves(change) else None
        if picture is not None and picture.state is None:
            # nothing to draw, nothing in the panel to change: no need to wait
            # for a picture being drawn ahead (it never touches the widgets)
            return self._serve(picture, change, values)
        with self.thread.busy(), panel._lock:  # no picture is drawn ahead meanwhile
            if panel._busy:
                return []
            if picture is not None:  # with state: the panel takes it up under its lock
                return self._serve(picture, change, values)
            panel.refresh()
            if panel.last_error is not None or panel.values != values:
                return []  # an error, or the panel moved a control: keep nothing
            if panel.keeps_picture():
                self.keep(values, panel._picture)
            return self.targets(change, values)

    def _serve(self, picture: Picture, change, values: dict) -> list[dict]:
        self.panel._show(picture, kept=True)
        self.served += 1
        return self.targets(change, values)

    def targets(self, change, values: dict) -> list[dict]:
        """Control values to draw ahead after ``change``: one step on in the
        direction of the move, then one step back; none after a drag."""
        name = self.panel.control_name(change["owner"])
        if name is None or not _one_step(change["owner"], change["old"], values[name]):
            return []
        widget, now = change["owner"], values[name]
        forward = now > clean(change["old"])
        on, back = _step(widget, now, forward), _step(widget, now, not forward)
        order = [value for value in (on, back) if value is not None]
        return [{**values, name: value} for value in order]

    def first_touches(self, values: dict, skip: str | None = None) -> list[dict]:
        """Control values one arrow keypress either way on every slider but
        ``skip`` (and the panel's view controls), not kept yet: what the first
        keypress on a slider asks for."""
        view = getattr(self.panel, "view_controls", ())
        found = []
        for name, widget in self.panel.controls.items():
            if name == skip or name in view:
                continue
            for value in neighbours(widget, values[name]):
                target = {**values, name: value}
                if target not in self:
                    found.append(target)
        return found

    def pause_job(self):
        """A job that waits ``delay`` seconds: the picture just shown is on its
        way to the screen, and drawing ahead would take the CPU from it."""
        def job(checkpoint):
            time.sleep(self.delay)
        return job

    def picture_job(self, values: dict):
        """A job that draws and keeps the picture for ``values``; one kept
        already is marked as recently used, so that the pictures one keypress
        away are the last the bound evicts."""
        def job(checkpoint):
            if not checkpoint() or self.take(values) is not None:
                return
            panel = self.panel
            with panel._lock:
                # the panel may want the lock, or have drawn this picture, meanwhile
                if not checkpoint(wait=False) or values in self:
                    return
                picture = panel._render_ahead(values)
            if picture is not None:
                self.keep(values, picture)
        return job


def cell_runs() -> bool:
    """True while a notebook cell runs (nothing is drawn ahead then)."""
    return not _NO_CELL_RUNS.is_set()


def _step(widget, value, up: bool):
    """The value one keypress up (or down) from ``value``, None past the end."""
    ahead = neighbours(widget, value)
    found = [v for v in ahead if (v > value) == up]
    return found[0] if found else None


def _one_step(widget, old, new) -> bool:
    """Whether ``old`` → ``new`` is one arrow keypress on ``widget``."""
    return any(
        math.isclose(new, v, rel_tol=1e-9, abs_tol=1e-12) for v in neighbours(widget, clean(old))
    )
