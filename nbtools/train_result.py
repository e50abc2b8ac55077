"""What ``train`` returns: the trained network, E per iteration and per epoch,
and whether and why training stopped early."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class TrainResult:
    """What ``train`` returns.

    Attributes
    ----------
    net : Network
        The trained copy (the network passed in is unchanged). After E or a
        weight blew up, the last weights that were still finite and in range;
        after the units saturated, the saturated weights.
    E_iterations : ndarray of shape (iterations,)
        E on the mini-batch of each iteration, computed with the weights
        *before* that iteration's update.
    E_epochs : ndarray of shape (epochs_done + 1,)
        E on the whole training set: entry 0 before training, entry k after k epochs.
    seconds : ndarray of shape (epochs_done + 1,)
        Wall time since the start at each entry of ``E_epochs``.
    batch_size : int
        k (N for batch gradient descent).
    iterations_per_epoch : int
        ceil(N / k).
    diverged : bool
        True when it stopped because E or a weight blew up, or because the
        units saturated (see ``reason``).
    message : str
        Why it stopped early, with the iteration and the numbers ("" when it
        ran every epoch).
    stopped_at : int or None
        The iteration (1-based) at which divergence was detected.
    reason : str
        "E", "weight" or "saturated" (``divergence.REASONS``), "callback"
        when the callback stopped it, "" when it ran every epoch.
    """

    net: object
    E_iterations: np.ndarray
    E_epochs: np.ndarray
    seconds: np.ndarray
    batch_size: int
    iterations_per_epoch: int
    diverged: bool = False
    message: str = ""
    stopped_at: int | None = None
    reason: str = ""

    @property
    def iterations(self) -> int:
        return len(self.E_iterations)

    @property
    def epochs(self) -> int:
        """Epochs completed."""
        return len(self.E_epochs) - 1
