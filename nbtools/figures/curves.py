"""Curves over training time: E against epochs, iterations or seconds, and the
mean |δ^(l)| of every layer.

Series differ in colour (Okabe-Ito), marker and line style together, so they
read in grey, for colour-blind readers and on a washed-out projector.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.ticker import LogLocator

from ._axes import LINESTYLES, decade_limits, few_ticks, nice_ceiling
from .labels import layer_symbol
from .style import COLORS, MARKERS, ax_or_new

#: Legend places outside the axes.
LEGEND_PLACES = {
    "right": {"loc": "upper left", "bbox_to_anchor": (1.0, 1.0), "fontsize": 11},
    "above": {
        "loc": "lower center",
        "bbox_to_anchor": (0.5, 1.0),
        "ncols": 3,
        "fontsize": 10,
        "handlelength": 2.5,
        "columnspacing": 1.0,
    },
}

#: How many markers a line carries at most (markers identify it, not every point).
MARKERS_PER_LINE = 8


@dataclass
class SeriesArtists:
    """Named lines on one Axes; ``set_data`` moves, adds or removes them in place."""

    ax: object
    lines: dict = field(default_factory=dict)
    log: bool = True
    #: None: no legend; "right" or "above": outside the axes (curves never hide
    #: it); anything else: a matplotlib ``loc`` inside the axes.
    legend_loc: str | None = "above"
    #: (low, high): a log y axis always covers at least this range, so that most
    #: runs share one scale (comparable at a glance; the axis does not jump).
    span: tuple | None = None

    def _line(self, index: int, label: str):
        (line,) = self.ax.plot(
            [],
            [],
            color=COLORS[index % len(COLORS)],
            marker=MARKERS[index % len(MARKERS)],
            ls=LINESTYLES[index % len(LINESTYLES)],
            lw=2,
            ms=6,
            mec="black",
            mew=0.6,
            label=label,
        )
        return line

    def set_data(self, series: dict) -> None:
        """``series`` maps a label to (x, y) arrays; an empty x hides the line."""
        labels_changed = list(series) != list(self.lines)
        for label in [name for name in self.lines if name not in series]:
            self.lines.pop(label).remove()
        for index, (label, (x, y)) in enumerate(series.items()):
            if label not in self.lines:
                self.lines[label] = self._line(index, label)
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            if self.log:
                y = np.maximum(y, 1e-12)  # a log axis cannot show 0
            line = self.lines[label]
            line.set_data(x, y)
            line.set_markevery(max(1, len(x) // MARKERS_PER_LINE))
        if labels_changed and self.legend_loc is not None:
            self.lines = {label: self.lines[label] for label in series}
            where = LEGEND_PLACES.get(self.legend_loc, {"loc": self.legend_loc})
            self.ax.legend(handles=list(self.lines.values()), **where)
        self.rescale()

    def rescale(self) -> None:
        """Limits in steps (x to ``nice_ceiling``; a log y to whole decades), so
        the ticks stay put while the curves grow."""
        ax = self.ax
        drawn = [line for line in self.lines.values() if len(line.get_xdata())]
        if not drawn:
            return
        xs = np.concatenate([line.get_xdata() for line in drawn])
        ys = np.concatenate([line.get_ydata() for line in drawn])
        ax.set_xlim(0.0, nice_ceiling(float(np.max(xs))))
        lo, hi = float(np.min(ys)), float(np.max(ys))
        if self.log:
            if self.span is not None:
                lo, hi = min(lo, self.span[0]), max(hi, self.span[1])
            bottom, top = decade_limits(lo, hi)
            ax.set_ylim(bottom, top)
            ax.yaxis.set_major_locator(LogLocator(numticks=4))  # whole decades only
        else:
            pad = 0.05 * (hi - lo) or 0.5
            ax.set_ylim(lo - pad, hi + pad)


def _series_plot(series, ax, xlabel, ylabel, log, title, legend_loc, span) -> SeriesArtists:
    ax = ax_or_new(ax)
    if log:
        ax.set_yscale("log")
    artists = SeriesArtists(ax, log=log, legend_loc=legend_loc, span=span)
    artists.set_data(series)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    few_ticks(ax)
    return artists


def error_curves(
    series: dict,
    ax=None,
    xlabel: str = "epoch",
    ylabel: str = "E",
    log: bool = True,
    title: str = "",
    legend: str | None = "above",
    span: tuple | None = (0.02, 5.0),
) -> SeriesArtists:
    """E against training time, one line per run.

    Parameters
    ----------
    series : dict
        ``{label: (x, E)}``: x the epochs, iterations or seconds; E the error
        at those moments (e.g. ``TrainingRun.E_epochs``).
    log : bool
        Log scale for E (differences late in training stay visible).
    legend : str or None
        Where the legend goes: "above" the axes (the default), "right" of them,
        a matplotlib ``loc`` inside them, or None (no legend, for a single run).
    span : (low, high) or None
        The log axis covers at least this range of E (None: just the data).

    Returns
    -------
    SeriesArtists
        ``set_data(series)`` updates it in place.
    """
    return _series_plot(series, ax, xlabel, ylabel, log, title, legend, span)


def delta_series(epochs, deltas) -> dict:
    """``{"δ^(l)": (epochs, mean |δ^(l)|)}`` from an (T, L) array of means."""
    deltas = np.asarray(deltas, dtype=float).reshape(len(epochs), -1)
    return {
        layer_symbol("delta", ell): (epochs, deltas[:, ell - 1])
        for ell in range(1, deltas.shape[1] + 1)
    }


def sensitivity_history(
    epochs, deltas, ax=None, log: bool = True, title: str = "", span: tuple | None = (1e-4, 5.0)
) -> SeriesArtists:
    """Mean |δ^(l)| of each layer against epochs, one line per layer.

    Parameters
    ----------
    epochs : array_like of shape (T,)
    deltas : array_like of shape (T, L)
        Row t holds mean |δ^(1)|, ..., mean |δ^(L)| (``TrainingRun.deltas``).
    span : (low, high) or None
        The log axis covers at least this range (None: just the data).

    Returns
    -------
    SeriesArtists
        Update with ``set_data(delta_series(epochs, deltas))``.
    """
    return _series_plot(
        delta_series(epochs, deltas),
        ax,
        "epoch",
        "mean |δ⁽ˡ⁾|",
        log,
        title,
        legend_loc="right",
        span=span,
    )
