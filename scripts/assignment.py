"""Notebook 08 (the assignment): execute the instructor version, build the student version.

    python scripts/assignment.py execute   # run notebooks/08_write_backprop.ipynb, store outputs,
                                           # navigation and slide types of 08 only (07 is left alone)
    python scripts/assignment.py student   # otter assign -> assignment/student/ and assignment/autograder/

The source (instructor) notebook uses otter-grader's assignment format: raw
cells ``# BEGIN QUESTION`` ... ``# END QUESTION`` around each graded part,
``# BEGIN SOLUTION`` / ``# END SOLUTION`` (or a trailing ``# SOLUTION``) around
solution code and ``# BEGIN TESTS`` around the cells calling the nbtools checks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "notebooks" / "08_write_backprop.ipynb"
OUT = ROOT / "assignment"
sys.path.insert(0, str(ROOT / "scripts"))


def execute() -> None:
    import execute_notebooks as ex
    import navigation
    import slide_metadata

    ex.run([*ex.EXECUTE, str(SOURCE)], timeout=900)
    ex.run([*ex.STRIP, str(SOURCE)], timeout=300)
    nb = nbformat.read(SOURCE, as_version=4)
    navigation.apply(nb, SOURCE.name)
    nbformat.write(nb, SOURCE)
    slide_metadata.main([str(SOURCE)])


def student(out: Path = OUT) -> None:
    """otter assign: out/student/ (solutions removed) and out/autograder/ (the grading zip).

    otter assign also runs the instructor version's tests and stops if one fails.
    """
    shutil.rmtree(out, ignore_errors=True)
    otter = Path(sys.executable).with_name("otter")
    subprocess.run([str(otter), "assign", "--no-pdfs", str(SOURCE), str(out)], check=True, cwd=ROOT)
    print(f"student version: {out / 'student'}/; grading zip: {out / 'autograder'}/")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "student"
    if command == "execute":
        execute()
    else:
        student(Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else OUT)
