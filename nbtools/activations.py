"""Activation functions θ and their derivatives θ′, looked up by name.

Each derivative sits next to its function and is computed from the layer's
*output* x = θ(s), as the lecture does for tanh: θ′(s) = 1 − x ⊗ x. Backprop
therefore needs only what forward propagation saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._checks import check_one_of


@dataclass(frozen=True)
class Activation:
    """An activation θ with its derivative written in terms of x = θ(s).

    Attributes
    ----------
    name : str
        The name used everywhere (``"tanh"``, ...).
    theta : callable
        θ(s, out=None): applied component-wise; ``out`` may be given to write in place.
    theta_prime : callable
        θ′ as a function of the output x = θ(s), component-wise.
    formula : str
        θ′ written out, for notebooks and figures.
    """

    name: str
    theta: Callable[..., np.ndarray]
    theta_prime: Callable[[np.ndarray], np.ndarray]
    formula: str

    def __repr__(self) -> str:
        return f"Activation({self.name!r}: θ' = {self.formula})"


def _identity(s, out=None):
    if out is None:
        return np.array(s, dtype=float, copy=True)
    out[...] = s
    return out


def _sigmoid(s, out=None):
    # 1 / (1 + e^{-s}) written as (1 + tanh(s/2)) / 2: no overflow for any s.
    out = np.multiply(s, 0.5, out=out)
    np.tanh(out, out=out)
    out += 1.0
    out *= 0.5
    return out


def _relu(s, out=None):
    return np.maximum(s, 0.0, out=out)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("tanh", lambda s, out=None: np.tanh(s, out=out), lambda x: 1.0 - x * x, "1 - x^2"),
        Activation("identity", _identity, np.ones_like, "1"),
        Activation("sigmoid", _sigmoid, lambda x: x * (1.0 - x), "x (1 - x)"),
        # relu' is 0 or 1; at the kink s = 0 we take 0 (x = 0 there).
        Activation("relu", _relu, lambda x: (x > 0).astype(float), "1 if x > 0 else 0"),
    )
}


def get_activation(name: str, argument: str = "activation") -> Activation:
    """The activation called ``name``; ValueError listing the choices otherwise."""
    if isinstance(name, Activation):
        return name
    return ACTIVATIONS[check_one_of(argument, name, ACTIVATIONS)]
