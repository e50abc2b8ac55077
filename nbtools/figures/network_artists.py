"""The network diagram's artists: the handles ``draw_network`` returns, and the
arrow that starts and stops at the node outlines."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.patches import FancyArrowPatch

from .network_layout import to_edge


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


class NodeArrow(FancyArrowPatch):
    """An arrow between two node centres that starts and stops just outside both nodes.

    The ends are placed at draw time in display space, so they sit on the
    markers whatever the axes' size; cheaper than FancyArrowPatch's own
    shrinking, which searches the path for the cut point on every draw.
    """

    def __init__(self, start, end, shapes, **kwargs):
        super().__init__(start, end, shrinkA=0.0, shrinkB=0.0, **kwargs)
        self.centres = np.array([start, end], dtype=float)
        self.shapes = shapes  # outlines of the start and end node (see node_shape)
        self.backward = False

    def draw(self, renderer):
        to_display = self.axes.transData
        a, b = to_display.transform(self.centres)
        length = np.hypot(*(b - a))
        if length > 0:
            u = (b - a) / length
            pixels = renderer.points_to_pixels(1.0)
            a = a + u * (to_edge(self.shapes[0], *u) + 1.0) * pixels
            b = b - u * (to_edge(self.shapes[1], *u) + 1.0) * pixels
        ends = to_display.inverted().transform([b, a] if self.backward else [a, b])
        self.set_positions(tuple(ends[0]), tuple(ends[1]))
        super().draw(renderer)
