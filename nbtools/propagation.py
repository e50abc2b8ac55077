"""Forward propagation, backpropagation and the gradient, vectorized over points.

Per point the lecture writes s^(l) = (W^(l))ᵀ x^(l-1). For a batch, the points
sit on axis 0 of X (one row each), so the same equation transposed reads
S^(l) = X^(l-1) W^(l), with X^(l-1) of shape (N, d^(l-1) + 1).

Speed (``benchmarks/``): internally the batch runs in the transposed layout,
X^(l)ᵀ of shape (d^(l), N) with the points along the contiguous axis, so every
elementwise step (bias, θ, θ′) is one long loop rather than N loops of d^(l),
and the bias enters as s^(l) = W^(l)[0] + (W^(l)[1:])ᵀ x^(l-1), the same sum
without materialising the column of ones. The gradient, E and training use this
lean path; ``forward`` builds the lecture's x^(l) = [1; θ(s^(l))] from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS
from .batch_kernels import _forward_T, _matmul, _Scratch, _signals_size
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
    """x[0..L], s[1..L] for an (N, d0) batch, points on axis 0; no checks (callers check).

    For l < L, x[l] = [1, θ(s^(l))] carries the bias column, as in the lecture.
    """
    N = X.shape[0]
    xT, sT = _forward_T(list(net.W), net.hidden, X, keep_s=True)
    xs = []
    for x in xT:
        x_full = np.empty((N, x.shape[0] + 1))
        x_full[:, 0] = 1.0  # bias entry x_0^(l) = 1
        x_full[:, 1:] = x.T
        xs.append(x_full)
    xs.append(np.ascontiguousarray(net.output.theta(sT[-1]).T))  # x^(L) = θ(s^(L)): no bias entry
    return xs, [np.ascontiguousarray(s.T) for s in sT]


def _pointwise(net, X: np.ndarray, Y: np.ndarray, measure) -> np.ndarray:
    """e_n for an (N, d0) batch, shape (N,), by the lean forward pass; no checks."""
    return _output_and_errors(net, X, Y, measure)[1]


def _output_and_errors(net, X: np.ndarray, Y: np.ndarray, measure) -> tuple[np.ndarray, np.ndarray]:
    """x^(L), shape (N, d^(L)), and e_n, shape (N,), by the lean forward pass; no checks."""
    Ws = list(net.W)
    with _Scratch(_signals_size(Ws, X.shape[0])) as work:
        _, (s,) = _forward_T(Ws, net.hidden, X, work)
        s_L = s.T
        x_L = net.output.theta(s_L)
        # np.array: copies, never views of the work array
        return np.array(x_L), np.array(measure.pointwise(s_L, x_L, Y))


def _mean(e: np.ndarray) -> float:
    """np.mean of a 1-D array, without its Python overhead (same sum, same division)."""
    return float(np.add.reduce(e) / e.shape[0])


def _mean_error(net, X: np.ndarray, Y: np.ndarray, measure) -> float:
    """E = (1/N) Σ_n e_n; no checks."""
    return _mean(_pointwise(net, X, Y, measure))


def _backward_batch(net, xs: list, ss: list, Y: np.ndarray, measure) -> list:
    """δ[1..L] as (N, d^(l)) arrays, from a batch forward pass."""
    L = net.L
    deltas = [None] * L
    deltas[L - 1] = measure.delta_L(ss[L - 1], xs[L], Y, net.output)
    for ell in range(L - 1, 0, -1):
        # (2): δ^(l) = θ'(s^(l)) ⊗ [W^(l+1) δ^(l+1)]_1^{d^(l)}; batch: Δ^(l+1) (W^(l+1)[1:])ᵀ
        # (N, d^(l+1)) -> (N, d^(l)), bias row dropped. The transpose is copied (d x d, tiny):
        # numpy multiplies by a transposed slice without BLAS, 20x slower at N = 10,000.
        back = deltas[ell] @ np.ascontiguousarray(net.W[ell + 1][1:].T)
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
    widths = [np.shape(a)[-1] for a in trace.x]  # d^(l)+1 for l < L (bias entry), d^(L) for l = L
    if widths != [w + 1 for w in net.d[:-1]] + [net.d[-1]]:
        raise ValueError(
            f"trace does not belong to this network (d = {net.d}); its x[l] have widths {widths}. "
            f"Run forward(net, X) again"
        )
    xs = [trace.batch(ell, "x") for ell in range(net.L + 1)]
    ss = [trace.batch(ell, "s") for ell in range(1, net.L + 1)]
    Y = prepare_y(net, y, xs[0].shape[0], trace.single, measure)
    deltas = _backward_batch(net, xs, ss, Y, measure)
    if trace.single:
        deltas = [a[0] for a in deltas]
    return Layers(deltas, "delta")


def _batch_gradient(net, X2: np.ndarray, Y: np.ndarray, measure) -> tuple[float, Layers]:
    """E and ∂E/∂W^(l) for an (N, d0) batch and (N, d^(L)) targets; no checks.

    The same equations as ``forward`` + ``backward``, in the transposed layout,
    overwriting x^(l) by δ^(l) once it is used, in one reused work array.
    """
    Ws, hidden = list(net.W), net.hidden
    N, L = X2.shape[0], len(Ws)
    tanh = hidden.theta_prime is ACTIVATIONS["tanh"].theta_prime
    signals = _signals_size(Ws, N)
    with _Scratch(signals + N * max((W.shape[1] for W in Ws[:-1]), default=0)) as work:
        xT, (s,) = _forward_T(Ws, hidden, X2, work)
        s_L = s.T
        x_L = net.output.theta(s_L)
        E = _mean(measure.pointwise(s_L, x_L, Y))
        delta = measure.delta_L(s_L, x_L, Y, net.output).T  # (δ^(L))ᵀ for all points: (d^(L), N)
        G = [None] * L
        for ell in range(L, 0, -1):
            W = Ws[ell - 1]
            # (1) averaged over points: ∂E/∂W^(l) = (1/N) Σ_n [1; x_n^(l-1)] (δ_n^(l))ᵀ;
            # row 0 (bias) is the sum of δ over points, rows 1.. are X^(l-1)ᵀ Δ^(l)
            g = np.empty_like(W)
            np.add.reduce(delta, axis=1, out=g[0])
            np.matmul(xT[ell - 1], delta.T, out=g[1:])
            g /= N
            G[ell - 1] = g
            if ell == 1:
                break
            # (2): δ^(l-1) = θ'(s^(l-1)) ⊗ [W^(l) δ^(l)]_1^{d^(l-1)}, every point: (d^(l-1), N)
            rows = W.shape[0] - 1  # d^(l-1)
            back = work[signals : signals + rows * N].reshape(rows, N)
            _matmul(W[1:], delta, out=back)
            x = xT[ell - 1]
            if tanh:  # θ' = 1 − x ⊗ x, computed in place over x^(l-1) (no longer needed)
                np.multiply(x, x, out=x)
                np.subtract(1.0, x, out=x)
                x *= back
                delta = x
            else:
                delta = hidden.theta_prime(x)
                delta *= back
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
    e = _pointwise(net, X2, Y, measure)
    return e[0] if single else e


def error(net, X, y, error: str = "squared") -> float:
    """E = (1/N) Σ_n e(h(x_n), y_n)."""
    return float(np.mean(pointwise_errors(net, X, y, error=error)))
