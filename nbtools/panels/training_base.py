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
shows a further trained state. Only the runs whose settings changed
(``run_settings``) are trained again.
"""

from __future__ import annotations

import time

import ipywidgets as widgets

from .._checks import check_int
from ..monitor import TrainingRun
from .base import Panel
from .closing import weakly
from .training_shown import ShowsRuns


class TrainingPanel(ShowsRuns, Panel):
    """Base of the training panels: subclass it.

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
        self._settings: dict = {}  # each run's settings, by label
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
        self.play.observe(weakly(self, TrainingPanel._on_tick), names="value")
        self.play_button = widgets.Button(
            description="Play", icon="play", tooltip=f"Train and redraw every {self.interval_ms} ms"
        )
        self.play_button.on_click(weakly(self, lambda p, _: p.start()))
        self.pause_button = widgets.Button(
            description="Pause", icon="pause", tooltip="Stop playing", disabled=True
        )
        self.pause_button.on_click(weakly(self, lambda p, _: p.pause()))
        self.play.observe(weakly(self, TrainingPanel._on_playing), names="playing")
        self.step_button = widgets.Button(
            description="Step",
            icon="step-forward",
            tooltip=f"Train {self.epochs_per_frame} more epoch(s) and redraw",
        )
        self.step_button.on_click(weakly(self, lambda p, _: p.animation_frame()))
        super().__init__()

    # ----- to implement -------------------------------------------------
    def run_settings(self, values: dict) -> dict:
        """For these control values, each run's label mapped to a hashable tuple
        of what its training depends on (two equal tuples: the same run)."""
        raise NotImplementedError

    def make_run(self, label: str, values: dict) -> TrainingRun:
        """The run ``label`` for these control values, untrained (each from the
        same starting network)."""
        raise NotImplementedError

    # ----- training -----------------------------------------------------
    def _training_config(self, values: dict) -> tuple:
        return tuple(
            (name, value) for name, value in values.items() if name not in self.view_controls
        )

    def compute(self, values: dict) -> dict:
        config = self._training_config(values)
        if config != self._config:
            # new training: the runs whose settings changed start again from the same
            # starting network, trained as far as the first picture was, so a move
            # never leaves an empty E plot behind
            self.pause()
            settings = self.run_settings(values)
            kept = {run.label: run for run in self.runs
                    if self._settings.get(run.label) == settings[run.label] and run.epochs
                    == self.start_frames * self.epochs_per_frame} if self.runs else {}
            self.runs = [kept.get(label) or self.first_picture_run(label, values) for label in settings]
            self._settings, self._config = settings, config
            # frames played until every run had diverged, at most start_frames
            self.frame = min(self.start_frames, max(
                run.epochs // self.epochs_per_frame if run.diverged else self.start_frames
                for run in self.runs))
        return self.summarize(values)

    def first_picture_run(self, label: str, values: dict) -> TrainingRun:
        """Run ``label`` for these values, trained as far as the first picture."""
        run = self.make_run(label, values)
        run.advance(self.start_frames * self.epochs_per_frame)
        return run

    def advance(self, frames: int = 1) -> None:
        """Train every run ``frames`` frames further, without drawing."""
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
        self._check_open("train it")
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
            if self._moving or time.perf_counter() - self._frame_done < self.interval_ms / 2000:
                return
            if not self.play.playing:   # a tick sent before Pause or Reset reached the browser
                return
            self.animation_frame()
            self._frame_done = time.perf_counter()
        finally:
            self._lock.release()

    # ----- layout -------------------------------------------------------
    def arrange(self) -> widgets.Widget:
        """The base layout with play, pause and step above the figure."""
        panel = super().arrange()
        right = panel.children[-1].children[1]  # VBox([figure, readout]) of Panel.arrange
        right.children = (
            widgets.HBox([self.play, self.play_button, self.pause_button, self.step_button]),
        ) + right.children
        return panel
