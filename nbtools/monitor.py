"""Watching training: E and the sensitivities δ^(l) as gradient descent runs.

``TrainingRun`` drives ``GradientDescent`` a few epochs at a time (the panels'
animation frames) and keeps a history a figure can draw: E on the whole
training set after every epoch, the iteration count and the training time at
that moment, and the mean |δ^(l)| of every layer. A divergence is caught and
kept as a message, and so is a run whose units saturated (``saturation``);
the history stops at the last epoch that was still finite.
"""

from __future__ import annotations

import copy
import math
import time

import numpy as np

from ._checks import check_int
from .divergence import Diverged, error_not_finite
from .propagation import backward, forward
from .training import GradientDescent


def mean_abs_delta(net, X, y, error: str = "squared") -> np.ndarray:
    """Mean |δ^(l)| of each layer over the points and nodes of a batch.

    Runs forward propagation on X and backpropagation from y (``nbtools.forward``,
    ``nbtools.backward``), then averages |δ_j^(l)| over points n and nodes j.
    A layer whose mean is orders of magnitude below the output layer's learns
    that much more slowly (vanishing sensitivities).

    Parameters
    ----------
    net : Network
    X : array_like of shape (N, d^(0))
    y : array_like of shape (N,) or (N, d^(L))

    Returns
    -------
    ndarray of shape (L,)
        Entry l − 1 is the mean |δ^(l)|, for l = 1..L.
    """
    delta = backward(net, forward(net, X), y, error=error)
    return np.array([float(np.mean(np.abs(d))) for d in delta])


class TrainingRun:
    """Gradient descent advanced epoch by epoch, with its history.

    Parameters
    ----------
    net, X, y, eta, batch_size, seed, error
        As for ``nbtools.train`` (the network is copied, never changed).
    label : str
        The run's name in legends and messages.
    record_deltas : bool
        Also record the mean |δ^(l)| per layer on the whole training set after
        every epoch (one extra forward and backward pass per epoch).

    Attributes
    ----------
    gd : GradientDescent
        The live state (``gd.net`` holds the current weights).
    E_epochs : list of float
        E on the whole training set: entry 0 before training, entry e after e
        epochs (equal to ``nbtools.train(...).E_epochs`` with the same arguments).
    iterations : list of int
        Iterations done at each entry of ``E_epochs``.
    seconds : list of float
        Time spent in gradient-descent steps at each entry (drawing and
        monitoring excluded), so runs can be compared on wall time.
    deltas : list of ndarray of shape (L,)
        Mean |δ^(l)| at each entry (empty unless ``record_deltas``).
    message : str
        Why the run stopped, with the iteration and the numbers ("" while it
        can go on).
    stopped_at : int or None
        The iteration at which it diverged (E or a weight blew up, or the
        units saturated).
    reason : str
        "E", "weight" or "saturated" (``divergence.REASONS``); "" while it can go on.
    """

    def __init__(
        self,
        net,
        X,
        y,
        eta: float,
        batch_size: int | None = None,
        seed: int | None = 0,
        error: str = "squared",
        label: str = "",
        record_deltas: bool = False,
    ):
        self.gd = GradientDescent(net, X, y, eta, batch_size, seed, error)
        self.label = label
        self.error = error
        self.record_deltas = record_deltas
        self.E_epochs = [self.gd.E0]
        self.iterations = [0]
        self.seconds = [0.0]
        self.deltas = (
            [mean_abs_delta(self.gd.net, self.gd.X, self.gd.y, error)] if record_deltas else []
        )
        self.message = ""
        self.stopped_at: int | None = None
        self.reason = ""

    def copy(self) -> "TrainingRun":
        """An independent copy, history included, that trains on exactly as this one would."""
        other = copy.copy(self)
        other.gd = self.gd.copy()
        for name in ("E_epochs", "iterations", "seconds", "deltas"):
            setattr(other, name, list(getattr(self, name)))
        return other

    @property
    def diverged(self) -> bool:
        return self.stopped_at is not None

    @property
    def epochs(self) -> int:
        return len(self.E_epochs) - 1

    @property
    def net(self):
        return self.gd.net

    @property
    def E_iterations(self) -> np.ndarray:
        """E on the mini-batch of every iteration (before its update)."""
        return np.array(self.gd.E_iterations)

    def advance(self, epochs: int = 1) -> bool:
        """Run up to ``epochs`` more epochs; False once the run has diverged."""
        epochs = check_int("epochs", epochs, low=0)
        gd = self.gd
        for _ in range(epochs):
            if self.diverged:
                return False
            start = time.perf_counter()
            try:
                for _ in range(gd.iterations_per_epoch):
                    gd.step()
                elapsed = time.perf_counter() - start
                E, saturated = gd.epoch_end()
                if not math.isfinite(E):  # weights in range but E overflowed: same verdict
                    raise error_not_finite(gd.t, E, gd.eta)
                self.E_epochs.append(E)
                self.iterations.append(gd.t)
                self.seconds.append(self.seconds[-1] + elapsed)
                if self.record_deltas:
                    self.deltas.append(mean_abs_delta(gd.net, gd.X, gd.y, self.error))
                if saturated is not None:
                    raise saturated
            except Diverged as exc:
                self.message = f"{self.label}: {exc}" if self.label else str(exc)
                self.stopped_at, self.reason = exc.iteration, exc.reason
                return False
        return not self.diverged
