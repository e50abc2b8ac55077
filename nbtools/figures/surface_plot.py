"""Error-surface contours with the negative gradient as arrows and a descent path.

Works for any E on a grid: an error surface of two network weights
(``nbtools.error_surface``) or a 2-D error function (``nbtools.descent``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.ticker import MaxNLocator

from ._axes import few_ticks
from .path import PathArtists, draw_path
from .style import SEQUENTIAL, ax_or_new


def contour_levels(surface: np.ndarray, n: int = 16) -> np.ndarray:
    """Contour levels for E: evenly spaced in √(E − E_min), so the low region
    (where descent ends up) gets as many contours as the steep walls."""
    low, high = float(np.min(surface)), float(np.max(surface))
    if not high > low:
        return np.array([low - 0.5, low + 0.5])
    levels = low + (high - low) * np.linspace(0.0, 1.0, n) ** 2
    # Plateaus at exactly the lowest or highest value (saturated tanh) must not
    # fall on a level: contourf leaves such regions unfilled.
    levels[0] -= 0.01 * (high - low)
    levels[-1] += 0.01 * (high - low)
    return levels


def negative_gradient_arrows(a_values, b_values, surface, arrows: int = 12):
    """−∇E on a coarse ``arrows`` × ``arrows`` grid, by central differences on ``surface``.

    Returns
    -------
    A, B : ndarray of shape (arrows, arrows)
        Arrow positions (a to the right, b up).
    U, V : ndarray of shape (arrows, arrows)
        The arrows in data units: direction of −∇E, length (|∇E| / max |∇E|)^½
        times the coarse grid spacing (the square root keeps small slopes visible).
    """
    a_values, b_values = np.asarray(a_values, dtype=float), np.asarray(b_values, dtype=float)
    dE_db, dE_da = np.gradient(surface, b_values, a_values)  # rows follow b, columns follow a
    rows = np.linspace(0, len(b_values) - 1, arrows + 2)[1:-1].round().astype(int)
    cols = np.linspace(0, len(a_values) - 1, arrows + 2)[1:-1].round().astype(int)
    A, B = np.meshgrid(a_values[cols], b_values[rows])
    ga, gb = dE_da[np.ix_(rows, cols)], dE_db[np.ix_(rows, cols)]
    span_a, span_b = np.ptp(a_values) / (arrows + 1), np.ptp(b_values) / (arrows + 1)
    norm = np.hypot(ga, gb)
    in_cells = np.hypot(ga / span_a, gb / span_b)  # the arrow −∇E measured in grid cells
    biggest = float(np.max(norm)) if norm.size else 0.0
    if not biggest > 0:
        return A, B, np.zeros_like(A), np.zeros_like(B)
    # Keep the direction of −∇E in weight space; set the length in cells.
    scale = 0.9 * np.sqrt(norm / biggest) / np.where(in_cells > 0, in_cells, 1.0)
    return A, B, -ga * scale, -gb * scale


@dataclass
class SurfaceArtists:
    """Filled contours of E, arrows of −∇E and a path, on one Axes.

    ``set_surface`` re-creates the contours (matplotlib cannot refill them in
    place), moves the arrows and makes the colour bar (if any) show the new
    levels; ``set_path`` only moves the path.
    """

    ax: object
    fill: object
    quiver: object | None
    path: PathArtists
    arrows: int
    minimum: object = None
    colorbar: object = None

    def set_surface(self, a_values, b_values, surface, levels=None) -> None:
        ax = self.ax
        if self.fill is not None:
            self.fill.remove()
        levels = contour_levels(surface) if levels is None else levels
        self.fill = ax.contourf(
            a_values, b_values, surface, levels=levels, cmap=SEQUENTIAL, extend="both", zorder=0
        )
        if self.quiver is not None:
            A, B, U, V = negative_gradient_arrows(a_values, b_values, surface, self.arrows)
            self.quiver.set_offsets(np.column_stack([A.ravel(), B.ravel()]))
            self.quiver.set_UVC(U.ravel(), V.ravel())
        r, c = np.unravel_index(int(np.argmin(surface)), surface.shape)
        inside = 0 < r < surface.shape[0] - 1 and 0 < c < surface.shape[1] - 1
        # Lowest on the edge is no minimum: E goes on falling outside the window.
        self.minimum.set_data([a_values[c]] if inside else [], [b_values[r]] if inside else [])
        ax.set_xlim(a_values[0], a_values[-1])
        ax.set_ylim(b_values[0], b_values[-1])
        if self.colorbar is not None:
            follow_contours(self.colorbar, self.fill)

    def set_path(self, path) -> None:
        path = np.asarray(path, dtype=float).reshape(-1, 2)
        self.path.set_path(path[:, 0], path[:, 1])


#: The colour bar's label upright beside the bar, centred on it (a single symbol
#: reads better unrotated).
UPRIGHT_LABEL = {"rotation": 0, "va": "center", "ha": "left"}


def follow_contours(colorbar, fill) -> None:
    """Make ``colorbar`` show the levels and colours of the new filled contours ``fill``.

    ``Colorbar.update_normal`` alone is not enough: a colour bar copies the
    levels of the contour set it was made for (its ``boundaries`` and
    ``values``) and would go on showing the first surface's scale. Copy the
    new ones as ``Colorbar.__init__`` does, then redraw the bar; the axis
    is linear in E (spacing "proportional") with a few round ticks.
    """
    colorbar.boundaries = fill._levels  # the levels with the two extensions, as __init__ takes them
    colorbar.values = fill.cvalues
    colorbar.update_normal(fill)
    colorbar.locator = MaxNLocator(4)  # update_normal reset it to one tick per level
    # ... and aligned the label as if rotated (va "top"): the picture would shift it
    colorbar.ax.yaxis.label.set(**UPRIGHT_LABEL)


def error_surface_plot(
    a_values,
    b_values,
    surface,
    ax=None,
    path=None,
    arrows: int | None = 12,
    labels=("a", "b"),
    title: str = "",
    colorbar: str | None = None,
) -> SurfaceArtists:
    """Contours of E(a, b), the negative gradient as arrows, and a descent path.

    Parameters
    ----------
    a_values : array_like of shape (C,)
        Horizontal axis (weight a).
    b_values : array_like of shape (R,)
        Vertical axis (weight b).
    surface : array_like of shape (R, C)
        E[r, c] at a = a_values[c], b = b_values[r] (as ``nbtools.error_surface`` returns).
    ax : Axes, optional
    path : array_like of shape (n + 1, 2), optional
        The weights (a, b) along a descent path.
    arrows : int or None
        −∇E drawn on an ``arrows`` × ``arrows`` grid (None: no arrows).
    labels : (str, str)
        Axis labels (e.g. ``weight_label((1, 0, 1))``).
    title : str
        Axes title (none when empty).
    colorbar : str or None
        Label of a colour bar beside the axes that says which E each colour is
        (e.g. ``"$E$"``); None: no colour bar.

    Returns
    -------
    SurfaceArtists
    """
    ax = ax_or_new(ax, figsize=(5.0, 4.5))
    a_values, b_values = np.asarray(a_values, dtype=float), np.asarray(b_values, dtype=float)
    surface = np.asarray(surface, dtype=float)
    quiver = None
    if arrows:
        n = arrows * arrows
        quiver = ax.quiver(
            np.zeros(n),
            np.zeros(n),
            np.zeros(n),
            np.zeros(n),
            angles="xy",
            scale_units="xy",
            scale=1.0,
            color="white",
            width=0.004,
            headwidth=4,
            alpha=0.9,
            zorder=3,
            label="−∇E",
        )
    (minimum,) = ax.plot(
        [], [], "+", color="white", ms=14, mew=2.5, zorder=4, label="lowest E on the grid"
    )
    start = np.empty((0, 2)) if path is None else np.asarray(path, dtype=float).reshape(-1, 2)
    artists = SurfaceArtists(
        ax,
        None,
        quiver,
        draw_path(ax, start[:, 0], start[:, 1], color="white"),
        arrows or 0,
        minimum,
    )
    artists.set_surface(a_values, b_values, surface)
    if colorbar is not None:
        artists.colorbar = ax.figure.colorbar(
            artists.fill, ax=ax, spacing="proportional", ticks=MaxNLocator(4)
        )
        artists.colorbar.set_label(colorbar, labelpad=6, **UPRIGHT_LABEL)
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    if title:
        ax.set_title(title)
    few_ticks(ax)
    return artists
