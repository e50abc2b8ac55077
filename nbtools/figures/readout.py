"""A block of labelled numbers drawn on axes: fixed labels left, values right.

Labels never change, values do: keeping them apart means a panel redraws
only the values that changed, and the labels can be
baked into a panel's background.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import laid_out_size


@dataclass
class ReadoutArtists:
    """``labels[r]`` (Text) and ``values[r]`` (Text) of each row r."""

    ax: object
    labels: list
    values: list

    def dynamic(self) -> list:
        """The artists ``update_readout`` changes (the values)."""
        return list(self.values)


def draw_readout(ax, labels, fontsize: float = 11, line: float = 1.5) -> ReadoutArtists:
    """Rows of ``labels`` from the top of ``ax`` (axes switched off), each with a value slot.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    labels : sequence of str
        One per row; "" for an empty row. A label starting with spaces is
        indented under the row above.
    fontsize : float
    line : float
        Line height in multiples of ``fontsize``.
    """
    height = laid_out_size(ax)[1]  # points
    step = line * fontsize / max(height, 1.0)
    texts, values = [], []
    for r, label in enumerate(labels):
        y = 1.0 - r * step
        indent = 0.06 * (len(label) - len(label.lstrip(" "))) / 2
        texts.append(
            ax.text(
                indent,
                y,
                label.strip(),
                transform=ax.transAxes,
                ha="left",
                va="top",
                fontsize=fontsize,
                color="#333333",
            )
        )
        values.append(
            ax.text(1.0, y, "", transform=ax.transAxes, ha="right", va="top", fontsize=fontsize
            )
        )
    ax.set_axis_off()
    return ReadoutArtists(ax, texts, values)


def update_readout(artists: ReadoutArtists, values) -> ReadoutArtists:
    """Set the value of each row (None or "" leaves the row without a value)."""
    if len(values) != len(artists.values):
        raise ValueError(
            f"update_readout needs one value per row ({len(artists.values)}); got {len(values)}"
        )
    for text, value in zip(artists.values, values):
        text.set_text("" if value is None else str(value))
    return artists
