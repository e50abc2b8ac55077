"""The notebooks' exercises by key: expected answers, how they are compared, hints.

Kept here, out of the cells a student edits, so that no answer stands in the
notebook's code. An expected value that comes from the lecture's objects is
computed from ``nbtools`` when the check runs, never typed in (it cannot drift
from what the notebook shows). Hints come in steps, each a little closer, and
none states the answer; the solution is in the notebook, folded away, and
``nbtools.exercises.solution(key)`` prints it on request.

Kinds of answer (see ``nbtools.exercises.check``):

- ``"choice"``: one of a few strings, compared ignoring case and spaces;
- ``"number"``/``"array"``: numbers within ``tolerance`` (lists, tuples, numpy
  arrays and numpy scalars all accepted);
- ``"shape"``: a shape, as a tuple, a list or a numpy array of integers;
- ``"expression"``: a Python expression in ``x`` (a string) or a function of
  ``x``, checked by evaluating it on ``points`` against ``expected(x)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Exercise:
    kind: str
    expected: Callable[[], object]   # computed when checked
    hints: tuple
    solution: str
    tolerance: float = 0.0
    choices: tuple = ()
    points: tuple = field(default=(-2.0, -0.5, 0.0, 0.3, 1.0, 2.5))


def _worked():
    from .network import worked_example
    from .propagation import backward, forward

    net, x, y = worked_example()
    trace = forward(net, x)
    return net, x, y, trace, backward(net, trace, y)


def _shape_x1():
    from .network import Network
    from .propagation import forward

    return forward(Network.random((2, 8, 8, 1), seed=0), np.zeros((100, 2))).x[1].shape


def _surface_shape():
    from .surface import error_surface

    net, x, y = _worked()[:3]
    return error_surface(net, x, y, (1, 0, 0), (2, 0, 0), np.linspace(0, 1, 5), np.linspace(0, 1, 3)).shape


def _activation(name: str):
    from .activations import ACTIVATIONS

    return ACTIVATIONS[name]


BANK = {
    "00-which": Exercise(
        "choice", lambda: "a", choices=("a", "b", "c"),
        hints=("The first index of trace.x is the layer.",
               "Entry 0 of x^(1) is the bias 1: where does node 1 sit, and node 2?"),
        solution="a: trace.x[1] = [1, x1, x2], the bias at position 0, so node 2 is at position 2."),
    "01-eta-max": Exercise(
        "number", lambda: 0.2, tolerance=5e-4,
        hints=("Write E(w) = 5w² as (c/2) w²: what is the curvature c?",
               "Gradient descent on (c/2) w² converges for η below 2/c."),
        solution="5w² = (c/2)w² with c = 10, so η_max = 2/c = 0.2."),
    "01-two-steps": Exercise(
        "array", lambda: [3 - 0.2 * 4 * 2, (3 - 0.2 * 4 * 2) - 0.2 * 4 * (3 - 0.2 * 4 * 2 - 1)],
        tolerance=5e-3,
        hints=("One step is w ← w − η E'(w), with E'(w) = 4(w − 1).",
               "At w = 3 the slope is E'(3) = 8; take the step, then the next one from there."),
        solution="E'(3) = 8, w(1) = 3 − 0.2·8 = 1.4; E'(1.4) = 1.6, w(2) = 1.4 − 0.2·1.6 = 1.08."),
    "01-behaviour": Exercise(
        "choice", lambda: "diverges",
        choices=("converges smoothly", "oscillates and converges", "diverges"),
        hints=("Each weight is multiplied by its own factor 1 − η c per step: compute both.",
               "A factor of absolute value above 1 makes that weight grow, whatever the other does."),
        solution="Factors 0.9 and 1 − 0.1·25 = −1.5: |−1.5| > 1, so w2 flips sign and grows: diverges."),
    "02-shape-x1": Exercise(
        "shape", _shape_x1,
        hints=("In a batch the points are on axis 0: how many rows?",
               "A hidden layer's output carries the bias entry in column 0: d^(1) nodes plus one."),
        solution="(100, 9): one row per point, d^(1) + 1 = 9 columns (the bias 1, then 8 outputs)."),
    "03-delta2": Exercise(
        "array", lambda: _worked()[4][2], tolerance=5e-5,
        hints=("Recursion (2): δ^(2) = θ'(s^(2)) ⊗ [W^(3) δ^(3)] without its component 0.",
               "For tanh, θ'(s) is computed from the output: 1 − x², with x the node's output "
               "(trace.x[2] without its bias entry).",
               "The product W^(3) δ^(3) is net.W[3] @ delta[3]; drop its first component as well."),
        solution="delta2_mine = (1 - trace.x[2][1:] ** 2) * (net.W[3] @ delta[3])[1:]"),
    "03-why": Exercise(
        "choice", lambda: "b", choices=("a", "b", "c"),
        hints=("Look at net.W[3] @ delta[3] in Step 5: is its component 0 zero?",
               "What is fed into the bias node: is its value computed from a signal s_0?"),
        solution="b: the bias node always holds 1; no signal goes into it, so there is no δ_0."),
    "04-factor": Exercise(
        "choice", lambda: "theta_prime", choices=("theta_prime", "weights", "delta_next"),
        hints=("Compute 1 - np.tanh(4)**2.",
               "Which factor of (2) depends only on the node's own signal?"),
        solution="theta_prime: θ'(4) = 1 − tanh²(4) ≈ 0.0013 multiplies the whole sum."),
    "05-shape": Exercise(
        "shape", _surface_shape,
        hints=("contour(a_values, b_values, surface) puts a across and b up.",
               "So the rows follow one list of values and the columns the other: which is which?"),
        solution="(3, 5): one row per value of b (3), one column per value of a (5)."),
    "06-iterations": Exercise(
        "number", lambda: -(-50_000 // 128), tolerance=0.5,
        hints=("One iteration uses one mini-batch of k points.",
               "N / k is not a whole number: the last, smaller mini-batch is one more iteration."),
        solution="50,000 / 128 = 390.6, so ceil(390.6) = 391 iterations."),
    "06-last-batch": Exercise(
        "number", lambda: 50_000 - (50_000 // 128) * 128, tolerance=0.5,
        hints=("How many full mini-batches of 128 fit into 50,000 points?",
               "The last mini-batch takes what those full ones leave."),
        solution="50,000 − 390 · 128 = 80 points."),
    "06-epochs": Exercise(
        "number", lambda: 1000 / -(-200 // 20), tolerance=0.5,
        hints=("One epoch is ceil(N/k) iterations.",),
        solution="One epoch is ceil(200/20) = 10 iterations, so 1,000 iterations are 100 epochs."),
    "06-noise-factor": Exercise(
        "number", lambda: float(np.sqrt(16 / 64)), tolerance=5e-3,
        hints=("For k much smaller than N the error of a mini-batch gradient falls like 1/√k.",
               "Compare 1/√64 with 1/√16."),
        solution="√(16/64) = 1/2: four times the points halve the noise."),
    "06-most-updates": Exercise(
        "choice", lambda: "stochastic", choices=("batch", "stochastic", "mini-batch"),
        hints=("An epoch makes ceil(N/k) updates.",
               "Compare ceil(200/k) for the three values of k in Step 3."),
        solution="stochastic: k = 1 makes 200 updates per epoch, mini-batch (k = 20) 10, batch 1."),
    "07-sigmoid-slope": Exercise(
        "number", lambda: float(_activation("sigmoid").theta_prime(np.array(0.5))), tolerance=5e-4,
        hints=("First the output: σ(0) = 1/(1 + e⁰).",
               "The table writes the sigmoid's θ' from its output x: x(1 − x)."),
        solution="x = σ(0) = 0.5 and θ' = x(1 − x) = 0.25, the sigmoid's largest slope."),
    "07-largest-product": Exercise(
        "number", lambda: float(_activation("sigmoid").theta_prime(np.array(0.5))) ** 5,
        tolerance=5e-7,
        hints=("What is the largest value the sigmoid's θ' takes (Exercise 1)?",
               "A sensitivity is multiplied by one θ' per layer it crosses."),
        solution="(1/4)^5 = 1/1024 ≈ 0.000977."),
    "07-relu-step3": Exercise(
        "expression", lambda: _activation("relu").theta_prime,
        points=(0.0, 0.2, 0.5, 1.0, 2.5, 7.0),
        hints=("relu(s) = max(0, s): what is its slope where s > 0, and where s < 0?",
               "Write it from the output x = max(0, s): x > 0 exactly where s > 0."),
        solution="1 if x > 0 else 0 (at the kink the package chooses 0)."),
    "07-delta-L": Exercise(
        "number", lambda: 2 * (0.3 - 1.0), tolerance=5e-4,
        hints=("Step 1 of the algorithm box: δ^(L) = ∂e/∂s^(L) with e = (x − y)².",
               "With an identity output, θ'(s) = 1."),
        solution="δ^(L) = 2(x − y) · 1 = 2(0.3 − 1) = −1.4."),
    "08-rows": Exercise(
        "number", lambda: _worked()[0].W[2].shape[0], tolerance=0.0,
        hints=("W^(2) holds the weights into layer 2: one row per node of layer 1 that feeds it.",
               "Layer 1 has d^(1) = 2 nodes, and the bias node x^(1)_0 = 1 feeds layer 2 too."),
        solution="rows = 3: W^(2) has d^(1) + 1 = 3 rows, row 0 for the bias, rows 1..2 for the two"
                 " nodes of layer 1."),
    "08-delta-L": Exercise(
        "number", lambda: 2 * (0.5 - 1) * (1 - 0.5 ** 2), tolerance=5e-3,
        hints=("Put x^(L) = 0.5 and y = 1 into δ^(L) = 2 (x^(L) − y)(1 − (x^(L))²).",
               "Three factors: 2, x^(L) − y and 1 − (x^(L))²; mind the sign of the middle one."),
        solution="delta_L = 2 × (0.5 − 1) × (1 − 0.25) = 2 × (−0.5) × 0.75 = −0.75."),
}
