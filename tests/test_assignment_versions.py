"""Notebook 08's two versions, built by otter assign from the one source.

The source (assignment/source/) builds, into a temporary folder with a fixed
seed, the student version and the grading zip. The committed student version,
notebooks/08_write_backprop.ipynb, is what the source builds today (stale is
red: run make student); the student version holds no solution code; the
instructor version passes every graded check (otter run gives full marks); the
student version as handed out gives hints ("Not yet, ...") and no error, and
scores 0; the grading zip's hidden cases come from a seed that only the zip
holds, and differ from the visible ones. Slow (~1 min): builds and runs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest

from nbtools.assignment.cases import batch_cases, hidden_batch_cases, hidden_point_cases, point_cases

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import assignment  # noqa: E402

SOURCE, COMMITTED = assignment.SOURCE, assignment.STUDENT
BIN = Path(sys.executable).parent
SEED = 271828   # any seed: the student version does not depend on it
pytestmark = pytest.mark.slow


def _env():
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    return env


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("assignment")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "assignment.py"), "student", str(out), "--seed",
                    str(SEED)], check=True, env=_env(), cwd=ROOT, capture_output=True, timeout=600)
    return out


def _cells(nb) -> list[tuple]:
    """What a student reads and what the first run prints: each cell's type, source and printed text."""
    return [(c.cell_type, c.source, streams(c) if c.cell_type == "code" else None) for c in nb.cells]


def test_the_committed_student_version_is_what_the_source_builds(built):
    fresh = nbformat.read(built / "student" / SOURCE.name, as_version=4)
    committed = nbformat.read(COMMITTED, as_version=4)
    stale = [i for i, (a, b) in enumerate(zip(_cells(fresh), _cells(committed))) if a != b]
    assert len(fresh.cells) == len(committed.cells) and not stale, (
        f"{COMMITTED.relative_to(ROOT)} is stale (cells {stale}, {len(committed.cells)} cells against"
        f" {len(fresh.cells)} built): run make student after editing {SOURCE.relative_to(ROOT)}")


def test_student_version_has_no_solution_code(built):
    student = nbformat.read(built / "student" / "08_write_backprop.ipynb", as_version=4)
    code = "\n".join(c.source for c in student.cells if c.cell_type == "code")
    solutions = assignment.solution_lines(nbformat.read(SOURCE, as_version=4))
    assert len(solutions) >= 15, solutions
    shown = [line for line in solutions if line in code]
    assert not shown, f"solution lines in the student version: {shown}"
    assert "BEGIN SOLUTION" not in code and "hidden: true" not in code
    checks = [c.source for c in student.cells if c.cell_type == "code" and c.source.startswith("check_")]
    assert len(checks) == 5, checks  # the checks are kept


def _grade(built, notebook, tmp_path) -> dict:
    zips = sorted((built / "autograder").glob("*.zip"))
    subprocess.run([str(BIN / "otter"), "run", "-a", str(zips[-1]), "-o", str(tmp_path), str(notebook)],
                   check=True, env=_env(), capture_output=True, timeout=600)
    results = json.loads((tmp_path / "results.json").read_text())
    return {t["name"]: t["score"] for t in results["tests"] if "score" in t}


def test_instructor_version_passes_every_check(built, tmp_path):
    scores = _grade(built, built / "autograder" / "08_write_backprop.ipynb", tmp_path)
    assert len(scores) == 5 and all(s == 1 for s in scores.values()), scores


def streams(cell) -> dict[str, str]:
    """A cell's printed text per stream name: a kernel may send one print as several stream outputs."""
    text = defaultdict(str)
    for output in cell.outputs:
        if output.output_type == "stream":
            text[output.name] += output.text
    return dict(text)


def _zip_tests(built) -> dict[str, str]:
    (zip_path,) = sorted((built / "autograder").glob("*.zip"))
    with zipfile.ZipFile(zip_path) as z:
        return {name: z.read(name).decode() for name in z.namelist() if name.startswith("tests/")}


def test_hidden_cases_come_from_a_seed_only_the_grading_zip_holds(built):
    tests = _zip_tests(built)
    assert len(tests) == 5, sorted(tests)
    calls = [c for text in tests.values() for c in re.findall(r">>> (check_\w+\(.*?\))", text)]
    assert len(calls) == 7 and all(re.search(r"seed=\d+\)$", c) for c in calls), calls
    (seed,) = {int(re.search(r"seed=(\d+)", c).group(1)) for c in calls}
    assert seed != 0   # not the source's placeholder: drawn for this build
    student_text = (built / "student" / "08_write_backprop.ipynb").read_text()
    source_text = SOURCE.read_text()
    assert not re.search(rf"\b{seed}\b", student_text) and not re.search(rf"\b{seed}\b", source_text)
    student = nbformat.read(built / "student" / "08_write_backprop.ipynb", as_version=4)
    visible_calls = [line for c in student.cells if c.cell_type == "code" for line in c.source.splitlines()
                     if line.startswith("check_") and not line.startswith("check_array")]
    assert len(visible_calls) == 7 and not any("seed" in line for line in visible_calls), visible_calls
    # the student's checks run the visible cases; the zip's run those and others
    visible = point_cases() + batch_cases()
    hidden_point, hidden_batch = hidden_point_cases(seed), hidden_batch_cases(seed)
    assert not {c.net.d for c in hidden_point + hidden_batch} & {c.net.d for c in visible}
    assert not {c.eta for c in hidden_batch} & {c.eta for c in batch_cases()}
    assert {len(c.X) for c in hidden_batch} != {len(c.X) for c in batch_cases()}


BORROWED_GRADIENT = """def gradient(W, X, Y):
    E, G = nb.gradient(nb.Network([W[ell] for ell in range(1, len(W) + 1)], output="tanh"), X, Y)
    return E, G
"""


def test_nbtools_own_gradient_gets_no_credit_when_graded(built, tmp_path):
    notebook = nbformat.read(built / "autograder" / "08_write_backprop.ipynb", as_version=4)
    (cell,) = [c for c in notebook.cells if c.cell_type == "code" and c.source.startswith("def gradient(")]
    cell.source = BORROWED_GRADIENT
    path = tmp_path / "08_write_backprop.ipynb"
    nbformat.write(notebook, path)
    scores = _grade(built, path, tmp_path)
    # forward and backward are the student's own; gradient, and the steps and training built on it, are not
    assert scores["forward"] == scores["backward"] == 1, scores
    assert scores["gradient"] == scores["steps"] == scores["training"] == 0, scores


def test_student_version_as_is_gives_hints_not_errors(built, tmp_path):
    notebook = built / "student" / "08_write_backprop.ipynb"   # executed as handed out by the build
    cells = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    assert all(c.execution_count for c in cells if c.source.strip()), "the student version was not run"
    errors = [o for c in cells for o in c.outputs if o.output_type == "error"]
    assert not errors, [e.ename + ": " + e.evalue for e in errors]
    hints = [streams(c) for c in cells if c.source.startswith("check_")]
    assert len(hints) == 5 and all(set(h) == {"stdout"} for h in hints), hints
    assert all(h["stdout"].count("Not yet") == h["stdout"].count("\n") >= 1 for h in hints), hints
    grades = tmp_path / "grades"
    grades.mkdir()
    scores = _grade(built, notebook, grades)
    assert scores and all(s == 0 for s in scores.values()), scores
