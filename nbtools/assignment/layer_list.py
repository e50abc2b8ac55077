"""Lists indexed by layer, 1..L, as the lecture and nbtools' own W, δ and G are.

``LayerList`` is the list a student keeps per-layer arrays in: the signals
s^(ℓ), the sensitivities δ^(ℓ), the gradients G^(ℓ) and new weights W^(ℓ),
ℓ = 1..L. ``one_based`` reads a weights argument given to a check (nbtools' W,
a LayerList, a list with None first, or a dict {1: W1, ...}) and refuses a
plain list, which is indexed from 0, with the hint to wrap it.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping

import numpy as np

from .._checks import describe
from ..layers import Layers


class LayerList(list):
    """A list of L per-layer entries indexed 1..L, like nbtools' W: ``LayerList([W1, W2])[1]`` is W1.

    ``LayerList([None] * L)`` is a list to fill, ``delta[L]`` first;
    ``LayerList()`` one to ``append`` to, layer 1 first. Every integer type
    indexes the same way (``W[np.int64(1)]`` is W1 too). Layer 0, negative
    layers and slices raise: ``W[1:]`` would mean "drop the first layer" for a
    list but "from layer 1" in the lecture's numbering. Iterating gives the
    entries of layers 1, ..., L; ``len`` is L.
    """

    def _position(self, ell) -> int:
        if isinstance(ell, slice):
            raise TypeError("a LayerList has no slices: its layers are 1..L and [1:] would be ambiguous."
                            " Use [W[ell] for ell in range(1, len(W) + 1)] or list(W) (indexed from 0).")
        if isinstance(ell, bool) or not isinstance(ell, numbers.Integral):
            raise TypeError(f"a layer number must be an integer ℓ = 1..{len(self)}; got {describe(ell)}")
        if not 1 <= ell <= len(self):
            extra = (" (there is no layer 0, no W^(0), δ^(0) or G^(0): the first layer is [1], as in the"
                     " lecture)" if ell == 0 else "")
            raise IndexError(f"layer {int(ell)} does not exist; layers are 1..{len(self)}{extra}")
        return int(ell) - 1

    def __getitem__(self, ell):
        return list.__getitem__(self, self._position(ell))

    def __setitem__(self, ell, value) -> None:
        list.__setitem__(self, self._position(ell), value)

    def __iter__(self):
        return list.__iter__(self)

    def __repr__(self) -> str:
        return f"LayerList({list.__repr__(self)})"


def one_based(W, name: str = "W") -> list[np.ndarray]:
    """The arrays W^(1..L) of a weights argument, as float64 copies.

    Raises
    ------
    TypeError, ValueError
        Naming ``name``: a plain (0-based) list or tuple, no layers, or a
        layer that is not a 2-D array of real numbers.
    """
    if isinstance(W, (Layers, LayerList)) or isinstance(getattr(W, "W", None), Layers):
        arrays = list(W.W if hasattr(W, "W") else W)
    elif isinstance(W, Mapping):
        L = len(W)
        if sorted(W) != list(range(1, L + 1)):
            raise ValueError(f"{name} as a dict must have the keys 1..L; got keys {sorted(W)!r}")
        arrays = [W[ell] for ell in range(1, L + 1)]
    elif isinstance(W, (list, tuple)) and W and W[0] is None:
        arrays = list(W[1:])
    elif isinstance(W, (list, tuple)):
        raise TypeError(f"{name} must be indexed by layer, {name}[1]..{name}[L] (nbtools' W or a LayerList);"
                        f" got a plain {type(W).__name__} of {len(W)} entries, indexed from 0 ({name}[0] would be"
                        f" the first layer). Wrap it: LayerList({name}).")
    else:
        raise TypeError(f"{name} must be the weights W[1]..W[L] (nbtools' W or a LayerList); got {describe(W)}")
    if not arrays:
        raise ValueError(f"{name} must hold at least one layer; got none")
    out = []
    for ell, w in enumerate(arrays, start=1):
        if np.iscomplexobj(w):
            raise TypeError(f"{name}[{ell}] must hold real numbers; got complex values")
        try:
            w = np.array(w, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"{name}[{ell}] must be a 2-D array of numbers; got {describe(w)}") from None
        if w.ndim != 2 or not np.all(np.isfinite(w)):
            raise ValueError(f"{name}[{ell}] must be a 2-D array of finite numbers (d^({ell - 1})+1, d^({ell}));"
                             f" got {describe(w)}")
        if ell > 1 and w.shape[0] != out[-1].shape[1] + 1:
            raise ValueError(f"{name}[{ell}] must have {out[-1].shape[1] + 1} rows = d^({ell - 1})+1 (the bias row"
                             f" and one per unit of layer {ell - 1}); got shape {w.shape}")
        out.append(w)
    return out
