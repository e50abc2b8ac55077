"""Measuring axes where the figure's layout will put them."""

from __future__ import annotations


def laid_out_size(ax) -> tuple[float, float]:
    """(width, height) of ``ax`` in points, after running the figure's layout engine.

    Axes made by ``fig.subplots`` sit at their grid's default place until the
    first draw; running the (constrained) layout first gives the size they
    will be drawn at, so sizes in points chosen from it hold.
    """
    engine = ax.figure.get_layout_engine()
    if engine is not None:
        engine.execute(ax.figure)
    box = ax.get_window_extent()
    return box.width * 72.0 / ax.figure.dpi, box.height * 72.0 / ax.figure.dpi
