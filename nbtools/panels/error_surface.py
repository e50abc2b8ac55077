"""E as a function of two chosen weights, −∇E as arrows, and a descent path on it."""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from ..descent import NetworkSlice, classify_path, explain, gradient_descent_path
from ..figures._axes import weight_label
from ..figures.surface_plot import error_surface_plot
from ..network import worked_example
from ..surface import error_surface
from .base import Panel
from .helpers import STATUS_COLORS, eta_slider, status_html


def weight_choices(net) -> list[tuple[str, tuple[int, int, int]]]:
    """Every weight of ``net`` as a Dropdown option: its symbol in the notes and its
    index, ("w⁽¹⁾₀₂", (1, 0, 1)), the same symbol every panel's controls show."""
    return [
        (weight_label((ell, i, j)), (ell, i, j))
        for ell, W in net.W.items()
        for i in range(W.shape[0])
        for j in range(W.shape[1])
    ]


def axis_label(index) -> str:
    """The notes' symbol and where the weight sits in code: "w⁽¹⁾₀₂  (net.W[1][0, 1])"."""
    ell, i, j = index
    return f"{weight_label(index)}  (net.W[{ell}][{i}, {j}])"


class ErrorSurfacePanel(Panel):
    """Contours of E over two weights of a network, all other weights fixed.

    Parameters
    ----------
    net : Network, optional
        Default: the lecture's worked example (with its x = 2, y = 1).
    X, y : array_like, optional
        The data E is measured on (needed when ``net`` is given).
    error : str
        Error measure by name.
    grid : int
        E is computed on grid × grid values (one call of ``nbtools.error_surface``).

    Controls: the two weights ``a`` and ``b`` (Dropdowns), ``half_width`` (the
    plotted range around each weight's current value), the start of the path
    ``start_a``, ``start_b`` (as a fraction of the half-width: −1 is the left
    or bottom edge, 0 the current weight), ``eta`` and ``steps``.

    The colour bar beside the contours (``picture.colorbar``) gives E for each
    colour; it follows the surface when other weights or another range are chosen.

    ``shown`` holds ``a``, ``b``, ``a_values``, ``b_values``, ``surface``
    (= ``nbtools.error_surface(net, X, y, a, b, a_values, b_values)``),
    ``centre`` (the current values of a and b), ``path`` (n + 1, 2), ``E``
    along it, ``eta``, ``status``, ``message`` and ``stopped_at``.
    """

    title = "The error surface: E over two weights, the others fixed"
    figsize = (6.6, 5.0)  # 0.6 in more than the axes need: the colour bar of E

    def __init__(self, net=None, X=None, y=None, error: str = "squared", grid: int = 60):
        if net is None:
            net, X, y = worked_example()
            self._source = "the worked example (x = 2, y = 1)"
        elif X is None or y is None:
            raise ValueError("X and y must be given with net: E is measured on that data")
        else:
            N = np.asarray(X).shape[0] if np.ndim(X) > 1 else 1
            self._source = f"{N} training point{'s' * (N != 1)}"
        self.net, self.X, self.y, self.error, self.grid = net.copy(), X, y, error, grid
        self._surface_key = None
        self._drawn_key = None
        super().__init__()

    def build_controls(self) -> dict:
        options = weight_choices(self.net)
        a, b = self._default_pair(options)
        return {
            "a": widgets.Dropdown(options=options, value=a, description="weight a"),
            "b": widgets.Dropdown(options=options, value=b, description="weight b"),
            "half_width": widgets.FloatSlider(
                value=3.0,
                min=0.25,
                max=10.0,
                step=0.25,
                description="range ±",
                readout_format=".2f",
                continuous_update=False,
            ),
            "start_a": widgets.FloatSlider(
                value=0.0, min=-1.0, max=1.0, step=0.05, description="start a", readout_format=".2f",
                tooltip="Where the descent starts along a: −1 the left edge, 0 the current weight, 1 the right edge",
            ),
            "start_b": widgets.FloatSlider(
                value=0.0, min=-1.0, max=1.0, step=0.05, description="start b", readout_format=".2f",
                tooltip="Where the descent starts along b: −1 the bottom edge, 0 the current weight, 1 the top edge",
            ),
            "eta": eta_slider(0.3, low=-3, high=1.5, continuous=True),
            "steps": widgets.IntSlider(value=30, min=0, max=200, description="steps"),
        }

    def _default_pair(self, options):
        values = [value for _, value in options]
        # The worked example: one weight of layer 2 and one of layer 3 give a curved valley.
        if (2, 0, 0) in values and (3, 1, 0) in values and self.net.L == 3:
            return (2, 0, 0), (3, 1, 0)
        return values[-2], values[-1]

    def build_figure(self, fig) -> None:
        self.ax = fig.subplots()
        a_values, b_values, surface, _ = self._surface(self.values)
        self.picture = error_surface_plot(
            a_values,
            b_values,
            surface,
            ax=self.ax,
            labels=(axis_label(self.values["a"]), axis_label(self.values["b"])),
            colorbar="$E$",
        )
        self._drawn_key = self._surface_key

    def _surface(self, values):
        """The surface for the chosen weights and range, cached: moving only the
        path (start, η, steps) recomputes nothing here."""
        a, b, half = values["a"], values["b"], values["half_width"]
        if a == b:
            raise ValueError(
                f"weights a and b must differ; both are {weight_label(a)}. Choose another weight b."
            )
        key = (a, b, half)
        if key != self._surface_key:
            centre = np.array([self.net.W[a[0]][a[1:]], self.net.W[b[0]][b[1:]]])
            a_values = np.linspace(centre[0] - half, centre[0] + half, self.grid)
            b_values = np.linspace(centre[1] - half, centre[1] + half, self.grid)
            surface = error_surface(
                self.net, self.X, self.y, a, b, a_values, b_values, error=self.error
            )
            self._cache = (a_values, b_values, surface, centre)
            self._slice = NetworkSlice(self.net, self.X, self.y, a, b, error=self.error)
            self._surface_key = key
        return self._cache

    def compute(self, values: dict) -> dict:
        a_values, b_values, surface, centre = self._surface(values)
        half = values["half_width"]
        start = centre + half * np.array([values["start_a"], values["start_b"]])
        path, E_path, stopped_at = gradient_descent_path(
            self._slice.gradient, self._slice.E, start, values["eta"], values["steps"]
        )
        status = classify_path(path, E_path, stopped_at)
        message = explain(
            None, status, float(values["eta"]), float("nan"), path, E_path, stopped_at
        )
        return {
            "a": values["a"],
            "b": values["b"],
            "a_values": a_values,
            "b_values": b_values,
            "surface": surface,
            "centre": centre,
            "path": path,
            "E": E_path,
            "eta": float(values["eta"]),
            "status": status,
            "message": message,
            "stopped_at": stopped_at,
            "n_weights": self.net.n_weights,
        }

    def draw(self, shown: dict) -> None:
        if self._drawn_key != self._surface_key:
            self.picture.set_surface(shown["a_values"], shown["b_values"], shown["surface"])
            self.ax.set_xlabel(axis_label(shown["a"]))
            self.ax.set_ylabel(axis_label(shown["b"]))
            self._drawn_key = self._surface_key
        self.picture.set_path(shown["path"])
        self.ax.set_title(
            f"η = {shown['eta']:.3g}: {shown['status']}", color=STATUS_COLORS[shown["status"]]
        )

    def describe(self, shown: dict) -> str:
        a, b = weight_label(shown["a"]), weight_label(shown["b"])
        start, end = shown["path"][0], shown["path"][-1]
        others = shown["n_weights"] - 2
        note = (
            f"This is a 2-D slice through the {shown['n_weights']}-dimensional weight space: "
            f"the other {others} weights stay fixed at their current values, so the lowest "
            f"point here is not the minimum of E over all weights."
        )
        surface, E, (ca, cb) = shown["surface"], shown["E"], shown["centre"]
        half = shown["a_values"][-1] - ca
        return (
            f"<p>E on {html.escape(self._source)} as {a} (across) and {b} (up) vary by "
            f"±{half:.3g} around their current values {ca:.3g} and {cb:.3g}; E ranges from "
            f"{surface.min():.3g} to {surface.max():.3g} (the colour bar: dark low, yellow high; "
            f"+: the lowest E on the grid). "
            f"Arrows point along −∇E (downhill); the path starts at the square "
            f"({a} = {start[0]:.3g}, {b} = {start[1]:.3g}, E = {E[0]:.4g}) and ends at the "
            f"star ({end[0]:.3g}, {end[1]:.3g}, E = {E[-1]:.4g}).</p>"
            f"{status_html(shown['status'], shown['message'])}<p><i>{html.escape(note)}</i></p>"
        )

    def demo_moves(self) -> list[dict]:
        names = [name for name, _ in weight_choices(self.net)]
        return [
            {"start_a": -0.6},
            {"start_b": 0.5},
            {"eta": 1.0},
            {"steps": 80},
            {"eta": 20.0},
            {"eta": 0.3},
            {"half_width": 5.0},
            {"a": names[0]},
            {"b": names[1]},
            {"start_a": 0.4},
        ]
