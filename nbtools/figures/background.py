"""Draw a figure's static part once, and only what changes on every picture.

A panel redraws its figure on every slider move. Most of a figure does not
change between two moves: axis labels, ticks, legends, layer names, table
headers. Text is the costly part of a draw, so the static part is drawn once
and kept, and each picture pastes it and draws the changing artists on top,
with matplotlib's public blitting API: ``canvas.copy_from_bbox`` keeps the
static pixels, ``canvas.restore_region`` pastes them, ``figure.draw_artist``
draws one artist. This is the only speed mechanism of the panels' drawing.

What the static part shows is summed up by a *key* (the panel's
``static_key``: for a plot its limits, scales, labels and legend entries).
A new key lays the figure out again (constrained layout, from the positions
the axes had before any layout, with tick labels as wide as the ``room`` the
key keeps for them) and draws the static part again; the last few are kept.
So every picture is a function of what the figure shows, never of the
pictures drawn before it.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from contextlib import contextmanager

from matplotlib.ticker import FixedLocator, Formatter

from .style import png_of_canvas, style


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


def plot_key(fig) -> tuple:
    """What the static part of a plot shows: limits, scales, labels, legend entries,
    and the room its tick labels need."""
    key = [tuple(fig.get_size_inches())]
    for ax in fig.axes:
        legend = ax.get_legend()
        names = tuple(t.get_text() for t in legend.get_texts()) if legend else ()
        key.append((ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale()))
        key.append((ax.get_xlabel(), ax.get_ylabel(), ax.get_visible(), names))
        key.append((axis_room(ax.xaxis), axis_room(ax.yaxis)))
    return tuple(key)


def plot_artists(fig) -> list:
    """The artists of a plot that change with the data: lines, collections,
    images, patches, texts and titles, and the spines (drawn on top of fills)."""
    dynamic = []
    for ax in fig.axes:
        dynamic += [*ax.lines, *ax.collections, *ax.images, *ax.patches, *ax.texts, ax.title]
        if ax.axison and ax.get_frame_on():  # as Axes.draw: no spines on an axes turned off
            dynamic += list(ax.spines.values())
    return dynamic


class Background:
    """The static part of ``fig``, drawn once per key and pasted under the dynamic artists.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        With an Agg canvas (``style.new_figure``) and constrained layout.
    keep : int
        Static parts kept, by key (sliders go back and forth).

    Notes
    -----
    Dynamic artists are drawn above the whole static part, in the order of
    their axes and, within one axes, of their zorder: a static artist cannot
    sit in front of a changing one.
    """

    def __init__(self, fig, keep: int = 6):
        self.fig, self.keep = fig, keep
        self.engine = fig.get_layout_engine()
        self.original = [(ax, ax.get_position(original=True).frozen()) for ax in fig.axes]
        self.baked: OrderedDict = OrderedDict()  # key -> (axes positions, static pixels)

    def png(self, dynamic: list, key) -> bytes:
        """The figure as PNG bytes: the static part for ``key`` pasted, ``dynamic`` drawn on it."""
        canvas = self.fig.canvas
        with style():
            if key not in self.baked:
                self.baked[key] = self._bake(dynamic)
                while len(self.baked) > self.keep:
                    self.baked.popitem(last=False)
            self.baked.move_to_end(key)
            positions, region = self.baked[key]
            for ax, original, active in positions:  # (another key may have moved them)
                ax.set_position(original, which="original")
                ax.set_position(active, which="active")
            canvas.restore_region(region)
            axes_order = {id(ax): n for n, ax in enumerate(self.fig.axes)}
            for artist in sorted(dynamic, key=lambda a: (axes_order.get(id(a.axes), -1), a.zorder)):
                if artist.get_visible():
                    self.fig.draw_artist(artist)
            return png_of_canvas(canvas)

    def _bake(self, dynamic: list):
        """Lay the figure out afresh and draw its static part alone; return the
        axes' positions and the static pixels."""
        for ax, position in self.original:  # from the positions before any layout
            ax.set_position(position)
            ax.set_in_layout(True)
        self.fig.set_layout_engine(self.engine)
        with _label_room(self.fig):
            self.fig.get_layout_engine().execute(self.fig)
        self.fig.set_layout_engine("none")
        shown = [a for a in dynamic if a.get_visible()]
        for artist in shown:
            artist.set_visible(False)
        try:
            self.fig.canvas.draw()
            region = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        finally:
            for artist in shown:
                artist.set_visible(True)
        # both positions: an axes with a locator (a colour bar) is drawn inside its original one
        positions = [(ax, ax.get_position(original=True).frozen(), ax.get_position().frozen())
                     for ax in self.fig.axes]
        return positions, region


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
