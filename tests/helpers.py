"""Shared helpers for the unit tests: printed-precision comparison, random
problems, and comparisons of per-layer arrays.

Nothing here calls the code under test to produce an expected value; the
helpers only build inputs and compare results.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import numpy as np

import nbtools as nb

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]

HIDDEN = tuple(nb.ACTIVATIONS)  # every activation in the table
OUTPUTS = ("tanh", "identity", "sigmoid")
ERRORS = tuple(nb.ERROR_MEASURES)
# Layer widths (d0, ..., dL) for L = 1..4, mixing narrow and wide layers and
# more than one output.
SHAPES = {1: (3, 2), 2: (2, 4, 1), 3: (1, 2, 3, 2), 4: (3, 5, 1, 4, 1)}


def assert_printed(value: float, printed: str, truncated: bool = False) -> None:
    """``value`` agrees with a number printed in the notes at the notes' precision.

    Rounded (the default): the tolerance is half a unit of the last printed
    digit: "0.6" allows |value - 0.6| <= 0.05, "-1.855" allows 0.0005, "1"
    allows 0.5. ``truncated=True``: the notes cut the digits off instead, so
    value lies between the printed number and one unit further from zero.
    """
    number = Decimal(printed)
    unit = 10.0 ** number.as_tuple().exponent
    value, target = float(value), float(number)
    # A hair of slack: 0.875 is exactly representable, 0.88 is not.
    slack = 1e-9 * unit
    if truncated:
        beyond = (value - target) * (1.0 if target >= 0 else -1.0)  # distance away from zero
        ok = -slack <= beyond < unit - slack
        rule = f"truncated to {printed}"
    else:
        ok = abs(value - target) <= 0.5 * unit + slack
        rule = f"rounded to {printed} (tolerance {0.5 * unit:g})"
    assert ok, f"{value!r} does not print as {rule}"


def assert_all_printed(values, printed) -> None:
    """Element-wise ``assert_printed`` over arrays of the same shape."""
    values = np.asarray(values, dtype=float)
    printed = np.asarray(printed, dtype=object)
    assert values.shape == printed.shape, (values.shape, printed.shape)
    for value, text in zip(values.ravel(), printed.ravel()):
        assert_printed(value, text)


def targets(error: str, N: int, dL: int, rng: np.random.Generator) -> np.ndarray:
    """Targets y of shape (N, dL): labels ±1 for the logistic error, reals otherwise."""
    if nb.ERROR_MEASURES[error].labels == "±1":
        return rng.choice([-1.0, 1.0], size=(N, dL))
    return rng.uniform(-0.9, 0.9, size=(N, dL))


def random_problem(d, hidden="tanh", output="identity", error="squared", N=7, seed=0):
    """A random network with widths ``d`` and a batch X (N, d0), y (N, dL)."""
    net = nb.Network.random(d, hidden=hidden, output=output, seed=seed)
    rng = np.random.default_rng(seed + 1000)
    X = rng.normal(size=(N, d[0]))
    return net, X, targets(error, N, d[-1], rng)


def flat(layers) -> np.ndarray:
    """All layers' arrays as one vector (l = 1..L in order)."""
    return np.concatenate([np.ravel(a) for a in layers])


def relative_error(G, G_ref) -> float:
    """||G - G_ref|| / max(||G|| + ||G_ref||, tiny) over all layers at once.

    Symmetric, scale-free, 0 when both are exactly equal (zero included),
    and at most 1.
    """
    a, b = flat(G), flat(G_ref)
    return float(
        np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), np.finfo(float).tiny)
    )


def assert_layers_close(A, B, L: int, rtol=1e-12, atol=1e-12) -> None:
    """A[l] and B[l] have the same shape and values for l = 1..L; A has L layers."""
    assert len(A) == L
    for ell in range(1, L + 1):
        assert np.shape(A[ell]) == np.shape(B[ell]), (ell, np.shape(A[ell]), np.shape(B[ell]))
        np.testing.assert_allclose(A[ell], B[ell], rtol=rtol, atol=atol, err_msg=f"layer {ell}")


def weights_of(net) -> list[np.ndarray]:
    """Independent copies of W[1..L]."""
    return [np.array(W, copy=True) for W in net.W]


def pyproject() -> dict:
    """The repository's pyproject.toml, parsed."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
