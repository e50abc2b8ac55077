"""A list indexed by layer number l = 1..L, as in the lecture.

W^(l), s^(l), δ^(l) and ∂E/∂W^(l) exist for l = 1..L only. Index 0 (or a
negative index) raises instead of silently returning another layer's data.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterator, Sequence

import numpy as np

from ._checks import as_float_array, check_finite


class Layers(Sequence):
    """Per-layer arrays numbered from 1: ``layers[1]`` .. ``layers[L]``.

    Parameters
    ----------
    arrays : sequence of ndarray
        The arrays for layers 1..L, in order.
    symbol : str
        What the entries are (``"W"``, ``"s"``, ``"delta"``, ``"G"``), for messages.
    """

    def __init__(self, arrays: Sequence[np.ndarray], symbol: str):
        self._arrays = list(arrays)
        self.symbol = symbol

    @property
    def L(self) -> int:
        return len(self._arrays)

    def _position(self, ell) -> int:
        if type(ell) is int and 1 <= ell <= len(self._arrays):  # the usual case, checked fast
            return ell - 1
        if isinstance(ell, bool) or not isinstance(ell, numbers.Integral):
            raise TypeError(f"layer index for {self.symbol} must be an integer l; got {ell!r}")
        if not 1 <= ell <= self.L:
            extra = f" (there is no {self.symbol}^(0))" if ell == 0 else ""
            raise IndexError(
                f"layer index for {self.symbol} must be between 1 and L = {self.L}; got {ell}{extra}"
            )
        return int(ell) - 1

    def __getitem__(self, ell):
        return self._arrays[self._position(ell)]

    def __setitem__(self, ell, value) -> None:
        position = self._position(ell)
        old = self._arrays[position]
        new = check_finite(f"{self.symbol}[{ell}]", as_float_array(f"{self.symbol}[{ell}]", value))
        if new.shape != old.shape:
            raise ValueError(
                f"{self.symbol}[{ell}] must keep its shape {old.shape}; got shape {new.shape}"
            )
        self._arrays[position] = new.copy()

    def __len__(self) -> int:
        return self.L

    def __iter__(self) -> Iterator[np.ndarray]:
        return iter(self._arrays)

    def items(self) -> Iterator[tuple[int, np.ndarray]]:
        """Pairs (l, array) for l = 1..L."""
        return ((ell, a) for ell, a in enumerate(self._arrays, start=1))

    def __repr__(self) -> str:
        body = ", ".join(f"{self.symbol}[{ell}]: {a.shape}" for ell, a in self.items())
        return f"Layers({body})"

    def replace(self, arrays: Sequence[np.ndarray]) -> None:
        """Swap in new arrays for all layers at once (same shapes; used by training)."""
        if [a.shape for a in arrays] != [a.shape for a in self._arrays]:
            raise ValueError(f"replacement {self.symbol} must keep every layer's shape")
        self._arrays = list(arrays)
