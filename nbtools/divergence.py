"""Why training stops early: E or a weight blew up, or the units saturated.

Each check raises ``Diverged`` with a message that gives the iteration, the
numbers and a smaller η to try, and says which ``reason`` it was:

- ``"E"``: a mini-batch E (or E on the training set) is not finite, or over
  ``divergence_limit`` × max(starting E, 1);
- ``"weight"``: a step would take a weight over ``max_weight`` or to inf/NaN;
- ``"saturated"``: every unit saturated on every point and the gradient
  vanished (``saturation``): E is finite, but nothing is learned any more.
"""

from __future__ import annotations

#: What each reason means, in words.
REASONS = {
    "E": "E blew up",
    "weight": "a weight blew up",
    "saturated": "the units saturated (θ′ ≈ 0 everywhere: the gradient vanished)",
}


class Diverged(RuntimeError):
    """Raised inside the training loop when it must stop; carries the message,
    the iteration (1-based) at which it was detected and the ``reason``."""

    def __init__(self, message: str, iteration: int, reason: str):
        super().__init__(message)
        self.iteration = iteration
        self.reason = reason


def _where(t: int, per_epoch: int) -> str:
    return f"iteration {t} (epoch {t / per_epoch:.2f})"


def _advice(eta: float) -> str:
    return f"The step η = {eta:g} is too large; try η = {eta / 10:g}."


def error_over_limit(t: int, per_epoch: int, E: float, limit: float, E0: float,
                     eta: float) -> Diverged:
    """A mini-batch E over ``limit`` × max(E0, 1), or not finite."""
    return Diverged(
        f"diverged at {_where(t, per_epoch)}: E = {E:.3g}, over {limit:.0e} × max(starting "
        f"E = {E0:.3g}, 1). {_advice(eta)}", t, "E")


def error_not_finite(t: int, E: float, eta: float) -> Diverged:
    """E on the training set overflowed, the weights still in range."""
    return Diverged(f"diverged at iteration {t}: E on the training set is {E}. {_advice(eta)}",
                    t, "E")


def weight_over_limit(t: int, per_epoch: int, biggest: float, max_weight: float,
                      eta: float) -> Diverged:
    """A step would take a weight to ``biggest`` > ``max_weight`` (or inf/NaN)."""
    return Diverged(
        f"diverged at {_where(t, per_epoch)}: a weight reached {biggest:.3g}, over the limit "
        f"{max_weight:.0e}. {_advice(eta)}", t, "weight")
