"""The checks of gradient descent steps and of a training loop, and the student's gradient check.

A step takes the weights W^(1..L) and returns new ones, W − η ∂E/∂W for batch
descent on all N points, on one point n (stochastic) or on the points of one
mini-batch. The hint names the first weight that is off and, when a known
mistake gives the same numbers, the likely cause.
"""

from __future__ import annotations

import numpy as np

from . import mistakes as ref
from .cases import batch_cases
from .feedback import Wrong, as_array, call, first_difference, layer_list, likely_cause, report

ETA = 0.1


def _step(W, X, Y, eta, **flags):
    E, G = ref.gradient(W, X, Y)
    sign, scale = flags.get("sign", 1.0), flags.get("scale", 1.0)
    layers = flags.get("layers", range(len(W)))
    return [W[ell + 1] - (sign * scale * eta * G[ell] if ell in layers else 0.0) for ell in range(len(W))]


STEP_MISTAKES = {
    "the step goes uphill: W ← W − η ∂E/∂W (minus, not plus)": dict(sign=-1.0),
    "η is missing: W ← W − η ∂E/∂W": dict(scale=1.0 / ETA),
    "only the last layer is updated: every W^(l), l = 1..L, moves": dict(layers="last"),
    "only the first layer is updated: every W^(l), l = 1..L, moves": dict(layers=(0,)),
}


def _variants(W, X, Y, points, sum_instead=True):
    out = {}
    for cause, flags in STEP_MISTAKES.items():
        flags = dict(flags)
        if flags.get("layers") == "last":
            flags["layers"] = (len(W) - 1,)
        out[cause] = (lambda f=flags: _triples(_step(W, X[points], Y[points], ETA, **f)))
    out["the new W^(l) is transposed: it keeps the shape of W^(l), (d^(l-1)+1, d^(l))"] = (
        lambda: _triples([w.T for w in _step(W, X[points], Y[points], ETA)]))
    if len(points) > 1 and sum_instead:
        out["the gradient is summed over the points instead of averaged (1/N Σ_n)"] = (
            lambda: _triples(_step(W, X[points], Y[points], ETA * len(points))))
    return out


def _triples(W):
    return [("W", ell, w) for ell, w in enumerate(W, start=1)]


def _received_weights(out, name, L):
    return _triples(layer_list(out, f"W (what {name} returned)", 1, L))


def _check_step(student, name, which):
    for case in batch_cases():
        W, X, Y, L = case.W, case.X, case.Y, case.net.L
        N = len(X)
        points = which(N)
        expected = _triples(_step(W, X[points], Y[points], ETA))
        args = {"batch_step": (), "sgd_step": (points[0],), "minibatch_step": (np.array(points),)}[name]
        try:
            out = call(student, f"{name}(W, X, Y, eta{', ...' if args else ''})", W, X.copy(), Y.copy(), ETA, *args)
            received = _received_weights(out, name, L)
        except Wrong as wrong:
            return report(False, f"Not yet, on {case.label}: {wrong}")
        text = first_difference(expected, received, L)
        if text:
            variants = _variants(W, X, Y, points)
            if name != "batch_step":
                variants["the step uses the whole batch, not only the chosen points"] = (
                    lambda: _triples(_step(W, X, Y, ETA)))
            cause = likely_cause(received, variants) or " (If check_gradient says correct, look at the update itself.)"
            return report(False, f"Not yet, on {case.label} with η = {ETA}: {text}{cause}")
    return report(True, f"{name}: correct on {len(batch_cases())} batches.")


def check_batch_step(batch_step) -> bool:
    """batch_step(W, X, Y, eta) -> W − η ∂E/∂W over all N points."""
    return _check_step(batch_step, "batch_step", lambda N: list(range(N)))


def check_sgd_step(sgd_step) -> bool:
    """sgd_step(W, X, Y, eta, n) -> W − η ∂e_n/∂W, the gradient of point n only."""
    return _check_step(sgd_step, "sgd_step", lambda N: [N - 1])


def check_minibatch_step(minibatch_step) -> bool:
    """minibatch_step(W, X, Y, eta, batch) -> W − η × the mean gradient over the points X[batch]."""
    return _check_step(minibatch_step, "minibatch_step", lambda N: list(range(0, N, 2)))


def check_training(train, W, X, Y, eta=ETA, epochs=50) -> bool:
    """train(W, X, Y, eta, epochs) -> (W, errors): batch descent, errors[k] = E before epoch k+1."""
    L = len(W)
    start = [np.array(W[ell], dtype=float) for ell in range(1, L + 1)]
    expected_W, expected_E = WeightList(start), []
    for _ in range(epochs):
        E, _ = ref.gradient(expected_W, X, Y)
        expected_E.append(E)
        expected_W = WeightList(_step(expected_W, X, Y, eta))
    try:
        out = call(train, "train(W, X, Y, eta, epochs)", WeightList([w.copy() for w in start]),
                   X.copy(), Y.copy(), eta, epochs)
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            raise Wrong("train should return (W, errors): the trained weights and the list of E per epoch.")
        received_W = _received_weights(out[0], "train", L)
        errors = as_array(out[1], "errors (the second value returned)")
    except Wrong as wrong:
        return report(False, f"Not yet: {wrong}")
    if errors.shape != (epochs,):
        return report(False, f"Not yet: errors has shape {errors.shape}; want ({epochs},), E once per epoch"
                      " (before that epoch's step).")
    text = first_difference([("errors", None, np.array(expected_E))], [("errors", None, errors)], L)
    text = text or first_difference(_triples(expected_W), received_W, L)
    if text:
        hint = (" Likely cause: E is recorded after the step, not before it."
                if np.allclose(errors[:-1], expected_E[1:]) else "")
        return report(False, f"Not yet, after {epochs} epochs with η = {eta}: {text}{hint}")
    return report(True, f"train: correct. E fell from {expected_E[0]:.4f} to {expected_E[-1]:.4f} in {epochs} epochs.")


class WeightList(list):
    """A list of L weight matrices indexed 1..L, like nbtools' W: ``WeightList([W1, W2])[1]`` is W1."""

    def __getitem__(self, ell):
        if isinstance(ell, int):
            if not 1 <= ell <= len(self):
                raise IndexError(f"layer {ell} does not exist; layers are 1..{len(self)}")
            return list.__getitem__(self, ell - 1)
        return list.__getitem__(self, ell)

    def __iter__(self):
        return list.__iter__(self)


def gradient_check(E_of, W, h=1e-5):
    """Central differences: for every weight w, (E(w + h) − E(w − h)) / (2h).

    ``E_of(W)`` returns the error for weights W (a list indexed 1..L). Returns a
    list of arrays shaped like W[1]..W[L], to compare with your ∂E/∂W.
    """
    Ws = WeightList([np.array(W[ell], dtype=float) for ell in range(1, len(W) + 1)])
    out = []
    for w in Ws:
        g = np.zeros_like(w)
        for index in np.ndindex(w.shape):
            keep = w[index]
            w[index] = keep + h
            up = float(E_of(Ws))
            w[index] = keep - h
            down = float(E_of(Ws))
            w[index] = keep
            g[index] = (up - down) / (2 * h)
        out.append(g)
    return out
