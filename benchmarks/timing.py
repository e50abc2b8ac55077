"""Shared timer and report for the benchmarks.

Every call is timed on its own (wall clock and process CPU time). Candidates
that are compared are run round-robin (a little of each, again and again), so
that load from other processes on the machine falls on all of them alike and
their ratio stays meaningful even when the absolute times do not.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Timing:
    """Per-call times of one candidate, in seconds."""

    name: str
    wall: list = field(default_factory=list)
    cpu: list = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.wall)

    @property
    def median(self) -> float:
        return percentile(self.wall, 50)

    @property
    def p90(self) -> float:
        return percentile(self.wall, 90)

    @property
    def cpu_median(self) -> float:
        return percentile(self.cpu, 50)


def percentile(values, q: float) -> float:
    """The q-th percentile (linear interpolation), without numpy."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def time_call(fn: Callable, timing: Timing):
    """Call fn() once, appending its wall and CPU time to ``timing``; return its result."""
    c0, t0 = time.process_time(), time.perf_counter()
    result = fn()
    t1, c1 = time.perf_counter(), time.process_time()
    timing.wall.append(t1 - t0)
    timing.cpu.append(c1 - c0)
    return result


def measure(
    candidates: dict[str, Callable], rounds: int = 20, per_round: float = 0.03, warmup: int = 1
) -> dict[str, Timing]:
    """Time several functions round-robin.

    Each function is first called ``warmup`` times (untimed; the first call
    also estimates its cost). Then, ``rounds`` times over, each function is
    called repeatedly for about ``per_round`` seconds (at least once), every
    call timed on its own.
    """
    calls = {}
    for name, fn in candidates.items():
        start = time.perf_counter()
        for _ in range(max(1, warmup)):
            fn()
        each = (time.perf_counter() - start) / max(1, warmup)
        calls[name] = max(1, int(per_round / max(each, 1e-7)))
    timings = {name: Timing(name) for name in candidates}
    for _ in range(rounds):
        for name, fn in candidates.items():
            for _ in range(calls[name]):
                time_call(fn, timings[name])
    return timings


def load_note() -> str:
    """The load average against the number of CPUs, with a warning when the machine is busy."""
    cpus = os.cpu_count() or 1
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return f"{cpus} CPUs, load average unknown"
    note = f"{cpus} CPUs, load average {one:.1f} (1 min), {five:.1f} (5 min)"
    if one > cpus * 0.75:
        note += (
            ": BUSY, other processes compete for the CPUs;"
            " wall times are inflated (compare the cpu column)"
        )
    return note


def ms(seconds: float) -> str:
    """Milliseconds with 3 significant digits."""
    value = seconds * 1e3
    if value != value:
        return "n/a"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


class Report:
    """Collects the printed lines and the target checks (PASS / FAIL / SKIP)."""

    def __init__(self, write=print):
        self.write = write
        self.results: list[tuple[str, str]] = []

    def section(self, title: str) -> None:
        self.write("")
        self.write(f"== {title} ==")

    def line(self, text: str = "") -> None:
        self.write(text)

    def check(self, passed: bool | None, text: str) -> None:
        """One target: passed True (PASS), False (FAIL) or None (SKIP: could not be measured)."""
        status = {True: "PASS", False: "FAIL", None: "SKIP"}[passed]
        self.results.append((status, text))
        self.write(f"  {status}  {text}")

    @property
    def failed(self) -> list[str]:
        return [text for status, text in self.results if status == "FAIL"]

    def summary(self) -> None:
        counts = {
            s: sum(1 for status, _ in self.results if status == s) for s in ("PASS", "FAIL", "SKIP")
        }
        self.write("")
        self.write(
            f"== Summary: {counts['PASS']} PASS, {counts['FAIL']} FAIL, {counts['SKIP']} SKIP =="
        )
        for text in self.failed:
            self.write(f"  FAIL  {text}")
