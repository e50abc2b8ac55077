"""Closing a panel: the widgets it holds, closed with it, and callbacks that do not keep it alive.

ipywidgets keeps every widget in its registry (and the kernel's comm
registry) until ``close()`` is called on it, and a widget keeps its
observers. So a slider's observer must hold its panel only weakly
(``weakly``), and closing a panel (``Panel.close``, or its finalizer when it is
garbage-collected) closes every widget it holds (``held_widgets``).
"""

from __future__ import annotations

import weakref

import ipywidgets as widgets


def weakly(panel, callback):
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


def held_widgets(panel) -> list:
    """Every widget ``panel`` holds: its widget tree and its controls, with
    everything they hold (children, layouts, styles), each made for this panel."""
    found, todo = {}, [panel.widget, *panel.controls.values()]
    while todo:
        w = todo.pop()
        if id(w) in found:
            continue
        found[id(w)] = w
        for name in w.keys:
            value = getattr(w, name, None)
            todo += [v for v in (value if isinstance(value, (list, tuple)) else [value])
                     if isinstance(v, widgets.Widget)]
    return list(found.values())


def close_all(held) -> None:
    """Close each widget (its comm, and its entry in ipywidgets' registry)."""
    for w in held:
        w.close()
