"""Where the course runs without a clone: Colab, JupyterHub, JupyterLite, VS Code, Voila.

- every notebook's first code cell installs the package where it is missing,
  under the distribution name pyproject.toml declares (not "nbtools": that
  PyPI name is an unrelated project with the same import name);
- the install line does nothing where the package is importable (here, and
  under nbval);
- panels are made of core ipywidgets only (no custom widget model), which is
  what Colab, VS Code and Voila render.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

import nbtools.panels as panels

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

DIST = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"]
CORE_MODULES = {"@jupyter-widgets/controls", "@jupyter-widgets/base", "@jupyter-widgets/output"}


def first_code(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return next(c.source for c in notebook.cells if c.cell_type == "code")


def test_the_distribution_is_not_named_like_the_unrelated_pypi_nbtools():
    assert re.sub(r"[-_.]+", "-", DIST).lower() != "nbtools"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_first_code_cell_installs_the_package_where_it_is_missing(path):
    source = first_code(path)
    lines = source.splitlines()
    guard = 'if importlib.util.find_spec("nbtools") is None:'
    assert guard in lines, source[:300]
    after = lines[lines.index(guard) + 1]
    assert after.strip() == f"%pip install --quiet {DIST}", after
    assert source.index(guard) < source.index("import nbtools")   # before the first use


def test_the_install_line_is_a_no_op_where_the_package_is_installed():
    import importlib.util

    assert importlib.util.find_spec("nbtools") is not None


def widget_tree(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widget_tree(child)


BASES = {"Panel", "TrainingPanel"}
PANELS = [getattr(panels, name) for name in panels.__all__ if name.endswith("Panel")
          and name not in BASES]


@pytest.mark.parametrize("make", PANELS, ids=[p.__name__ for p in PANELS])
def test_panels_are_core_ipywidgets_only(make):
    kwargs = {"N": 40, "frames": 2} if make.__name__ in ("BatchComparisonPanel",
                                                           "PlaygroundPanel") else {}
    panel = make(**kwargs)
    modules = {w._model_module for w in widget_tree(panel.widget)}
    views = {w._view_module for w in widget_tree(panel.widget)}
    assert modules <= CORE_MODULES and views <= CORE_MODULES, (modules, views)
