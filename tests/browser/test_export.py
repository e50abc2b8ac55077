"""Static exports (scripts/export.sh) work with no network.

Notebooks are exported to HTML and reveal.js slides into a temp folder; each
page is opened over file:// with every request to another host blocked, and
must show its stored widget views (one ``.nbtools-panel`` per stored panel
output whose widget state is saved) and its math, with reveal.js running in
the slides, and without a console error.

Which notebooks: the first one with a panel and the last one (opening a page
with hundreds of formulas and the 3.6 MB widget manager costs seconds on two
cores); NBTOOLS_EXPORT_ALL=1 checks every notebook. `make export` exports all.
"""

import os
import subprocess
import sys

import harness
import pytest
from conftest import REPO, course_notebooks

sys.path.insert(0, str(REPO / "scripts"))
import assignment  # noqa: E402  (what notebook 08's answers look like)


def _chosen() -> list:
    every = course_notebooks()
    if os.environ.get("NBTOOLS_EXPORT_ALL") == "1" or len(every) <= 2:
        return every
    with_panel = [p for p in every if harness.StoredNotebook.read(p).panels()]
    return sorted(set(with_panel[:1] + every[-1:]))


NOTEBOOKS = _chosen()


@pytest.fixture(scope="session")
def exported(tmp_path_factory, assets):
    """scripts/export.sh run once over every notebook (or the executed healthy
    dummy, while notebooks/ is empty)."""
    notebooks = NOTEBOOKS
    if not notebooks:
        import dummy_notebooks

        notebooks = dummy_notebooks.write(tmp_path_factory.mktemp("nb"), ("healthy",), execute=True)
    out = tmp_path_factory.mktemp("export")
    env = dict(os.environ, OUT=str(out), PY=sys.executable)
    result = subprocess.run(["bash", str(REPO / "scripts" / "export.sh"), *map(str, notebooks)],
                            env=env, capture_output=True, text=True, timeout=600)
    print(result.stdout[-3000:], result.stderr[-3000:])
    assert result.returncode == 0, result.stderr[-3000:]
    return out, {p.stem: p for p in notebooks}


def _panels(stored: harness.StoredNotebook) -> int:
    """Panel outputs with a static picture (what the export shows instead of the panel)."""
    return sum(1 for cell in stored.nb.cells if cell.cell_type == "code"
               for out in cell.get("outputs", []) if "nbtools" in out.get("metadata", {})
               and "image/png" in out["data"])


def _has_math(stored: harness.StoredNotebook) -> bool:
    return any(c.cell_type == "markdown" and "$" in c.source for c in stored.nb.cells)


@pytest.mark.parametrize("kind", ["html", "slides"])
@pytest.mark.parametrize("name", [p.stem for p in NOTEBOOKS] or ["dummy_healthy"])
def test_export_offline(browser, exported, name, kind):
    out, sources = exported
    stored = harness.StoredNotebook.read(sources[name])
    page_file = out / (f"{name}.html" if kind == "html" else f"{name}.slides.html")
    assert page_file.exists(), f"export.sh wrote no {page_file.name}"
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log = harness.PageLog().attach(page, block_external=True)
    try:
        page.goto(page_file.as_uri())
        if kind == "slides":
            page.wait_for_selector(".reveal.ready", timeout=30_000)
            n = page.locator(".reveal .slides section").count()
            assert n >= 2, f"reveal.js shows {n} section(s)"
            before = page.evaluate("() => location.hash")
            page.keyboard.press("ArrowRight")
            page.wait_for_function("h => location.hash !== h", arg=before, timeout=5_000)
        panels = _panels(stored)
        # a panel without a kernel cannot redraw: its static picture, a note saying
        # so, and no control that would move while the picture stays
        page.wait_for_timeout(1000)   # any widget manager would have rendered by now
        assert page.locator(".nbtools-panel, .widget-slider").count() == 0, (
            "live-looking panel controls in the export")
        notes = page.locator(".nbtools-static-note")
        assert notes.count() == panels, f"{notes.count()} static-picture notes for {panels} panels"
        if panels and kind == "html":
            assert notes.first.is_visible() and "JupyterLab" in notes.first.inner_text()
        if _has_math(stored):
            page.wait_for_selector(".MathJax_CHTML, .mjx-chtml", state="attached", timeout=30_000)
        page.wait_for_timeout(300)
        assert not log.blocked, "requests to other hosts:\n" + "\n".join(log.blocked)
        assert not log.errors(), "console errors:\n" + "\n".join(log.errors())
    finally:
        context.close()


def test_no_exported_page_holds_an_answer(exported):
    """Issue 28: the exports carry notebook 08 as handed out, never its solutions or otter's markup."""
    out, _ = exported
    pages = sorted(out.glob("*.html"))
    assert pages
    for page in pages:
        found = assignment.answers_in(page.read_text(encoding="utf-8"), page.name, html=True)
        assert not found, f"{page.name}: {found}"
