"""Saying what is off in what a student's function returned.

Every check turns what came back into per-layer arrays with ``layer_list``
(None, wrong types, wrong lengths, lists numbered from 0, NaN and arrays that
are not real numbers become messages) and compares with ``first_difference``:
the first layer and entry that differ, expected against received, to the
precision of the answer's dtype (``precision``), and a word on float32 when
every difference is at its rounding level.
"""

from __future__ import annotations

import numpy as np

from .._checks import describe
from ..layers import Layers
from .layer_list import LayerList
from .precision import NotNumbers, close, float32_level, real_array, two_numbers

FLOAT32_HINT = (" Your numbers differ at about float32 precision (7 significant digits): compute in float64,"
                " numpy's default (look for np.float32, dtype=np.float32 or .astype(np.float32) in your code"
                " and data).")


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


def layer_list(value, name: str, first: int, last: int, expected: list | None = None) -> list:
    """Arrays for layers first..last, or a Wrong saying what is off.

    Layers 0..L (x^(0..L)): a list or tuple of L+1 arrays. Layers 1..L (s, δ,
    G, W): numbered from 1 as in the lecture, a LayerList, nbtools' Layers or a
    list with entry 0 None (L+1 entries); a plain list of L entries is numbered
    from 0 and refused, and so is a list whose layer L is None after its entry
    0 was filled. ``expected``, the right arrays of layers 1..L, lets the
    message say which layer an entry holds.
    """
    _placeholder(value, name)
    if value is None:
        raise Wrong(f"{name} is None. Did you forget a `return`?")
    if isinstance(value, (np.ndarray, str, bytes)) or not hasattr(value, "__len__"):
        raise Wrong(f"{name} should be a list of arrays, one per layer; got {describe(value)}.")
    items = list(value)
    count = last - first + 1
    if first == 1 and not isinstance(value, (LayerList, Layers)):
        if len(items) == count + 1 and items[0] is None:
            items = items[1:]
        elif len(items) == count + 1 and items[-1] is None:
            raise Wrong(zero_based(name, items[:-1], expected))
        elif len(items) == count:
            raise Wrong(zero_based(name, items, expected))
    if len(items) != count:
        symbol = name.split()[0]
        want = f"{symbol}[{first}]..{symbol}[{last}]"
        raise Wrong(f"{name} has {len(items)} entries; want {count}: {want}"
                    + (" (a LayerList, or a list with None first)." if first == 1 else "."))
    symbol = name.split()[0]
    for ell, a in zip(range(first, last + 1), items):
        if a is None:
            raise Wrong(f"{symbol}[{ell}] is still None: give every layer its array, {symbol}[{first}] to"
                        f" {symbol}[{last}].")
    return [as_array(a, f"{symbol}[{ell}]") for ell, a in zip(range(first, last + 1), items)]


def _holds(item, want) -> bool:
    """Is ``item`` (an entry of the student's list) the array ``want``?"""
    try:
        got = real_array(item)
    except (TypeError, ValueError):
        return False
    return got.shape == want.shape and bool(np.all(close(got, want)))


def zero_based(name: str, items: list, expected: list | None) -> str:
    """The message for per-layer entries stored from index 0: ``items[k]`` holds layer k+1."""
    symbol, L = name.split()[0], len(items)
    rule = (f"number the layers from 1, as in the lecture: {symbol}[ℓ] for ℓ = 1..{L}, and {symbol}[0] is no"
            f" layer (a LayerList, or a list with None first).")
    if expected is not None and len(expected) == L:
        right = [_holds(item, want) for item, want in zip(items, expected)]
        numbers = " Your numbers are right: only their numbering is off." if all(right) else ""
        if L >= 2 and right[1]:
            return f"your {symbol}[1] holds what {symbol}[2] should: {rule}{numbers}"
        if right[0]:
            return f"your {symbol}[0] holds what {symbol}[1] should: {rule}{numbers}"
    return (f"{name} is numbered from 0 ({symbol}[0] holds layer 1 and {symbol}[{L}] does not exist): {rule}")


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
                    " its entry 0, rows 1..d^(ℓ) only.")
        return " A signal s^(ℓ) has no bias entry."
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
            precision = FLOAT32_HINT if all(float32_level(g, w) for (_, _, w), (_, _, g)
                                            in zip(expected, received)) else ""
            return (f"{entry} is {a}; expected {b} ({int(off.sum())} of {got.size} entries of {label} off)."
                    + precision)
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
