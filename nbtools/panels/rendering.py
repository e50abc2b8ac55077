"""Drawing a panel's picture for some control values, and putting it in the widgets.

A picture (``picture.Picture``) is drawn under ``DRAWING`` (rcParams and
fonts are shared by every figure, and pictures are drawn ahead on another
thread) and shown under the panel's show lock: the figure first,
then the readout, so a keypress answered from a kept picture and a redraw
never interleave their widgets.
"""

from __future__ import annotations

import time

from ..figures.drawing import DRAWING
from ..figures.legibility import smallest_text_px
from ..figures.style import png_bytes, style
from .picture import Picture, figure_html


class Renders:
    """Mixin of ``Panel``: ``_render`` a picture, ``_show`` it."""

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
