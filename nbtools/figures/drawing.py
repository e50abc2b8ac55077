"""One nbtools figure drawn at a time, whichever thread draws it.

Panels draw pictures ahead on a thread of their own while the kernel's thread
may draw another figure, and every draw runs inside ``style()``, which sets
matplotlib's global rcParams, and through matplotlib's shared font caches.
So every draw and every measure of an nbtools figure holds ``DRAWING``: the
canvas of ``style.new_figure`` takes it in ``draw`` and ``print_figure``.
"""

from __future__ import annotations

import threading

from matplotlib.backends.backend_agg import FigureCanvasAgg

#: Held while any nbtools figure is drawn or measured (re-entrant: a draw
#: inside ``print_figure`` takes it again).
DRAWING = threading.RLock()


class Canvas(FigureCanvasAgg):
    """``FigureCanvasAgg`` that draws one figure at a time (``DRAWING``)."""

    def draw(self):
        with DRAWING:
            super().draw()

    def print_figure(self, *args, **kwargs):
        with DRAWING:
            return super().print_figure(*args, **kwargs)
