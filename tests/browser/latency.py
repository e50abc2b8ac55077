"""Keypress → new picture latency of the panels, measured inside the page.

What a student feels: from the moment a key goes down on a panel's slider to
the moment the panel's new picture is in the DOM and decoded (ready to be
painted). The clock is the page's own ``performance.now()``: a key listener in
the capture phase stamps the key event, a MutationObserver sees the figure's
``<img>`` change (a new element, or a new ``src``), and ``img.decode()``
resolves when the browser can paint it. Playwright's own round trips are not
in the figure.

``measure_panel`` moves one slider ``moves`` times, one keypress at a time, and
waits for each picture before the next key (so every figure is one full
keypress → kernel → browser trip); ``first_touches`` times the first keypress
on each of several sliders after a pause (the slider's first touch); ``hold_key`` presses a key at auto-repeat
rate, as when a student holds it down, to check that the last picture is the
one for the final value. ``Busy`` keeps one core busy while a block runs.
"""

from __future__ import annotations

import dataclasses
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

_JS_INSTALL = """(panel) => {
  if (panel.__latency) { panel.__latency.times = []; return; }
  const st = {t0: null, pending: false, times: [], waiters: []};
  // next(count, ms): resolves true once more than `count` times are recorded,
  // false after `ms`; one call per keypress, so the page is not polled while it works
  st.next = (count, ms) => new Promise((resolve) => {
    if (st.times.length > count) { resolve(true); return; }
    const timer = setTimeout(() => { st.waiters = st.waiters.filter((w) => w !== done);
                                     resolve(false); }, ms);
    const done = () => { clearTimeout(timer); resolve(true); };
    st.waiters.push(done);
  });
  panel.__latency = st;
  panel.addEventListener('keydown', (e) => {
    if (e.key.startsWith('Arrow')) { st.t0 = performance.now(); st.pending = true; }
  }, true);
  const isFigure = (n) => n.nodeType === 1 && (n.matches('.nbtools-figure img, img.nbtools-figure')
      || !!n.querySelector('.nbtools-figure img, img.nbtools-figure'));
  new MutationObserver(async (records) => {
    if (!st.pending) return;
    const hit = records.some((r) => (r.type === 'attributes' && isFigure(r.target))
        || (r.type === 'childList' && Array.from(r.addedNodes).some(isFigure)));
    if (!hit) return;
    const t0 = st.t0;
    st.pending = false;
    const img = panel.querySelector('.nbtools-figure img, img.nbtools-figure');
    try { await img.decode(); } catch (e) { /* an image replaced again before decoding */ }
    st.times.push(performance.now() - t0);
    const waiters = st.waiters; st.waiters = []; waiters.forEach((w) => w());
  }).observe(panel, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
}"""


@dataclass
class Latency:
    """Figures for one panel's slider under one load condition (milliseconds)."""

    notebook: str
    panel: str
    slider: str
    load: str
    times: list = field(default_factory=list)
    missed: int = 0     # keypresses after which no new picture came within the timeout

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def p90(self) -> float:
        if len(self.times) < 2:
            return self.median
        return statistics.quantiles(self.times, n=10, method="inclusive")[-1]

    def line(self) -> str:
        return (f"{self.notebook:24s} {self.panel:26s} {self.slider:14s} {self.load:11s} "
                f"median {self.median:6.1f} ms  p90 {self.p90:6.1f} ms  n={len(self.times)}"
                + (f"  MISSED {self.missed}" if self.missed else ""))


def slider_label(handle) -> str:
    return handle.evaluate("""h => {
        const s = h.closest('.widget-slider');
        const d = s && s.querySelector('.widget-label');
        return d ? d.innerText.trim() : '?';
    }""")


def _at_end(handle, key: str) -> bool:
    return handle.evaluate("""(h, key) => {
        const now = Number(h.getAttribute('aria-valuenow'));
        const end = Number(h.getAttribute(key === 'ArrowRight' ? 'aria-valuemax' : 'aria-valuemin'));
        return Math.abs(now - end) < 1e-9;
    }""", key)


def measure_panel(page, panel, handle, result: Latency, moves: int = 12,
                  timeout: float = 3.0, gap: float = 0.15) -> Latency:
    """``moves`` single keypresses on ``handle``, each timed to its new picture.

    Moves right, and back left from the maximum. ``gap`` seconds of quiet after
    each picture lets a redraw that follows the picture finish before the next key.
    """
    panel.evaluate(_JS_INSTALL)
    handle.scroll_into_view_if_needed()
    handle.focus()
    key = "ArrowLeft" if _at_end(handle, "ArrowRight") else "ArrowRight"
    for _ in range(moves):
        if _at_end(handle, key):
            key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        count = panel.evaluate("p => p.__latency.times.length")
        handle.press(key)
        # one call that waits inside the page (polling from here would run a
        # script on the page's main thread every few ms, slowing what is timed)
        if not panel.evaluate("(p, [n, ms]) => p.__latency.next(n, ms)", [count, timeout * 1e3]):
            result.missed += 1
            panel.evaluate("p => { p.__latency.pending = false; }")
        time.sleep(gap)
    result.times = list(panel.evaluate("p => p.__latency.times"))
    return result


def first_touches(page, panel, handles: list, result: Latency, rest: float = 1.2,
                  timeout: float = 3.0, at_least: int = 4) -> Latency:
    """The first keypress after ``rest`` seconds of quiet (a student's pause,
    in which nothing is drawn) on each of ``handles`` in
    turn, at least ``at_least`` of them, each timed to its new picture: what a
    student meets when touching a slider."""
    panel.evaluate(_JS_INSTALL)
    rounds = -(-at_least // len(handles))
    for handle in handles * rounds:
        handle.scroll_into_view_if_needed()
        time.sleep(rest)
        key = "ArrowLeft" if _at_end(handle, "ArrowRight") else "ArrowRight"
        count = panel.evaluate("p => p.__latency.times.length")
        handle.focus()
        handle.press(key)
        if not panel.evaluate("(p, [n, ms]) => p.__latency.next(n, ms)", [count, timeout * 1e3]):
            result.missed += 1
            panel.evaluate("p => { p.__latency.pending = false; }")
    result.times = list(panel.evaluate("p => p.__latency.times"))
    return result


def hold_key(page, handle, key: str = "ArrowRight", seconds: float = 2.0, rate: float = 30.0) -> int:
    """Press ``key`` on ``handle`` at ``rate`` per second for ``seconds`` (a held key
    auto-repeats at ~30 Hz); returns the number of presses."""
    handle.focus()
    n, gap = int(seconds * rate), 1.0 / rate
    t0 = time.monotonic()
    for i in range(n):
        page.keyboard.press(key)
        time.sleep(max(0.0, t0 + (i + 1) * gap - time.monotonic()))
    return n


class Busy:
    """A process keeping one core busy (a pure-Python loop) while the block runs."""

    def __enter__(self) -> "Busy":
        self.proc = subprocess.Popen([sys.executable, "-c", "while True: pass"],
                                     stdin=subprocess.DEVNULL)
        time.sleep(0.3)
        return self

    def __exit__(self, *exc) -> None:
        self.proc.kill()
        self.proc.wait(5)


def save(results: list, path: str) -> None:
    """Every result as JSON (a list of objects with the fields of ``Latency``)."""
    Path(path).write_text(json.dumps([dataclasses.asdict(r) for r in results], indent=1))


def summary(results: list) -> list:
    """Lines for the terminal: every panel and load, then the slowest per load."""
    lines = [r.line() for r in results]
    for load in sorted({r.load for r in results}):
        rows = [r for r in results if r.load == load and r.times]
        if rows:
            worst = max(rows, key=lambda r: r.median)
            worst90 = max(rows, key=lambda r: r.p90)
            lines.append(f"slowest ({load}): {worst.notebook} {worst.panel} median "
                         f"{worst.median:.1f} ms; highest p90: {worst90.notebook} {worst90.panel} "
                         f"{worst90.p90:.1f} ms; {sum(r.missed for r in rows)} missed picture(s)")
    return lines
