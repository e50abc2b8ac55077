"""A small playground: choose the data, the layers, θ, the error measure, η and k, and train."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..activations import ACTIVATIONS
from ..datasets import CLASSIFICATION, make_dataset
from ..figures.boundary import decision_boundary
from ..figures.boundary import boundary_grid
from ..figures.curves import delta_series, error_curves, sensitivity_history
from ..figures.unit_maps import GRID, unit_maps, unit_values
from ..measures import ERROR_MEASURES
from ..monitor import TrainingRun
from ..network import Network
from .helpers import eta_slider
from .training_base import TrainingPanel
from .training_shown import boundary_title

#: Output activations that give a decision at h(x) = 0 for labels ±1.
OUTPUTS = ("tanh", "identity")
MAX_LAYERS, MAX_WIDTH = 8, 64


def parse_widths(text: str) -> tuple[int, ...]:
    """Hidden-layer widths from text such as "8, 8" (empty: no hidden layer)."""
    parts = [part for part in text.replace(";", ",").replace(" ", ",").split(",") if part]
    widths = []
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= MAX_WIDTH:
            raise ValueError(
                f"layers must be widths from 1 to {MAX_WIDTH} separated by commas, e.g. '8, 8'; "
                f"got {text!r} ({part!r} is not one)"
            )
        widths.append(int(part))
    if len(widths) > MAX_LAYERS:
        raise ValueError(
            f"layers may list at most {MAX_LAYERS} hidden layers; got {len(widths)} in {text!r}"
        )
    return tuple(widths)


class PlaygroundPanel(TrainingPanel):
    """Train a network of your design on a 2-D data set and watch it learn.

    Parameters
    ----------
    N : int
        Points in each data set.
    seed : int
        Seeds the data, the starting weights and the shuffling.

    Controls: ``dataset`` (xor, circles, moons), ``layers`` (hidden widths as
    text, "8, 8"), ``hidden`` (θ of the hidden layers), ``output`` (θ of the
    output), ``error`` ("squared" or "logistic"), ``eta`` and ``k``.

    Shows the decision boundary, E after every epoch, and the mean |δ^(ℓ)|
    of every layer (``nbtools.monitor.mean_abs_delta``): in a deep sigmoid
    network the first layers' sensitivities are orders of magnitude smaller
    than the last one's, so they learn that much more slowly. Below, the
    network (``figures.unit_maps``): every unit as a map of its output over the
    input plane with its own mean |δ^(ℓ)_j|, every weight as an edge.
    """

    title = "Playground: design a network and watch it learn"
    figsize = (11.0, 8.0)

    def __init__(self, N: int = 200, seed: int = 0, frames: int = 0):
        self.N, self.seed = N, seed
        self._data = {}
        super().__init__(frames)

    def build_controls(self) -> dict:
        wide = {"description_width": "initial"}
        return {
            "dataset": widgets.Dropdown(
                options=list(CLASSIFICATION), value="circles", description="data"
            ),
            "layers": widgets.Text(
                value="8",
                description="hidden widths",
                continuous_update=False,
                style=wide,
                placeholder="e.g. 8, 8",
            ),
            "hidden": widgets.Dropdown(
                options=list(ACTIVATIONS), value="tanh", description="hidden θ"
            ),
            "output": widgets.Dropdown(options=list(OUTPUTS), value="tanh", description="output θ"),
            "error": widgets.Dropdown(
                options=list(ERROR_MEASURES), value="squared", description="error"
            ),
            "eta": eta_slider(0.1, low=-3, high=1),
            "k": widgets.IntSlider(
                value=min(20, self.N),
                min=1,
                max=self.N,
                description="mini-batch k",
                continuous_update=False,
                style=wide,
            ),
        }

    def data(self, name: str):
        if name not in self._data:
            self._data[name] = make_dataset(name, N=self.N, seed=self.seed)
        return self._data[name]

    def run_settings(self, values: dict) -> dict:
        return {"training": self._training_config(values)}

    def make_run(self, label: str, values: dict) -> TrainingRun:
        X, y = self.data(values["dataset"])
        widths = parse_widths(values["layers"])
        net = Network.random(
            (2, *widths, 1), hidden=values["hidden"], output=values["output"], seed=self.seed
        )
        return TrainingRun(
            net,
            X,
            y,
            values["eta"],
            values["k"],
            seed=self.seed,
            error=values["error"],
            label=label,
            record_deltas=True,
        )

    def build_figure(self, fig) -> None:
        grid = fig.add_gridspec(2, 3, width_ratios=(1.0, 1.1, 1.1), height_ratios=(1.0, 1.4))
        self.ax_boundary, self.ax_E, self.ax_delta = (fig.add_subplot(grid[0, k]) for k in range(3))
        self.ax_units = fig.add_subplot(grid[1, :])
        X, y = self.data(self.controls["dataset"].value)
        net = Network.random((2, *parse_widths(self.controls["layers"].value), 1), seed=self.seed)
        self.boundary = decision_boundary(net, X, y, ax=self.ax_boundary, grid=self.grid)
        self._boundary_data = self.controls["dataset"].value
        self.curves = error_curves({}, ax=self.ax_E, legend=None)
        self.deltas = sensitivity_history([0], [[1.0]], ax=self.ax_delta)
        self.ax_delta.set_title("mean |δ| per layer")
        self.units = unit_maps(net.d, ax=self.ax_units)

    def summarize(self, values: dict) -> dict:
        shown = super().summarize(values)
        X, y = self.data(values["dataset"])
        run = self.runs[0]
        shown.update(self.boundary_values(run, X))
        # every unit's output over the input plane, and its mean |δ| over the data
        maps, mean_deltas = unit_values(run.net, run.gd.X, run.gd.y, run.gd.measure,
                                        boundary_grid(X, GRID)[2])
        shown.update(W=[W.copy() for W in run.net.W], unit_maps=maps, unit_deltas=mean_deltas)
        shown.update(
            dataset=values["dataset"],
            d=self.runs[0].net.d,
            eta=float(values["eta"]),
            k=int(values["k"]),
        )
        return shown

    def draw(self, shown: dict) -> None:
        if shown["dataset"] != self._boundary_data:
            self.boundary.set_points(*self.data(shown["dataset"]))
            self._boundary_data = shown["dataset"]
        self.boundary.set_values(shown["boundary"])
        run = shown["runs"]["training"]
        self.ax_boundary.set_title(boundary_title(run))
        self.curves.set_data({"E": (run["epochs"], run["E_epochs"])})
        self.ax_E.set_title(f"E for d = {shown['d']}", fontsize=10)
        self.deltas.set_data(delta_series(run["epochs"], run["deltas"]))
        if self.units.d != shown["d"]:  # another design: other nodes
            self.ax_units.clear()
            self.units = unit_maps(shown["d"], ax=self.ax_units)
        self.units.set_values(shown["W"], shown["unit_maps"], shown["unit_deltas"])
        self.ax_units.set_title("every unit's output over the input plane (red > 0 > blue), "
                                "its mean |δ| over the data, weights as edges", fontsize=10)

    def dynamic_artists(self) -> list:
        # the plots' default, and in the diagram only what training changes (its maps,
        # |δ| labels and edges: the names of the nodes and layers stay in the static part)
        plots = [a for a in super().dynamic_artists() if a.axes is not self.ax_units]
        return plots + [*self.units.images, *self.units.labels, self.units.edges]

    def describe(self, shown: dict) -> str:
        run = shown["runs"]["training"]
        means = ", ".join(
            f"δ^({ell}): {value:.2e}" for ell, value in enumerate(run["deltas"][-1], start=1)
        )
        return (
            f"{self.messages_html(shown)}<p>Network d = {shown['d']} on "
            f"{html.escape(shown['dataset'])}, η = {shown['eta']:.3g}, k = {shown['k']}: after "
            f"{run['epochs'][-1]} epochs ({run['iterations'][-1]} iterations) "
            f"E = {run['E_epochs'][-1]:.4f} (from {run['E_epochs'][0]:.4f}).</p>"
            f"<p>Mean |δ| per layer now: {means}.</p>"
        )

    def demo_moves(self) -> list[dict]:
        return [
            {"layers": "8, 8"},
            {"hidden": "sigmoid"},
            {"layers": "8, 8, 8, 8"},
            {"dataset": "xor"},
            {"error": "logistic"},
            {"output": "identity"},
            {"eta": 1.0},
            {"k": 1},
            {"hidden": "relu"},
        ]
