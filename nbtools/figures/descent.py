"""Gradient-descent paths on a 1-D error curve and on the contours of a 2-D one."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._axes import few_ticks, nice_ceiling
from .path import PathArtists, draw_path
from .style import COLORS, ax_or_new
from .surface_plot import SurfaceArtists, error_surface_plot


def function_grid(function, grid: int = 60):
    """E of a 2-D error function on a ``grid`` × ``grid`` grid over its window.

    Returns a_values (grid,), b_values (grid,), surface (grid, grid) with
    surface[r, c] = E(a_values[c], b_values[r]).
    """
    (a_lo, a_hi), (b_lo, b_hi) = function.window
    a_values, b_values = np.linspace(a_lo, a_hi, grid), np.linspace(b_lo, b_hi, grid)
    points = np.stack(np.meshgrid(a_values, b_values), axis=-1)  # (R, C, 2)
    return a_values, b_values, function.E(points)


@dataclass
class CurveArtists:
    """E(w) as a curve and the path (w(t), E(w(t))) on it."""

    ax: object
    curve: object
    path: PathArtists
    function: object = None

    def set_function(self, function, points: int = 300) -> None:
        lo, hi = function.window[0]
        w = np.linspace(lo, hi, points)
        E = function.E(w[:, None])
        self.curve.set_data(w, E)
        self.function = function
        # The top on a nice number (``nice_ceiling``): a steeper curve (a larger
        # c) is seen to rise higher on the same axis, and the axis changes only
        # when the curve outgrows it, so a redraw seldom draws new ticks.
        low = min(float(np.min(E)), 0.0)  # error functions are >= 0: the axis starts below 0
        top = nice_ceiling(low + 1.1 * (float(np.max(E)) - low))
        self.ax.set_xlim(lo, hi)
        self.ax.set_ylim(low - 0.05 * (top - low), top)

    def set_path(self, path) -> None:
        w = np.asarray(path, dtype=float).reshape(-1)
        self.path.set_path(w, self.function.E(w[:, None]))


def descent_curve(function, path=None, ax=None) -> CurveArtists:
    """A 1-D error function E(w) and a gradient-descent path drawn on it.

    Parameters
    ----------
    function : nbtools.descent.ErrorFunction
        One weight (``function.dimension == 1``).
    path : array_like of shape (n + 1,) or (n + 1, 1), optional
        w(0), ..., w(n), e.g. ``nbtools.descent.descend(...).path``.

    Returns
    -------
    CurveArtists
        ``set_path`` and ``set_function`` update it in place.
    """
    ax = ax_or_new(ax)
    (curve,) = ax.plot([], [], color=COLORS[0], lw=2.5, zorder=2, label="E(w)")
    artists = CurveArtists(ax, curve, draw_path(ax, [], [], color=COLORS[5]))
    artists.set_function(function)
    if path is not None:
        artists.set_path(path)
    ax.set_xlabel("w")
    ax.set_ylabel("E(w)")
    few_ticks(ax)
    return artists


def descent_contours(
    function, path=None, ax=None, grid: int = 60, arrows: int | None = 12
) -> SurfaceArtists:
    """Contours of a 2-D error function, −∇E as arrows, and a descent path.

    ``function`` has two weights; ``path`` has shape (n + 1, 2). Returns the
    ``SurfaceArtists`` of ``error_surface_plot``.
    """
    a_values, b_values, surface = function_grid(function, grid)
    return error_surface_plot(
        a_values, b_values, surface, ax=ax, path=path, arrows=arrows, labels=("w₁", "w₂")
    )
