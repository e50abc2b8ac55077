"""Whether this Python can start threads.

Pyodide (the kernel of JupyterLite) has ``threading`` but no threads:
``threading.Thread.start`` raises RuntimeError("can't start new thread"), and
some kernels forbid them too. nbtools starts a thread in one place only: the
assignment's time limit on a student's function (``assignment.time_limit``),
which runs the call on the calling thread where none can start.
"""

from __future__ import annotations

import threading

_available: bool | None = None  # None: not tried yet


def threads_available() -> bool:
    """True when a thread can start here: tried once, with a thread that does
    nothing; False from then on once ``no_threads()`` has been called."""
    global _available
    if _available is None:
        try:
            probe = threading.Thread(target=lambda: None, name="nbtools-probe", daemon=True)
            probe.start()
            probe.join()
            _available = True
        except RuntimeError:
            _available = False
    return _available


def no_threads() -> None:
    """Record that a thread failed to start: nothing tries again."""
    global _available
    _available = False
