"""Telling when a student's function calls nbtools' own propagation or training.

nbtools has forward, backward, gradient and training of its own, and
``nbtools.assignment.mistakes`` holds the checks' reference code. A function
that calls any of them does not do the assignment. While the student's
function runs, a trace function (``sys.settrace``, on that thread only, for
"call" events: it traces no lines) looks at every Python function call and
notes those whose code object is one of nbtools' (so ``from nbtools import
gradient as g`` and ``nb.gradient`` are both seen, whatever name the student
bound). Only the outermost call is noted: nbtools' gradient calling its own
forward counts once.
"""

from __future__ import annotations

import inspect
import sys
from contextlib import contextmanager
from functools import cache
from importlib import import_module

# modules whose every function does part of the assignment's work
WATCHED = ("nbtools.propagation", "nbtools.algorithm_box", "nbtools.training", "nbtools.assignment.mistakes")


def _functions(module):
    for value in vars(module).values():
        if inspect.isfunction(value) and value.__module__ == module.__name__:
            yield value
        elif inspect.isclass(value) and value.__module__ == module.__name__:
            yield from (f for f in vars(value).values() if inspect.isfunction(f))


@cache
def watched_code() -> dict:
    """{code object: readable name} of every function in ``WATCHED``."""
    names = {}
    for module_name in WATCHED:
        module = import_module(module_name)
        short = "nb" if module_name in ("nbtools.propagation", "nbtools.algorithm_box", "nbtools.training") \
            else module_name
        for f in _functions(module):
            names[f.__code__] = f"{short}.{f.__qualname__}"
    return names


@contextmanager
def watching(seen: list):
    """Append to ``seen`` the name of each nbtools function called (outermost only) in the block."""
    codes = watched_code()

    def hook(frame, event, arg):
        if event == "call" and frame.f_code in codes:
            back = frame.f_back
            while back is not None and back.f_code not in codes:
                back = back.f_back
            if back is None and codes[frame.f_code] not in seen:
                seen.append(codes[frame.f_code])
        return None  # no line events

    previous = sys.gettrace()
    sys.settrace(hook)
    try:
        yield seen
    finally:
        sys.settrace(previous)
