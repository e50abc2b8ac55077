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

import base64
import html
import threading
import time
import traceback

import ipywidgets as widgets

from ..figures.glyph_cache import DRAWING
from ..figures.legibility import smallest_text_px
from ..figures.style import new_figure, png_bytes, style
from .ahead import PicturesAhead
from .controls import control_values, range_note, set_value
from .picture import GROW, SHRINK, Picture, figure_html


class Panel:
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
        ``ahead``); None for a panel whose ``render_ahead`` is False.
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
        self.reset_button.on_click(lambda _: self.reset())
        for name, w in self.controls.items():
            if hasattr(w, "value"):
                w.observe(self._on_change, names="value")
        self.widget = _classed(self.arrange(), "nbtools-panel")
        self.ahead = PicturesAhead(self, self.ahead_thread()) if self.render_ahead else None
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
                self.ahead.thread.schedule(self.jobs_ahead(change, targets))
            return
        with self._lock:
            if not self._busy:
                self.refresh()

    def refresh(self) -> dict:
        """Recompute and redraw from the current controls; errors go to the error box."""
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

    def _render(self, values: dict) -> Picture:
        """Compute and draw the picture for control ``values`` (not shown yet)."""
        with DRAWING:  # one thread at a time draws (pictures are drawn ahead on another)
            return self._render_locked(values)

    def _render_locked(self, values: dict) -> Picture:
        self._drawing_for.values = values
        try:
            shown = self.compute(values)
            with style():
                self.draw(shown)
                png = png_bytes(self.fig)
            readout = self.describe(shown) + self.range_note()
            if self._text_px is None:   # the smallest label, in pixels of the picture
                self._text_px = smallest_text_px(self.fig, getattr(self, "_hidden", ()))
            html_ = figure_html(png, self.alt_text(shown), self._text_px, self.fig.bbox.width)
        finally:
            self._drawing_for.values = None
        state = self.picture_state() if self.keeps_picture() else None
        return Picture(shown, png, html_, readout, state)

    def _render_ahead(self, values: dict) -> Picture | None:
        """The picture for ``values`` drawn ahead (by ``ahead``), or None when
        it cannot be (an error, or a panel that would have to move a control)."""
        self._rendering_ahead = True
        try:
            return self._render(values)
        except Exception:  # noqa: BLE001 - the keypress will draw it, and show the error
            return None
        finally:
            self._rendering_ahead = False

    def _show(self, picture: Picture, start: float | None = None, kept: bool = False) -> None:
        """Put ``picture`` in the widgets: the figure first, then the readout;
        a ``kept`` picture (drawn before) brings back its ``state`` too."""
        with self._show_lock:
            self._show_locked(picture, start, kept)

    def _show_locked(self, picture: Picture, start: float | None, kept: bool) -> None:
        start = time.perf_counter() if start is None else start
        self.last_error = None
        self.error_box.value = ""
        self.shown = picture.shown
        self._png = picture.png
        self._picture = picture
        if kept and picture.state is not None:
            self.set_picture_state(picture.state)
        self.figure_html.value = picture.figure_html
        self.readout.value = picture.readout
        self.show_controls(picture.shown)
        self.last_ms = (time.perf_counter() - start) * 1e3

    # ----- drawing ahead (see ``ahead``) -------------------------------
    def ahead_thread(self):
        """The thread that draws ahead (None: one of its own)."""
        return None

    def jobs_ahead(self, change, targets: list[dict]) -> list:
        """After a move in the browser (``change``; None when the panel is
        displayed): the jobs for the thread, in order. The moved slider's
        ``targets`` first, then every other slider's first touch."""
        moved = None if change is None else self.control_name(change["owner"])
        targets = targets + self.ahead.first_touches(self.values, skip=moved)
        if not targets:
            return []
        return [self.ahead.pause_job()] + [self.ahead.picture_job(t) for t in targets]

    def control_name(self, widget) -> str | None:
        """The name of control ``widget`` (None if it is not one of this panel's)."""
        return next((n for n, w in self.controls.items() if w is widget), None)

    def warm(self) -> None:
        """Draw ahead the picture of every slider's first keypress, once no
        cell runs (see ``ahead``): called when the panel is displayed."""
        if self.ahead is not None and self.last_error is None:
            self.ahead.thread.schedule(self.jobs_ahead(None, []))

    def serves(self, change) -> bool:
        """Whether a kept picture may answer ``change``."""
        return True

    def keeps_picture(self) -> bool:
        """Whether the picture just drawn may be kept for its control values."""
        return True

    def picture_state(self):
        """What the panel needs besides the picture to go on from it (None)."""
        return None

    def set_picture_state(self, state) -> None:
        """Take up ``picture_state()`` again, as the picture is shown."""

    def show_controls(self, shown: dict) -> None:
        """Set what the controls show that follows the picture (a control
        disabled, say); called whenever a picture is shown, never while drawing."""

    def range_note(self) -> str:
        """A line for every slider at an end of its range (see ``controls.range_note``)."""
        return range_note(self.controls, self.values, self._defaults)

    def update(self, **values) -> dict:
        """Set controls by name, redraw once, and return ``shown``.

        Raises ValueError for an unknown control name or a value the control
        cannot take (a slider would otherwise clamp it silently).
        """
        unknown = sorted(set(values) - set(self._defaults))
        if unknown:
            raise ValueError(f"unknown control(s) {unknown}; this panel has {sorted(self._defaults)}")
        if self.ahead is not None:
            self.ahead.thread.cancel()  # from Python: nothing is drawn ahead any more
        with self._lock:
            self._busy = True
            try:
                for name, value in values.items():
                    set_value(name, self.controls[name], value)
            finally:
                self._busy = False
            return self.refresh()

    def reset(self) -> dict:
        """Back to the starting values (the lecture's, where there are any)."""
        return self.update(**self._defaults)

    @property
    def png(self) -> bytes:
        """The PNG currently shown."""
        return self._png

    def show(self) -> None:
        """Display the live panel with a static PNG of its state as a fallback.

        The output holds the widget view (live in JupyterLab), an image/png
        (what GitHub, nbconvert and print show) and a text description.
        """
        from IPython.display import display

        bundle = self.widget._repr_mimebundle_()
        bundle["image/png"] = base64.b64encode(self._png).decode()
        bundle["text/plain"] = f"{self.title}: {self.alt_text(self.shown)}"
        display(bundle, raw=True, metadata={"nbtools": {"panel": type(self).__name__}})
        self.warm()

    def _repr_mimebundle_(self, **kwargs):
        self.warm()
        return self.widget._repr_mimebundle_(**kwargs)


def _classed(widget, css_class: str):
    widget.add_class(css_class)
    return widget


def _strip_tags(text: str) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()
