"""Where the network diagram's nodes and edge labels go, and how big the nodes are.

Nodes are keyed ``(l, k)`` and edges ``(l, i, j)`` (see ``nbtools.figures.network``).
Layer l sits at x = l, its nodes one apart and centred on y = 0, bias nodes on
top. Node size and fonts follow from the axes' size in points, so that two
lines of values fit in a node; edge labels are placed once, where they keep
clear of the nodes, of the other edges and of each other.
"""

from __future__ import annotations

import numpy as np

from .layout import laid_out_size

_NODE_POINTS = 54.0  # largest node diameter, in points
_MAX_ASPECT = 1.35  # node width / height where the axes are too low for a circle
# Two lines of text in a node, (width, height) per point of font size:
# "x −0.90" over "δ −0.69", and symbols "x⁽¹⁾₂" over "s⁽¹⁾₂".
VALUE_BOX, SYMBOL_BOX = (3.8, 2.2), (1.8, 2.2)
BIAS_SCALE = 0.7  # side of a bias square / node height
EDGE_FONT = 10.0  # edge labels, in points
X_MARGIN = 0.45  # room left of the input layer and right of the output layer, in layers


def node_keys(net) -> list[tuple[int, int]]:
    """All node keys (l, k) of ``net``; k = 0 is the bias node of layers l < L."""
    return [
        (ell, k) for ell in range(net.L + 1) for k in range(0 if ell < net.L else 1, net.d[ell] + 1)
    ]


def edge_keys(net) -> list[tuple[int, int, int]]:
    """All edge keys (l, i, j) of ``net``, one per weight W^(l)[i, j]."""
    return [(ell, i, j) for ell, W in net.W.items() for i, j in np.ndindex(W.shape)]


def node_positions(net) -> dict:
    """Node centres: layer l at x = l; nodes 1..d centred on y = 0, one apart; bias nodes on top."""
    top = (max(net.d) - 1) / 2 + 1
    return {
        (ell, k): (float(ell), top if k == 0 else (net.d[ell] - 1) / 2 - (k - 1))
        for ell, k in node_keys(net)
    }


def fit_nodes(ax, span: float, L: int):
    """Node size and the room around the nodes for this axes.

    Returns (size, aspect, below, above, (width, height)): the node height in
    points and its width / height, the room below and above the nodes in data
    units, and the axes' size in points. Below the nodes go two lines of layer
    labels (~40 pt), above them a title line (~20 pt). A node is at most
    ``_NODE_POINTS`` high, 80% of the distance between two rows and at most
    half the distance between two layers wide (the rest is room for the
    edge labels). It is a circle, unless the rows are too close for one of
    ``_NODE_POINTS``: then it widens, up to ``_MAX_ASPECT``.
    """
    width, height = laid_out_size(ax)  # points
    across = 0.5 * width / (L + 2 * X_MARGIN)  # widest node the layers leave room for
    span = max(span, 1.0)
    # size = 0.8 * (height - size - 60) / span, solved for size
    size = min(_NODE_POINTS, across, 0.8 * (height - 60.0) / (span + 0.8))
    wide = min(across, _MAX_ASPECT * size, _NODE_POINTS)
    aspect = max(wide / size, 1.0)
    per_unit = max(height - size - 60.0, 1.0) / span  # points per data unit
    return size, aspect, (size / 2 + 40.0) / per_unit, (size / 2 + 20.0) / per_unit, (width, height)


def node_font(size: float, aspect: float, box) -> float:
    """The largest font whose two-line text box (``box`` per point) fits in the node's ellipse."""
    a, b = aspect * size / 2, size / 2  # semi-axes, points
    return 0.93 / np.hypot(box[0] / 2 / a, box[1] / 2 / b)


def node_shape(k: int, size: float, aspect: float = 1.0) -> tuple[str, float, float]:
    """The outline of node k (0: bias square) as (kind, half width, half height) in points."""
    if k == 0:
        return "square", BIAS_SCALE * size / 2, BIAS_SCALE * size / 2
    return "ellipse", aspect * size / 2, size / 2


def to_edge(shape, ux: float, uy: float) -> float:
    """Distance in points from a node's centre to its outline along the unit direction (ux, uy)."""
    kind, a, b = shape
    if kind == "square":
        return a / max(abs(ux), abs(uy))
    return 1.0 / np.hypot(ux / a, uy / b)


def label_spots(net, positions: dict, size: float, aspect: float, scale) -> dict:
    """Where each edge's label goes: (x, y) in data units, keyed like the edges.

    Each label slides along its own edge (from 20% to 80% of the way) to the
    place that keeps it farthest from every node, every other edge and the
    labels placed so far, preferring the middle when several places are
    clear. Worked out in points (``scale`` = points per data unit in x and
    y), with a label taken as a box of the widest weight ("−0.00").
    """
    half = np.array([1.65, 0.75]) * EDGE_FONT  # half width and height of a label box
    centres = np.array([positions[key] for key in positions], dtype=float) * scale
    # a node as a disc around its outline, with room for an arrowhead
    radius = np.array([node_shape(key[1], size, aspect)[1] + 7.0 for key in positions])
    keys = edge_keys(net)
    where = {key: n for n, key in enumerate(positions)}
    ends = np.array(
        [[centres[where[(ell - 1, i)]], centres[where[(ell, j + 1)]]] for ell, i, j in keys]
    )  # (edges, 2, 2): start and end of each edge, points
    samples = np.linspace(0.0, 1.0, 33)[None, :, None]
    lines = ends[:, :1] + samples * (ends[:, 1:] - ends[:, :1])  # (edges, 33, 2)
    owner = np.repeat(np.arange(len(keys)), lines.shape[1])  # the edge of each line point
    lines = lines.reshape(-1, 2)
    steps = np.linspace(0.2, 0.8, 19)[:, None]  # where along its edge a label may go
    enough = 6.0  # points of clearance that count as clear

    def gap(boxes, points) -> np.ndarray:
        """Distance from each label box (centres (c, 2)) to each point (p, 2): (c, p)."""
        outside = np.maximum(np.abs(points[None] - boxes[:, None]) - half, 0.0)
        return np.sqrt(np.sum(outside**2, axis=2))

    spots = np.full((len(keys), 2), np.nan)  # label centres placed so far
    for _ in range(2):  # a second pass lets early labels move away from later ones
        for n in range(len(keys)):
            boxes = ends[n, 0] + steps * (ends[n, 1] - ends[n, 0])  # (candidates, 2)
            # only what comes within reach of a candidate box can lower its score
            low, high = boxes.min(axis=0) - half - 2 * enough, boxes.max(axis=0) + half + 2 * enough
            near = (owner != n) & np.all((lines >= low) & (lines <= high), axis=1)
            placed = np.delete(spots, n, axis=0)
            placed = placed[np.isfinite(placed[:, 0])]
            labels = np.max(np.abs(placed[None] - boxes[:, None]) - 2 * half, axis=2)
            clearance = np.minimum.reduce(
                [
                    np.min(gap(boxes, centres) - radius, axis=1),
                    np.min(gap(boxes, lines[near]), axis=1, initial=99.0) - 2.0,
                    np.min(labels, axis=1, initial=99.0) - 2.0,
                ]
            )
            # clear enough is as good as clearer; then the nearer the middle the better
            score = np.minimum(clearance, enough) - 4.0 * np.abs(steps[:, 0] - 0.5)
            spots[n] = boxes[np.argmax(score)]
    return {key: tuple(spot / scale) for key, spot in zip(keys, spots)}
