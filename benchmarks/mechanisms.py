"""What each speed mechanism buys, in the browser: the keypress -> picture
latency of every panel (tests/browser/test_notebooks.py::test_latency) with
all mechanisms on, then with each switched off in turn (``nbtools.speedups``),
back to back, and a table of the medians.

    .venv/bin/python benchmarks/mechanisms.py [--only glyph_cache,...] [--loaded]
        [--rounds 2] [--out build/mechanisms.json] [--add-to earlier.json]

Each configuration runs the browser test in a new JupyterLab (``pytest``, about
3 minutes idle). ``--rounds 2`` runs the whole set twice, interleaved, and
takes each row's median over the rounds' medians, so that a drift of the
machine's speed does not read as the cost of one mechanism. The table gives,
per panel and slider, the median with everything on and the change with each
mechanism off (positive: slower without it), and in its last column with
nothing off, measured again after all the others (the noise of the method);
a last table says which mechanisms cost some row more than 10 ms
(``--threshold``) when switched off, that is which pay.
Run it on a quiet machine, and never beside another browser timing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from nbtools.speedups import MECHANISMS  # noqa: E402  (the checkout's nbtools)

ALL_ON = "all on"
AGAIN = "all on again"   # last: its column shows the noise of one run


def measure(without: str, loaded: bool) -> list[dict]:
    """The latency rows of one browser run with ``without`` switched off."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "latency.json"
        env = {**os.environ, "NBTOOLS_WITHOUT": without, "NBTOOLS_LATENCY_JSON": str(out),
               "NBTOOLS_LATENCY_LOADS": "idle,1 core busy" if loaded else "idle",
               "NBTOOLS_SCREENSHOTS": "0"}
        env.pop("MPLBACKEND", None)
        cmd = [sys.executable, "-m", "pytest", "tests/browser/test_notebooks.py",
               "-k", "test_latency", "-q", "-p", "no:cacheprovider"]
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode or not out.exists():
            sys.exit(f"the browser test failed with {without or 'nothing'} off:\n"
                     + done.stdout[-3000:] + done.stderr[-2000:])
        return json.loads(out.read_text())


def row_key(r: dict) -> tuple:
    return r["notebook"], r["panel"], r["slider"], r["load"]


def medians(runs: list[list[dict]]) -> dict:
    """Per row, the median over the runs of each run's median."""
    found: dict = {}
    for rows in runs:
        for r in rows:
            if r["times"]:
                found.setdefault(row_key(r), []).append(statistics.median(r["times"]))
    return {k: statistics.median(v) for k, v in found.items()}


def table(results: dict, threshold: float) -> list[str]:
    base = results[ALL_ON]
    names = [n for n in results if n != ALL_ON]
    lines = ["| notebook | panel | slider | load | all on | "
             + " | ".join(n if n == AGAIN else f"no {n}" for n in names) + " |",
             "|" + "---|" * (5 + len(names))]
    worst = dict.fromkeys(names, float("-inf"))
    for key, ms in sorted(base.items()):
        cells = []
        for n in names:
            off = results[n].get(key)
            if off is None:
                cells.append("–")
                continue
            worst[n] = max(worst[n], off - ms)
            cells.append(f"{off - ms:+.0f}")
        lines.append("| " + " | ".join(key) + f" | {ms:.0f} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| mechanism | largest cost of its removal (ms, median) | pays |")
    lines.append("|---|---|---|")
    for n in names:
        pays = "(the noise of one run)" if n == AGAIN else "yes" if worst[n] > threshold else "no"
        lines.append(f"| {n} | {worst[n]:+.0f} | {pays} |")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(MECHANISMS),
                        help="comma-separated mechanisms to switch off, one at a time")
    parser.add_argument("--loaded", action="store_true", help="also with one core busy")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--threshold", type=float, default=10.0)
    parser.add_argument("--out", default=str(ROOT / "build" / "mechanisms.json"))
    parser.add_argument("--add-to", metavar="JSON",
                        help="the raw figures of an earlier run: this run's rounds are added to them")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = sorted(set(names) - MECHANISMS.keys())
    if unknown:
        parser.error(f"--only: {unknown} are not mechanisms; choose from {list(MECHANISMS)}")
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1; got {args.rounds}")
    runs: dict = {n: [] for n in [ALL_ON, *names, AGAIN]}
    earlier = json.loads(Path(args.add_to).read_text()) if args.add_to else {}
    for round_ in range(args.rounds):
        for n in runs:
            print(f"round {round_ + 1}: {n}{'' if n in (ALL_ON, AGAIN) else ' off'}", flush=True)
            runs[n].append(measure("" if n in (ALL_ON, AGAIN) else n, args.loaded))
    for n, rounds in earlier.items():
        runs[n] = rounds + runs.get(n, [])
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(runs, indent=1))
    print(f"raw figures: {args.out}")
    print("\n".join(table({n: medians(r) for n, r in runs.items()}, args.threshold)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
