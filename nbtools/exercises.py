"""Checks for the notebooks' exercises: "correct", or a hint naming what is off."""

from __future__ import annotations

import numpy as np


def check_array(answer, expected, name: str = "answer", *, decimals: int = 2, hint: str = "") -> bool:
    """Compare a student's ``answer`` with ``expected`` to ``decimals`` places.

    Prints ``correct`` or what is off: the shape, or the first entries that
    differ, with the expected rounding. Returns True when correct.
    """
    expected = np.asarray(expected, dtype=float)
    if answer is None or answer is Ellipsis:
        print(f"No answer yet: replace the ... with your value for {name}.")
        return False
    try:
        given = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        print(f"Not yet: {name} should be numbers; got {type(answer).__name__}. {hint}".strip())
        return False
    if given.shape != expected.shape:
        if given.size == expected.size:
            detail = f"reshape it to {expected.shape}"
        else:
            detail = f"it should have shape {expected.shape}"
        print(f"Not yet: {name} has shape {given.shape}; {detail}. {hint}".strip())
        return False
    if not np.all(np.isfinite(given)):
        print(f"Not yet: {name} contains NaN or infinity. {hint}".strip())
        return False
    tolerance = 0.5 * 10.0 ** (-decimals) + 1e-12
    wrong = np.argwhere(np.abs(given - expected) > tolerance)
    if wrong.size == 0:
        print("correct")
        return True
    first = tuple(int(i) for i in wrong[0])
    where = f"{name}{list(first)}" if given.ndim else name
    print(
        f"Not yet: {where} is {given[first]:.{decimals + 2}f}, which is off by more than "
        f"{tolerance:.{decimals + 1}f} ({len(wrong)} of {given.size} entries off). {hint}".strip()
    )
    return False


def check_choice(answer, expected, name: str = "answer", *, hint: str = "") -> bool:
    """Compare a choice (a string, number or bool) exactly; prints ``correct`` or a hint."""
    if answer is None or answer is Ellipsis:
        print(f"No answer yet: replace the ... with your choice for {name}.")
        return False
    if answer == expected:
        print("correct")
        return True
    print(f"Not yet: {name} = {answer!r} is not it. {hint}".strip())
    return False
