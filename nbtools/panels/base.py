"""The one base every panel is built on: a figure, controls, a readout, an
error box and a reset button.

A panel is an object. ``update(**values)`` moves its controls and redraws
once; ``shown`` is what it currently displays (numbers), so tests drive and
read panels without a browser; ``widget`` is what a notebook displays and
``show()`` displays it together with a static picture of its first state.
Subclasses implement ``build_controls``, ``build_figure``, ``compute`` and
``draw`` (and may override ``describe``, ``arrange``, ``dynamic_artists``).
The rules a panel must keep are in ``panels/README.md``; the tests check them
for every subclass.
"""

from __future__ import annotations

import html
import re
import threading
import time
import traceback
import weakref

import ipywidgets as widgets

from ..figures.background import Background, plot_artists, plot_key
from ..figures.legibility import smallest_text_px
from ..figures.style import new_figure, style
from .closing import close_all, held_widgets, weakly
from .controls import checked_value, control_values, range_note
from .display import Displayed
from .picture import GROW, SHRINK, figure_html


class Panel(Displayed):
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
        Milliseconds the last redraw took (compute + draw + PNG).
    """

    title = ""
    figsize = (8.0, 4.5)

    def __init__(self):
        #: ipykernel 7 may handle two widget messages on two threads at once (a
        #: Play tick and a click): every redraw holds this lock, so two redraws
        #: never interleave on one figure.
        self._lock = threading.RLock()
        self._moving = False  # controls being set by the panel itself: no redraw per control
        self.shown: dict = {}
        self.last_ms = float("nan")
        self.last_error = None
        self._text_px = None
        self.controls: dict[str, widgets.Widget] = self.build_controls()
        self._defaults = {name: w.value for name, w in self.controls.items() if hasattr(w, "value")}
        self.fig = new_figure(self.figsize)
        with style():
            self.build_figure(self.fig)
        self.background = Background(self.fig)
        self.figure_html = _classed(widgets.HTML(), "nbtools-figure")
        self.readout = _classed(widgets.HTML(), "nbtools-readout")
        self.error_box = _classed(widgets.HTML(), "nbtools-error")
        self.reset_button = widgets.Button(
            description="Reset", icon="undo", tooltip="Back to the starting values"
        )
        self.reset_button.on_click(weakly(self, lambda panel, _: panel.reset()))
        for w in self.controls.values():
            if hasattr(w, "value"):
                w.observe(weakly(self, Panel._on_change), names="value")
        self.widget = _classed(self.arrange(), "nbtools-panel")
        # Closed with the panel, or when it is garbage-collected (its callbacks hold it weakly).
        self._finalizer = weakref.finalize(self, close_all, tuple(held_widgets(self)))
        self._finalizer.atexit = False
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

    def dynamic_artists(self) -> list:
        """The artists ``draw`` may change; the rest of the figure is its static
        part, drawn once for each ``static_key`` (``figures.background``).
        Default: a plot's lines, collections, images, patches, texts, titles, spines."""
        return plot_artists(self.fig)

    def static_key(self) -> tuple:
        """What the static part shows (default: limits, scales, labels, legends)."""
        return plot_key(self.fig)

    def describe(self, shown: dict) -> str:
        """HTML beside the figure saying in words and numbers what it shows."""
        return ""

    def alt_text(self, shown: dict) -> str:
        """Plain-text description of the picture (its alt text)."""
        return html.unescape(_strip_tags(self.describe(shown))) or self.title

    def show_controls(self, shown: dict) -> None:
        """Enable, disable or relabel controls for what is shown (default: nothing)."""

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
        that last-digit noise must not change what the panel shows.
        """
        return control_values(self.controls)

    def _on_change(self, change) -> None:
        with self._lock:
            if not self._moving:
                self.refresh()

    def set_controls(self, **values) -> None:
        """Move controls from inside the panel (e.g. in ``compute``) without a
        redraw for each: the redraw under way shows them."""
        moving, self._moving = self._moving, True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._moving = moving

    def refresh(self) -> dict:
        """Recompute and redraw from the current controls; errors go to the error box."""
        self._check_open("redraw it")
        with self._lock:
            start = time.perf_counter()
            try:
                shown, png = self._picture(self.values)
            except Exception as exc:  # a callback error must be seen, not swallowed by ipywidgets
                self.error_box.value = (
                    '<div role="alert" style="color:#a00;border:1px solid #a00;padding:4px">'
                    f"<b>{html.escape(type(exc).__name__)}</b>: {html.escape(str(exc))}"
                    f"<details><summary>details</summary><pre>{html.escape(traceback.format_exc())}"
                    "</pre></details></div>"
                )
                self.last_error = exc
                return self.shown
            self.last_error = None
            self.error_box.value = ""
            self.shown, self._png = shown, png
            if self._text_px is None:  # the smallest label, in pixels of the picture
                self._text_px = smallest_text_px(self.fig)
            self.figure_html.value = figure_html(png, self.alt_text(shown), self._text_px,
                                                 self.fig.bbox.width)
            # and a line for every slider at an end of its range
            self.readout.value = self.describe(shown) + range_note(self.controls, self.values,
                                                                   self._defaults)
            self.show_controls(shown)
            self.last_ms = (time.perf_counter() - start) * 1e3
            return shown

    def _picture(self, values: dict) -> tuple[dict, bytes]:
        """Compute and draw the picture for control ``values``: (shown, PNG)."""
        shown = self.compute(values)
        with style():
            self.draw(shown)
        return shown, self.background.png(self.dynamic_artists(), self.static_key())

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
        with self._lock:
            self.set_controls(**values)
            return self.refresh()

    def reset(self) -> dict:
        """Back to the starting values (the lecture's, where there are any)."""
        return self.update(**self._defaults)

    # ----- closing ------------------------------------------------------
    @property
    def closed(self) -> bool:
        """True once ``close()`` has run (it cannot be shown or updated any more)."""
        return self.__dict__.get("_closed", False)

    def close(self) -> None:
        """Close every widget the panel holds (its views in the notebook go
        blank) and drop its figure. Safe to call twice; called by itself when
        the cell that showed the panel shows another (``display``)."""
        if self.closed:
            return
        with self._lock:
            self._finalizer()  # closes the widgets, once
            shown, lock = self.shown, self._lock
            self.__dict__.clear()
            self.__dict__.update(shown=shown, _lock=lock, _closed=True)

    def _check_open(self, doing: str) -> None:
        if self.closed:
            name = type(self).__name__
            raise RuntimeError(
                f"cannot {doing}: this {name} is closed (by close(), or because the cell "
                f"that showed it showed another panel); build a new one: {name}(...)"
            )


def _classed(widget, css_class: str):
    widget.add_class(css_class)
    return widget


def _strip_tags(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()
