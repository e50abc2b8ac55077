"""How large the smallest text of a figure is, in pixels of its picture.

A panel's picture is shown scaled to the width it is given; the browser tests
multiply this figure by that scale to check that no label is too small to read
(11 CSS px at least) on a laptop with the file browser open.
"""

from __future__ import annotations

from matplotlib.text import Text


def smallest_text_px(fig, also=()) -> float:
    """Font size in picture pixels of the smallest non-empty text ``fig`` draws.

    ``also``: artists drawn although hidden right now (a baked background).
    """
    hidden = {id(a) for a in also}
    sizes = [
        t.get_fontsize() * fig.dpi / 72.0
        for t in fig.findobj(Text)
        if t.get_text().strip() and (t.get_visible() or id(t) in hidden)
        and _drawn_in(t, hidden)
    ]
    return min(sizes, default=float("inf"))


def _drawn_in(text, hidden) -> bool:
    """False for texts under a hidden parent (an invisible axis or legend)."""
    parent = getattr(text, "axes", None)
    return parent is None or parent.get_visible() or id(parent) in hidden
