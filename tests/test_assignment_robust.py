"""The checks judge numbers as numbers, never raise, never hang, and tell a
function that calls nbtools' own code (no credit when graded).

float32 answers, right or not, are told plainly to use float64; complex,
boolean, string and object answers are refused; a difference is printed with the
digits that show it; a function that sleeps or loops forever is reported
within the time limit; bad arguments to check_training and gradient_check get
messages naming the argument; LayerList indexes by layer for every integer
type.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

import nbtools as nb
from nbtools import threads
from nbtools.assignment import LayerList, check_backward, check_forward, check_gradient, check_training
from nbtools.assignment import check_batch_step, check_minibatch_step, check_sgd_step, gradient_check
from nbtools.assignment import mistakes as m
from nbtools.assignment.precision import two_numbers
from test_assignment_checks import X8, batch_right, gradient_einsum, run, train_right


Y8 = 0.5 * np.sin(X8)


def _as32(W):
    return {ell: np.asarray(W[ell], dtype=np.float32) for ell in range(1, len(W) + 1)}


# ---- numbers judged as numbers ----

def forward32(W, x):
    """Right, computed in float32 throughout."""
    W, one = _as32(W), np.ones(1, np.float32)
    xs, ss = [np.concatenate([one, np.asarray(x, np.float32)])], LayerList()
    for ell in range(1, len(W) + 1):
        ss.append(W[ell].T @ xs[-1])
        xs.append(np.tanh(ss[ell]) if ell == len(W) else np.concatenate([one, np.tanh(ss[ell])]))
    return xs, ss


def gradient32(W, X, Y):
    """Right, computed in float32 throughout (batch layout, points on axis 0)."""
    W, X, Y = _as32(W), X.astype(np.float32), Y.astype(np.float32)
    L, N = len(W), len(X)
    ones = np.ones((N, 1), np.float32)
    xs = [np.hstack([ones, X])]
    for ell in range(1, L + 1):
        t = np.tanh(xs[-1] @ W[ell])
        xs.append(t if ell == L else np.hstack([ones, t]))
    delta = np.float32(2) * (xs[L] - Y) * (np.float32(1) - xs[L] ** 2)
    G = [None] * (L + 1)   # G[0] unused
    for ell in range(L, 0, -1):
        G[ell] = xs[ell - 1].T @ delta / np.float32(N)
        if ell > 1:
            delta = (np.float32(1) - xs[ell - 1][:, 1:] ** 2) * (delta @ W[ell][1:].T)
    return np.mean(np.sum((xs[L] - Y) ** 2, axis=1)), G


def train32(W, X, Y, eta, epochs):
    W = LayerList(list(_as32(W).values()))
    errors = []
    for _ in range(epochs):
        E, G = gradient32(W, X, Y)
        errors.append(E)
        W = LayerList([W[ell] - np.float32(eta) * G[ell] for ell in range(1, len(W) + 1)])
    return W, errors


@pytest.mark.parametrize("check, fn", [(check_forward, forward32), (check_gradient, gradient32)])
def test_float32_code_is_told_to_use_float64(check, fn, capsys):
    net, x, y = nb.worked_example()
    out = fn(net.W, x) if check is check_forward else fn(net.W, x[None, :], np.array([[y]]))
    assert out[1][1].dtype == np.float32   # really float32
    ok, out = run(check, fn, capsys, seed=4)
    assert not ok and "float32 numbers" in out and "use float64" in out, out


def test_float32_training_is_told_to_use_float64(capsys):
    net, _, _ = nb.worked_example()
    ok, out = run(check_training, train32, capsys, net.W, X8, Y8)
    assert not ok and "use float64" in out, out
    ok, out = run(check_training, train_right, capsys, net.W, X8.astype(np.float32), Y8)   # the data may be float32
    assert ok, out


def forward_float32_inside(W, x):
    """Right, computed in float32 but handed back as float64: np.concatenate([[1.0], x32]) is float64."""
    W, L = _as32(W), len(W)
    xs, ss = [np.concatenate([[1.0], np.asarray(x, np.float32)])], LayerList()
    for ell in range(1, L + 1):
        s = W[ell].T @ xs[-1].astype(np.float32)
        ss.append(s.astype(np.float64))
        xs.append(np.tanh(s).astype(np.float64) if ell == L else np.concatenate([[1.0], np.tanh(s)]))
    return xs, ss


def gradient_float32_inside(W, X, Y):
    """Right, computed in float32 (gradient32) but handed back as float64."""
    E, G = gradient32(W, X, Y)
    return float(E), [None] + [np.asarray(g, dtype=np.float64) for g in G[1:]]


FLOAT32_HINT = "Your numbers differ at about float32 precision (7 significant digits): compute in float64"


@pytest.mark.parametrize("check, fn", [(check_forward, forward_float32_inside),
                                       (check_gradient, gradient_float32_inside)])
def test_float64_answers_computed_in_float32_are_told_so(check, fn, capsys):
    net, x, y = nb.worked_example()
    out = fn(net.W, x) if check is check_forward else fn(net.W, x[None, :], np.array([[y]]))
    assert out[1][1].dtype == np.float64   # float64 on the way out: the dtype rule cannot see it
    ok, out = run(check, fn, capsys)
    assert not ok and "expected" in out and FLOAT32_HINT in out, out


def test_the_issue_example_gets_the_float32_hint(capsys):
    ok, out = run(check_forward, forward_float32_inside, capsys)
    assert re.search(r"x\[2\]\[3\] is 1\.29\d+e-05; expected 1\.29117e-05", out) and FLOAT32_HINT in out, out


@pytest.mark.parametrize("fn", [
    lambda W, x: m.forward(W, x, bias=0.0),                                       # a real mistake
    lambda W, x: (m.forward(W, x)[0], LayerList([s * (1 + 1e-4) for s in m.forward(W, x)[1]])),  # 1e-4 off
])
def test_a_wrong_answer_in_float64_gets_no_float32_hint(fn, capsys):
    ok, out = run(check_forward, fn, capsys)
    assert not ok and "float32" not in out, out


@pytest.mark.parametrize("value, word", [
    (np.array([1.0 + 2.0j]), "complex"),
    (np.array([True]), "booleans"),
    (np.array(["0.5"]), "strings"),
    (np.array([0.5], dtype=object), "Python objects"),
    (np.array([0.5], dtype=np.float16), "use float64"),
])
def test_arrays_that_are_not_real_numbers_are_refused(value, word, capsys):
    def forward(W, x):
        xs, ss = m.forward(W, x)
        return xs[:-1] + [value], ss   # x^(L) has one entry on the first case
    ok, out = run(check_forward, forward, capsys)
    assert not ok and word in out and "x[" in out, out


def test_a_complex_gradient_is_refused(capsys):
    ok, out = run(check_gradient, lambda W, X, Y: (gradient_einsum(W, X, Y)[0] + 0j, gradient_einsum(W, X, Y)[1]),
                  capsys)
    assert not ok and "E (the first value returned) should hold real numbers; got complex" in out, out


def test_a_small_difference_is_printed_with_the_digits_that_show_it(capsys):
    def gradient(W, X, Y):
        E, G = gradient_einsum(W, X, Y)
        return E * (1 + 1e-5), G
    ok, out = run(check_gradient, gradient, capsys)
    assert not ok
    got, want = out.split(" is ")[1].split("; expected ")
    want = want.split(" (")[0]
    assert got != want and float(got) != float(want), out
    assert two_numbers(1.30021e-5, 1.30009e-5) == ("1.30021e-05", "1.30009e-05")
    assert two_numbers(0.000013, 0.0000130001)[0] != two_numbers(0.000013, 0.0000130001)[1]


# ---- nbtools' own code gets no credit when graded ----

def gradient_by_nbtools(W, X, Y):
    E, G = nb.gradient(nb.Network([W[ell] for ell in range(1, len(W) + 1)], output="tanh"), X, Y)
    return E, G   # nbtools' Layers, numbered 1..L


def forward_by_mistakes(W, x):
    from nbtools.assignment.mistakes import forward as f  # another name for the same function
    return f(W, x)


@pytest.mark.parametrize("check, fn, called", [
    (check_gradient, gradient_by_nbtools, "nb.gradient"),
    (check_forward, forward_by_mistakes, "nbtools.assignment.mistakes.forward"),
    (check_backward, m.backward, "nbtools.assignment.mistakes.backward"),
    (check_batch_step, lambda W, X, Y, eta: LayerList(
        [W[ell] - eta * g for ell, g in enumerate(gradient_by_nbtools(W, X, Y)[1], start=1)]), "nb.gradient"),
])
def test_calling_nbtools_is_told_and_gets_no_credit_when_graded(check, fn, called, capsys):
    ok, out = run(check, fn, capsys)
    assert ok and "correct" in out and called in out and "no credit" in out, out
    ok, out = run(check, fn, capsys, seed=2)
    assert not ok and out.startswith("No credit") and called in out, out


def test_own_code_is_not_told_about_nbtools(capsys):
    ok, out = run(check_gradient, gradient_einsum, capsys, seed=2)
    assert ok and "nbtools" not in out, out


# ---- never hang ----

def _sleeps(*args):
    time.sleep(60)


def _loops(*args):
    while True:
        pass


CHECKS = [check_forward, check_backward, check_gradient, check_batch_step, check_sgd_step, check_minibatch_step]


@pytest.mark.parametrize("fn", [_sleeps, _loops])
@pytest.mark.parametrize("check", CHECKS)
def test_a_function_that_does_not_return_is_reported_within_the_limit(check, fn, capsys):
    start = time.monotonic()
    ok, out = run(check, fn, capsys, time_limit=1)
    assert time.monotonic() - start < 5
    assert not ok and "did not return within 1 s" in out, out


def test_training_that_does_not_return_is_reported_within_the_limit(capsys):
    start = time.monotonic()
    ok, out = run(check_training, _sleeps, capsys, nb.worked_example()[0].W, X8, Y8, time_limit=0.5)
    assert time.monotonic() - start < 5 and not ok and "did not return within 0.5 s" in out, out


def test_an_abandoned_loop_is_stopped():
    before = set(threading.enumerate())
    check_forward(_loops, time_limit=0.3)
    started = [t for t in threading.enumerate() if t not in before and t.name == "nbtools-student-call"]
    deadline = time.monotonic() + 10
    while any(t.is_alive() for t in started):
        assert time.monotonic() < deadline, "the looping thread was not stopped"
        time.sleep(0.01)


def test_without_threads_the_limit_still_holds(monkeypatch, capsys):
    def start(self):
        raise RuntimeError("can't start new thread")
    monkeypatch.setattr(threading.Thread, "start", start)
    monkeypatch.setattr(threads, "_available", None)
    started = time.monotonic()
    ok, out = run(check_gradient, _loops, capsys, time_limit=0.5)
    assert time.monotonic() - started < 5 and not ok and "did not return within 0.5 s" in out, out
    ok, out = run(check_gradient, gradient_einsum, capsys)
    assert ok, out
    monkeypatch.setattr(threads, "_available", None)


_CTRL_C = """
import os, signal, threading, time
from nbtools.assignment import check_forward

# a Jupyter kernel installs its own handler; a process started from a shell's
# background job inherits SIGINT ignored, and then no Ctrl-C reaches Python
signal.signal(signal.SIGINT, signal.default_int_handler)

def sleeps(*args):
    time.sleep(60)

threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()   # as Ctrl-C or Jupyter's interrupt
start = time.monotonic()
try:
    check_forward(sleeps, time_limit=30)
    print("waited-out")
except KeyboardInterrupt:
    print(f"interrupted-after {time.monotonic() - start:.1f}")
try:
    check_forward(lambda W, x: (_ for _ in ()).throw(KeyboardInterrupt))
    print("swallowed")
except KeyboardInterrupt:
    print("raised")
"""


def test_ctrl_c_still_interrupts():
    """In a process of its own, with Python's own SIGINT handler: when the
    suite runs in a background job (``make test &``), SIGINT is ignored in
    every process it starts, and the signal was lost for the whole limit."""
    done = subprocess.run([sys.executable, "-c", _CTRL_C], capture_output=True, text=True,
                          timeout=120)
    words = done.stdout.split()
    assert done.returncode == 0 and "interrupted-after" in words and "raised" in words, (
        done.stdout + done.stderr)
    assert float(words[words.index("interrupted-after") + 1]) < 5, done.stdout


@pytest.mark.parametrize("kwargs, text", [
    (dict(time_limit=0), "time_limit must be a number of seconds > 0"),
    (dict(time_limit="10"), "time_limit must be"),
    (dict(seed=-1), "seed must be None"),
])
def test_the_checks_own_options_are_checked(kwargs, text, capsys):
    ok, out = run(check_batch_step, batch_right, capsys, **kwargs)
    assert not ok and text in out, out


# ---- check_training and gradient_check validate their arguments ----

W1 = nb.worked_example()[0].W


@pytest.mark.parametrize("args, text", [
    ((W1, X8, Y8, 0.1, 0), "epochs must be an integer >= 1 (the number of steps); got 0"),
    ((W1, X8, Y8, 0.1, 2.5), "epochs must be an integer >= 1"),
    ((W1, X8, Y8, 0, 50), "eta must be a number > 0 (the learning rate η); got 0"),
    ((W1, X8, Y8, float("nan"), 50), "eta must be a number > 0"),
    (([W1[1], W1[2], W1[3]], X8, Y8, 0.1, 50), "got a plain list of 3 entries, indexed from 0"),
    ((W1, X8, Y8[:, 0], 0.1, 50),
     "Y must have shape (N, 1) = (N, d^(L)) for these W; got shape (8,). Use Y[:, None]"),
    ((W1, X8, Y8[:5], 0.1, 50), "X and Y must have the same number of points N; got 8 and 5"),
    ((W1, np.c_[X8, X8], Y8, 0.1, 50), "X must have shape (N, 1)"),
])
def test_check_training_says_what_is_wrong_with_its_arguments(args, text, capsys):
    ok, out = run(check_training, train_right, capsys, *args)
    assert not ok and "check_training cannot run" in out and text in out, out


def test_check_training_accepts_a_list_with_none_first(capsys):
    ok, out = run(check_training, train_right, capsys, [None, W1[1], W1[2], W1[3]], X8, Y8, 0.2, 5)
    assert ok, out


def test_gradient_check_says_what_is_wrong_with_its_arguments():
    def E_of(W):
        return gradient_einsum(W, X8, Y8)[0]
    with pytest.raises(ValueError, match=r"h must be a finite number > 0 .*got 0"):
        gradient_check(E_of, W1, h=0)
    with pytest.raises(TypeError, match="plain list of 3 entries, indexed from 0.*LayerList"):
        gradient_check(E_of, [W1[1], W1[2], W1[3]])
    with pytest.raises(TypeError, match="E_of must be a function"):
        gradient_check(None, W1)
    with pytest.raises(TypeError, match=r"E_of\(W\) must return one real number"):
        gradient_check(lambda W: np.zeros(3), W1)
    numeric, G = gradient_check(E_of, W1), gradient_einsum(W1, X8, Y8)[1]
    assert isinstance(numeric, LayerList) and len(numeric) == 3
    assert all(np.allclose(numeric[ell], G[ell], atol=1e-8) for ell in (1, 2, 3))


# ---- LayerList ----

def test_layer_list_indexes_by_layer_for_every_integer_type():
    a, b = np.zeros((2, 1)), np.ones((2, 1))
    wl = LayerList([a, b])
    for one in (1, np.int64(1), np.int32(1), np.uint8(1)):
        assert wl[one] is a
    assert wl[np.int64(2)] is b and list(wl) == [a, b]
    wl[np.int16(2)] = a
    assert wl[2] is a
    for bad, error, text in [(0, IndexError, "no W^(0)"), (-1, IndexError, "layers are 1..2"),
                             (np.int64(3), IndexError, "layers are 1..2"), (slice(1, None), TypeError, "no slices"),
                             (True, TypeError, "integer"), (1.0, TypeError, "integer")]:
        with pytest.raises(error, match=re.escape(text)):
            wl[bad]


def test_a_step_returning_a_plain_list_is_told_to_number_the_layers_from_1(capsys):
    ok, out = run(check_batch_step, lambda W, X, Y, eta: list(batch_right(W, X, Y, eta)), capsys)
    assert not ok and "your W[1] holds what W[2] should: number the layers from 1" in out, out
    assert "Your numbers are right" in out and "LayerList" in out, out


def test_training_through_a_plain_list_is_told_why_it_fails(capsys):
    def train(W, X, Y, eta, epochs):
        errors = []
        for _ in range(epochs):
            E, G = gradient_einsum(W, X, Y)
            errors.append(E)
            W = [W[ell] - eta * G[ell] for ell in range(1, len(W) + 1)]  # 0-based from here on
        return W, errors
    ok, out = run(check_training, train, capsys, W1, X8, Y8)
    assert not ok and "raised ValueError" in out and "a plain list, indexed from 0" in out, out


def test_an_error_names_the_students_line_not_the_librarys(capsys):
    def backward(W, xs, y):
        delta = LayerList([None] * len(W))
        delta[0] = xs[0]   # the student's line
        return delta
    ok, out = run(check_backward, backward, capsys)
    assert not ok and "layer 0 does not exist" in out, out
    assert "`delta[0] = xs[0]   # the student's line`" in out and "for ℓ = 1..L" in out, out
