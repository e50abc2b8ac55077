"""Sensitivities δ⁽ˡ⁾ as bars and gradients ∂e/∂W⁽ˡ⁾ as annotated heat maps.

Both use the diverging map centred on 0 (sign = hue). The bars have no value
axis: each is labelled with its value and the scale follows the largest |δ|,
so the zero line stays in the middle and nothing but the bars and labels
changes when the values do. The heat maps of all layers share one symmetric
colour range, so colours compare across layers. A value not computed yet (when
stepping through the backward pass) shows as a light grey placeholder with "?".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import matplotlib
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle

from .cached_text import cached_text
from .colors import ACCENT, diverging_color, symmetric_norm, text_color_on
from .labels import number, superscript
from .style import DIVERGING, subplots

_BAR_GAP = 0.6  # extra space between the groups of two layers
_BAR_WIDTH = 0.7
_UNKNOWN_FACE = "#ececec"  # a value not computed yet: light grey, with "?"
_UNKNOWN_TEXT = "#666666"
_PLACEHOLDER = 0.3  # half height of a placeholder bar, as a fraction of the axis' half range


@dataclass
class SensitivityArtists:
    """Handles on ``draw_sensitivities``: bars and value labels keyed (l, k), k = 1..d^(l).

    ``placeholders`` (same keys) are the grey boxes shown instead of a bar
    whose value is not computed yet.
    """

    ax: object
    keys: list
    bars: dict
    texts: dict
    decimals: int
    placeholders: dict = field(default_factory=dict)

    def dynamic(self) -> list:
        """The artists ``update_sensitivities`` changes (bars, placeholders, labels)."""
        return [*self.bars.values(), *self.placeholders.values(), *self.texts.values()]


def _check_vectors(name: str, layers) -> list:
    arrays = [np.asarray(a, dtype=float) for a in layers]
    if not arrays or any(a.ndim != 1 for a in arrays):
        raise ValueError(
            f"{name} must hold one vector per layer l = 1..L (one data point); "
            f"got shapes {[a.shape for a in arrays]}"
        )
    return arrays


def draw_sensitivities(delta, ax=None, decimals: int = 2) -> SensitivityArtists:
    """Bars of δ⁽ˡ⁾_k for every layer l = 1..L and node k, grouped by layer.

    Parameters
    ----------
    delta : Layers or sequence of 1-D arrays
        δ⁽¹⁾, …, δ⁽ᴸ⁾ of one data point (``nbtools.backward``).
    ax : matplotlib.axes.Axes, optional
    decimals : int
        Decimals of the value labels.
    """
    arrays = _check_vectors("delta", delta)
    if ax is None:
        ax = subplots(figsize=(5.0, 3.0))[1]
    keys, positions, names = [], [], []
    x = 0.0
    for ell, values in enumerate(arrays, start=1):
        for k in range(1, values.size + 1):
            keys.append((ell, k))
            positions.append(x)
            names.append(rf"$\delta^{{({ell})}}_{{{k}}}$")
            x += 1.0
        x += _BAR_GAP
    rects = ax.bar(
        positions, np.zeros(len(keys)), width=_BAR_WIDTH, edgecolor="#333333", linewidth=0.8
    )
    bars = dict(zip(keys, rects))
    placeholders = {
        key: ax.add_patch(
            Rectangle(
                (p - _BAR_WIDTH / 2, 0.0),
                _BAR_WIDTH,
                0.0,
                facecolor=_UNKNOWN_FACE,
                edgecolor="#bbbbbb",
                linewidth=0.8,
                visible=False,
                zorder=2,
            )
        )
        for key, p in zip(keys, positions)
    }
    texts = {
        key: cached_text(ax, p, 0.0, "", ha="center", fontsize=11, zorder=3)
        for key, p in zip(keys, positions)
    }
    ax.axhline(0.0, color="#333333", linewidth=1.0)
    ax.set_xticks(positions, names, fontsize=12)
    ax.tick_params(axis="x", length=0)
    ax.set_yticks([])
    ax.spines[["left", "top", "right", "bottom"]].set_visible(False)
    ax.set_xlim(positions[0] - 0.7, positions[-1] + 0.7)
    artists = SensitivityArtists(ax, keys, bars, texts, decimals, placeholders)
    update_sensitivities(artists, delta)
    return artists


def update_sensitivities(
    artists: SensitivityArtists, delta, shown=None, highlight=()
) -> SensitivityArtists:
    """Set bar heights, colours and labels from ``delta`` (same shapes as drawn).

    ``shown`` (optional) is a set of layers l whose bars to show; the others
    are empty (height 0) with a light grey placeholder box labelled "?" (not
    computed yet), for stepping through the backward pass. Bars of the layers
    in ``highlight`` get a thick outline.
    """
    arrays = _check_vectors("delta", delta)
    values = {(ell, k): arrays[ell - 1][k - 1] for ell, k in artists.keys}
    visible = {key: shown is None or key[0] in shown for key in artists.keys}
    scale = max([abs(v) for key, v in values.items() if visible[key]], default=0.0)
    # room for the labels above and below the bars; a unit scale while nothing is known
    limit = (scale if scale > 0 else 1.0) * 1.35
    for key in artists.keys:
        value = values[key] if visible[key] else 0.0
        bar, text = artists.bars[key], artists.texts[key]
        chosen = key[0] in highlight
        bar.set_height(value)
        bar.set_facecolor(diverging_color(value, scale))
        bar.set_edgecolor(ACCENT if chosen else "#333333")
        bar.set_linewidth(3.0 if chosen else 0.8)
        bar.set_visible(visible[key])
        box = artists.placeholders.get(key)
        if box is not None:
            box.set_visible(not visible[key])
            box.set_y(-_PLACEHOLDER * limit)
            box.set_height(2 * _PLACEHOLDER * limit)
        if visible[key]:
            offset = 0.04 * limit if value >= 0 else -0.04 * limit
            text.set_y(value + offset)
            text.set_verticalalignment("bottom" if value >= 0 else "top")
            text.set_text(number(values[key], artists.decimals))
            text.set_color("black")
        else:
            text.set_y(0.0)
            text.set_verticalalignment("center")
            text.set_text("?")
            text.set_color(_UNKNOWN_TEXT)
    artists.ax.set_ylim(-limit, limit)
    return artists


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
                cached_text(ax, j, i, "", ha="center", va="center", fontsize=fontsize, zorder=4)
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
