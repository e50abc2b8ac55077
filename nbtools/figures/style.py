"""The package style and figure plumbing shared by every drawing.

Figures are made with ``matplotlib.figure.Figure`` directly (not pyplot), so a
panel's figure is never shown twice by the inline backend and nothing global
changes. Rendering uses no tight bounding box: that alone doubles the cost of
a redraw (see TOOLCHAIN.md); constrained layout keeps labels inside instead.
"""

from __future__ import annotations

import io
from contextlib import contextmanager

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

#: Diverging map centred on 0 for signed quantities (weights, δ, gradients);
#: ColorBrewer RdBu is readable with the common colour-vision deficiencies.
DIVERGING = "RdBu_r"
#: Sequential map for surfaces.
SEQUENTIAL = "viridis"
#: Okabe-Ito colours: distinguishable for colour-blind readers; use in this order.
COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Marker per series, so comparisons do not rely on colour alone.
MARKERS = ("o", "s", "^", "D", "v", "P")

STYLE = {
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=COLORS),
    "image.cmap": SEQUENTIAL,
    "figure.dpi": 80,
    "savefig.dpi": 80,
    "legend.frameon": False,
}


@contextmanager
def style():
    """Apply the package style inside a ``with`` block (rcParams restored after)."""
    with matplotlib.rc_context(STYLE):
        yield


def new_figure(figsize=(8.0, 4.5), **kwargs) -> Figure:
    """A Figure with an Agg canvas and constrained layout, outside pyplot."""
    with style():
        fig = Figure(figsize=figsize, layout="constrained", **kwargs)
        FigureCanvasAgg(fig)
    return fig


def subplots(nrows=1, ncols=1, figsize=(8.0, 4.5), **kwargs):
    """Like ``plt.subplots`` but outside pyplot and in the package style."""
    fig = new_figure(figsize)
    with style():
        axes = fig.subplots(nrows, ncols, **kwargs)
    return fig, axes


def ax_or_new(ax, figsize=(6.0, 4.0)):
    """The given Axes, or a new one on a new figure (for ``ax=None``)."""
    if ax is not None:
        return ax
    return subplots(figsize=figsize)[1]


def png_bytes(fig: Figure) -> bytes:
    """Render ``fig`` to PNG bytes (no tight bbox: a redraw must stay fast)."""
    with style():
        fig.canvas.draw()
    return png_of_canvas(fig.canvas)


def png_of_canvas(canvas: FigureCanvasAgg) -> bytes:
    """PNG bytes of what an Agg canvas holds now. Pillow's ``compress_level=1``:
    plots are mostly flat colour, so the fastest zlib level loses little size."""
    out = io.BytesIO()
    Image.fromarray(np.asarray(canvas.buffer_rgba())).save(out, format="png", compress_level=1)
    return out.getvalue()
