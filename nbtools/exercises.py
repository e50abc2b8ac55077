"""Checks for the notebooks' exercises: "correct", or a hint naming what is off."""

from __future__ import annotations

import numpy as np


#: dtype kinds that are not real numbers, by what to call them
_NOT_REAL = {"c": "complex numbers", "b": "True/False values", "U": "text", "S": "bytes",
             "M": "dates", "m": "time spans"}


def check_array(answer, expected, name: str = "answer", *, decimals: int = 2, hint: str = "") -> bool:
    """Compare a student's ``answer`` with ``expected`` to ``decimals`` places.

    Prints ``correct`` or what is off: the shape, or the first entries that
    differ, with the expected rounding. Returns True when correct.
    """
    expected = np.asarray(expected, dtype=float)
    if answer is None or answer is Ellipsis:
        print(f"No answer yet: replace the ... with your value for {name}.")
        return False
    kind = _NOT_REAL.get(np.asarray(answer).dtype.kind) if not isinstance(answer, str) else "text"
    if kind is not None:   # float() would drop an imaginary part, turn True into 1.0
        print(f"Not yet: {name} should be real numbers; got {kind} ({answer!r}). {hint}".strip())
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


# ----- exercises by key: answers kept in nbtools.exercise_bank, out of sight --------------

_HINTS_GIVEN: dict = {}


def _exercise(key: str):
    from .exercise_bank import BANK

    if key not in BANK:
        raise ValueError(f"key must be one of the exercises {sorted(BANK)}; got {key!r}")
    return BANK[key]


def _as_shape(answer):
    try:
        shape = tuple(int(v) for v in np.asarray(answer).reshape(-1))
    except (TypeError, ValueError):
        return None
    if not np.allclose(np.asarray(answer, dtype=float).reshape(-1), shape):
        return None
    return shape


def _evaluate(answer, points, name):
    """``answer`` (a function of x, or an expression in x as text) at every point."""
    if callable(answer):
        fn = answer
    elif isinstance(answer, str):
        try:
            code = compile(answer.strip(), name, "eval")
        except SyntaxError as exc:
            raise ValueError(f"{name} = {answer!r} is not a Python expression in x: {exc.msg}") from None
        def fn(x):
            return eval(code, {"__builtins__": {}, "np": np, "max": max, "min": min, "abs": abs, "float": float, "int": int}, {"x": x})
    else:
        raise ValueError(f"{name} should be an expression in x (text) or a function; got "
                         f"{type(answer).__name__}")
    values = []
    for x in points:
        try:
            values.append(float(fn(x)))
        except Exception as exc:  # the student's expression, reported not raised
            raise ValueError(f"{name} could not be evaluated at x = {x}: "
                             f"{type(exc).__name__}: {exc}") from None
    return np.array(values)


def check(key: str, answer, name: str = "answer") -> bool:
    """Check the answer to exercise ``key``; prints ``correct`` or what is off.

    Equivalent forms count: a tuple, list or array for a shape or numbers,
    numpy scalars, numbers within the exercise's tolerance, choices in any case,
    an expression checked by evaluating it.
    """
    ex = _exercise(key)
    if answer is None or answer is Ellipsis:
        print(f"No answer yet: replace the ... with your answer for {name}. "
              f"hint({key!r}) gives a hint.")
        return False
    expected = ex.expected()
    ok, detail = False, ""
    if ex.kind == "choice":
        given = str(answer).strip().lower()
        ok = given == str(expected).lower()
        if not ok and ex.choices and given not in [c.lower() for c in ex.choices]:
            detail = f" Answer with one of {list(ex.choices)}."
    elif ex.kind == "shape":
        shape = _as_shape(answer)
        ok = shape == tuple(expected)
        if shape is None:
            detail = " A shape is a tuple of whole numbers, such as (3, 4)."
        elif len(shape) != len(expected):
            detail = f" It has {len(expected)} axes, not {len(shape)}."
    elif ex.kind in ("number", "array"):
        try:
            given = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            given = None
            detail = f" {name} should be numbers; got {type(answer).__name__}."
        want = np.asarray(expected, dtype=float)
        if given is not None:
            if given.size == want.size and given.size:
                given = given.reshape(want.shape)
                ok = bool(np.all(np.isfinite(given)) and np.allclose(given, want, rtol=0,
                                                                      atol=ex.tolerance))
            else:
                detail = f" {name} should have {want.size} number(s); got {given.size}."
    elif ex.kind == "expression":
        try:
            got = _evaluate(answer, ex.points, name)
        except ValueError as exc:
            detail = f" {exc}."
        else:
            want = np.array([float(expected(np.array(x))) for x in ex.points])
            ok = np.allclose(got, want)
            if not ok:
                k = int(np.argmax(~np.isclose(got, want)))
                detail = f" At x = {ex.points[k]} it gives {got[k]:.4g}, which is not θ' there."
    if ok:
        print("correct")
        return True
    print(f"Not yet: {name} = {answer!r} is not it.{detail} hint({key!r}) gives a hint.")
    return False


def hint(key: str) -> None:
    """Print the next hint for exercise ``key`` (each call one step further)."""
    ex = _exercise(key)
    n = _HINTS_GIVEN.get(key, 0)
    if n >= len(ex.hints):
        print(f"No more hints. solution({key!r}) shows the solution.")
        return
    _HINTS_GIVEN[key] = n + 1
    print(f"Hint {n + 1} of {len(ex.hints)}: {ex.hints[n]}")


def solution(key: str) -> None:
    """Print the solution of exercise ``key`` (only when asked for)."""
    print(_exercise(key).solution)
