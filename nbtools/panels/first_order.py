"""FirstOrderPanel: what the gradient promises, and how far the promise holds.

Change one weight by Δw: the first-order (tangent) estimate is
e(w) + Δw · ∂e/∂w, the truth is e(w + Δw). Near Δw = 0 they agree; the gap
grows like Δw² (the curvature). This is why gradient descent takes small steps.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from .._checks import check_real
from ..figures.colors import ACCENT
from ..figures.labels import number, weight_symbol
from ..figures.readout import draw_readout, update_readout
from ..figures.style import COLORS
from ._worked import ONE_SLIDER_WIDTH, OneWeightPanel

DW_RANGE = (-1.5, 1.5)
_CURVE_POINTS = 121


class FirstOrderPanel(OneWeightPanel):
    """Compare e(w + Δw) with its first-order estimate e(w) + Δw · ∂e/∂w.

    Controls: ``weight`` (Dropdown of the 9 weights, by name ``"w1_01"`` … or
    label ``"w⁽¹⁾₀₁"``) and ``dw`` (Δw, −1.5 … 1.5). The network is the
    lecture's, at x = 2, y = 1.

    ``shown`` holds ``e_exact`` = e(w + Δw), ``e_linear`` = e(w) + Δw · ∂e/∂w,
    ``gradient`` = ∂e/∂w (backprop), ``dw``, ``gap`` = e_exact − e_linear,
    ``e`` = e(w), ``w``, ``weight`` (name), ``index`` (l, i, j) and ``curve``
    (Δw values and e along them).
    """

    title = "First order: the gradient predicts how e changes"
    default_weight = "w1_12"  # the largest gradient in the notes (1.75), on a curved stretch of e
    figsize = (8.0, 4.5)

    def extra_controls(self):
        return {
            "dw": widgets.FloatSlider(
                value=0.5,
                min=DW_RANGE[0],
                max=DW_RANGE[1],
                step=0.01,
                description="Δw",
                readout_format=".2f",
                continuous_update=True,
                layout=widgets.Layout(width=ONE_SLIDER_WIDTH),
            ),
        }

    def make_curve(self, name: str):
        """Δw values and e(w + Δw) along them."""
        index, w, _ = self.weight(name)
        dws = np.linspace(*DW_RANGE, _CURVE_POINTS)
        return dws, np.array([self.e_at(index, w + dw) for dw in dws])

    def build_figure(self, fig):
        ax, text_ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.8, 1.0]})
        ax.set_xlim(DW_RANGE[0] - 0.05, DW_RANGE[1] + 0.05)
        ax.set_xticks([-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5])
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.set_xlabel("Δw (change of the chosen weight)")
        ax.set_ylabel("error e")
        ax.axvline(0.0, color="#999999", linewidth=0.8)
        (self.curve_line,) = ax.plot([], [], color=COLORS[0], linewidth=2.5, label="e(w + Δw)")
        (self.tangent,) = ax.plot(
            [], [], color=COLORS[1], linewidth=2.0, linestyle="--", label="e(w) + Δw · ∂e/∂w"
        )
        (self.start,) = ax.plot([], [], "o", color="black", markersize=7)
        (self.exact,) = ax.plot(
            [], [], "o", color=COLORS[0], markersize=11, markeredgecolor="black"
        )
        (self.linear,) = ax.plot(
            [], [], "s", color=COLORS[1], markersize=10, markeredgecolor="black"
        )
        (self.gap_line,) = ax.plot([], [], color=ACCENT, linewidth=3.0)
        self.gap_text = ax.text(0.0, 0.0, "", ha="left", va="center", fontsize=11, color=ACCENT
        )
        ax.legend(loc="upper center", fontsize=10)
        self.plot_title = ax.text(0.5, 1.02, "", transform=ax.transAxes, ha="center", va="bottom", fontsize=11
        )
        ax.set_title(" ", fontsize=11)  # reserves the room the weight's title line needs
        self.numbers = draw_readout(
            text_ax,
            [
                "weight",
                "Δw",
                "",
                "e(w)",
                "∂e/∂w (backprop)",
                "",
                "exact e(w + Δw)",
                "first order",
                "  e(w) + Δw · ∂e/∂w",
                "gap",
            ],
        )
        self.ax = ax
        self._drawn_weight = None

    def dynamic_artists(self):
        # The y axis follows the chosen weight: it is baked again when the weight changes.
        return [
            self.curve_line,
            self.tangent,
            self.start,
            self.exact,
            self.linear,
            self.gap_line,
            self.gap_text,
            self.plot_title,
            *self.numbers.dynamic(),
        ]

    def compute(self, values):
        name = values["weight"]
        dw = check_real("dw", values["dw"])
        index, w, g = self.weight(name)
        e_exact = self.e_at(index, w + dw)
        e_linear = self.e0 + dw * g
        return {
            "e_exact": e_exact,
            "e_linear": e_linear,
            "gradient": g,
            "dw": dw,
            "gap": e_exact - e_linear,
            "e": self.e0,
            "w": w,
            "weight": name,
            "index": index,
            "curve": self.curve(name),
        }

    def draw(self, shown):
        dws, es = shown["curve"]
        g, dw, e0 = shown["gradient"], shown["dw"], shown["e"]
        tangent = e0 + dws * g
        self.curve_line.set_data(dws, es)
        self.tangent.set_data(dws, tangent)
        self.start.set_data([0.0], [e0])
        self.exact.set_data([dw], [shown["e_exact"]])
        self.linear.set_data([dw], [shown["e_linear"]])
        self.gap_line.set_data([dw, dw], [shown["e_exact"], shown["e_linear"]])
        self.gap_text.set_position(
            (dw + (0.06 if dw <= 0.9 else -0.06), 0.5 * (shown["e_exact"] + shown["e_linear"]))
        )
        self.gap_text.set_horizontalalignment("left" if dw <= 0.9 else "right")
        self.gap_text.set_text(f"gap {number(shown['gap'], 3)}")
        symbol = weight_symbol(*shown["index"])
        self.plot_title.set_text(
            f"e along {symbol} (w = {number(shown['w'])}), everything else fixed"
        )
        update_readout(
            self.numbers,
            [
                f"{symbol} = {number(shown['w'])}",
                number(dw),
                "",
                number(e0, 4),
                number(g, 4),
                "",
                number(shown["e_exact"], 4),
                "",
                number(shown["e_linear"], 4),
                number(shown["gap"], 4),
            ],
        )
        new_weight = shown["weight"] != self._drawn_weight
        if new_weight:  # the e-axis range (and its ticks) belongs to the weight
            low, high = min(es.min(), tangent.min()), max(es.max(), tangent.max())
            pad = 0.08 * (high - low) + 1e-3
            self.ax.set_ylim(low - pad, high + 2.5 * pad)  # room for the legend on top
            self._drawn_weight = shown["weight"]

    def describe(self, shown):
        symbol = weight_symbol(*shown["index"])
        w, dw, g = number(shown["w"]), number(shown["dw"]), number(shown["gradient"], 4)
        e, exact, linear = (number(shown[k], 4) for k in ("e", "e_exact", "e_linear"))
        return (
            f"<p>Changing {symbol} from {w} by Δw = {dw}: the error becomes e(w + Δw) = {exact}; "
            f"the first-order estimate e(w) + Δw · ∂e/∂w = {e} "
            f"{'−' if shown['dw'] < 0 else '+'} {number(abs(shown['dw']))} · ({g}) = {linear}, "
            f"off by {number(shown['gap'], 4)}.</p>"
        )

    def demo_moves(self):
        return [
            {"dw": 0.1},
            {"dw": -1.0},
            {"dw": 1.5},
            {"weight": "w2_21"},
            {"dw": -0.3},
            {"weight": "w1_01"},
        ]
