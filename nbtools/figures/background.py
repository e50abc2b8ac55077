"""Bake the parts of a figure that never change into one background image.

A panel redraws its whole figure on every slider move (``Panel.refresh``
renders a PNG). Most of a figure is static: axis labels, ticks, titles,
layer names, table headers. Text is the costly part of a draw (each string
is laid out and rasterised anew, every time), so drawing the static parts
once into an image, and from then on only the artists that change on top of
it, cuts a redraw to a fraction. The layout (constrained) is computed once
and then frozen, which removes the other large cost.

Nothing outside the figure changes; ``Background.release`` undoes it all,
for example before the static part itself must change.
"""

from __future__ import annotations

from matplotlib.artist import Artist


class _Restore(Artist):
    """Puts the baked static part back: a memcpy of the saved pixels (not a resampled image).

    On a canvas of another size or dpi (``savefig(dpi=...)``, a tight bounding
    box) the saved pixels do not fit, so the static artists are drawn there
    instead, as in an ordinary draw.
    """

    def __init__(self, region, key, static):
        super().__init__()
        self.region, self.key, self.static = region, key, static
        self.set_zorder(-1000)

    def draw(self, renderer):
        if not self.get_visible():
            return
        if _renderer_key(renderer) == self.key:
            renderer.restore_region(self.region)
            return
        for artist in self.static:
            artist.set_visible(True)
            try:
                artist.draw(renderer)
            finally:
                artist.set_visible(False)


def _renderer_key(renderer):
    return (
        getattr(renderer, "width", None),
        getattr(renderer, "height", None),
        renderer.dpi,
        hasattr(renderer, "restore_region"),
    )


class Background:
    """The static part of ``fig`` as an image; only ``dynamic`` artists are drawn live.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        With an Agg canvas (``style.new_figure``); all artists already created.
    dynamic : iterable of Artist
        The artists that change (updated in place). Everything else in the
        figure (axes backgrounds, spines, axis ticks and labels, titles,
        other texts, lines and patches) is drawn once into the background.
        An axis whose ticks change must be listed itself (``ax.yaxis``).

    Notes
    -----
    Dynamic artists are drawn above the whole background, so a static artist
    cannot sit in front of a changing one.
    """

    def __init__(self, fig, dynamic):
        self.fig = fig
        self.dynamic = list(dynamic)
        dynamic_ids = {id(a) for a in self.dynamic}
        self._engine = fig.get_layout_engine()
        fig.canvas.draw()  # lays out once (constrained layout) with every artist in place
        fig.set_layout_engine("none")
        shown = [a.get_visible() for a in self.dynamic]
        for artist in self.dynamic:
            artist.set_visible(False)
        fig.canvas.draw()
        region = fig.canvas.copy_from_bbox(fig.bbox)
        key = _renderer_key(fig.canvas.get_renderer())
        for artist, visible in zip(self.dynamic, shown):
            artist.set_visible(visible)
        self._hidden = [a for a in _static_artists(fig, dynamic_ids) if a.get_visible()]
        for artist in self._hidden:
            artist.set_visible(False)
        self.image = fig.add_artist(_Restore(region, key, self._hidden))

    def release(self) -> None:
        """Show the static artists again, drop the image and restore the layout engine."""
        self.image.remove()
        for artist in self._hidden:
            artist.set_visible(True)
        self._hidden = []
        self.fig.set_layout_engine(self._engine)


def _static_artists(fig, dynamic_ids: set) -> list:
    """The static artists of ``fig`` in the order a full draw paints them.

    Figure patch, figure-level artists, then each Axes: its patch, then its
    children by zorder; spines and axis objects only where the axes are on
    (as ``Axes.draw`` does). The axes themselves are not included.
    """

    def by_zorder(artists):
        return sorted((a for a in artists if id(a) not in dynamic_ids), key=lambda a: a.zorder)

    order = by_zorder([fig.patch]) + by_zorder(
        [*fig.texts, *fig.lines, *fig.patches, *fig.artists, *fig.legends]
    )
    for ax in sorted(fig.axes, key=lambda a: a.zorder):
        frame = ax.axison and ax.get_frame_on()
        skip = {id(ax.patch)}
        if not frame:
            skip |= {id(spine) for spine in ax.spines.values()}
        if not ax.axison:
            skip |= {id(ax.xaxis), id(ax.yaxis)}
        order += by_zorder([ax.patch] if frame else [])
        order += by_zorder(a for a in ax.get_children() if id(a) not in skip)
    return order
