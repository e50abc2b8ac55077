"""Training ahead of the student, for the training panels: runs kept as far
as the first picture and trained ahead on the panel's thread, and the first
pictures for the values one keypress away drawn there (see ``ahead`` and
``prefetch``). A move of a control that defines the training restarts the
runs, so its first picture is a function of the control values and can be
kept; a view control, or runs trained on by Play or Step, are never answered
from kept pictures, nor kept.
"""

from __future__ import annotations

from ..monitor import TrainingRun
from ..speedups import on


class TrainingAhead:
    """Mixin of ``TrainingPanel``: its runs from the cache, trained ahead, and
    its first pictures drawn ahead."""

    def first_picture_run(self, label: str, settings, values: dict, checkpoint=None) -> TrainingRun:
        """Run ``label`` trained ``frames`` frames: from the cache, or trained and cached.

        ``checkpoint()`` (for training ahead) is called between epochs; when it
        returns False, training stops and nothing is cached.
        """
        key = (label, settings)
        run = self.cache.take(key)
        if run is None:
            run = self.make_run(label, values)
            for _ in range(self.start_frames * self.epochs_per_frame):
                if checkpoint is not None and not checkpoint():
                    return run
                if not run.advance(1):
                    break
            self.cache.keep(key, run)
        return run

    # ----- drawing ahead (see ``ahead``) --------------------------------
    def ahead_thread(self):
        return self.prefetch

    def jobs_ahead(self, change, targets: list[dict]) -> list:
        """After a move in the browser (``change``; None when the panel is
        displayed): the runs for the values one keypress away trained, and
        their first pictures drawn (the moved slider, in the direction of the
        move, first); then the same for the first touch of the other sliders
        that define the training."""
        if self.play.playing or not on("training_ahead"):
            return []
        moved = None if change is None else self.control_name(change["owner"])
        jobs = [self.ahead.pause_job()]
        for target in targets + self.ahead.first_touches(self.values, skip=moved):
            jobs += self._training_jobs(target) + [self.ahead.picture_job(target)]
        return jobs

    def _training_jobs(self, values: dict) -> list:
        return [self._job(label, settings, values)
                for label, settings in self.run_settings(values).items()
                if (label, settings) not in self.cache]

    def serves(self, change) -> bool:
        # a training control restarts the runs: its first picture is kept; a
        # view control shows the runs as far as they have trained
        return not any(w is change["owner"] for n, w in self.controls.items()
                       if n in self.view_controls)

    def keeps_picture(self) -> bool:
        return not self._trained

    def picture_state(self):
        return tuple(run.copy() for run in self.runs), self.frame, self._config

    def set_picture_state(self, state) -> None:
        runs, self.frame, self._config = state
        self.pause()
        self.runs = [run.copy() for run in runs]  # the kept ones never train on
        self._trained = False

    def _render_ahead(self, values: dict):
        if any(key not in self.cache for key in self.run_settings(values).items()):
            return None  # its training was given up (a newer move): do not train here
        saved = self.runs, self.frame, self._config, self._trained
        try:
            return super()._render_ahead(values)
        finally:
            self.runs, self.frame, self._config, self._trained = saved

    def _job(self, label: str, settings, values: dict):
        def job(checkpoint):
            if (label, settings) not in self.cache:  # the panel may have trained it meanwhile
                self.first_picture_run(label, settings, values, checkpoint)
        return job
