"""Training ahead of the student: trained runs kept by what they depend on, and
the runs one keypress away trained while the student looks at the picture.

A move of η in the batch comparison trains three runs ten epochs from the
start (2,210 gradient steps, 2,000 of them stochastic ones that cannot be
batched): over a hundred milliseconds of the kernel's time, too slow to feel
instant. But the next value is predictable: a slider moves one step at a time,
and mostly on in the same direction. So after each move a daemon thread trains
the runs for the values one step either side of the sliders (the direction of
the last move first), and keeps them in a ``RunCache``; the next keypress
finds its runs there and only redraws. Runs that do not depend on the moved
control (batch and stochastic descent when k changes) come from the cache too.

The thread gives way to the panel: it trains one epoch at a time and waits
while the panel redraws (``Prefetcher.busy``) or plays; a new move replaces
whatever was still planned. Cached runs are copies taken when training ended,
so a run handed out and then played on never changes what is cached; the
numbers are those of training from scratch (same code, same seeds).

Where no thread can start (Pyodide in JupyterLite, or a kernel that forbids
threads) nothing is done ahead: ``schedule`` drops the jobs, and every
keypress computes and draws its own picture, as a panel without drawing ahead
does. Nothing is kept that was not drawn for the values shown.
"""

from __future__ import annotations

import atexit
import math
import threading
import weakref
from collections import OrderedDict
from contextlib import contextmanager
from typing import Callable, Hashable

import ipywidgets as widgets

from ..monitor import TrainingRun
from ..threads import no_threads, threads_available


class RunCache:
    """Trained runs by key, the ``size`` most recently used ones; thread-safe.

    ``take(key)`` returns a copy (or None), ``keep(key, run)`` stores a copy:
    what is cached never changes when a run handed out trains on.
    """

    def __init__(self, size: int = 24):
        self.size = size
        self._runs: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._runs

    def __len__(self) -> int:
        with self._lock:
            return len(self._runs)

    def take(self, key: Hashable) -> TrainingRun | None:
        with self._lock:
            run = self._runs.get(key)
            if run is None:
                return None
            self._runs.move_to_end(key)
        return run.copy()

    def keep(self, key: Hashable, run: TrainingRun) -> None:
        run = run.copy()
        with self._lock:
            self._runs[key] = run
            self._runs.move_to_end(key)
            while len(self._runs) > self.size:
                self._runs.popitem(last=False)


def neighbours(widget, value) -> list:
    """The values one arrow keypress away from ``value`` on a slider, the higher
    first ([] for controls that are not sliders).

    Computed as the browser computes them: the slider snaps to min + i·step
    (for a log slider, the exponent does, and the value is base**exponent);
    then rounded as ``Panel.values`` rounds them (12 significant digits).
    """
    if isinstance(widget, widgets.FloatLogSlider):
        low, high, step = widget.min, widget.max, widget.step
        i = round((math.log(value, widget.base) - low) / step)
        exponents = [low + (i + 1) * step, low + (i - 1) * step]
        return [float(f"{widget.base**e:.12g}") for e in exponents if low - 1e-9 <= e <= high + 1e-9]
    if isinstance(widget, widgets.IntSlider):
        return [v for v in (value + widget.step, value - widget.step) if widget.min <= v <= widget.max]
    if isinstance(widget, widgets.FloatSlider):
        low, step = widget.min, widget.step
        i = round((value - low) / step)
        found = [low + (i + 1) * step, low + (i - 1) * step]
        return [float(f"{v:.12g}") for v in found if low - 1e-9 <= v <= widget.max + 1e-9]
    return []


class Prefetcher:
    """A daemon thread that carries out ``job()`` callables one after another,
    each training in steps, between which it calls ``checkpoint()``.

    Parameters
    ----------
    should_wait : callable
        True while the thread must not run (the panel plays, for example).

    ``schedule(jobs)`` replaces the jobs not yet started and abandons the one
    running at its next checkpoint. ``busy()`` is a context manager for the
    panel's redraws: no training step runs inside it.
    """

    _all: weakref.WeakSet = weakref.WeakSet()

    def __init__(self, should_wait: Callable[[], bool] = lambda: False):
        Prefetcher._all.add(self)
        self._should_wait = should_wait
        self._jobs: list = []
        self._generation = 0
        self._wake = threading.Condition()
        self._quiet = threading.Event()
        self._quiet.set()
        self._holds = 0
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None

    @contextmanager
    def busy(self):
        """Hold the thread off (it waits at its next checkpoint) while the block
        runs; blocks may nest, and may run on several threads at once."""
        with self._wake:
            self._holds += 1
            self._quiet.clear()
        try:
            yield
        finally:
            with self._wake:
                self._holds -= 1
                if not self._holds:
                    self._quiet.set()

    def schedule(self, jobs: list) -> None:
        """Do ``jobs`` (callables taking no argument) from now on, in order,
        instead of whatever was planned. Where no thread can start, the jobs
        are dropped (see ``threads_available``)."""
        with self._wake:
            self._generation += 1
            self._jobs = list(jobs) if threads_available() else []
            if self._jobs:
                self._idle.clear()
            if self._jobs and (self._thread is None or not self._thread.is_alive()):
                self._thread = threading.Thread(
                    target=self._work, name="nbtools-prefetch", daemon=True
                )
                try:
                    self._thread.start()
                except RuntimeError:  # "can't start new thread": none from now on
                    no_threads()
                    self._thread, self._jobs = None, []
                    self._idle.set()
            self._wake.notify()

    def cancel(self) -> None:
        """Drop every planned job (the running one stops at its next checkpoint)."""
        self.schedule([])

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every scheduled job is done or dropped; False on timeout."""
        return self._idle.wait(timeout)

    def checkpoint(self, generation: int, wait: bool = True) -> bool:
        """Called by a job between two steps: waits while the panel redraws or
        must not be disturbed; False when the job has been replaced. With
        ``wait=False`` it never waits: False also when it would have to."""
        if not wait:
            return (generation == self._generation and self._quiet.is_set()
                    and not self._should_wait())
        while True:
            self._quiet.wait()
            if generation != self._generation:
                return False
            if not self._should_wait():
                return True
            with self._wake:
                self._wake.wait(0.05)

    def _work(self) -> None:
        while True:
            with self._wake:
                while not self._jobs:
                    self._idle.set()
                    self._wake.wait()
                job = self._jobs.pop(0)
                generation = self._generation
            try:
                job(lambda wait=True: self.checkpoint(generation, wait))
            except Exception:  # noqa: BLE001 - a failed guess is only a cache miss
                pass


@atexit.register
def _stop_all() -> None:
    """At exit, let every thread finish its step and stop: a daemon thread
    killed inside matplotlib's or numpy's C code aborts the interpreter."""
    for prefetcher in list(Prefetcher._all):
        prefetcher.cancel()
    for prefetcher in list(Prefetcher._all):
        prefetcher.wait_idle(5)
