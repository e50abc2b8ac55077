"""What the training panels show of their runs: each run's numbers, and why a
run stopped (E or a weight blew up, the units saturated, or E is stuck) as a
message in a red box instead of NaN curves or a traceback."""

from __future__ import annotations

import html

import numpy as np

from ..divergence import REASONS
from ..figures._axes import few_ticks
from ..figures.boundary import boundary_grid, grid_output
from ..monitor import TrainingRun

#: Epochs without E falling below its start after which a run is called stuck.
STUCK_AFTER = 5

#: What E can be drawn against, with the axis label.
E_AXES = {"epochs": "epoch", "iterations": "iteration (updates)", "seconds": "training time (s)"}


def set_error_axis(ax, x_axis: str, current: str | None) -> str:
    """Label (and scale) the E axis for ``x_axis``; only does work when it changes.

    Iterations use a symmetric-log scale: stochastic descent makes N updates
    per epoch, batch descent one, and both must stay visible.
    """
    if x_axis != current:
        ax.set_xscale(
            "symlog" if x_axis == "iterations" else "linear",
            **({"linthresh": 1.0} if x_axis == "iterations" else {}),
        )
        ax.set_xlabel(E_AXES[x_axis])
        few_ticks(ax)
    return x_axis


def boundary_title(run: dict) -> str:
    """Title of a decision-boundary map for a run summary."""
    state = ""
    if run["diverged"]:
        state = " (saturated)" if run["reason"] == "saturated" else " (diverged)"
    return f"{run['label']}: epoch {run['epochs'][-1]}, E = {run['E_epochs'][-1]:.3f}{state}"


class ShowsRuns:
    """Mixin of ``TrainingPanel``: ``shown`` for its runs."""

    def run_summary(self, run: TrainingRun) -> dict:
        """The numbers of one run (finite: the history ends where it diverged)."""
        stuck = (
            not run.diverged and run.epochs >= STUCK_AFTER and run.E_epochs[-1] >= run.E_epochs[0]
        )
        note = ""
        if stuck:
            note = (
                f"{run.label}: after {run.epochs} epochs E = {run.E_epochs[-1]:.3g} is no lower "
                f"than at the start ({run.E_epochs[0]:.3g}): the steps overshoot and the units "
                f"saturate. Try η = {run.gd.eta / 10:.3g}."
            )
        return {
            "label": run.label,
            "k": run.gd.k,
            "eta": run.gd.eta,
            "E_epochs": np.array(run.E_epochs),
            "epochs": np.arange(len(run.E_epochs)),
            "iterations": np.array(run.iterations),
            "seconds": np.array(run.seconds),
            "E_iterations": run.E_iterations,
            "deltas": np.array(run.deltas),
            "diverged": run.diverged,
            "stopped_at": run.stopped_at,
            "reason": run.reason,
            "why": REASONS.get(run.reason, ""),
            "message": run.message or note,
        }

    def summarize(self, values: dict) -> dict:
        """``shown`` for the current runs: ``runs`` (label -> run_summary),
        ``frame``, ``messages`` (divergence and stuck notes)."""
        runs = {run.label: self.run_summary(run) for run in self.runs}
        return {
            "runs": runs,
            "frame": self.frame,
            "messages": [r["message"] for r in runs.values() if r["message"]],
        }

    def boundary_values(self, run: TrainingRun, X) -> dict:
        """h(x) of a run's network on a grid × grid grid over X (one batched forward pass)."""
        if getattr(self, "_grid_for", None) is not X:
            self._grid = boundary_grid(X, self.grid)
            self._grid_for = X
        x1, x2, points = self._grid
        return {"x1": x1, "x2": x2, "boundary": grid_output(run.net, points, (len(x2), len(x1)))}

    def messages_html(self, shown: dict) -> str:
        """Divergence and stuck notes as an alert box ("" when there are none)."""
        if not shown["messages"]:
            return ""
        items = "".join(f"<li>{html.escape(m)}</li>" for m in shown["messages"])
        return (
            '<div role="alert" style="color:#a00;border:1px solid #a00;padding:4px;margin:4px 0">'
            f"<ul style='margin:0;padding-left:1.2em'>{items}</ul></div>"
        )
