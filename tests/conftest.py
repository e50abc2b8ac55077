"""Fixtures shared by the unit tests."""

from __future__ import annotations

import gc

import pytest


@pytest.fixture
def no_collection():
    """No garbage collection while the test runs. A panel left by an earlier
    test, collected at a random allocation, gives its drawing-ahead thread back
    (``panels.idle_threads``), and the next panel built would take that thread
    instead of starting one: tests that count threads started or handed on need
    the collection done before they begin, not in the middle."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
