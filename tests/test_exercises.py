"""Exercises by key (nbtools.exercises.check, nbtools.exercise_bank): no answer in
the cells a student edits, equivalent forms accepted, hints in steps that never
give the answer away, clear messages for bad input."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import numpy as np
import pytest

from nbtools.exercise_bank import BANK
from nbtools.exercises import check, check_array, hint, solution

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("0*.ipynb"))


def _constant(node) -> bool:
    """True for an expression made of literals only ("b", 0.25**5, [1.4, 1.08], 2*(0.3-1))."""
    return all(isinstance(n, (ast.Constant, ast.Tuple, ast.List, ast.BinOp, ast.UnaryOp,
                              ast.operator, ast.unaryop, ast.Load, ast.expr_context))
               for n in ast.walk(node))


def _student_cells():
    for path in NOTEBOOKS:
        for i, cell in enumerate(json.loads(path.read_text())["cells"]):
            src = "".join(cell["source"])
            if cell["cell_type"] == "code" and "= ..." in src:
                yield path.name, i, src


@pytest.mark.parametrize("name,index,src", list(_student_cells()),
                         ids=[f"{n[:2]}-{i}" for n, i, _ in _student_cells()])
def test_no_answer_stands_in_a_cell_the_student_edits(name, index, src):
    tree = ast.parse("\n".join(l for l in src.splitlines() if not l.lstrip().startswith("%")))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("check_choice", "check_array"):
            if len(node.args) >= 2 and _constant(node.args[1]):
                pytest.fail(f"{name} cell {index}: the expected answer "
                            f"{ast.unparse(node.args[1])} stands in the cell; use check(key, ...)")
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "check":
            assert isinstance(node.args[0], ast.Constant) and node.args[0].value in BANK


@pytest.mark.parametrize("answer", [(100, 9), [100, 9], np.array([100, 9]), (np.int64(100), 9)])
def test_a_shape_in_any_sequence_form_is_accepted(answer, capsys):
    assert check("02-shape-x1", answer, "shape_x1")
    assert capsys.readouterr().out.strip() == "correct"


@pytest.mark.parametrize("answer", [0.2, np.float64(0.2), 0.2004, [0.2], np.array(0.2)])
def test_numbers_within_the_tolerance_in_any_form(answer):
    assert check("01-eta-max", answer)


@pytest.mark.parametrize("answer", ["1 if x > 0 else 0", "float(x > 0)", "(x > 0) * 1",
                                    lambda x: 1.0 if x > 0 else 0.0])
def test_an_expression_is_checked_by_evaluating_it(answer):
    assert check("07-relu-step3", answer)


@pytest.mark.parametrize("key,answer", [("02-shape-x1", (100, 8)), ("01-eta-max", 0.21),
                                        ("07-relu-step3", "1 - x**2"), ("03-why", "a"),
                                        ("07-relu-step3", "x +"), ("01-behaviour", "explodes")])
def test_a_wrong_answer_says_not_yet_and_points_to_the_hints(key, answer, capsys):
    assert not check(key, answer)
    out = capsys.readouterr().out
    assert out.startswith("Not yet") and f"hint({key!r})" in out


def test_choices_ignore_case_and_spaces():
    assert check("01-behaviour", "  Diverges ")


def test_no_answer_yet(capsys):
    assert not check("03-why", ...)
    assert "No answer yet" in capsys.readouterr().out


@pytest.mark.parametrize("key", sorted(BANK))
def test_hints_come_in_steps_and_never_state_the_answer(key, capsys):
    ex = BANK[key]
    expected = ex.expected()
    for n in range(len(ex.hints)):
        hint(key)
        out = capsys.readouterr().out
        assert out.startswith(f"Hint {n + 1} of {len(ex.hints)}")
        if ex.kind in ("choice", "shape"):
            assert repr(expected if ex.kind == "choice" else tuple(expected)) not in out
            assert not (ex.kind == "choice" and f'"{expected}"' in out)
    hint(key)
    assert "No more hints" in capsys.readouterr().out
    solution(key)
    assert capsys.readouterr().out.strip() == ex.solution


def test_an_unknown_key_names_the_exercises():
    with pytest.raises(ValueError, match="key must be one of the exercises"):
        check("99-nothing", 1)


@pytest.mark.parametrize("answer, kind", [
    (np.array([3 + 5j]), "complex numbers"),
    (np.array([3 + 0j]), "complex numbers"),   # even with no imaginary part: not a real answer
    ([True], "True/False values"),
    ("3", "text"),
])
def test_check_array_refuses_what_is_not_real_numbers(capsys, answer, kind):
    assert check_array(answer, [3]) is False
    out = capsys.readouterr().out
    assert out.startswith("Not yet") and kind in out, out


def test_check_array_takes_numpy_scalars_and_float32(capsys):
    assert check_array(np.float32(3.0), 3) and check_array([np.float64(2.5)], [2.5])
