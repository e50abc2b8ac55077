#!/usr/bin/env python3
"""Write the navigation line (previous | contents | next) at the top and bottom
of every notebook in ``notebooks/``.

Usage::

    python scripts/navigation.py            # every notebook of the course present
    python scripts/navigation.py --check    # change nothing; exit 1 if a line is stale

The course has its notebooks in a fixed order (``COURSE`` below). Each gets
two markdown cells marked ``<!-- nav -->``: the first cell of the notebook and
the last one. The script finds those cells by their marker (``<!--NAVIGATION-->``
is recognised too, in any case and spacing) and rewrites
them, or inserts them when missing, so running it twice changes nothing the
second time; a notebook is written only when a line changes. Links always
name both neighbours, whether or not their notebook exists yet.

Only the navigation cells are touched: outputs, execution counts and the other
cells stay as they are, so a notebook's stored outputs remain valid.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

MARKER = "<!-- nav -->"
_MARKER = re.compile(r"<!--\s*nav(igation)?\s*-->", re.IGNORECASE)
CONTENTS = "00_start_here.ipynb"

#: The course in reading order: (file name, short title for the links).
COURSE: tuple[tuple[str, str], ...] = (
    ("00_start_here.ipynb", "Start here"),
    ("01_gradient_descent.ipynb", "Gradient descent"),
    ("02_forward_propagation.ipynb", "Forward propagation"),
    ("03_backpropagation.ipynb", "Backpropagation"),
    ("04_derivations.ipynb", "Derivations"),
    ("05_error_surface.ipynb", "Error surface"),
    ("06_batch_sgd_minibatch.ipynb", "Batch, SGD, mini-batch"),
    ("07_beyond_tanh.ipynb", "Beyond tanh"),
    ("08_write_backprop.ipynb", "Write it yourself"),
    ("09_reverse_mode.ipynb", "Reverse mode"),
)
NAMES = tuple(name for name, _ in COURSE)
TOP_ID, BOTTOM_ID = "navigation-top", "navigation-bottom"


def navigation_line(name: str) -> str:
    """The markdown of the navigation cell for notebook ``name`` (a file name in COURSE).

    ``navigation_line("02_forward_propagation.ipynb")`` is the marker line, then
    ``[← 01 Gradient descent](01_gradient_descent.ipynb) | [Contents](00_start_here.ipynb)
    | [03 Backpropagation →](03_backpropagation.ipynb)``.
    """
    index = NAMES.index(name)
    parts = []
    if index > 0:
        previous, title = COURSE[index - 1]
        parts.append(f"[\u2190 {previous[:2]} {title}]({previous})")
    parts.append(f"[Contents]({CONTENTS})")
    if index + 1 < len(COURSE):
        following, title = COURSE[index + 1]
        parts.append(f"[{following[:2]} {title} \u2192]({following})")
    return f"{MARKER}\n" + " | ".join(parts)


def is_navigation(cell) -> bool:
    return cell.cell_type == "markdown" and bool(_MARKER.search(cell.source))


def apply(nb, name: str) -> bool:
    """Put the navigation line first and last in ``nb`` (in place); True if anything changed."""
    line = navigation_line(name)
    before = [(c.cell_type, c.source, c.get("id")) for c in nb.cells]
    old = [c for c in nb.cells if is_navigation(c)]
    body = [c for c in nb.cells if not is_navigation(c)]

    def cell_for(cell_id: str, previous):
        if previous is not None:  # keep its id and metadata: only the text changes
            previous.source = line
            return previous
        cell = nbformat.v4.new_markdown_cell(line)
        cell["id"] = cell_id
        return cell

    top = next((c for c in old if c.get("id") == TOP_ID), old[0] if old else None)
    rest = [c for c in old if c is not top]
    bottom = next((c for c in rest if c.get("id") == BOTTOM_ID), rest[-1] if rest else None)
    nb.cells = [cell_for(TOP_ID, top), *body, cell_for(BOTTOM_ID, bottom)]
    after = [(c.cell_type, c.source, c.get("id")) for c in nb.cells]
    return before != after


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if a navigation line is missing or stale",
    )
    args = parser.parse_args(argv)

    present = [NOTEBOOKS / name for name in NAMES if (NOTEBOOKS / name).is_file()]
    others = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb") if p.name not in NAMES)
    if others:
        print(
            f"navigation: not in the course list, left alone: {', '.join(others)}", file=sys.stderr
        )
    stale = []
    for path in present:
        nb = nbformat.read(path, as_version=4)
        if not apply(nb, path.name):
            continue
        stale.append(path)
        if not args.check:
            nbformat.write(nb, path)
            print(f"{path.relative_to(ROOT)}: navigation updated")
    if args.check and stale:
        print(
            "navigation: stale in "
            + ", ".join(p.name for p in stale)
            + "; run python scripts/navigation.py",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
