"""Batch (k = N), stochastic (k = 1) and mini-batch gradient descent side by side."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..datasets import CLASSIFICATION, make_dataset
from ..figures.boundary import decision_boundary
from ..figures.curves import error_curves
from ..monitor import TrainingRun
from ..network import Network
from .helpers import eta_slider
from .training_base import TrainingPanel
from .training_shown import E_AXES, boundary_title, set_error_axis

KINDS = ("batch", "stochastic", "mini-batch")


class BatchComparisonPanel(TrainingPanel):
    """One data set, one starting network, one seed: three ways to cut the data.

    Parameters
    ----------
    dataset : str
        One of ``nbtools.CLASSIFICATION`` ("xor", "circles", "moons").
    N : int
        Number of points.
    hidden : tuple of int
        Hidden-layer widths: the network is (2, *hidden, 1), tanh hidden units.
    seed : int
        Seeds the data, the starting weights and the shuffling (the same for all three runs).
    output, error : str
        Output activation and error measure by name.

    Controls: ``eta``, ``k`` (the mini-batch size), ``selected`` (whose
    decision boundary is drawn) and ``x_axis`` ("epochs", "iterations",
    "seconds"). A frame trains each run one more epoch: batch gradient
    descent makes 1 update, mini-batches ceil(N/k), stochastic N.

    ``shown["runs"]`` maps "batch", "stochastic" and "mini-batch" to their
    histories (``E_epochs`` equals ``nbtools.train(...).E_epochs`` with the
    same η, k and seed); ``boundary`` holds h(x) on the grid ``x1`` × ``x2``.
    """

    title = "Batch, stochastic and mini-batch gradient descent, side by side"
    figsize = (9.5, 4.3)
    view_controls = ("selected", "x_axis")

    def __init__(
        self,
        dataset: str = "circles",
        N: int = 200,
        hidden=(8,),
        seed: int = 0,
        output: str = "tanh",
        error: str = "squared",
        frames: int = 0,
    ):
        if dataset not in CLASSIFICATION:
            raise ValueError(
                f"dataset must be one of {list(CLASSIFICATION)} (two features, labels ±1); "
                f"got {dataset!r}"
            )
        self.X, self.y = make_dataset(dataset, N=N, seed=seed)
        self.start_net = Network.random((2, *hidden, 1), hidden="tanh", output=output, seed=seed)
        self.dataset, self.seed, self.error = dataset, seed, error
        super().__init__(frames)

    def build_controls(self) -> dict:
        N = len(self.y)
        return {
            "eta": eta_slider(0.1, low=-3, high=1),
            # k = 10 of 200: 20 updates an epoch against batch descent's one, so
            # that mini-batch descent is visibly ahead per epoch (as the notes say)
            "k": widgets.IntSlider(
                value=min(10, N),
                min=1,
                max=N,
                description="mini-batch k",
                continuous_update=False,
                style={"description_width": "initial"},
            ),
            "selected": widgets.ToggleButtons(
                options=list(KINDS), value="mini-batch", description="boundary of"
            ),
            "x_axis": widgets.ToggleButtons(
                options=list(E_AXES), value="epochs", description="E against"
            ),
        }

    def run_settings(self, values: dict) -> dict:
        # k changes only the mini-batch run: batch and stochastic descent are kept
        return {
            "batch": (values["eta"],),
            "stochastic": (values["eta"],),
            "mini-batch": (values["eta"], values["k"]),
        }

    def make_run(self, label: str, values: dict) -> TrainingRun:
        sizes = {"batch": None, "stochastic": 1, "mini-batch": values["k"]}
        return TrainingRun(
            self.start_net,
            self.X,
            self.y,
            values["eta"],
            sizes[label],
            seed=self.seed,
            error=self.error,
            label=label,
        )

    def build_figure(self, fig) -> None:
        self.ax_boundary, self.ax_E = fig.subplots(1, 2, width_ratios=(1.0, 1.25))
        self.boundary = decision_boundary(
            self.start_net, self.X, self.y, ax=self.ax_boundary, grid=self.grid
        )
        self.curves = error_curves({}, ax=self.ax_E)
        # k of the mini-batch run, drawn live: in the legend, every move of k would
        # change the static part of the picture and cost a full redraw of it
        self.k_note = self.ax_E.text(
            0.02, 0.03, "", transform=self.ax_E.transAxes, ha="left", va="bottom",
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
        self._x_axis = None

    def summarize(self, values: dict) -> dict:
        shown = super().summarize(values)
        run = self.runs[KINDS.index(values["selected"])]
        shown.update(self.boundary_values(run, self.X))
        shown.update(
            selected=values["selected"],
            x_axis=values["x_axis"],
            eta=float(values["eta"]),
            k=int(values["k"]),
            N=len(self.y),
        )
        return shown

    def draw(self, shown: dict) -> None:
        self.boundary.set_values(shown["boundary"])
        self.ax_boundary.set_title(boundary_title(shown["runs"][shown["selected"]]))
        series = {
            kind if kind == "mini-batch" else f"{kind} (k = {r['k']})": (
                r[shown["x_axis"]], r["E_epochs"])
            for kind, r in shown["runs"].items()
        }
        self.k_note.set_text(f"mini-batch: k = {shown['k']}")
        self._x_axis = set_error_axis(self.ax_E, shown["x_axis"], self._x_axis)
        self.curves.set_data(series)

    def describe(self, shown: dict) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(kind)}</td><td>{r['k']}</td><td>{r['epochs'][-1]}</td>"
            f"<td>{r['iterations'][-1]}</td>"
            # wall time differs between runs: marked so readout comparisons can leave it out
            f"<td><span class='nbtools-timing'>{r['seconds'][-1]:.3f}</span></td>"
            f"<td>{r['E_epochs'][-1]:.4f}</td></tr>"
            for kind, r in shown["runs"].items()
        )
        return (
            f"{self.messages_html(shown)}<p>{shown['N']} points ({html.escape(self.dataset)}), "
            f"η = {shown['eta']:.3g}, frame {shown['frame']}. E on the whole training set after "
            f"each epoch; the map shows h(x) of the {html.escape(shown['selected'])} run, its "
            "boundary h(x) = 0 in black.</p><table><tr><th>run</th><th>k</th><th>epochs</th>"
            "<th>iterations</th><th>seconds</th>"
            f"<th>E</th></tr>{rows}</table>"
        )

    def demo_moves(self) -> list[dict]:
        return [
            {"x_axis": "iterations"},
            {"x_axis": "seconds"},
            {"selected": "batch"},
            {"eta": 0.3},
            {"k": max(1, len(self.y) // 4)},
            {"selected": "stochastic"},
            {"eta": 5.0},
            {"x_axis": "epochs"},
        ]
