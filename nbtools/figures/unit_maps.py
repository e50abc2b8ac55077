"""The network drawn with a map in every hidden node: what each unit computes.

Node j of hidden layer ℓ shows its output x^(ℓ)_j over the input plane (a
diverging colour map centred on 0, red positive, blue negative), the output
node shows h(x), and every node carries the mean |δ^(ℓ)_j| over the data:
where the error flows back to, and which units have stopped learning. Edges
are coloured by the sign of their weight and as thick as its size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.collections import LineCollection

from ..propagation import backward_batch, forward_batch
from .style import ax_or_new

#: Map resolution (grid × grid inputs per map), the size of a map (nodes are 1 apart
#: in a layer) and the width : height the diagram is laid out for.
GRID, SIZE, ASPECT = 24, 0.9, 2.2


def unit_values(net, X, Y, measure, grid_points) -> tuple[list, list]:
    """Each layer's outputs over the input plane, (G², d^(ℓ)) for ℓ = 1..L, and
    each unit's mean |δ^(ℓ)_j| over the data X, Y, (d^(ℓ),) for ℓ = 1..L."""
    xs, _ = forward_batch(net, grid_points)
    maps = [x[:, 1:] for x in xs[1:-1]] + [xs[-1]]  # without the bias column
    data_xs, data_ss = forward_batch(net, X)
    deltas = backward_batch(net, data_xs, data_ss, Y, measure)
    return maps, [np.abs(delta).mean(axis=0) for delta in deltas]


@dataclass
class UnitMaps:
    """The artists of ``unit_maps``: one image and one label per node, the edges."""

    ax: object
    d: tuple = ()
    images: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    edges: object = None
    centres: list = field(default_factory=list)

    def set_values(self, W, maps, mean_deltas) -> None:
        """Weights W[ℓ-1] = W^(ℓ), maps and |δ| (``unit_values``) of a network of widths ``d``."""
        for image, values in zip(self.images, (m for layer in maps for m in layer.T)):
            top = max(float(np.abs(values).max()), 1e-12)  # centred on 0: symmetric limits
            image.set_data(values.reshape(GRID, GRID))
            image.set_clim(-top, top)
        for label, value in zip(self.labels, np.concatenate(mean_deltas)):
            label.set_text(f"|δ| {value:.1e}")
        weights = np.concatenate([w[1:].ravel() for w in W])  # no bias rows: no bias node drawn
        biggest = max(float(np.abs(weights).max()), 1e-12)
        self.edges.set_linewidths(0.3 + 2.7 * np.abs(weights) / biggest)
        self.edges.set_color(np.where(weights[:, None] > 0, (0.80, 0.20, 0.15, 0.7), (0.15, 0.35, 0.75, 0.7)))


def unit_maps(d, ax=None) -> UnitMaps:
    """Draw a network of widths ``d`` (2 inputs) as layers of empty maps; fill them
    with ``UnitMaps.set_values``."""
    ax = ax_or_new(ax, figsize=(8.0, 3.0))
    d = tuple(d)
    artists = UnitMaps(ax=ax, d=d)
    # node k of layer ℓ at (ℓ, centred height); W[ℓ][1:] row i, column j joins node i of
    # layer ℓ-1 to node j of layer ℓ, in the order of ravel()
    gap = ASPECT * (max(d) + 1) / len(d)  # between layers, so the diagram fills a wide box
    artists.centres = [[(gap * ell, (width - 1) / 2 - k) for k in range(width)]
                       for ell, width in enumerate(d)]
    segments = [(artists.centres[ell - 1][i], artists.centres[ell][j])
                for ell in range(1, len(d)) for i in range(d[ell - 1]) for j in range(d[ell])]
    artists.edges = ax.add_collection(LineCollection(segments, zorder=1))
    for k, (x, y) in enumerate(artists.centres[0]):
        ax.text(x, y, f"$x_{k + 1}$", ha="center", va="center", fontsize=10,
                bbox={"boxstyle": "circle", "fc": "white", "ec": "0.4"}, zorder=3)
    half = SIZE / 2
    for layer in artists.centres[1:]:
        for x, y in layer:
            artists.images.append(ax.imshow(np.zeros((GRID, GRID)), cmap="RdBu_r", origin="lower",
                                            extent=(x - half, x + half, y - half, y + half), zorder=2))
            artists.labels.append(ax.text(x + half + 0.08, y, "", ha="left", va="center", fontsize=10,
                                          zorder=3))
    names = ["input"] + [f"layer {ell}" for ell in range(1, len(d) - 1)] + ["output"]
    for ell, name in enumerate(names):
        ax.text(gap * ell, max(d) / 2 + 0.1, name, ha="center", va="bottom", fontsize=10, color="0.3")
    ax.set_xlim(-0.6 * gap, (len(d) - 0.4) * gap)
    ax.set_ylim(-max(d) / 2 - 0.6, max(d) / 2 + 0.4)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return artists
