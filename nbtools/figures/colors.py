"""Colours for signed quantities (weights, δ, gradients) on the diverging map.

``style.DIVERGING`` with a symmetric range [−scale, scale], so 0 sits in the
middle of the map and the sign decides the hue.
"""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.colors import Normalize

from .style import COLORS, DIVERGING

#: Outline of what is highlighted (the current step's nodes, bars, maps): vermillion.
ACCENT = COLORS[5]

_NEUTRAL = (0.69, 0.69, 0.69, 1.0)
_WHITE = (1.0, 1.0, 1.0, 1.0)
_LUT_SIZE = 256
_lut = None


def _colormap_table():
    """The diverging map sampled once (calling a Colormap costs ~0.1 ms a value)."""
    global _lut
    if _lut is None:
        _lut = matplotlib.colormaps[DIVERGING](np.linspace(0.0, 1.0, _LUT_SIZE))
    return _lut


def symmetric_norm(values, floor: float = 1e-12) -> Normalize:
    """A norm from −m to m, m = max |values| (at least ``floor``): 0 maps to the middle."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    m = max(float(np.max(np.abs(finite))) if finite.size else 0.0, floor)
    return Normalize(-m, m)


def diverging_color(value, scale: float, light: bool = False) -> tuple:
    """The RGBA colour (a tuple) of ``value`` on the diverging map over [−scale, scale].

    Lines (``light=False``) skip the palest third of the map, so that a small
    value still shows on a white background; fills behind text
    (``light=True``) use only the pale half, so black text stays readable.
    Zero, NaN or a zero scale give a neutral grey (lines) or white (fills).
    """
    value = float(value)
    if not np.isfinite(value) or value == 0.0 or scale <= 0:
        return _WHITE if light else _NEUTRAL
    size = min(abs(value) / scale, 1.0)
    reach = 0.45 * size if light else 0.35 + 0.65 * size
    position = 0.5 + 0.5 * np.sign(value) * reach
    return tuple(_colormap_table()[int(round(position * (_LUT_SIZE - 1)))])


def text_color_on(rgba) -> str:
    """Black or white, whichever reads better on the fill ``rgba``."""
    r, g, b = rgba[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"
