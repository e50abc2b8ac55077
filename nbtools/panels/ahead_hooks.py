"""What a panel tells its pictures drawn ahead (``ahead``): which jobs to do
after a move, and which pictures may be kept and served. The defaults suit a
panel whose picture is a function of its control values; the training panels
override them (``training_ahead``)."""

from __future__ import annotations

from .ahead import cell_runs
from .idle_threads import take_thread
from .lifecycle import let_go


class DrawsAhead:
    """Mixin of ``Panel``: the hooks of drawing ahead, and scheduling its jobs."""

    def ahead_thread(self):
        """The thread that draws ahead: one a closed panel gave back, or a new
        one (``idle_threads``); it waits while a notebook cell runs."""
        return take_thread(cell_runs)

    def schedule_ahead(self, jobs: list) -> None:
        """Give the drawing-ahead thread ``jobs`` instead of what it had planned
        (each lets go of the panel once it has run: see ``lifecycle``)."""
        self.ahead.thread.schedule(let_go(jobs))

    def jobs_ahead(self, change, targets: list[dict]) -> list:
        """After a move in the browser (``change``; None when the panel is
        displayed): the jobs for the thread, in order. The moved slider's
        ``targets`` first, then every other slider's first touch."""
        moved = None if change is None else self.control_name(change["owner"])
        targets = targets + self.ahead.first_touches(self.values, skip=moved)
        if not targets:
            return []
        return [self.ahead.pause_job()] + [self.ahead.picture_job(t) for t in targets]

    def control_name(self, widget) -> str | None:
        """The name of control ``widget`` (None if it is not one of this panel's)."""
        return next((n for n, w in self.controls.items() if w is widget), None)

    def warm(self) -> None:
        """Draw ahead the picture of every slider's first keypress, once no
        cell runs (see ``ahead``): called when the panel is displayed."""
        if self.ahead is not None and self.last_error is None:
            self.schedule_ahead(self.jobs_ahead(None, []))

    def serves(self, change) -> bool:
        """Whether a kept picture may answer ``change``."""
        return True

    def keeps_picture(self) -> bool:
        """Whether the picture just drawn may be kept for its control values."""
        return True

    def picture_state(self):
        """What the panel needs besides the picture to go on from it (None)."""
        return None

    def set_picture_state(self, state) -> None:
        """Take up ``picture_state()`` again, as the picture is shown."""

    def show_controls(self, shown: dict) -> None:
        """Set what the controls show that follows the picture (a control
        disabled, say); called whenever a picture is shown, never while drawing."""
