#!/usr/bin/env python3
"""The notebooks the published builds take: the JupyterLite site (make lite,
scripts/build_lite.py) and the static exports (make export, scripts/export.sh).

    python scripts/published.py      # their paths, one a line

Every notebook in ``notebooks/``: the course, 00 to 09, with 08 as handed out
(the student version scripts/assignment.py writes there). The instructor
source of 08 lives in ``assignment/source/`` and is never among them;
tests/test_published.py checks that none of these holds a solution line or
otter's markup.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def notebooks() -> list[Path]:
    """The published notebooks, in name order."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


if __name__ == "__main__":
    for path in notebooks():
        print(path)
