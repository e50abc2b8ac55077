"""Nothing left behind: close() frees a panel, a panel nobody refers to is
freed by itself, and re-running a cell that shows a panel frees the one it
showed before (20 re-runs add at most 10 MB)."""

import gc
import json
import os
import subprocess
import sys
import textwrap
import weakref

import ipywidgets as widgets
import pytest

from nbtools.panels import BatchComparisonPanel, ForwardPanel, GradientCheckPanel
from nbtools.panels import display as panel_display
from nbtools.panels.closing import held_widgets


def built(make):
    """(panel, every widget constructed while it was built), recorded by
    ipywidgets' public construction callback: what close() must close."""
    made = []
    widgets.Widget.on_widget_constructed(made.append)
    try:
        panel = make()
    finally:
        widgets.Widget.on_widget_constructed(None)
    return panel, made


def test_close_closes_every_widget_and_drops_the_figure():
    panel, made = built(ForwardPanel)
    assert len(made) > 40 and all(w.comm is not None for w in made)
    panel.close()
    assert panel.closed
    assert all(w.comm is None for w in made)  # closed: out of ipywidgets' registry
    for name in ("fig", "background", "controls", "widget", "_png"):
        assert not hasattr(panel, name), name
    assert panel.shown["h"] == pytest.approx(-0.6658, abs=5e-5)  # what it showed stays
    panel.close()  # twice is fine
    with pytest.raises(RuntimeError, match=r"cannot update it: this ForwardPanel is closed.*ForwardPanel\(\.\.\.\)"):
        panel.update(x=1.0)
    with pytest.raises(RuntimeError, match="cannot show it"):
        panel.show()


def test_close_leaves_other_panels_alone():
    first, (second, made) = ForwardPanel(), built(ForwardPanel)
    first.close()
    assert second.update(w1_01=0.5)["W"][1][0, 0] == 0.5
    assert all(w.comm is not None for w in made)


def test_close_closes_the_controls_too():
    panel, made = built(GradientCheckPanel)
    controls = [w for w in made if any(w is c for c in panel.controls.values())]
    assert len(controls) == len(panel.controls) == 2  # the weight Dropdown and the h slider
    panel.close()
    assert all(w.comm is None for w in made)


@pytest.mark.parametrize("make", [ForwardPanel, lambda: BatchComparisonPanel(N=40, frames=1)],
                         ids=["forward", "batch comparison"])
def test_a_panel_nobody_refers_to_is_freed_with_its_widgets(make):
    panel, made = built(make)
    figure = weakref.ref(panel.fig)
    collected = weakref.ref(panel)
    del panel
    gc.collect()
    assert collected() is None  # no observer or callback kept it
    assert all(w.comm is None for w in made)  # the finalizer closed them
    # A module-level tick formatter (figures._axes.PLAIN_LOG) holds the last axis
    # it labelled: the figure goes once another panel has used it.
    make().close()
    gc.collect()
    assert figure() is None


@pytest.fixture
def shell():
    """An IPython shell running cells with ids, as JupyterLab runs them."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_cell("import nbtools as nb")

    def run(source, cell_id):
        result = shell.run_cell(source, cell_id=cell_id)
        result.raise_error()
        return shell.user_ns

    yield run
    panel_display._by_cell.clear()
    InteractiveShell.clear_instance()


def test_rerunning_a_cell_closes_the_panel_it_showed(shell, capsys):
    cell = "panel = nb.panels.ForwardPanel(); panel.show()"
    first = shell(cell, "cell-a")["panel"]
    second = shell(cell, "cell-a")["panel"]
    assert first.closed and not second.closed
    assert all(w.comm is not None for w in held_widgets(second))
    shell("other = nb.panels.ForwardPanel(); other.show()", "cell-b")
    assert not second.closed  # another cell's panel is not this cell's


def test_a_panel_only_displayed_lives_until_its_cell_runs_again(shell, capsys):
    shell("nb.panels.ForwardPanel().show()", "cell-c")
    (shown,) = panel_display._by_cell["cell-c"][1]
    alive = weakref.ref(shown)
    del shown
    gc.collect()
    assert alive() is not None and not alive().closed  # on screen: kept
    shell("nb.panels.ForwardPanel().show()", "cell-c")
    assert alive() is None or alive().closed
    gc.collect()
    assert alive() is None


def test_a_panel_shown_by_two_cells_is_closed_when_neither_shows_it(shell, capsys):
    panel = shell("panel = nb.panels.ForwardPanel(); panel.show()", "cell-d")["panel"]
    shell("panel.show()", "cell-e")
    shell("panel.show()", "cell-e")  # the same panel again: not closed
    assert not panel.closed
    shell("panel = nb.panels.ForwardPanel(); panel.show()", "cell-d")
    assert not panel.closed  # cell-e still shows it
    shell("nb.panels.ForwardPanel().show()", "cell-e")
    assert panel.closed


RERUNS = textwrap.dedent("""
    import gc, json, os, threading
    from IPython.core.interactiveshell import InteractiveShell

    def rss_mb():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    shell = InteractiveShell.instance()
    shell.run_cell("import nbtools as nb")

    def rerun():
        shell.run_cell({cell!r}, cell_id="the-cell").raise_error()
        gc.collect()

    for _ in range(3):  # caches and allocator warmed up
        rerun()
    start = rss_mb()
    for _ in range(20):
        rerun()
    print(json.dumps({{"growth": rss_mb() - start, "threads": threading.active_count()}}))
""")


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="RSS read from /proc")
@pytest.mark.parametrize("cell", [
    "panel = nb.panels.ForwardPanel()\npanel.show()",
    "panel = nb.panels.BatchComparisonPanel(N=100, frames=2)\npanel.show()",
], ids=["forward", "batch comparison"])
def test_twenty_reruns_of_a_panel_cell_add_at_most_10_mb(cell):
    script = RERUNS.format(cell=cell)
    env = {**os.environ, "MPLBACKEND": "Agg"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env=env, timeout=600, check=True).stdout
    measured = json.loads(out.strip().splitlines()[-1])
    assert measured["growth"] <= 10.0, measured
    assert measured["threads"] <= 6, measured  # no thread left per re-run
