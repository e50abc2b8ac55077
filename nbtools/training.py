"""Gradient descent: batch (k = N), stochastic (k = 1) and mini-batch (1 < k < N).

Each iteration computes the gradient on one mini-batch of k points and updates
every layer, W^(l)(t+1) = W^(l)(t) − η ∂E/∂W^(l). An epoch is one pass over all
N points: ceil(N / k) iterations, the last mini-batch holding the remainder.
"""

from __future__ import annotations

import copy
import math
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ._checks import check_int, check_real, describe, rng_from_seed
from .data_checks import prepare_X, prepare_y
from .divergence import Diverged, error_over_limit, weight_over_limit
from .measures import get_error_measure
from .propagation import gradient_batch, mean_error, output_and_errors
from .saturation import saturated_units, saturation
from .train_result import TrainResult

__all__ = ["Diverged", "GradientDescent", "TrainResult", "train"]


@dataclass
class GradientDescent:
    """Gradient descent one iteration at a time (``train`` and the panels drive it).

    Parameters are those of ``train``. The network given is copied.
    """

    net: object
    X: np.ndarray
    y: np.ndarray
    eta: float
    batch_size: int | None = None
    seed: int | None = 0
    error: str = "squared"
    divergence_limit: float = 1e4
    max_weight: float = 1e6
    t: int = field(init=False, default=0)

    def __post_init__(self):
        self.measure = get_error_measure(self.error)
        self.eta = check_real("eta", self.eta, positive=True)
        for name in ("divergence_limit", "max_weight"):  # +inf switches the limit off
            value = check_real(name, getattr(self, name), positive=True, allow_inf=True)
            setattr(self, name, value)
        self.X, single = prepare_X(self.net, self.X)
        if single:
            raise ValueError(
                f"X must be a batch of shape (N, {self.net.d[0]}) for training; got one point of shape {self.X.shape[1:]}"
            )
        N = self.X.shape[0]
        self.y = prepare_y(self.net, self.y, N, False, self.measure)
        if self.batch_size is None:
            self.k = N
        else:
            self.k = check_int("batch_size", self.batch_size, low=1, high=N)
        self.net = self.net.copy()
        self.iterations_per_epoch = math.ceil(N / self.k)
        self.rng = rng_from_seed("seed", self.seed)
        self.E_iterations: list[float] = []
        self.E0 = self.full_error()
        self._limit = self.divergence_limit * max(self.E0, 1.0)
        self._order = np.arange(N)
        self._position = N  # forces a shuffle before the first iteration

    @property
    def N(self) -> int:
        return self.X.shape[0]

    def copy(self) -> "GradientDescent":
        """An independent copy that goes on exactly as this one would: the same
        weights, position in the epoch and random state (the data is shared)."""
        other = copy.copy(self)
        other.net = self.net.copy()
        other.rng = copy.deepcopy(self.rng)
        other._order = self._order.copy()
        other.E_iterations = list(self.E_iterations)
        return other

    @property
    def epoch(self) -> float:
        """Epochs done so far (fractional inside an epoch)."""
        return self.t / self.iterations_per_epoch

    def full_error(self) -> float:
        """E on the whole training set with the current weights."""
        return mean_error(self.net, self.X, self.y, self.measure)

    def _next_batch(self) -> np.ndarray:
        if self._position >= self.N:
            if self.k < self.N:  # batch gradient descent needs no shuffling
                self._order = self.rng.permutation(self.N)
            self._position = 0
        batch = self._order[self._position : self._position + self.k]
        self._position += self.k
        return batch

    def step(self) -> float:
        """One iteration: gradient on the next mini-batch, then the update.

        Returns E on that mini-batch before the update. Raises ``Diverged``
        (weights left as they were) if E or the new weights blow up.
        """
        batch = self._next_batch()
        E, G = gradient_batch(self.net, self.X[batch], self.y[batch], self.measure)
        t, per_epoch = self.t + 1, self.iterations_per_epoch
        if not math.isfinite(E) or E > self._limit:
            raise error_over_limit(t, per_epoch, E, self.divergence_limit, self.E0, self.eta)
        new = [W - self.eta * g for W, g in zip(self.net.W, G)]  # W^(ℓ)(t+1) = W^(ℓ)(t) − η ∂E/∂W^(ℓ)
        biggest = max(float(np.max(np.abs(W))) for W in new)
        if not math.isfinite(biggest) or biggest > self.max_weight:
            raise weight_over_limit(t, per_epoch, biggest, self.max_weight, self.eta)
        self.net.W.replace(new)
        self.t = t
        self.E_iterations.append(E)
        return E

    def epoch_end(self) -> tuple[float, Diverged | None]:
        """At the end of an epoch: E on the whole training set, and the
        ``Diverged`` (reason "saturated") to raise once E is recorded, if the
        units have saturated and the gradient has vanished (``saturation``);
        else None. The forward pass that gives E shows whether the output is
        saturated: only then is the whole rule checked."""
        x_L, e = output_and_errors(self.net, self.X, self.y, self.measure)
        E = float(np.mean(e))
        if not saturated_units(self.net.output, x_L).all():
            return E, None
        found = saturation(self.net, self.X, self.y, self._full_gradient, self.eta)
        if found is None:
            return E, None
        return E, Diverged(found.message(self.t, self.epoch, self.eta), self.t, "saturated")

    def _full_gradient(self):
        return gradient_batch(self.net, self.X, self.y, self.measure)[1]


def train(
    net,
    X,
    y,
    eta: float,
    batch_size: int | None = None,
    epochs: int = 100,
    seed: int | None = 0,
    error: str = "squared",
    callback: Callable | None = None,
    divergence_limit: float = 1e4,
    max_weight: float = 1e6,
) -> TrainResult:
    """Train a copy of ``net`` by gradient descent.

    Parameters
    ----------
    net : Network
        Not modified.
    X : array_like of shape (N, d^(0))
    y : array_like of shape (N,) or (N, d^(L))
    eta : float
        Learning rate η > 0 (the notes advise 0 < η < 1).
    batch_size : None or int
        None: batch gradient descent (k = N); 1: stochastic; k: mini-batches of k.
    epochs : int
        Passes over the data, >= 1.
    seed : int or None
        Seeds the shuffling of points at every epoch (the same seed gives the same history).
    error : str
        Error measure by name.
    callback : callable, optional
        ``callback(t, net, E)`` after every iteration t = 1, 2, ... with the
        current network and the mini-batch E; return False to stop.
    divergence_limit : float
        Stop as diverged when a mini-batch E exceeds this × max(starting E, 1).
    max_weight : float
        Stop as diverged when any |weight| exceeds this.

    Training also stops as diverged when the units saturate: after an epoch
    the output has |x| > 0.999 on every point, every hidden unit too (or the
    output is at the wrong end on some point), and the gradient has vanished
    (``nbtools.saturation``), though E and the weights are finite.

    Returns
    -------
    TrainResult
    """
    epochs = check_int("epochs", epochs, low=1)
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be callable as callback(t, net, E) or None; got {describe(callback)}")
    gd = GradientDescent(net, X, y, eta, batch_size, seed, error, divergence_limit, max_weight)
    E_epochs, seconds = [gd.E0], [0.0]
    start = time.perf_counter()
    message, stopped_at, reason = "", None, ""
    try:
        for _ in range(epochs):
            for _ in range(gd.iterations_per_epoch):
                E = gd.step()
                if callback is not None and callback(gd.t, gd.net, E) is False:
                    message, reason = f"stopped by the callback at iteration {gd.t}", "callback"
                    raise StopIteration
            E, saturated = gd.epoch_end()
            E_epochs.append(E)
            seconds.append(time.perf_counter() - start)
            if saturated is not None:
                raise saturated
    except Diverged as exc:
        message, stopped_at, reason = str(exc), exc.iteration, exc.reason
    except StopIteration:
        pass
    return TrainResult(
        net=gd.net,
        E_iterations=np.array(gd.E_iterations),
        E_epochs=np.array(E_epochs),
        seconds=np.array(seconds),
        batch_size=gd.k,
        iterations_per_epoch=gd.iterations_per_epoch,
        diverged=stopped_at is not None,
        message=message,
        stopped_at=stopped_at,
        reason=reason,
    )
