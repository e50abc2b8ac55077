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
3b. a raw cell (otter-grader's ``# BEGIN QUESTION`` markers in 08): ``skip``;
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

Then one rule that looks at the cells before: a cell the rules put on the
slide before it (``-``) starts a ``subslide`` when the slide would otherwise
grow past what a 1280 × 800 reveal.js slide shows (``SLIDE_HEIGHT``, estimated
from the text's lines, the stored pictures' sizes and the outputs' lines; the
browser test ``test_no_slide_overflows`` measures the real heights).
"""

from __future__ import annotations

import argparse
import ast
import base64
import re
import struct
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
    if cell.cell_type == "raw" or _is_navigation(cell) or _is_solution(cell) or _is_setup(cell):
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


# Estimated heights in the slide's CSS pixels (reveal.js at 1280 × 800, the
# white theme as scripts/slides.sh sets it up): a slide shows 760 px of content;
# the estimate keeps a margin below that.
SLIDE_HEIGHT = 620
_TEXT_LINE, _OUTPUT_LINE, _HEADING, _TABLE_ROW, _GAP = 27, 22, 70, 38, 22
_IMAGE_MAX = 680                         # scripts/slides.sh draws taller figures smaller
_DISPLAY_MATH, _TALL_MATH = 60, 90       # a $$ block; one with a fraction or a matrix
_CHARS = {"text": 105, "quote": 68, "list": 95}


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _png_height(data: str) -> int:
    head = base64.b64decode(data[:64])
    return struct.unpack(">II", head[16:24])[1] if head[1:4] == b"PNG" else 300


def _lines(text: str, per_line: int) -> int:
    return sum(max(1, -(-len(ln) // per_line)) for ln in text.splitlines() if ln.strip())


def _paragraph_height(lines: list[str]) -> int:
    """One markdown block (no blank line inside): heading, table, list, quote or text."""
    first = lines[0].lstrip()
    if first.startswith("#"):
        return _HEADING + _paragraph_height(lines[1:]) if lines[1:] else _HEADING
    if first.startswith("|"):
        return _TABLE_ROW * sum(1 for ln in lines if not set(ln.strip()) <= set("|-: "))
    if first.startswith(">"):
        kind, lines = "quote", [ln.lstrip().lstrip(">") for ln in lines]
    elif re.match(r"(\s*[-*+]|\s*\d+\.)\s", first):
        kind = "list"
    else:
        kind = "text"
    height, math, items = 0, [], [[]]
    for ln in lines:
        if ln.strip().startswith("$$") or math:
            math.append(ln)
            if len(math) > 1 and ln.strip().endswith("$$") or ln.strip().count("$$") == 2:
                block = " ".join(math)
                height += _TALL_MATH if re.search(r"\\frac|\\begin|\\sum|\\partial", block) else _DISPLAY_MATH
                math = []
            continue
        if kind != "text" and re.match(r"\s*([-*+]|\d+\.)\s", ln) and items[-1]:
            items.append([])            # a new list item starts a new line
        items[-1].append(ln.strip())
    for item in items:
        text = " ".join(item)
        if text:
            height += _TEXT_LINE * -(-len(text) // _CHARS[kind])
    return height + _GAP


def _markdown_height(source: str) -> int:
    blocks, block = [], []
    for ln in source.splitlines():
        if ln.strip() in ("", ">"):
            if block:
                blocks.append(block)
            block = []
        else:
            block.append(ln)
    if block:
        blocks.append(block)
    return sum(_paragraph_height(b) for b in blocks)


def estimated_height(cell) -> int:
    """Roughly how many CSS pixels the cell takes on a slide (code is hidden)."""
    if cell.cell_type == "markdown":
        return _markdown_height(cell.source)
    height = 0
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if "nbtools" in out.get("metadata", {}):   # before its picture: a panel fills its page
            height += SLIDE_HEIGHT
        elif "image/png" in data:
            height += min(_png_height(data["image/png"]), _IMAGE_MAX) + _GAP
        elif out.get("output_type") == "error":    # the traceback, one line per line
            height += _OUTPUT_LINE * _lines(_ANSI.sub("", "\n".join(out.get("traceback", []))), 120) + _GAP
        elif out.get("output_type") == "stream":
            height += _OUTPUT_LINE * _lines(out.get("text", ""), 120) + _GAP
        elif "text/html" in data:
            html = data["text/html"]
            rows = html.count("<tr")
            height += (rows * _TABLE_ROW if rows else html.count("\n") * _OUTPUT_LINE) + _GAP
        elif "text/plain" in data:
            height += _OUTPUT_LINE * _lines(data["text/plain"], 120) + _GAP
    return height


def slide_types(nb) -> list[str]:
    """Every cell's slide type: its own rule, then the split of slides too tall."""
    types, used = [], 0
    for cell in nb.cells:
        want = slide_type(cell)
        if want in ("skip", "notes"):
            types.append(want)
            continue
        height = estimated_height(cell)
        if want in ("-", "fragment") and used > 0 and used + height > SLIDE_HEIGHT:
            want = "subslide"
        used = height if want in ("slide", "subslide") else used + height
        types.append(want)
    return types


def apply(nb) -> list[tuple[int, str | None, str]]:
    """Set the slide type of every cell in place; return the changes made."""
    changes = []
    for index, (cell, want) in enumerate(zip(nb.cells, slide_types(nb))):
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
