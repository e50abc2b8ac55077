"""Re-execute notebooks in place, store their outputs and widget state, strip the noise.

Usage: python scripts/execute_notebooks.py [--timeout SECONDS] [NOTEBOOK ...]

With no notebook given, every notebooks/*.ipynb runs, in name order. Each one
runs through ``jupyter nbconvert --to notebook --execute --inplace`` (outputs
and widget state stored; 300 s per cell), under an outer timeout per notebook, since
``nbconvert --execute`` was once seen to hang with the kernel idle. Then
``nbstripout --keep-output --keep-count`` drops execution timestamps and other
churn from the executed ones but keeps outputs, execution counts (nbval needs
them), cell ids and the widget state.

Then scripts/navigation.py rewrites the navigation lines and
scripts/slide_metadata.py sets every cell's slide type.
Prints seconds per notebook; exits non-zero if any step fails.

notebooks/08_write_backprop.ipynb is the assignment as handed out, written by
``make student`` from its instructor source (assignment/source/) with these
same steps: run here, it stores the same outputs (its checks print hints). To
change it, edit the source and run ``make student``; the source's own outputs
are stored by ``python scripts/assignment.py execute``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAVIGATION = ROOT / "scripts" / "navigation.py"
SLIDES = ROOT / "scripts" / "slide_metadata.py"

CELL_TIMEOUT = 300  # seconds, nbconvert's per-cell limit

EXECUTE = [
    "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace",
    f"--ExecutePreprocessor.timeout={CELL_TIMEOUT}",
    "--ExecutePreprocessor.store_widget_state=True",
]  # fmt: skip
STRIP = [
    "-m", "nbstripout", "--keep-output", "--keep-count", "--keep-id",
    "--extra-keys", "cell.metadata.execution",
    # nbstripout drops the notebook's widget state by default: keep it, so
    # widgets render from the stored notebook (GitHub, nbviewer, exports).
    "--keep-metadata-keys", "metadata.widgets",
]  # fmt: skip


def kernel_env() -> dict[str, str]:
    """This environment without MPLBACKEND, so the kernel uses the inline backend.

    ipykernel picks matplotlib-inline only when MPLBACKEND is unset; an inherited
    MPLBACKEND=Agg would store notebooks without their figures.
    """
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    return env


def run(args: list[str], timeout: float | None = None) -> None:
    subprocess.run([sys.executable, *args], check=True, timeout=timeout, env=kernel_env())


def execute(notebook: Path, timeout: float) -> float:
    """Execute one notebook in place; return the seconds it took."""
    start = time.perf_counter()
    run([*EXECUTE, str(notebook)], timeout=timeout)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument(
        "--timeout", type=float, default=600, help="seconds per notebook (default: 600)"
    )
    args = parser.parse_args(argv)

    notebooks = args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not notebooks:
        print(f"no notebooks in {NOTEBOOKS.relative_to(ROOT)}/", file=sys.stderr)
        return 1
    missing = [str(nb) for nb in notebooks if nb.suffix != ".ipynb" or not nb.is_file()]
    if missing:
        print(f"not a notebook file: {', '.join(missing)}", file=sys.stderr)
        return 2

    failed = []
    for notebook in notebooks:
        try:
            seconds = execute(notebook, args.timeout)
        except subprocess.TimeoutExpired:
            print(f"{notebook}: TIMED OUT after {args.timeout:.0f} s", flush=True)
            failed.append(notebook)
        except subprocess.CalledProcessError as error:
            print(f"{notebook}: FAILED (exit {error.returncode})", flush=True)
            failed.append(notebook)
        else:
            print(f"{notebook}: {seconds:.1f} s", flush=True)

    executed = [str(nb) for nb in notebooks if nb not in failed]
    if executed:
        try:
            # One call for all (nbstripout takes ~2 s to start).
            run([*STRIP, *executed], timeout=300)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            print(f"nbstripout: FAILED ({error})", flush=True)
            return 1

    # Navigation lines and slide metadata are set by rule after every run.
    for script in (NAVIGATION, SLIDES):
        try:
            run([str(script)], timeout=120)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            print(f"{script.relative_to(ROOT)}: FAILED ({error})", flush=True)
            return 1

    if failed:
        print(f"{len(failed)} of {len(notebooks)} notebooks failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
