"""Bad calls raise ValueError or TypeError whose message names the argument,
the rule and what was received; never a NaN, never numpy's own message."""

from __future__ import annotations

import numpy as np
import pytest

import nbtools as nb

NAN, INF = float("nan"), float("inf")


def net():
    """(2, 3, 1): W[1] is (3, 3), W[2] is (4, 1)."""
    return nb.Network.random((2, 3, 1), seed=0)


X = np.random.default_rng(0).normal(size=(5, 2))
Y = np.ones(5)
W1, W2 = np.ones((3, 3)), np.ones((4, 1))


def with_bad(array, index, value):
    array = np.array(array, dtype=float)
    array[index] = value
    return array


def train(**changes):
    arguments = dict(net=net(), X=X, y=Y, eta=0.1, epochs=2) | changes
    return nb.train(**arguments)


def surface(a=(1, 0, 1), b=(2, 0, 0), a_values=(0.0, 1.0), b_values=(0.0, 1.0)):
    return nb.error_surface(net(), X, Y, a, b, a_values, b_values)


def edited_net():
    n = net()
    n.W[2][1, 0] = NAN  # edited in place after construction
    return n


# id: (call, exception, substrings the message must contain)
CASES = {
    # the network
    "W without bias row": (
        lambda: nb.Network([np.ones((2, 3)), np.ones((3, 1))]),
        ValueError,
        ["W[2]", "(4, ...)", "(3, 1)", "bias row"],
    ),
    "W1 only one row": (
        lambda: nb.Network([np.ones((1, 2))]),
        ValueError,
        ["W[1]", "2 rows", "(1, 2)", "bias"],
    ),
    "layers do not chain": (
        lambda: nb.Network([W1, np.ones((6, 1))]),
        ValueError,
        ["do not chain", "W[2]", "(4, ...)", "(6, 1)"],
    ),
    "W 1-D": (lambda: nb.Network([np.ones(3)]), ValueError, ["W[1]", "2-D", "(3,)"]),
    "W not a list": (lambda: nb.Network(W1), TypeError, ["W must be", "list", "(3, 3)"]),
    "W empty list": (lambda: nb.Network([]), TypeError, ["W must be", "non-empty", "[]"]),
    "W text": (lambda: nb.Network([[["a", "b"]]]), TypeError, ["W[1]", "numeric", "'a'"]),
    "NaN in W": (
        lambda: nb.Network([with_bad(W1, (1, 2), NAN), W2]),
        ValueError,
        ["W[1]", "finite", "nan", "(1, 2)"],
    ),
    "inf in W": (
        lambda: nb.Network([W1, with_bad(W2, (3, 0), -INF)]),
        ValueError,
        ["W[2]", "finite", "-inf"],
    ),
    "NaN written into net.W": (
        lambda: nb.gradient(edited_net(), X, Y),
        ValueError,
        ["net.W[2]", "finite", "nan", "(1, 0)"],
    ),
    "net not a Network": (lambda: nb.forward(None, X), TypeError, ["net", "Network", "None"]),
    "unknown hidden activation": (
        lambda: nb.Network([W1, W2], hidden="sigmoidal"),
        ValueError,
        ["hidden", "'tanh'", "'identity'", "'sigmoid'", "'relu'", "'sigmoidal'"],
    ),
    "unknown output activation": (
        lambda: nb.Network([W1, W2], output="softmax"),
        ValueError,
        ["output", "'tanh'", "'softmax'"],
    ),
    "activation not a name": (
        lambda: nb.Network([W1, W2], hidden=None),
        TypeError,
        ["hidden", "'relu'", "None"],
    ),
    "random d of length 1": (
        lambda: nb.Network.random((2,)),
        ValueError,
        ["d must be", "at least 2", "(2,)"],
    ),
    "random width 0": (lambda: nb.Network.random((2, 0, 1)), ValueError, ["d[1]", ">= 1", "got 0"]),
    "random width 2.5": (
        lambda: nb.Network.random((2, 2.5, 1)),
        TypeError,
        ["d[1]", "integer", "2.5"],
    ),
    "random scale < 0": (
        lambda: nb.Network.random((2, 3, 1), scale=-1.0),
        ValueError,
        ["scale", ">= 0", "-1.0"],
    ),
    "random scale NaN": (
        lambda: nb.Network.random((2, 3, 1), scale=NAN),
        ValueError,
        ["scale", "finite", "nan"],
    ),
    "random seed text": (
        lambda: nb.Network.random((2, 3, 1), seed="a"),
        TypeError,
        ["seed", "integer", "'a'"],
    ),
    # the data
    "X of the wrong width": (
        lambda: nb.forward(net(), np.ones((5, 4))),
        ValueError,
        ["X must have shape", "(N, 2)", "(5, 4)"],
    ),
    "X with the bias column": (
        lambda: nb.gradient(net(), np.ones((5, 3)), Y),
        ValueError,
        ["X", "(5, 3)", "bias entry"],
    ),
    "X 3-D": (lambda: nb.forward(net(), np.ones((2, 2, 2))), ValueError, ["X", "(2, 2, 2)"]),
    "X empty": (
        lambda: nb.gradient(net(), np.ones((0, 2)), []),
        ValueError,
        ["X", "at least one point", "(0, 2)"],
    ),
    "X text": (lambda: nb.forward(net(), "data"), TypeError, ["X", "numeric", "'data'"]),
    "X complex": (
        lambda: nb.forward(net(), np.array([1 + 1j, 2])),
        TypeError,
        ["X", "real", "complex"],
    ),
    "NaN in X": (
        lambda: nb.gradient(net(), with_bad(X, (3, 1), NAN), Y),
        ValueError,
        ["X", "finite", "nan", "(3, 1)"],
    ),
    "inf in X": (
        lambda: nb.error(net(), with_bad(X, (0, 0), INF), Y),
        ValueError,
        ["X", "finite", "inf"],
    ),
    "y of the wrong length": (
        lambda: nb.gradient(net(), X, np.ones(4)),
        ValueError,
        ["y", "(5,)", "(4,)"],
    ),
    "y of the wrong width": (
        lambda: nb.error(net(), X, np.ones((5, 2))),
        ValueError,
        ["y", "(5, 1)", "(5, 2)"],
    ),
    "y one point, two values": (
        lambda: nb.gradient(net(), X[0], [1.0, 2.0]),
        ValueError,
        ["y", "(1,)", "(2,)"],
    ),
    "NaN in y": (
        lambda: nb.gradient(net(), X, with_bad(Y, 2, NAN)),
        ValueError,
        ["y", "finite", "nan", "(2,)"],
    ),
    "inf in y": (lambda: train(y=with_bad(Y, 4, INF)), ValueError, ["y", "finite", "inf"]),
    "labels not ±1 for logistic": (
        lambda: nb.gradient(net(), X, with_bad(Y, 1, 0.5), error="logistic"),
        ValueError,
        ["y", "-1 or +1", "'logistic'", "0.5"],
    ),
    "unknown error name": (
        lambda: nb.gradient(net(), X, Y, error="cross-entropy"),
        ValueError,
        ["error", "'squared'", "'logistic'", "'cross-entropy'"],
    ),
    "backward with another net's trace": (
        lambda: nb.backward(net(), nb.forward(nb.Network.random((2, 4, 1)), X), Y),
        ValueError,
        ["trace", "(2, 3, 1)", "[3, 5, 1]"],
    ),
    "box given a batch": (
        lambda: nb.backprop_one_point(net(), X, Y),
        ValueError,
        ["x", "one point", "(5, 2)"],
    ),
    "numerical gradient h = 0": (
        lambda: nb.numerical_gradient(net(), X, Y, h=0),
        ValueError,
        ["h", "> 0", "0.0"],
    ),
    # training
    "eta 0": (lambda: train(eta=0), ValueError, ["eta", "> 0", "0.0"]),
    "eta negative": (lambda: train(eta=-0.5), ValueError, ["eta", "> 0", "-0.5"]),
    "eta inf": (lambda: train(eta=INF), ValueError, ["eta", "finite", "inf"]),
    "eta NaN": (lambda: train(eta=NAN), ValueError, ["eta", "finite", "nan"]),
    "eta text": (lambda: train(eta="0.1"), TypeError, ["eta", "real number", "'0.1'"]),
    "batch size 0": (
        lambda: train(batch_size=0),
        ValueError,
        ["batch_size", "between 1 and 5", "got 0"],
    ),
    "batch size > N": (
        lambda: train(batch_size=6),
        ValueError,
        ["batch_size", "between 1 and 5", "got 6"],
    ),
    "batch size 2.5": (lambda: train(batch_size=2.5), TypeError, ["batch_size", "integer", "2.5"]),
    "epochs 0": (lambda: train(epochs=0), ValueError, ["epochs", ">= 1", "got 0"]),
    "epochs 1.5": (lambda: train(epochs=1.5), TypeError, ["epochs", "integer", "1.5"]),
    "train on one point": (lambda: train(X=X[0], y=1.0), ValueError, ["X", "batch", "(2,)"]),
    "train on empty data": (
        lambda: train(X=np.ones((0, 2)), y=[]),
        ValueError,
        ["X", "at least one point", "(0, 2)"],
    ),
    "callback not callable": (lambda: train(callback=3), TypeError, ["callback", "callable", "3"]),
    "train seed negative": (
        lambda: train(batch_size=1, seed=-1),
        TypeError,
        ["seed", "non-negative", "-1"],
    ),
    "max_weight 0": (lambda: train(max_weight=0), ValueError, ["max_weight", "> 0", "0.0"]),
    "divergence_limit NaN": (
        lambda: train(divergence_limit=NAN),
        ValueError,
        ["divergence_limit", "nan"],
    ),
    # the error surface
    "weight in layer 0": (
        lambda: surface(a=(0, 0, 0)),
        ValueError,
        ["a[0]", "layer", "between 1 and 2", "got 0"],
    ),
    "weight in layer L+1": (
        lambda: surface(b=(3, 0, 0)),
        ValueError,
        ["b[0]", "between 1 and 2", "got 3"],
    ),
    "weight row out of range": (
        lambda: surface(a=(1, 3, 0)),
        ValueError,
        ["a[1]", "row", "between 0 and 2", "got 3"],
    ),
    "weight column out of range": (
        lambda: surface(b=(2, 0, 1)),
        ValueError,
        ["b[2]", "column", "between 0 and 0", "got 1"],
    ),
    "weight index of length 2": (
        lambda: surface(a=(1, 0)),
        TypeError,
        ["a", "(l, i, j)", "(1, 0)"],
    ),
    "same weight twice": (
        lambda: surface(a=(1, 2, 0), b=[1, 2, 0]),
        ValueError,
        ["a and b", "different", "W[1][2, 0]"],
    ),
    "empty a_values": (lambda: surface(a_values=[]), ValueError, ["a_values", "non-empty", "(0,)"]),
    "2-D b_values": (
        lambda: surface(b_values=[[0.0, 1.0]]),
        ValueError,
        ["b_values", "1-D", "(1, 2)"],
    ),
    "NaN in a_values": (
        lambda: surface(a_values=[0.0, NAN]),
        ValueError,
        ["a_values", "finite", "nan"],
    ),
    # data sets
    "unknown data set": (
        lambda: nb.make_dataset("spiral"),
        ValueError,
        ["name", "'xor'", "'circles'", "'spiral'"],
    ),
    "data set N 1": (lambda: nb.xor(N=1), ValueError, ["N", ">= 2", "got 1"]),
    "negative noise": (lambda: nb.circles(noise=-0.1), ValueError, ["noise", ">= 0", "-0.1"]),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_call_is_explained(case):
    call, exception, substrings = CASES[case]
    with pytest.raises(exception) as info:
        call()
    message = str(info.value)
    missing = [s for s in substrings if s not in message]
    assert not missing, f"message {message!r} lacks {missing}"
    assert "np.float64" not in message  # numbers shown as a student would type them


@pytest.mark.parametrize("symbol", ["W", "s", "delta", "G"])
def test_there_is_no_layer_zero(symbol):
    net_, X_, Y_ = net(), X, Y
    trace = nb.forward(net_, X_)
    layers = {
        "W": net_.W,
        "s": trace.s,
        "delta": nb.backward(net_, trace, Y_),
        "G": nb.gradient(net_, X_, Y_)[1],
    }[symbol]
    with pytest.raises(IndexError, match=rf"there is no {symbol}\^\(0\)"):
        layers[0]
    for index in (-1, 3):
        with pytest.raises(IndexError, match=rf"between 1 and L = 2; got {index}"):
            layers[index]
    with pytest.raises(TypeError, match="integer"):
        layers[1.0]


def test_setting_a_weight_matrix_keeps_its_shape():
    n = net()
    with pytest.raises(
        ValueError, match=r"W\[2\] must keep its shape \(4, 1\); got shape \(3, 1\)"
    ):
        n.W[2] = np.ones((3, 1))
