"""The glyph cache draws exactly the pixels matplotlib draws, from the first draw
(the cache filling) to later ones (drawn from it). Its speed is a benchmark
figure (benchmarks/bench_panels.py), not a test."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nbtools.figures import glyph_cache
from nbtools.figures.glyph_cache import GlyphCachingCanvas

pytestmark = pytest.mark.skipif(
    not glyph_cache.SUPPORTED, reason="this matplotlib has no Agg text internals to cache"
)


def _figure(canvas_class, value: float) -> Figure:
    fig = Figure(figsize=(5, 3.5), dpi=80)
    canvas_class(fig)
    ax = fig.add_subplot()
    ax.plot([0, 1, 2], [value, 1, 0.5], label="a line")
    ax.set_title(f"epoch 3, E = {value:.4f}")
    ax.set_xlabel(r"$w^{(1)}_{01} = \frac{1}{2}$ (mathtext, a fraction bar)")
    ax.set_ylabel("E (rotated 90°)")
    ax.text(0.3, 0.4, f"{value:.3f}", bbox={"boxstyle": "round", "fc": "w"}, fontsize=13)
    ax.text(1.2, 0.7, "tilted δ⁽²⁾ −0.705", rotation=30, fontweight="bold")
    ax.text(0.2, 0.9, "no antialiasing", antialiased=False, family="monospace")
    ax.legend(loc="upper right")
    return fig


def _pixels(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


@pytest.mark.parametrize("value", [0.1234, -2.5, 17.0])
def test_pixels_equal_matplotlibs_on_the_first_and_later_draws(value):
    expected = _pixels(_figure(FigureCanvasAgg, value))
    fig = _figure(GlyphCachingCanvas, value)
    first = _pixels(fig)
    again = _pixels(fig)
    np.testing.assert_array_equal(first, expected)
    np.testing.assert_array_equal(again, expected)


def test_cache_is_used_and_bounded(monkeypatch):
    monkeypatch.setattr(glyph_cache, "GLYPHS", 5)
    glyph_cache._glyphs.clear()
    _pixels(_figure(GlyphCachingCanvas, 0.5))
    assert 0 < len(glyph_cache._glyphs) <= 5
    assert glyph_cache._layouts  # strings laid out once
