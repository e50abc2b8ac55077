"""Error functions of one or two weights, simple enough to draw, for gradient descent.

Quadratics with a chosen curvature (whose Hessian is constant, so the
stability limit η < 2/c_max is exact), a non-convex curve with two minima,
and Rosenbrock's curved valley; each with its gradient and Hessian, looked
up by dimension and name in ``FUNCTIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._checks import check_one_of, check_int, check_real


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
        For a quadratic, the eigenvalues c of its (constant) Hessian; None otherwise.
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
        """c_max of the Hessian at w (the constant one for a quadratic)."""
        if self.curvatures is not None:
            return max(self.curvatures)
        return float(np.max(np.linalg.eigvalsh(self.hessian(np.asarray(w, dtype=float)))))

    def threshold(self, near=None) -> float:
        """The stability limit 2/c_max: exact for a quadratic; for any other
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
    """E(w) = (c/2) w²: one weight, curvature E″ = c everywhere, minimum at w = 0."""
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
    """E(w) = (c1 w1² + c2 w2²)/2: curvature c1 along w1 and c2 along w2, minimum at 0.

    With c1 ≠ c2 the contours are elongated ellipses: the steep direction
    limits η (η < 2/max c) while the shallow one sets how slowly E falls.
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

    ``curvature`` sets c of the 1-D quadratic, c2 of the elongated quadratic
    (c1 = 1) and both c of the round one; the other functions ignore it.
    """
    dimension = check_int("dimension", dimension, low=1, high=2)
    factory = FUNCTIONS[dimension][check_one_of("name", name, FUNCTIONS[dimension])]
    return factory() if curvature is None else factory(curvature=curvature)
