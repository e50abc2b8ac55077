# Backprop, step by step: run the notebooks, test them, present them.
#   make lab        JupyterLab on the start notebook (builds .venv on first use)
#   make test       library unit tests, then every notebook under nbval
#   make help       every target

PYTHON ?= python3
VENV ?= .venv
PY = $(VENV)/bin/python
STAMP = $(VENV)/.installed
NB ?= notebooks/02_forward_propagation.ipynb
NOTEBOOKS ?=

# Notebook tests compare stored outputs with fresh ones (strict nbval).
NBVAL = --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg \
	--nbval-cell-timeout=120 -q -p no:cacheprovider
# ipykernel uses the inline backend only when MPLBACKEND is unset: with Agg
# inherited, kernels would store and compare notebooks without their figures.
KERNEL_ENV = env -u MPLBACKEND
ALLOW_ROOT = $(if $(filter 0,$(shell id -u)),--allow-root)
LAB_OVERRIDES = $(VENV)/share/jupyter/lab/settings/overrides.json

.PHONY: help install lab test test-unit test-notebooks test-browser execute bench \
	assets slides export fresh-check clean distclean student lite test-lowest

help:
	@echo "make lab            JupyterLab, opening notebooks/00_start_here.ipynb"
	@echo "make test           unit tests, then all notebooks under nbval"
	@echo "make test-browser   real-browser tests (headless Chromium)"
	@echo "make execute        re-run notebooks and store outputs [NOTEBOOKS='a.ipynb b.ipynb']"
	@echo "make bench          speed figures"
	@echo "make assets         fetch the offline copies of the web assets"
	@echo "make slides         present a notebook as slides [NB=$(NB)]"
	@echo "make export         static HTML exports"
	@echo "make fresh-check    unit tests and notebooks from a new venv, non-editable install"
	@echo "make test-lowest    unit tests and notebooks on the lowest versions pyproject.toml allows"
	@echo "make student        notebook 08 as handed out -> notebooks/, grading zip -> assignment/autograder/"
	@echo "make lite           the course as a static JupyterLite site -> build/lite/ [PYODIDE=full-release]"
	@echo "make clean          remove build leftovers and caches (distclean: the venv too)"

# The venv: rebuilt when pyproject.toml changes. Editable install, so library
# edits need no reinstall.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { \
	  echo "error: '$(PYTHON)' not found; this course needs Python >= 3.10." \
	    "Run: make PYTHON=/path/to/python3"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { \
	  echo "error: this course needs Python >= 3.10; '$(PYTHON)' is" \
	    "$$($(PYTHON) --version 2>&1). Run: make PYTHON=/path/to/python3.10-or-newer"; \
	  exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[lab,test,browser]"
	@# JupyterLab's news toast covers the lower right of the page: switch it off.
	mkdir -p $(dir $(LAB_OVERRIDES))
	printf '%s\n' '{"@jupyterlab/apputils-extension:notification":' \
	  '  {"fetchNews": "false", "checkForUpdates": false}}' > $(LAB_OVERRIDES)
	touch $@

install: $(STAMP)

lab: $(STAMP)
	$(KERNEL_ENV) $(VENV)/bin/jupyter lab --ServerApp.root_dir=. $(ALLOW_ROOT) \
	  notebooks/00_start_here.ipynb

test: test-unit test-notebooks

test-unit: $(STAMP)
	MPLBACKEND=Agg $(PY) -m pytest tests --ignore=tests/browser -q

# Skipped (with a note) while notebooks/ holds no notebook yet.
test-notebooks: $(STAMP)
	@if ls notebooks/*.ipynb >/dev/null 2>&1; then \
	  echo "$(KERNEL_ENV) timeout 900 $(PY) -m pytest $(NBVAL) notebooks"; \
	  $(KERNEL_ENV) timeout 900 $(PY) -m pytest $(NBVAL) notebooks; \
	else \
	  echo "no notebooks/*.ipynb yet: notebook tests skipped"; \
	fi

test-browser: $(STAMP)
	$(KERNEL_ENV) $(PY) -m pytest tests/browser -q

execute: $(STAMP)
	$(PY) scripts/execute_notebooks.py $(NOTEBOOKS)

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

assets:
	bash scripts/fetch_assets.sh

slides: $(STAMP)
	bash scripts/slides.sh $(NB)

export: $(STAMP)
	bash scripts/export.sh

# A new venv with only what pyproject.toml lists, this package installed
# non-editable (catches undeclared dependencies and package data left out of
# the wheel), then the unit tests and every notebook under nbval from it
# (-P: the repository's nbtools/ must not shadow the installed one). Removed
# afterwards. CI runs it with PYTHON = the newest Python it tests.
fresh-check:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	echo "fresh venv in $$tmp"; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --upgrade pip; \
	"$$tmp/venv/bin/python" -m pip install --quiet ".[lab,test]"; \
	"$$tmp/venv/bin/python" scripts/versions.py fresh-check tested; \
	where=$$(cd "$$tmp" && "$$tmp/venv/bin/python" -c 'import nbtools; print(nbtools.__file__)'); \
	case "$$where" in "$$tmp"/venv/*) echo "nbtools from $$where";; \
	  *) echo "error: nbtools imported from $$where, not the fresh venv"; exit 1;; esac; \
	MPLBACKEND=Agg "$$tmp/venv/bin/python" -P -m pytest tests --ignore=tests/browser -q \
	  -p no:cacheprovider; \
	if ls notebooks/*.ipynb >/dev/null 2>&1; then \
	  $(KERNEL_ENV) timeout 900 "$$tmp/venv/bin/python" -m pytest $(NBVAL) notebooks; \
	else \
	  echo "no notebooks/*.ipynb yet: nothing to check"; \
	fi

# Build leftovers and caches; distclean also removes the venv.
clean:
	rm -rf build dist *.egg-info .pytest_cache .hypothesis
	find . -path ./.git -prune -o -path ./$(VENV) -prune -o \
	  -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)

# The assignment (notebook 08): otter assign builds, from the instructor source
# assignment/source/08_write_backprop.ipynb, the student version (solutions
# removed, checks kept), executed as handed out, into
# notebooks/08_write_backprop.ipynb (committed) and the grading zip into
# assignment/autograder/ (grade with otter run, see README).
student: $(STAMP)
	$(KERNEL_ENV) $(PY) scripts/assignment.py student

# The whole course in a browser tab: a static JupyterLite site in build/lite/
# (serve it from any static host). Pyodide's compiled packages (numpy,
# matplotlib) load from Pyodide's release host unless PYODIDE names a local
# full Pyodide release (folder or .tar.bz2) to bundle. The JupyterLite tools
# live in a venv of their own (build/lite-venv): their JupyterLab extension
# must not load in the course's JupyterLab and Voila.
PYODIDE ?=
LITE_OUT ?= build/lite
LITE_VENV = build/lite-venv
LITE_STAMP = $(LITE_VENV)/.installed

$(LITE_STAMP): pyproject.toml
	$(PYTHON) -m venv $(LITE_VENV)
	$(LITE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LITE_VENV)/bin/python -m pip install --quiet ".[lite]"
	touch $@

lite: $(LITE_STAMP)
	$(LITE_VENV)/bin/python scripts/build_lite.py --out "$(LITE_OUT)" \
	  $(if $(PYODIDE),--pyodide "$(PYODIDE)")

# The lowest versions pyproject.toml allows, proven: a throw-away venv resolved
# with uv's lowest-direct resolution, this package non-editable, then the unit
# tests and every notebook under nbval (with the flags above). Removed afterwards.
test-lowest:
	PYTHON=$(PYTHON) NBVAL="$(NBVAL)" bash scripts/test_lowest.sh
