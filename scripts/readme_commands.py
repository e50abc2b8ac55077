"""Run the README's make-free macOS/Linux commands exactly as printed.

The README marks each block that CI runs with the line MARKER just above its
fence. This script copies the repository (the files git tracks, and the new
ones it does not ignore) to a temporary folder, puts a ``python3`` that runs
the chosen interpreter first on PATH, and runs the marked blocks there with
bash, in order, stopping at the first failing line. The copy (with the
``.venv`` the README's lines create) is removed afterwards, so the run cannot
touch the checkout's own ``.venv``.

    python3 scripts/readme_commands.py --python /path/to/python3.10
    python3 scripts/readme_commands.py --print      # only show the lines
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = "<!-- CI runs the next block as printed (scripts/readme_commands.py) -->"
_BLOCK = re.compile(re.escape(MARKER) + r"\n```bash\n(.*?)\n```", re.S)


def blocks(readme: str) -> list[str]:
    """The bash blocks of ``readme`` marked with MARKER, in order."""
    found = _BLOCK.findall(readme)
    if len(found) != readme.count(MARKER):
        raise ValueError(f"every {MARKER!r} must stand right above a ```bash fence")
    return found


def copy_repository(to: Path) -> None:
    """Copy the files git lists (tracked, and untracked but not ignored) to ``to``."""
    names = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, names):
        source = ROOT / name
        if source.is_file():            # a tracked file deleted in the work tree is skipped
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, to / name)


def run(python: str) -> int:
    """Run the marked blocks in a copy of the repository with ``python3`` = ``python``."""
    script = "\n".join(blocks((ROOT / "README.md").read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory(prefix="readme-commands-") as tmp:
        repo, bin_dir = Path(tmp) / "repo", Path(tmp) / "bin"
        repo.mkdir()
        bin_dir.mkdir()
        copy_repository(repo)
        wrapper = bin_dir / "python3"
        wrapper.write_text(f'#!/bin/sh\nexec "{python}" "$@"\n')
        wrapper.chmod(0o755)
        env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
        subprocess.run(["python3", "--version"], env=env, check=True)
        print(f"README commands in {repo}:\n{script}", flush=True)
        done = subprocess.run(["bash", "-e", "-u", "-o", "pipefail", "-x", "-c", script],
                              cwd=repo, env=env)
        if done.returncode == 0:
            subprocess.run([str(repo / ".venv/bin/python"), str(ROOT / "scripts/versions.py"),
                            "README commands tested"], check=True)
        return done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--python", help="interpreter the README's python3 stands for")
    group.add_argument("--print", action="store_true", help="print the lines, run nothing")
    args = parser.parse_args(argv)
    if args.print:
        print("\n".join(blocks((ROOT / "README.md").read_text(encoding="utf-8"))))
        return 0
    if shutil.which(args.python) is None:
        parser.error(f"--python must name an interpreter; got {args.python!r}, not found")
    return run(shutil.which(args.python))


if __name__ == "__main__":
    sys.exit(main())
