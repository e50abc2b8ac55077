"""Numbers judged as numbers: what a student's array may hold and how close is right.

The policy, one rule for every check: answers are real float64 numbers
(numpy's default; integers are taken as floats), judged to 1e-6 relative.
Complex, boolean, string and object arrays are refused with a message (numpy
would drop an imaginary part with only a warning), and so are float32 and
float16, with the plain "use float64": the checks compare finer than float32's
7 digits, and a training run amplifies rounding over the epochs so far that a
right float32 loop could not be told from a wrong one. A float64 answer whose
every difference is at float32's rounding level was computed in float32 on
the way (``float32_level``): the checks say so. Differences are printed with as
many significant digits as it takes to show them.
"""

from __future__ import annotations

import numpy as np

# relative tolerance, and absolute tolerance per unit of the layer's largest entry
RTOL, ATOL = 1e-6, 1e-9

_REFUSED = {
    "c": "complex numbers; the numbers of a network are real (a complex value usually comes from"
         " np.sqrt or ** 0.5 of a negative number, or from np.fft)",
    "b": "booleans (True/False) instead of numbers",
    "U": "strings instead of numbers",
    "S": "bytes instead of numbers",
    "O": "Python objects instead of numbers (a list whose entries have different shapes, or None inside?)",
}


class NotNumbers(ValueError):
    """The message saying why an array's dtype is refused."""


def real_array(value) -> np.ndarray:
    """``value`` as a float64 array.

    Raises NotNumbers (its text says why) for complex, boolean, string and
    object values and for float32/float16; TypeError/ValueError from numpy
    when ``value`` is not array-like at all.
    """
    array = np.asarray(value)
    kind = array.dtype.kind
    if kind in _REFUSED:
        raise NotNumbers(f"{_REFUSED[kind]} (dtype {array.dtype})")
    if kind == "f" and array.dtype.itemsize < 8:
        digits = {2: 3, 4: 7}.get(array.dtype.itemsize, 7)
        raise NotNumbers(f"{array.dtype} numbers ({digits} significant digits), coarser than the checks compare"
                         " (1e-6 relative): use float64, numpy's default (no dtype=np.float32 or"
                         " .astype(np.float32))")
    if kind not in "iuf":
        raise NotNumbers(f"values of dtype {array.dtype} instead of numbers")
    return array.astype(np.float64)


#: How far a float64 answer may be off when part of it was computed in float32
#: (``np.concatenate([[1.0], x32])`` gives float64 back): a few float32
#: roundings, 64 float32 epsilons (7.6e-6), of the array's scale.
FLOAT32_LEVEL = 64 * float(np.finfo(np.float32).eps)


def _scale(want: np.ndarray) -> float:
    """The largest entry of ``want`` in size, and at least 1."""
    return max(1.0, float(np.max(np.abs(want))) if np.size(want) else 0.0)


def close(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Entry by entry: is ``got`` right? The absolute tolerance grows with the
    largest entry of ``want``, so entries that are small after a cancellation
    are judged against the layer's scale, not their own."""
    return np.isclose(got, want, rtol=RTOL, atol=ATOL * _scale(want))


def float32_level(got: np.ndarray, want: np.ndarray) -> bool:
    """Is every entry of ``got`` within float32's rounding of ``want`` (FLOAT32_LEVEL of its scale)?"""
    return got.shape == want.shape and bool(np.all(np.abs(got - want) <= FLOAT32_LEVEL * _scale(want)))


def two_numbers(got: float, want: float) -> tuple[str, str]:
    """``got`` and ``want`` with enough significant digits (at least 6) to tell them apart."""
    for digits in range(6, 18):
        a, b = f"{got:.{digits}g}", f"{want:.{digits}g}"
        if a != b:
            return a, b
    return repr(float(got)), repr(float(want))

