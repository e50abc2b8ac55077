#!/usr/bin/env python3
"""Set ``metadata.slideshow.slide_type`` on every cell of the notebooks, by rule.

Usage::

    python scripts/slide_metadata.py                 # every notebooks/*.ipynb
    python scripts/slide_metadata.py NB.ipynb ...    # only these
    python scripts/slide_metadata.py --check         # exit 1 if a cell lacks,
                                                     # or disagrees with, its rule

The slide type is a function of the cell alone, so running the script twice
changes nothing the second time; a notebook is rewritten only when a value
changes. Rules, first match wins:

1. a tag ``slide``, ``subslide``, ``fragment``, ``skip`` or ``notes``: that
   type (the manual override);
2. a navigation line (``<!-- nav -->``, ``<!--NAVIGATION-->``, or a short
   markdown cell of links to other notebooks split by ``|``): ``skip``;
3. an exercise solution (tag ``solution``; a cell starting with "Solution";
   a ``<details>`` whose summary says "solution"): ``skip``;
4. setup (tag ``setup``; a code cell of imports and ``%magics`` only; a
   markdown cell that is only a "Setup" heading): ``skip``;
4b. markdown prose that talks about code cells ("the next cell", "run the
   cell", "Replace each `...`"), not a heading: ``notes`` (code is hidden on
   slides, so such prose would point at nothing);
5. markdown starting with ``# `` (the title) or ``## ``: ``slide``;
6. markdown starting with ``### ``: ``subslide``;
7. a code cell that shows an nbtools panel (a stored output with metadata key
   ``nbtools``): ``subslide``, so the figure and its controls get a page;
8. a code cell tagged ``raises-exception``: ``fragment``;
9. anything else: ``-`` (on the slide before it).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import nbformat

SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")
OVERRIDE_TAGS = ("slide", "subslide", "fragment", "skip", "notes")

_LINK_TO_NOTEBOOK = re.compile(r"\]\([^)]*\.ipynb[^)]*\)")
_SOLUTION_START = re.compile(r"^\s*(#+|\*\*|<b>)?\s*solution\b", re.IGNORECASE)
_DETAILS_SOLUTION = re.compile(r"<summary>[^<]*solution", re.IGNORECASE)
_MAGIC = re.compile(r"^\s*%")
_NAV_MARKER = re.compile(r"<!--\s*nav(igation)?\s*-->", re.IGNORECASE)
_SETUP_HEADING = re.compile(r"^#+\s*set\s*up\s*$", re.IGNORECASE)
_CODE_TALK = re.compile(
    r"\b(the\s+(next|previous|following|above|below)\s+(code\s+)?cell"
    r"|the\s+(code\s+)?cell\s+(below|above)"
    r"|run\s+(the|this|each|every)\s+cells?"
    r"|replace\s+(each|every|the)\s+`\.\.\.`)", re.IGNORECASE)


def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip():
            return line
    return ""


def _is_navigation(cell) -> bool:
    if cell.cell_type != "markdown":
        return False
    src = cell.source
    if _NAV_MARKER.search(src):
        return True
    lines = [ln for ln in src.splitlines() if ln.strip()]
    return 0 < len(lines) <= 3 and len(_LINK_TO_NOTEBOOK.findall(src)) >= 2 and "|" in src


def _is_solution(cell) -> bool:
    tags = cell.metadata.get("tags", [])
    if "solution" in tags or "exercise-solution" in tags:
        return True
    if _SOLUTION_START.match(_first_line(cell.source)):
        return True
    return cell.cell_type == "markdown" and bool(_DETAILS_SOLUTION.search(cell.source))


def _is_setup(cell) -> bool:
    if cell.cell_type == "markdown":   # a bare "## Setup" heading goes with its cell
        return bool(_SETUP_HEADING.match(cell.source.strip()))
    if cell.cell_type != "code":
        return False
    if "setup" in cell.metadata.get("tags", []):
        return True
    code = "\n".join(ln for ln in cell.source.splitlines() if not _MAGIC.match(ln))
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    has_magic = any(_MAGIC.match(ln) for ln in cell.source.splitlines())
    if not tree.body:
        return has_magic
    return all(isinstance(node, (ast.Import, ast.ImportFrom)) for node in tree.body)


def _talks_about_code(cell) -> bool:
    if cell.cell_type != "markdown" or _first_line(cell.source).lstrip().startswith("#"):
        return False
    return bool(_CODE_TALK.search(cell.source))


def _shows_panel(cell) -> bool:
    return cell.cell_type == "code" and any(
        "nbtools" in out.get("metadata", {}) for out in cell.get("outputs", [])
    )


def slide_type(cell) -> str:
    """The slide type the rules give for one cell (see the module docstring)."""
    tags = cell.metadata.get("tags", [])
    for tag in OVERRIDE_TAGS:
        if tag in tags:
            return tag
    if _is_navigation(cell) or _is_solution(cell) or _is_setup(cell):
        return "skip"
    if _talks_about_code(cell):
        return "notes"
    if cell.cell_type == "markdown":
        first = _first_line(cell.source).lstrip()
        if first.startswith("# ") or first.startswith("## "):
            return "slide"
        if first.startswith("### "):
            return "subslide"
        return "-"
    if cell.cell_type == "code":
        if _shows_panel(cell):
            return "subslide"
        if "raises-exception" in tags:
            return "fragment"
    return "-"


def apply(nb) -> list[tuple[int, str | None, str]]:
    """Set the slide type of every cell in place; return the changes made."""
    changes = []
    for index, cell in enumerate(nb.cells):
        want = slide_type(cell)
        have = cell.metadata.get("slideshow", {}).get("slide_type")
        if have != want:
            cell.metadata.setdefault("slideshow", {})["slide_type"] = want
            changes.append((index, have, want))
    return changes


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to edit (default: notebooks/*.ipynb)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if any cell lacks its slide type")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((root / "notebooks").glob("*.ipynb"))
    if not paths:
        print("slide_metadata: no notebooks found", file=sys.stderr)
        return 1 if args.check else 0

    stale = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        changes = apply(nb)
        if not changes:
            continue
        if args.check:
            stale += 1
            print(f"{path}: {len(changes)} cell(s) without their slide type, e.g. "
                  + ", ".join(f"cell {i}: {have!r} -> {want!r}" for i, have, want in changes[:5]))
        else:
            nbformat.write(nb, path)
            print(f"{path}: set the slide type of {len(changes)} cell(s)")
    if args.check and stale:
        print(f"slide_metadata: {stale} notebook(s) need `python scripts/slide_metadata.py`",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
