"""BackwardPanel: step through backpropagation one equation at a time.

Step 0 is the saved forward pass; steps 1..L compute δ⁽ᴸ⁾, …, δ⁽¹⁾ (the
initialisation, then equation (2)); steps L+1..2L the gradients ∂e/∂W⁽ᴸ⁾, …,
∂e/∂W⁽¹⁾ (equation (1)). Each step shows its equation with the current
numbers substituted and highlights the nodes and edges it uses; what has not
been computed yet shows as "?".
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.transforms import blended_transform_factory

from ..figures.labels import layer_symbol, number, subscript, superscript
from ..figures.network import draw_network, update_network
from ..figures.sensitivity import (
    draw_gradient_heatmaps,
    draw_sensitivities,
    update_gradient_heatmaps,
    update_sensitivities,
)
from ..layers import Layers
from ..propagation import backward, forward, gradient
from ._worked import LectureValuesPanel, lecture_network, vector_html

_D = 4  # decimals in the substituted equations


def _n(value) -> str:
    """A number in an equation, in parentheses when negative: (−1.8549)."""
    text = number(value, _D)
    return f"({text})" if text.startswith("−") else text


def _sym(name: str, ell: int, k) -> str:
    return layer_symbol(name, ell) + subscript(k)


def _w(ell: int, i: int, j: int) -> str:
    """w⁽ˡ⁾ᵢⱼ in the lecture's numbering (j from 1), for W[l][i, j-1]."""
    return "w" + superscript(f"({ell})") + subscript(f"{i}{j}")


def step_count(L: int) -> int:
    """Steps of the backward pass for L layers: L sensitivities, then L gradients."""
    return 2 * L


def step_layer(step: int, L: int) -> tuple[str, int]:
    """What step ``step`` (1..2L) computes: ("delta", l) or ("G", l)."""
    if 1 <= step <= L:
        return "delta", L - step + 1
    return "G", 2 * L - step + 1


def step_equation(step: int, net, trace, delta, G, y) -> tuple[str, list[str], set]:
    """The headline, the equation lines with numbers, and what to highlight, for one step.

    Assumes tanh hidden and output layers (the lecture's network), where
    θ′(s) = 1 − x².
    """
    L, x = net.L, trace.x
    total = step_count(L)
    if step == 0:
        h = x[L]
        lines = [
            f"e = (x{superscript(f'({L})')} − y)² = ({number(h[0], _D)} − {number(y, _D)})² = "
            f"{number(float(np.sum((h - y) ** 2)), _D)}"
        ]
        return f"Step 0 of {total}: forward propagation saved every x and s", lines, set()
    kind, ell = step_layer(step, L)
    head = f"Step {step} of {total}: "
    lines, chosen = [], set()
    if kind == "delta" and ell == L:
        top = superscript(f"({L})")
        head += f"δ{top} = 2 (x{top} − y) θ′(s{top})"
        for k in range(1, net.d[L] + 1):
            xk = x[L][k - 1]
            lines.append(
                f"{_sym('delta', L, k)} = 2 · ({_sym('x', L, k)} − y) · "
                f"(1 − ({_sym('x', L, k)})²) = "
                f"2 · ({number(xk, _D)} − {number(y, _D)}) · (1 − {number(xk * xk, _D)}) = "
                f"{number(delta[L][k - 1], _D)}"
            )
            chosen.add((L, k))
    elif kind == "delta":
        up = ell + 1
        head += (
            f"δ{superscript(f'({ell})')} = θ′(s{superscript(f'({ell})')}) ⊗ "
            f"[W{superscript(f'({up})')} δ{superscript(f'({up})')}] without the bias row"
        )
        for k in range(1, net.d[ell] + 1):
            xk = x[ell][k]
            terms = [
                (_w(up, k, j), _sym("delta", up, j), net.W[up][k, j - 1], delta[up][j - 1])
                for j in range(1, net.d[up] + 1)
            ]
            symbols = " + ".join(f"{w} · {d}" for w, d, _, _ in terms)
            values = " + ".join(f"{_n(wv)} · {_n(dv)}" for _, _, wv, dv in terms)
            if len(terms) > 1:
                symbols, values = f"({symbols})", f"({values})"
            lines.append(
                f"{_sym('delta', ell, k)} = (1 − ({_sym('x', ell, k)})²) · {symbols} = "
                f"(1 − {number(xk * xk, _D)}) · {values} = {number(delta[ell][k - 1], _D)}"
            )
            chosen.add((ell, k))
            for j in range(1, net.d[up] + 1):
                chosen |= {(up, j), (up, k, j - 1)}
    else:
        head += (
            f"∂e/∂W{superscript(f'({ell})')} = x{superscript(f'({ell - 1})')} "
            f"(δ{superscript(f'({ell})')})ᵀ"
        )
        for i in range(net.d[ell - 1] + 1):
            for j in range(1, net.d[ell] + 1):
                lines.append(
                    f"∂e/∂{_w(ell, i, j)} = {_sym('x', ell - 1, i)} · {_sym('delta', ell, j)} = "
                    f"{'1' if i == 0 else _n(x[ell - 1][i])} · {_n(delta[ell][j - 1])} = "
                    f"{number(G[ell][i, j - 1], _D)}"
                )
                chosen |= {(ell - 1, i), (ell, j), (ell, i, j - 1)}
    return head, lines, chosen


def revealed(step: int, L: int) -> tuple[set, set]:
    """The layers whose δ and whose ∂e/∂W are computed by the end of ``step``."""
    deltas = {L - s + 1 for s in range(1, min(step, L) + 1)}
    grads = {2 * L - s + 1 for s in range(L + 1, step + 1)}
    return deltas, grads


def step_title(step: int, L: int) -> str:
    """The short line above the diagram: which step, and what it computes from what.

    The full equation, with the numbers, is the readout's (``step_equation``);
    the figure only names the step, so that it reads on its own when projected.
    """
    head = f"Step {step} of {step_count(L)}: "
    if step == 0:
        return head + "forward propagation done, no δ yet"
    kind, ell = step_layer(step, L)
    top = superscript(f"({ell})")
    if kind == "delta" and ell == L:
        return head + f"δ{top} at the output, from x{top} and y"
    if kind == "delta":
        up = superscript(f"({ell + 1})")
        return head + f"δ{top} from δ{up}, sent back along W{up}"
    return head + f"∂e/∂W{top} from x{superscript(f'({ell - 1})')} and δ{top}"


class BackwardPanel(LectureValuesPanel):
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

    def extra_controls(self):
        step = widgets.IntSlider(
            value=0,
            min=0,
            max=step_count(self.template.L),
            description="step",
            continuous_update=True,
            layout=widgets.Layout(width="260px"),
            style={"description_width": "40px"},
        )
        return {"step": step}

    def arrange(self):
        step = self.controls["step"]
        previous = widgets.Button(
            description="Previous", icon="arrow-left", tooltip="One equation back"
        )
        following = widgets.Button(
            description="Next", icon="arrow-right", tooltip="The next equation"
        )
        previous.on_click(lambda _: self.update(step=max(step.value - 1, step.min)))
        following.on_click(lambda _: self.update(step=min(step.value + 1, step.max)))
        self.step_buttons = (previous, following)
        sliders = [w for name, w in self.controls.items() if name != "step"]
        left = widgets.VBox(sliders + [self.reset_button], layout=widgets.Layout(min_width="300px"))
        right = widgets.VBox(
            [widgets.HBox([previous, step, following]), self.figure_html, self.readout]
        )
        step.observe(lambda _: self._enable_step_buttons(), names="value")
        self._enable_step_buttons()
        return self.side_by_side(left, right)

    def _enable_step_buttons(self) -> None:
        """Previous is off at the first equation, Next at the last."""
        previous, following = self.step_buttons
        step = self.controls["step"]
        previous.disabled = step.value <= step.min
        following.disabled = step.value >= step.max

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
        self.freeze()

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
