"""Lines of nbtools by kind, at one or more git revisions (the before/after table
of benchmarks/README.md).

    python benchmarks/line_counts.py afd8325 HEAD

Every module gets one kind, by the rules below (first match wins):
speed machinery (exists only to make pictures or gradients come sooner),
drawing (figures and the panels built on them), glue (argument checks, the
panel base, display, closing, package plumbing), teaching logic (the rest:
what the notes compute, the exercises and the assignment's checks).
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys

KINDS = [
    ("speed machinery", [
        "nbtools/batch_kernels.py", "nbtools/few_points.py", "nbtools/surface_tiles.py",
        "nbtools/speedups.py", "nbtools/panels/ahead*.py", "nbtools/panels/idle_threads.py",
        "nbtools/panels/prefetch.py", "nbtools/panels/training_ahead.py",
        "nbtools/panels/rendering.py", "nbtools/panels/helpers.py", "nbtools/figures/background.py",
        "nbtools/figures/drawing.py", "nbtools/figures/png.py",
    ]),
    ("glue", [
        "nbtools/__init__.py", "nbtools/*/__init__.py", "nbtools/_checks.py", "nbtools/data_checks.py",
        "nbtools/threads.py", "nbtools/layers.py", "nbtools/train_result.py",
        "nbtools/panels/base.py", "nbtools/panels/controls.py", "nbtools/panels/display.py",
        "nbtools/panels/closing.py", "nbtools/panels/lifecycle.py", "nbtools/panels/picture.py",
        "nbtools/figures/style.py", "nbtools/figures/legibility.py", "nbtools/figures/_axes.py",
    ]),
    ("drawing", ["nbtools/figures/*.py", "nbtools/panels/*.py"]),
    ("teaching logic", ["nbtools/*.py", "nbtools/*/*.py"]),
]


def kind_of(path: str) -> str:
    return next(kind for kind, patterns in KINDS if any(fnmatch.fnmatch(path, p) for p in patterns))


def counts(revision: str) -> dict:
    files = subprocess.run(["git", "ls-tree", "-r", "--name-only", revision, "nbtools"],
                           capture_output=True, text=True, check=True).stdout.split()
    found = {kind: 0 for kind, _ in KINDS}
    for path in files:
        if path.endswith(".py"):
            text = subprocess.run(["git", "show", f"{revision}:{path}"], capture_output=True,
                                  text=True, check=True).stdout
            found[kind_of(path)] += len(text.splitlines())
    return found


def main(revisions: list[str]) -> None:
    table = {r: counts(r) for r in revisions}
    print("| kind | " + " | ".join(revisions) + " |")
    print("|---|" + "---:|" * len(revisions))
    for kind, _ in KINDS:
        print(f"| {kind} | " + " | ".join(f"{table[r][kind]:,}" for r in revisions) + " |")
    print("| **total** | " + " | ".join(f"**{sum(table[r].values()):,}**" for r in revisions) + " |")


if __name__ == "__main__":
    main(sys.argv[1:] or ["HEAD"])
