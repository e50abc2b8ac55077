"""The one base every panel is built on: a figure, controls, a readout, an
error box and a reset button.

A panel is an object. ``update(**values)`` moves its controls and redraws
once; ``shown`` is what it currently displays (numbers), so tests drive and
read panels without a browser; ``widget`` is what a notebook displays and
``show()`` displays it together with a static picture of its first state.
Subclasses implement ``build_controls``, ``build_figure``, ``compute`` and
``draw`` (and may override ``describe`` and ``arrange``).
"""

from __future__ import annotations

import html
import threading
import time
import traceback

import ipywidgets as widgets

from ..figures.drawing import DRAWING
from ..figures.style import new_figure, style
from ..speedups import on
from .ahead import PicturesAhead
from .ahead_hooks import DrawsAhead
from .controls import checked_value, control_values, range_note
from .display import Displayed
from .lifecycle import Closable, PanelType, weakly
from .picture import GROW, SHRINK
from .rendering import Renders


class Panel(Renders, DrawsAhead, Displayed, Closable, metaclass=PanelType):
    """Base of all panels: one figure built once, artists updated in place.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        The controls by name; ``update`` takes these names.
    fig : matplotlib.figure.Figure
    shown : dict
        What the panel shows now (from ``compute``).
    widget : ipywidgets.VBox
        The whole panel (DOM class ``nbtools-panel``).
    last_ms : float
        Milliseconds the last redraw took (compute + draw + PNG), or the last
        picture shown from those drawn ahead.
    ahead : PicturesAhead or None
        The pictures drawn ahead after a slider move in the browser (see
        ``ahead``): at most ``ahead.size`` = 2 × sliders + 6 kept, each a PNG
        and its HTML; None for a panel whose ``render_ahead`` is False.
    closed : bool
        True after ``close()``: its widgets are closed, its figure and kept
        pictures dropped (see ``lifecycle``; the cell that showed a panel
        closes it when it shows another).
    """

    title = ""
    figsize = (8.0, 4.5)
    #: Draw the pictures one keypress away after a move in the browser. A panel
    #: whose picture depends on more than its control values says False, or
    #: says which pictures may be kept and served (``keeps_picture``, ``serves``,
    #: ``picture_state``; see ``training_ahead``).
    render_ahead = True
    _rendering_ahead = False

    def __init__(self):
        #: ipykernel 7 may handle two widget messages on two threads at once (a
        #: Play tick and a click): every change of what the panel shows holds
        #: this lock, so two redraws never interleave on one figure.
        self._lock = threading.RLock()
        #: the control values a picture is being drawn for, per thread (``values``)
        self._drawing_for = threading.local()
        self._show_lock = threading.Lock()
        self._busy = False
        self._text_px = None
        self.shown: dict = {}
        self.last_ms = float("nan")
        self.controls: dict[str, widgets.Widget] = self.build_controls()
        self._defaults = {name: w.value for name, w in self.controls.items() if hasattr(w, "value")}
        self.fig = new_figure(self.figsize)
        with DRAWING, style():
            self.build_figure(self.fig)
        self.figure_html = _classed(widgets.HTML(), "nbtools-figure")
        self.readout = _classed(widgets.HTML(), "nbtools-readout")
        self.error_box = _classed(widgets.HTML(), "nbtools-error")
        self.reset_button = widgets.Button(
            description="Reset", icon="undo", tooltip="Back to the starting values"
        )
        self.reset_button.on_click(weakly(self, lambda panel, _: panel.reset()))
        for name, w in self.controls.items():
            if hasattr(w, "value"):
                w.observe(weakly(self, Panel._on_change), names="value")
        self.widget = _classed(self.arrange(), "nbtools-panel")
        ahead = self.render_ahead and on("drawing_ahead")
        self.ahead = PicturesAhead(self, self.ahead_thread()) if ahead else None
        self.refresh()

    # ----- to implement -------------------------------------------------
    def build_controls(self) -> dict[str, widgets.Widget]:
        """Create the controls; return them by name."""
        raise NotImplementedError

    def build_figure(self, fig) -> None:
        """Create axes and artists on ``fig`` once; keep handles on ``self``."""
        raise NotImplementedError

    def compute(self, values: dict) -> dict:
        """What to show for the control ``values``: numbers only, no drawing."""
        raise NotImplementedError

    def draw(self, shown: dict) -> None:
        """Update the artists in place from ``shown`` (never a new figure)."""
        raise NotImplementedError

    def describe(self, shown: dict) -> str:
        """HTML beside the figure saying in words and numbers what it shows."""
        return ""

    def alt_text(self, shown: dict) -> str:
        """Plain-text description of the picture (its alt text)."""
        return html.unescape(_strip_tags(self.describe(shown))) or self.title

    def demo_moves(self) -> list[dict]:
        """A few ``update`` calls that move each control (benchmarks and tests replay them)."""
        return []

    def arrange(self) -> widgets.Widget:
        """Lay out controls, figure and readout (default: controls left, figure right)."""
        controls = [w for w in self.controls.values()]
        left = widgets.VBox(controls + [self.reset_button], layout=widgets.Layout(min_width="320px"))
        return self.side_by_side(left, widgets.VBox([self.figure_html, self.readout]))

    def side_by_side(self, left: widgets.Widget, right: widgets.Widget) -> widgets.Widget:
        """Title, error box, then controls and picture side by side; the picture
        wraps below the controls when the two do not fit (see GROW, SHRINK)."""
        right.layout.flex = f"1 1 {SHRINK * self.fig.bbox.width:.0f}px"
        right.layout.max_width = f"{GROW * self.fig.bbox.width:.0f}px"
        header = [widgets.HTML(f"<b>{html.escape(self.title)}</b>")] if self.title else []
        row = widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap"))
        return widgets.VBox(header + [self.error_box, row])

    # ----- machinery ----------------------------------------------------
    @property
    def values(self) -> dict:
        """Current control values by name.

        Floats are rounded to 12 significant digits: the browser snaps a slider
        to min + k·step in its own arithmetic (10.000000000000002 for 10.0), and
        that last-digit noise must not change what the panel shows. While a
        picture is drawn ahead, the values it is drawn for.
        """
        drawing_for = getattr(self._drawing_for, "values", None)  # this thread's
        if drawing_for is not None:
            return dict(drawing_for)
        return control_values(self.controls)

    def _on_change(self, change) -> None:
        if self.ahead is not None:
            targets = self.ahead.on_change(change)
            if not self._busy and self.last_error is None:
                self.schedule_ahead(self.jobs_ahead(change, targets))
            return
        with self._lock:
            if not self._busy:
                self.refresh()

    def refresh(self) -> dict:
        """Recompute and redraw from the current controls; errors go to the error box."""
        self._check_open("redraw it")
        with self._lock:
            return self._refresh()

    def _refresh(self) -> dict:
        start = time.perf_counter()
        try:
            picture = self._render(self.values)
        except Exception as exc:  # a callback error must be seen, not swallowed by ipywidgets
            self.error_box.value = (
                '<div role="alert" style="color:#a00;border:1px solid #a00;padding:4px">'
                f"<b>{html.escape(type(exc).__name__)}</b>: {html.escape(str(exc))}"
                f"<details><summary>details</summary><pre>{html.escape(traceback.format_exc())}</pre>"
                "</details></div>"
            )
            self.last_error = exc
            return self.shown
        self._show(picture, start)
        return picture.shown


    def range_note(self) -> str:
        """A line for every slider at an end of its range (see ``controls.range_note``)."""
        return range_note(self.controls, self.values, self._defaults)

    def update(self, **values) -> dict:
        """Set controls by name, redraw once, and return ``shown``.

        Raises ValueError for an unknown control name or a value out of the
        control's range (a slider would otherwise clamp it silently), TypeError
        for a value of the wrong type (a string, None, a bool for a number, a
        fraction for an IntSlider; see ``controls.checked_value``). Every value
        is checked before any is set.
        """
        self._check_open("update it")
        unknown = sorted(set(values) - set(self._defaults))
        if unknown:
            raise ValueError(f"unknown control(s) {unknown}; this panel has {sorted(self._defaults)}")
        values = {name: checked_value(name, self.controls[name], v) for name, v in values.items()}
        if self.ahead is not None:
            self.ahead.thread.cancel()  # from Python: nothing is drawn ahead any more
        with self._lock:
            self._busy = True
            try:
                for name, value in values.items():
                    self.controls[name].value = value
            finally:
                self._busy = False
            return self.refresh()

    def reset(self) -> dict:
        """Back to the starting values (the lecture's, where there are any)."""
        return self.update(**self._defaults)


def _classed(widget, css_class: str):
    widget.add_class(css_class)
    return widget


def _strip_tags(text: str) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()
