"""The lecture's tables of one data point: forward (x⁽⁰⁾, s⁽¹⁾, x⁽¹⁾, …, x⁽ᴸ⁾) and δ.

A ``Table`` holds formatted strings only, so what a notebook stores is exactly
what it shows, and nbval compares it exactly: plain text (``repr``, ``.text``)
and HTML (``_repr_html_``), both deterministic. ``draw_table`` draws the same
strings on matplotlib axes for the panels.

Rounding: every number is rounded correctly to ``decimals`` places (default 2,
Python's rounding of the binary value). The notes print x⁽³⁾ = tanh(−0.8031) =
−0.6658 as "−0.66", which is that value *truncated*; rounded it is −0.67, and
that is what the table shows. ``forward_table(trace, decimals=3)`` shows
−0.666, which makes the difference visible (and δ⁽³⁾ = −1.855 in the notes comes
from the unrounded x⁽³⁾, not from −0.66).

Bias entries x₀⁽ˡ⁾ = 1 are constants, shown as "1" whatever ``decimals`` is.
Strings use the ASCII minus "-" so a number copied from the plain text can be
pasted into code; HTML and figures show the typographic minus "−".
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from .._checks import check_int
from .labels import MINUS, SYMBOLS, number
from .layout import laid_out_size
from .style import ax_or_new

_MATH = {"x": r"\mathbf{x}", "s": r"\mathbf{s}", "delta": r"\boldsymbol{\delta}"}


@dataclass(frozen=True)
class Table:
    """Formatted columns of vectors, one column per quantity of one layer.

    Attributes
    ----------
    symbols : tuple of (str, int)
        What each column is: (name, l) with name "x", "s" or "delta", e.g. ("s", 1).
    columns : tuple of tuple of str
        Each column's entries, top to bottom (a column vector).
    """

    symbols: tuple
    columns: tuple

    @property
    def headers(self) -> list[str]:
        """Plain-text headers: "x(0)", "s(1)", "delta(3)", ..."""
        return [f"{name}({ell})" for name, ell in self.symbols]

    @property
    def rows(self) -> list[tuple[str, ...]]:
        """The entries row by row, shorter columns padded with "" (headers not included)."""
        depth = max(len(column) for column in self.columns)
        return [tuple(c[r] if r < len(c) else "" for c in self.columns) for r in range(depth)]

    @property
    def text(self) -> str:
        """The table as right-aligned plain text, headers first."""
        lines = [tuple(self.headers)] + self.rows
        widths = [max(len(line[c]) for line in lines) for c in range(len(self.columns))]
        return "\n".join(
            "  ".join(cell.rjust(w) for cell, w in zip(line, widths)).rstrip() for line in lines
        )

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        vector = (
            "display:inline-block;border-left:2px solid;border-right:2px solid;"
            "border-radius:4px;padding:0 0.4em;text-align:right;line-height:1.35"
        )
        heads = "".join(
            f'<th style="text-align:center">{SYMBOLS[name]}<sup>({ell})</sup></th>'
            for name, ell in self.symbols
        )
        cells = "".join(
            f'<td style="text-align:center;vertical-align:middle"><span style="{vector}">'
            + "<br>".join(html.escape(entry.replace("-", MINUS)) for entry in column)
            + "</span></td>"
            for column in self.columns
        )
        return (
            f'<table class="nbtools-table"><thead><tr>{heads}</tr></thead>'
            f"<tbody><tr>{cells}</tr></tbody></table>"
        )


def _entries(values, decimals: int, bias: bool) -> tuple[str, ...]:
    values = np.asarray(values, dtype=float).ravel()
    formatted = [number(v, decimals, minus="-") for v in (values[1:] if bias else values)]
    return tuple((["1"] if bias else []) + formatted)


def _check_single(name: str, single: bool) -> None:
    if not single:
        raise ValueError(
            f"{name} shows one data point; got a batch. "
            "Run nbtools.forward(net, x) on a single point x."
        )


def forward_table(trace, decimals: int = 2) -> Table:
    """The forward-propagation table of the notes: x⁽⁰⁾, s⁽¹⁾, x⁽¹⁾, …, s⁽ᴸ⁾, x⁽ᴸ⁾.

    Parameters
    ----------
    trace : Trace
        ``nbtools.forward(net, x)`` for one point x.
    decimals : int
        Decimals of every computed entry (bias entries show "1").

    Examples
    --------
    For the lecture's network and x = 2 the columns are [1, 2.00], [0.70, 1.00],
    [1, 0.60, 0.76], [-1.48], [1, -0.90], [-0.80], [-0.67].
    """
    decimals = check_int("decimals", decimals, low=0, high=12)
    _check_single("forward_table", getattr(trace, "single", False))
    L = len(trace.x) - 1
    symbols, columns = [("x", 0)], [_entries(trace.x[0], decimals, bias=True)]
    for ell in range(1, L + 1):
        symbols += [("s", ell), ("x", ell)]
        columns += [
            _entries(trace.s[ell], decimals, bias=False),
            _entries(trace.x[ell], decimals, bias=ell < L),
        ]
    return Table(tuple(symbols), tuple(columns))


def delta_table(delta, decimals: int = 2) -> Table:
    """The table of sensitivities in the notes' order: δ⁽ᴸ⁾, δ⁽ᴸ⁻¹⁾, …, δ⁽¹⁾.

    Parameters
    ----------
    delta : Layers
        ``nbtools.backward(net, trace, y)`` for one point.
    decimals : int
        Decimals of every entry.
    """
    decimals = check_int("decimals", decimals, low=0, high=12)
    _check_single("delta_table", all(np.ndim(d) == 1 for d in delta))
    L = len(delta)
    symbols = tuple(("delta", ell) for ell in range(L, 0, -1))
    return Table(symbols, tuple(_entries(delta[ell], decimals, bias=False) for _, ell in symbols))


@dataclass
class TableArtists:
    """Handles on a drawn table: ``headers``, ``cells[c][r]`` (Text) and ``brackets`` (Line2D)."""

    ax: object
    headers: list
    cells: list
    brackets: list

    def dynamic(self) -> list:
        """The artists ``update_table`` changes (the cells)."""
        return [text for column in self.cells for text in column]


def draw_table(table: Table, ax=None, fontsize: float = 12) -> TableArtists:
    """Draw ``table`` on ``ax`` (axes switched off): headers, then each column vector in brackets.

    Returns artists for ``update_table``; a table of the same shape can be
    swapped in without recreating anything.
    """
    ax = ax_or_new(ax, figsize=(8.0, 1.6))
    n, depth = len(table.columns), max(len(c) for c in table.columns)
    step = 0.72 / depth  # the vectors fill the axes below the header
    # Half a bracket's width, from the longest entry (a digit is ~0.6 em wide), and its
    # serifs, in points, then as fractions of the axes' width.
    longest = max(5, *(len(entry) for column in table.columns for entry in column))
    points = laid_out_size(ax)[0]
    half, serif = (0.3 * fontsize * longest + 4.0) / points, 4.0 / points
    headers, cells, brackets = [], [], []
    for c, ((name, ell), column) in enumerate(zip(table.symbols, table.columns)):
        x = (c + 0.5) / n
        header = f"${_MATH[name]}^{{({ell})}}$"
        headers.append(
            ax.text(
                x, 0.97, header, transform=ax.transAxes, ha="center", va="top", fontsize=fontsize
            )
        )
        top = 0.8
        cells.append(
            [
                ax.text(x + half - serif,
                    top - (r + 0.5) * step,
                    "",
                    transform=ax.transAxes,
                    ha="right",
                    va="center",
                    fontsize=fontsize,
                )
                for r in range(len(column))
            ]
        )
        bottom = top - len(column) * step
        for side in (-1, 1):  # [ and ]: a stroke with serifs pointing inwards
            edge, tip = x + side * half, x + side * (half - serif)
            brackets.append(
                ax.plot(
                    [tip, edge, edge, tip],
                    [top, top, bottom, bottom],
                    color="#333333",
                    linewidth=1.2,
                    transform=ax.transAxes,
                    clip_on=False,
                )[0]
            )
    ax.set_axis_off()
    artists = TableArtists(ax, headers, cells, brackets)
    update_table(artists, table)
    return artists


def update_table(artists: TableArtists, table: Table) -> TableArtists:
    """Put the strings of ``table`` (same shape as the drawn one) into the drawn cells."""
    shape = [len(c) for c in table.columns]
    if shape != [len(c) for c in artists.cells]:
        raise ValueError(
            f"update_table needs a table of the drawn shape {[len(c) for c in artists.cells]}; "
            f"got {shape}"
        )
    for texts, column in zip(artists.cells, table.columns):
        for text, entry in zip(texts, column):
            text.set_text(entry.replace("-", MINUS))
    return artists
