"""The network: weight matrices W^(1..L) in the lecture's layout.

W^(l) has shape (d^(l-1) + 1, d^(l)); row 0 holds the bias weights, which meet
the constant entry x_0^(l-1) = 1. The signal into layer l is
s^(l) = (W^(l))ᵀ x^(l-1).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._checks import as_float_array, check_finite, check_int, check_real, describe, rng_from_seed
from .activations import Activation, get_activation
from .layers import Layers


class Network:
    """A multilayer network h(x) with weights W^(1..L).

    Parameters
    ----------
    W : sequence of array_like
        W^(1), ..., W^(L); W^(l) of shape (d^(l-1) + 1, d^(l)), bias row first.
    hidden : str
        θ of layers 1..L-1, by name (see ``nbtools.ACTIVATIONS``).
    output : str
        θ of layer L, by name.

    Attributes
    ----------
    W : Layers
        ``W[l]`` for l = 1..L (there is no W[0]).
    d : tuple of int
        (d^(0), d^(1), ..., d^(L)): the number of nodes per layer, without bias.
    L : int
        The number of layers with weights.
    """

    def __init__(self, W: Sequence, hidden: str = "tanh", output: str = "tanh"):
        self.hidden: Activation = get_activation(hidden, "hidden")
        self.output: Activation = get_activation(output, "output")
        if isinstance(W, np.ndarray) or not isinstance(W, Sequence) or len(W) == 0:
            raise TypeError(f"W must be a non-empty list of weight matrices [W1, ..., WL]; got {describe(W)}")
        matrices = []
        for ell, w in enumerate(W, start=1):
            w = check_finite(f"W[{ell}]", as_float_array(f"W[{ell}]", w))
            if w.ndim != 2 or 0 in w.shape:
                raise ValueError(
                    f"W[{ell}] must be a 2-D matrix of shape (d[{ell - 1}]+1, d[{ell}]); got shape {w.shape}"
                )
            if w.shape[0] < 2:
                raise ValueError(
                    f"W[{ell}] must have at least 2 rows (row 0 is the bias row, then one row per "
                    f"input node); got shape {w.shape}. Did you forget the bias row?"
                )
            if matrices and w.shape[0] != matrices[-1].shape[1] + 1:
                d_prev = matrices[-1].shape[1]
                hint = " Did you forget the bias row?" if w.shape[0] == d_prev else ""
                raise ValueError(
                    f"layers do not chain: W[{ell}] must have shape ({d_prev + 1}, ...) = (d[{ell - 1}]+1, d[{ell}]) "
                    f"because W[{ell - 1}] has {d_prev} columns; got shape {w.shape}.{hint}"
                )
            matrices.append(w.copy())
        self.W = Layers(matrices, "W")

    @property
    def L(self) -> int:
        return self.W.L

    @property
    def d(self) -> tuple[int, ...]:
        return (self.W[1].shape[0] - 1,) + tuple(w.shape[1] for w in self.W)

    def activation(self, ell: int) -> Activation:
        """θ of layer l: ``hidden`` for l < L, ``output`` for l = L."""
        return self.output if ell == self.L else self.hidden

    @property
    def n_weights(self) -> int:
        """Total number of weights, bias weights included."""
        return sum(w.size for w in self.W)

    def copy(self) -> "Network":
        """An independent copy (weights copied)."""
        return Network(list(self.W), hidden=self.hidden.name, output=self.output.name)

    def check_weight(self, name: str, index) -> tuple[int, int, int]:
        """Validate a weight index (l, i, j) naming W^(l)[i, j]; return it as ints."""
        if not isinstance(index, (tuple, list)) or len(index) != 3:
            raise TypeError(f"{name} must be a weight index (l, i, j) naming W[l][i, j]; got {describe(index)}")
        ell = check_int(f"{name}[0] (layer l)", index[0], low=1, high=self.L)
        rows, cols = self.W[ell].shape
        i = check_int(f"{name}[1] (row i of W[{ell}], 0 = bias)", index[1], low=0, high=rows - 1)
        j = check_int(f"{name}[2] (column j of W[{ell}])", index[2], low=0, high=cols - 1)
        return ell, i, j

    @classmethod
    def random(
        cls,
        d: Sequence[int],
        hidden: str = "tanh",
        output: str = "identity",
        seed: int | None = 0,
        scale: float = 1.0,
    ) -> "Network":
        """A network with random weights.

        Every weight of W^(l), bias included, is drawn independently from a
        normal distribution with mean 0 and standard deviation
        ``scale / sqrt(d^(l-1) + 1)``: the signal s^(l) then has a spread of
        order ``scale`` whatever the width, so tanh starts away from saturation
        (small random weights, as *Learning From Data* recommends) and no two
        hidden nodes start equal (all-zero weights would keep them equal).

        Parameters
        ----------
        d : sequence of int
            (d^(0), ..., d^(L)), at least two entries, each >= 1.
        hidden, output : str
            Activations by name.
        seed : int or None
            Seed for ``numpy.random.default_rng``.
        scale : float
            Multiplies every standard deviation.
        """
        if isinstance(d, (str, bytes)) or not isinstance(d, Sequence):
            raise TypeError(f"d must be a sequence (d0, d1, ..., dL) of layer widths; got {describe(d)}")
        if len(d) < 2:
            raise ValueError(f"d must be a sequence of at least 2 layer widths (d0, ..., dL with L >= 1); got {tuple(d)}")
        widths = [check_int(f"d[{ell}]", w, low=1) for ell, w in enumerate(d)]
        if check_real("scale", scale) < 0:
            raise ValueError(f"scale must be >= 0 (it multiplies the spreads); got {scale!r}")
        rng = rng_from_seed("seed", seed)
        W = [
            rng.normal(0.0, scale / np.sqrt(fan_in + 1), size=(fan_in + 1, fan_out))
            for fan_in, fan_out in zip(widths[:-1], widths[1:])
        ]
        return cls(W, hidden=hidden, output=output)

    def __repr__(self) -> str:
        return f"Network(d={self.d}, hidden={self.hidden.name!r}, output={self.output.name!r})"


def worked_example() -> tuple[Network, np.ndarray, float]:
    """The lecture's example: d = (1, 2, 1, 1), tanh everywhere, x = 2, y = 1.

    Returns
    -------
    net : Network
        W^(1) = [[0.1, 0.2], [0.3, 0.4]], W^(2) = [[0.2], [1], [-3]], W^(3) = [[1], [2]].
    x : ndarray of shape (1,)
        The input x = 2 (without the bias entry).
    y : float
        The target y = 1.
    """
    W1 = [[0.1, 0.2], [0.3, 0.4]]
    W2 = [[0.2], [1.0], [-3.0]]
    W3 = [[1.0], [2.0]]
    return Network([W1, W2, W3], hidden="tanh", output="tanh"), np.array([2.0]), 1.0
