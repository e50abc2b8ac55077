"""Forward propagation, backpropagation and the gradient, for a batch of points.

The lecture writes them for one point, s^(ℓ) = (W^(ℓ))ᵀ x^(ℓ−1). A batch puts its N
points on axis 0, one per row, and the same equations, transposed, act on all of
them at once (one point is the batch N = 1):

    forward     S^(ℓ) = X^(ℓ−1) W^(ℓ),   X^(ℓ) = [1, θ(S^(ℓ))]   (X^(L) = θ(S^(L)): no bias column)
    backward    Δ^(L) from the error measure;
                Δ^(ℓ) = θ′(S^(ℓ)) ⊗ [Δ^(ℓ+1) (W^(ℓ+1))ᵀ] without column 0    (equation (2))
    gradient    ∂E/∂W^(ℓ) = (X^(ℓ−1))ᵀ Δ^(ℓ) / N                              (equation (1), averaged)

Row n of S^(ℓ), X^(ℓ) and Δ^(ℓ) is (s_n^(ℓ))ᵀ, (x_n^(ℓ))ᵀ and (δ_n^(ℓ))ᵀ. Every
gradient in nbtools (``gradient``, training at every batch size, error surfaces,
monitors, panels) runs ``forward_batch``, ``backward_batch`` and
``gradient_batch``; ``algorithm_box.backprop_one_point`` is the notes' one-point
loop, kept as the reference they are tested against.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data_checks import prepare_X, prepare_y
from .layers import Layers
from .measures import get_error_measure


@dataclass
class Trace:
    """What forward propagation computes and saves (step 0 of the algorithm box).

    Attributes
    ----------
    x : list of ndarray
        x[0..L]. For l < L, x[l] = [1; θ(s^(l))] with the bias entry first:
        shape (d^(l)+1,) for one point, (N, d^(l)+1) for a batch. x[L] = θ(s^(L))
        has no bias entry: shape (d^(L),) or (N, d^(L)).
    s : Layers
        s[1..L]: shape (d^(l),) for one point, (N, d^(l)) for a batch.
    single : bool
        True when the input was one point (1-D arrays), False for a batch.
    """

    x: list
    s: Layers
    single: bool

    @property
    def h(self) -> np.ndarray:
        """The network's output h(x) = x^(L)."""
        return self.x[-1]

    def batch(self, ell: int, which: str) -> np.ndarray:
        """x[l] or s[l] as a 2-D (N, ...) array, whatever ``single`` is."""
        a = self.x[ell] if which == "x" else self.s[ell]
        return a[None, :] if self.single else a


def with_bias(A: np.ndarray) -> np.ndarray:
    """[1, A]: the bias entries x_0 = 1 put in front along the last axis, (N, d) -> (N, d+1)."""
    out = np.empty(A.shape[:-1] + (A.shape[-1] + 1,))
    out[..., 0] = 1.0
    out[..., 1:] = A
    return out


def forward_batch(net, X: np.ndarray) -> tuple[list, list]:
    """X^(0..L) and S^(1..L) (list index ℓ − 1) for an (N, d^(0)) batch; no checks.

    S^(ℓ) = X^(ℓ−1) W^(ℓ), shape (N, d^(ℓ)); X^(ℓ) = [1, θ(S^(ℓ))], shape
    (N, d^(ℓ)+1), and X^(L) = θ(S^(L)) without the bias column.
    """
    xs, ss = [with_bias(X)], []
    for ell, W in net.W.items():
        S = xs[-1] @ W
        ss.append(S)
        if ell < net.L:
            x = with_bias(S)
            net.hidden.theta(x[:, 1:], out=x[:, 1:])  # [1, S] -> [1, θ(S)], in place
            xs.append(x)
        else:
            xs.append(net.output.theta(S))
    return xs, ss


def backward_batch(net, xs: list, ss: list, Y: np.ndarray, measure) -> list:
    """Δ^(1..L) (list index ℓ − 1), each (N, d^(ℓ)), from ``forward_batch``'s X and S.

    Δ^(L) comes from the error measure (squared error: 2 (X^(L) − Y) ⊗ θ′(S^(L)));
    then equation (2), Δ^(ℓ) = θ′(S^(ℓ)) ⊗ [Δ^(ℓ+1) (W^(ℓ+1))ᵀ] without column 0,
    the bias node's. θ′ comes from the saved outputs X^(ℓ), as in the notes.
    """
    L = net.L
    deltas = [None] * L
    deltas[L - 1] = measure.delta_L(ss[L - 1], xs[L], Y, net.output)
    for ell in range(L - 1, 0, -1):
        # [Δ^(ℓ+1) (W^(ℓ+1))ᵀ] without column 0 = Δ^(ℓ+1) (W^(ℓ+1) without its bias row)ᵀ
        back = deltas[ell] @ net.W[ell + 1][1:].T  # (N, d^(ℓ+1)) -> (N, d^(ℓ))
        deltas[ell - 1] = net.hidden.theta_prime(xs[ell][:, 1:]) * back
    return deltas


def gradient_batch(net, X: np.ndarray, Y: np.ndarray, measure) -> tuple[float, Layers]:
    """E = (1/N) Σ_n e_n and ∂E/∂W^(ℓ) = (X^(ℓ−1))ᵀ Δ^(ℓ) / N for an (N, d^(0)) batch
    and (N, d^(L)) targets; no checks."""
    N = X.shape[0]
    xs, ss = forward_batch(net, X)
    E = float(measure.pointwise(ss[-1], xs[-1], Y).sum() / N)
    deltas = backward_batch(net, xs, ss, Y, measure)
    return E, Layers([xs[ell].T @ delta / N for ell, delta in enumerate(deltas)], "G")


def output_and_errors(net, X: np.ndarray, Y: np.ndarray, measure) -> tuple[np.ndarray, np.ndarray]:
    """X^(L), shape (N, d^(L)), and e_n, shape (N,), for a batch; no checks."""
    xs, ss = forward_batch(net, X)
    return xs[-1], measure.pointwise(ss[-1], xs[-1], Y)


def mean_error(net, X: np.ndarray, Y: np.ndarray, measure) -> float:
    """E = (1/N) Σ_n e_n for a batch; no checks."""
    return float(output_and_errors(net, X, Y, measure)[1].sum() / X.shape[0])


def forward(net, X) -> Trace:
    """Forward propagation: x^(0..L) and s^(1..L).

    Parameters
    ----------
    net : Network
    X : array_like
        One point, shape (d^(0),), or a batch, shape (N, d^(0)) with points on axis 0.

    Returns
    -------
    Trace
        ``trace.x[l]`` and ``trace.s[l]`` in the lecture's notation.
    """
    X2, single = prepare_X(net, X)
    xs, ss = forward_batch(net, X2)
    if single:
        xs, ss = [a[0] for a in xs], [a[0] for a in ss]
    return Trace(x=xs, s=Layers(ss, "s"), single=single)


def backward(net, trace: Trace, y, error: str = "squared") -> Layers:
    """Backpropagation: the sensitivities δ^(l) = ∂e/∂s^(l) for l = 1..L.

    Starts from δ^(L) given by the error measure (for the squared error
    δ^(L) = 2 (x^(L) − y) θ′(s^(L))) and applies equation (2) down to l = 1.

    Returns
    -------
    Layers
        ``delta[l]`` of shape (d^(l),) for one point, (N, d^(l)) for a batch.
    """
    measure = get_error_measure(error)
    if not isinstance(trace, Trace):
        raise TypeError(f"trace must be the Trace returned by nbtools.forward; got {type(trace).__name__}")
    widths = [np.shape(a)[-1] for a in trace.x]  # d^(l)+1 for l < L (bias entry), d^(L) for l = L
    if widths != [w + 1 for w in net.d[:-1]] + [net.d[-1]]:
        raise ValueError(
            f"trace does not belong to this network (d = {net.d}); its x[l] have widths {widths}. "
            f"Run forward(net, X) again"
        )
    xs = [trace.batch(ell, "x") for ell in range(net.L + 1)]
    ss = [trace.batch(ell, "s") for ell in range(1, net.L + 1)]
    Y = prepare_y(net, y, xs[0].shape[0], trace.single, measure)
    deltas = backward_batch(net, xs, ss, Y, measure)
    if trace.single:
        deltas = [a[0] for a in deltas]
    return Layers(deltas, "delta")


def gradient(net, X, y, error: str = "squared") -> tuple[float, Layers]:
    """The error E and its gradient ∂E/∂W^(l) for l = 1..L.

    Parameters
    ----------
    net : Network
    X : array_like
        One point (d^(0),) or a batch (N, d^(0)).
    y : array_like
        Target(s): a number or (d^(L),) for one point; (N,) or (N, d^(L)) for a batch.
    error : str
        Error measure by name (``"squared"`` is the lecture's).

    Returns
    -------
    E : float
        E = (1/N) Σ_n e_n (for one point, E = e).
    G : Layers
        ``G[l]`` = ∂E/∂W^(l), shaped like ``net.W[l]``.
    """
    measure = get_error_measure(error)
    X2, single = prepare_X(net, X)
    Y = prepare_y(net, y, X2.shape[0], single, measure)
    return gradient_batch(net, X2, Y, measure)


def pointwise_errors(net, X, y, error: str = "squared") -> np.ndarray:
    """e_n for every point: shape (N,) for a batch, a 0-d array for one point."""
    measure = get_error_measure(error)
    X2, single = prepare_X(net, X)
    Y = prepare_y(net, y, X2.shape[0], single, measure)
    e = output_and_errors(net, X2, Y, measure)[1]
    return e[0] if single else e


def error(net, X, y, error: str = "squared") -> float:
    """E = (1/N) Σ_n e(h(x_n), y_n)."""
    return float(np.mean(pointwise_errors(net, X, y, error=error)))
