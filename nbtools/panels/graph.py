"""GraphPanel: reverse accumulation on the worked example's graph, one node per step.

Step 0 is the forward pass (every node holds its value); step 1 seeds ā = 1 at
e; each later step takes the next node in reverse topological order and sends
its adjoint ā to its inputs: input.ā += (local derivative) · ā. The readout
writes the step out with the numbers: the multiply node swaps, the add node
distributes, and an input that already had an adjoint (a node used twice, like
the input x) adds the new contribution to it.
"""

from __future__ import annotations

import html
import re

from ..figures.graph import draw_graph, symbol, update_graph
from ..figures.labels import number, subscript, superscript
from ..graph import operations
from ..network_graph import network_graph
from ..propagation import backward
from .stepping import SteppingPanel

_D = 4  # decimals in the readout
WEIGHT = re.compile(r"^w\((\d+)\)_(\d)(\d)$")

#: What each kind of node does with its adjoint, said once per step.
RULES = {
    "×": "the multiply node swaps: each input gets the other input's value times ā",
    "+": "the add node distributes: each input gets ā unchanged (local derivative 1)",
    "−": "the subtract node distributes with a sign: +ā to h, −ā to y (a constant: not drawn)",
    "tanh": "the tanh node multiplies ā by tanh′ = 1 − x², x its own value",
    "²": "the square node multiplies ā by 2v, v its input",
}


def _n(value) -> str:
    text = number(value, _D)
    return f"({text})" if text.startswith("−") else text


def node_text(node) -> str:
    """How the readout names a node: its symbol, or its operation and value."""
    return symbol(node) or f"the {node.op} node ({number(node.value, 2)})"


def weight_link(node) -> str:
    """For a weight node w^(ℓ)_ij: ", = x^(ℓ−1)_i δ^(ℓ)_j, equation (1)"; "" otherwise."""
    match = WEIGHT.match(node.name)
    if not match:
        return ""
    ell, i, j = (int(g) for g in match.groups())
    x = "1" if i == 0 else f"x{superscript(f'({ell - 1})')}{subscript(i)}"
    return f", which is {x} · δ{superscript(f'({ell})')}{subscript(j)}: equation (1)"


def step_lines(step: int, graph, before: dict, delta) -> tuple[str, list[str]]:
    """The headline and the readout's lines for ``step`` (graph after ``backward(step)``);
    ``before``: each node's adjoint before this step, by id."""
    ops = operations(graph.E.order())
    total = len(ops) + 1
    if step == 0:
        return (f"Step 0 of {total}: the forward pass has put a value on every node",
                [f"e = {number(graph.E.value, _D)}; no adjoint yet (ā = ∂e/∂node shows as ?)"])
    if step == 1:
        return f"Step 1 of {total}: seed the backward pass", ["ā at e = ∂e/∂e = 1"]
    node = ops[step - 2]
    a = node.grad
    received = {id(i) for n in ops[: step - 2] for i in n.inputs}
    head = f"Step {step} of {total}: {node_text(node)} sends ā = {number(a, _D)} back; {RULES.get(node.op, '')}"
    lines = []
    for inp, local in zip(node.inputs, node.local):
        if inp.op == "const":
            continue
        was = before.get(id(inp), 0.0)
        used_twice = id(inp) in received
        lines.append(
            f"ā at {node_text(inp)} {'+= ' if used_twice else '= '}{_n(local)} · {_n(a)} = "
            f"{number(local * a, _D)}"
            + (f", so {number(was, _D)} + {_n(local * a)} = {number(inp.grad, _D)}: "
               "a node used twice adds its contributions" if used_twice else "")
        )
    match = [(ell, j) for ell in range(1, len(graph.s[0])) for j, s in enumerate(graph.s[0][ell])
             if s is node]
    if match:
        ell, j = match[0]
        sym = f"{superscript(f'({ell})')}{subscript(j + 1)}"
        lines.append(f"ā at s{sym} is δ{sym}: layered backprop (nb.backward) gives δ{sym} = "
                     f"{number(delta[ell][j], _D)}")
    return head, lines


class GraphPanel(SteppingPanel):
    """The worked example's e as a graph; Previous / Next step through reverse accumulation.

    Controls: a slider per weight (``w1_01`` … ``w3_11``), ``x``, ``y`` and
    ``step`` (0 .. number of operations + 1). ``shown`` holds ``graph`` (the
    ``NetworkGraph`` after ``backward(step)``), ``step``, ``headline``,
    ``equation`` (the readout's lines, plain text), ``adjoints`` (ā of each
    named node reached so far, by its name), ``delta`` (nb.backward's δ) and ``e``.
    """

    title = "Backpropagation on the graph of e, one node at a time"
    figsize = (11.5, 7.4)

    def step_count(self) -> int:
        return len(operations(network_graph(self.template, [2.0], 1.0).E.order())) + 1

    def build_figure(self, fig):
        ax = fig.subplots()
        self.artists = draw_graph(network_graph(self.template, [2.0], 1.0).E, step=0, ax=ax, fontsize=11)
        self.artists.title.set_in_layout(False)  # the layout must not depend on the step's title
        fig.get_layout_engine().set(rect=(0.0, 0.0, 1.0, 0.95))

    def dynamic_artists(self):
        return self.artists.dynamic()

    def compute(self, values):
        net, trace = self.forward_pass(values)
        step, y = int(values["step"]), values["y"]
        graph = network_graph(net, [values["x"]], y)
        order = graph.E.backward(steps=max(step - 1, 0))
        before = {id(n): n.grad for n in order}
        graph.E.backward(steps=step)
        delta = backward(net, trace, y)
        headline, lines = step_lines(step, graph, before, delta)
        reached = {n.name: n.grad for n in order if n.name and n.grad != 0.0}
        return {"graph": graph, "step": step, "headline": headline, "equation": "\n".join(lines),
                "adjoints": reached, "delta": delta, "e": graph.E.value, "net": net}

    def draw(self, shown):
        update_graph(self.artists, shown["graph"].E, step=shown["step"],
                     title=shown["headline"].split(":")[0] + ": red above a node ā = ∂e/∂node, "
                     "below it its value, blue on an edge the local derivative")

    def describe(self, shown):
        lines = "".join(f"<div>{html.escape(line)}</div>" for line in shown["equation"].split("\n"))
        return (f"<p><b>{html.escape(shown['headline'])}</b></p>"
                f'<div style="font-size:110%;line-height:1.5">{lines}</div>')

    def demo_moves(self):
        return [{"step": 2}, {"step": 9}, {"step": 16}, {"w2_21": -2.0}, {"x": 1.0}, {"step": 0}]
