"""Notebook 08 (the assignment): execute the instructor version, build the student version.

    python scripts/assignment.py execute   # run notebooks/08_write_backprop.ipynb, store outputs,
                                           # navigation and slide types of 08 only (07 is left alone)
    python scripts/assignment.py student [OUT] [--seed N]
                                           # otter assign -> OUT/student/ and OUT/autograder/

The source (instructor) notebook uses otter-grader's assignment format: raw
cells ``# BEGIN QUESTION`` ... ``# END QUESTION`` around each graded part,
``# BEGIN SOLUTION`` / ``# END SOLUTION`` (or a trailing ``# SOLUTION``) around
solution code and ``# BEGIN TESTS`` around the cells calling the nbtools checks.

The hidden test cells call the checks with ``seed=0`` in the source (so that it
runs as it is); ``student`` writes a copy with that seed replaced by one drawn
afresh for each build (or ``--seed N`` / the ASSIGNMENT_SEED variable), so the
grading zip's hidden cases come from a seed that neither the student version
nor this repository contains. A passing check prints the same text whatever
the seed, so the stored outputs of the source still hold.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "notebooks" / "08_write_backprop.ipynb"
OUT = ROOT / "assignment"
sys.path.insert(0, str(ROOT / "scripts"))
SEED_IN_SOURCE = re.compile(r"\bseed=0\)")


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


def with_grading_seed(nb, seed: int):
    """``nb`` with ``seed=0`` replaced by ``seed=<seed>`` in its hidden test cells; ValueError if none."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and "hidden: true" in cell.source:
            cell.source, n = SEED_IN_SOURCE.subn(f"seed={seed})", cell.source)
            count += n
    if not count:
        raise ValueError("no hidden test cell calls a check with seed=0: nothing to replace")
    return nb


def student(out: Path = OUT, seed: int | None = None) -> None:
    """otter assign: out/student/ (solutions removed) and out/autograder/ (the grading zip).

    The hidden tests get ``seed`` (drawn afresh when None). otter assign also
    runs the instructor version's tests and stops if one fails.
    """
    if seed is None:
        seed = int(os.environ.get("ASSIGNMENT_SEED") or 1 + secrets.randbelow(2**31 - 1))
    shutil.rmtree(out, ignore_errors=True)
    otter = Path(sys.executable).with_name("otter")
    with tempfile.TemporaryDirectory() as tmp:
        # same folder name and file name as the source, so otter's paths and names are unchanged
        source = Path(tmp) / SOURCE.parent.name / SOURCE.name
        source.parent.mkdir()
        nbformat.write(with_grading_seed(nbformat.read(SOURCE, as_version=4), seed), source)
        subprocess.run([str(otter), "assign", "--no-pdfs", str(source), str(out)], check=True, cwd=ROOT)
    print(f"student version: {out / 'student'}/; grading zip: {out / 'autograder'}/ (hidden cases: a seed"
          " drawn for this build, kept only in the zip)")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "student"
    if command == "execute":
        execute()
    else:
        args = sys.argv[2:]
        seed = None
        if "--seed" in args:
            at = args.index("--seed")
            seed = int(args[at + 1])
            del args[at:at + 2]
        student(Path(args[0]).resolve() if args else OUT, seed)
