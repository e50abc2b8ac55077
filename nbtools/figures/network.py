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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.markers import MarkerStyle
from matplotlib.patches import FancyArrowPatch
from matplotlib.transforms import Affine2D

from .cached_text import cached_text
from .colors import ACCENT, diverging_color
from .labels import SYMBOLS, number, subscript, superscript
from .layout import laid_out_size
from .style import ax_or_new

NODE_LABELS = ("x", "s", "delta", "none")
EDGE_LABELS = ("w", "grad", "none")
DIRECTIONS = ("forward", "backward")

_BIAS_FACE = (0.9, 0.9, 0.9, 1.0)
_LINE = (0.2, 0.2, 0.2, 1.0)
_DIM = 0.22  # alpha of what is not highlighted
_NODE_POINTS = 54.0  # largest node diameter, in points
_MAX_ASPECT = 1.35  # node width / height where the axes are too low for a circle
# Two lines of text in a node, (width, height) per point of font size:
# "x −0.90" over "δ −0.69", and symbols "x⁽¹⁾₂" over "s⁽¹⁾₂".
_VALUE_BOX, _SYMBOL_BOX = (3.8, 2.2), (1.8, 2.2)
_BIAS_SCALE = 0.7  # side of a bias square / node height
_EDGE_FONT = 10.0  # edge labels, in points
_X_MARGIN = 0.45  # room left of the input layer and right of the output layer, in layers


@dataclass
class NetworkArtists:
    """Handles on everything ``draw_network`` drew, for updating in place.

    Attributes
    ----------
    ax : matplotlib.axes.Axes
    keys : list of (l, k)
        The nodes in the order of ``nodes``' entries.
    nodes : matplotlib.collections.PathCollection
        One marker per node: circles, and squares for bias nodes (k = 0).
    node_texts : dict
        (l, k) -> Text inside the node.
    edges : dict
        (l, i, j) -> FancyArrowPatch for the weight W^(l)[i, j].
    edge_texts : dict
        (l, i, j) -> Text on the edge (empty when ``edge_label="none"``).
    layer_texts : list of Text
        "layer l" and "d⁽ˡ⁾ = …" under each column.
    title : Text
        A line above the diagram that callers may fill (an equation).
    positions : dict
        (l, k) -> (x, y) centre of each node in data coordinates.
    """

    ax: object
    keys: list
    nodes: object
    node_texts: dict
    edges: dict
    edge_texts: dict
    layer_texts: list
    title: object
    positions: dict
    options: dict = field(default_factory=dict)

    def dynamic(self) -> list:
        """The artists ``update_network`` changes (everything but the layer labels)."""
        return [
            self.nodes,
            *self.node_texts.values(),
            *self.edges.values(),
            *self.edge_texts.values(),
            self.title,
        ]


def _check_option(name: str, value: str, choices) -> str:
    if value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}; got {value!r}")
    return value


def _node_labels(node_label) -> tuple[str, ...]:
    labels = (node_label,) if isinstance(node_label, str) else tuple(node_label)
    if not labels:
        raise ValueError(
            f"node_label must name at least one of {list(NODE_LABELS)}; got {node_label!r}"
        )
    for label in labels:
        _check_option("node_label", label, NODE_LABELS)
    return tuple(label for label in labels if label != "none")


def node_keys(net) -> list[tuple[int, int]]:
    """All node keys (l, k) of ``net``; k = 0 is the bias node of layers l < L."""
    return [
        (ell, k) for ell in range(net.L + 1) for k in range(0 if ell < net.L else 1, net.d[ell] + 1)
    ]


def edge_keys(net) -> list[tuple[int, int, int]]:
    """All edge keys (l, i, j) of ``net``, one per weight W^(l)[i, j]."""
    return [(ell, i, j) for ell, W in net.W.items() for i, j in np.ndindex(W.shape)]


def _positions(net) -> dict:
    """Node centres: layer l at x = l; nodes 1..d centred on y = 0, one apart; bias nodes on top."""
    top = (max(net.d) - 1) / 2 + 1
    return {
        (ell, k): (float(ell), top if k == 0 else (net.d[ell] - 1) / 2 - (k - 1))
        for ell, k in node_keys(net)
    }


def _fit(ax, span: float, L: int):
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
    across = 0.5 * width / (L + 2 * _X_MARGIN)  # widest node the layers leave room for
    span = max(span, 1.0)
    # size = 0.8 * (height - size - 60) / span, solved for size
    size = min(_NODE_POINTS, across, 0.8 * (height - 60.0) / (span + 0.8))
    wide = min(across, _MAX_ASPECT * size, _NODE_POINTS)
    aspect = max(wide / size, 1.0)
    per_unit = max(height - size - 60.0, 1.0) / span  # points per data unit
    return size, aspect, (size / 2 + 40.0) / per_unit, (size / 2 + 20.0) / per_unit, (width, height)


def _node_font(size: float, aspect: float, box) -> float:
    """The largest font whose two-line text box (``box`` per point) fits in the node's ellipse."""
    a, b = aspect * size / 2, size / 2  # semi-axes, points
    return 0.93 / np.hypot(box[0] / 2 / a, box[1] / 2 / b)


def _marker_path(marker: str):
    """The path of a scatter marker of diameter 1, centred on 0."""
    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform())


def _check_highlight(net, highlight) -> frozenset:
    keys = set(node_keys(net)) | set(edge_keys(net))
    chosen = frozenset(tuple(int(v) for v in key) for key in highlight)
    unknown = sorted(chosen - keys)
    if unknown:
        raise ValueError(
            f"highlight must name nodes (l, k) or edges (l, i, j) of this network (d = {net.d}); "
            f"got {unknown}. Bias nodes are (l, 0); edge (l, i, j) is the weight W[l][i, j]."
        )
    return chosen


def _check_point(trace, delta) -> None:
    if trace is not None and not getattr(trace, "single", True):
        raise ValueError(
            "draw_network shows one data point; got a trace of a batch. "
            "Run nbtools.forward(net, x) on a single point x."
        )
    if delta is not None and np.ndim(delta[len(delta)]) != 1:
        raise ValueError(
            "delta must hold the sensitivities of one data point (1-D per layer); got a batch"
        )


def _quantity(name, ell, k, net, trace, delta):
    """The value of x, s or δ at node (l, k); None when not given; False when it does not exist."""
    if name == "x":
        if trace is None:
            return None
        return trace.x[ell][k] if ell < net.L else trace.x[ell][k - 1]
    if ell == 0:
        return False  # there is no s^(0) or δ^(0)
    source = trace.s if name == "s" and trace is not None else delta if name == "delta" else None
    return None if source is None else source[ell][k - 1]


def _node_lines(ell, k, net, trace, delta, labels, decimals):
    """The text inside node (l, k) and the value that shades it (None: no shade)."""
    if k == 0:
        return "1", None
    lines, shade = [], None
    # input nodes have no s or δ: they show x instead (nothing when asked for nothing)
    names = labels if ell > 0 or not labels or "x" in labels else ("x",)
    for name in names:
        value = _quantity(name, ell, k, net, trace, delta)
        if value is False:
            continue
        if value is None:  # a diagram of symbols: x⁽¹⁾₂
            lines.append(SYMBOLS[name] + superscript(f"({ell})") + subscript(k))
        else:
            lines.append(f"{SYMBOLS[name]} {number(value, decimals)}")
            shade = value
    return "\n".join(lines), shade


def _edge_values(net, G, edge_label):
    if edge_label == "grad":
        return {key: (None if G is None else G[key[0]][key[1:]]) for key in edge_keys(net)}
    return {key: net.W[key[0]][key[1:]] for key in edge_keys(net)}


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
    labels = _node_labels(node_label)
    _check_option("edge_label", edge_label, EDGE_LABELS)
    _check_option("direction", direction, DIRECTIONS)
    ax = ax_or_new(ax, figsize=(6.0, 4.0))
    positions = _positions(net)
    keys = list(positions)
    top = max(y for _, y in positions.values())
    bottom = min(y for _, y in positions.values())
    size, aspect, below, above, (width, height) = _fit(ax, top - bottom, net.L)
    symbols_only = trace is None and delta is None  # "x⁽¹⁾₂" is shorter than "x −0.90"
    if symbols_only:
        fontsize = min(12.0, _node_font(size, aspect, _SYMBOL_BOX))
    else:
        fontsize = min(11.5, _node_font(size, aspect, _VALUE_BOX))
    xy = np.array([positions[key] for key in keys])
    nodes = ax.scatter(xy[:, 0], xy[:, 1], s=size**2, marker="o", linewidths=1.2, zorder=3)
    # circles (ellipses only in low axes); bias nodes small squares
    node = _marker_path("o").transformed(Affine2D().scale(aspect, 1.0))
    square = _marker_path("s").transformed(Affine2D().scale(_BIAS_SCALE))
    nodes.set_paths([square if key[1] == 0 else node for key in keys])
    node_texts = {
        key: cached_text(
            ax,
            *positions[key],
            "",
            ha="center",
            va="center",
            fontsize=fontsize,
            zorder=4,
            linespacing=1.1,
        )
        for key in keys
    }
    xlim, ylim = (-_X_MARGIN, net.L + _X_MARGIN), (bottom - below, top + above)
    edges, edge_texts = {}, {}
    for key in edge_keys(net):
        ell, i, j = key
        start, end = positions[(ell - 1, i)], positions[(ell, j + 1)]
        edges[key] = ax.add_patch(
            _NodeArrow(
                start,
                end,
                (_node_shape(i, size, aspect), _node_shape(j + 1, size, aspect)),
                arrowstyle="-|>",
                mutation_scale=14,
                linewidth=1.5,
                color=_LINE,
                zorder=1,
            )
        )
    if edge_label != "none":
        scale = (width / (xlim[1] - xlim[0]), height / (ylim[1] - ylim[0]))  # points per unit
        spots = _label_spots(net, positions, size, aspect, scale)
        for key, (x, y) in spots.items():
            edge_texts[key] = cached_text(
                ax,
                x,
                y,
                "",
                ha="center",
                va="center",
                fontsize=_EDGE_FONT,
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
    title = cached_text(
        ax, 0.5, 1.0, "", transform=ax.transAxes, ha="center", va="top", fontsize=11
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


def update_network(
    artists: NetworkArtists,
    net,
    trace=None,
    delta=None,
    G=None,
    *,
    node_label=None,
    edge_label: str | None = None,
    direction: str | None = None,
    highlight: Iterable | None = (),
    title: str | None = None,
) -> NetworkArtists:
    """Change the diagram drawn by ``draw_network`` in place (same network shape).

    Arguments as for ``draw_network``; ``node_label``, ``edge_label`` and
    ``direction`` keep their previous values when None (``edge_label`` can
    switch between "w" and "grad" only if the diagram was drawn with edge
    labels). ``highlight`` is replaced (``()``: nothing highlighted).
    ``title`` sets the line above the diagram (None keeps it).
    """
    options = artists.options
    if node_label is not None:
        options["node_label"] = _node_labels(node_label)
    if edge_label is not None:
        options["edge_label"] = _check_option("edge_label", edge_label, EDGE_LABELS)
    if direction is not None and direction != options["direction"]:
        _set_direction(artists, _check_option("direction", direction, DIRECTIONS))
    _check_point(trace, delta)
    chosen = _check_highlight(net, highlight or ())
    decimals = options["decimals"]

    shades = {}
    for key, text in artists.node_texts.items():
        content, shades[key] = _node_lines(*key, net, trace, delta, options["node_label"], decimals)
        text.set_text(content)
    scale = _max_abs(shades.values())
    faces, edgecolors, widths = [], [], []
    for key in artists.keys:
        on = key in chosen
        alpha = 1.0 if on or not chosen else _DIM
        face = (
            _BIAS_FACE
            if key[1] == 0
            else (1.0, 1.0, 1.0, 1.0)
            if shades[key] is None
            else diverging_color(shades[key], scale, light=True)
        )
        faces.append((*face[:3], alpha))
        edgecolors.append((*(to_rgb(ACCENT) if on else _LINE[:3]), alpha))
        widths.append(3.5 if on else 1.2)
        artists.node_texts[key].set_alpha(1.0 if on or not chosen else 0.35)
    artists.nodes.set_facecolors(faces)
    artists.nodes.set_edgecolors(edgecolors)
    artists.nodes.set_linewidths(widths)

    values = _edge_values(net, G, options["edge_label"])
    scale = _max_abs(values.values())
    for key, arrow in artists.edges.items():
        value, on = values[key], key in chosen
        if value is None or not np.isfinite(value):
            arrow.set_color("#999999")
            width = 1.2
        else:
            arrow.set_color(diverging_color(value, scale))
            width = 1.0 + 3.0 * abs(value) / scale if scale > 0 else 1.0
        arrow.set_linewidth(width + (1.5 if on else 0.0))
        arrow.set_alpha(1.0 if on or not chosen else _DIM)
        text = artists.edge_texts.get(key)
        if text is not None:
            text.set_text(number(value, decimals))
            text.set_alpha(1.0 if on or not chosen else 0.35)
    if title is not None:
        artists.title.set_text(title)
    return artists


def _set_direction(artists: NetworkArtists, direction: str) -> None:
    for (ell, i, j), arrow in artists.edges.items():
        arrow.backward = direction == "backward"
        # no sensitivity flows back into a bias node: [W δ] drops component 0
        arrow.set_arrowstyle("-" if arrow.backward and i == 0 else "-|>")
    artists.options["direction"] = direction


def _node_shape(k: int, size: float, aspect: float = 1.0) -> tuple[str, float, float]:
    """The outline of node k (0: bias square) as (kind, half width, half height) in points."""
    if k == 0:
        return "square", _BIAS_SCALE * size / 2, _BIAS_SCALE * size / 2
    return "ellipse", aspect * size / 2, size / 2


def _to_edge(shape, ux: float, uy: float) -> float:
    """Distance in points from a node's centre to its outline along the unit direction (ux, uy)."""
    kind, a, b = shape
    if kind == "square":
        return a / max(abs(ux), abs(uy))
    return 1.0 / np.hypot(ux / a, uy / b)


def _label_spots(net, positions: dict, size: float, aspect: float, scale) -> dict:
    """Where each edge's label goes: (x, y) in data units, keyed like the edges.

    Each label slides along its own edge (from 20% to 80% of the way) to the
    place that keeps it farthest from every node, every other edge and the
    labels placed so far, preferring the middle when several places are
    clear. Worked out in points (``scale`` = points per data unit in x and
    y), with a label taken as a box of the widest weight ("−0.00").
    """
    half = np.array([1.65, 0.75]) * _EDGE_FONT  # half width and height of a label box
    centres = np.array([positions[key] for key in positions], dtype=float) * scale
    # a node as a disc around its outline, with room for an arrowhead
    radius = np.array([_node_shape(key[1], size, aspect)[1] + 7.0 for key in positions])
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


class _NodeArrow(FancyArrowPatch):
    """An arrow between two node centres that starts and stops just outside both nodes.

    The ends are placed at draw time in display space, so they sit on the
    markers whatever the axes' size; cheaper than FancyArrowPatch's own
    shrinking, which searches the path for the cut point on every draw.
    """

    def __init__(self, start, end, shapes, **kwargs):
        super().__init__(start, end, shrinkA=0.0, shrinkB=0.0, **kwargs)
        self.centres = np.array([start, end], dtype=float)
        self.shapes = shapes  # outlines of the start and end node (see _node_shape)
        self.backward = False

    def draw(self, renderer):
        to_display = self.axes.transData
        a, b = to_display.transform(self.centres)
        length = np.hypot(*(b - a))
        if length > 0:
            u = (b - a) / length
            pixels = renderer.points_to_pixels(1.0)
            a = a + u * (_to_edge(self.shapes[0], *u) + 1.0) * pixels
            b = b - u * (_to_edge(self.shapes[1], *u) + 1.0) * pixels
        ends = to_display.inverted().transform([b, a] if self.backward else [a, b])
        self.set_positions(tuple(ends[0]), tuple(ends[1]))
        super().draw(renderer)


def _max_abs(values) -> float:
    finite = [abs(float(v)) for v in values if v is not None and np.isfinite(v)]
    return max(finite, default=0.0)
