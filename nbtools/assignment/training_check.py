"""The check of a training loop: batch gradient descent for a number of epochs.

check_training trains the student's ``train`` on the data it is given, with
the η and epochs given, and twice more with other η and epochs (and, graded,
on hidden networks and data), so a loop that ignores ``eta`` or ``epochs`` is
caught and told which. Its own arguments are checked first: a message, never
an exception.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._checks import describe
from . import mistakes as ref
from .cases import hidden_training
from .descent_checks import received_weights, step, triples
from .feedback import Wrong, as_array, first_difference, report, same
from .precision import two_numbers
from .running import Student, bad_options, verdict
from .time_limit import DEFAULT_SECONDS
from .layer_list import LayerList, one_based

EXTRA_RUNS = ((0.05, 3), (0.3, 7))  # (η, epochs) tried besides the ones asked for
HIDDEN_RUNS = 2
PLAIN_LIST_HINT = (" If your step returns a plain list, indexed from 0, the next epoch's W[1] is W^(2) and W[L]"
                   " does not exist: return LayerList([...]) from your steps.")


def _arguments(W, X, Y, eta, epochs):
    """(W^(1..L), X, Y) checked; ValueError/TypeError naming the argument otherwise."""
    Ws = one_based(W)
    if isinstance(eta, bool) or not isinstance(eta, numbers.Real) or not math.isfinite(eta) or eta <= 0:
        raise ValueError(f"eta must be a number > 0 (the learning rate η); got {describe(eta)}")
    if isinstance(epochs, bool) or not isinstance(epochs, numbers.Integral) or epochs < 1:
        raise ValueError(f"epochs must be an integer >= 1 (the number of steps); got {describe(epochs)}")
    d0, dL = Ws[0].shape[0] - 1, Ws[-1].shape[1]
    arrays = []
    for name, value, width, symbol in (("X", X, d0, "d^(0)"), ("Y", Y, dL, "d^(L)")):
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be an array of numbers; got {describe(value)}") from None
        if array.ndim != 2 or array.shape[1] != width or len(array) < 1:
            hint = f" Use {name}[:, None]." if array.ndim == 1 and width == 1 else ""
            raise ValueError(f"{name} must have shape (N, {width}) = (N, {symbol}) for these W; got shape"
                             f" {array.shape}.{hint}")
        if not np.all(np.isfinite(array)):
            raise ValueError(f"{name} must hold finite numbers; it has NaN or infinity")
        arrays.append(array)
    if len(arrays[0]) != len(arrays[1]):
        raise ValueError(f"X and Y must have the same number of points N; got {len(arrays[0])} and {len(arrays[1])}")
    return Ws, arrays[0], arrays[1]


def expected_training(Ws, X, Y, eta, epochs):
    """The right (W, errors): errors[k] is E before step k+1."""
    W, errors = LayerList([w.copy() for w in Ws]), []
    for _ in range(epochs):
        errors.append(ref.gradient(W, X, Y)[0])
        W = LayerList(step(W, X, Y, eta))
    return W, np.array(errors)


def _received(student, Ws, X, Y, eta, epochs, expected_W=None):
    out = student(LayerList([w.copy() for w in Ws]), X.copy(), Y.copy(), eta, epochs)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise Wrong("train should return (W, errors): the trained weights and the list of E per epoch.")
    return received_weights(out[0], "train", len(Ws), expected_W), as_array(out[1], "errors (the second value returned)")


def _ignored(student, run, received_W, errors) -> str:
    """Hints naming ``eta`` or ``epochs`` when changing it leaves what train returns the same."""
    Ws, X, Y, eta, epochs, _ = run
    hints = []
    try:
        _, errors2 = _received(student, Ws, X, Y, eta, epochs + 2)
        if errors2.shape == errors.shape:
            hints.append(f" Your train returns {len(errors)} errors for epochs = {epochs} and for epochs ="
                         f" {epochs + 2}: use epochs.")
    except Wrong:
        pass
    try:
        W2, errors2 = _received(student, Ws, X, Y, 2 * eta, epochs)
        if same(W2, received_W) and errors2.shape == errors.shape and np.array_equal(errors2, errors):
            hints.append(f" Your train gives the same W for η = {eta:g} and η = {2 * eta:g}: use eta.")
    except Wrong:
        pass
    return "".join(hints)


def _judge(student, run) -> str | None:
    """None if the run is right, else the message."""
    Ws, X, Y, eta, epochs, data = run
    where = f"after {epochs} epochs with η = {eta:g} on {data}"
    want_W, want_E = expected_training(Ws, X, Y, eta, epochs)
    if not (np.all(np.isfinite(want_E)) and all(np.all(np.isfinite(w)) for w in want_W)):
        return f"check_training cannot judge {where}: the right training diverges there. Use a smaller eta."
    try:
        received_W, errors = _received(student, Ws, X, Y, eta, epochs, list(want_W))
    except Wrong as wrong:
        return f"Not yet, {where}: {wrong}"
    L = len(Ws)
    if errors.shape != (epochs,):
        return (f"Not yet, {where}: errors has shape {errors.shape}; want ({epochs},), E once per epoch (before"
                f" that epoch's step).{_ignored(student, run, received_W, errors)}")
    text = (first_difference([("errors", None, want_E)], [("errors", None, errors)], L)
            or first_difference(triples(want_W), received_W, L))
    if not text:
        return None
    hint = _ignored(student, run, received_W, errors)
    if not hint and epochs > 1 and np.allclose(errors[:-1], want_E[1:]):
        hint = " Likely cause: E is recorded after the step, not before it."
    return f"Not yet, {where}: {text}{hint}"


def check_training(train, W, X, Y, eta: float = 0.1, epochs: int = 50, *, seed: int | None = None,
                   time_limit: float | None = DEFAULT_SECONDS) -> bool:
    """train(W, X, Y, eta, epochs) -> (W, errors): batch descent, errors[k] = E before epoch k+1.

    Trains on X (N, d^(0)), Y (N, d^(L)) from the weights W (indexed 1..L)
    with ``eta`` and ``epochs``, then with (η, epochs) = (0.05, 3) and (0.3, 7);
    ``seed`` an integer (the graded check): also on networks and data drawn
    from it, and no credit for calling nbtools' own code. ``time_limit``:
    seconds per call of ``train`` (None: none). Prints "correct" or what is
    off; returns True or False and never raises.
    """
    try:
        Ws, X, Y = _arguments(W, X, Y, eta, epochs)
    except (TypeError, ValueError) as problem:
        return report(False, f"check_training cannot run: {problem}")
    problem = bad_options(seed, time_limit)
    if problem:
        return report(False, f"check_training cannot run: {problem}")
    runs = [(Ws, X, Y, eta, int(epochs), "your X and Y")]
    runs += [(Ws, X, Y, e, k, "your X and Y") for e, k in EXTRA_RUNS]
    for k in range(HIDDEN_RUNS if seed is not None else 0):
        net, Xh, Yh, e, n = hidden_training(seed * HIDDEN_RUNS + k)
        runs.append((one_based(net.W), Xh, Yh, e, n, f"a hidden network d = {net.d}, N = {len(Xh)}"))
    student = Student(train, "train(W, X, Y, eta, epochs)", time_limit, hint=PLAIN_LIST_HINT)
    for run in runs:
        text = _judge(student, run)
        if text:
            return report(False, text)
    if seed is not None:
        return verdict(student, f"train: correct on {1 + len(EXTRA_RUNS)} visible runs and {HIDDEN_RUNS} hidden"
                       " ones.", True)
    E = expected_training(Ws, X, Y, eta, epochs)[1]
    first, last = two_numbers(E[0], E[-1]) if np.isclose(E[0], E[-1]) else (f"{E[0]:.4f}", f"{E[-1]:.4f}")
    went = "fell" if E[-1] < E[0] else "rose"
    return verdict(student, f"train: correct. E {went} from {first} to {last} in {epochs} epochs with"
                   f" η = {eta:g} (and right for η = 0.05, 3 epochs and η = 0.3, 7 epochs).", False)
