"""The checks of one step of batch, stochastic and mini-batch gradient descent.

A step takes the weights W^(1..L) and returns new ones, W − η ∂E/∂W, with the
gradient over all N points (batch), point n only (stochastic) or the points of
one mini-batch. Every case asks for another η, n and mini-batch, so a step
that ignores one of them is caught, and the hint names the argument ("your
step gives the same W for η = 0.05 and η = 0.1: use eta"); otherwise it names
the first weight that is off and, when a known mistake gives the same
numbers, the likely cause.
"""

from __future__ import annotations

import numpy as np

from . import mistakes as ref
from .cases import batch_cases, hidden_batch_cases
from .feedback import Wrong, first_difference, layer_list, likely_cause, report, same
from .running import Student, bad_options, verdict
from .time_limit import DEFAULT_SECONDS
from .layer_list import LayerList


def step(W, X, Y, eta, sign=1.0, scale=1.0, layers=None) -> LayerList:
    """W^(ℓ) − η ∂E/∂W^(ℓ) on the points X, Y, with a chosen mistake (sign, scale, the layers ℓ updated)."""
    _, G = ref.gradient(W, X, Y)
    L = len(W)
    layers = range(1, L + 1) if layers is None else layers
    return LayerList([W[ell] - (sign * scale * eta * G[ell] if ell in layers else 0.0) for ell in range(1, L + 1)])


def triples(W) -> list:
    return [("W", ell, w) for ell, w in enumerate(W, start=1)]


def received_weights(out, name: str, L: int, expected: list | None = None) -> list:
    return triples(layer_list(out, f"W (what {name} returned)", 1, L, expected))


def _variants(W, X, Y, eta, points) -> dict:
    """The known mistakes of a step on the points ``points``: cause -> its result."""
    Xp, Yp, L = X[points], Y[points], len(W)
    out = {
        "the step goes uphill: W ← W − η ∂E/∂W (minus, not plus)": lambda: step(W, Xp, Yp, eta, sign=-1.0),
        "η is missing: W ← W − η ∂E/∂W": lambda: step(W, Xp, Yp, eta, scale=1.0 / eta),
        "only the last layer is updated: every W^(ℓ), ℓ = 1..L, moves": lambda: step(W, Xp, Yp, eta, layers=(L,)),
        "only the first layer is updated: every W^(ℓ), ℓ = 1..L, moves": lambda: step(W, Xp, Yp, eta, layers=(1,)),
        "the new W^(ℓ) is transposed: it keeps the shape of W^(ℓ), (d^(ℓ-1)+1, d^(ℓ))":
            lambda: [w.T for w in step(W, Xp, Yp, eta)],
    }
    if len(points) > 1:
        out["the gradient is summed over the points instead of averaged (1/N Σ_n)"] = (
            lambda: step(W, Xp, Yp, eta * len(points)))
    if len(points) < len(X):
        out["the step uses the whole batch, not only the chosen points"] = lambda: step(W, X, Y, eta)
    return {cause: (lambda f=f: triples(f())) for cause, f in out.items()}


# per step: what it is called, the points of a case it averages over, and its extra arguments
_STEPS = {
    "batch_step": ("batch_step(W, X, Y, eta)", lambda case: list(range(len(case.X))), lambda case: ()),
    "sgd_step": ("sgd_step(W, X, Y, eta, n)", lambda case: [case.n], lambda case: (case.n,)),
    "minibatch_step": ("minibatch_step(W, X, Y, eta, batch)", lambda case: [int(i) for i in case.batch],
                       lambda case: (case.batch.copy(),)),
}


def _probes(name: str, case) -> list:
    """(argument, symbol, value used, another value) for each argument a step must use."""
    N = len(case.X)
    probes = [("eta", "η", case.eta, 2 * case.eta)]
    if name == "sgd_step" and N > 1:
        probes.append(("n", "n", case.n, (case.n + 1) % N))
    if name == "minibatch_step" and len(case.batch) < N:
        probes.append(("batch", "batch", case.batch, np.sort((case.batch + 1) % N)))
    return probes


def _show(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value).replace("\n", "")


def ignored_arguments(student, name: str, case, received: list, L: int) -> str:
    """The hint naming each argument whose change leaves the student's W the same; "" if none."""
    hints = []
    for argument, symbol, value, other in _probes(name, case):
        eta = other if argument == "eta" else case.eta
        extra = (other,) if argument in ("n", "batch") else _STEPS[name][2](case)
        try:
            again = received_weights(student(case.W, case.X.copy(), case.Y.copy(), eta, *extra), name, L)
        except Wrong:
            continue
        if same(again, received):
            hints.append(f" Your step gives the same W for {symbol} = {_show(value)} and {symbol} = {_show(other)}:"
                         f" use {argument}.")
    return "".join(hints)


def _check_step(fn, name: str, seed, time_limit) -> bool:
    problem = bad_options(seed, time_limit)
    if problem:
        return report(False, f"check_{name} cannot run: {problem}")
    call_name, points_of, extra_of = _STEPS[name]
    student = Student(fn, call_name, time_limit)
    cases = batch_cases() + ([] if seed is None else hidden_batch_cases(seed))
    for case in cases:
        W, X, Y, L = case.W, case.X, case.Y, case.net.L
        points = points_of(case)
        right = list(step(W, X[points], Y[points], case.eta))
        expected = triples(right)
        where = f"on {case.label} with η = {case.eta:g}" + {"batch_step": "", "sgd_step": f", n = {case.n}",
                                                            "minibatch_step": f", batch = {_show(case.batch)}"}[name]
        try:
            out = student(W, X.copy(), Y.copy(), case.eta, *extra_of(case))
            received = received_weights(out, name, L, right)
        except Wrong as wrong:
            return report(False, f"Not yet, {where}: {wrong}")
        text = first_difference(expected, received, L)
        if text:
            cause = (ignored_arguments(student, name, case, received, L)
                     + likely_cause(received, _variants(W, X, Y, case.eta, points))
                     or " (If check_gradient says correct, look at the update itself.)")
            return report(False, f"Not yet, {where}: {text}{cause}")
    counts = (f"{len(batch_cases())} visible batches and {len(cases) - len(batch_cases())} hidden ones"
              if seed is not None else f"{len(cases)} batches (η = 0.05 to 0.8, N = 1 to 7)")
    return verdict(student, f"{name}: correct on {counts}.", seed is not None)


def check_batch_step(batch_step, *, seed: int | None = None, time_limit: float | None = DEFAULT_SECONDS) -> bool:
    """batch_step(W, X, Y, eta) -> W − η ∂E/∂W over all N points.

    ``seed`` None: the visible cases; an integer: those and the hidden cases
    drawn from it, with no credit for calling nbtools' own code (the graded
    check). ``time_limit``: seconds per call of ``batch_step`` (None: none).
    """
    return _check_step(batch_step, "batch_step", seed, time_limit)


def check_sgd_step(sgd_step, *, seed: int | None = None, time_limit: float | None = DEFAULT_SECONDS) -> bool:
    """sgd_step(W, X, Y, eta, n) -> W − η ∂e_n/∂W, the gradient of point n only (see check_batch_step)."""
    return _check_step(sgd_step, "sgd_step", seed, time_limit)


def check_minibatch_step(minibatch_step, *, seed: int | None = None,
                         time_limit: float | None = DEFAULT_SECONDS) -> bool:
    """minibatch_step(W, X, Y, eta, batch) -> W − η × the mean gradient over the points X[batch]
    (see check_batch_step)."""
    return _check_step(minibatch_step, "minibatch_step", seed, time_limit)
