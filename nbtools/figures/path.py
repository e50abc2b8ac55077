"""A path of weights w(0), w(1), ... drawn as connected points, updatable in place."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .style import COLORS


@dataclass
class PathArtists:
    """The path's line (with a dot per step), its start and its end.

    ``set_path(xs, ys)`` moves all three in place.
    """

    line: object
    start: object
    end: object

    def set_path(self, xs, ys) -> None:
        xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
        self.line.set_data(xs, ys)
        self.start.set_data(xs[:1], ys[:1])
        self.end.set_data(xs[-1:], ys[-1:])

    @property
    def artists(self) -> list:
        return [self.line, self.start, self.end]


def draw_path(ax, xs, ys, color: str = COLORS[5], edge: str = "black") -> PathArtists:
    """Draw a descent path on ``ax``: a line through dots, a square at the start
    and a star at the end (shapes, not only colour, tell them apart)."""
    (line,) = ax.plot(
        [], [], "-o", color=color, lw=2, ms=5, mec=edge, mew=0.8, zorder=5, label="path"
    )
    (start,) = ax.plot([], [], "s", color=color, ms=10, mec=edge, mew=1.2, zorder=6, label="start")
    (end,) = ax.plot([], [], "*", color=color, ms=16, mec=edge, mew=1.2, zorder=6, label="end")
    artists = PathArtists(line, start, end)
    artists.set_path(xs, ys)
    return artists
