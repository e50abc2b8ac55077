"""What every panel that trains networks shares: play, pause and single step,
frame-by-frame gradient descent, the decision boundary, and divergence shown
as a message instead of NaN curves or a traceback.

A frame advances every run by ``epochs_per_frame`` epochs and redraws once.
Changing a control that defines the training (data, network, η, k, ...)
starts the runs that depend on it again from the same starting network and
trains them ``frames`` frames (the constructor's argument, 0 by default), as
far as the first picture; Reset does the same with the starting values, so it
gives the first picture again. Changing a control listed in ``view_controls``
only redraws. Play never ticks when a notebook runs under nbconvert or nbval.
``run(frames)`` trains without drawing each frame, for a notebook cell that
shows a further trained state.

Runs trained as far as the first picture are kept by what they depend on
(``run_settings``), and after a slider move in the browser the runs one
keypress away are trained ahead in a background thread (``prefetch``), so
that a move usually only redraws.
"""

from __future__ import annotations

import html
import time
from abc import ABCMeta, abstractmethod

import ipywidgets as widgets
import numpy as np

from .._checks import check_int
from ..figures._axes import few_ticks
from ..figures.boundary import boundary_grid, grid_output
from ..monitor import TrainingRun
from .ahead import cell_runs
from .base import Panel
from .helpers import FastRedraw
from .prefetch import Prefetcher, RunCache
from .training_ahead import TrainingAhead

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
    state = " (diverged)" if run["diverged"] else ""
    return f"{run['label']}: epoch {run['epochs'][-1]}, E = {run['E_epochs'][-1]:.3f}{state}"


class TrainingPanel(TrainingAhead, FastRedraw, Panel, metaclass=ABCMeta):
    """Base of the training panels: abstract (``inspect.isabstract`` is True), subclass it.

    Subclasses implement ``build_controls``, ``build_figure``, ``draw``,
    ``run_settings(values)`` (each run's label and what it depends on),
    ``make_run(label, values)`` (that run, untrained) and may extend
    ``summarize(values)`` (what ``shown`` holds beyond the runs).

    Attributes
    ----------
    runs : list of TrainingRun
    frame : int
        Frames played since the runs (re)started.
    play : ipywidgets.Play
        Hidden; its ticks (in the browser) call ``animation_frame``.
    play_button, pause_button, step_button : ipywidgets.Button
        Labelled: Play, Pause, Step.
    cache : RunCache
        Runs trained as far as the first picture, by (label, settings).
    prefetch : Prefetcher
        The thread that trains ahead after a slider move in the browser.
    """

    view_controls: tuple = ()
    epochs_per_frame = 1
    grid = 60
    interval_ms = 100

    def __init__(self, frames: int = 0):
        #: Frames trained before the first picture, and again after Reset, so a
        #: stored notebook shows a trained state and Reset returns to it.
        self.start_frames = check_int("frames", frames, low=0)
        self.runs: list[TrainingRun] = []
        self.frame = 0
        self._config = None
        self._frame_done = 0.0
        self.cache = RunCache()
        self._trained = False  # trained on since the first picture (Play, Step)
        self.prefetch = Prefetcher(should_wait=lambda: self.play.playing or cell_runs())
        # The Play widget's timer ticks in the browser (no kernel loop); its own
        # icon-only buttons are hidden behind labelled Play and Pause buttons.
        self.play = widgets.Play(
            value=0,
            min=0,
            max=10**6,
            step=1,
            interval=self.interval_ms,
            description="Play",
            show_repeat=False,
            layout=widgets.Layout(display="none"),
        )
        self.play.observe(self._on_tick, names="value")
        self.play_button = widgets.Button(
            description="Play", icon="play", tooltip=f"Train and redraw every {self.interval_ms} ms"
        )
        self.play_button.on_click(lambda _: self.start())
        self.pause_button = widgets.Button(
            description="Pause", icon="pause", tooltip="Stop playing", disabled=True
        )
        self.pause_button.on_click(lambda _: self.pause())
        self.play.observe(self._on_playing, names="playing")
        self.step_button = widgets.Button(
            description="Step",
            icon="step-forward",
            tooltip=f"Train {self.epochs_per_frame} more epoch(s) and redraw",
        )
        self.step_button.on_click(lambda _: self.animation_frame())
        super().__init__()

    # ----- to implement -------------------------------------------------
    @abstractmethod
    def run_settings(self, values: dict) -> dict:
        """For these control values, each run's label mapped to a hashable tuple
        of what its training depends on (two equal tuples: the same run)."""

    @abstractmethod
    def make_run(self, label: str, values: dict) -> TrainingRun:
        """The run ``label`` for these control values, untrained (each from the
        same starting network)."""

    # ----- training -----------------------------------------------------
    def _training_config(self, values: dict) -> tuple:
        return tuple(
            (name, value) for name, value in values.items() if name not in self.view_controls
        )

    def compute(self, values: dict) -> dict:
        config = self._training_config(values)
        if config != self._config:
            # new training: from the same starting network, trained as far as the
            # first picture was, so a move never leaves an empty E plot behind
            self.pause()
            self.runs = [self.first_picture_run(label, settings, values)
                         for label, settings in self.run_settings(values).items()]
            self._config = config
            self._trained = False
            # frames played until every run had diverged, at most start_frames
            self.frame = min(self.start_frames, max(
                run.epochs // self.epochs_per_frame if run.diverged else self.start_frames
                for run in self.runs))
        return self.summarize(values)

    def _refresh(self) -> dict:
        with self.prefetch.busy():  # training ahead waits while the panel redraws
            return super()._refresh()

    def advance(self, frames: int = 1) -> None:
        """Train every run ``frames`` frames further, without drawing."""
        self._trained = True
        for _ in range(frames):
            if not any([run.advance(self.epochs_per_frame) for run in self.runs]):
                self.pause()  # every run has diverged: nothing left to play
                break
            self.frame += 1

    def animation_frame(self) -> dict:
        """Advance every run by one frame and redraw; returns ``shown``."""
        return self.run(1)

    def run(self, frames: int) -> dict:
        """Train ``frames`` frames, then redraw once (a trained state for a notebook cell)."""
        with self._lock:
            if self.last_error is None and self.runs:
                self.advance(frames)
            return self.refresh()

    def start(self) -> None:
        """Play: the browser ticks every ``interval_ms`` ms, each tick one frame."""
        if self.last_error is None and any(not run.diverged for run in self.runs):
            self.play.playing = True

    def pause(self) -> None:
        self.play.playing = False

    def _on_playing(self, change) -> None:
        playing = bool(change["new"])
        self.play_button.disabled = playing
        self.pause_button.disabled = not playing

    def reset(self) -> dict:
        """Back to the starting values and the first picture: training starts
        again from the same network and is replayed for ``frames`` frames."""
        with self._lock:
            self.pause()
            self._config = None
            return super().reset()

    def _on_tick(self, change) -> None:
        # Play ticks in the browser whether or not the kernel keeps up; ticks that
        # queued up while a slow frame ran are dropped instead of replayed late,
        # and so is a tick that comes (on another kernel thread) while a click,
        # a slider move or Reset is redrawing.
        if not self._lock.acquire(blocking=False):
            return
        try:
            if self._busy or time.perf_counter() - self._frame_done < self.interval_ms / 2000:
                return
            if not self.play.playing:   # a tick sent before Pause or Reset reached the browser
                return
            self.animation_frame()
            self._frame_done = time.perf_counter()
        finally:
            self._lock.release()

    # ----- what is shown ------------------------------------------------
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

    # ----- layout -------------------------------------------------------
    def arrange(self) -> widgets.Widget:
        """The base layout with play, pause and step above the figure."""
        panel = super().arrange()
        right = panel.children[-1].children[1]  # VBox([figure, readout]) of Panel.arrange
        right.children = (
            widgets.HBox([self.play, self.play_button, self.pause_button, self.step_button]),
        ) + right.children
        return panel
