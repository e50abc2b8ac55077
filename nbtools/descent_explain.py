"""What a gradient-descent path did and why, in one paragraph with the numbers.

For a quadratic the reason is exact: the factor (1 − ηc) by which each step
multiplies the distance to the minimum; for any other function, what the path
did and the local stability limit 2/c_max at the nearest minimum.
"""

from __future__ import annotations

import math

import numpy as np


def _point(w) -> str:
    w = np.asarray(w, dtype=float).reshape(-1)
    return f"{w[0]:.3g}" if w.size == 1 else "(" + ", ".join(f"{v:.3g}" for v in w) + ")"


def explain(function, status, eta, threshold, path, E_path, stopped_at, factors=()) -> str:
    """One paragraph saying what the path does and why, with the numbers."""
    n = len(path) - 1
    end = f"after {n} step{'s' * (n != 1)} w = {_point(path[-1])}, E = {E_path[-1]:.3g}"
    if stopped_at is not None and n == 0:
        end = (
            f"the very first step would throw the weights out of every sensible range, so no "
            f"step is drawn (the start w = {_point(path[-1])} has E = {E_path[-1]:.3g})"
        )
    elif stopped_at is not None:
        end = (
            f"at step {stopped_at} the weights left every sensible range (last point w = "
            f"{_point(path[-1])}, E = {E_path[-1]:.3g}), so the path stops there"
        )
    if function is not None and function.is_quadratic:
        lam = max(function.curvatures)
        limit = f"the stability limit 2/c = 2/{lam:g} = {threshold:.3g}"
        worst = max(abs(f) for f in factors)  # the slowest direction sets the overall pace
        swing = abs(1.0 - eta * lam)  # the steepest direction is the one that overshoots first
        if status == "diverges":
            return (
                f"Diverges: η = {eta:.3g} is above {limit}. Each step overshoots the minimum "
                f"by more than it corrects, so the distance to it grows by the factor "
                f"|1 − ηc| = {swing:.3g} per step; {end}. Try η < {threshold:.3g}."
            )
        if status == "oscillates":
            swings = (
                "the swings never shrink (|1 − ηc| = 1): it bounces for ever"
                if swing >= 1 - 1e-12
                else f"the swings shrink by |1 − ηc| = {swing:.3g} per step, so it still converges"
            )
            return (
                f"Oscillates: η = {eta:.3g} is between 1/c = {1 / lam:.3g} and {limit}: each step "
                f"overshoots the minimum and w jumps from one side to the other; {swings}; {end}."
            )
        extra = ""
        if len(factors) > 1 and min(function.curvatures) < lam:
            extra = (
                f" Along the shallow direction (c = {min(function.curvatures):g}) the distance "
                f"shrinks only by |1 − ηc| = {worst:.3g} per step: that is what makes descent "
                f"slow in an elongated valley."
            )
        return (
            f"Converges: η = {eta:.3g} is below 1/c = {1 / lam:.3g} (and so below {limit}): "
            f"every step moves w towards the minimum without overshooting, the distance "
            f"shrinking by |1 − ηc| = {swing:.3g} per step; {end}.{extra}"
        )
    local = ""
    if function is not None and math.isfinite(threshold):
        near = function.nearest_minimum(path[-1])
        local = (
            f" Near the minimum at w = {_point(near)} the largest curvature is "
            f"c = {2 / threshold:.3g}, so there steps settle only for η < 2/c = {threshold:.3g}."
        )
    if status == "diverges":
        rise = f"E went from {E_path[0]:.3g} up to {E_path[-1]:.3g}; " if n else ""
        return (
            f"Diverges: with η = {eta:.3g}, {rise}"
            f"{end}. η is too large for the curvature here: try η = {eta / 10:.3g}.{local}"
        )
    if status == "oscillates":
        return (
            f"Oscillates: with η = {eta:.3g} successive steps point in opposite directions: "
            f"w overshoots and bounces across the valley; {end}.{local}"
        )
    where = ""
    if function is not None:
        near = function.nearest_minimum(path[-1])
        best = function.nearest_minimum(None)
        kind = (
            "the global minimum"
            if np.allclose(near, best)
            else "a local minimum (not the lowest one)"
        )
        where = f" It heads for {kind} at w = {_point(near)}."
    return f"Converges: with η = {eta:.3g} E falls from {E_path[0]:.3g}; {end}.{where}{local}"
