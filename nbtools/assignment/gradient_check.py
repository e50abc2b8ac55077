"""The student's own check of a gradient: central differences.

Unlike the checks, this is a tool that returns numbers, so bad arguments
raise ``ValueError``/``TypeError`` naming the argument, the rule and the value
received (a printed message and None would only fail on the next line).
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._checks import describe
from .layer_list import LayerList, one_based


def _step_size(h) -> float:
    if isinstance(h, bool) or not isinstance(h, numbers.Real):
        raise TypeError(f"h must be a real number (the step of the central difference); got {describe(h)}")
    if not math.isfinite(h) or h <= 0:
        raise ValueError(f"h must be a finite number > 0 (the step of the central difference, e.g. 1e-5);"
                         f" got {h!r}")
    return float(h)


def _error(E_of, Ws) -> float:
    value = E_of(Ws)
    if np.iscomplexobj(value) or np.ndim(value) != 0:
        raise TypeError(f"E_of(W) must return one real number, the error E; got {describe(value)}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError(f"E_of(W) must return one real number, the error E; got {describe(value)}") from None


def gradient_check(E_of, W, h: float = 1e-5) -> list[np.ndarray]:
    """Central differences: for every weight w, (E(w + h) − E(w − h)) / (2h).

    Parameters
    ----------
    E_of : callable
        ``E_of(W)`` returns the error E for weights W (a LayerList, indexed 1..L).
    W : nbtools' W, a LayerList, a list with None first or a dict {1: W1, ...}
        The weights W^(1..L) at which to differentiate; not changed.
    h : float
        The step, > 0.

    Returns
    -------
    LayerList
        L arrays shaped like W[1]..W[L], indexed 1..L like them, to compare with your ∂E/∂W.
    """
    if not callable(E_of):
        raise TypeError(f"E_of must be a function E_of(W) -> E; got {describe(E_of)}")
    h = _step_size(h)
    Ws = LayerList(one_based(W))
    out = []
    for w in Ws:
        g = np.zeros_like(w)
        for index in np.ndindex(w.shape):
            keep = w[index]
            w[index] = keep + h
            up = _error(E_of, Ws)
            w[index] = keep - h
            down = _error(E_of, Ws)
            w[index] = keep
            g[index] = (up - down) / (2 * h)
        out.append(g)
    return LayerList(out)
