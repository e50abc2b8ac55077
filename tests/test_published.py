"""Nothing published holds an answer (issue 28, item 1).

The JupyterLite site (make lite, scripts/build_lite.py) and the static exports
(make export, scripts/export.sh; the slides are made from the same notebooks)
take the notebooks scripts/published.py lists. None of them may hold otter's
markup (``# BEGIN SOLUTION``, ``# SOLUTION``, ``# BEGIN QUESTION``,
``# ASSIGNMENT CONFIG``, ``hidden: true``, ...), a grading seed or a body of
notebook 08's solutions, in any cell or stored output; notebook 08 as
published holds no line of them at all (a line such as
``for ell in range(1, L + 1):`` is an answer there, but ordinary code in the
lessons, which print the library's loops). Fast: reads the stored JSON only.
(The browser tests build the site and the exports and grep their files too.)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import assignment  # noqa: E402
import published  # noqa: E402

SOURCE = nbformat.read(assignment.SOURCE, as_version=4)
SOLUTIONS = assignment.solution_lines(SOURCE)


def _solution_bodies() -> list[list[str]]:
    """The stripped lines of each ``# BEGIN SOLUTION`` ... ``# END SOLUTION`` block of the source's code."""
    bodies = []
    for cell in SOURCE.cells:
        if cell.cell_type != "code":
            continue
        for block in re.findall(r"# BEGIN SOLUTION\n(.*?)\n\s*# END SOLUTION", cell.source, re.DOTALL):
            bodies.append([line.strip() for line in block.splitlines() if line.strip()])
    return bodies


BODIES = _solution_bodies()


def _texts(nb: dict):
    """(where, text) for every cell's source and every stored output's text."""
    for i, cell in enumerate(nb["cells"]):
        yield f"cell {i} ({cell['cell_type']})", "".join(cell["source"])
        for out in cell.get("outputs", []):
            if "text" in out:
                yield f"cell {i} output", "".join(out["text"])
            for mime, value in out.get("data", {}).items():
                if mime.startswith("text/"):
                    yield f"cell {i} output {mime}", "".join(value)


def test_the_builds_take_the_published_list_and_it_holds_the_student_version():
    names = [p.name for p in published.notebooks()]
    assert assignment.STUDENT.name in names and assignment.STUDENT in published.notebooks()
    assert assignment.SOURCE not in published.notebooks() and assignment.SOURCE.parent != published.NOTEBOOKS
    build_lite = (ROOT / "scripts" / "build_lite.py").read_text()
    export = (ROOT / "scripts" / "export.sh").read_text()
    # each build takes its notebooks from published.py and from nowhere else
    assert "published.notebooks()" in build_lite and ".ipynb\")" not in build_lite.replace("published", "")
    assert '"$ROOT/scripts/published.py"' in export and "notebooks/*.ipynb)" not in export


def test_the_source_has_solutions_to_look_for():
    assert len(SOLUTIONS) >= 15, SOLUTIONS
    assert "rows = 3" in SOLUTIONS and "return delta" not in SOLUTIONS   # the skeleton's lines stay
    assert len(BODIES) >= 4 and all(len(body) >= 3 for body in BODIES), BODIES


@pytest.mark.parametrize("path", published.notebooks(), ids=lambda p: p.name)
def test_no_published_notebook_holds_an_answer_or_otter_markup(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    raw = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "raw"]
    assert not raw, f"{path.name}: raw cells {raw} (otter's markup cells are raw)"
    for where, text in _texts(nb):
        markup = assignment.OTTER_MARKUP.search(text)
        assert not markup, f"{path.name}, {where}: otter markup {markup.group()!r}"
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if path.name == assignment.STUDENT.name:
            shown = sorted(set(lines) & SOLUTIONS)
            assert not shown, f"{path.name}, {where}: solution lines {shown}"
        joined = "\n".join(lines)
        for body in BODIES:
            assert "\n".join(body) not in joined, f"{path.name}, {where}: a solution of notebook 08: {body}"
        seed = re.search(r"\bcheck_\w+\(.*\bseed\s*=", text)
        assert not seed, f"{path.name}, {where}: a graded check with its seed: {seed.group()!r}"


def test_the_markup_pattern_finds_what_otter_uses():
    source = nbformat.read(assignment.SOURCE, as_version=4)
    found = {m.group() for c in source.cells for m in assignment.OTTER_MARKUP.finditer(c.source)}
    for marker in ("# BEGIN QUESTION", "# END QUESTION", "# BEGIN SOLUTION", "# END SOLUTION", "# SOLUTION",
                   "# BEGIN TESTS", "# END TESTS", "# BEGIN TEST CONFIG", "# ASSIGNMENT CONFIG", "hidden: true"):
        assert any(marker in f for f in found), (marker, found)
