"""Lecture mode: scripts/slides.sh (Voila + reveal.js) works with no network.

The page is opened with every request to a host other than 127.0.0.1 blocked
and recorded; the test steps through slides with the arrow keys, goes to the
first panel's slide, moves a slider with the mouse (in a lecture, arrow keys on
a focused slider would also change the slide) and waits for a new picture,
then presses ArrowRight on the focused slider: the picture changes, the slide
does not. ``test_no_slide_overflows`` steps through every slide of every
notebook and measures that its content (fragments included) fits the slide.
"""

import time

import harness
import pytest
from conftest import screenshot_dir

# the innermost slide on screen (a vertical stack's parent is .present too)
PRESENT = ".reveal .slides section.present:not(.stack)"


def _location(page) -> str:
    return page.evaluate("() => location.hash")


def _wait_hash_change(page, old: str, timeout: float = 5.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = _location(page)
        if now != old:
            return now
        time.sleep(0.05)
    return old


@pytest.mark.slow
def test_slides_offline_step_and_drag(browser, voila_server, deck_notebook):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log = harness.PageLog().attach(page, block_external=True)
    try:
        page.goto(voila_server.url, timeout=180_000)   # Voila runs the notebook first
        page.wait_for_selector(".reveal.ready", timeout=180_000)
        page.wait_for_selector("#rendered_cells", state="visible", timeout=60_000)
        n_slides = page.locator(".reveal .slides > section").count()
        assert n_slides >= 3, f"only {n_slides} horizontal slides: is the slide metadata set?"

        # step forward and back with the arrow keys
        page.locator(".reveal").click(position={"x": 5, "y": 5})
        seen = [_location(page)]
        steps = min(3, n_slides - 1)
        for _ in range(steps):
            page.keyboard.press("ArrowRight")
            seen.append(_wait_hash_change(page, seen[-1]))
        assert len(set(seen)) == steps + 1, f"ArrowRight did not move through the slides: {seen}"
        page.keyboard.press("ArrowLeft")
        assert _wait_hash_change(page, seen[-1]) == seen[-2]

        # go to the slide of the first panel (reveal's URL hash is #/h/v); its widget
        # view renders after the deck is ready, later still on a busy machine
        page.wait_for_selector(".reveal .slides .nbtools-panel", state="attached", timeout=120_000)
        hv = page.evaluate("""() => {
            const panel = document.querySelector('.reveal .slides .nbtools-panel');
            if (!panel) return null;
            let s = panel.closest('section');
            const top = s.parentElement.closest('section');
            const slides = Array.from(document.querySelectorAll('.reveal .slides > section'));
            if (top) {
                const sub = Array.from(top.children).filter(e => e.tagName === 'SECTION');
                return [slides.indexOf(top), sub.indexOf(s)];
            }
            return [slides.indexOf(s), 0];
        }""")
        assert hv is not None, "no .nbtools-panel rendered in the slides"
        page.evaluate("([h, v]) => { location.hash = `#/${h}/${v}`; }", hv)
        panel = page.locator(f"{PRESENT} .nbtools-panel").first
        panel.wait_for(state="visible", timeout=10_000)
        page.wait_for_timeout(800)      # the slide transition
        where = _location(page)

        before = harness._panel_state(panel)
        handle = panel.locator(".noUi-handle").first
        box = handle.bounding_box()
        track = panel.locator(".noUi-target").first.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        # drag towards the side of the track with more room
        dx = (track["x"] + track["width"] - x) * 0.6 if x < track["x"] + track["width"] / 2 \
            else -(x - track["x"]) * 0.6
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + dx, y, steps=8)
        page.mouse.up()
        after = harness._wait_change(panel, before, 10.0)
        assert after is not None, "dragging the slider did not change the picture or readout"
        after = harness.wait_settled(panel)
        assert not after["error"], after["error"]
        assert _location(page) == where, "the drag changed the slide"

        # an arrow key on the focused slider moves the slider, not the slides
        before = after
        handle.click()
        page.keyboard.press("ArrowRight")
        after = harness._wait_change(panel, before, 10.0)
        assert after is not None, "ArrowRight on the focused slider did not change the picture"
        page.wait_for_timeout(500)
        assert _location(page) == where, (
            f"ArrowRight on the focused slider changed the slide ({where} -> {_location(page)})")
        if screenshot_dir():
            page.screenshot(path=str(screenshot_dir() / "slides.png"))

        assert not log.blocked, "requests to other hosts:\n" + "\n".join(log.blocked)
        assert not log.errors(), "console errors:\n" + "\n".join(log.errors())
    finally:
        context.close()


# every leaf slide as reveal's (h, v) hash coordinates
_SLIDE_COORDS = """() => {
    const out = [];
    document.querySelectorAll('.reveal .slides > section').forEach((top, h) => {
        const subs = Array.from(top.children).filter(e => e.tagName === 'SECTION');
        (subs.length ? subs : [top]).forEach((s, v) => out.push([h, v]));
    });
    return out;
}"""

_MEASURE = """() => {
    const s = document.querySelector('.reveal .slides section.present:not(.stack)');
    const text = (s.innerText || '').trim().split('\\n')[0].slice(0, 60);
    return {content: s.scrollHeight, box: s.clientHeight, text: text};
}"""


@pytest.mark.slow
def test_no_slide_overflows(browser, voila_folder):
    """reveal.js cuts what does not fit its 1280 × 800 slide: every slide's content
    (hidden fragments take their place too) must fit the slide's box."""
    server, names = voila_folder
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    over, counted = [], 0
    try:
        for name in names:
            page = context.new_page()
            page.goto(f"{server.url}voila/render/{name}", timeout=180_000)
            page.wait_for_selector(".reveal.ready", timeout=180_000)
            page.wait_for_timeout(1000)        # MathJax typesets after reveal is ready
            for h, v in page.evaluate(_SLIDE_COORDS):
                page.evaluate(f"() => {{ location.hash = '#/{h}/{v}'; }}")
                page.wait_for_timeout(250)     # reveal.js lays the slide out (no transition)
                m = page.evaluate(_MEASURE)
                counted += 1
                if m["content"] > m["box"] + 1:
                    over.append(f"{name} slide {h}/{v} ({m['text']!r}): "
                                f"{m['content']} px of content in a {m['box']} px slide")
                    if screenshot_dir():
                        page.screenshot(path=str(screenshot_dir() / f"overflow-{name[:2]}-{h}-{v}.png"))
            page.close()
    finally:
        context.close()
    print(f"slides measured: {counted} in {len(names)} notebooks; overflowing: {len(over)}")
    assert counted > 0, "no slides found"
    assert not over, "slides that overflow (content is cut):\n" + "\n".join(over)
