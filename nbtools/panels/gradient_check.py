"""GradientCheckPanel: finite differences against backprop, and how the step h matters.

For one weight w of the worked example, the forward difference
(e(w + h) − e(w)) / h and the central difference (e(w + h) − e(w − h)) / 2h
approach ∂e/∂w from backprop as h shrinks, until round-off takes over: the
error of a difference quotient is about (truncation ∝ h or h²) + (ε·e / h).
The curve shows both relative errors for ~50 values of h; the marker is the
current h.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

from .._checks import check_real
from ..figures.labels import number, scientific, weight_symbol
from ..figures.readout import draw_readout, update_readout
from ..figures.style import COLORS, MARKERS
from ._worked import ONE_SLIDER_WIDTH, OneWeightPanel

H_RANGE = (1e-12, 1e-1)
_FLOOR = 1e-17  # relative errors below this (exact agreement) are drawn here on the log scale
_CURVE_POINTS = 49


def differences(e_at, w: float, h: float) -> tuple[float, float]:
    """Forward and central difference quotients of ``e_at`` at ``w`` with step ``h``."""
    e_plus, e_w, e_minus = e_at(w + h), e_at(w), e_at(w - h)
    return (e_plus - e_w) / h, (e_plus - e_minus) / (2.0 * h)


def relative_error(approx: float, exact: float) -> float:
    """|approx − exact| / |exact| (absolute error when exact is 0)."""
    return abs(approx - exact) / (abs(exact) if exact != 0 else 1.0)


class GradientCheckPanel(OneWeightPanel):
    """Check ∂e/∂w from backprop with finite differences, for any weight and step h.

    Controls: ``weight`` (a Dropdown of the 9 weights, by name ``"w1_01"`` …
    ``"w3_11"`` or by label ``"w⁽¹⁾₀₁"``) and ``h`` (log slider, 1e-12 … 1e-1).
    The network is the lecture's, at x = 2, y = 1.

    ``shown`` holds ``h``, ``forward``, ``central``, ``backprop``,
    ``rel_error_forward``, ``rel_error_central``, ``weight`` (name), ``index``
    (l, i, j) of W[l][i, j], ``w`` (its value), ``curve`` (h values and both
    relative errors) and ``best_h_forward`` / ``best_h_central`` (the h of
    the smallest error on the curve).
    """

    title = "Gradient check: finite differences against backprop"
    figsize = (8.0, 4.5)

    def extra_controls(self):
        return {
            "h": widgets.FloatLogSlider(
                value=1e-5,
                base=10,
                min=-12,
                max=-1,
                step=0.1,
                description="step h",
                readout_format=".0e",
                continuous_update=True,
                layout=widgets.Layout(width=ONE_SLIDER_WIDTH),
            ),
        }

    def make_curve(self, name: str):
        """h values and the relative errors of both differences."""
        index, w, exact = self.weight(name)
        hs = np.logspace(np.log10(H_RANGE[0]), np.log10(H_RANGE[1]), _CURVE_POINTS)
        pairs = [differences(lambda v: self.e_at(index, v), w, h) for h in hs]
        forward = np.array([relative_error(f, exact) for f, _ in pairs])
        central = np.array([relative_error(c, exact) for _, c in pairs])
        return hs, forward, central

    def build_figure(self, fig):
        ax, text_ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.7, 1.0]})
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(10**-12.4, 10**-0.6)
        ax.set_ylim(10**-17.5, 10**1.5)
        for axis, powers in ((ax.xaxis, (-12, -9, -6, -3)), (ax.yaxis, (-16, -12, -8, -4, 0))):
            axis.set_major_locator(FixedLocator([10.0**p for p in powers]))
            axis.set_major_formatter(FixedFormatter([f"1e{p}".replace("-", "−") for p in powers]))
            axis.set_minor_locator(NullLocator())
        ax.set_xlabel("step h")
        ax.set_ylabel("relative error")
        ax.grid(True, color="#dddddd", linewidth=0.8)
        kinds = (
            ("forward difference", COLORS[0], MARKERS[0]),
            ("central difference", COLORS[1], MARKERS[1]),
        )
        self.lines = [
            ax.plot([], [], color=c, linewidth=2.0, label=label)[0] for label, c, _ in kinds
        ]
        self.markers = [
            ax.plot(
                [], [], linestyle="none", marker=m, markersize=10, color=c, markeredgecolor="black"
            )[0]
            for _, c, m in kinds
        ]
        self.h_line = ax.axvline(1e-5, color="#555555", linewidth=1.0, linestyle="--")
        ax.legend(loc="lower left", fontsize=10)
        notes = (
            ("round-off wins\n(error ≈ ε / h)", 0.02, "left"),
            ("truncation wins\n(∝ h forward, ∝ h² central)", 0.98, "right"),
        )
        for note, x, align in notes:
            ax.text(
                x,
                0.97,
                note,
                transform=ax.transAxes,
                ha=align,
                va="top",
                fontsize=10,
                color="#444444",
            )
        self.plot_title = ax.text(0.5, 1.02, "", transform=ax.transAxes, ha="center", va="bottom", fontsize=11
        )
        self.plot_title.axes.set_title(
            " ", fontsize=11
        )  # reserves the room the weight's title line needs
        # the long numbers go on the line under their label
        rows = ["weight", "step h", "", "∂e/∂w by backprop", "", "forward difference", ""]
        self.numbers = draw_readout(
            text_ax, rows + ["  rel. error", "central difference", "", "  rel. error"]
        )

    def dynamic_artists(self):
        return [*self.lines, *self.markers, self.h_line, self.plot_title, *self.numbers.dynamic()]

    def compute(self, values):
        name = values["weight"]
        h = check_real("h", values["h"], positive=True)
        index, w, backprop = self.weight(name)
        forward, central = differences(lambda v: self.e_at(index, v), w, h)
        hs, rel_f, rel_c = self.curve(name)
        return {
            "h": h,
            "forward": forward,
            "central": central,
            "backprop": backprop,
            "rel_error_forward": relative_error(forward, backprop),
            "rel_error_central": relative_error(central, backprop),
            "weight": name,
            "index": index,
            "w": w,
            "curve": (hs, rel_f, rel_c),
            "best_h_forward": float(hs[np.argmin(rel_f)]),
            "best_h_central": float(hs[np.argmin(rel_c)]),
        }

    def draw(self, shown):
        hs, rel_f, rel_c = shown["curve"]
        h = shown["h"]
        for line, marker, rel, now in zip(
            self.lines,
            self.markers,
            (rel_f, rel_c),
            (shown["rel_error_forward"], shown["rel_error_central"]),
        ):
            line.set_data(hs, np.maximum(rel, _FLOOR))
            marker.set_data([h], [max(now, _FLOOR)])
        self.h_line.set_xdata([h, h])
        symbol = weight_symbol(*shown["index"])
        self.plot_title.set_text(
            f"∂e/∂{symbol} at {symbol} = {number(shown['w'])}: relative error against backprop"
        )
        update_readout(
            self.numbers,
            [
                f"{symbol} = {number(shown['w'])}",
                scientific(h),
                "",
                "",
                number(shown["backprop"], 10),
                "",
                number(shown["forward"], 10),
                scientific(shown["rel_error_forward"]),
                "",
                number(shown["central"], 10),
                scientific(shown["rel_error_central"]),
            ],
        )

    def describe(self, shown):
        symbol = weight_symbol(*shown["index"])
        exact, forward, central = (number(shown[k], 10) for k in ("backprop", "forward", "central"))
        error_f, error_c = (
            scientific(shown["rel_error_forward"]),
            scientific(shown["rel_error_central"]),
        )
        best_f, best_c = (
            scientific(shown["best_h_forward"], 0),
            scientific(shown["best_h_central"], 0),
        )
        return (
            f"<p>Weight {symbol} = {number(shown['w'])}, step h = {scientific(shown['h'])}. "
            f"Backprop gives ∂e/∂{symbol} = {exact}; the forward difference gives {forward} "
            f"(relative error {error_f}), the central difference {central} (relative error "
            f"{error_c}). On the curve the smallest errors are at h ≈ {best_f} (forward) and "
            f"h ≈ {best_c} (central): larger h suffers truncation error, smaller h round-off.</p>"
        )

    def demo_moves(self):
        return [
            {"h": 1e-2},
            {"h": 1e-8},
            {"h": 1e-11},
            {"weight": "w2_21"},
            {"h": 1e-4},
            {"weight": "w3_11"},
        ]
