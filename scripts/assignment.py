"""Notebook 08 (the assignment): execute the instructor source, build what students and graders get.

    python scripts/assignment.py execute   # run assignment/source/08_write_backprop.ipynb, store its
                                           # outputs, navigation and slide types (nothing else changes)
    python scripts/assignment.py student [OUT] [--seed N]
                                           # otter assign: the student version, executed as handed out,
                                           # -> notebooks/08_write_backprop.ipynb, and the grading zip
                                           # -> assignment/autograder/ (with OUT: OUT/student/ and
                                           # OUT/autograder/, the repository untouched)

The instructor source lives outside ``notebooks/`` (students, the course map,
the navigation lines, ``make lite``, ``make export`` and the slides see only
``notebooks/``). It uses otter-grader's assignment format: raw cells
``# BEGIN QUESTION`` ... ``# END QUESTION`` around each graded part,
``# BEGIN SOLUTION`` / ``# END SOLUTION`` (or a trailing ``# SOLUTION``) around
solution code and ``# BEGIN TESTS`` around the cells calling the nbtools checks.
``notebooks/08_write_backprop.ipynb`` is built from it and committed: ``...``
where the code goes, and stored outputs as a student first sees them (the
checks print hints).

The hidden test cells call the checks with ``seed=0`` in the source (so that it
runs as it is); ``student`` gives otter a copy with that seed replaced by one
drawn afresh for each build (or ``--seed N`` / the ASSIGNMENT_SEED variable), so
the grading zip's hidden cases come from a seed that neither the student version
nor this repository contains. The student version does not depend on the seed.
"""

from __future__ import annotations

import functools
import html as htmllib
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
SOURCE = ROOT / "assignment" / "source" / "08_write_backprop.ipynb"
STUDENT = ROOT / "notebooks" / SOURCE.name
GRADING = ROOT / "assignment" / "autograder"
sys.path.insert(0, str(ROOT / "scripts"))
SEED_IN_SOURCE = re.compile(r"\bseed=0\)")
#: otter's markup: its raw cells and the comments that mark solutions, tests and their settings.
OTTER_MARKUP = re.compile(r"#\s*(BEGIN|END) (QUESTION|SOLUTION|TESTS|TEST CONFIG|PROMPT)\b|#\s*ASSIGNMENT CONFIG\b"
                          r"|#\s*SOLUTION\s*$|^\s*hidden:\s*true", re.MULTILINE)


def solution_lines(nb) -> set[str]:
    """Code lines of ``nb`` between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` or ending in ``# SOLUTION``,
    stripped: what a student version must never show."""
    lines = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        inside = False
        for line in cell.source.splitlines():
            if line.strip() in ("# BEGIN SOLUTION", "# END SOLUTION"):
                inside = line.strip() == "# BEGIN SOLUTION"
            elif line.rstrip().endswith("# SOLUTION"):
                lines.add(line.rsplit("# SOLUTION", 1)[0].strip())
            elif inside and line.strip():
                lines.add(line.strip())
    return lines


def solution_bodies(nb) -> list[list[str]]:
    """The stripped, non-empty lines of each ``# BEGIN SOLUTION`` ... ``# END SOLUTION`` block of ``nb``'s code."""
    bodies = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            for block in re.findall(r"# BEGIN SOLUTION\n(.*?)\n\s*# END SOLUTION", cell.source, re.DOTALL):
                bodies.append([line.strip() for line in block.splitlines() if line.strip()])
    return bodies


@functools.lru_cache(maxsize=1)
def _answers() -> tuple[frozenset, tuple]:
    source = nbformat.read(SOURCE, as_version=4)
    return frozenset(solution_lines(source)), tuple("\n".join(body) for body in solution_bodies(source))


def answers_in(text: str, name: str, html: bool = False) -> list[str]:
    """What ``text`` (a published file; ``html``: a page, its tags dropped) shows of notebook 08's answers.

    Otter's markup, a graded check with its seed and any solution body (a
    ``# BEGIN SOLUTION`` block, line by line) anywhere; and in the published
    copy of notebook 08 itself (``name`` starts with its stem) any solution
    line at all. A line such as ``for ell in range(1, L + 1):`` is an answer
    there but ordinary code in the lessons, which print the library's loops.
    """
    if html:
        text = htmllib.unescape(re.sub(r"<[^>]+>", "", text))
    found = [f"otter markup {m.group()!r}" for m in OTTER_MARKUP.finditer(text)]
    found += [f"a graded check's seed {m.group()!r}" for m in re.finditer(r"\bcheck_\w+\(.*\bseed\s*=", text)]
    lines_of_solutions, bodies = _answers()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    joined = "\n".join(lines)
    found += [f"a solution body starting {body.splitlines()[0]!r}" for body in bodies if body in joined]
    if name.startswith(SOURCE.stem):
        found += [f"the solution line {line!r}" for line in sorted(set(lines) & lines_of_solutions)]
    return found


def _tidy(path: Path) -> None:
    """Execute ``path`` in place and store its outputs, navigation lines and slide types, as make execute does."""
    import execute_notebooks as ex
    import navigation
    import slide_metadata

    ex.run([*ex.EXECUTE, str(path)], timeout=900)
    ex.run([*ex.STRIP, str(path)], timeout=300)
    nb = nbformat.read(path, as_version=4)
    if navigation.apply(nb, path.name):
        nbformat.write(nb, path)
    slide_metadata.main([str(path)])


def execute() -> None:
    """Run the instructor source in its place (assignment/source/) and store its outputs."""
    _tidy(SOURCE)


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


def student(out: Path | None = None, seed: int | None = None) -> tuple[Path, Path]:
    """otter assign, then the student version executed as handed out.

    Writes the student version to notebooks/08_write_backprop.ipynb and the
    grading zip to assignment/autograder/, or, with ``out``, to
    out/student/08_write_backprop.ipynb and out/autograder/. The hidden tests
    get ``seed`` (drawn afresh when None). otter assign also runs the
    instructor version's tests and stops if one fails. Returns (student
    notebook, grading folder).
    """
    if seed is None:
        seed = int(os.environ.get("ASSIGNMENT_SEED") or 1 + secrets.randbelow(2**31 - 1))
    notebook = STUDENT if out is None else out / "student" / SOURCE.name
    grading = GRADING if out is None else out / "autograder"
    otter = Path(sys.executable).with_name("otter")
    with tempfile.TemporaryDirectory() as tmp:
        # same folder name and file name as the source, so otter's paths and names are unchanged
        source = Path(tmp) / SOURCE.parent.name / SOURCE.name
        source.parent.mkdir()
        nbformat.write(with_grading_seed(nbformat.read(SOURCE, as_version=4), seed), source)
        built = Path(tmp) / "built"
        subprocess.run([str(otter), "assign", "--no-pdfs", str(source), str(built)], check=True, cwd=ROOT)
        _tidy(built / "student" / SOURCE.name)
        shutil.rmtree(grading, ignore_errors=True)
        grading.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(built / "autograder", grading)
        notebook.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built / "student" / SOURCE.name, notebook)
    where = notebook.relative_to(ROOT) if notebook.is_relative_to(ROOT) else notebook
    print(f"student version: {where}; grading zip: {grading}/ (hidden cases: a seed drawn for this build,"
          " kept only in the zip)")
    return notebook, grading


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "student"
    if command == "execute":
        execute()
    elif command == "student":
        args = sys.argv[2:]
        seed = None
        if "--seed" in args:
            at = args.index("--seed")
            seed = int(args[at + 1])
            del args[at:at + 2]
        student(Path(args[0]).resolve() if args else None, seed)
    else:
        sys.exit(f"usage: {sys.argv[0]} execute | student [OUT] [--seed N]; got {command!r}")
