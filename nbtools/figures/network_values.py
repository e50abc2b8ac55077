"""What the network diagram shows: its options, and the text and value of each node and edge.

A node shows x, s or δ of one data point (or its symbol, x⁽¹⁾₂, when no values
are given) and is shaded by the last value it shows; an edge shows its weight
or ∂e/∂w. Bad options and keys raise errors that name the argument.
"""

from __future__ import annotations

import numpy as np

from .labels import SYMBOLS, number, subscript, superscript
from .network_layout import edge_keys, node_keys

NODE_LABELS = ("x", "s", "delta", "none")
EDGE_LABELS = ("w", "grad", "none")
DIRECTIONS = ("forward", "backward")


def check_option(name: str, value: str, choices) -> str:
    """``value`` if it is one of ``choices``; else a ValueError naming ``name``."""
    if value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}; got {value!r}")
    return value


def check_node_labels(node_label) -> tuple[str, ...]:
    """The node labels asked for, one name or several, with "none" left out."""
    labels = (node_label,) if isinstance(node_label, str) else tuple(node_label)
    if not labels:
        raise ValueError(
            f"node_label must name at least one of {list(NODE_LABELS)}; got {node_label!r}"
        )
    for label in labels:
        check_option("node_label", label, NODE_LABELS)
    return tuple(label for label in labels if label != "none")


def check_highlight(net, highlight) -> frozenset:
    keys = set(node_keys(net)) | set(edge_keys(net))
    chosen = frozenset(tuple(int(v) for v in key) for key in highlight)
    unknown = sorted(chosen - keys)
    if unknown:
        raise ValueError(
            f"highlight must name nodes (l, k) or edges (l, i, j) of this network (d = {net.d}); "
            f"got {unknown}. Bias nodes are (l, 0); edge (l, i, j) is the weight W[l][i, j]."
        )
    return chosen


def check_point(trace, delta) -> None:
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


def node_lines(ell, k, net, trace, delta, labels, decimals):
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


def edge_values(net, G, edge_label):
    if edge_label == "grad":
        return {key: (None if G is None else G[key[0]][key[1:]]) for key in edge_keys(net)}
    return {key: net.W[key[0]][key[1:]] for key in edge_keys(net)}


def max_abs(values) -> float:
    finite = [abs(float(v)) for v in values if v is not None and np.isfinite(v)]
    return max(finite, default=0.0)
