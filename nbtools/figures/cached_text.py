"""Text that keeps the pixels of every string it has drawn.

Matplotlib lays out and rasterises each glyph of each text anew on every
draw (~1 ms per short string here), which makes text the largest cost of a
panel's redraw. A ``CachedText`` renders a string once, off screen, and from
then on pastes those pixels: a slider move only pays for the strings that
actually changed. The cache is keyed by everything that changes the pixels
(string, font, colour, alpha, alignment, box, dpi), so a hit looks exactly
like a fresh draw, up to where it lands within a pixel.

Only Agg renderers with unrotated text take the fast path; anything else
(PDF, SVG, rotation) draws as an ordinary ``Text``.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, Bbox

from ..speedups import on
from .glyph_cache import renderer_class

#: The pixels of the strings drawn, least recently used first. Bounded twice:
#: at most _CACHE_SIZE strings and _CACHE_BYTES bytes of pixels (a number on the
#: network diagram is ~2 kB, a title ~20 kB); past either the oldest go.
_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 4096
_CACHE_BYTES = 16 * 2**20
_cache_bytes = 0
_PAD = 2  # pixels around a string, for antialiased edges

#: One off-screen renderer per dpi, the _OFFSCREEN_DPIS used last (figures come
#: at one or two dpis; each renderer is as large as the largest string, >= 256 kB).
_OFFSCREEN: OrderedDict = OrderedDict()
_OFFSCREEN_DPIS = 4


def _offscreen(width: int, height: int, dpi: float) -> RendererAgg:
    """One reusable off-screen renderer per dpi, grown when a text needs more room."""
    current = _OFFSCREEN.get(dpi)
    if current is None or current.width < width or current.height < height:
        w = max(width, 512, current.width if current else 0)
        h = max(height, 128, current.height if current else 0)
        current = _OFFSCREEN[dpi] = renderer_class()(w, h, dpi)
    _OFFSCREEN.move_to_end(dpi)
    while len(_OFFSCREEN) > _OFFSCREEN_DPIS:
        _OFFSCREEN.popitem(last=False)
    return current


def _keep(key, hit) -> None:
    """Cache ``hit`` (pixels, offset) under ``key``, within both bounds."""
    global _cache_bytes
    _CACHE[key] = hit
    _cache_bytes += hit[0].nbytes
    while len(_CACHE) > _CACHE_SIZE or _cache_bytes > _CACHE_BYTES:
        _, (pixels, _offset) = _CACHE.popitem(last=False)
        _cache_bytes -= pixels.nbytes


def _style_key(boxstyle) -> tuple:
    """A box style by its kind and parameters (its repr holds its address)."""
    return (type(boxstyle).__name__, tuple(sorted(vars(boxstyle).items())))


class CachedText(Text):
    """A ``matplotlib.text.Text`` that draws repeated strings from a pixel cache."""

    def _cache_key(self, renderer):
        patch = self.get_bbox_patch()
        box = (
            None
            if patch is None
            else (
                tuple(patch.get_facecolor()),
                tuple(patch.get_edgecolor()),
                patch.get_linewidth(),
                str(patch.get_boxstyle()),
                patch.get_mutation_scale(),
            )
        )
        return (
            self.get_text(),
            hash(self.get_fontproperties()),
            to_rgba(self.get_color()),
            self.get_alpha(),
            self.get_horizontalalignment(),
            self.get_verticalalignment(),
            self._multialignment,
            self._linespacing,
            renderer.dpi,
            box,
        )

    def _anchor(self):
        x, y = float(self.convert_xunits(self._x)), float(self.convert_yunits(self._y))
        return self.get_transform().transform((x, y))

    def _render(self, renderer):
        """Draw this text off screen: (pixels, offset from the anchor to their lower left)."""
        # Measure and draw on the same off-screen renderer: text metrics are cached per renderer.
        offscreen = _offscreen(1, 1, renderer.dpi)
        bbox = self.get_window_extent(offscreen)
        patch = self.get_bbox_patch()
        if patch is not None:
            # Room for the box around the text: its pad and line width, with a
            # margin for box styles that reach further. (The patch's own extent
            # walks the Bézier curves of a rounded box: as slow as the text itself.)
            self.update_bbox_position_size(offscreen)  # sets the mutation scale, in pixels
            pad = getattr(patch.get_boxstyle(), "pad", 0.3) * patch.get_mutation_scale()
            grow = 1.5 * pad + patch.get_linewidth() * offscreen.dpi / 72.0 + 2
            bbox = Bbox.from_extents(bbox.x0 - grow, bbox.y0 - grow, bbox.x1 + grow, bbox.y1 + grow)
        x0, y0 = math.floor(bbox.x0) - _PAD, math.floor(bbox.y0) - _PAD
        width, height = math.ceil(bbox.x1) + _PAD - x0, math.ceil(bbox.y1) + _PAD - y0
        offscreen = _offscreen(width, height, renderer.dpi)
        offscreen.clear()
        transform, clip_on = self.get_transform(), self.get_clip_on()
        try:
            self.set_transform(transform + Affine2D().translate(-x0, -y0))
            self.set_clip_on(False)
            Text.draw(self, offscreen)
        finally:
            self.set_transform(transform)
            self.set_clip_on(clip_on)
            self._renderer = renderer
        # The text sits in the lower left corner; draw_image wants the bottom row first.
        pixels = np.asarray(offscreen.buffer_rgba())[-height:, :width][::-1].copy()
        anchor = self._anchor()
        return pixels, (x0 - anchor[0], y0 - anchor[1])

    def draw(self, renderer):
        if (
            not isinstance(renderer, RendererAgg)
            or not self.get_visible()
            or self.get_text() == ""
            or self.get_rotation() != 0
            or self.get_path_effects()
            or self.get_usetex()
        ):
            return Text.draw(self, renderer)
        key = self._cache_key(renderer)
        hit = _CACHE.get(key)
        if hit is None:
            hit = self._render(renderer)
            _keep(key, hit)
        else:
            _CACHE.move_to_end(key)
        pixels, (dx, dy) = hit
        x, y = self._anchor()
        if not (np.isfinite(x) and np.isfinite(y)):
            return
        gc = renderer.new_gc()
        self._set_gc_clip(gc)
        renderer.draw_image(gc, round(x + dx), round(y + dy), pixels)
        gc.restore()
        self.stale = False


def cached_text(ax, x, y, s, **kwargs) -> CachedText:
    """Like ``ax.text(x, y, s, **kwargs)``, but a ``CachedText`` (a plain
    ``Text`` where ``speedups`` has cached text off)."""
    kwargs.setdefault("transform", ax.transData)
    kwargs.setdefault("clip_on", False)
    if not on("cached_text"):
        return ax.text(x, y, s, **kwargs)
    text = CachedText(x, y, s, **kwargs)
    ax.add_artist(text)
    return text
