"""The networks every check runs a student's function on: visible and hidden.

The visible cases (what a student's check cell runs) are the lecture's worked
example, then random tanh networks of other shapes: one layer, a deeper one,
several outputs, batches of N = 1 and N > 1. Each batch case also says the η,
the point n and the mini-batch a step check asks for; they differ from case to
case (η = 0.05, 0.25, 0.5, 0.3, 0.8; n is not always the last point; a
mini-batch is not every other point), so a step that ignores one of them fails.

The hidden cases (the graded checks, ``seed`` given) are drawn from the seed:
other depths and widths (never one of the visible shapes), other N, η, n,
mini-batches, inputs and weight scales. Passing the visible cases is
necessary, not sufficient.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..network import Network, worked_example


@dataclass
class Case:
    label: str
    net: Network
    X: np.ndarray  # (d0,) for one point, (N, d0) for a batch
    Y: np.ndarray  # (d^(L),) for one point, (N, d^(L)) for a batch
    eta: float = 0.2
    n: int = 0  # the point of sgd_step
    batch: np.ndarray = field(default_factory=lambda: np.array([0]))  # the indices of minibatch_step

    @property
    def W(self) -> list:
        """A fresh copy of the weights, so a student's function cannot spoil the case."""
        return self.net.copy().W


_SHAPES = ((3, 4, 2), (2, 3, 3, 3, 1), (2, 1))
VISIBLE_SHAPES = {(1, 2, 1, 1), *_SHAPES}
# η, n and the mini-batch of each visible batch case, in the order of batch_cases()
_STEPS = ((0.05, 0, [0]), (0.25, 1, [3, 0]), (0.5, 0, [0]), (0.3, 3, [1, 2, 5]), (0.8, 2, [3, 1]))


def _random(d, seed: int, N: int | None, x_range=1.0, scale=1.0, label="a random network") -> Case:
    net = Network.random(d, hidden="tanh", output="tanh", seed=seed, scale=scale)
    rng = np.random.default_rng(seed + 100)
    shape = (d[0],) if N is None else (N, d[0])
    X = rng.uniform(-x_range, x_range, size=shape)
    Y = rng.uniform(-0.9, 0.9, size=shape[:-1] + (d[-1],))
    points = "one point" if N is None else f"a batch of N = {N}"
    return Case(f"{label} d = {tuple(d)}, {points}", net, X, Y)


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
    cases = [first, second] + [_random(d, seed, N) for seed, (d, N) in enumerate(zip(_SHAPES, sizes), start=1)]
    for case, (eta, n, batch) in zip(cases, _STEPS):
        case.eta, case.n, case.batch = eta, n, np.array(batch)
    return cases


def _hidden_shape(rng) -> tuple[int, ...]:
    while True:
        L = int(rng.integers(1, 5))
        d = tuple(int(w) for w in rng.integers(1, 6, size=L + 1))
        if d not in VISIBLE_SHAPES:
            return d


def _hidden(rng, N: int | None) -> Case:
    d = _hidden_shape(rng)
    case = _random(d, int(rng.integers(1000, 2**31)), N, x_range=float(rng.uniform(0.5, 3.0)),
                   scale=float(rng.uniform(0.5, 2.0)), label="a hidden network")
    if N is not None:
        case.eta = float(np.round(np.exp(rng.uniform(np.log(0.01), np.log(2.0))), 4))
        case.n = int(rng.integers(N))
        size = int(rng.integers(1, N + 1))
        case.batch = np.sort(rng.choice(N, size=size, replace=False))
    return case


def hidden_point_cases(seed: int, count: int = 6) -> list[Case]:
    """``count`` one-point cases drawn from ``seed``, none of a visible shape."""
    rng = np.random.default_rng([int(seed), 1])
    return [_hidden(rng, None) for _ in range(count)]


def hidden_batch_cases(seed: int, count: int = 6) -> list[Case]:
    """``count`` batch cases drawn from ``seed``: N = 2..12, η in [0.01, 2], random n and mini-batch."""
    rng = np.random.default_rng([int(seed), 2])
    return [_hidden(rng, int(rng.integers(2, 13))) for _ in range(count)]


def hidden_training(seed: int) -> tuple[Network, np.ndarray, np.ndarray, float, int]:
    """A network, data X, Y, η and a number of epochs drawn from ``seed`` for check_training."""
    rng = np.random.default_rng([int(seed), 3])
    d = _hidden_shape(rng)
    case = _random(d, int(rng.integers(1000, 2**31)), int(rng.integers(3, 13)), label="a hidden network")
    return case.net, case.X, case.Y, float(np.round(rng.uniform(0.02, 0.5), 3)), int(rng.integers(2, 12))
