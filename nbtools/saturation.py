"""Saturated units: when training has stopped learning though E stays finite.

With large weights every signal s is large, θ(s) sits at the end of its range
and θ′(s) ≈ 0: through δ^(L) = 2 (x^(L) − y) ⊗ θ′(s^(L)) and recursion (2) every
sensitivity, so every ∂E/∂W^(l), is ≈ 0, and gradient descent can no longer
move the weights, whatever E is. A step far too large (η = 1e4 on the
lecture's network) gets there in one iteration: its weights jump to ~1e4 and
E does not overflow, so the E and weight limits never see it.

The rule, checked on the whole training set after every epoch: a run has
stopped learning by saturation when

1. the output units saturate (tanh or sigmoid) and are saturated on every
   point: |x^(L)| > SATURATED = 0.999 on θ's range scaled to [−1, 1] (tanh:
   θ′ < 0.002; sigmoid: x < 0.0005 or x > 0.9995);
2. either every hidden unit is saturated on every point too (θ′ ≈ 0
   everywhere), or the output is saturated at the wrong end on some point
   (|h − y| > 1): θ′ ≈ 0 keeps it there, whatever the error; and
3. the gradient has vanished: one more step, η · max |∂E/∂w|, would move no
   weight by more than FROZEN = 1e-6 of the largest |w| (at least 1).

Ordinary training never meets all three: at the notes' η < 1 a saturated
output still has θ′ ~ 1e-3, so the gradient does not vanish, and an output
saturated on every point is either the lecture's warning or a network that
outputs a constant. (With the logistic error δ^(L) has no θ′ factor: a wrong
saturated output keeps its gradient, and 3 fails.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .propagation import forward_batch

#: θ's output mapped onto [−1, 1], for the activations that saturate.
SATURATING = {"tanh": lambda x: x, "sigmoid": lambda x: 2.0 * x - 1.0}
SATURATED = 0.999
FROZEN = 1e-6


@dataclass(frozen=True)
class Saturation:
    """The numbers of a run that has stopped learning by saturation.

    Attributes
    ----------
    units : int
        Units in the network, hidden and output.
    points : int
        Training points N.
    saturated_fraction : float
        Fraction of the units saturated on every point (1.0: all of them).
    wrong_end : int
        Points whose output is saturated at the wrong end (|h − y| > 1).
    largest_weight : float
        max |w| over every W^(l).
    largest_gradient : float
        max |∂E/∂w| over every ∂E/∂W^(l), on the whole training set.
    """

    units: int
    points: int
    saturated_fraction: float
    wrong_end: int
    largest_weight: float
    largest_gradient: float

    def message(self, t: int, epoch: float, eta: float) -> str:
        """Why training stopped, with the iteration and the numbers."""
        if self.saturated_fraction == 1.0:
            what = (f"all {self.units} units have |x| > {SATURATED} (θ′ ≈ 0) on all "
                    f"{self.points} point(s)")
        else:
            what = (f"the output has |x| > {SATURATED} (θ′ ≈ 0) on all {self.points} points, "
                    f"at the wrong end (|h − y| > 1) on {self.wrong_end}; "
                    f"{self.saturated_fraction:.0%} of the {self.units} units are saturated "
                    "on every point")
        return (
            f"stopped learning at iteration {t} (epoch {epoch:.2f}): the units saturated: "
            f"{what}. The largest |w| is {self.largest_weight:.3g} and the largest |∂E/∂w| is "
            f"{self.largest_gradient:.3g}: the gradient has vanished and no step moves the "
            f"weights. The step η = {eta:g} is too large; try η = {eta / 10:g}."
        )


def saturated_units(theta, x: np.ndarray) -> np.ndarray:
    """Per unit (column of ``x``, (N, d^(l)), the outputs of activation
    ``theta``): saturated on every point. Cheap: ``GradientDescent.epoch_end``
    asks it of the output before ``saturation`` makes a forward pass."""
    if theta.name not in SATURATING:
        return np.zeros(x.shape[1], dtype=bool)
    return np.all(np.abs(SATURATING[theta.name](x)) > SATURATED, axis=0)


def saturation(net, X: np.ndarray, Y: np.ndarray, gradient, eta: float) -> Saturation | None:
    """The ``Saturation`` of ``net`` on the training set, or None when it still learns.

    Parameters
    ----------
    net : Network
    X : ndarray of shape (N, d^(0))
    Y : ndarray of shape (N, d^(L))
    gradient : callable
        ``gradient()`` -> the ∂E/∂W^(l) on the training set; called only when
        1 and 2 of the rule hold (it costs a backward pass).
    eta : float
        The learning rate η of the next step.
    """
    if net.output.name not in SATURATING:
        return None
    xs = forward_batch(net, X)[0]
    x = xs[net.L]
    output = saturated_units(net.output, x)
    if not output.all():
        return None
    hidden = [saturated_units(net.hidden, h[:, 1:]) for h in xs[1:net.L]]  # bias column dropped
    units = np.concatenate(hidden + [output])
    wrong_end = int(np.sum(np.any(np.abs(x - Y) > 1.0, axis=1)))
    if not (units.all() or wrong_end):
        return None
    largest_weight = max(float(np.max(np.abs(W))) for W in net.W)
    largest_gradient = max(float(np.max(np.abs(g))) for g in gradient())
    if eta * largest_gradient > FROZEN * max(largest_weight, 1.0):
        return None
    return Saturation(units.size, X.shape[0], float(units.mean()), wrong_end,
                      largest_weight, largest_gradient)
