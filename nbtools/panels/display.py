"""Showing a panel in a notebook, and freeing the one its cell showed before.

``show()`` displays the live panel with a static PNG of its state (what
GitHub, nbconvert and print show), and records which cell showed it. When
that cell runs again and shows a panel, the panels its previous run showed
are closed (``Panel.close``: widgets and figure freed)
unless another cell shows them too: so re-running
``panel = nb.panels.ForwardPanel(); panel.show()``, or a bare
``nb.panels.ForwardPanel().show()``, leaves nothing behind. The record also
keeps a displayed panel alive when no variable refers to it (its widgets hold
it only weakly, see ``base.weakly``).

A cell is known by its id (JupyterLab sends one with every execution), or by
its source where there is none (nbval, a terminal); a run by the kernel's
message id, or (without a kernel) a count of IPython's ``pre_run_cell`` events. Panels shown outside any cell (from
a widget callback) are kept for the life of the kernel, as before.
"""

from __future__ import annotations

import base64
import itertools
import threading

_lock = threading.Lock()
_by_cell: dict = {}   # cell -> (run, [panels its latest run showed])
_outside: list = []   # panels shown outside any cell
_hook_cell = None     # (cell, run) from IPython's pre_run_cell, while a cell runs
_runs = itertools.count(1)
_watching = False


def _before_cell(info) -> None:
    global _hook_cell
    _hook_cell = (getattr(info, "cell_id", None) or info.raw_cell, next(_runs))


def _after_cell(*_) -> None:
    global _hook_cell
    _hook_cell = None


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipywidgets needs IPython
        return None
    return get_ipython()


def _watch_cells(shell) -> None:
    """Follow which cell runs (once per shell)."""
    global _watching
    if not _watching:
        shell.events.register("pre_run_cell", _before_cell)
        shell.events.register("post_run_cell", _after_cell)
        _watching = True


def current_cell() -> tuple | None:
    """(cell, run) of the cell running now, or None outside any cell."""
    shell = _shell()
    if shell is None:
        return None
    _watch_cells(shell)
    kernel = getattr(shell, "kernel", None)
    parent = kernel.get_parent() if hasattr(kernel, "get_parent") else None
    if isinstance(parent, dict) and parent.get("header", {}).get("msg_type") == "execute_request":
        cell = parent.get("metadata", {}).get("cellId") or parent["content"].get("code")
        return cell, parent["header"]["msg_id"]
    if _hook_cell is not None:
        return _hook_cell
    # the cell that started watching (its pre_run_cell had passed): IPython's own record
    running = getattr(getattr(shell, "displayhook", None), "exec_result", None)
    info = getattr(running, "info", None)
    if info is not None:
        return getattr(info, "cell_id", None) or info.raw_cell, ("first", id(running))
    return None


def shown_in_cell(panel) -> None:
    """Record that the running cell shows ``panel``; close what its previous run
    showed (and no other cell shows). Outside IPython nothing is recorded."""
    if _shell() is None:
        return
    now = current_cell()
    with _lock:
        if now is None:
            if not any(p is panel for p in _outside):
                _outside.append(panel)
            return
        cell, run = now
        last_run, panels = _by_cell.get(cell, (None, []))
        stale = [p for p in panels if p is not panel] if last_run != run else []
        if last_run != run:
            panels = []
            _by_cell[cell] = (run, panels)
        if not any(p is panel for p in panels):
            panels.append(panel)
        stale = [p for p in stale if not _shown_elsewhere(p)]
    for old in stale:
        old.close()


def _shown_elsewhere(panel) -> bool:
    return any(p is panel for _, panels in _by_cell.values() for p in panels) or any(
        p is panel for p in _outside)


class Displayed:
    """Mixin of ``Panel``: ``show()``, the PNG shown, and display by IPython."""

    @property
    def png(self) -> bytes:
        """The PNG currently shown."""
        return self._png

    def show(self) -> None:
        """Display the live panel with a static PNG of its state as a fallback.

        The output holds the widget view (live in JupyterLab), an image/png
        (what GitHub, nbconvert and print show) and a text description. The
        panel the same cell showed before is closed (see ``display``).
        """
        from IPython.display import display

        self._check_open("show it")
        bundle = self.widget._repr_mimebundle_()
        bundle["image/png"] = base64.b64encode(self._png).decode()
        bundle["text/plain"] = f"{self.title}: {self.alt_text(self.shown)}"
        display(bundle, raw=True, metadata={"nbtools": {"panel": type(self).__name__}})
        self._on_screen()

    def _repr_mimebundle_(self, **kwargs):
        if self.closed:
            return {"text/plain": f"{type(self).__name__} (closed)"}
        self._on_screen()
        return self.widget._repr_mimebundle_(**kwargs)

    def _on_screen(self) -> None:
        """Displayed: recorded by its cell (see ``shown_in_cell``)."""
        shown_in_cell(self)
