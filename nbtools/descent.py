"""Gradient descent on small error functions of one or two weights.

The update rule of the notes, w(t+1) = w(t) − η ∇E(w(t)), run on functions
simple enough to draw: quadratics with a chosen curvature, a non-convex curve
with two minima, and two 2-D valleys. On a quadratic the rule is a linear map:
along each eigen-direction of the Hessian (curvature c) the distance to the
minimum is multiplied by (1 − ηc) at every step, so

- η < 1/c: every step moves straight towards the minimum (converges);
- 1/c < η < 2/c: every step overshoots, w jumps from side to side with
  shrinking swings (oscillates, still converging);
- η > 2/c: the swings grow (diverges).

Stability therefore needs η < 2/c_max, c_max the largest curvature.
Near a minimum any smooth E looks like a quadratic, so the same rule holds
locally with c_max the largest eigenvalue of the Hessian there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ._checks import as_float_array, check_finite, check_int, check_real
from .descent_explain import explain
from .descent_functions import (
    FUNCTIONS,
    ErrorFunction,
    error_function,
    nonconvex_1d,
    quadratic_1d,
    quadratic_2d,
    rosenbrock,
)
from .network_slice import NetworkSlice

__all__ = [
    "FUNCTIONS",
    "STATUSES",
    "DescentResult",
    "ErrorFunction",
    "NetworkSlice",
    "classify_path",
    "descend",
    "error_function",
    "explain",
    "gradient_descent_path",
    "nonconvex_1d",
    "quadratic_1d",
    "quadratic_2d",
    "quadratic_status",
    "rosenbrock",
]

STATUSES = ("converges", "oscillates", "diverges")


@dataclass
class DescentResult:
    """What ``descend`` returns.

    Attributes
    ----------
    path : ndarray of shape (n + 1, dimension)
        w(0), w(1), ..., w(n); n < steps when it stopped on divergence.
    E : ndarray of shape (n + 1,)
        E at each point of the path.
    eta : float
    status : str
        "converges", "oscillates" or "diverges".
    threshold : float
        The stability limit 2/c_max (local, at the nearest minimum, for a
        function that is not a quadratic); NaN only for a ``slice`` with no Hessian.
    message : str
        The status explained with the numbers.
    stopped_at : int or None
        The step at which the weights or E blew up (the path ends before it).
    """

    path: np.ndarray
    E: np.ndarray
    eta: float
    status: str
    threshold: float
    message: str
    stopped_at: int | None = None
    factors: tuple = field(default=())

    @property
    def steps(self) -> int:
        return len(self.path) - 1


def gradient_descent_path(
    gradient: Callable,
    E: Callable,
    start,
    eta: float,
    steps: int,
    max_weight: float = 1e6,
    divergence_limit: float = 1e4,
):
    """Run w ← w − η ∇E(w) for ``steps`` steps from ``start``.

    Stops early (like ``nbtools.train``) when E exceeds ``divergence_limit`` ×
    max(E(start), 1), or a weight exceeds ``max_weight`` in size, or anything is
    not finite; the path then ends at the last point that was still in range.

    Returns
    -------
    path : ndarray of shape (n + 1, dimension)
    E_path : ndarray of shape (n + 1,)
    stopped_at : int or None
        The step that blew up.
    """
    eta = check_real("eta", eta, positive=True)
    steps = check_int("steps", steps, low=0)
    w = check_finite("start", as_float_array("start", start)).reshape(-1).copy()
    E0 = float(E(w))
    limit = divergence_limit * max(E0, 1.0)
    path, values = [w.copy()], [E0]
    for t in range(1, steps + 1):
        w = w - eta * np.asarray(gradient(w), dtype=float)
        E_w = float(E(w))
        if (
            not (np.all(np.isfinite(w)) and math.isfinite(E_w))
            or np.max(np.abs(w)) > max_weight
            or E_w > limit
        ):
            return np.array(path), np.array(values), t
        path.append(w.copy())
        values.append(E_w)
    return np.array(path), np.array(values), None


def classify_path(path: np.ndarray, E_path: np.ndarray, stopped_at: int | None) -> str:
    """Status read off a path: "diverges" if it blew up or E ended higher than
    it started; "oscillates" if most of the later steps reverse the previous
    one (successive steps point against each other); "converges" otherwise."""
    if stopped_at is not None or (len(E_path) > 1 and E_path[-1] > E_path[0]):
        return "diverges"
    moves = np.diff(path, axis=0)
    later = moves[len(moves) // 2 :]
    if len(later) >= 2:
        turns = np.sum(later[1:] * later[:-1], axis=1)
        size = np.sum(later[1:] ** 2, axis=1)
        moving = size > 1e-12 * max(1.0, float(np.max(np.abs(path))) ** 2)
        if np.count_nonzero(moving) and np.mean(turns[moving] < 0) > 0.5:
            return "oscillates"
    return "converges"


def quadratic_status(eta: float, curvatures) -> tuple[str, tuple]:
    """Status of gradient descent on a quadratic from η alone, and the factors
    (1 − ηc) by which each eigen-direction's distance to the minimum is multiplied."""
    factors = tuple(1.0 - eta * lam for lam in curvatures)
    worst = max(abs(f) for f in factors)
    if worst > 1.0 + 1e-12:
        return "diverges", factors
    if min(factors) < 0.0 or worst >= 1.0 - 1e-12:
        return "oscillates", factors
    return "converges", factors


def descend(function: ErrorFunction, start, eta: float, steps: int = 20) -> DescentResult:
    """Gradient descent on an ``ErrorFunction``, with its status explained.

    For a quadratic the status follows from η and the curvatures exactly
    (see the module docstring); for other functions it is read off the path
    (``classify_path``) and the threshold is the local 2/c_max at the minimum
    closest to where the path ends.
    """
    path, E_path, stopped_at = gradient_descent_path(
        function.gradient, function.E, start, eta, steps
    )
    if path.shape[1] != function.dimension:
        raise ValueError(
            f"start must have {function.dimension} coordinate(s) for {function.name!r}; "
            f"got {path.shape[1]}"
        )
    eta = float(eta)
    if function.is_quadratic:
        status, factors = quadratic_status(eta, function.curvatures)
        threshold = function.threshold()
    else:
        status, factors = classify_path(path, E_path, stopped_at), ()
        threshold = function.threshold(near=path[-1])
    message = explain(function, status, eta, threshold, path, E_path, stopped_at, factors)
    return DescentResult(path, E_path, eta, status, threshold, message, stopped_at, factors)
