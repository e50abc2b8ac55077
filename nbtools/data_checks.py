"""Checking inputs X and targets y against a network's widths d^(0) and d^(L)."""

from __future__ import annotations

import math

import numpy as np

from ._checks import as_float_array, check_finite, describe
from .network import Network


def check_network(net) -> None:
    """``net`` is a Network whose weights are all finite (they may have been
    edited in place since it was built, e.g. ``net.W[1][0, 0] = value``)."""
    if not isinstance(net, Network):
        raise TypeError(f"net must be an nbtools.Network; got {describe(net)}")
    for ell, W in net.W.items():
        if not math.isfinite(W.sum()):  # fast path: NaN and inf propagate through a sum
            check_finite(f"net.W[{ell}]", W)


def prepare_X(net, X, name: str = "X") -> tuple[np.ndarray, bool]:
    """X as an (N, d^(0)) array, and whether it was one point.

    One point is a 1-D array of length d^(0) (or a number when d^(0) = 1);
    a batch is an (N, d^(0)) array with the points on axis 0. Checks ``net``
    too (every entry point calls this first).
    """
    check_network(net)
    d0 = net.d[0]
    array = check_finite(name, as_float_array(name, X))
    if array.ndim == 0 and d0 == 1:
        return array.reshape(1, 1), True
    if array.ndim == 1 and array.shape[0] == d0:
        return array.reshape(1, d0), True
    if array.ndim == 2 and array.shape[1] == d0:
        if array.shape[0] == 0:
            raise ValueError(f"{name} must hold at least one point; got an empty array of shape {array.shape}")
        return array, False
    hint = ""
    if array.ndim == 1 and d0 == 1:
        hint = f" For {array.shape[0]} points of one feature, pass {name}.reshape(-1, 1)."
    elif array.ndim == 2 and array.shape[1] == d0 + 1:
        hint = " Leave out the constant bias entry x0 = 1: the network adds it."
    raise ValueError(
        f"{name} must have shape (d0,) = ({d0},) for one point or (N, {d0}) for a batch "
        f"of N points, d0 = {d0} being the network's input width; got {describe(array)}.{hint}"
    )


def prepare_y(net, y, N: int, single: bool, measure=None) -> np.ndarray:
    """y as an (N, d^(L)) array matching N points.

    One point: a number (d^(L) = 1) or shape (d^(L),). A batch: shape (N,)
    when d^(L) = 1, or (N, d^(L)).
    """
    dL = net.d[-1]
    array = check_finite("y", as_float_array("y", y))
    if single:
        ok = array.shape in ((dL,),) or (array.ndim == 0 and dL == 1)
        rule = f"a number or shape ({dL},)" if dL == 1 else f"shape ({dL},)"
    else:
        ok = array.shape == (N, dL) or (dL == 1 and array.shape == (N,))
        rule = f"shape ({N},) or ({N}, 1)" if dL == 1 else f"shape ({N}, {dL})"
    if not ok:
        what = "one point" if single else f"N = {N} points"
        raise ValueError(
            f"y must have {rule} for {what} and d^(L) = {dL} output(s); got {describe(array)}"
        )
    array = array.reshape(N, dL)
    if measure is not None and measure.labels == "±1" and not np.all(np.abs(array) == 1.0):
        bad = array[np.abs(array) != 1.0][0]
        raise ValueError(
            f"y must hold labels -1 or +1 for error={measure.name!r}; got {float(bad)!r}. "
            f"Use error='squared' for real-valued targets."
        )
    return array
