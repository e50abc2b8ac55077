"""Numbers judged as numbers: what a student's array may hold and how close is right.

The policy, one rule for every check: answers are real float64 numbers
(numpy's default; integers are taken as floats), judged to 1e-6 relative.
Complex, boolean, string and object arrays are refused with a message (numpy
would drop an imaginary part with only a warning), and so are float32 and
float16, with the plain "use float64": the checks compare finer than float32's
7 digits, and a training run amplifies rounding over the epochs so far that a
right float32 loop could not be told from a wrong one. Differences are printed
with as many significant digits as it takes to show them.
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


def close(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Entry by entry: is ``got`` right? The absolute tolerance grows with the
    largest entry of ``want``, so entries that are small after a cancellation
    are judged against the layer's scale, not their own."""
    scale = float(np.max(np.abs(want))) if np.size(want) else 0.0
    return np.isclose(got, want, rtol=RTOL, atol=ATOL * max(1.0, scale))


def two_numbers(got: float, want: float) -> tuple[str, str]:
    """``got`` and ``want`` with enough significant digits (at least 6) to tell them apart."""
    for digits in range(6, 18):
        a, b = f"{got:.{digits}g}", f"{want:.{digits}g}"
        if a != b:
            return a, b
    return repr(float(got)), repr(float(want))

