"""Numbers and symbols as text: one fixed format for figures, tables and readouts.

Everything a notebook shows as a number goes through ``number`` so that the
same value prints the same way everywhere, and stored outputs compare exactly
(nbval). Plain Unicode, not mathtext: text is redrawn on every slider move and
mathtext costs several times more to render.
"""

from __future__ import annotations

import math

MINUS = "\u2212"  # the typographic minus sign, wider and clearer than "-" when projected

_SUPERSCRIPT = str.maketrans("0123456789()+-=", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁺⁻⁼")
_SUBSCRIPT = str.maketrans("0123456789()+-=", "₀₁₂₃₄₅₆₇₈₉₍₎₊₋₌")

#: Names of the quantities a node or an edge can show, and their symbols.
SYMBOLS = {"x": "x", "s": "s", "delta": "δ", "w": "w", "grad": "∂e/∂w"}


def number(value, decimals: int = 2, minus: str = MINUS) -> str:
    """``value`` with a fixed number of decimals: ``number(-0.6658) == "−0.67"``.

    Rounding is Python's (correct rounding of the binary value, ties to even).
    A value that rounds to zero prints without a sign ("0.00", never "−0.00");
    None or NaN prints as "?" (not computed yet).
    """
    if value is None:
        return "?"
    value = float(value)
    if math.isnan(value):
        return "?"
    text = f"{value:.{decimals}f}"
    if text.startswith("-"):
        text = text[1:] if float(text) == 0 else minus + text[1:]
    return text


def scientific(value, digits: int = 1, minus: str = MINUS) -> str:
    """``value`` in scientific notation, e.g. ``"3.2e−07"``; "?" for None or NaN."""
    if value is None or math.isnan(float(value)):
        return "?"
    return f"{float(value):.{digits}e}".replace("-", minus)


def superscript(text) -> str:
    """Digits, signs and parentheses as Unicode superscripts: ``"(1)"`` → ``"⁽¹⁾"``."""
    return str(text).translate(_SUPERSCRIPT)


def subscript(text) -> str:
    """Digits, signs and parentheses as Unicode subscripts: ``"01"`` → ``"₀₁"``."""
    return str(text).translate(_SUBSCRIPT)


def layer_symbol(name: str, ell: int) -> str:
    """A layer quantity in plain text: ``layer_symbol("delta", 2) == "δ⁽²⁾"``."""
    return SYMBOLS.get(name, name) + superscript(f"({ell})")


def weight_symbol(ell: int, i: int, j: int) -> str:
    """The weight W^(l)[i, j] (code indices) in the lecture's notation w^(l)_{i, j+1}.

    ``weight_symbol(1, 0, 0) == "w⁽¹⁾₀₁"``: row i = 0 is the bias row and the
    lecture numbers the columns (the nodes of layer l) from 1.
    """
    return "w" + superscript(f"({ell})") + subscript(f"{i}{j + 1}")


def weight_name(ell: int, i: int, j: int) -> str:
    """An ASCII name for W^(l)[i, j] in the lecture's numbering: ``"w1_01"``.

    Used as a keyword of ``Panel.update``; j + 1 because the lecture numbers
    the nodes of layer l from 1 (row i = 0 is the bias). Indices of 10 or
    more get a separator (``"w1_12_3"``) so that names stay unambiguous.
    """
    sep = "" if max(i, j + 1) < 10 else "_"
    return f"w{ell}_{i}{sep}{j + 1}"

