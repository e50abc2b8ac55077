"""nb.error_surface: the worked example on a 200 x 200 grid (target <= 5 ms) and
a (2, 8, 8, 1) tanh network on 200 points (circles) on a 100 x 100 grid, for
several pairs of weights (target <= 100 ms each)."""

from __future__ import annotations

import numpy as np
from timing import measure, ms

import nbtools as nb


def cases():
    """(label, net, X, y, a, b, grid, target ms)."""
    net, x, y = nb.worked_example()
    yield (
        "worked example, W1[0,0] x W1[1,0] (same column)",
        net,
        x,
        y,
        (1, 0, 0),
        (1, 1, 0),
        200,
        5.0,
    )
    yield (
        "worked example, W2[0,0] x W3[1,0] (the panel's pair)",
        net,
        x,
        y,
        (2, 0, 0),
        (3, 1, 0),
        200,
        5.0,
    )
    net = nb.Network.random((2, 8, 8, 1), hidden="tanh", output="tanh", seed=0)
    X, y = nb.circles(200, seed=0)
    pairs = [
        ("first layer, W1[1,0] x W1[2,3] (two columns)", (1, 1, 0), (1, 2, 3)),
        ("first layer, W1[1,0] x W1[2,0] (same column)", (1, 1, 0), (1, 2, 0)),
        ("last layer, W3[1,0] x W3[2,0]", (3, 1, 0), (3, 2, 0)),
        ("mixed, W1[1,0] x W3[2,0]", (1, 1, 0), (3, 2, 0)),
        ("middle layer, W2[1,0] x W2[3,4]", (2, 1, 0), (2, 3, 4)),
    ]
    for label, a, b in pairs:
        yield f"(2,8,8,1) N=200, {label}", net, X, y, a, b, 100, 100.0


def spot_check(net, X, y, a, b, a_values, b_values, surface) -> float:
    """Largest relative difference against nb.error on copies, at a few grid points."""
    worst = 0.0
    R, C = surface.shape
    for r, c in [(0, 0), (R - 1, C - 1), (R // 3, (2 * C) // 3)]:
        probe = net.copy()
        probe.W[a[0]][a[1], a[2]] = a_values[c]
        probe.W[b[0]][b[1], b[2]] = b_values[r]
        E = nb.error(probe, X, y)
        worst = max(worst, abs(surface[r, c] - E) / max(abs(E), 1e-300))
    return worst


def run(report, quick: bool = False) -> None:
    report.section("Error surface nb.error_surface (ms per call)")
    report.line("  median wall [p90] (median cpu)")
    for label, net, X, y, a, b, grid, target in cases():
        wa, wb = net.W[a[0]][a[1], a[2]], net.W[b[0]][b[1], b[2]]
        a_values = wa + np.linspace(-3.0, 3.0, grid)
        b_values = wb + np.linspace(-3.0, 3.0, grid)

        def surface():
            return nb.error_surface(net, X, y, a, b, a_values, b_values)

        worst = spot_check(net, X, y, a, b, a_values, b_values, surface())
        rounds = 5 if quick else (30 if target < 10 else 15)
        t = measure({"surface": surface}, rounds=rounds, per_round=0.02)["surface"]
        report.line(
            f"  {label:58s} {grid}x{grid}: {ms(t.median):>6} [{ms(t.p90)}] ({ms(t.cpu_median)})"
        )
        report.check(
            t.median * 1e3 <= target and worst < 1e-10,
            f"surface {label}, {grid}x{grid}: {ms(t.median)} ms <= {target:g} ms"
            + ("" if worst < 1e-10 else f"; WRONG: differs from nb.error by {worst:.1e}"),
        )
