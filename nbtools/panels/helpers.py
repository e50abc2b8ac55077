"""Pieces shared by the learning panels: the η slider and the status colours."""

from __future__ import annotations

import html
import math

import ipywidgets as widgets


#: Title colours for a descent's status (dark enough on white for a projector).
STATUS_COLORS = {"converges": "#006d2c", "oscillates": "#8a5a00", "diverges": "#a00"}


def eta_slider(
    value: float, low: float = -3, high: float = 1, continuous: bool = False
) -> widgets.FloatLogSlider:
    """The learning rate η on a log scale from 10**low to 10**high.

    ``continuous``: redraw while the handle moves (for panels whose redraw is a
    few tens of ms); otherwise only on release (panels that restart training).
    """
    # The browser snaps a slider to min + k·step: choose the step (close to 0.05)
    # so that the starting value lies exactly on that grid, or the first picture
    # and the slider would disagree after the first snap.
    span = math.log10(value) - low
    step = span / max(1, round(span / 0.05)) if span > 0 else 0.05
    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=low,
        max=low + step * math.ceil((high - low) / step - 1e-9),
        step=step,
        description="η",
        readout_format=".3g",
        continuous_update=continuous,
    )


def status_html(status: str, message: str) -> str:
    """A descent's message with its first word ("Converges:", ...) in the status colour."""
    head, _, rest = message.partition(": ")
    return (
        f"<p><b style='color:{STATUS_COLORS[status]}'>{html.escape(head)}</b>: "
        f"{html.escape(rest)}</p>"
    )
