"""Whether this Python can start threads.

Pyodide (the kernel of JupyterLite) has ``threading`` but no threads:
``threading.Thread.start`` raises RuntimeError("can't start new thread"), and
some kernels forbid them too. nbtools uses threads only to go faster (error
surfaces on several cores, panels drawing ahead), so where none can start it
does the same work on the calling thread, or none ahead of time.
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
