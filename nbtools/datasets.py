"""Small data sets generated from a seed (never downloaded).

Classification sets have two features and labels y = ±1; the regression set has
one feature. ``noise`` is the standard deviation of Gaussian noise added to the
points (classification) or to the targets (regression).
"""

from __future__ import annotations

import numpy as np

from ._checks import check_one_of, check_int, check_real, rng_from_seed


def _check_noise(noise) -> float:
    noise = check_real("noise", noise)
    if noise < 0:
        raise ValueError(f"noise must be >= 0 (a standard deviation); got {noise!r}")
    return noise


def regression_1d(N: int = 40, noise: float = 0.1, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """y = sin(π x) + noise for x uniform in [-1, 1]. Returns X (N, 1), y (N,)."""
    N, noise = check_int("N", N, low=1), _check_noise(noise)
    rng = rng_from_seed("seed", seed)
    x = rng.uniform(-1.0, 1.0, size=N)
    return x.reshape(-1, 1), np.sin(np.pi * x) + noise * rng.normal(size=N)


def _labels_and_points(N, noise, seed):
    N, noise = check_int("N", N, low=2), _check_noise(noise)
    rng = rng_from_seed("seed", seed)
    y = np.where(np.arange(N) % 2 == 0, 1.0, -1.0)  # balanced classes
    rng.shuffle(y)
    return N, noise, rng, y


def xor(N: int = 200, noise: float = 0.1, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Four clusters at (±0.5, ±0.5); y = +1 where x1 x2 > 0. Returns X (N, 2), y (N,)."""
    N, noise, rng, y = _labels_and_points(N, noise, seed)
    sign1 = rng.choice([-1.0, 1.0], size=N)
    centres = np.column_stack([0.5 * sign1, 0.5 * sign1 * y])
    return centres + rng.uniform(-0.3, 0.3, size=(N, 2)) + noise * rng.normal(size=(N, 2)), y


def circles(N: int = 200, noise: float = 0.1, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Inner circle of radius 0.5 (y = +1) inside a ring of radius 1 (y = −1)."""
    N, noise, rng, y = _labels_and_points(N, noise, seed)
    angle = rng.uniform(0.0, 2.0 * np.pi, size=N)
    radius = np.where(y > 0, 0.5, 1.0)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return X + noise * rng.normal(size=(N, 2)), y


def moons(N: int = 200, noise: float = 0.1, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles (y = +1 upper, y = −1 lower), centred near 0."""
    N, noise, rng, y = _labels_and_points(N, noise, seed)
    angle = rng.uniform(0.0, np.pi, size=N)
    upper = np.column_stack([np.cos(angle) - 0.5, np.sin(angle) - 0.25])
    lower = np.column_stack([0.5 - np.cos(angle), 0.25 - np.sin(angle)])
    X = np.where((y > 0)[:, None], upper, lower)
    return X + noise * rng.normal(size=(N, 2)), y


DATASETS = {"regression_1d": regression_1d, "xor": xor, "circles": circles, "moons": moons}
CLASSIFICATION = ("xor", "circles", "moons")


def make_dataset(name: str, N: int = 200, noise: float = 0.1, seed: int | None = 0):
    """A data set by name: one of ``DATASETS``. Returns X, y."""
    return DATASETS[check_one_of("name", name, DATASETS)](N=N, noise=noise, seed=seed)
