"""BackwardPanel: step through backpropagation one equation at a time.

Step 0 is the saved forward pass; steps 1..L compute δ⁽ᴸ⁾, …, δ⁽¹⁾ (the
initialisation, then equation (2)); steps L+1..2L the gradients ∂e/∂W⁽ᴸ⁾, …,
∂e/∂W⁽¹⁾ (equation (1)). Each step shows its equation with the current
numbers substituted and highlights the nodes and edges it uses; what has not
been computed yet shows as "?".
"""

from __future__ import annotations

import html

import numpy as np
from matplotlib.transforms import blended_transform_factory

from ..figures.network import draw_network, update_network
from ..figures.gradient_heatmaps import draw_gradient_heatmaps, update_gradient_heatmaps
from ..figures.sensitivity import draw_sensitivities, update_sensitivities
from ..layers import Layers
from ..propagation import backward, forward, gradient
from ._worked import lecture_network, vector_html
from .backward_steps import revealed, step_count, step_equation, step_layer, step_title
from .stepping import SteppingPanel


class BackwardPanel(SteppingPanel):
    """Backpropagation on the worked example, one equation per step.

    Controls: the ForwardPanel's (a slider per weight, ``w1_01`` … ``w3_11``,
    ``x`` and ``y``) and ``step`` (0..6), also moved by the Previous / Next
    buttons. Step 1 computes δ⁽³⁾, 2 δ⁽²⁾, 3 δ⁽¹⁾, 4-6 ∂e/∂W⁽³⁾, ∂e/∂W⁽²⁾, ∂e/∂W⁽¹⁾.

    ``shown`` holds ``delta`` (δ⁽ˡ⁾, l = 1..L, all of them), ``G`` (∂e/∂W⁽ˡ⁾),
    ``step``, ``headline`` and ``equation`` (the step's equation(s) with the
    current numbers, plain text, one line per component), ``highlight``,
    ``e`` = ``E``, ``x``, ``s``, ``W``, ``net`` and ``trace``.
    """

    title = "Backpropagation, one equation at a time"
    figsize = (10.0, 5.0)

    def step_count(self) -> int:
        return step_count(self.template.L)

    def build_figure(self, fig):
        # The diagram large on the left; the δ bars and the three ∂e/∂W maps at the right.
        grid = fig.add_gridspec(2, 2, width_ratios=[1.65, 1.0], height_ratios=[0.75, 1.0])
        net_ax = fig.add_subplot(grid[:, 0])
        bar_ax = fig.add_subplot(grid[0, 1])
        widths = [w.shape[1] for w in self.template.W]
        heat_axes = (
            grid[1, 1].subgridspec(1, self.template.L, width_ratios=widths, wspace=0.03).subplots()
        )
        net, x, y = lecture_network()
        trace = forward(net, [x])
        delta = backward(net, trace, y)
        _, G = gradient(net, [x], y)
        self.heatmaps = draw_gradient_heatmaps(G, axes=list(heat_axes), fontsize=10.5)
        self.bars = draw_sensitivities(delta, ax=bar_ax)
        bar_ax.set_title("sensitivities δ = ∂e/∂s", fontsize=12)
        bar_ax.xaxis.tick_top()  # the names under the title, apart from the maps' titles below
        # a little room at the right edge for the last map's title (wider than its map)
        fig.get_layout_engine().set(rect=(0.0, 0.0, 0.985, 1.0))
        self.network = draw_network(
            net, trace, delta, node_label=("x", "delta"), direction="backward", ax=net_ax
        )
        # the step's name at the top of the figure, level with the title of the bars
        self.network.title.set_fontsize(13)
        on_top = blended_transform_factory(net_ax.transAxes, fig.transFigure)
        self.network.title.set_transform(on_top)
        self.network.title.set_y(0.985)
        self.network.title.set_in_layout(False)  # the layout must not depend on the step's title

    def dynamic_artists(self):
        return (
            self.network.dynamic()
            + self.bars.dynamic()
            + [t for a in self.heatmaps for t in a.dynamic()]
        )

    def compute(self, values):
        net, trace = self.forward_pass(values)
        x, y, step = values["x"], values["y"], int(values["step"])
        delta = backward(net, trace, y)
        E, G = gradient(net, [x], y)
        headline, lines, chosen = step_equation(step, net, trace, delta, G, y)
        return {
            "delta": delta,
            "G": G,
            "step": step,
            "headline": headline,
            "equation": "\n".join(lines),
            "highlight": chosen,
            "e": E,
            "E": E,
            "x": trace.x,
            "s": trace.s,
            "W": net.W,
            "input": x,
            "y": y,
            "net": net,
            "trace": trace,
        }

    def draw(self, shown):
        L = shown["net"].L
        deltas, grads = revealed(shown["step"], L)
        # NaN shows as "?": not computed yet at this step
        masked = [
            d if ell in deltas else np.full_like(d, np.nan) for ell, d in shown["delta"].items()
        ]
        update_network(
            self.network,
            shown["net"],
            shown["trace"],
            Layers(masked, "delta"),
            highlight=shown["highlight"],
            title=step_title(shown["step"], L),
        )
        kind, ell = step_layer(shown["step"], L) if shown["step"] else ("", 0)
        update_sensitivities(
            self.bars, shown["delta"], shown=deltas, highlight={ell} if kind == "delta" else ()
        )
        update_gradient_heatmaps(
            self.heatmaps, shown["G"], shown=grads, highlight={ell} if kind == "G" else ()
        )

    def describe(self, shown):
        L = shown["net"].L
        deltas, grads = revealed(shown["step"], L)
        lines = "".join(f"<div>{html.escape(line)}</div>" for line in shown["equation"].split("\n"))
        known = [
            f"δ<sup>({ell})</sup> = {vector_html(shown['delta'][ell])}"
            for ell in sorted(deltas, reverse=True)
        ]
        known += [
            f"∂e/∂W<sup>({ell})</sup> = {vector_html(shown['G'][ell])}"
            for ell in sorted(grads, reverse=True)
        ]
        so_far = (
            ("Computed so far: " + "; ".join(known) + ".")
            if known
            else "Nothing computed backwards yet."
        )
        return (
            f"<p><b>{html.escape(shown['headline'])}</b></p>"
            f'<div style="font-size:110%;line-height:1.5">{lines}</div>'
            f"<p>{so_far}</p>"
        )

    def demo_moves(self):
        return [
            {"step": 1},
            {"step": 2},
            {"step": 3},
            {"step": 6},
            {"w3_11": 1.0},
            {"x": 1.0},
            {"y": -0.5},
            {"step": 0},
        ]
