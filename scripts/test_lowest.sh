#!/usr/bin/env bash
# The lowest supported versions, tested: a throw-away venv with this package
# installed non-editable and its dependencies at the lowest versions
# pyproject.toml allows (uv's lowest-direct resolution: every package
# pyproject.toml names at its lower bound, what those pull in at the newest
# versions that fit), then the unit tests and every notebook under nbval, as
# make test runs them. The venv is removed afterwards.
#
# Lowest for the runtime dependencies and the lab extra (numpy, matplotlib,
# ipywidgets, jupyterlab: what a student's or a hub's environment may bring)
# and for the test extra as well (pytest, nbval, hypothesis, ...: its bounds
# are promises too, and old test tools cost nothing here), all but
# otter-grader: every otter-grader >= 6.0 needs ipywidgets >= 8.1.5, so it
# cannot stand beside ipywidgets 8.0. It is the instructor's tool for notebook
# 08's versions, not part of the course a student runs; the tests that run it
# (tests/test_assignment_versions.py) are left out here and run in make test.
#
#   PYTHON   interpreter for the venv (default python3)
#   NBVAL    the nbval flags (make test-lowest passes the Makefile's NBVAL)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
NBVAL=${NBVAL:---nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg \
--nbval-cell-timeout=120 -q -p no:cacheprovider}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
venv=$tmp/venv
py=$venv/bin/python
echo "lowest-versions venv in $tmp"
"$PYTHON" -m venv "$venv"
"$py" -m pip install --quiet --disable-pip-version-check uv

# The test extra less otter-grader, and the build backend's requirements
# (tomllib before Python 3.11: pip's own copy).
"$py" - "$tmp" <<'PY'
import sys
try:
    import tomllib
except ModuleNotFoundError:
    from pip._vendor import tomli as tomllib
pyproject = tomllib.load(open("pyproject.toml", "rb"))
extra = pyproject["project"]["optional-dependencies"]["test"]
with open(f"{sys.argv[1]}/test.txt", "w") as out:
    print("\n".join(r for r in extra if not r.startswith("otter-grader")), file=out)
with open(f"{sys.argv[1]}/build.in", "w") as out:
    print("\n".join(pyproject["build-system"]["requires"]), file=out)
PY
# uv builds with the newest setuptools whatever the resolution: pin the build
# backend to the lowest release build-system.requires allows (PEP 639's
# license fields need setuptools >= 77), so that is tested too.
"$venv/bin/uv" pip compile --quiet --python "$py" --resolution lowest --no-header \
  "$tmp/build.in" -o "$tmp/build.txt"
echo "build backend: $(grep -v '^ *#' "$tmp/build.txt" | tr '\n' ' ')"
"$venv/bin/uv" pip install --quiet --python "$py" --resolution lowest-direct \
  --build-constraints "$tmp/build.txt" ".[lab]" --requirement "$tmp/test.txt"

"$py" scripts/versions.py lowest tested
where=$(cd "$tmp" && "$py" -c 'import nbtools; print(nbtools.__file__)')
case "$where" in
  "$venv"/*) echo "nbtools from $where" ;;
  *) echo "error: nbtools imported from $where, not the throw-away venv"; exit 1 ;;
esac

# The unit tests as make test-unit runs them, less the otter ones (see above).
# -P keeps the current directory off sys.path, so the repository's nbtools/
# cannot shadow the installed one (pytest puts tests/ there, not the root).
# --disable-warnings: matplotlib 3.7 calls pyparsing names that today's
# pyparsing deprecates, thousands of times.
MPLBACKEND=Agg "$py" -P -m pytest tests --ignore=tests/browser \
  --ignore=tests/test_assignment_versions.py -q -p no:cacheprovider --disable-warnings
# Every notebook under nbval as make test-notebooks runs it.
# shellcheck disable=SC2086  # NBVAL is a list of flags
env -u MPLBACKEND timeout 900 "$py" -P -m pytest $NBVAL notebooks
