"""Saying what is off in what a student's function returned.

Every check turns what came back into per-layer arrays with ``layer_list``
(None, wrong types, wrong lengths, NaN and arrays that are not real numbers
become messages) and compares with ``first_difference``: the first layer and
entry that differ, expected against received, to the precision of the
answer's dtype (``precision``).
"""

from __future__ import annotations

import numpy as np

from .._checks import describe
from .precision import NotNumbers, close, real_array, two_numbers


class Wrong(Exception):
    """What is off in a student's answer: the message a check prints."""


def _placeholder(value, name: str) -> None:
    if value is Ellipsis:
        raise Wrong(f"{name} is still `...`, the placeholder: replace it with your code.")


def as_array(value, name: str) -> np.ndarray:
    """``value`` as a float64 array, or a Wrong saying why not (``precision`` has the rule)."""
    _placeholder(value, name)
    if value is None:
        raise Wrong(f"{name} is None. Did you forget a `return`?")
    try:
        array = real_array(value)
    except NotNumbers as refused:
        raise Wrong(f"{name} should hold real numbers; got {refused}.") from None
    except (TypeError, ValueError):
        raise Wrong(f"{name} should be numbers; got {describe(value)}.") from None
    if not np.all(np.isfinite(array)):
        raise Wrong(f"{name} contains NaN or infinity: {np.array2string(array, precision=4)}.")
    return array


def layer_list(value, name: str, first: int, last: int) -> list:
    """Arrays for layers first..last from a list, a tuple or nbtools' Layers.

    A list for layers 1..L may have L entries, or L+1 with entry 0 None (so that
    the list's index is the layer number).
    """
    _placeholder(value, name)
    if value is None:
        raise Wrong(f"{name} is None. Did you forget a `return`?")
    if isinstance(value, (np.ndarray, str, bytes)) or not hasattr(value, "__len__"):
        raise Wrong(f"{name} should be a list of arrays, one per layer; got {describe(value)}.")
    items = list(value)
    count = last - first + 1
    if first == 1 and len(items) == count + 1 and items[0] is None:
        items = items[1:]
    if len(items) != count:
        symbol = name.split()[0]
        want = f"{symbol}[{first}]..{symbol}[{last}]"
        raise Wrong(f"{name} has {len(items)} entries; want {count}: {want}"
                    + (" (or a list with None first)." if first == 1 else "."))
    return [as_array(a, f"{name.split()[0]}[{ell}]") for ell, a in zip(range(first, last + 1), items)]


def shape_hint(symbol: str, ell: int, got: tuple, want: tuple, L: int) -> str:
    """Why an array has the wrong shape, when the shape tells."""
    if len(got) == len(want) + 1 and got[0] == 1 and got[1:] == want:
        return " It has an extra leading axis of length 1: return 1-D arrays for one point."
    if len(want) == 1 and got == (want[0] - 1,) and symbol == "x" and ell < L:
        return f" The bias entry is missing: x^({ell}) = [1; θ(s^({ell}))] starts with x_0 = 1."
    if len(want) == 1 and got == (want[0] + 1,):
        if symbol == "x":
            return " x^(L) = θ(s^(L)) has no bias entry." if ell == L else " One entry too many."
        if symbol == "delta":
            return (f" The bias row was not dropped: δ^({ell}) uses [W^({ell + 1}) δ^({ell + 1})] without"
                    " its entry 0, rows 1..d^(l) only.")
        return " A signal s^(l) has no bias entry."
    if len(want) == 2 and got == want[::-1]:
        return f" It is transposed: {symbol}[{ell}] has the shape of W[{ell}], (d^({ell - 1})+1, d^({ell}))."
    if len(want) == 2 and got == (want[0] - 1, want[1]):
        return f" The bias row 0 is missing: use x^({ell - 1}) with its bias entry 1."
    return ""


def first_difference(expected: list, received: list, L: int) -> str | None:
    """The first (symbol, layer, entry) that differs, as a sentence; None if all agree.

    ``expected`` and ``received`` hold (symbol, layer, array) triples in the same order.
    """
    for (symbol, ell, want), (_, _, got) in zip(expected, received):
        label = symbol if ell is None else f"{symbol}[{ell}]"
        if got.shape != want.shape:
            return f"{label} has shape {got.shape}; want {want.shape}." + shape_hint(symbol, ell, got.shape, want.shape, L)
        off = ~close(got, want)
        if off.any():
            index = tuple(int(i) for i in np.argwhere(off)[0]) if got.ndim else ()
            entry = f"{label}{''.join(f'[{i}]' for i in index)}"
            a, b = two_numbers(float(got[index]), float(want[index]))
            return (f"{entry} is {a}; expected {b} ({int(off.sum())} of {got.size} entries of {label} off).")
    return None


def same(expected: list, received: list) -> bool:
    return all(g.shape == w.shape and bool(np.all(close(g, w)))
               for (_, _, w), (_, _, g) in zip(expected, received))


def likely_cause(received: list, variants: dict) -> str:
    """The name of the first variant (a known mistake) whose result equals ``received``."""
    for cause, compute in variants.items():
        try:
            result = compute()
        except Exception:  # the mistake cannot happen with these shapes
            continue
        if result is not None and same(result, received):
            return f" Likely cause: {cause}."
    return ""


def report(ok: bool, message: str) -> bool:
    print(message)
    return ok
