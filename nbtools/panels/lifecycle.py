"""A panel's life: the widgets it made, closed with it, and nothing that keeps it alive.

ipywidgets keeps every widget in its registry (and the kernel's comm
registry) until ``close()`` is called on it, and a widget keeps its
observers. So if a slider's observer held the panel, the panel, its figure
and its pictures would live as long as the kernel does, and every re-run of
a cell that builds one would add a few megabytes. Here:

- the widgets made while a panel is constructed are recorded (``PanelType``:
  every ``Widget`` constructed on that thread, its layouts and styles
  included; a layout shared by panels was made before and is not recorded);
- every observer and button callback a panel installs holds the panel only
  weakly (``weakly``), and a closed panel's callbacks do nothing;
- when the panel is garbage-collected, ``weakref.finalize`` closes the
  widgets it made; ``close()`` closes them at once, cancels the jobs of its
  drawing-ahead thread and drops its figure, pictures and trained runs.

A panel displayed by ``show()`` is kept by the cell that showed it (see
``display``) until that cell shows another, so a panel nobody refers to stays
alive while it is on screen.

What remains of a closed panel is its class, ``shown`` and ``closed``. Its
drawing-ahead thread goes to the next panel (``idle_threads``).
"""

from __future__ import annotations

import threading
import weakref
from abc import ABCMeta
from contextlib import contextmanager
from typing import Callable

from ipywidgets import Widget

from .idle_threads import give_back
from .prefetch import Prefetcher

_recording = threading.local()  # .stack: the lists of widgets made, innermost last
_previous_callback = None       # the construction callback there was before ours


def _constructed(widget: Widget) -> None:
    stack = getattr(_recording, "stack", None)
    if stack:
        stack[-1].append(widget)
    if _previous_callback is not None:
        _previous_callback(widget)


@contextmanager
def widgets_made():
    """The widgets constructed on this thread inside the block (a list, filled
    as they are made). If the block raises, they are closed."""
    global _previous_callback
    current = getattr(Widget, "_widget_construction_callback", None)
    if current is not _constructed:  # chain whatever callback was there
        _previous_callback = current
        Widget.on_widget_constructed(_constructed)
    stack = _recording.__dict__.setdefault("stack", [])
    made: list = []
    stack.append(made)
    try:
        yield made
    except BaseException:
        close_widgets(made)
        raise
    finally:
        stack.pop()


def close_widgets(widgets) -> None:
    """Close each widget (its comm, and its entry in ipywidgets' registry)."""
    for widget in widgets:
        widget.close()


def _free(widgets, threads) -> None:
    """What a panel leaves when it goes: its widgets closed, its threads ended."""
    close_widgets(widgets)
    give_back(threads)


def weakly(panel, callback: Callable) -> Callable:
    """``callback(panel, *args)`` as a callback that holds ``panel`` weakly and
    does nothing (returns None) once the panel is collected or closed.

    ``callback`` must not refer to the panel itself (a lambda taking it as its
    first argument): ``widget.observe(weakly(self, lambda p, change: p.redraw()))``.
    """
    ref = weakref.ref(panel)

    def call(*args):
        target = ref()
        if target is not None and not target.closed:
            return callback(target, *args)
        return None

    return call


class _Once:
    """A job that lets go of what it runs once it has started (a thread's
    last job stays referenced by the thread until the next one)."""

    __slots__ = ("job",)

    def __init__(self, job):
        self.job = job

    def __call__(self, checkpoint):
        job, self.job = self.job, None
        if job is not None:
            job(checkpoint)


def let_go(jobs: list) -> list:
    """``jobs`` for a ``Prefetcher``, each dropping its closure once started."""
    return [_Once(job) for job in jobs]


class PanelType(ABCMeta):
    """The metaclass of ``Panel``: records the widgets a panel's construction
    makes (``widgets_made``) and hands them to the panel (``_adopt``)."""

    def __call__(cls, *args, **kwargs):
        with widgets_made() as made:
            panel = super().__call__(*args, **kwargs)
        panel._adopt(made)
        return panel


class Closable:
    """Mixin of ``Panel``: ``close()``, ``closed``, and closing when collected."""

    #: Attributes a closed panel keeps: what it showed, and its locks (a thread
    #: may still be on its way out of one).
    kept_when_closed = ("shown", "_lock", "_show_lock", "_drawing_for")

    def _adopt(self, made: list) -> None:
        self._finalizer = weakref.finalize(self, _free, tuple(made), self._threads())
        self._finalizer.atexit = False  # at exit the kernel's comms are going anyway

    @property
    def closed(self) -> bool:
        """True once ``close()`` has run (it cannot be shown or updated any more)."""
        return self.__dict__.get("_closed", False)

    def close(self) -> None:
        """Close every widget this panel made (its views in the notebook go
        blank), cancel the jobs of its drawing-ahead thread, and drop its
        figure, kept pictures, trained runs and caches. Safe to call twice;
        called by itself when the cell that showed the panel shows another.
        """
        if self.closed:
            return
        threads = self._threads()
        for thread in threads:
            thread.cancel()
        with self._lock, self._show_lock:  # no redraw or kept picture half shown
            finalizer = self.__dict__.get("_finalizer")
            if finalizer is not None:
                finalizer()  # closes the widgets made, gives the threads back; once
            else:
                give_back(threads)
            kept = {name: self.__dict__[name] for name in self.kept_when_closed
                    if name in self.__dict__}
            self.__dict__.clear()
            self.__dict__.update(kept, _closed=True)

    def _threads(self) -> list:
        """The drawing- and training-ahead threads of this panel."""
        found = [v for v in vars(self).values() if isinstance(v, Prefetcher)]
        ahead = self.__dict__.get("ahead")
        if ahead is not None and ahead.thread not in found:
            found.append(ahead.thread)
        return found

    def _check_open(self, doing: str) -> None:
        if self.closed:
            name = type(self).__name__
            raise RuntimeError(
                f"cannot {doing}: this {name} is closed (by close(), or because the cell "
                f"that showed it showed another panel); build a new one: {name}(...)"
            )
