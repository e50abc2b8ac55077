"""Argument checking shared by the whole package.

Every check raises ``ValueError`` or ``TypeError`` whose message names the
argument, states the rule and shows what was received, so that a student sees
what to fix instead of a NaN or an ``IndexError`` from deep inside numpy.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import numpy as np


def describe(value) -> str:
    """Short description of ``value`` for error messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} (type {type(value).__name__})"


def as_float_array(name: str, value) -> np.ndarray:
    """``value`` as a float64 array; TypeError if it is not numeric."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be numeric (a number or an array of numbers); got {describe(value)}")
    if np.iscomplexobj(value):
        raise TypeError(f"{name} must hold real numbers; got complex values: {describe(value)}")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must be numeric (a number or an array of numbers); got {describe(value)}"
        ) from exc
    return array


def check_finite(name: str, array: np.ndarray) -> np.ndarray:
    """Reject NaN and infinity, saying where the first one is."""
    bad = ~np.isfinite(array)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0]) if array.ndim else ()
        first = float(array.reshape(-1)[bad.reshape(-1)][0])
        raise ValueError(
            f"{name} must contain only finite numbers; got {first!r}"
            + (f" at index {where}" if where else "")
            + f" ({int(bad.sum())} non-finite value(s) in all)"
        )
    return array


def check_real(name: str, value, *, positive: bool = False, allow_inf: bool = False) -> float:
    """A finite real number (optionally > 0; ``allow_inf``: +inf allowed too, never NaN)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {describe(value)}")
    value = float(value)
    if not (math.isfinite(value) or (allow_inf and value == math.inf)):
        raise ValueError(f"{name} must be finite; got {value!r}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be > 0; got {value!r}")
    return value


def check_int(name: str, value, *, low: int | None = None, high: int | None = None) -> int:
    """An integer in ``[low, high]`` (either bound optional)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {describe(value)}")
    value = int(value)
    if low is not None and value < low:
        rule = f"between {low} and {high}" if high is not None else f">= {low}"
        raise ValueError(f"{name} must be {rule}; got {value}")
    if high is not None and value > high:
        rule = f"between {low} and {high}" if low is not None else f"<= {high}"
        raise ValueError(f"{name} must be {rule}; got {value}")
    return value


def check_one_of(name: str, value, choices: Iterable[str]) -> str:
    """One of a fixed set of names; the message lists the choices."""
    choices = list(choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a name, one of {choices}; got {describe(value)}")
    if value not in choices:
        raise ValueError(f"{name} must be one of {choices}; got {value!r}")
    return value


def rng_from_seed(name: str, seed) -> np.random.Generator:
    """``numpy.random.default_rng(seed)``, with a message naming the argument."""
    try:
        return np.random.default_rng(seed)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must be None or a non-negative integer (or a numpy Generator); "
            f"got {describe(seed)}"
        ) from exc
