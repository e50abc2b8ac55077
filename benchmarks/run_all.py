"""Run every benchmark, print the figures side by side and check the targets of
DESIGN.md. Exit status 1 if a target fails (0 with --no-fail).

    python benchmarks/run_all.py [--no-fail] [--quick] [--only gradient,surface,panels,training] [--full-box]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # timing, bench_*
sys.path.insert(1, str(HERE.parent))  # the nbtools of this checkout
os.environ.setdefault("MPLBACKEND", "Agg")  # panels render PNGs; no display needed

PARTS = ("gradient", "surface", "panels", "training")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even if a target fails")
    parser.add_argument(
        "--quick", action="store_true", help="fewer repeats (a rough look, not for the record)"
    )
    parser.add_argument(
        "--only", default=",".join(PARTS), help=f"comma-separated subset of {', '.join(PARTS)}"
    )
    parser.add_argument(
        "--full-box",
        action="store_true",
        help="run the algorithm box at N = 100,000 once (~2 s) instead of extrapolating",
    )
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"--only: unknown part(s) {unknown}; choose from {list(PARTS)}")

    import numpy as np
    from timing import Report, load_note

    import nbtools

    report = Report()
    report.line(
        f"nbtools benchmarks: Python {platform.python_version()}, numpy {np.__version__}, "
        f"nbtools {nbtools.__version__} from {Path(nbtools.__file__).parent}"
    )
    report.line(f"machine: {platform.machine()}, {load_note()}")
    start = time.perf_counter()
    if "gradient" in parts:
        import bench_gradient

        bench_gradient.run(report, quick=args.quick, full_box=args.full_box)
    if "surface" in parts:
        import bench_surface

        bench_surface.run(report, quick=args.quick)
    if "panels" in parts:
        import bench_panels

        bench_panels.run(report, quick=args.quick)
    if "training" in parts:
        import bench_training_panels

        bench_training_panels.run(report, quick=args.quick)
    report.line("")
    report.line(f"done in {time.perf_counter() - start:.0f} s; at the end: {load_note()}")
    report.summary()
    return 1 if report.failed and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
