"""The training panels as the notebooks build them (06: 10 epochs before the first
picture, 07: 20): what a slider move costs in the kernel.

A move of η retrains every run as far as the first picture; a move of the
mini-batch size k retrains only the runs that use k. Both are timed as the
browser makes them: the widget's value set.
"""

from __future__ import annotations

import math

from timing import Timing, ms, time_call

TARGET_MS = 100.0  # a move of η or k: retrain and redraw, median (DESIGN: instant is 100 ms)
MOVES = 12


def _grid_value(widget, offset: int) -> float:
    """The slider's value ``offset`` keypresses from where it is (as the browser computes it)."""
    i = round((math.log10(widget.value) - widget.min) / widget.step)
    return 10 ** (widget.min + (i + offset) * widget.step)


def _moves(report, name: str, panel, moves: int) -> None:
    eta, k = panel.controls["eta"], panel.controls["k"]
    eta_moves, k_moves = Timing("eta"), Timing("k")
    direction = 1
    for i in range(moves):
        if not 10**eta.min < _grid_value(eta, direction) < 10**eta.max:
            direction = -direction
        value = _grid_value(eta, direction)
        time_call(lambda: setattr(eta, "value", value), eta_moves)  # as the browser sets it
    for i in range(moves):
        value = k.value + 1 if k.value < k.max else k.min
        time_call(lambda: setattr(k, "value", value), k_moves)
    for timing, what in ((eta_moves, "η"), (k_moves, "k")):
        report.line(f"  {name:34s} {what:4s} {ms(timing.median):>6} [{ms(timing.p90)}] "
                    f"({ms(timing.cpu_median)} cpu)  {timing.n} moves")
        report.check(timing.median * 1e3 <= TARGET_MS,
                     f"{name}: {what} move, median {ms(timing.median)} ms <= {TARGET_MS:g} ms")


def run(report, quick: bool = False) -> None:
    from nbtools.panels import BatchComparisonPanel, PlaygroundPanel

    report.section("Training panels as in notebooks 06 and 07: a slider move, wall ms median [p90]")
    moves = 4 if quick else MOVES
    panels = {
        "06 BatchComparisonPanel(frames=10)": lambda: BatchComparisonPanel(
            dataset="circles", N=200, hidden=(8,), seed=0, frames=10),
        "07 PlaygroundPanel(frames=20)": lambda: PlaygroundPanel(frames=20),
    }
    for name, make in panels.items():
        panel = make()
        _moves(report, name, panel, moves)
        import matplotlib.pyplot as plt

        plt.close(panel.fig)
