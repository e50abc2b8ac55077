"""A computational graph drawn left to right: e at the right, the weights as leaves.

Each node is a box with its operation (×, +, tanh, ², −) or its name (w⁽¹⁾₀₁,
x⁽⁰⁾₁); below it its forward value, above it, in red, its adjoint ā = ∂e/∂node
("?" until the backward pass reaches it). Each edge carries, in blue, the local
derivative of the node it enters with respect to the node it leaves. Constant
leaves (the target y, a bias input 1) are not drawn: they need no adjoint.

Layout: an operation sits one column right of its rightmost input; a leaf one
column left of the first node that uses it; rows are a tree drawn from e
backwards, leaves one per row, an operation at the mean row of its inputs
(of those met first there: a node used twice stays by its first user).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..graph import Node, operations
from .labels import number, subscript, superscript
from .style import ax_or_new

LEAF, OPERATION, CURRENT = "#fde0c5", "white", "C1"
ADJOINT_COLOR, LOCAL_COLOR = "C3", "C0"
_NAME = re.compile(r"^([a-zA-Z])\((\d+)\)_(\d+)$")


def symbol(node: Node) -> str:
    """The node's name in the lecture's notation (``w(1)_01`` → w⁽¹⁾₀₁), or ""."""
    match = _NAME.match(node.name)
    if not match:
        return {"e": "e", "E": "E"}.get(node.name, "")
    letter, ell, k = match.groups()
    return letter + superscript(f"({ell})") + subscript(k)


def drawn(root: Node) -> list[Node]:
    """The nodes drawn: every node of ``root``'s graph except constants, inputs first."""
    return [n for n in root.order() if n.op != "const"]


def graph_layout(root: Node) -> dict[int, tuple[float, float]]:
    """(column, row) of each drawn node, by position in ``drawn(root)``."""
    nodes = drawn(root)
    index = {id(n): k for k, n in enumerate(nodes)}
    column = {}
    for k, n in enumerate(nodes):  # inputs come first
        if n.inputs:
            column[k] = 1 + max([column.get(index[id(i)], 0) for i in n.inputs if id(i) in index
                                 and nodes[index[id(i)]].inputs] + [0])
    for k in reversed(range(len(nodes))):  # a leaf left of its first user
        for i in nodes[k].inputs:
            if id(i) in index and not i.inputs:
                column.setdefault(index[id(i)], column[k] - 1)
    row, leaves = {}, [0]

    def place(k):
        if k in row:
            return row[k]
        inputs = [index[id(i)] for i in nodes[k].inputs if id(i) in index]
        if not inputs:
            row[k], leaves[0] = leaves[0], leaves[0] + 1
        else:  # an input placed before (a node used twice) does not pull its second user
            fresh = [i for i in inputs if i not in row]
            rows = [place(i) for i in inputs]
            row[k] = float(np.mean([row[i] for i in fresh] or rows))
        return row[k]

    place(len(nodes) - 1)
    return {k: (column[k], row[k]) for k in range(len(nodes))}


@dataclass
class GraphArtists:
    """Handles: ``boxes`` (node texts in boxes), ``values``, ``adjoints``, ``locals`` (edge
    labels), ``lines`` (edges), ``edges`` ((from, to) positions in ``drawn``), ``title``,
    ``current`` (the ring on the node sending its adjoint), ``hot`` (its edges, short of the
    boxes: the grey edges are static, under the boxes), ``where`` (column, row) by position."""

    boxes: list
    values: list
    adjoints: list
    locals: list
    lines: list
    edges: list
    title: object
    current: object
    hot: object
    where: dict
    names: list = field(default_factory=list)

    def dynamic(self) -> list:
        """The artists ``update_graph`` changes (the boxes with the operations stay as drawn)."""
        return [self.hot, self.current] + self.values + self.adjoints + self.locals + [self.title]


def draw_graph(root: Node, step: int | None = None, ax=None, fontsize: float = 9.0) -> GraphArtists:
    """Draw the graph of ``root`` (after ``root.backward(step)``: adjoints as far as ``step``)."""
    ax = ax_or_new(ax, figsize=(13.0, 6.0))
    nodes = drawn(root)
    where = graph_layout(root)
    index = {id(n): k for k, n in enumerate(nodes)}
    edges = [(index[id(i)], k) for k, n in enumerate(nodes) for i in n.inputs if id(i) in index]
    lines, locals_ = [], []
    for a, b in edges:
        (x0, y0), (x1, y1) = where[a], where[b]
        lines += ax.plot([x0, x1], [-y0, -y1], color="0.6", lw=1.0, zorder=1)
        locals_.append(ax.text((x0 + x1) / 2, -(y0 + y1) / 2, "", color=LOCAL_COLOR, ha="center",
                               va="center", fontsize=fontsize - 1, zorder=3,
                               bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "lw": 0}))
    boxes, values, adjoints, names = [], [], [], []
    for k, n in enumerate(nodes):
        x, y = where[k][0], -where[k][1]
        label = symbol(n) if not n.inputs else {"²": "( )²"}.get(n.op, n.op)
        face = OPERATION if n.inputs else LEAF
        boxes.append(ax.text(x, y, label, ha="center", va="center", fontsize=fontsize + 1, zorder=4,
                             bbox={"boxstyle": "round,pad=0.3", "facecolor": face, "edgecolor": "0.3"}))
        values.append(ax.text(x, y - 0.27, "", ha="center", va="top", fontsize=fontsize - 1, zorder=4))
        adjoints.append(ax.text(x, y + 0.27, "", ha="center", va="bottom", fontsize=fontsize,
                                color=ADJOINT_COLOR, zorder=4))
        names.append(symbol(n) if n.inputs else "")
    columns = [c for c, _ in where.values()]
    rows = [r for _, r in where.values()]
    ax.set_xlim(min(columns) - 0.6, max(columns) + 0.6)
    ax.set_ylim(-max(rows) - 0.75, -min(rows) + 0.75)
    ax.set_axis_off()
    (current,) = ax.plot([], [], "o", ms=2.2 * fontsize, mfc="none", mec=CURRENT, mew=2.5, zorder=5)
    (hot,) = ax.plot([], [], color=CURRENT, lw=3.0, zorder=2)
    title = ax.set_title("", fontsize=fontsize + 2, y=1.0, pad=4)  # a fixed place: no auto-positioning
    artists = GraphArtists(boxes, values, adjoints, locals_, lines, edges, title, current, hot, where, names)
    update_graph(artists, root, step)
    return artists


def update_graph(artists: GraphArtists, root: Node, step: int | None = None, title: str = "") -> GraphArtists:
    """Repaint from ``root`` (a graph shaped like the one drawn) after ``root.backward(step)``.

    ``step`` None: the backward pass is complete. Step 0: no adjoint yet; step 1:
    ā = 1 at e; step k ≥ 2: the k−1 first operations (in reverse order) have sent
    their adjoints back, the last of them (the current one) is highlighted.
    """
    nodes = drawn(root)
    if len(nodes) != len(artists.boxes):
        raise ValueError(f"root must have a graph shaped like the one drawn ({len(artists.boxes)} nodes); "
                         f"got {len(nodes)} nodes")
    ops = operations(root.order())
    done = ops if step is None else ops[: max(step - 1, 0)]
    reached = {id(i) for n in done for i in n.inputs} | ({id(root)} if step is None or step >= 1 else set())
    current = id(done[-1]) if done and step is not None else None
    ring = [artists.where[k] for k, n in enumerate(nodes) if id(n) == current]
    artists.current.set_data([c for c, _ in ring], [-r for _, r in ring])
    for k, n in enumerate(nodes):
        name = artists.names[k]
        artists.values[k].set_text((f"{name}=" if name else "") + number(n.value, 2))
        artists.adjoints[k].set_text(number(n.grad, 2) if id(n) in reached else "?")
    hot_x, hot_y = [], []
    for (a, b), text in zip(artists.edges, artists.locals):
        local = next(d for i, d in zip(nodes[b].inputs, nodes[b].local) if i is nodes[a])
        text.set_text(number(local, 2))
        if id(nodes[b]) == current:
            (x0, y0), (x1, y1) = artists.where[a], artists.where[b]
            hot_x += [x0 + 0.25 * (x1 - x0), x0 + 0.75 * (x1 - x0), np.nan]
            hot_y += [-(y0 + 0.25 * (y1 - y0)), -(y0 + 0.75 * (y1 - y0)), np.nan]
    artists.hot.set_data(hot_x, hot_y)
    artists.title.set_text(title)
    return artists
