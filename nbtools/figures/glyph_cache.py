"""The renderer behind every nbtools figure: text drawn from a cache of glyphs.

Matplotlib (3.11) lays out every string with HarfBuzz and renders every glyph
with FreeType on every draw: about 2 ms for a six-character number here, and
text is most of a panel's redraw (tick labels, titles, the numbers on the
network diagram). Yet between two redraws almost every glyph is a glyph drawn
before at the same sub-pixel position: tick labels do not move, and digits
have equal advances, so the digits of a changing number land where digits
landed before. ``GlyphCachingRenderer`` keeps the layout of each string it has
drawn and the bitmap of each glyph at each 1/64-pixel offset it was drawn at,
and draws from them. A glyph's bitmap depends only on the fractional part of
its position (a whole-pixel shift moves it unchanged), so the pixels are
exactly those matplotlib draws; a test compares them byte for byte.

It relies on the Agg renderer's internals of matplotlib 3.11
(``_draw_text_glyphs_and_boxes``, ``FT2Font._layout`` and ``_render_glyph``);
with a matplotlib that lacks them, ``canvas_class()`` is the plain
``FigureCanvasAgg``.
"""

from __future__ import annotations

import math
import threading

import numpy as np
from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

from ..speedups import on

SUPPORTED = all(
    hasattr(obj, name)
    for obj, name in (
        (RendererAgg, "_draw_text_glyphs_and_boxes"),
        (RendererAgg, "_prepare_font"),
        (backend_agg, "get_hinting_flag"),
        (backend_agg, "RenderMode"),
    )
)

#: Held while any nbtools figure is drawn or measured, by whichever thread: the
#: caches here and in ``cached_text`` are shared, and a layout holds the font
#: objects of the thread that made it (panels draw pictures ahead on a thread).
DRAWING = threading.RLock()

#: Glyph bitmaps and string layouts kept; past these counts a cache is emptied
#: and fills again with what is drawn. Measured here: a bitmap ~160 bytes (at
#: most ~250 with its array), a layout ~0.7 kB (4 kB for a long title): full,
#: ~12 MB of bitmaps and ~14 MB of layouts at those sizes. The panels use far
#: fewer: ~1,000 glyphs and ~200 layouts for three of them.
GLYPHS, LAYOUTS = 50_000, 20_000
_glyphs: dict = {}
_layouts: dict = {}


class GlyphCachingRenderer(RendererAgg):
    """``RendererAgg`` whose text comes from the layout and glyph caches."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return self.draw_mathtext(gc, x, y, s, prop, angle)
        font = self._prepare_font(prop)
        flags = backend_agg.get_hinting_flag()
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        key = (s, hash(prop), self.dpi, flags, _frozen(features), _frozen(language))
        items = _layouts.get(key)
        if items is None:
            laid_out = font._layout(s, flags=flags, features=features, language=language)
            items = [(item.ft_object, item.glyph_index, item.x, item.y) for item in laid_out]
            if len(_layouts) >= LAYOUTS:
                _layouts.clear()
            _layouts[key] = items
        size = prop.get_size_in_points()
        self._draw_text_glyphs_and_boxes(
            gc, x, y, angle,
            ((ft_object, size, glyph_index, 0, 1, dx, dy) for ft_object, glyph_index, dx, dy in items),
            [],
        )

    def _draw_text_glyphs_and_boxes(self, gc, x, y, angle, glyphs, boxes):
        # As RendererAgg's, with each glyph's bitmap rendered once per fractional offset.
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        flags = backend_agg.get_hinting_flag()
        antialiased = gc.get_antialiased()
        mode = backend_agg.RenderMode.NORMAL if antialiased else backend_agg.RenderMode.MONO
        height = int(self.height)
        for font, size, glyph_index, slant, extend, dx, dy in glyphs:  # dy is upwards
            matrix = (
                (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[extend, extend * slant], [0, 1]])
                .round()
                .astype(int)
            )
            # the origin in FreeType's 26.6 fixed point, y upwards: whole pixels and 1/64ths
            ox = round(0x40 * (x + dx * cos - dy * sin))
            oy = round(0x40 * (self.height - y + dx * sin + dy * cos))
            key = (font.fname, size, self.dpi, glyph_index, matrix.tobytes(), ox % 64, oy % 64,
                   flags, antialiased)
            glyph = _glyphs.get(key)
            if glyph is None:
                font.set_size(size, self.dpi)
                font._set_transform(matrix, [ox % 64, oy % 64])
                bitmap = font._render_glyph(glyph_index, flags, mode)
                buffer = np.array(bitmap.buffer)  # a copy: the font reuses its bitmap
                if not antialiased:
                    buffer *= 0xFF
                glyph = (buffer, bitmap.left, bitmap.top)
                if len(_glyphs) >= GLYPHS:
                    _glyphs.clear()
                _glyphs[key] = glyph
            buffer, left, top = glyph
            # draw_text_image's y is downwards & the bitmap's bottom side
            self._renderer.draw_text_image(
                buffer, left + ox // 64, height - (top + oy // 64) + buffer.shape[0], 0, gc
            )
        if boxes:
            super()._draw_text_glyphs_and_boxes(gc, x, y, angle, (), boxes)


def _frozen(value):
    """A hashable form of font features or a language setting."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


class GlyphCachingCanvas(FigureCanvasAgg):
    """``FigureCanvasAgg`` drawing with a ``GlyphCachingRenderer``, one thread at a time."""

    def draw(self):
        with DRAWING:
            super().draw()

    def print_figure(self, *args, **kwargs):
        with DRAWING:
            return super().print_figure(*args, **kwargs)

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = GlyphCachingRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


def canvas_class() -> type:
    """The canvas for nbtools figures: glyph caching where matplotlib allows it
    (and ``speedups`` has it on)."""
    return GlyphCachingCanvas if SUPPORTED and on("glyph_cache") else FigureCanvasAgg


def renderer_class() -> type:
    """The renderer for off-screen text (``cached_text``)."""
    return GlyphCachingRenderer if SUPPORTED and on("glyph_cache") else RendererAgg
