"""Helpers for the browser tests: servers started and stopped by PID, Chromium
options, and the JupyterLab page actions (open, Run All, wait, check panels).

Everything here is plain functions over a Playwright ``Page`` so that the
checks can be run against the real notebooks and against the deliberately
broken dummy notebooks (see dummy_notebooks.py and test_harness_selftest.py).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1280, "height": 900}

PANEL = ".nbtools-panel"
FIGURE_IMG = ".nbtools-figure img, img.nbtools-figure"
READOUT = ".nbtools-readout"
ERROR_BOX = ".nbtools-error"


# --------------------------------------------------------------------------- servers

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def isolated_env(home: Path) -> dict:
    """Environment for a server that writes nothing outside ``home``."""
    env = dict(os.environ)
    for name, sub in [("HOME", ""), ("JUPYTER_CONFIG_DIR", "jupyter_config"),
                      ("JUPYTER_DATA_DIR", "jupyter_data"),
                      ("JUPYTER_RUNTIME_DIR", "jupyter_runtime"),
                      ("IPYTHONDIR", "ipython"), ("MPLCONFIGDIR", "mpl")]:
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env.pop("MPLBACKEND", None)   # kernels use the inline backend only when it is unset
    env.pop("JUPYTER_TOKEN", None)
    return env


def write_lab_settings(settings_dir: Path) -> None:
    """User settings for the test server: no news/update toast, and every cell kept
    in the DOM (windowingMode "none") so panels below the fold can be counted."""
    settings = {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
            {"fetchNews": "false", "checkForUpdates": False},
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
            {"windowingMode": "none"},
    }
    for rel, value in settings.items():
        path = settings_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM it when the test process dies, however it
    dies (even SIGKILL), so that no server outlives an interrupted test run."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


@dataclass
class Server:
    """A server process started in its own process group and stopped by its PID."""

    cmd: list
    env: dict
    url: str          # base URL, e.g. http://127.0.0.1:PORT/
    probe: str        # a URL that answers 200 once the server is up
    log: Path
    proc: subprocess.Popen | None = None
    token: str = ""
    extra: dict = field(default_factory=dict)

    def start(self, timeout: float = 60) -> "Server":
        self._log = open(self.log, "wb")
        self.proc = subprocess.Popen(self.cmd, env=self.env, stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                with urllib.request.urlopen(self.probe, timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.2)
        self.stop()
        raise TimeoutError(f"server not up after {timeout} s:\n{self.tail()}")

    def stop(self) -> None:
        """SIGTERM to the server's PID (it shuts its kernels down); after 10 s,
        SIGKILL to its process group (the group id is the server's PID)."""
        if self.proc is None:
            return
        pid = self.proc.pid
        if self.proc.poll() is None:
            os.kill(pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(pid, signal.SIGKILL)   # leftover kernels of this server only
        except (ProcessLookupError, PermissionError):
            pass
        if self.proc.poll() is None:
            self.proc.wait(5)
        self._log.close()
        self.proc = None

    def tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


def start_lab(root_dir: Path, home: Path, python: str) -> Server:
    env = isolated_env(home)
    settings = home / "lab_user_settings"
    write_lab_settings(settings)
    # no "build is up to date?" check on every page load (it costs seconds of CPU)
    labconfig = Path(env["JUPYTER_CONFIG_DIR"]) / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    (labconfig / "page_config.json").write_text(
        json.dumps({"buildCheck": False, "buildAvailable": False}))
    port, token = free_port(), secrets.token_hex(16)
    cmd = [python, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip", "127.0.0.1",
           "--port", str(port), f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root_dir}", f"--LabApp.user_settings_dir={settings}",
           f"--LabApp.workspaces_dir={home / 'lab_workspaces'}",
           "--ServerApp.open_browser=False", "--LabApp.expose_app_in_browser=True",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    url = f"http://127.0.0.1:{port}/"
    server = Server(cmd=cmd, env=env, url=url, probe=f"{url}api/status?token={token}",
                    log=home / "jupyterlab.log", token=token)
    return server.start()


# --------------------------------------------------------------------------- page diagnostics

@dataclass
class PageLog:
    """Console errors, page errors and requests that left 127.0.0.1."""

    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    blocked: list = field(default_factory=list)

    def attach(self, page, block_external: bool = True) -> "PageLog":
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(
            f"{m.text} @ {m.location.get('url', '')}:{m.location.get('lineNumber', '')}"))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        if block_external:
            page.route("**/*", self._route)
        return self

    def _route(self, route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def errors(self, ignore=()) -> list:
        out = [e for e in self.console_errors + self.page_errors
               if not any(pat in e for pat in ignore)]
        return out


def is_local(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about", "chrome-extension"):
        return True
    return parts.hostname in ("127.0.0.1", "localhost", "::1")


# --------------------------------------------------------------------------- stored notebooks

@dataclass
class StoredNotebook:
    """What the committed .ipynb says: panels, tagged cells, code cells."""

    path: Path
    nb: object

    @classmethod
    def read(cls, path: Path) -> "StoredNotebook":
        import nbformat

        return cls(Path(path), nbformat.read(path, as_version=4))

    @property
    def name(self) -> str:
        return self.path.stem

    def panels(self) -> list:
        """Panel class names, one per stored output with metadata key ``nbtools``."""
        return [out.get("metadata", {})["nbtools"].get("panel", "?")
                for cell in self.nb.cells if cell.cell_type == "code"
                for out in cell.get("outputs", []) if "nbtools" in out.get("metadata", {})]

    def raises_cells(self) -> set:
        """Indices (in nb.cells) of the cells tagged ``raises-exception``."""
        return {i for i, c in enumerate(self.nb.cells)
                if "raises-exception" in c.metadata.get("tags", [])}


# --------------------------------------------------------------------------- JupyterLab page

# JS helpers evaluated in the page; `window.jupyterapp` exists because the
# server runs with --LabApp.expose_app_in_browser=True.
_JS_CURRENT = "const w = window.jupyterapp.shell.currentWidget;"

_JS_NOTEBOOK_READY = """(path) => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.context || w.context.path !== path || !w.sessionContext) return false;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && w.context.isReady;
}"""

_JS_RUN_STATE = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  const cells = [];
  const widgets = w.content.widgets;
  for (let i = 0; i < widgets.length; i++) {
    const m = widgets[i].model;
    if (m.type !== 'code') { cells.push(null); continue; }
    const outs = m.outputs.toJSON();
    const prompt = widgets[i].node.querySelector('.jp-InputPrompt');
    cells.push({
      index: i,
      empty: m.sharedModel.getSource().trim() === '',
      count: m.executionCount,
      prompt: prompt ? prompt.textContent.trim() : '',
      tags: m.getMetadata('tags') || [],
      errors: outs.filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue),
    });
  }
  return {kernel: k ? k.status : 'none', cells};
}"""


def run_state(page) -> dict:
    return page.evaluate(_JS_RUN_STATE)


def open_lab(page, server: Server, workspace: str = "browser-tests") -> None:
    """Load the JupyterLab app once (≈ 5 s); notebooks are then opened inside it."""
    page.goto(f"{server.url}lab/workspaces/{workspace}?reset&token={server.token}")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started !== undefined",
                           timeout=60_000)
    page.wait_for_selector("#jp-main-dock-panel", timeout=60_000)
    page.evaluate("() => window.jupyterapp.started")
    # the file browser is of no use here and narrows the notebook
    page.evaluate("""() => { const s = window.jupyterapp.shell;
        if (s.leftCollapsed === false) s.collapseLeft(); }""")


def open_notebook(page, path: str, timeout: float = 60_000) -> None:
    """Open a notebook (path relative to the server root) and wait for an idle kernel."""
    page.evaluate("""async (path) => {
        await window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'});
    }""", path)
    page.wait_for_function(_JS_NOTEBOOK_READY, arg=path, timeout=timeout)
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell", timeout=timeout)


def close_notebook(page) -> None:
    """Shut the kernel down and close the current notebook without saving."""
    page.evaluate("""async () => {
        const w = window.jupyterapp.shell.currentWidget;
        if (!w || !w.sessionContext) return;
        try { await w.sessionContext.shutdown(); } catch (e) {}
        w.context.model.dirty = false;
        w.dispose();
    }""")


def run_all(page, timeout: float = 120_000) -> dict:
    """Clear the stored outputs, then Run All from the Run menu, as a student
    would, and wait until the kernel is idle and every non-empty code cell has an
    execution count (or Run All stopped at an error). Returns the final run state."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.wait_for_function("""() => {
        const w = window.jupyterapp.shell.currentWidget;
        return Array.from(w.node.querySelectorAll('.jp-InputPrompt'))
            .some(p => p.textContent.includes('*') || /\\[\\d+\\]/.test(p.textContent));
    }""", timeout=timeout)   # Run All has started
    deadline = time.monotonic() + timeout / 1000
    stable = 0
    while time.monotonic() < deadline:
        state = run_state(page)
        code = [c for c in state["cells"] if c]
        busy = state["kernel"] != "idle" or any("*" in c["prompt"] for c in code)
        stopped = any(c["errors"] and "raises-exception" not in c["tags"] for c in code)
        done = all(c["count"] is not None for c in code if not c["empty"])
        stable = stable + 1 if (not busy and (done or stopped)) else 0
        if stable >= 3:       # idle in three polls, 0.15 s apart
            return state
        time.sleep(0.15)
    raise AssertionError(f"Run All did not finish within {timeout / 1000:.0f} s: {run_state(page)}")


def _panel_state(panel) -> dict:
    return panel.evaluate("""(p) => {
        const img = p.querySelector('.nbtools-figure img, img.nbtools-figure');
        const r = p.querySelector('.nbtools-readout');
        const e = p.querySelector('.nbtools-error');
        // a data: URI is long and every PNG ends alike: keep a hash of all of it
        let src = null;
        if (img) {
            let h = 2166136261;
            for (let i = 0; i < img.src.length; i++) {
                h ^= img.src.charCodeAt(i);
                h = Math.imul(h, 16777619);
            }
            src = img.src.length + ':' + (h >>> 0).toString(16);
        }
        // wall-clock figures (class nbtools-timing) differ from run to run: masked
        let readout = null;
        if (r) {
            const copy = r.cloneNode(true);
            copy.querySelectorAll('.nbtools-timing').forEach((n) => { n.textContent = '(time)'; });
            readout = copy.textContent;
        }
        return {src, readout,
                error: e ? e.innerText.trim() : null};
    }""")


def _changed(a: dict, b: dict) -> bool:
    return a["src"] != b["src"] or a["readout"] != b["readout"]


def _wait_change(panel, before: dict, timeout: float) -> dict | None:
    """The panel's new state once its figure or readout changed, or once its
    error box filled; None after ``timeout`` seconds of neither."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = _panel_state(panel)
        if _changed(before, now) or (now["error"] and not before["error"]):
            return now
        time.sleep(0.05)
    return None


def wait_settled(panel, quiet: float = 0.5, timeout: float = 5.0) -> dict:
    """The panel's state once it has not changed for ``quiet`` seconds (a burst of
    slider events redraws several times)."""
    state, since = _panel_state(panel), time.monotonic()
    deadline = since + timeout
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = _panel_state(panel)
        if now != state:
            state, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            break
    return state


def poke_panel(panel, timeout: float = 5.0) -> tuple[str, dict | None]:
    """Move one control of a panel with the keyboard (or click one, if the panel
    has no slider) and wait for its figure or readout to change.

    Returns (what was done, new state or None if nothing changed)."""
    before = _panel_state(panel)
    handles = panel.locator(".noUi-handle")
    if handles.count():
        handle = handles.first
        handle.scroll_into_view_if_needed()
        for key in ("ArrowRight", "ArrowLeft"):   # ArrowLeft if it sat at the maximum
            handle.focus()
            for _ in range(3):
                handle.press(key)
            after = _wait_change(panel, before, timeout if key == "ArrowRight" else timeout / 2)
            if after:
                return f"slider {key} x3", after
        return "slider ArrowRight/ArrowLeft x3", None
    select = panel.locator("select")
    if select.count():
        options = select.first.locator("option").all_text_contents()
        current = select.first.evaluate("s => s.options[s.selectedIndex].text")
        other = next(o for o in options if o != current)
        select.first.select_option(label=other)
        return f"dropdown -> {other}", _wait_change(panel, before, timeout)
    toggles = panel.locator(".widget-toggle-button:not(.mod-active)")
    if toggles.count():
        toggles.first.click()
        return "toggle button", _wait_change(panel, before, timeout)
    buttons = panel.locator("button.jupyter-button:not(.widget-toggle-button)")
    for i in range(buttons.count()):
        label = buttons.nth(i).inner_text().strip()
        if label != "Reset":
            buttons.nth(i).click()
            return f"button {label!r}", _wait_change(panel, before, timeout)
    return "no control found", None


def _first_difference(a: str, b: str, context: int = 40) -> str:
    """'…before…' -> '…after…' around the first character where a and b differ."""
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    lo = max(0, i - context)
    return f"{a[lo:i + context]!r} became {b[lo:i + context]!r}"


@dataclass
class NotebookReport:
    name: str
    seconds: float = 0.0
    expected_panels: int = 0
    rendered_panels: int = 0
    actions: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    phases: dict = field(default_factory=dict)
    initial: list = field(default_factory=list)   # each panel's state when first drawn


def check_open_notebook(page, stored: StoredNotebook, log: PageLog, screenshots: Path | None = None,
                        timeout: float = 5.0, state: dict | None = None) -> NotebookReport:
    """Run All in the open notebook (unless ``state``, the result of an earlier
    ``run_all``, is given) and check it as described in tests/browser/README.md.
    Problems are collected (not raised) so that one run reports all of them."""
    t0 = time.monotonic()
    report = NotebookReport(stored.name)
    if state is None:
        state = run_all(page)
        report.phases["run all"] = time.monotonic() - t0
    t_panels = time.monotonic()
    code = [c for c in state["cells"] if c]
    raised = [c for c in code if c["errors"] and "raises-exception" not in c["tags"]]
    for c in raised:
        report.problems.append(f"cell {c['index']} raised {c['errors'][0]} "
                               "(tag the cell raises-exception if that is meant)")
    unrun = [c["index"] for c in code if c["count"] is None and not c["empty"]]
    if unrun:
        report.problems.append(f"{len(unrun)} code cell(s) did not run: {unrun}"
                               + (" (Run All stopped at the error)" if raised else ""))

    expected = stored.panels()
    report.expected_panels = len(expected)
    panels = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea .nbtools-panel")
    # views render just after the kernel goes idle: wait for the expected count,
    # or for the count to stay put for 2 s
    deadline, last, since = time.monotonic() + 15, -1, time.monotonic()
    while time.monotonic() < deadline:
        n = panels.count()
        if n == len(expected):
            break
        if n != last:
            last, since = n, time.monotonic()
        elif time.monotonic() - since > 2:
            break
        time.sleep(0.1)
    report.rendered_panels = panels.count()
    if report.rendered_panels != len(expected) and not unrun:
        report.problems.append(f"{report.rendered_panels} panels rendered, the stored notebook "
                               f"has {len(expected)} ({', '.join(expected) or 'none'})")

    for i in range(report.rendered_panels):
        panel = panels.nth(i)
        name = expected[i] if i < len(expected) else f"panel {i}"
        initial = _panel_state(panel)
        report.initial.append(initial)
        if initial["src"] is None:
            report.problems.append(f"{name} #{i}: no .nbtools-figure image")
        action, after = poke_panel(panel, timeout)
        final = wait_settled(panel) if after else _panel_state(panel)
        report.actions.append(f"{name} #{i}: {action}: {'changed' if after else 'NO CHANGE'}")
        if final["error"]:
            report.problems.append(f"{name} #{i} shows an error: {final['error'][:300]}")
        elif after is None:
            report.problems.append(f"{name} #{i} did not respond: {action}, figure and "
                                   f"readout unchanged after {timeout:.0f} s")
        if after and not final["error"] and action.startswith("slider"):
            reset = panel.locator("button", has_text="Reset")
            if reset.count():
                reset.first.click()
                # a redraw follows the click; then the state settles
                _wait_change(panel, final, timeout)
                back = wait_settled(panel)
                if back["readout"] != initial["readout"]:
                    report.problems.append(
                        f"{name} #{i}: Reset did not bring back the readout shown when the "
                        "panel was first drawn: "
                        + _first_difference(initial["readout"], back["readout"]))

    report.phases["panels"] = time.monotonic() - t_panels
    if screenshots is not None:
        t1 = time.monotonic()
        save_screenshots(page, stored.name, screenshots)
        report.phases["screenshots"] = time.monotonic() - t1
    errors = log.errors()
    if errors:
        report.problems.append("browser console errors:\n  " + "\n  ".join(errors))
    if log.blocked:
        report.problems.append("requests to other hosts:\n  " + "\n  ".join(log.blocked))
    report.seconds = time.monotonic() - t0
    return report


# the element that scrolls the notebook (JupyterLab 4: the windowed panel's outer node)
_JS_SCROLLER = """() => {
    const n = window.jupyterapp.shell.currentWidget.content.node;
    const el = n.querySelector('.jp-WindowedPanel-outer') || n;
"""


def save_screenshots(page, name: str, folder: Path, max_height: int = 14000) -> None:
    """<name>.png: the whole notebook (the viewport is stretched to the height of
    the notebook, since JupyterLab scrolls inside the page); <name>.panel.png:
    the first panel's output area."""
    folder.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    inner = page.evaluate(_JS_SCROLLER + """
        return {scroll: el.scrollHeight, client: el.clientHeight};
    }""")
    height = min(max_height, size["height"] + inner["scroll"] - inner["client"] + 20)
    page.set_viewport_size({"width": size["width"], "height": height})
    try:
        page.evaluate(_JS_SCROLLER + "el.scrollTo(0, 0); }")
        page.wait_for_timeout(300)
        png = page.screenshot()
        # the panel while the stretched viewport holds it whole: a panel taller
        # than the window was shot under JupyterLab's tab bar, toolbar and status bar
        panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea .nbtools-panel")
        if panel.count():
            area = panel.first.locator(
                "xpath=ancestor::div[contains(@class,'jp-OutputArea-child')][1]")
            area.scroll_into_view_if_needed()
            area.screenshot(path=str(folder / f"{name}.panel.png"))
    finally:
        page.set_viewport_size(size)
    write_small_png(png, folder / f"{name}.png")


def write_small_png(png: bytes, path: Path) -> None:
    """A whole notebook is ~1280 x 10,000 px, ~2 MB as a true-colour PNG; these
    files are committed, so store a 256-colour version (~1/3 of the size,
    indistinguishable for text and plots)."""
    try:
        import io

        from PIL import Image
    except ImportError:
        path.write_bytes(png)
        return
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE,
                   dither=Image.Dither.NONE).save(path)


# --------------------------------------------------------------------------- accessibility

#: Serious/critical axe findings that come from upstream code we cannot change,
#: as (rule id, CSS selector the element matches or sits in, why). Everything
#: else fails. They are still printed on every run.
KNOWN_UPSTREAM = [
    ("aria-input-field-name", ".widget-slider .noUi-handle",
     "ipywidgets 8.1 builds its sliders with noUiSlider without handleAttributes: the "
     "role=slider handle gets no accessible name (the description label is not linked)"),
    ("button-name", ".widget-play button",
     "ipywidgets 8.1 Play widget: its play/pause/stop/repeat buttons are icon-only, "
     "with no title or aria-label"),
    ("image-alt", ".jp-RenderedImage",
     "JupyterLab 4 renders image/png outputs (static matplotlib figures) as <img> "
     "without an alt attribute (rendermime renderImage never sets one)"),
]


def run_axe(page, axe_js: Path, scope: str) -> list:
    """axe-core over the elements matching ``scope``; every violation node is
    marked ``upstream`` when it matches an entry of KNOWN_UPSTREAM."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_js))
    return page.evaluate("""async ([scope, known]) => {
        const r = await axe.run({include: [[scope]]},
                                {resultTypes: ['violations'], elementRef: true});
        return r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => {
                const el = n.element;
                const hit = known.find(([id, sel]) => id === v.id && el && el.closest(sel));
                return {target: n.target.join(' '), html: n.html.slice(0, 160),
                        summary: n.failureSummary, upstream: hit ? hit[2] : null};
            }),
        }));
    }""", [scope, KNOWN_UPSTREAM])


def keyboard_problems(page, panel, index: int) -> list:
    """Tab from the panel's first control must reach each of its sliders, and the
    arrow keys must move each one (ArrowLeft if ArrowRight is at the maximum)."""
    problems = []
    panel.scroll_into_view_if_needed()
    n = panel.evaluate("""p => {
        const hs = p.querySelectorAll('.noUi-handle');
        hs.forEach((h, k) => h.setAttribute('data-kbd-test', k));
        const first = p.querySelector(
            'select, button, input, textarea, [tabindex]:not([tabindex="-1"])');
        if (first) first.focus();
        return hs.length;
    }""")
    reached = set()
    for _ in range(4 * n + 20):
        k = page.evaluate("() => document.activeElement"
                          " && document.activeElement.getAttribute('data-kbd-test')")
        if k is not None:
            reached.add(int(k))
        if len(reached) == n:
            break
        page.keyboard.press("Tab")
    if len(reached) != n:
        problems.append(f"panel {index}: Tab reached sliders {sorted(reached)} of 0..{n - 1}")
    for k in range(n):
        handle = panel.locator(f'.noUi-handle[data-kbd-test="{k}"]')
        # aria-valuenow is rounded to one decimal: read the text and the readout too
        def value(handle=handle):
            return handle.evaluate("""h => [h.getAttribute('aria-valuetext'),
                (h.closest('.widget-slider').querySelector('.widget-readout') || {}).innerText]""")
        before = value()
        handle.focus()
        moved = False
        for key in ("ArrowRight", "ArrowLeft"):
            handle.press(key)
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline and value() == before:
                time.sleep(0.05)
            if value() != before:
                moved = True
                break
        if not moved:
            label = handle.evaluate(
                "h => (h.closest('.widget-slider') || h).innerText.replace(/\\n/g, ' ')")
            problems.append(f"panel {index}: slider {k} ({label}) did not move with the arrow keys")
    error = panel.evaluate(
        "p => ((p.querySelector('.nbtools-error') || {}).innerText || '').trim()")
    if error:
        problems.append(f"panel {index} shows an error after the keyboard moves: {error[:200]}")
    return problems
