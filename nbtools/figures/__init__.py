"""Drawing functions (matplotlib): each takes ``ax=None`` and returns its artists."""

from .style import COLORS, DIVERGING, MARKERS, SEQUENTIAL, STYLE, new_figure, png_bytes, style, subplots

__all__ = ["COLORS", "DIVERGING", "MARKERS", "SEQUENTIAL", "STYLE", "new_figure", "png_bytes", "style", "subplots"]
