"""Break a panel on purpose, see red: the checks of test_notebooks.py run
against dummy notebooks (tests/browser/dummy_notebooks.py) in which one thing
is broken, and must report exactly that.

To see the real suite itself go red, point it at a folder holding a broken
notebook:  NBTOOLS_NOTEBOOK_DIR=/tmp/broken make test-browser
(`python tests/browser/dummy_notebooks.py /tmp/broken` writes such a folder).
"""

import dummy_notebooks
import harness
import pytest
from conftest import lab_root  # noqa: F401  (the dummies live in lab_root/_selftest)

EXPECTED = {
    # kind: a phrase that must appear in the problems (None: no problem at all)
    "healthy": None,
    "frozen": "did not respond",
    "failing": "shows an error: RuntimeError",
    "erroring": "raised ZeroDivisionError",
    "missing": "2 panels rendered, the stored notebook has 3",
}


def test_every_dummy_kind_is_checked():
    assert set(EXPECTED) == set(dummy_notebooks.KINDS)


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_harness_catches(lab, lab_root, kind, record_report):  # noqa: F811
    path = lab_root / "_selftest" / f"dummy_{kind}.ipynb"
    stored = harness.StoredNotebook.read(path)
    harness.open_notebook(lab, f"_selftest/{path.name}")
    report = harness.check_open_notebook(lab, stored, lab.log, timeout=3.0)
    record_report(report)
    problems = "\n".join(report.problems)
    if EXPECTED[kind] is None:
        assert report.problems == [], problems
        assert report.rendered_panels == 2
    else:
        # the broken thing is reported first
        assert report.problems and EXPECTED[kind] in report.problems[0], (
            f"expected {EXPECTED[kind]!r} first among:\n{problems}")
        if kind != "erroring":   # where Run All stops, later cells not running is reported too
            assert len(report.problems) == 1, problems
