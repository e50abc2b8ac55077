"""Every notebook, in a real browser: Run All, no errors, every panel responds,
no serious accessibility problem, every slider works from the keyboard.

For each notebooks/*.ipynb (found at collection time) the notebook is opened in
JupyterLab, its outputs cleared, and Run All chosen from the Run menu; once the
kernel is idle, three tests look at the result:

1. ``test_runs_and_panels_respond``: no cell raised (except those tagged
   ``raises-exception``) and every non-empty code cell ran; as many
   ``.nbtools-panel`` views rendered as the stored notebook has panel outputs
   (outputs with metadata key ``nbtools``); every panel answers the keyboard
   (ArrowRight on its first slider, or a dropdown/toggle/button when it has no
   slider): its figure or readout changes, its error box stays empty, and Reset
   brings the readout back; no console error; no request to another host.
   Screenshots go to docs/screenshots/ (<nb>.png, whole notebook; <nb>.panel.png,
   first panel).
2. ``test_axe_outputs``: axe-core over the output areas: no "serious" or
   "critical" violation, except the upstream ones listed in
   harness.KNOWN_UPSTREAM (printed all the same).
3. ``test_keyboard_sliders``: Tab reaches every slider of every panel, and the
   arrow keys move each one.
4. ``test_latency``: keypress → new picture in the browser: the first touch of
   each of the first three sliders of every panel (one keypress after a 1.2 s
   pause, at least four per panel, rows "…, 1st"), then 12 moves of the first slider, idle and with one
   core kept busy (``NBTOOLS_LATENCY_LOADS=idle``: idle only); the figures
   (median, 90th percentile) are printed in the terminal summary, with the
   slowest panel. Fails only if a keypress brought no new picture (figures are
   printed, not asserted: see latency.py).
5. ``test_key_repeat_and_reset``: ArrowRight held for 2 s (30 presses/s) on the
   first slider of every panel ends on the picture and readout that a slow
   ArrowLeft, ArrowRight to the same value gives; Reset then brings back exactly
   the first picture and readout of the panel.

Axe and keyboard run on every notebook (each kind of panel is then covered by
the first notebook that shows it) because the notebook has already run: they
cost about a second each.
"""

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import harness
import latency
import pytest
from conftest import course_notebooks, reset_log, screenshot_dir

NOTEBOOKS = course_notebooks()


@dataclass
class Run:
    page: object
    path: Path
    stored: harness.StoredNotebook
    state: dict
    seconds: float
    initial: list | None = None   # each panel's first state (set by the first test)


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def run(request, lab_page, lab_server):
    """The notebook opened and run once, for the three tests below."""
    import time

    path = request.param
    reset_log(lab_page)
    t0 = time.monotonic()
    harness.open_notebook(lab_page, path.name)
    state = harness.run_all(lab_page)
    yield Run(lab_page, path, harness.StoredNotebook.read(path), state, time.monotonic() - t0)
    try:
        harness.close_notebook(lab_page)
    except Exception:   # a broken page: start the next notebook on a fresh app
        harness.open_lab(lab_page, lab_server, "test-notebooks")


def test_runs_and_panels_respond(run, record_report):
    report = harness.check_open_notebook(run.page, run.stored, run.page.log,
                                         screenshots=screenshot_dir(), state=run.state)
    report.phases = {"open + run all": run.seconds, **report.phases}
    report.seconds += run.seconds
    run.initial = report.initial
    record_report(report)
    assert not report.problems, (
        f"{run.path.name}:\n- " + "\n- ".join(report.problems)
        + "\nactions:\n  " + "\n  ".join(report.actions))


def test_axe_outputs(run, assets):
    scope = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea"
    violations = harness.run_axe(run.page, assets / "axe.min.js", scope)
    failing = []
    for v in violations:
        upstream = [n for n in v["nodes"] if n["upstream"]]
        ours = [n for n in v["nodes"] if not n["upstream"]]
        print(f"{run.path.stem}: [{v['impact']}] {v['id']}: {v['help']}: "
              f"{len(ours)} node(s)" + (f", {len(upstream)} known upstream" if upstream else ""))
        if upstream:
            print(f"    upstream: {upstream[0]['upstream']}")
        if ours and v["impact"] in ("serious", "critical"):
            failing.append(f"[{v['impact']}] {v['id']}: {v['help']}\n" + "\n".join(
                f"    {n['html']}\n      {n['summary']}".replace("\n  ", "\n        ")
                for n in ours[:5]))
    assert not failing, f"{run.path.name}: serious/critical axe violations in the outputs:\n" \
        + "\n".join(failing)


def test_keyboard_sliders(run):
    panels = run.page.locator(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea .nbtools-panel")
    if not run.stored.panels():
        pytest.skip("no panel in this notebook")
    assert panels.count() > 0, "no panel rendered"
    problems = []
    for i in range(panels.count()):
        problems += harness.keyboard_problems(run.page, panels.nth(i), i)
    assert not problems, f"{run.path.name}:\n" + "\n".join(problems)


def _panels(run):
    if not run.stored.panels():
        pytest.skip("no panel in this notebook")
    panels = run.page.locator(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea .nbtools-panel")
    names = run.stored.panels()
    return [(names[i] if i < len(names) else f"panel {i}", panels.nth(i))
            for i in range(panels.count())]


FIRST_TOUCHES = 3   # sliders per panel whose first keypress is timed
#: NBTOOLS_LATENCY_LOADS=idle measures only the idle machine (benchmarks/mechanisms.py)
LOADS = [load.strip() for load in
         os.environ.get("NBTOOLS_LATENCY_LOADS", "idle,1 core busy").split(",")]


def test_latency(run, record_latency):
    missed = []
    assert set(LOADS) <= {"idle", "1 core busy"}, f"NBTOOLS_LATENCY_LOADS: unknown load in {LOADS}"
    for load in LOADS:
        for i, (name, panel) in enumerate(_panels(run)):
            handles = panel.locator(".noUi-handle")
            if not handles.count():
                continue
            touched = [handles.nth(k) for k in range(min(FIRST_TOUCHES, handles.count()))]
            label = f"{name} #{i}"
            timings = [
                (latency.first_touches, touched,
                 latency.Latency(run.path.stem, label, f"{len(touched)} sliders", f"{load}, 1st")),
                (latency.measure_panel, handles.first,
                 latency.Latency(run.path.stem, label, latency.slider_label(handles.first), load)),
            ]
            for measure, where, result in timings:
                with latency.Busy() if load != "idle" else contextlib.nullcontext():
                    measure(run.page, panel, where, result)
                record_latency(result)
                print(result.line())
                if result.missed:
                    missed.append(result.line())
    assert not missed, "keypresses that brought no new picture within 3 s:\n" + "\n".join(missed)


def test_key_repeat_and_reset(run):
    problems = []
    for i, (name, panel) in enumerate(_panels(run)):
        handles = panel.locator(".noUi-handle")
        if not handles.count():
            continue
        handle = handles.first
        handle.scroll_into_view_if_needed()
        latency.hold_key(run.page, handle, "ArrowRight", seconds=2.0)
        held = harness.wait_settled(panel, quiet=1.0, timeout=15)
        value = handle.get_attribute("aria-valuenow")
        for key in ("ArrowLeft", "ArrowRight"):
            handle.focus()
            before = harness._panel_state(panel)
            handle.press(key)
            harness._wait_change(panel, before, 5)
            slow = harness.wait_settled(panel, quiet=0.5, timeout=10)
        if handle.get_attribute("aria-valuenow") != value:
            problems.append(f"{name} #{i}: slider at {handle.get_attribute('aria-valuenow')} "
                            f"after ArrowLeft, ArrowRight from {value}")
        elif held != slow:
            problems.append(f"{name} #{i}: after holding ArrowRight the panel showed "
                            f"{held}, but {slow} for the same value reached slowly")
        reset = panel.locator("button", has_text="Reset")
        if reset.count() and run.initial and i < len(run.initial):
            before = harness._panel_state(panel)
            reset.first.click()
            harness._wait_change(panel, before, 5)
            back = harness.wait_settled(panel, quiet=0.5, timeout=10)
            first = run.initial[i]
            if back["src"] != first["src"] or back["readout"] != first["readout"]:
                problems.append(f"{name} #{i}: Reset did not bring back the first picture "
                                f"and readout: {first} became {back}")
    assert not problems, f"{run.path.name}:\n" + "\n".join(problems)


_JS_SIZES = """(panels) => panels.map((p) => {
    const img = p.querySelector('.nbtools-figure img, img.nbtools-figure');
    if (!img) return null;
    const scale = img.clientWidth / img.naturalWidth;
    return {natural: img.naturalWidth, shown: img.clientWidth, scale,
            text: Number(img.dataset.minTextPx) * scale};
})"""


def _sizes(page):
    panels = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea .nbtools-panel")
    return panels.evaluate_all(_JS_SIZES)


def _settle_layout(page):
    page.wait_for_timeout(600)   # the shell animates and lays out again


def test_legibility(run):
    """No text in a panel under 11 CSS px on a laptop (1366 x 768, file browser
    open), and panels that grow in Presentation Mode on a projector (1920 x 1080).
    The kernel tells the smallest label in pixels of the picture (data-min-text-px);
    the page tells how much the picture is scaled."""
    names = run.stored.panels()
    if not names:
        pytest.skip("no panel in this notebook")
    page, problems = run.page, []
    size = page.viewport_size
    try:
        page.set_viewport_size({"width": 1366, "height": 768})
        page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:activate')")
        _settle_layout(page)
        laptop = _sizes(page)
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-presentation-mode')")
        _settle_layout(page)
        projector = _sizes(page)
    finally:
        if page.evaluate("() => window.jupyterapp.shell.presentationMode"):
            page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-presentation-mode')")
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        page.set_viewport_size(size)
    for i, (small, big) in enumerate(zip(laptop, projector)):
        name = names[i] if i < len(names) else f"panel {i}"
        if small is None:
            problems.append(f"{name} #{i}: no picture")
            continue
        print(f"{run.path.stem:24s} {name:22s} laptop {small['shown']:4d}/{small['natural']} px, "
              f"smallest text {small['text']:.1f} px; presentation {big['shown']:4d} px "
              f"({big['scale']:.2f}x)")
        if small["text"] < 11:
            problems.append(f"{name} #{i}: smallest text {small['text']:.1f} CSS px at 1366 x 768 "
                            f"with the file browser open (picture {small['shown']} of "
                            f"{small['natural']} px)")
        if big["scale"] < 1.2:
            problems.append(f"{name} #{i}: in Presentation Mode at 1920 x 1080 the picture is "
                            f"{big['shown']} px, {big['scale']:.2f} times its own width")
    assert not problems, f"{run.path.name}:\n" + "\n".join(problems)
