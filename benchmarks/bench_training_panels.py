"""The training panels as the notebooks build them (06: 10 epochs before the first
picture, 07: 20): what a slider move costs in the kernel.

A move of η retrains every run as far as the first picture. Three figures:

- cold: ``panel.update(eta=...)`` with nothing trained ahead (the first move,
  or a jump to a value far from the last one);
- ahead: the move the browser makes (the widget's value set, so the panel
  trains the values one keypress away in its background thread), timed after
  that thread is done: the usual keypress, one step after the last;
- k: a move of the mini-batch size, which retrains only the runs that use k.

And one gradient-descent iteration on one point (stochastic descent, 2,000 of
the 2,210 iterations a move of η in 06 costs) through ``FewPoints`` against the
general batch gradient, round-robin in one run so that the ratio holds whatever
else the machine does.
"""

from __future__ import annotations

import math

from timing import Timing, measure, ms, time_call

TARGET_MS = 30.0  # issue 8: compute + render, median, for every panel
MOVES = 12


def _grid_value(widget, offset: int) -> float:
    """The slider's value ``offset`` keypresses from where it is (as the browser computes it)."""
    i = round((math.log10(widget.value) - widget.min) / widget.step)
    return 10 ** (widget.min + (i + offset) * widget.step)


def _moves(report, name: str, panel, moves: int) -> None:
    eta = panel.controls["eta"]
    cold, ahead, k_moves = Timing("cold"), Timing("ahead"), Timing("k")
    direction = 1
    for i in range(moves):
        if _grid_value(eta, 2 * direction) > 10**eta.max:
            direction = -1
        # cold: two steps on (nothing is trained ahead by update())
        time_call(lambda: panel.update(eta=_grid_value(eta, 2 * direction)), cold)
    for i in range(moves):
        panel.prefetch.wait_idle(60)
        if _grid_value(eta, direction) > 10**eta.max or _grid_value(eta, direction) < 10**eta.min:
            direction = -direction
        value = _grid_value(eta, direction)
        time_call(lambda: setattr(eta, "value", value), ahead)  # as the browser sets it
    panel.prefetch.wait_idle(60)
    k = panel.controls["k"]
    for i in range(moves):
        panel.prefetch.wait_idle(60)
        value = k.value + 1 if k.value < k.max else k.min
        time_call(lambda: panel.update(k=value), k_moves)
    panel.prefetch.wait_idle(60)
    for timing, what in ((cold, "η, cold"), (ahead, "η, trained ahead"), (k_moves, "k")):
        report.line(f"  {name:34s} {what:18s} {ms(timing.median):>6} [{ms(timing.p90)}] "
                    f"({ms(timing.cpu_median)} cpu)  {timing.n} moves")
    report.check(ahead.median * 1e3 <= TARGET_MS,
                 f"{name}: η move trained ahead, median {ms(ahead.median)} ms <= {TARGET_MS:g} ms")
    report.check(k_moves.median * 1e3 <= 2 * TARGET_MS,
                 f"{name}: k move, median {ms(k_moves.median)} ms <= {2 * TARGET_MS:g} ms")


def _sgd_step(report, quick: bool) -> None:
    import nbtools as nb
    from nbtools.training import GradientDescent

    X, y = nb.make_dataset("circles", N=200, seed=0)
    net = nb.Network.random((2, 8, 1), hidden="tanh", output="tanh", seed=0)
    few = GradientDescent(net, X, y, 0.1, 1, seed=0)
    general = GradientDescent(net, X, y, 0.1, 1, seed=0)
    general._few = None  # the general path (propagation._batch_gradient), for comparison
    timings = measure({"FewPoints": few.step, "general": general.step},
                      rounds=5 if quick else 20)
    a, b = timings["FewPoints"], timings["general"]
    report.line(f"  one SGD iteration, (2, 8, 1): FewPoints {a.median * 1e6:.1f} µs, "
                f"general batch gradient {b.median * 1e6:.1f} µs ({b.median / a.median:.1f}x)")
    report.check(a.median < b.median, "FewPoints: a one-point iteration is faster than the general path")


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
    _sgd_step(report, quick)
