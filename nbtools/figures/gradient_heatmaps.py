"""Gradients ∂e/∂W⁽ˡ⁾ as annotated heat maps, one per layer.

The maps of all layers share one symmetric colour range on the diverging map
centred on 0, so colours compare across layers. A value not computed yet
(when stepping through the backward pass) shows as a light grey cell with "?",
as the sensitivity bars do.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle

from .colors import ACCENT, symmetric_norm, text_color_on
from .labels import number, superscript
from .sensitivity import _UNKNOWN_FACE, _UNKNOWN_TEXT
from .style import DIVERGING, subplots


@dataclass
class HeatmapArtists:
    """Handles on one layer's heat map: ``image`` (AxesImage) and ``texts[i][j]``.

    ``frame`` outlines the map when it is highlighted; ``grid`` draws the
    white lines between its cells.
    """

    ax: object
    layer: int
    image: object
    texts: list
    decimals: int
    frame: object = None
    grid: object = None

    def dynamic(self) -> list:
        """The artists ``update_gradient_heatmaps`` changes (image, annotations, frame, grid)."""
        found = [self.image, *(t for row in self.texts for t in row), self.frame, self.grid]
        return [a for a in found if a is not None]


def draw_gradient_heatmaps(
    G, axes=None, decimals: int = 2, fontsize: float = 11
) -> list[HeatmapArtists]:
    """Annotated heat maps of ∂e/∂W⁽ˡ⁾, one per layer, on a shared symmetric colour range.

    Rows are i = 0..d⁽ˡ⁻¹⁾ (row 0 is the bias, labelled "bias"), columns
    j = 1..d⁽ˡ⁾ as in the lecture (code column j − 1). Each map labels its own
    rows and columns; cells have the same size on every map and the maps are
    aligned at the top, so row i sits at the same height on each.

    Parameters
    ----------
    G : Layers or sequence of 2-D arrays
        ∂e/∂W⁽¹⁾, …, ∂e/∂W⁽ᴸ⁾, shaped like the weights.
    axes : sequence of Axes, optional
        One per layer; a new figure with a row of axes when None.
    decimals : int
        Decimals of the annotations.
    fontsize : float
        Size of the annotations (titles one point larger, ticks one smaller).
    """
    matrices = [np.asarray(g, dtype=float) for g in G]
    if not matrices or any(g.ndim != 2 for g in matrices):
        raise ValueError(
            f"G must hold one matrix per layer; got shapes {[g.shape for g in matrices]}"
        )
    if axes is None:
        widths = [g.shape[1] for g in matrices]
        _, axes = subplots(
            1,
            len(matrices),
            figsize=(1.6 * sum(widths) + 1.0, 2.8),
            gridspec_kw={"width_ratios": widths},
            squeeze=False,
        )
        axes = axes[0]
    if len(axes) != len(matrices):
        raise ValueError(f"axes must hold one Axes per layer ({len(matrices)}); got {len(axes)}")
    artists = []
    # every map spans the rows of the tallest, so cells are equally large and rows line up
    depth = max(g.shape[0] for g in matrices)
    cmap = matplotlib.colormaps[DIVERGING].with_extremes(bad=_UNKNOWN_FACE)  # NaN: not yet known
    for ell, (g, ax) in enumerate(zip(matrices, axes), start=1):
        rows, cols = g.shape
        image = ax.imshow(np.zeros_like(g), cmap=cmap, vmin=-1.0, vmax=1.0, aspect="equal")
        texts = [
            [
                ax.text(j, i, "", ha="center", va="center", fontsize=fontsize, zorder=4)
                for j in range(cols)
            ]
            for i in range(rows)
        ]
        ax.set_xticks(range(cols), [f"j={j + 1}" for j in range(cols)])
        ax.set_yticks(range(rows), ["bias"] + [f"i={i}" for i in range(1, rows)])
        ax.set_xlim(-0.5, cols - 0.5)
        ax.set_ylim(depth - 0.5, -0.5)
        ax.xaxis.tick_top()
        ax.tick_params(length=0, labelsize=max(fontsize - 1, 10), pad=2)  # 10 pt: 11 px
        ax.set_title(f"∂e/∂W{superscript(f'({ell})')}", fontsize=fontsize + 1)
        ax.spines[["left", "top", "right", "bottom"]].set_visible(False)
        ax.set_anchor("N")
        # white lines between the cells, so that equal neighbours (two "?") stay two cells
        grid = ax.add_collection(
            LineCollection(
                [[(j - 0.5, -0.5), (j - 0.5, rows - 0.5)] for j in range(1, cols)]
                + [[(-0.5, i - 0.5), (cols - 0.5, i - 0.5)] for i in range(1, rows)],
                colors="white",
                linewidths=2.0,
                zorder=3,
            )
        )
        frame = ax.add_patch(
            Rectangle(
                (-0.5, -0.5),
                cols,
                rows,
                fill=False,
                edgecolor=ACCENT,
                linewidth=3.0,
                visible=False,
                clip_on=False,
                zorder=5,
            )
        )
        artists.append(HeatmapArtists(ax, ell, image, texts, decimals, frame, grid))
    update_gradient_heatmaps(artists, G)
    return artists


def update_gradient_heatmaps(
    artists: list[HeatmapArtists], G, shown=None, highlight=()
) -> list[HeatmapArtists]:
    """Set colours and annotations from ``G`` (same shapes as drawn).

    ``shown`` (optional) is a set of layers l to show; the others are light
    grey cells with "?" entries (not computed yet). The maps of the layers in
    ``highlight`` get a frame.
    """
    matrices = [np.asarray(g, dtype=float) for g in G]
    visible = [shown is None or a.layer in shown for a in artists]
    norm = symmetric_norm(
        np.concatenate([g.ravel() for g, v in zip(matrices, visible) if v] or [np.zeros(1)])
    )
    cmap = artists[0].image.get_cmap() if artists else None
    for a, g, show in zip(artists, matrices, visible):
        a.frame.set_visible(a.layer in highlight)
        if g.shape != (len(a.texts), len(a.texts[0])):
            raise ValueError(
                f"G[{a.layer}] must keep its drawn shape {(len(a.texts), len(a.texts[0]))}; "
                f"got {g.shape}"
            )
        a.image.set_data(g if show else np.full_like(g, np.nan))
        a.image.set_clim(norm.vmin, norm.vmax)
        for (i, j), value in np.ndenumerate(g):
            text = a.texts[i][j]
            text.set_text(number(value, a.decimals) if show else "?")
            text.set_color(text_color_on(cmap(norm(value))) if show else _UNKNOWN_TEXT)
    return artists
