"""The graph of a network's error: ``nb.Network`` → scalar nodes of ``nbtools.graph``.

E = (1/N) Σ_n e_n is built in the lecture's notation, s^(ℓ)_j = w^(ℓ)_0j +
Σ_i w^(ℓ)_ij x^(ℓ−1)_i and x^(ℓ)_j = θ(s^(ℓ)_j), so that after ``E.backward()``
the adjoint of s^(ℓ)_j is δ^(ℓ)_j and the adjoint of w^(ℓ)_ij is ∂E/∂w^(ℓ)_ij.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import describe
from .activations import ACTIVATIONS
from .data_checks import prepare_X, prepare_y
from .graph import Node, add, total
from .layers import Layers
from .measures import get_error_measure
from .network import Network

#: The pointwise error e(s^(L), h, y) of each measure in nbtools.measures, as a graph (lists over the outputs).
ERRORS = {
    "squared": lambda s, h, y: total([(hk - yk).square() for hk, yk in zip(h, y)]),
    "logistic": lambda s, h, y: total([(1.0 + (sk * -yk).exp()).log() for sk, yk in zip(s, y)]),
}


@dataclass
class NetworkGraph:
    """The graph of E for one network and batch: ``E`` (the root), ``w[(ℓ, i, j)]`` the weight
    nodes, ``s[n][ℓ][j-1]`` and ``x[n][ℓ][j]`` the signals and outputs of point n (x[n][0][1:]: inputs)."""

    E: Node
    w: dict
    s: list
    x: list

    def gradient(self, net: Network) -> Layers:
        """∂E/∂W^(ℓ) from the weight nodes' adjoints (after ``E.backward()``), shaped like ``net.W``."""
        G = [np.zeros_like(W) for W in net.W]
        for (ell, i, j), node in self.w.items():
            G[ell - 1][i, j] = node.grad
        return Layers(G, "G")


def network_graph(net: Network, X, y, error="squared") -> NetworkGraph:
    """Build E = (1/N) Σ_n e_n of ``net`` at the points ``X`` as a graph of scalar nodes.

    ``X`` is one point (d^(0),) or a batch (N, d^(0)); ``y`` as in ``nb.gradient``;
    ``error`` a name from ``nb.ERROR_MEASURES`` or a function e(s_L, h, y) of the
    point's output signals and outputs (lists of nodes) and its targets (floats).
    Call ``graph.E.backward()``; then ``graph.gradient(net)`` equals ``nb.gradient``.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be an nbtools Network; got {describe(net)}")
    if callable(error):
        measure, pointwise = None, error
    else:
        measure = get_error_measure(error)
        if measure.name not in ERRORS:
            raise ValueError(f"error {measure.name!r} has no graph here; graphs exist for {sorted(ERRORS)}")
        pointwise = ERRORS[measure.name]
    for act in (net.hidden, net.output):
        if not callable(getattr(Node, act.name, None)):
            raise ValueError(f"activation {act.name!r} has no graph node; nodes exist for "
                             f"{sorted(a for a in ACTIVATIONS if hasattr(Node, a))}")
    X2, single = prepare_X(net, X)
    Y = prepare_y(net, y, X2.shape[0], single, measure)
    w = {(ell, i, j): Node(W[i, j], op="w", name=f"w({ell})_{i}{j + 1}")
         for ell, W in net.W.items() for i, j in np.ndindex(W.shape)}
    errors, s_all, x_all = [], [], []
    for n, point in enumerate(X2):
        x = [[None] + [Node(v, op="x", name=f"x(0)_{k}") for k, v in enumerate(point, 1)]]
        s = [None]
        for ell in range(1, net.L + 1):
            theta = net.activation(ell).name
            s.append([])
            for j in range(net.d[ell]):
                products = [w[ell, i, j] * x[ell - 1][i] for i in range(1, net.d[ell - 1] + 1)]
                for i, p in enumerate(products, 1):
                    p.name = f"w({ell})_{i}{j + 1} x({ell - 1})_{i}"
                s[ell].append(add(w[ell, 0, j], *products))
                s[ell][-1].name = f"s({ell})_{j + 1}"
            x.append([None] + [getattr(sj, theta)() for sj in s[ell]])
            for j, xj in enumerate(x[ell][1:], 1):
                xj.name = f"x({ell})_{j}"
        errors.append(pointwise(s[net.L], x[net.L][1:], [float(v) for v in Y[n]]))
        if not isinstance(errors[-1], Node):
            raise TypeError(f"error must return the point's error as a Node (built from the nodes it is "
                            f"given); got {describe(errors[-1])}")
        errors[-1].name = "e" if single else f"e_{n + 1}"
        s_all.append(s)
        x_all.append(x)
    E = errors[0] if single else add(*errors) * (1.0 / len(errors))
    E.name = "e" if single else "E"
    return NetworkGraph(E, w, s_all, x_all)
