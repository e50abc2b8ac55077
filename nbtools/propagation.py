"""Forward propagation, backpropagation and the gradient, vectorized over points.

Per point the lecture writes s^(l) = (W^(l))ᵀ x^(l-1). For a batch, the points
sit on axis 0 of X (one row each), so the same equation transposed reads
S^(l) = X^(l-1) W^(l), with X^(l-1) of shape (N, d^(l-1) + 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import check_real
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


def _forward_batch(net, X: np.ndarray) -> tuple[list, list]:
    """x[0..L], s[1..L] for an (N, d0) batch; no checks (callers check)."""
    N = X.shape[0]
    x_prev = np.empty((N, X.shape[1] + 1))
    x_prev[:, 0] = 1.0
    x_prev[:, 1:] = X
    xs, ss = [x_prev], []
    for ell, W in net.W.items():
        s = x_prev @ W  # S^(l) = X^(l-1) W^(l): (N, d^(l-1)+1) @ (d^(l-1)+1, d^(l)) -> (N, d^(l))
        theta = net.activation(ell).theta
        if ell < net.L:
            x_prev = np.empty((N, s.shape[1] + 1))
            x_prev[:, 0] = 1.0  # bias entry x_0^(l) = 1
            theta(s, out=x_prev[:, 1:])
        else:
            x_prev = theta(s)  # x^(L) = θ(s^(L)): no bias entry
        ss.append(s)
        xs.append(x_prev)
    return xs, ss


def _backward_batch(net, xs: list, ss: list, Y: np.ndarray, measure) -> list:
    """δ[1..L] as (N, d^(l)) arrays, from a batch forward pass."""
    L = net.L
    deltas = [None] * L
    deltas[L - 1] = measure.delta_L(ss[L - 1], xs[L], Y, net.output)
    for ell in range(L - 1, 0, -1):
        # (2): δ^(l) = θ'(s^(l)) ⊗ [W^(l+1) δ^(l+1)]_1^{d^(l)}; batch: Δ^(l+1) (W^(l+1)[1:])ᵀ
        back = deltas[ell] @ net.W[ell + 1][1:].T  # (N, d^(l+1)) -> (N, d^(l)), bias row dropped
        deltas[ell - 1] = net.hidden.theta_prime(xs[ell][:, 1:]) * back
    return deltas


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
    xs, ss = _forward_batch(net, X2)
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
    xs = [trace.batch(ell, "x") for ell in range(net.L + 1)]
    ss = [trace.batch(ell, "s") for ell in range(1, net.L + 1)]
    if xs[0].shape[1] != net.d[0] + 1 or len(xs) != len(trace.x):
        raise ValueError(f"trace does not belong to this network (d = {net.d}); run forward(net, X) again")
    Y = prepare_y(net, y, xs[0].shape[0], trace.single, measure)
    deltas = _backward_batch(net, xs, ss, Y, measure)
    if trace.single:
        deltas = [a[0] for a in deltas]
    return Layers(deltas, "delta")


def _batch_gradient(net, X2: np.ndarray, Y: np.ndarray, measure) -> tuple[float, Layers]:
    xs, ss = _forward_batch(net, X2)
    deltas = _backward_batch(net, xs, ss, Y, measure)
    N = X2.shape[0]
    # (1) averaged over points: ∂E/∂W^(l) = (1/N) Σ_n x_n^(l-1) (δ_n^(l))ᵀ = X^(l-1)ᵀ Δ^(l) / N
    G = [(xs[ell - 1].T @ deltas[ell - 1]) / N for ell in range(1, net.L + 1)]
    E = float(np.mean(measure.pointwise(ss[-1], xs[-1], Y)))
    return E, Layers(G, "G")


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
    return _batch_gradient(net, X2, Y, measure)


def pointwise_errors(net, X, y, error: str = "squared") -> np.ndarray:
    """e_n for every point: shape (N,) for a batch, a 0-d array for one point."""
    measure = get_error_measure(error)
    X2, single = prepare_X(net, X)
    Y = prepare_y(net, y, X2.shape[0], single, measure)
    xs, ss = _forward_batch(net, X2)
    e = measure.pointwise(ss[-1], xs[-1], Y)
    return e[0] if single else e


def error(net, X, y, error: str = "squared") -> float:
    """E = (1/N) Σ_n e(h(x_n), y_n)."""
    return float(np.mean(pointwise_errors(net, X, y, error=error)))


def numerical_gradient(net, X, y, error: str = "squared", h: float = 1e-5) -> Layers:
    """∂E/∂W^(l) by central differences, (E(w + h) − E(w − h)) / 2h, for checking.

    Costs 2 forward passes per weight. Accurate to about 1e-8 relative with
    the default h = 1e-5 (truncation error ~h², round-off ~1e-16/h).
    """
    h = check_real("h", h, positive=True)
    measure = get_error_measure(error)
    X2, single = prepare_X(net, X)
    Y = prepare_y(net, y, X2.shape[0], single, measure)
    probe = net.copy()

    def E_at() -> float:
        xs, ss = _forward_batch(probe, X2)
        return float(np.mean(measure.pointwise(ss[-1], xs[-1], Y)))

    G = []
    for ell, W in probe.W.items():
        g = np.empty_like(W)
        for index in np.ndindex(W.shape):
            saved = W[index]
            W[index] = saved + h
            e_plus = E_at()
            W[index] = saved - h
            e_minus = E_at()
            W[index] = saved
            g[index] = (e_plus - e_minus) / (2.0 * h)
        G.append(g)
    return Layers(G, "G")
