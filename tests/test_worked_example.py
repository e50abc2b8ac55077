"""The lecture's worked example, number by number.

Every expected value below is typed from the notes
(shared/seed/backprop_lecture_notes.md), as a string, exactly as the notes
print it; ``assert_printed`` allows half a unit of the last printed digit.
Network: W^(1) = [[0.1, 0.2], [0.3, 0.4]], W^(2) = [0.2, 1, -3]ᵀ,
W^(3) = [1, 2]ᵀ, tanh everywhere, one point x = 2, y = 1, squared error.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_all_printed, assert_printed

import nbtools as nb

# (quantity, l) -> the numbers as the notes print them.
NOTES = {
    # forward propagation table
    ("x", 0): ["1", "2"],
    ("s", 1): ["0.7", "1"],
    ("x", 1): ["1", "0.6", "0.76"],  # tanh(0.7) = 0.6044 is printed as 0.6
    ("s", 2): ["-1.48"],
    ("x", 2): ["1", "-0.90"],
    ("s", 3): ["-0.8"],
    # x^(3) = tanh(−0.8031) = −0.6658 is printed as −0.66: the notes cut it off
    # there (rounded it would be −0.67), see test_x3_is_truncated.
    ("x", 3): ["-0.66"],
    # backpropagation table
    ("delta", 3): ["-1.855"],
    ("delta", 2): ["-0.69"],
    ("delta", 1): ["-0.44", "0.88"],
    # the three gradient matrices ∂e/∂W^(l) = x^(l-1) (δ^(l))ᵀ
    ("G", 1): [["-0.44", "0.88"], ["-0.88", "1.75"]],
    ("G", 2): [["-0.69"], ["-0.42"], ["-0.53"]],
    ("G", 3): [["-1.85"], ["1.67"]],
}
TRUNCATED = {("x", 3)}


def box():
    """The literal algorithm box on the example."""
    net, x, y = nb.worked_example()
    return nb.backprop_one_point(net, x, y)


def vectorized():
    """forward / backward / gradient on the example (one point, 1-D arrays)."""
    net, x, y = nb.worked_example()
    trace = nb.forward(net, x)
    return {
        "x": trace.x,
        "s": trace.s,
        "delta": nb.backward(net, trace, y),
        "G": nb.gradient(net, x, y)[1],
    }


PATHS = {"algorithm box": box, "vectorized": vectorized}


def test_example_network_is_the_notes_one():
    net, x, y = nb.worked_example()
    assert net.d == (1, 2, 1, 1)
    assert (net.hidden.name, net.output.name) == ("tanh", "tanh")
    np.testing.assert_array_equal(net.W[1], [[0.1, 0.2], [0.3, 0.4]])
    np.testing.assert_array_equal(net.W[2], [[0.2], [1.0], [-3.0]])
    np.testing.assert_array_equal(net.W[3], [[1.0], [2.0]])
    assert np.ravel(x).tolist() == [2.0] and float(y) == 1.0


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("quantity", NOTES, ids=lambda q: f"{q[0]}{q[1]}")
def test_printed_numbers(path, quantity):
    name, ell = quantity
    value = PATHS[path]()[name][ell]
    if quantity in TRUNCATED:
        assert np.shape(value) == (1,)
        assert_printed(value[0], NOTES[quantity][0], truncated=True)
    else:
        assert_all_printed(value, NOTES[quantity])


def test_delta3_erratum():
    """Seed erratum: the notes write δ^(3) = 2·(−0.66 − 1)·(1 − 0.66²) = −1.855.

    −1.855 is right for the unrounded x^(3) = −0.6658; the product written
    with the rounded −0.66 is −1.874 (2 · −1.66 · 0.5644 = −1.8738).
    """
    result = box()
    assert_printed(result["x"][3][0], "-0.6658")
    assert_printed(result["delta"][3][0], "-1.855")
    # The formula itself, evaluated on the printed (rounded) x^(3):
    x3_rounded = -0.66
    assert_printed(2 * (x3_rounded - 1) * (1 - x3_rounded**2), "-1.874")
    with pytest.raises(AssertionError):
        assert_printed(result["delta"][3][0], "-1.874")


def test_x3_is_truncated():
    """Not in the seed errata: x^(3) = −0.6658 rounds to −0.67; the notes print
    the truncated −0.66 (every other number in the tables is rounded)."""
    x3 = box()["x"][3][0]
    printed = NOTES["x", 3][0]
    assert_printed(x3, "-0.67")
    with pytest.raises(AssertionError):
        assert_printed(x3, printed)
    assert_printed(x3, printed, truncated=True)


def test_error_and_one_point_shapes():
    net, x, y = nb.worked_example()
    E, G = nb.gradient(net, x, y)
    # e = (x^(3) − y)² = (−0.6658 − 1)² = 2.775, by hand from the unrounded x^(3)
    assert_printed(E, "2.775")
    assert_printed(nb.error(net, x, y), "2.775")
    trace = nb.forward(net, x)
    assert [np.shape(a) for a in trace.x] == [(2,), (3,), (2,), (1,)]
    assert [G[ell].shape for ell in (1, 2, 3)] == [(2, 2), (3, 1), (2, 1)]


def test_assert_printed_tolerance():
    """The helper's tolerance is half a unit of the last printed digit."""
    assert_printed(0.6044, "0.6")
    assert_printed(0.8750, "0.88")
    assert_printed(-0.6658, "-0.66", truncated=True)
    assert_printed(1.759, "1.75", truncated=True)
    for value, printed in [(0.6044, "0.603"), (0.6551, "0.6"), (-1.8549, "-1.854"), (2.0, "1")]:
        with pytest.raises(AssertionError):
            assert_printed(value, printed)
    for value, printed in [(-0.6558, "-0.66"), (-0.6701, "-0.66"), (1.76, "1.75")]:
        with pytest.raises(AssertionError):
            assert_printed(value, printed, truncated=True)
