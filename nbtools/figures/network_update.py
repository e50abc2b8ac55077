"""Repainting the network diagram in place: texts, colours, line widths, highlight, direction.

Edge colour shows the sign and size of the value on the edge (the weight, or
∂e/∂w) on the diverging map centred on 0, line width its size; a node is
shaded by the value it shows. What is not highlighted is dimmed.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from matplotlib.colors import to_rgb

from .colors import ACCENT, diverging_color
from .labels import number
from .network_artists import NetworkArtists
from .network_values import (
    DIRECTIONS,
    EDGE_LABELS,
    check_highlight,
    check_node_labels,
    check_option,
    check_point,
    edge_values,
    max_abs,
    node_lines,
)

_BIAS_FACE = (0.9, 0.9, 0.9, 1.0)
LINE = (0.2, 0.2, 0.2, 1.0)
_DIM = 0.22  # alpha of what is not highlighted


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
        options["node_label"] = check_node_labels(node_label)
    if edge_label is not None:
        options["edge_label"] = check_option("edge_label", edge_label, EDGE_LABELS)
    if direction is not None and direction != options["direction"]:
        set_direction(artists, check_option("direction", direction, DIRECTIONS))
    check_point(trace, delta)
    chosen = check_highlight(net, highlight or ())
    decimals = options["decimals"]

    shades = {}
    for key, text in artists.node_texts.items():
        content, shades[key] = node_lines(*key, net, trace, delta, options["node_label"], decimals)
        text.set_text(content)
    scale = max_abs(shades.values())
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
        edgecolors.append((*(to_rgb(ACCENT) if on else LINE[:3]), alpha))
        widths.append(3.5 if on else 1.2)
        artists.node_texts[key].set_alpha(1.0 if on or not chosen else 0.35)
    artists.nodes.set_facecolors(faces)
    artists.nodes.set_edgecolors(edgecolors)
    artists.nodes.set_linewidths(widths)

    values = edge_values(net, G, options["edge_label"])
    scale = max_abs(values.values())
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


def set_direction(artists: NetworkArtists, direction: str) -> None:
    for (ell, i, j), arrow in artists.edges.items():
        arrow.backward = direction == "backward"
        # no sensitivity flows back into a bias node: [W δ] drops component 0
        arrow.set_arrowstyle("-" if arrow.backward and i == 0 else "-|>")
    artists.options["direction"] = direction
