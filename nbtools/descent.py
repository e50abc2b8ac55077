"""Gradient descent on small error functions of one or two weights.

The update rule of the notes, w(t+1) = w(t) − η ∇E(w(t)), run on functions
simple enough to draw: quadratics with a chosen curvature, a non-convex curve
with two minima, and two 2-D valleys. On a quadratic the rule is a linear map:
along each eigen-direction of the Hessian (curvature λ) the distance to the
minimum is multiplied by (1 − ηλ) at every step, so

- η < 1/λ: every step moves straight towards the minimum (converges);
- 1/λ < η < 2/λ: every step overshoots, w jumps from side to side with
  shrinking swings (oscillates, still converging);
- η > 2/λ: the swings grow (diverges).

Stability therefore needs η < 2/λ_max, λ_max the largest curvature.
Near a minimum any smooth E looks like a quadratic, so the same rule holds
locally with λ_max the largest eigenvalue of the Hessian there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ._checks import as_float_array, check_choice, check_finite, check_int, check_real

STATUSES = ("converges", "oscillates", "diverges")


@dataclass(frozen=True)
class ErrorFunction:
    """An error function E(w) of one or two weights, with its gradient and Hessian.

    Attributes
    ----------
    name : str
    formula : str
        E(w) written out (plain Unicode text).
    E : callable
        E(w) for w of shape (..., dimension) -> shape (...).
    gradient : callable
        ∇E(w) for w of shape (..., dimension) -> shape (..., dimension).
    hessian : callable
        The Hessian at one point w of shape (dimension,) -> (dimension, dimension).
    window : tuple of (low, high)
        The plotting range of each coordinate.
    minima : tuple of tuple
        The local minima (the global one first).
    curvatures : tuple of float or None
        For a quadratic, the eigenvalues λ of its (constant) Hessian; None otherwise.
    """

    name: str
    formula: str
    E: Callable[[np.ndarray], np.ndarray]
    gradient: Callable[[np.ndarray], np.ndarray]
    hessian: Callable[[np.ndarray], np.ndarray]
    window: tuple
    minima: tuple
    curvatures: tuple | None = None

    @property
    def dimension(self) -> int:
        return len(self.window)

    @property
    def is_quadratic(self) -> bool:
        return self.curvatures is not None

    def largest_curvature(self, w) -> float:
        """λ_max of the Hessian at w (the constant one for a quadratic)."""
        if self.curvatures is not None:
            return max(self.curvatures)
        return float(np.max(np.linalg.eigvalsh(self.hessian(np.asarray(w, dtype=float)))))

    def threshold(self, near=None) -> float:
        """The stability limit 2/λ_max: exact for a quadratic; for any other
        function, the local one at the minimum closest to ``near`` (default: the
        global minimum)."""
        if self.curvatures is not None:
            return 2.0 / max(self.curvatures)
        return 2.0 / self.largest_curvature(self.nearest_minimum(near))

    def nearest_minimum(self, w=None) -> np.ndarray:
        """The local minimum closest to w (the global one when w is None)."""
        minima = np.array(self.minima, dtype=float)
        if w is None:
            return minima[0]
        return minima[int(np.argmin(np.sum((minima - np.asarray(w, dtype=float)) ** 2, axis=1)))]


def quadratic_1d(curvature: float = 1.0) -> ErrorFunction:
    """E(w) = (λ/2) w²: one weight, curvature E″ = λ everywhere, minimum at w = 0."""
    lam = check_real("curvature", curvature, positive=True)
    return ErrorFunction(
        name="quadratic",
        formula=f"E(w) = ({lam:g}/2) w²",
        E=lambda w: 0.5 * lam * w[..., 0] ** 2,
        gradient=lambda w: lam * w,
        hessian=lambda w: np.array([[lam]]),
        window=((-3.0, 3.0),),
        minima=((0.0,),),
        curvatures=(lam,),
    )


# E(w) = w⁴/4 − w² + w/2 + c has minima where E′ = w³ − 2w + 1/2 = 0 (two of the
# three roots); c lifts the lower minimum to E = 0.
_NONCONVEX_ROOTS = np.sort(np.roots([1.0, 0.0, -2.0, 0.5]).real)
_NONCONVEX_C = -float(
    _NONCONVEX_ROOTS[0] ** 4 / 4 - _NONCONVEX_ROOTS[0] ** 2 + _NONCONVEX_ROOTS[0] / 2
)


def nonconvex_1d() -> ErrorFunction:
    """E(w) = w⁴/4 − w² + w/2 + c: a deep minimum near w = −1.52, a shallow one near 1.27."""
    deep, shallow = float(_NONCONVEX_ROOTS[0]), float(_NONCONVEX_ROOTS[2])
    return ErrorFunction(
        name="non-convex",
        formula=f"E(w) = w⁴/4 − w² + w/2 + {_NONCONVEX_C:.3f}",
        E=lambda w: w[..., 0] ** 4 / 4 - w[..., 0] ** 2 + w[..., 0] / 2 + _NONCONVEX_C,
        gradient=lambda w: w**3 - 2.0 * w + 0.5,
        hessian=lambda w: np.array([[3.0 * w[0] ** 2 - 2.0]]),
        window=((-3.0, 3.0),),
        minima=((deep,), (shallow,)),
    )


def _times(coefficient: float) -> str:
    """A coefficient in a formula: "" for 1, "10 " for 10."""
    return "" if coefficient == 1 else f"{coefficient:g} "


def quadratic_2d(curvatures=(1.0, 10.0), name: str = "elongated quadratic") -> ErrorFunction:
    """E(w) = (λ1 w1² + λ2 w2²)/2: curvature λ1 along w1 and λ2 along w2, minimum at 0.

    With λ1 ≠ λ2 the contours are elongated ellipses: the steep direction
    limits η (η < 2/max λ) while the shallow one sets how slowly E falls.
    """
    lam = np.array(
        [
            check_real("curvatures[0]", curvatures[0], positive=True),
            check_real("curvatures[1]", curvatures[1], positive=True),
        ]
    )
    return ErrorFunction(
        name=name,
        formula=f"E(w) = ({_times(lam[0])}w₁² + {_times(lam[1])}w₂²)/2",
        E=lambda w: 0.5 * np.sum(lam * w**2, axis=-1),
        gradient=lambda w: lam * w,
        hessian=lambda w: np.diag(lam),
        window=((-3.0, 3.0), (-3.0, 3.0)),
        minima=((0.0, 0.0),),
        curvatures=(float(lam[0]), float(lam[1])),
    )


def rosenbrock(b: float = 2.0) -> ErrorFunction:
    """E(w) = (1 − w1)² + b (w2 − w1²)²: a curved valley, minimum E = 0 at (1, 1).

    Rosenbrock's function (classically b = 100; a smaller b keeps the picture
    and the usable η readable). Steep across the valley, almost flat along it.
    """
    b = check_real("b", b, positive=True)

    def E(w):
        return (1.0 - w[..., 0]) ** 2 + b * (w[..., 1] - w[..., 0] ** 2) ** 2

    def gradient(w):
        inner = w[..., 1] - w[..., 0] ** 2
        return np.stack(
            [-2.0 * (1.0 - w[..., 0]) - 4.0 * b * w[..., 0] * inner, 2.0 * b * inner], axis=-1
        )

    def hessian(w):
        w1, w2 = w
        return np.array(
            [[2.0 - 4.0 * b * (w2 - 3.0 * w1**2), -4.0 * b * w1], [-4.0 * b * w1, 2.0 * b]]
        )

    return ErrorFunction(
        name="Rosenbrock valley",
        formula=f"E(w) = (1 − w₁)² + {b:g} (w₂ − w₁²)²",
        E=E,
        gradient=gradient,
        hessian=hessian,
        window=((-2.0, 2.0), (-1.0, 3.0)),
        minima=((1.0, 1.0),),
    )


#: Error functions by dimension and name; values are factories taking the
#: curvature (ignored by the functions that are not quadratics).
FUNCTIONS = {
    1: {
        "quadratic": quadratic_1d,
        "non-convex": lambda curvature=1.0: nonconvex_1d(),
    },
    2: {
        "elongated quadratic": lambda curvature=10.0: quadratic_2d((1.0, curvature)),
        "round quadratic": lambda curvature=10.0: quadratic_2d(
            (curvature, curvature), name="round quadratic"
        ),
        "Rosenbrock valley": lambda curvature=10.0: rosenbrock(),
    },
}


def error_function(name: str, dimension: int = 1, curvature: float | None = None) -> ErrorFunction:
    """An error function from ``FUNCTIONS`` by dimension and name.

    ``curvature`` sets λ of the 1-D quadratic, λ2 of the elongated quadratic
    (λ1 = 1) and both λ of the round one; the other functions ignore it.
    """
    dimension = check_int("dimension", dimension, low=1, high=2)
    factory = FUNCTIONS[dimension][check_choice("name", name, FUNCTIONS[dimension])]
    return factory() if curvature is None else factory(curvature=curvature)


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
        The stability limit 2/λ_max (local, at the nearest minimum, for a
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
    (1 − ηλ) by which each eigen-direction's distance to the minimum is multiplied."""
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
    (``classify_path``) and the threshold is the local 2/λ_max at the minimum
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


def _point(w) -> str:
    w = np.asarray(w, dtype=float).reshape(-1)
    return f"{w[0]:.3g}" if w.size == 1 else "(" + ", ".join(f"{v:.3g}" for v in w) + ")"


def explain(function, status, eta, threshold, path, E_path, stopped_at, factors=()) -> str:
    """One paragraph saying what the path does and why, with the numbers."""
    n = len(path) - 1
    end = f"after {n} step{'s' * (n != 1)} w = {_point(path[-1])}, E = {E_path[-1]:.3g}"
    if stopped_at is not None:
        end = (
            f"at step {stopped_at} the weights left every sensible range (last point w = "
            f"{_point(path[-1])}, E = {E_path[-1]:.3g}), so the path stops there"
        )
    if function is not None and function.is_quadratic:
        lam = max(function.curvatures)
        limit = f"the stability limit 2/λ = 2/{lam:g} = {threshold:.3g}"
        worst = max(abs(f) for f in factors)  # the slowest direction sets the overall pace
        swing = abs(1.0 - eta * lam)  # the steepest direction is the one that overshoots first
        if status == "diverges":
            return (
                f"Diverges: η = {eta:.3g} is above {limit}. Each step overshoots the minimum "
                f"by more than it corrects, so the distance to it grows by the factor "
                f"|1 − ηλ| = {swing:.3g} per step; {end}. Try η < {threshold:.3g}."
            )
        if status == "oscillates":
            swings = (
                "the swings never shrink (|1 − ηλ| = 1): it bounces for ever"
                if swing >= 1 - 1e-12
                else f"the swings shrink by |1 − ηλ| = {swing:.3g} per step, so it still converges"
            )
            return (
                f"Oscillates: η = {eta:.3g} is between 1/λ = {1 / lam:.3g} and {limit}: each step "
                f"overshoots the minimum and w jumps from one side to the other; {swings}; {end}."
            )
        extra = ""
        if len(factors) > 1 and min(function.curvatures) < lam:
            extra = (
                f" Along the shallow direction (λ = {min(function.curvatures):g}) the distance "
                f"shrinks only by |1 − ηλ| = {worst:.3g} per step: that is what makes descent "
                f"slow in an elongated valley."
            )
        return (
            f"Converges: η = {eta:.3g} is below 1/λ = {1 / lam:.3g} (and so below {limit}): "
            f"every step moves w towards the minimum without overshooting, the distance "
            f"shrinking by |1 − ηλ| = {swing:.3g} per step; {end}.{extra}"
        )
    local = ""
    if function is not None and math.isfinite(threshold):
        near = function.nearest_minimum(path[-1])
        local = (
            f" Near the minimum at w = {_point(near)} the largest curvature is "
            f"λ = {2 / threshold:.3g}, so there steps settle only for η < 2/λ = {threshold:.3g}."
        )
    if status == "diverges":
        return (
            f"Diverges: with η = {eta:.3g}, E went from {E_path[0]:.3g} up to {E_path[-1]:.3g}; "
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


class NetworkSlice:
    """E of a network as a function of two of its weights, the others fixed.

    ``E(w)`` and ``gradient(w)`` take w = (w_a, w_b) of shape (2,), so
    ``gradient_descent_path`` runs on a 2-D slice of the weight space.
    """

    def __init__(self, net, X, y, a, b, error: str = "squared"):
        from .propagation import gradient as full_gradient

        self.net = net.copy()
        self.a = self.net.check_weight("a", a)
        self.b = self.net.check_weight("b", b)
        self.X, self.y, self.error = X, y, error
        self._gradient = full_gradient
        self._last_key = None
        self.centre = np.array(
            [self.net.W[self.a[0]][self.a[1:]], self.net.W[self.b[0]][self.b[1:]]]
        )

    def _evaluate(self, w) -> tuple[float, np.ndarray]:
        # The path asks for E(w) and then ∇E(w) at the same point: one backprop serves both.
        key = (float(w[0]), float(w[1]))
        if key != self._last_key:
            self.net.W[self.a[0]][self.a[1:]] = key[0]
            self.net.W[self.b[0]][self.b[1:]] = key[1]
            E, G = self._gradient(self.net, self.X, self.y, error=self.error)
            self._last_key = key
            self._last = E, np.array([G[self.a[0]][self.a[1:]], G[self.b[0]][self.b[1:]]])
        return self._last

    def E(self, w) -> float:
        return self._evaluate(w)[0]

    def gradient(self, w) -> np.ndarray:
        return self._evaluate(w)[1]
