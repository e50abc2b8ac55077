"""Running a student's function under a time limit, so that a check never hangs.

A Python function cannot be killed from outside. Where threads can start,
the function runs on a daemon thread and the check waits for it at most
``seconds``; if it has not returned, the check goes on with a message and the
thread is told to stop: the thread runs with a trace function set (one that
traces nothing), and its frames are then given a line tracer that raises, so
a ``while True`` loop ends at its next line and a long ``time.sleep`` when it
wakes. (``PyThreadState_SetAsyncExc`` would be simpler, but under CPython 3.11
it stalls the next thread that runs with a profile or trace function.) Where no
thread can start (Pyodide in JupyterLite), the function runs on the calling
thread, under ``signal.setitimer`` when that is the main thread of a Unix
Python, and with no limit otherwise. Ctrl-C (KeyboardInterrupt) always
interrupts the wait and stops the function.
"""

from __future__ import annotations

import signal
import sys
import threading
import time

from ..threads import no_threads, threads_available

DEFAULT_SECONDS = 10.0
_POLL = 0.05  # seconds between two looks at Ctrl-C while a student's function runs


class TimeLimit(Exception):
    """The function did not return within the limit (the check's message says so)."""


class _Stop(BaseException):
    """Raised inside an abandoned thread to end it; BaseException so that a student's
    ``except Exception`` does not swallow it."""


def _traces_nothing(frame, event, arg):
    return None


def _raise_stop(frame, event, arg):
    raise _Stop


def _stop(thread: threading.Thread, target_code) -> None:
    """Make each frame of ``thread`` below its target raise _Stop at its next line (CPython)."""
    frame = getattr(sys, "_current_frames", dict)().get(thread.ident)
    while frame is not None and frame.f_code is not target_code:
        frame.f_trace = _raise_stop
        frame = frame.f_back


def _on_thread(task, seconds: float):
    outcome = {}

    def target():
        if sys.gettrace() is None:  # tracing on, so that _stop can reach the frames
            sys.settrace(_traces_nothing)
        try:
            outcome["value"] = task()
        except _Stop:
            pass
        except BaseException as exc:  # handed to the waiting check
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="nbtools-student-call", daemon=True)
    try:
        thread.start()
    except RuntimeError:  # a kernel that refuses threads: remembered, not tried again
        no_threads()
        return _on_this_thread(task, seconds)
    try:
        # in short waits: Ctrl-C is handled between two, even when the
        # operating system hands SIGINT to another thread than this one
        deadline = time.monotonic() + seconds
        while thread.is_alive() and time.monotonic() < deadline:
            thread.join(min(_POLL, max(0.0, deadline - time.monotonic())))
    except KeyboardInterrupt:
        _stop(thread, target.__code__)
        raise
    if thread.is_alive():
        _stop(thread, target.__code__)
        raise TimeLimit(seconds)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _on_this_thread(task, seconds: float):
    alarm = getattr(signal, "setitimer", None)
    if alarm is None or threading.current_thread() is not threading.main_thread():
        return task()

    def ring(signum, frame):
        raise TimeLimit(seconds)

    try:
        previous = signal.signal(signal.SIGALRM, ring)
    except (ValueError, OSError):
        return task()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return task()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_limited(task, seconds: float | None = DEFAULT_SECONDS):
    """``task()``, or TimeLimit if it takes longer than ``seconds`` (None: no limit).

    An exception ``task`` raises is raised here, with its traceback.
    """
    if seconds is None:
        return task()
    if threads_available():
        return _on_thread(task, seconds)
    return _on_this_thread(task, seconds)
