"""The checks of forward propagation, backpropagation and the gradient.

Each runs the student's function on the cases (the worked example first, then
random networks of other shapes) and prints either "correct" or the first
thing that is off: the case, the layer and entry, expected against received,
and the likely cause when a known mistake (``mistakes``) gives the same
numbers. A check returns True or False and never raises for the student's bug.

Every check takes ``seed`` (None: the visible cases; an integer: those and
hidden cases drawn from it, and no credit for a function that calls nbtools'
own code: the graded check) and ``time_limit`` (seconds per call).
"""

from __future__ import annotations

import numpy as np

from . import mistakes as ref
from .cases import batch_cases, hidden_batch_cases, hidden_point_cases, point_cases
from .feedback import Wrong, as_array, first_difference, layer_list, likely_cause, report
from .running import Student, bad_options, verdict
from .time_limit import DEFAULT_SECONDS

FORWARD_MISTAKES = {
    "the bias entry x_0 = 1 is missing or not 1 (x^(ℓ) = [1; θ(s^(ℓ))])": lambda W, x: ref.forward(W, x, bias=0.0),
    "the bias entry is put last; the notes put x_0 = 1 first": lambda W, x: ref.forward(W, x, bias_last=True),
    "W is used without its transpose: s^(ℓ) = (W^(ℓ))ᵀ x^(ℓ-1)": lambda W, x: ref.forward(W, x, transpose=True),
    "θ = tanh is not applied in the hidden layers": lambda W, x: ref.forward(W, x, theta_hidden=False),
    "θ = tanh is not applied in the output layer: x^(L) = θ(s^(L))": lambda W, x: ref.forward(W, x, theta_output=False),
    "tanh is applied to the bias entry too (tanh(1) ≠ 1)": lambda W, x: ref.forward(W, x, theta_on_bias=True),
    "s^(ℓ) holds θ(s^(ℓ)) instead of the signal before θ": lambda W, x: ref.forward(W, x, s_after_theta=True),
}

BACKWARD_MISTAKES = {
    "δ^(L) is missing the factor 2: δ^(L) = 2 (x^(L) − y) θ'(s^(L))": dict(factor=1.0),
    "the sign of δ^(L) is flipped: it is 2 (x^(L) − y), not 2 (y − x^(L))": dict(sign=-1.0),
    "δ^(L) is missing θ'(s^(L)) = 1 − x^(L)⊗x^(L)": dict(output_derivative=False),
    "the hidden δ^(ℓ) is missing θ'(s^(ℓ)) = 1 − x^(ℓ)⊗x^(ℓ)": dict(hidden_derivative=False),
    "the derivative is taken from s instead of x: θ'(s) = 1 − tanh²(s) = 1 − x⊗x, not 1 − s⊗s": dict(derivative="s"),
    "tanh is applied twice: 1 − x⊗x already is θ'(s), do not take tanh(x) again": dict(derivative="tanh_again"),
    "the derivative is 1 − x instead of 1 − x⊗x (x squared, entry by entry)": dict(derivative="linear"),
    "the bias row dropped is the last one: drop entry 0 of W^(ℓ+1) δ^(ℓ+1) (the bias row comes first)": dict(drop="last"),
    "W^(ℓ+1) is transposed in (2): δ^(ℓ) = θ'(s^(ℓ)) ⊗ [W^(ℓ+1) δ^(ℓ+1)]_(1..d^(ℓ))": dict(transpose=True),
    "the derivative uses x^(ℓ) with its bias entry (entries 0..d-1 instead of 1..d)": dict(derivative="with_bias"),
}

GRADIENT_MISTAKES = {
    "the sum over N instead of the mean: E and ∂E/∂W are (1/N) Σ_n": dict(mean_G=False, mean_E=False),
    "∂E/∂W is summed over N but E is the mean: divide both by N": dict(mean_G=False),
    "the gradient is transposed: ∂E/∂W^(ℓ) = x^(ℓ-1) (δ^(ℓ))ᵀ has the shape of W^(ℓ)": dict(transpose_G=True),
    "only the last point of the batch is used: sum over every n": dict(only="last"),
    "only the first point of the batch is used: sum over every n": dict(only="first"),
    "the sign is flipped: ∂E/∂W^(ℓ) = x^(ℓ-1) (δ^(ℓ))ᵀ, with δ^(L) = 2 (x^(L) − y) θ'": dict(sign_G=-1.0),
    "E averages over the outputs too: e = Σ_j (x_j^(L) − y_j)², summed over j": dict(E_mean_outputs=True),
    **{cause: flags for cause, flags in BACKWARD_MISTAKES.items() if "δ^(L)" in cause or "derivative" in cause},
}


def _where(case, text):
    return f"Not yet, on {case.label}: {text}"


def _forward_triples(xs, ss):
    return [("x", ell, a) for ell, a in enumerate(xs)] + [("s", ell, a) for ell, a in enumerate(ss, start=1)]


def _received_forward(student, W, x, L, expected_s):
    out = student(W, x.copy())
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise Wrong("forward(W, x) should return two lists, (xs, ss); got "
                    + (f"{type(out).__name__} of length {len(out)}" if hasattr(out, "__len__") else repr(out)) + ".")
    xs = layer_list(out[0], "x (the first list returned)", 0, L)
    ss = layer_list(out[1], "s (the second list returned)", 1, L, expected_s)
    return xs, ss


def _check(name, fn, call, seed, time_limit, visible, hidden, what, one_case) -> bool:
    """Run ``fn`` on the cases; ``one_case(case)`` gives (expected, received from the student, mistakes)."""
    problem = bad_options(seed, time_limit)
    if problem:
        return report(False, f"check_{name} cannot run: {problem}")
    student = Student(fn, call, time_limit)
    cases = visible() + ([] if seed is None else hidden(seed))
    for case in cases:
        expected, receive, variants = one_case(case)
        try:
            received = receive(student)
        except Wrong as wrong:
            return report(False, _where(case, str(wrong)))
        text = first_difference(expected, received, case.net.L)
        if text:
            return report(False, _where(case, text + likely_cause(received, variants)))
    counts = f"{len(cases)} {what[0]} ({what[1]})" if seed is None else \
        f"{len(visible())} visible and {len(cases) - len(visible())} hidden {what[0]}"
    return verdict(student, f"{name}: correct on {counts}.", seed is not None)


def _forward_case(case):
    W, x, L = case.W, case.X, case.net.L
    variants = {c: (lambda m=m: _forward_triples(*m(W, x))) for c, m in FORWARD_MISTAKES.items()}
    xs, ss = ref.forward(W, x)
    return (_forward_triples(xs, ss),
            lambda student: _forward_triples(*_received_forward(student, W, x, L, list(ss))), variants)


def check_forward(forward, *, seed: int | None = None, time_limit: float | None = DEFAULT_SECONDS) -> bool:
    """forward(W, x) -> (xs, ss): x^(0..L) with bias entries, s^(1..L)."""
    return _check("forward", forward, "forward(W, x)", seed, time_limit, point_cases, hidden_point_cases,
                  ("networks", "the worked example and 3 random ones"), _forward_case)


def _delta_triples(deltas):
    """δ^(L) first, then down to δ^(1): the order backpropagation computes them."""
    return [("delta", ell, a) for ell, a in reversed(list(enumerate(deltas, start=1)))]


def _backward_case(case):
    W, L, y = case.W, case.net.L, case.Y
    xs, _ = ref.forward(W, case.X)
    variants = {c: (lambda f=f: _delta_triples(ref.backward(W, xs, y, **f))) for c, f in BACKWARD_MISTAKES.items()}
    delta = list(ref.backward(W, xs, y))
    return (_delta_triples(delta),
            lambda student: _delta_triples(layer_list(student(W, [a.copy() for a in xs], y.copy()),
                                                      "delta (the list returned)", 1, L, delta)), variants)


def check_backward(backward, *, seed: int | None = None, time_limit: float | None = DEFAULT_SECONDS) -> bool:
    """backward(W, xs, y) -> δ^(1..L), given x^(0..L) from a correct forward pass."""
    return _check("backward", backward, "backward(W, xs, y)", seed, time_limit, point_cases, hidden_point_cases,
                  ("networks", "the worked example and 3 random ones"), _backward_case)


def _gradient_triples(E, G):
    E = E if isinstance(E, np.ndarray) else np.asarray(E, dtype=float)
    return [("E", None, E)] + [("G", ell, g) for ell, g in enumerate(G, start=1)]


def received_gradient(student, W, X, Y, L, expected_G=None):
    """(E, [G^(1..L)]) from the student's gradient, or a Wrong saying what came back."""
    out = student(W, X.copy(), Y.copy())
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise Wrong(f"{student.name} should return (E, G): the error and a list of L gradients.")
    E = as_array(out[0], "E (the first value returned)")
    if E.shape != ():
        raise Wrong(f"E should be one number; got an array of shape {E.shape}. E = (1/N) Σ_n e_n is a scalar.")
    return E, layer_list(out[1], "G (the second value returned)", 1, L, expected_G)


def _gradient_case(case):
    W, X, Y, L = case.W, case.X, case.Y, case.net.L
    variants = {c: (lambda f=f: _gradient_triples(*ref.gradient(W, X, Y, **f))) for c, f in GRADIENT_MISTAKES.items()}
    E, G = ref.gradient(W, X, Y)
    return (_gradient_triples(E, G),
            lambda student: _gradient_triples(*received_gradient(student, W, X, Y, L, list(G))), variants)


def check_gradient(gradient, *, seed: int | None = None, time_limit: float | None = DEFAULT_SECONDS) -> bool:
    """gradient(W, X, Y) -> (E, [∂E/∂W^(1..L)]) for a batch X of shape (N, d^(0))."""
    return _check("gradient", gradient, "gradient(W, X, Y)", seed, time_limit, batch_cases, hidden_batch_cases,
                  ("batches", "N = 1, 5, 1, 7, 4; depths 1 to 4"), _gradient_case)
