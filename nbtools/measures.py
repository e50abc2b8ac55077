"""Error measures e(h, y), looked up by name, each with its own δ^(L).

The lecture's measure is the squared error e = (h − y)^2, whose sensitivity at
the output starts the backward pass: δ^(L) = 2 (x^(L) − y) ⊗ θ′(s^(L)).
Every measure here sums over the d^(L) outputs of one point; E averages e over
the N points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._checks import check_one_of
from .activations import Activation


@dataclass(frozen=True)
class ErrorMeasure:
    """A pointwise error and the sensitivity δ^(L) = ∂e/∂s^(L) it starts backprop with.

    Attributes
    ----------
    name : str
    pointwise : callable
        e(s_L, x_L, y) -> array of shape s_L.shape[:-1]: the error of each point.
    delta_L : callable
        δ^(L)(s_L, x_L, y, output_activation) -> array like s_L.
    formula : str
        e written out.
    labels : str
        What y must be (``"any"`` or ``"±1"``).
    """

    name: str
    pointwise: Callable[..., np.ndarray]
    delta_L: Callable[..., np.ndarray]
    formula: str
    labels: str = "any"

    def __repr__(self) -> str:
        return f"ErrorMeasure({self.name!r}: e = {self.formula})"


def _squared(s_L, x_L, y):
    return np.sum((x_L - y) ** 2, axis=-1)


def _squared_delta(s_L, x_L, y, output: Activation):
    # δ^(L) = ∂e/∂s^(L) = 2 (x^(L) − y) ⊗ θ′(s^(L))
    return 2.0 * (x_L - y) * output.theta_prime(x_L)


def _logistic(s_L, x_L, y):
    # e = ln(1 + exp(−y s^(L))), stable for large |s| via logaddexp.
    return np.sum(np.logaddexp(0.0, -y * s_L), axis=-1)


def _logistic_delta(s_L, x_L, y, output: Activation):
    # ∂/∂s ln(1 + e^{−ys}) = −y / (1 + e^{ys}) = −y σ(−ys); σ(z) = (1 + tanh(z/2)) / 2.
    return -y * 0.5 * (1.0 + np.tanh(-0.5 * y * s_L))


ERROR_MEASURES: dict[str, ErrorMeasure] = {
    m.name: m
    for m in (
        ErrorMeasure("squared", _squared, _squared_delta, "(h - y)^2"),
        # The cross-entropy (logistic) error of Learning From Data, ch. 3, on the
        # output signal s^(L); the prediction is sign(s^(L)) for labels ±1.
        ErrorMeasure("logistic", _logistic, _logistic_delta, "ln(1 + exp(-y s^(L)))", labels="±1"),
    )
}


def get_error_measure(name: str) -> ErrorMeasure:
    """The error measure called ``name``; ValueError listing the choices otherwise."""
    if isinstance(name, ErrorMeasure):
        return name
    return ERROR_MEASURES[check_one_of("error", name, ERROR_MEASURES)]
