"""Sensitivities δ⁽ˡ⁾ as bars (the gradients' heat maps: ``gradient_heatmaps``).

The bars use the diverging map centred on 0 (sign = hue) and have no value
axis: each is labelled with its value and the scale follows the largest |δ|,
so the zero line stays in the middle and nothing but the bars and labels
changes when the values do. A value not computed yet (when stepping through
the backward pass) shows as a light grey placeholder with "?".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.patches import Rectangle

from .colors import ACCENT, diverging_color
from .labels import number
from .style import subplots

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
        key: ax.text(p, 0.0, "", ha="center", fontsize=11, zorder=3)
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
