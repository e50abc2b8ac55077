"""Structure of the stored notebooks: what every lesson promises its reader.

Runs on every ``notebooks/*.ipynb`` and on each of the course notebooks by
name (a course notebook not written yet is skipped; one that exists is held to
every rule). It reads the stored JSON only, so it is fast and needs no kernel;
``make test`` separately re-runs the notebooks under nbval.

Conventions the checks rely on (see STYLE.md, "Notebooks"):

- navigation: the first and the last cell are markdown cells marked
  ``<!-- nav -->`` (written by ``scripts/navigation.py``) linking the
  previous notebook, the contents (``00_start_here.ipynb``) and the next one;
- headings (any level, case-insensitive): "What you'll learn", "What you'll
  need", "Summary", "Next";
- an exercise is a markdown cell whose first line starts with "Exercise" as a
  heading or in bold (``### Exercise 1: ...`` or ``**Exercise 1.** ...``); it
  runs to the next exercise or heading. The first code cell in it calls a
  check helper (``check_array(``, ``check_choice(``, or another ``check_...(``)
  and its solution is a markdown cell
  ``<details><summary>Show the solution</summary>...</details>`` in it; no
  solution is shown outside ``<details>``. The assignment (``ASSIGNMENT``, 08)
  shows no solution at all, folded or not: its checks and ``hint(key)`` help
  instead;
- a panel cell is a code cell calling ``<panel>.show()`` (not ``plt.show()``
  or ``fig.show()``) or storing a panel's output: its first line is
  the cell tag ``nbval-ignore-output`` and its stored output holds an ``image/png``;
- test markers are cell tags, never ``# NBVAL_...`` comments in the code a
  student reads (or that a slide or an export shows);
- a cell that raises on purpose carries the cell tag ``raises-exception``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

COURSE = (
    "00_start_here.ipynb",
    "01_gradient_descent.ipynb",
    "02_forward_propagation.ipynb",
    "03_backpropagation.ipynb",
    "04_derivations.ipynb",
    "05_error_surface.ipynb",
    "06_batch_sgd_minibatch.ipynb",
    "07_beyond_tanh.ipynb",
    "08_write_backprop.ipynb",
    "09_reverse_mode.ipynb",
)
CONTENTS = "00_start_here.ipynb"
#: The assignment: handed out without answers (its source is assignment/source/, see scripts/assignment.py).
ASSIGNMENT = "08_write_backprop.ipynb"
MARKER = re.compile(r"<!--\s*nav(igation)?\s*-->", re.IGNORECASE)

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
_EXERCISE = re.compile(r"^\s{0,3}(#{1,6}\s+|\*\*|__|<b>|<strong>)\s*exercise\b", re.IGNORECASE)
_CHECK_CALL = re.compile(r"\bcheck_?\w*\s*\(")
_SOLUTION_DETAILS = re.compile(
    r"<details>\s*<summary>[^<]*solution[^<]*</summary>.*?</details>", re.IGNORECASE | re.DOTALL
)
# A solution shown openly: a heading, a bold label or a "Solution:" line
# (in a code cell: a first line "# Solution").
_SOLUTION_VISIBLE = re.compile(
    r"^\s*(#{1,6}\s*solution\b|(\*\*|__|<b>|<strong>)\s*solution\b|solution\s*:)", re.IGNORECASE
)
_SHOW_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*(\(\s*\))?\.show\(\s*\)")
# plt.show(), fig.show(): plain figures, not panels
_NOT_PANELS = {"plt", "pyplot", "fig", "figure", "matplotlib"}
_LINKS = re.compile(r"\]\(([^)\s]+\.ipynb)[^)]*\)")
# What a browser or kernel would fetch when a notebook is opened or run.
# (A plain <a href="https://..."> is a link the reader may follow, not a load.)
_REMOTE_IN_OUTPUT = re.compile(
    r"""<(script|img|iframe|link|source|audio|video|embed|object)\b[^>]*\b(src|href|data)\s*=\s*["']?"""
    r"""(https?:)?//|@import\s+(url\()?\s*["']?(https?:)?//|\burl\(\s*["']?https?://|"""
    r"""\bimport\(\s*["']https?://|require\.config""",
    re.IGNORECASE,
)
_REMOTE_IN_MARKDOWN = re.compile(
    r"!\[[^\]]*\]\(\s*<?https?://|<(img|script|link|iframe)\b[^>]*https?://", re.IGNORECASE
)
_URL = re.compile(r"https?://", re.IGNORECASE)
_ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]{6,16}\b")


def _present() -> list[str]:
    found = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) if NOTEBOOKS.is_dir() else []
    return sorted(set(COURSE) | set(found))


def _load(name: str) -> dict:
    path = NOTEBOOKS / name
    if not path.is_file():
        if name in COURSE:
            pytest.skip(f"{name} is not written yet")
        pytest.fail(f"{name} disappeared")  # pragma: no cover
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _first_line(text: str) -> str:
    return next((ln for ln in text.splitlines() if ln.strip()), "")


def _headings(nb) -> list[str]:
    return [
        h.strip().lower().replace("\u2019", "'")
        for c in nb["cells"]
        if c["cell_type"] == "markdown"
        for h in _HEADING.findall(_source(c))
    ]


def _tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _code_cells(nb) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _output_texts(cell) -> list[str]:
    texts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            texts.append(_source({"source": out.get("text", "")}))
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/") or mime in ("application/javascript", "image/svg+xml"):
                texts.append(_source({"source": value}))
    return texts


pytestmark = pytest.mark.parametrize("name", _present())


def test_executed_in_order_with_outputs(name):
    nb = _load(name)
    cells = [c for c in _code_cells(nb) if _source(c).strip()]
    assert cells, f"{name} has no code cells"
    unrun = [i for i, c in enumerate(cells) if c.get("execution_count") is None]
    assert not unrun, f"{name}: code cells {unrun} were not executed (store outputs: make execute)"
    counts = [c["execution_count"] for c in cells]
    assert counts == sorted(counts) and len(set(counts)) == len(counts), (
        f"{name}: execution counts {counts} are not in order; re-run the notebook top to bottom"
    )
    assert counts[0] == 1, (
        f"{name}: the first cell ran as [{counts[0]}]; run it from a fresh kernel"
    )
    assert any(c.get("outputs") for c in cells), f"{name}: no stored outputs"


def test_no_error_outputs_except_where_tagged(name):
    nb = _load(name)
    for i, cell in enumerate(_code_cells(nb)):
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        tagged = "raises-exception" in _tags(cell)
        if tagged:
            assert errors, f"{name}: code cell {i} is tagged raises-exception but stored no error"
        else:
            assert not errors, (
                f"{name}: code cell {i} stored {errors[0].get('ename')}: {errors[0].get('evalue')} "
                "(tag it raises-exception if the error is the point)"
            )
        for text in _output_texts(cell):
            assert "Traceback (most recent call last)" not in text or tagged, (
                f"{name}: code cell {i} printed a traceback"
            )


def test_navigation_top_and_bottom(name):
    nb = _load(name)
    cells = nb["cells"]
    if name not in COURSE:
        pytest.skip(f"{name} is not in the course order")
    index = COURSE.index(name)
    want = {CONTENTS}
    if index > 0:
        want.add(COURSE[index - 1])
    if index + 1 < len(COURSE):
        want.add(COURSE[index + 1])
    for where, cell in (("first", cells[0]), ("last", cells[-1])):
        src = _source(cell)
        assert cell["cell_type"] == "markdown" and MARKER.search(src), (
            f"{name}: the {where} cell is not a navigation line (run scripts/navigation.py)"
        )
        links = set(_LINKS.findall(src)) | ({CONTENTS} if name == CONTENTS else set())
        assert links == want, (
            f"{name}: {where} navigation links {sorted(links)}, want {sorted(want)}"
        )
    marked = [i for i, c in enumerate(cells) if MARKER.search(_source(c))]
    assert marked == [0, len(cells) - 1], (
        f"{name}: navigation cells at {marked}, want first and last only"
    )


@pytest.mark.parametrize("heading", ["what you'll learn", "what you'll need", "summary", "next"])
def test_has_section(name, heading):
    nb = _load(name)
    headings = _headings(nb)
    assert any(h.startswith(heading) for h in headings), f"{name}: no heading '{heading}'"


def test_learning_objectives(name):
    nb = _load(name)
    for cell in nb["cells"]:
        src = _source(cell)
        if cell["cell_type"] == "markdown" and re.search(
            r"#+\s*what you.ll learn", src, re.IGNORECASE
        ):
            after = re.split(
                r"#+\s*what you.ll learn[^\n]*\n", src, maxsplit=1, flags=re.IGNORECASE
            )[-1]
            block = re.split(r"^\s{0,3}#", after, maxsplit=1, flags=re.MULTILINE)[0]
            items = re.findall(r"^\s{0,3}(?:[-*+]|\d+\.)\s+\S", block, re.MULTILINE)
            assert 3 <= len(items) <= 5, f"{name}: {len(items)} learning objectives, want 3 to 5"
            return
    pytest.fail(f"{name}: no 'What you'll learn' cell")


def _exercises(nb) -> list[list[dict]]:
    """Each exercise's cells: from its first cell to the next exercise or heading."""
    blocks, current = [], None
    for cell in nb["cells"]:
        first = _first_line(_source(cell)) if cell["cell_type"] == "markdown" else ""
        if _EXERCISE.match(first):
            current = [cell]
            blocks.append(current)
        elif _HEADING.match(first) or MARKER.search(_source(cell)):
            current = None
        elif current is not None:
            current.append(cell)
    return blocks


def test_exercises_have_checks_and_hidden_solutions(name):
    nb = _load(name)
    exercises = _exercises(nb)
    assert len(exercises) >= 2, f"{name}: {len(exercises)} exercise(s), want at least 2"
    for block in exercises:
        title = _first_line(_source(block[0])).strip("#*_ ")[:60]
        code = [c for c in block if c["cell_type"] == "code"]
        assert code and _CHECK_CALL.search(_source(code[0])), (
            f"{name}: '{title}' is not followed by a code cell calling a check helper"
        )
        outputs = "".join(
            t for c in code if _CHECK_CALL.search(_source(c)) for t in _output_texts(c)
        )
        assert outputs.strip(), f"{name}: the check of '{title}' stored no output"
        hidden = [
            c
            for c in block
            if c["cell_type"] == "markdown" and _SOLUTION_DETAILS.search(_source(c))
        ]
        if name == ASSIGNMENT:
            assert not hidden, f"{name}: '{title}' shows a solution; the assignment is handed out without"
        else:
            assert hidden, f"{name}: '{title}' has no solution inside <details><summary>...solution"


def test_solutions_stay_hidden(name):
    nb = _load(name)
    for i, cell in enumerate(nb["cells"]):
        src = _source(cell)
        if cell["cell_type"] == "markdown":
            outside = _SOLUTION_DETAILS.sub("", src)
            assert not any(_SOLUTION_VISIBLE.match(ln) for ln in outside.splitlines()), (
                f"{name}: cell {i} shows a solution outside <details>"
            )
        else:
            assert not _SOLUTION_VISIBLE.match(_first_line(src)), (
                f"{name}: code cell {i} is a visible solution; put it in a <details> markdown cell"
            )


def _is_panel_cell(cell) -> bool:
    """A cell that shows a panel: calls ``<panel>.show()``, or stored a panel's output."""
    if any("nbtools" in o.get("metadata", {}) for o in cell.get("outputs", [])):
        return True
    return any(
        m.group(1) not in _NOT_PANELS and not m.group(1).startswith("fig")
        for m in _SHOW_CALL.finditer(_source(cell))
    )


def test_panel_cells_ignore_output_and_store_a_picture(name):
    nb = _load(name)
    for i, cell in enumerate(_code_cells(nb)):
        src = _source(cell)
        if not _is_panel_cell(cell):
            continue
        assert "nbval-ignore-output" in _tags(cell), (
            f"{name}: panel cell {i} must carry the cell tag 'nbval-ignore-output' "
            "(nbval cannot compare widgets)"
        )
        pngs = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
        assert pngs, f"{name}: panel cell {i} stored no image/png (the static picture of the panel)"


def test_test_markers_are_tags_not_comments(name):
    nb = _load(name)
    for i, cell in enumerate(nb["cells"]):
        assert "NBVAL" not in _source(cell), (
            f"{name}: cell {i} shows an nbval marker to the reader; use a cell tag "
            "(nbval-ignore-output, raises-exception, nbval-skip) instead"
        )


def test_text_outputs_have_no_memory_addresses(name):
    nb = _load(name)
    for i, cell in enumerate(_code_cells(nb)):
        if "nbval-ignore-output" in _tags(cell):
            continue
        for text in _output_texts(cell):
            match = _ADDRESS.search(text)
            assert not match, (
                f"{name}: code cell {i} printed an object repr ({match.group()}); "
                "end drawing lines with ';' or assign the result"
            )


def test_nothing_loaded_from_the_internet(name):
    nb = _load(name)
    for i, cell in enumerate(nb["cells"]):
        src = _source(cell)
        if cell["cell_type"] == "code":
            assert not _URL.search(src), f"{name}: code cell {i} names an http(s) URL"
            for text in _output_texts(cell):
                match = _REMOTE_IN_OUTPUT.search(text)
                assert not match, (
                    f"{name}: code cell {i} output loads a remote resource ({match.group()})"
                )
        elif cell["cell_type"] == "markdown":
            match = _REMOTE_IN_MARKDOWN.search(src)
            assert not match, f"{name}: markdown cell {i} loads a remote resource ({match.group()})"
    state = json.dumps(nb.get("metadata", {}).get("widgets", {}))
    assert not re.search(r'"(https?:)?//[^"]*\.(js|css)"', state), (
        f"{name}: widget state names a remote script"
    )
