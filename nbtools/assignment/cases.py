"""The networks every check runs a student's function on.

First the lecture's worked example, then random tanh networks of other shapes:
one layer, a deeper one, several outputs, and batches of N = 1 and N > 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..network import Network, worked_example


@dataclass
class Case:
    label: str
    net: Network
    X: np.ndarray  # (d0,) for one point, (N, d0) for a batch
    Y: np.ndarray  # (d^(L),) for one point, (N, d^(L)) for a batch

    @property
    def W(self) -> list:
        """A fresh copy of the weights, so a student's function cannot spoil the case."""
        return self.net.copy().W


_SHAPES = ((3, 4, 2), (2, 3, 3, 3, 1), (2, 1))


def _random(d, seed: int, N: int | None) -> Case:
    net = Network.random(d, hidden="tanh", output="tanh", seed=seed)
    rng = np.random.default_rng(seed + 100)
    shape = (d[0],) if N is None else (N, d[0])
    X = rng.uniform(-1.0, 1.0, size=shape)
    Y = rng.uniform(-0.9, 0.9, size=shape[:-1] + (d[-1],))
    points = "one point" if N is None else f"a batch of N = {N}"
    return Case(f"a random network d = {d}, {points}", net, X, Y)


def point_cases() -> list[Case]:
    net, x, y = worked_example()
    first = Case("the worked example (d = (1, 2, 1, 1), x = 2, y = 1)", net, x, np.array([y]))
    return [first] + [_random(d, seed, None) for seed, d in enumerate(_SHAPES, start=1)]


def batch_cases() -> list[Case]:
    net, x, y = worked_example()
    first = Case("the worked example (one point x = 2, y = 1, N = 1)", net, x[None, :], np.array([[y]]))
    rng = np.random.default_rng(7)
    X = rng.uniform(-2.0, 2.0, size=(5, 1))
    second = Case("the worked example's network on a batch of N = 5", net, X, np.tanh(X))
    sizes = (1, 7, 4)
    return [first, second] + [_random(d, seed, N) for seed, (d, N) in enumerate(zip(_SHAPES, sizes), start=1)]
