"""scripts/slide_metadata.py: rules, idempotence, --check, and the notebooks."""

import contextlib
import io
import shutil
import subprocess
import sys

import dummy_notebooks
import nbformat
import pytest
from conftest import REPO, course_notebooks
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

SCRIPT = REPO / "scripts" / "slide_metadata.py"
slide_metadata = dummy_notebooks._slide_metadata()


def _run(*args):
    """The script's main() in-process (a subprocess costs seconds of imports)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = slide_metadata.main([str(a) for a in args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_command_line_check_exits_1(tmp_path):
    # one real process (importing nbformat costs seconds: jsonschema's
    # rfc3987-syntax builds a grammar at import); the rest call main()
    path = tmp_path / "sample.ipynb"
    nbformat.write(_sample(), path)
    result = subprocess.run([sys.executable, str(SCRIPT), "--check", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "without their slide type" in result.stdout


def _sample() -> nbformat.NotebookNode:
    panel_out = new_output("display_data", data={"text/plain": "P"},
                           metadata={"nbtools": {"panel": "P"}})
    cells = [
        (new_markdown_cell("<!-- nav -->\n[← 01](01_a.ipynb) | [Contents](00.ipynb)"), "skip"),
        (new_markdown_cell("# Compute a thing\n\nIntro."), "slide"),
        (new_markdown_cell("## Setup"), "skip"),
        (new_code_cell("%matplotlib inline\nimport numpy as np\nfrom x import y"), "skip"),
        (new_markdown_cell("## Step 1: do it\n\nText $x$."), "slide"),
        (new_code_cell("a = 1\nprint(a)"), "-"),
        (new_markdown_cell("More prose."), "-"),
        (new_markdown_cell("### A detail"), "subslide"),
        (new_code_cell("panel.show()", outputs=[panel_out]), "subslide"),
        (new_code_cell("1/0", metadata={"tags": ["raises-exception"]}), "fragment"),
        (new_code_cell("# Solution\nanswer = 42"), "skip"),
        (new_markdown_cell("<details><summary>Show the solution</summary>42</details>"), "skip"),
        (new_code_cell("x = 1", metadata={"tags": ["setup"]}), "skip"),
        (new_markdown_cell("Say it here.", metadata={"tags": ["notes"]}), "notes"),
        (new_markdown_cell("[Prev](a.ipynb) | [Next](b.ipynb)"), "skip"),
    ]
    nb = new_notebook(cells=[c for c, _ in cells])
    nb.metadata["expected"] = [t for _, t in cells]
    return nb


def test_rules_give_the_documented_types():
    nb = _sample()
    got = [slide_metadata.slide_type(c) for c in nb.cells]
    assert got == nb.metadata["expected"]


def test_apply_is_idempotent_and_check_detects_missing(tmp_path):
    path = tmp_path / "sample.ipynb"
    nbformat.write(_sample(), path)
    assert _run("--check", path).returncode == 1          # no slide metadata yet
    assert _run(path).returncode == 0
    first = path.read_bytes()
    assert _run("--check", path).returncode == 0
    result = _run(path)                                   # second run: no change
    assert result.returncode == 0 and result.stdout == ""
    assert path.read_bytes() == first
    # a hand edit that disagrees with the rules is reported by --check
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].metadata.slideshow.slide_type = "fragment"
    nbformat.write(nb, path)
    check = _run("--check", path)
    assert check.returncode == 1 and "cell 1: 'fragment' -> 'slide'" in check.stdout


def test_other_metadata_and_content_untouched(tmp_path):
    src = dummy_notebooks.build("healthy")
    for cell in src.cells:
        cell.metadata.pop("slideshow", None)
    src.cells[5].metadata["keep"] = {"me": 1}
    path = tmp_path / "nb.ipynb"
    nbformat.write(src, path)
    _run(path)
    out = nbformat.read(path, as_version=4)
    assert [c.source for c in out.cells] == [c.source for c in src.cells]
    assert out.cells[5].metadata["keep"] == {"me": 1}
    assert all("slide_type" in c.metadata.get("slideshow", {}) for c in out.cells)


@pytest.mark.skipif(not course_notebooks(), reason="no notebooks yet")
def test_every_notebook_has_its_slide_metadata(tmp_path):
    result = _run("--check", *course_notebooks())
    assert result.returncode == 0, (
        "run `python scripts/slide_metadata.py` and commit the notebooks:\n" + result.stdout)
    # and the script would not change a committed notebook
    copy = tmp_path / "copy.ipynb"
    shutil.copy(course_notebooks()[0], copy)
    assert _run(copy).stdout == ""


@pytest.mark.parametrize("text", [
    "Run the next cell to see the network.",
    "Replace each `...` and run the cell.",
    "The cell below draws the error surface.",
])
def test_prose_about_code_cells_stays_off_slides(text):
    assert slide_metadata.slide_type(new_markdown_cell(text)) == "notes"


@pytest.mark.parametrize("text", [
    "## Run the next cell",          # a heading keeps its slide
    "The next step multiplies by the weight.",
    "Each cell of the table is a weight.",
])
def test_other_prose_stays_on_slides(text):
    assert slide_metadata.slide_type(new_markdown_cell(text)) != "notes"


def test_a_slide_too_tall_is_split_and_raw_cells_are_skipped():
    para = "A paragraph of prose that fills most of a line on a slide, " * 3
    cells = [new_markdown_cell("## Step 1: a long step\n\n" + para)]
    cells += [new_markdown_cell(para) for _ in range(12)]
    cells.append(nbformat.v4.new_raw_cell("# BEGIN QUESTION\nname: q"))
    nb = new_notebook(cells=cells)
    types = slide_metadata.slide_types(nb)
    assert types[0] == "slide" and types[-1] == "skip"
    assert "subslide" in types[1:-1], types
    # every slide or subslide holds at most SLIDE_HEIGHT of estimated content
    used = 0
    for cell, kind in zip(nb.cells, types):
        if kind == "skip":
            continue
        h = slide_metadata.estimated_height(cell)
        used = h if kind in ("slide", "subslide") else used + h
        assert used <= slide_metadata.SLIDE_HEIGHT
    # short content stays on one slide
    short = new_notebook(cells=[new_markdown_cell("## Step\n\nShort."), new_markdown_cell("More.")])
    assert slide_metadata.slide_types(short) == ["slide", "-"]
