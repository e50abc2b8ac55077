"""The decision boundary of a 2-D classifier: h(x) filled in on a grid, the
boundary h(x) = 0 as a line, and the data points on top."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..propagation import forward
from ._axes import few_ticks
from .style import COLORS, DIVERGING, ax_or_new

#: Filled levels of h(x); values beyond ±1 fall in the end bands.
LEVELS = np.linspace(-1.0, 1.0, 11)


def boundary_grid(X, grid: int = 60, margin: float = 0.25):
    """A square ``grid`` × ``grid`` grid covering the points X (N, 2) with a margin.

    Both axes get the same span (the larger one), so the map draws undistorted
    in a square box.

    Returns
    -------
    x1 : ndarray of shape (grid,)
    x2 : ndarray of shape (grid,)
    points : ndarray of shape (grid * grid, 2)
        The grid as a batch, row r * grid + c being (x1[c], x2[r]).
    """
    X = np.asarray(X, dtype=float)
    lo, hi = X.min(axis=0), X.max(axis=0)
    centre, half = (lo + hi) / 2, (1.0 + 2.0 * margin) * float(np.max(hi - lo)) / 2
    x1 = np.linspace(centre[0] - half, centre[0] + half, grid)
    x2 = np.linspace(centre[1] - half, centre[1] + half, grid)
    points = np.stack(np.meshgrid(x1, x2), axis=-1).reshape(-1, 2)
    return x1, x2, points


def grid_output(net, points, shape) -> np.ndarray:
    """h(x) at every grid point with one batched forward pass, reshaped to ``shape``."""
    return forward(net, points).h[:, 0].reshape(shape)


@dataclass
class BoundaryArtists:
    """h(x) filled in, the line h(x) = 0, and the points of each class."""

    ax: object
    x1: np.ndarray = None
    x2: np.ndarray = None
    points: np.ndarray = None
    fill: object = None
    line: object = None
    positive: object = None
    negative: object = None
    grid: int = 60

    def set_values(self, H) -> None:
        """Redraw from h on the grid, shape (len(x2), len(x1))."""
        for artist in (self.fill, self.line):
            if artist is not None:
                artist.remove()
        self.fill = self.ax.contourf(
            self.x1, self.x2, H, levels=LEVELS, cmap=DIVERGING, alpha=0.5, extend="both", zorder=0
        )
        self.line = None
        if np.min(H) < 0.0 < np.max(H):
            self.line = self.ax.contour(
                self.x1, self.x2, H, levels=[0.0], colors="black", linewidths=2.0, zorder=1
            )

    def set_network(self, net) -> np.ndarray:
        """Redraw for ``net``; returns h on the grid."""
        H = grid_output(net, self.points, (len(self.x2), len(self.x1)))
        self.set_values(H)
        return H

    def set_points(self, X, y) -> None:
        """New data: move the points, and the grid and the limits with them."""
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float).reshape(-1)
        self.x1, self.x2, self.points = boundary_grid(X, self.grid)
        self.positive.set_data(X[y > 0, 0], X[y > 0, 1])
        self.negative.set_data(X[y <= 0, 0], X[y <= 0, 1])
        self.ax.set_xlim(self.x1[0], self.x1[-1])
        self.ax.set_ylim(self.x2[0], self.x2[-1])


def decision_boundary(net, X, y, ax=None, grid: int = 60, title: str = "") -> BoundaryArtists:
    """A 2-D classifier's output h(x) over the plane, its boundary and the data.

    Parameters
    ----------
    net : Network
        d^(0) = 2 inputs, d^(L) = 1 output; the class is sign h(x).
    X : array_like of shape (N, 2)
    y : array_like of shape (N,)
        Labels ±1: +1 as red circles, −1 as blue squares (the colours of the fill).
    grid : int
        h is evaluated on grid × grid points (one forward pass).

    Returns
    -------
    BoundaryArtists
        ``set_network(net)`` or ``set_values(H)`` redraws the fill and the
        line; ``set_points(X, y)`` changes the data.
    """
    ax = ax_or_new(ax, figsize=(4.5, 4.5))
    (positive,) = ax.plot(
        [], [], "o", color=COLORS[5], mec="black", mew=0.6, ms=5, label="y = +1", zorder=3
    )
    (negative,) = ax.plot(
        [], [], "s", color=COLORS[0], mec="black", mew=0.6, ms=5, label="y = −1", zorder=3
    )
    artists = BoundaryArtists(ax, positive=positive, negative=negative, grid=grid)
    artists.set_points(X, y)
    artists.set_network(net)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_box_aspect(1.0)  # square box, square grid: equal scales, and the box never moves
    if title:
        ax.set_title(title)
    few_ticks(ax)
    return artists
