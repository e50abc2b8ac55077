"""ForwardPanel: move any weight, the input or the target; watch x⁽ˡ⁾ and s⁽ˡ⁾ change.

The lecture's network (d = 1, 2, 1, 1, tanh) with a slider per weight; the
diagram shows s and x at every node and the forward table of the notes
underneath, both updated in place.
"""

from __future__ import annotations

import html

from ..figures.labels import number, superscript
from ..figures.network import draw_network, update_network
from ..figures.tables import draw_table, forward_table, update_table
from ..propagation import error, forward
from ._worked import LectureValuesPanel, vector_html


class ForwardPanel(LectureValuesPanel):
    """Forward propagation on the worked example, live.

    Controls: one slider per weight (``w1_01`` = w⁽¹⁾₀₁ = W^(1)[0, 0], ...,
    ``w3_11``), the input ``x`` and the target ``y``; all start at the lecture's
    values (W^(1) = [[0.1, 0.2], [0.3, 0.4]], W^(2) = [0.2, 1, −3]ᵀ,
    W^(3) = [1, 2]ᵀ, x = 2, y = 1).

    ``shown`` holds ``x`` (list of x⁽ˡ⁾, l = 0..L), ``s`` (s⁽ˡ⁾, l = 1..L),
    ``h`` (the output x⁽ᴸ⁾ as a number), ``e`` = ``E`` (the squared error of
    the point), ``W`` (the weights), ``input``, ``y``, ``net``, ``trace`` and
    ``table`` (the forward ``Table``, 2 decimals).
    """

    title = "Forward propagation: move a weight, watch every x and s change"
    figsize = (8.0, 4.6)

    def build_figure(self, fig):
        net_ax, table_ax = fig.subplots(2, 1, gridspec_kw={"height_ratios": [3.0, 1.1]})
        trace = forward(self.template, [2.0])
        self.network = draw_network(self.template, trace, node_label=("s", "x"), ax=net_ax)
        self.table = draw_table(forward_table(trace), ax=table_ax)

    def dynamic_artists(self):
        return self.network.dynamic() + self.table.dynamic()

    def compute(self, values):
        net, trace = self.forward_pass(values)
        e = error(net, [values["x"]], values["y"])
        return {
            "x": trace.x,
            "s": trace.s,
            "h": float(trace.h[0]),
            "e": e,
            "E": e,
            "W": net.W,
            "input": values["x"],
            "y": values["y"],
            "net": net,
            "trace": trace,
            "table": forward_table(trace),
        }

    def draw(self, shown):
        L = len(shown["x"]) - 1
        title = f"e = (x{superscript(f'({L})')} − y)² = {number(shown['e'], 4)}"
        update_network(self.network, shown["net"], shown["trace"], title=title)
        update_table(self.table, shown["table"])

    def describe(self, shown):
        parts = [f"x<sup>(0)</sup> = {vector_html(shown['x'][0])}"]
        for ell in range(1, len(shown["x"])):
            parts.append(f"s<sup>({ell})</sup> = {vector_html(shown['s'][ell])}")
            parts.append(f"x<sup>({ell})</sup> = {vector_html(shown['x'][ell])}")
        return (
            f"<p>Forward propagation of the input x = {html.escape(number(shown['input']))}: "
            + ", ".join(parts)
            + f". The output h = {html.escape(number(shown['h'], 4))}; with target y = "
            f"{html.escape(number(shown['y']))} the squared error is e = (h − y)<sup>2</sup> = "
            f"{html.escape(number(shown['e'], 4))}.</p>"
        )

    def demo_moves(self):
        return [
            {"w1_01": 0.5},
            {"w2_21": -1.0},
            {"w3_11": 0.5},
            {"x": -1.0},
            {"y": -0.5},
            {"w1_12": -2.0},
        ]
