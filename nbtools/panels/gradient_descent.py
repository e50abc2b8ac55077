"""The update rule w ← w − η ∇E(w) on a 1-D curve or 2-D contours."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..descent import FUNCTIONS, descend, error_function
from ..figures._axes import decade_limits, few_ticks
from ..figures.descent import descent_contours, descent_curve, function_grid
from ..figures.style import COLORS
from .base import Panel
from .helpers import STATUS_COLORS, eta_slider, status_html

#: The lowest E drawn (E reaches 1e-30 in a few dozen steps on a quadratic).
E_FLOOR = 1e-12


class GradientDescentPanel(Panel):
    """Gradient descent on a small error function, with the stability rule.

    Parameters
    ----------
    dimension : int
        1: a curve E(w) with the path on it; 2: contours of E(w1, w2) with
        −∇E as arrows and the path.

    ``shown`` holds ``path`` (n + 1, dimension), ``E`` along it, ``eta``,
    ``status`` ("converges", "oscillates" or "diverges"), ``threshold``
    (2/c_max; local at the nearest minimum for a non-quadratic), ``message``,
    ``function`` (its name) and ``curvatures`` (None unless a quadratic).
    """

    figsize = (9.0, 4.0)

    def __init__(self, dimension: int = 1):
        if dimension not in (1, 2):
            raise ValueError(f"dimension must be 1 (a curve) or 2 (contours); got {dimension!r}")
        self.dimension = dimension
        self.title = (
            f"Gradient descent on E(w), {'one weight' if dimension == 1 else 'two weights'}"
        )
        self._function_key = None
        super().__init__()

    def build_controls(self) -> dict:
        one = self.dimension == 1
        names = list(FUNCTIONS[self.dimension])
        controls = {
            "function": widgets.Dropdown(options=names, value=names[0], description="E(w)"),
            "curvature": widgets.FloatSlider(
                value=1.0 if one else 10.0,
                min=0.2 if one else 1.0,
                max=5.0 if one else 20.0,
                step=0.1,
                description="curvature c",
                readout_format=".1f",
                continuous_update=True,
                style={"description_width": "initial"},
            ),
            "eta": eta_slider(0.3 if one else 0.05, low=-3, high=1, continuous=True),
        }
        starts = {"start": 2.5} if one else {"start_w1": -2.5, "start_w2": 2.0}
        for name, value in starts.items():
            controls[name] = widgets.FloatSlider(
                value=value,
                min=-3.0,
                max=3.0,
                step=0.1,
                description=name.replace("start_", "start "),
                readout_format=".1f",
            )
        controls["steps"] = widgets.IntSlider(
            value=20 if one else 30, min=1, max=100, description="steps"
        )
        return controls

    def build_figure(self, fig) -> None:
        self.ax_path, self.ax_E = fig.subplots(1, 2, width_ratios=(1.25, 1.0))
        function = error_function(
            self.controls["function"].value, self.dimension, self.controls["curvature"].value
        )
        if self.dimension == 1:
            self.picture = descent_curve(function, ax=self.ax_path)
        else:
            self.picture = descent_contours(function, ax=self.ax_path)
        (self.E_line,) = self.ax_E.plot(
            [], [], "-o", color=COLORS[5], mec="black", mew=0.6, ms=4, lw=2
        )
        self.ax_E.set_yscale("log")
        self.ax_E.set_xlabel("step t")
        self.ax_E.set_ylabel("E(w(t))")
        few_ticks(self.ax_E)

    @staticmethod
    def _key(values) -> tuple:
        return values["function"], values["curvature"]

    def compute(self, values: dict) -> dict:
        function = error_function(values["function"], self.dimension, values["curvature"])
        start = (
            [values["start"]] if self.dimension == 1 else [values["start_w1"], values["start_w2"]]
        )
        start, moved = self._start_inside(function, start)
        result = descend(function, start, values["eta"], values["steps"])
        self._function = function
        return {
            "function": function.name,
            "formula": function.formula,
            "curvatures": function.curvatures,
            "path": result.path,
            "E": result.E,
            "eta": result.eta,
            "status": result.status,
            "threshold": result.threshold,
            "message": result.message + (" " + moved if moved else ""),
            "stopped_at": result.stopped_at,
        }

    def _start_inside(self, function, start) -> tuple[list, str]:
        """The start, moved into the picture of ``function`` if it lies outside
        (Rosenbrock's window is smaller); the sliders follow, and a note says so."""
        names = ["start"] if self.dimension == 1 else ["start_w1", "start_w2"]
        inside = [min(max(w, low), high) for w, (low, high) in zip(start, function.window)]
        if inside == list(start):
            return start, ""
        self.set_controls(**dict(zip(names, inside)))  # the sliders follow
        return inside, (
            f"(The start w = ({', '.join(f'{w:.3g}' for w in start)}) lay outside the picture "
            f"of {function.name}: moved to ({', '.join(f'{w:.3g}' for w in inside)}).)"
        )

    def draw(self, shown: dict) -> None:
        function = self._function
        key = self._key(self.values)
        if key != self._function_key:
            if self.dimension == 1:
                self.picture.set_function(function)
                highest = float(np.max(self.picture.curve.get_ydata()))
            else:
                surface = function_grid(function)
                self.picture.set_surface(*surface)
                highest = float(np.max(surface[2]))
            # One E scale per function, from E_FLOOR to past where descent counts as
            # diverged: runs compare at a glance, and the axis does not move with η.
            self._E_top = decade_limits(E_FLOOR, 1e4 * highest)[1]
            self._function_key = key
        self.picture.set_path(shown["path"])
        self.ax_path.set_title(function.formula, fontsize=10)
        E = np.clip(shown["E"], E_FLOOR, self._E_top)
        self.E_line.set_data(np.arange(len(E)), E)
        self.ax_E.set_xlim(0, self.values["steps"])
        self.ax_E.set_ylim(E_FLOOR, self._E_top)
        self.ax_E.set_title(
            f"η = {shown['eta']:.3g}: {shown['status']}",
            fontsize=11,
            color=STATUS_COLORS[shown["status"]],
        )

    def show_controls(self, shown: dict) -> None:
        # c scales a quadratic; the other functions have no such parameter
        self.controls["curvature"].disabled = shown["curvatures"] is None

    def describe(self, shown: dict) -> str:
        rule = (
            f"stability limit 2/c = {shown['threshold']:.3g}"
            if shown["curvatures"]
            else f"local stability limit 2/c = {shown['threshold']:.3g} (at the nearest minimum)"
        )
        E = shown["E"]
        return status_html(shown["status"], shown["message"]) + (
            f"<p>η = {shown['eta']:.3g}, {rule}; {len(E) - 1} steps, "
            f"E from {E[0]:.4g} to {E[-1]:.4g}.</p>"
        )

    def demo_moves(self) -> list[dict]:
        if self.dimension == 1:
            return [
                {"eta": 1.5},
                {"eta": 2.5},
                {"eta": 0.1},
                {"curvature": 3.0},
                {"start": -2.0},
                {"steps": 50},
                {"function": "non-convex"},
                {"eta": 0.6},
                {"function": "quadratic"},
            ]
        return [
            {"eta": 0.15},
            {"eta": 0.25},
            {"eta": 0.02},
            {"start_w1": 2.0},
            {"start_w2": -1.0},
            {"steps": 80},
            {"curvature": 4.0},
            {"function": "round quadratic"},
            {"function": "Rosenbrock valley"},
            {"function": "elongated quadratic"},
        ]
