"""The network diagram: layers left to right, bias nodes square, values on it.

Nodes are keyed ``(l, k)``: layer l = 0..L, k = 0 for the bias node (layers
l < L only) and k = 1..d^(l) for the others, as in x^(l)_k. Edges are keyed
``(l, i, j)`` naming the weight W^(l)[i, j] (code indices, as in
``nbtools.error_surface``): from node (l-1, i) to node (l, j+1), which the
lecture writes w^(l)_{i, j+1}.

Edge colour shows the sign and size of the value on the edge (the weight, or
∂e/∂w) on the diverging map centred on 0, line width its size. The palest
third of the map is skipped so that a small weight still shows on white.
Nodes are circles (markers sized in points, so they stay round in axes of
any shape), large enough for two lines of values; only where the axes are
too low for such a circle do they widen into ellipses, so that the values
stay readable. Edge labels are placed once, where they keep clear of the
nodes, of the other edges and of each other.

This module builds the diagram; its parts live next to it: ``network_layout``
(where nodes and edge labels go, how big), ``network_values`` (what each node
and edge shows), ``network_artists`` (the handles and the arrows),
``network_update`` (repainting in place).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from matplotlib.markers import MarkerStyle
from matplotlib.transforms import Affine2D

from .labels import superscript
from .network_artists import NetworkArtists, NodeArrow
from .network_layout import (
    BIAS_SCALE,
    EDGE_FONT,
    SYMBOL_BOX,
    VALUE_BOX,
    X_MARGIN,
    edge_keys,
    fit_nodes,
    label_spots,
    node_font,
    node_keys,
    node_positions,
    node_shape,
)
from .network_update import LINE, update_network
from .network_values import DIRECTIONS, EDGE_LABELS, NODE_LABELS, check_node_labels, check_option
from .style import ax_or_new

__all__ = [
    "DIRECTIONS",
    "EDGE_LABELS",
    "NODE_LABELS",
    "NetworkArtists",
    "draw_network",
    "edge_keys",
    "node_keys",
    "update_network",
]


def _marker_path(marker: str):
    """The path of a scatter marker of diameter 1, centred on 0."""
    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform())


def draw_network(
    net,
    trace=None,
    delta=None,
    G=None,
    *,
    node_label="x",
    edge_label: str = "w",
    direction: str = "forward",
    highlight: Iterable = (),
    decimals: int = 2,
    ax=None,
) -> NetworkArtists:
    """Draw a small network with the values of one data point on it.

    Parameters
    ----------
    net : Network
    trace : Trace, optional
        ``nbtools.forward(net, x)`` for one point x: supplies x^(l) and s^(l).
    delta : Layers, optional
        ``nbtools.backward(...)`` for that point: δ^(l), l = 1..L.
    G : Layers, optional
        ∂e/∂W^(l), shaped like ``net.W``; shown on the edges when ``edge_label="grad"``.
    node_label : str or tuple of str
        What each node shows: "x" (x^(l)_k), "s" (s^(l)_k), "delta" (δ^(l)_k),
        "none", or several, one line each, e.g. ``("s", "x")``. Without the
        values (trace or delta None) a node shows its symbol, e.g. x⁽¹⁾₂.
        A node is shaded by the last value it shows (diverging map).
    edge_label : str
        "w" (the weight), "grad" (∂e/∂w from ``G``) or "none".
    direction : str
        "forward" (arrows towards the output) or "backward" (towards the
        input, for the backward pass; bias edges then carry no arrowhead,
        since no sensitivity flows to a bias node).
    highlight : iterable of tuple
        Nodes (l, k) and edges (l, i, j) to emphasise; the rest is dimmed.
    decimals : int
        Decimals of every number shown.
    ax : matplotlib.axes.Axes, optional
        Where to draw (a new figure when None). The diagram fills the axes.

    Returns
    -------
    NetworkArtists
        Pass it to ``update_network`` to change values, highlight or direction in place.
    """
    labels = check_node_labels(node_label)
    check_option("edge_label", edge_label, EDGE_LABELS)
    check_option("direction", direction, DIRECTIONS)
    ax = ax_or_new(ax, figsize=(6.0, 4.0))
    positions = node_positions(net)
    keys = list(positions)
    top = max(y for _, y in positions.values())
    bottom = min(y for _, y in positions.values())
    size, aspect, below, above, (width, height) = fit_nodes(ax, top - bottom, net.L)
    symbols_only = trace is None and delta is None  # "x⁽¹⁾₂" is shorter than "x −0.90"
    if symbols_only:
        fontsize = min(12.0, node_font(size, aspect, SYMBOL_BOX))
    else:
        fontsize = min(11.5, node_font(size, aspect, VALUE_BOX))
    xy = np.array([positions[key] for key in keys])
    nodes = ax.scatter(xy[:, 0], xy[:, 1], s=size**2, marker="o", linewidths=1.2, zorder=3)
    # circles (ellipses only in low axes); bias nodes small squares
    node = _marker_path("o").transformed(Affine2D().scale(aspect, 1.0))
    square = _marker_path("s").transformed(Affine2D().scale(BIAS_SCALE))
    nodes.set_paths([square if key[1] == 0 else node for key in keys])
    node_texts = {
        key: ax.text(*positions[key],
            "",
            ha="center",
            va="center",
            fontsize=fontsize,
            zorder=4,
            linespacing=1.1,
        )
        for key in keys
    }
    xlim, ylim = (-X_MARGIN, net.L + X_MARGIN), (bottom - below, top + above)
    edges, edge_texts = {}, {}
    for key in edge_keys(net):
        ell, i, j = key
        start, end = positions[(ell - 1, i)], positions[(ell, j + 1)]
        edges[key] = ax.add_patch(
            NodeArrow(
                start,
                end,
                (node_shape(i, size, aspect), node_shape(j + 1, size, aspect)),
                arrowstyle="-|>",
                mutation_scale=14,
                linewidth=1.5,
                color=LINE,
                zorder=1,
            )
        )
    if edge_label != "none":
        scale = (width / (xlim[1] - xlim[0]), height / (ylim[1] - ylim[0]))  # points per unit
        spots = label_spots(net, positions, size, aspect, scale)
        for key, (x, y) in spots.items():
            edge_texts[key] = ax.text(x,
                y,
                "",
                ha="center",
                va="center",
                fontsize=EDGE_FONT,
                zorder=2,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
            )
    layer_texts = []
    for ell in range(net.L + 1):
        role = " (input)" if ell == 0 else " (output)" if ell == net.L else ""
        layer_texts.append(
            ax.annotate(
                f"layer {ell}{role}\nd{superscript(f'({ell})')} = {net.d[ell]}",
                (ell, bottom),
                xytext=(0, -size / 2 - 6),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=11,
                color="#444444",
            )
        )
    title = ax.text(0.5, 1.0, "", transform=ax.transAxes, ha="center", va="top", fontsize=11
    )
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_axis_off()
    artists = NetworkArtists(
        ax,
        keys,
        nodes,
        node_texts,
        edges,
        edge_texts,
        layer_texts,
        title,
        positions,
        {"node_label": labels, "edge_label": edge_label, "direction": None, "decimals": decimals},
    )
    update_network(artists, net, trace, delta, G, direction=direction, highlight=highlight)
    return artists
