"""Fixtures for the real-browser tests (JupyterLab, Voila slides, static exports).

Chromium comes from Debian (`apt-get install chromium`), driven by Playwright for
Python; no browser is ever downloaded. Servers run on 127.0.0.1 with a random
token, in a throw-away HOME, and are stopped by PID at the end (or on failure).

Environment knobs:

- ``NBTOOLS_NOTEBOOK_DIR``: notebooks to test instead of ``notebooks/`` (e.g. a
  folder with a deliberately broken notebook, to see the suite go red);
- ``CHROMIUM``: browser executable (default /usr/bin/chromium);
- ``NBTOOLS_HEADED=1``: not headless (needs a display).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

REPO = harness.REPO
ASSETS = REPO / "build" / "assets"


def notebook_dir() -> Path:
    return Path(os.environ.get("NBTOOLS_NOTEBOOK_DIR", REPO / "notebooks")).resolve()


def course_notebooks() -> list[Path]:
    """The notebooks to test, found when the tests are collected."""
    return sorted(notebook_dir().glob("*.ipynb"))


def screenshot_dir() -> Path | None:
    """docs/screenshots for the course's notebooks, build/ for anything else;
    None (no screenshots, ~3 s saved per notebook) when NBTOOLS_SCREENSHOTS=0,
    which is the default under CI (CI=true): screenshots are refreshed by
    running the tests on a developer's machine and committing docs/screenshots."""
    default = "0" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "1"
    if os.environ.get("NBTOOLS_SCREENSHOTS", default) == "0":
        return None
    if notebook_dir() == (REPO / "notebooks").resolve():
        return REPO / "docs" / "screenshots"
    return REPO / "build" / "browser-screenshots"


# --------------------------------------------------------------------------- results

_REPORTS: list = []
_LATENCY: list = []
_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash.setdefault(_FAILED, False)
        if report.failed:
            item.stash[_FAILED] = True
    return report


def pytest_terminal_summary(terminalreporter):
    if _REPORTS:
        terminalreporter.section("browser: notebooks")
    for r in _REPORTS:
        terminalreporter.write_line(
            f"{r.name:32s} {r.seconds:5.1f} s  panels {r.rendered_panels}/{r.expected_panels}"
            f"  problems {len(r.problems)}  ("
            + ", ".join(f"{k} {v:.1f} s" for k, v in r.phases.items()) + ")")
    if _LATENCY:
        import latency

        terminalreporter.section("browser: keypress -> new picture (ms, measured in the page)")
        for line in latency.summary(_LATENCY):
            terminalreporter.write_line(line)
        if os.environ.get("NBTOOLS_LATENCY_JSON"):  # for benchmarks/mechanisms.py
            latency.save(_LATENCY, os.environ["NBTOOLS_LATENCY_JSON"])


@pytest.fixture(scope="session")
def record_report():
    return _REPORTS.append


@pytest.fixture(scope="session")
def record_latency():
    return _LATENCY.append


# --------------------------------------------------------------------------- assets, browser

@pytest.fixture(scope="session")
def assets() -> Path:
    """build/assets from the npm registry: scripts/fetch_assets.sh, which returns
    at once when build/assets matches package-lock.json."""
    subprocess.run(["bash", str(REPO / "scripts" / "fetch_assets.sh")], check=True, cwd=REPO)
    return ASSETS


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    if not Path(harness.CHROMIUM).exists():
        pytest.fail(f"{harness.CHROMIUM} not found: apt-get install -y --no-install-recommends "
                    "chromium fonts-dejavu-core (never `playwright install`)")
    b = playwright_instance.chromium.launch(
        executable_path=harness.CHROMIUM, args=harness.CHROMIUM_ARGS,
        headless=os.environ.get("NBTOOLS_HEADED") != "1")
    yield b
    b.close()


# --------------------------------------------------------------------------- JupyterLab

@pytest.fixture(scope="session")
def lab_root(tmp_path_factory) -> Path:
    """A temp copy of the notebooks (the page marks them modified), plus the
    dummy notebooks of the harness self-test in _selftest/."""
    import dummy_notebooks

    root = tmp_path_factory.mktemp("lab_root")
    src = notebook_dir()
    if src.is_dir():
        shutil.copytree(src, root, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    dummy_notebooks.write(root / "_selftest")
    return root


@pytest.fixture(scope="session")
def lab_server(lab_root, tmp_path_factory):
    server = harness.start_lab(lab_root, tmp_path_factory.mktemp("lab_home"), sys.executable)
    try:
        yield server
    finally:
        server.stop()


def new_lab_page(browser, server, workspace: str):
    """A page with the JupyterLab app loaded (≈ 5 s); notebooks are then opened
    in it one after the other, without reloading."""
    context = browser.new_context(viewport=harness.VIEWPORT)
    page = context.new_page()
    page.log = harness.PageLog().attach(page)
    harness.open_lab(page, server, workspace)
    return page


def reset_log(page) -> None:
    page.log.console_errors.clear()
    page.log.page_errors.clear()
    page.log.blocked.clear()


@pytest.fixture(scope="module")
def lab_page(request, browser, lab_server):
    """One JupyterLab page per test module (its own workspace)."""
    page = new_lab_page(browser, lab_server, request.module.__name__.replace("_", "-"))
    yield page
    page.context.close()


@pytest.fixture
def lab(request, lab_page, lab_server):
    """The module's JupyterLab page for a test that opens one notebook; the
    notebook is closed (kernel shut down) afterwards, and after a failure the app
    is reloaded so that the next test starts clean."""
    reset_log(lab_page)
    yield lab_page
    try:
        harness.close_notebook(lab_page)
    except Exception:
        request.node.stash[_FAILED] = True
    if request.node.stash.get(_FAILED, False):
        harness.open_lab(lab_page, lab_server, request.module.__name__.replace("_", "-"))


# --------------------------------------------------------------------------- notebook choice

def notebooks_with_panels() -> list[Path]:
    return [p for p in course_notebooks() if harness.StoredNotebook.read(p).panels()]


@pytest.fixture(scope="session")
def deck_notebook(tmp_path_factory) -> Path:
    """A temp copy of the notebooks with slide metadata applied (the copy is what
    Voila serves); returns the path of the notebook to present: the first one
    with a panel, or $NBTOOLS_DECK, or the healthy dummy if there is none yet."""
    import dummy_notebooks

    root = tmp_path_factory.mktemp("deck")
    if notebook_dir().is_dir():
        shutil.copytree(notebook_dir(), root, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    wanted = os.environ.get("NBTOOLS_DECK")
    candidates = [root / p.name for p in notebooks_with_panels()]
    if wanted:
        path = root / Path(wanted).name
    elif candidates:
        path = candidates[0]
    else:
        path = dummy_notebooks.write(root, kinds=("healthy",))[0]
    subprocess.run([sys.executable, str(REPO / "scripts" / "slide_metadata.py"), str(path)],
                   check=True, stdout=subprocess.DEVNULL)
    return path


@pytest.fixture(scope="session")
def voila_server(deck_notebook, assets, tmp_path_factory):
    """scripts/slides.sh serving the deck (Voila, reveal template, local assets)."""
    server = _start_slides(deck_notebook, tmp_path_factory.mktemp("voila_home"))
    try:
        yield server
    finally:
        server.stop()


def _start_slides(target: Path, home: Path, **extra_env) -> "harness.Server":
    """scripts/slides.sh on a notebook or a folder, on a free port, in a throw-away HOME."""
    env = harness.isolated_env(home)
    port = harness.free_port()
    env.update(PORT=str(port), NO_BROWSER="1",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
               PY=sys.executable, **extra_env)
    url = f"http://127.0.0.1:{port}/"
    server = harness.Server(cmd=["bash", str(REPO / "scripts" / "slides.sh"), str(target)],
                            env=env, url=url, probe=f"{url}voila/static/offline/jquery.min.js",
                            log=home / "voila.log")
    return server.start(timeout=120)


@pytest.fixture(scope="session")
def voila_folder(assets, tmp_path_factory):
    """scripts/slides.sh serving a folder: every course notebook as a deck, with
    its slide metadata applied, no slide transition (slides measure at once).
    Yields (server, names)."""
    root = tmp_path_factory.mktemp("decks")
    names = [p.name for p in course_notebooks()]
    for p in course_notebooks():
        shutil.copy(p, root / p.name)
    if names:
        subprocess.run([sys.executable, str(REPO / "scripts" / "slide_metadata.py"),
                        *[str(root / n) for n in names]], check=True, stdout=subprocess.DEVNULL)
    server = _start_slides(root, tmp_path_factory.mktemp("voila_folder_home"), TRANSITION="none")
    try:
        yield server, names
    finally:
        server.stop()


def pytest_collection_modifyitems(items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)
