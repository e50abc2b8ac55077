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
BODIES = assignment.solution_bodies(SOURCE)


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
        found = assignment.answers_in(text, path.name)
        assert not found, f"{path.name}, {where}: {found}"


def test_answers_are_found_in_a_page_too():
    body = "\n".join(BODIES[0])
    page = "<pre>" + "".join(f'<span class="n">{line}</span>\n' for line in body.replace(">", "&gt;").splitlines())
    assert assignment.answers_in(page, "03_backpropagation", html=True)
    assert not assignment.answers_in("<p>for ell in range(1, L + 1):</p>", "03_backpropagation", html=True)
    assert assignment.answers_in("<p>for ell in range(1, L + 1):</p>", "08_write_backprop.slides", html=True)


def test_the_markup_pattern_finds_what_otter_uses():
    source = nbformat.read(assignment.SOURCE, as_version=4)
    found = {m.group() for c in source.cells for m in assignment.OTTER_MARKUP.finditer(c.source)}
    for marker in ("# BEGIN QUESTION", "# END QUESTION", "# BEGIN SOLUTION", "# END SOLUTION", "# SOLUTION",
                   "# BEGIN TESTS", "# END TESTS", "# BEGIN TEST CONFIG", "# ASSIGNMENT CONFIG", "hidden: true"):
        assert any(marker in f for f in found), (marker, found)
