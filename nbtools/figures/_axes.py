"""Small axes helpers shared by the learning figures."""

from __future__ import annotations

import math

from matplotlib.ticker import (
    FuncFormatter,
    LogLocator,
    MaxNLocator,
    NullLocator,
    SymmetricalLogLocator,
)

from .labels import weight_symbol

#: Line styles paired with COLORS and MARKERS, so a series reads without colour.
LINESTYLES = ("-", "--", "-.", ":")


def plain_log(value: float, _pos=None) -> str:
    """A log-axis label in plain text, 0.001 to 1000 written out and the rest
    as 1e-05, 1e+04: at most five characters for a power of ten, so the room
    the labels need changes seldom (``panels.helpers.room``)."""
    if value == 0 or 1e-3 <= abs(value) < 1e4:
        return f"{value:g}"
    return f"{value:.0e}"


PLAIN_LOG = FuncFormatter(plain_log)


def few_ticks(ax, n: int = 4) -> None:
    """Make ``ax`` cheap to redraw: at most ``n`` ticks per axis (readable from the
    back of a room; tick labels are most of a redraw's cost) and the title at a
    fixed height (otherwise every draw measures all tick labels to place it)."""
    for axis, scale in ((ax.xaxis, ax.get_xscale()), (ax.yaxis, ax.get_yscale())):
        if scale in ("log", "symlog"):
            if scale == "log":
                axis.set_major_locator(LogLocator(numticks=n))
            else:
                axis.set_major_locator(SymmetricalLogLocator(linthresh=1.0, base=10))
            axis.set_minor_locator(NullLocator())
            axis.set_major_formatter(PLAIN_LOG)  # "1e-05", not mathtext: 10x cheaper to lay out
        else:
            axis.set_major_locator(MaxNLocator(n))
    ax.set_title(ax.get_title(), y=1.0)


#: Axis ends within a decade: at most a fifth of an axis is left empty.
NICE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The smallest of ``NICE_STEPS`` × 10^k at or above ``value`` (1 for value <= 0).

    Axis limits that jump in such steps keep the ticks unchanged for many
    redraws while a curve grows (and a panel can then reuse its static image).
    """
    if not value > 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    end = next(m * power for m in NICE_STEPS if m * power >= value * (1 - 1e-12))
    return float(f"{end:.12g}")  # 3 × 0.1 is 0.30000000000000004


def decade_limits(low: float, high: float, pad: float = 1.5) -> tuple[float, float]:
    """Log-axis limits on whole decades around [low, high], with a margin ``pad``."""
    low, high = max(low, 1e-300), max(high, 1e-300)
    bottom = 10.0 ** math.floor(math.log10(low / pad))
    top = 10.0 ** math.ceil(math.log10(high * pad))
    return bottom, max(top, 10.0 * bottom)


def weight_label(index) -> str:
    """Weight W[l][i, j] in the notes' notation, plain Unicode: (1, 0, 1) -> "w⁽¹⁾₀₂"
    (the notes number the nodes of a layer from 1; plain text draws faster than mathtext)."""
    return weight_symbol(*index)

