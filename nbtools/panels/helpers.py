"""Pieces shared by the learning panels: the η slider and a layout computed once."""

from __future__ import annotations

import html
import math
from collections import OrderedDict
from contextlib import contextmanager

import ipywidgets as widgets
from matplotlib.artist import Artist
from matplotlib.ticker import FixedLocator, Formatter

from ..figures.style import style
from ..speedups import on

#: Title colours for a descent's status (dark enough on white for a projector).
STATUS_COLORS = {"converges": "#006d2c", "oscillates": "#8a5a00", "diverges": "#a00"}


def eta_slider(
    value: float, low: float = -3, high: float = 1, continuous: bool = False
) -> widgets.FloatLogSlider:
    """The learning rate η on a log scale from 10**low to 10**high.

    ``continuous``: redraw while the handle moves (for panels whose redraw is a
    few tens of ms); otherwise only on release (panels that restart training).
    """
    # The browser snaps a slider to min + k·step: choose the step (close to 0.05)
    # so that the starting value lies exactly on that grid, or the first picture
    # and the slider would disagree after the first snap.
    span = math.log10(value) - low
    step = span / max(1, round(span / 0.05)) if span > 0 else 0.05
    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=low,
        max=low + step * math.ceil((high - low) / step - 1e-9),
        step=step,
        description="η",
        readout_format=".3g",
        continuous_update=continuous,
    )


def status_html(status: str, message: str) -> str:
    """A descent's message with its first word ("Converges:", ...) in the status colour."""
    head, _, rest = message.partition(": ")
    return (
        f"<p><b style='color:{STATUS_COLORS[status]}'>{html.escape(head)}</b>: "
        f"{html.escape(rest)}</p>"
    )


class _Restore(Artist):
    """Pastes saved pixels back onto the canvas (the baked static part of a figure)."""

    def __init__(self, region):
        super().__init__()
        self.region = region
        self.set_zorder(-1000)

    def draw(self, renderer):
        renderer.restore_region(self.region)


def room(labels) -> int:
    """The width, in digits, that a layout keeps for tick labels like ``labels``:
    one digit more than the longest (a minus sign is wider than a digit), in
    steps of two, so a label a digit longer or shorter seldom needs a new layout."""
    longest = max((len(label) for label in labels), default=0)
    return 0 if not longest else 2 * math.ceil((longest + 1) / 2)


def axis_room(axis) -> int:
    """``room`` for the tick labels ``axis`` shows now."""
    low, high = sorted(axis.get_view_interval())
    locs = [v for v in axis.get_majorticklocs() if low <= v <= high]
    return room(axis.major.formatter.format_ticks(locs))


class _Room(Formatter):
    """Every tick label a row of ``width`` zeros; the offset text as it is."""

    def __init__(self, width: int, offset: str):
        self.width, self.offset = width, offset

    def __call__(self, x, pos=None):
        return "0" * self.width

    def get_offset(self):
        return self.offset


@contextmanager
def _label_room(fig):
    """Inside the block each axis of ``fig`` has a tick at both ends, labelled
    with a row of zeros as wide as ``room`` keeps: a layout made there leaves
    room for the widest labels wherever they fall, and depends on the rooms
    alone, not on the digits shown or where the ticks are."""
    axes = [axis for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)]
    saved = [(axis.major.locator, axis.major.formatter) for axis in axes]
    try:
        for axis in axes:
            width, offset = axis_room(axis), axis.major.formatter.get_offset()
            axis.major.locator = FixedLocator(sorted(axis.get_view_interval()) if width else [])
            axis.major.formatter = _Room(width, offset)
        yield
    finally:
        for axis, (locator, formatter) in zip(axes, saved):
            axis.major.locator, axis.major.formatter = locator, formatter


class FastRedraw:
    """Mixin for a ``Panel``: lay the figure out once, and draw its static part once.

    Constrained layout measures every text on every draw, and tick labels, axis
    labels and legends are most of a draw; yet between two redraws they seldom
    change. So after the first picture the layout is kept, and the static part
    (limits, scales, axis labels, legend entries: ``_static_key``) is drawn
    once into an image (costing about what drawing it live would), kept for
    when that key comes back: then only lines, fills, arrows, spines and titles
    are drawn live. Legends are part of the image: keep them outside the
    axes, where no curve passes.

    Subclasses call ``finish_draw()`` at the end of ``draw``.
    """

    _layout_frozen = False
    _rooms = None
    _restore = None
    _hidden: list = []
    #: Static images kept, by key (a few: sliders go back and forth).
    baked_images = 6

    def finish_draw(self) -> None:
        """Keep the layout fitting the tick labels, then paste or bake the static image.

        A new layout is made here, before baking, so that every picture, the
        first one included, is drawn the same way (static part pasted): the
        pixels are a function of what the figure shows, not of which pictures
        came before (a live draw and a pasted one differ at antialiased edges).
        """
        if not on("fast_redraw"):
            return  # constrained layout and every artist drawn, on every draw
        self._fit_layout()
        self._show_static()
        if not self._layout_frozen:
            with style(), _label_room(self.fig):
                self.fig.get_layout_engine().execute(self.fig)  # constrained layout, once
            self.fig.set_layout_engine("none")
            self._layout_frozen = True
        key = self._static_key()
        cache = self.__dict__.setdefault("_baked", OrderedDict())
        if key not in cache:
            cache[key] = self._bake()
            while len(cache) > self.baked_images:
                cache.popitem(last=False)
        if key in cache:
            cache.move_to_end(key)
            self._paste(cache[key])

    def _static_key(self) -> tuple:
        """Everything the baked image shows: limits, scales, axis labels, legends."""
        key = [tuple(self.fig.get_size_inches())]
        for ax in self.fig.axes:
            legend = ax.get_legend()
            names = tuple(t.get_text() for t in legend.get_texts()) if legend else ()
            key.append((ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale()))
            key.append((ax.get_xlabel(), ax.get_ylabel(), ax.get_visible(), names))
        return tuple(key)

    def _dynamic_artists(self) -> list:
        dynamic = []
        for ax in self.fig.axes:
            # spines too: a fill drawn live must not cover them
            dynamic += [*ax.lines, *ax.collections, *ax.images, *ax.texts, ax.title]
            dynamic += list(ax.spines.values())
        return dynamic

    def _static_artists(self) -> list:
        dynamic = {id(a) for a in self._dynamic_artists()}
        found = [self.fig.patch, *self.fig.texts, *self.fig.legends]
        for ax in self.fig.axes:
            found += [a for a in ax.get_children() if id(a) not in dynamic]
        return [a for a in found if a.get_visible()]

    def _bake(self):
        """Draw the static part alone; return its pixels."""
        dynamic = [a for a in self._dynamic_artists() if a.get_visible()]
        for artist in dynamic:
            artist.set_visible(False)
        try:
            self.fig.canvas.draw()
            return self.fig.canvas.copy_from_bbox(self.fig.bbox)
        finally:
            for artist in dynamic:
                artist.set_visible(True)

    def _paste(self, region) -> None:
        """Show the baked image instead of drawing the static artists."""
        self._hidden = self._static_artists()
        for artist in self._hidden:
            artist.set_visible(False)
        self._restore = self.fig.add_artist(_Restore(region))

    def _show_static(self) -> None:
        """Back to drawing everything live (undoes ``_paste``)."""
        if self._restore is not None:
            self._restore.remove()
            self._restore = None
        for artist in self._hidden:
            artist.set_visible(True)
        self._hidden = []

    def _fit_layout(self) -> None:
        """Lay out again if the room kept for any axis' tick labels changed since
        the layout was made (``room``: say "1" to "0.0001", or back), or a
        legend changed its number of entries, so labels never overlap or leave
        the figure. The layout is made for the rooms alone (``_label_room``),
        so it is a function of what the figure shows, never of the values shown
        before: a held key whose intermediate values the browser skipped ends
        on the same picture as the same value reached step by step, and a
        picture drawn ahead is the picture a redraw makes."""
        rooms = []
        for ax in self.fig.axes:
            rooms += [axis_room(ax.xaxis), axis_room(ax.yaxis)]
            # a legend outside the axes that gained entries needs room too
            legend = ax.get_legend()
            rooms.append(len(legend.texts) if legend is not None else 0)
        if rooms != self._rooms:
            self._rooms = rooms
            self.__dict__.get("_baked", {}).clear()  # new positions: the images are stale
            self._text_px = None
            self._lay_out_afresh()

    def _lay_out_afresh(self) -> None:
        """Constrained layout from the axes' positions before any layout, so that
        the layout depends on what the figure shows, not on earlier layouts."""
        if "_positions" not in self.__dict__:
            self._positions = [(ax, ax.get_position(original=True).frozen()) for ax in self.fig.axes]
        for ax, position in self._positions:
            ax._set_position(position, which="both")
        self.fig.set_layout_engine("constrained")
        self._layout_frozen = False

    def reset(self) -> dict:
        """Forget the kept layout and static images, then reset: Reset draws the
        way the first picture was drawn, so it gives exactly the first picture."""
        with self._lock:
            self._show_static()
            self.__dict__.get("_baked", {}).clear()
            self._rooms = None
            return super().reset()
