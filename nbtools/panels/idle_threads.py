"""Drawing-ahead threads handed from a closed panel to the next one.

Every panel draws (and the training panels train) ahead on a thread of its
own (``prefetch.Prefetcher``), and a ``Prefetcher``'s thread never ends: it
waits for jobs. An idle thread still holds its stack and its malloc arena,
megabytes each, so if every re-run of a panel's cell left one behind, twenty
re-runs would add tens of megabytes. Instead a closed panel gives its thread
back (its jobs cancelled) and the next panel takes it: a thread's rule for
when to wait (``should_wait``) is the panel's, set when it is taken. At most
``KEPT`` idle threads are kept.
"""

from __future__ import annotations

import threading
import weakref
from typing import Callable

from .prefetch import Prefetcher

#: Idle threads kept for the next panel.
KEPT = 4

_lock = threading.RLock()  # re-entrant: a finalizer may give a thread back during take_thread
_idle: list = []
_rules: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Prefetcher -> _Rule


def _never() -> bool:
    return False


class _Rule:
    """A thread's ``should_wait``: the rule of the panel that has it now."""

    def __init__(self, rule: Callable[[], bool]):
        self.rule = rule

    def __call__(self) -> bool:
        return bool(self.rule())


def take_thread(should_wait: Callable[[], bool]) -> Prefetcher:
    """An idle ``Prefetcher`` given back by a closed panel, or a new one; it
    waits while ``should_wait()`` is true (a rule that holds its panel weakly)."""
    with _lock:
        prefetcher = _idle.pop() if _idle else None
    if prefetcher is None:
        rule = _Rule(should_wait)
        prefetcher = Prefetcher(should_wait=rule)
        _rules[prefetcher] = rule
    else:
        _rules[prefetcher].rule = should_wait
    return prefetcher


def give_back(threads) -> None:
    """Cancel what each ``Prefetcher`` planned (a job running stops at its next
    checkpoint) and keep it for the next panel, if it came from ``take_thread``."""
    for prefetcher in threads:
        prefetcher.cancel()
        rule = _rules.get(prefetcher)
        if rule is None:
            continue
        rule.rule = _never
        with _lock:
            if len(_idle) < KEPT and all(p is not prefetcher for p in _idle):
                _idle.append(prefetcher)
