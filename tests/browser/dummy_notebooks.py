"""Stand-in notebooks with a fake panel that follows the nbtools panel conventions.

They use plain ipywidgets + matplotlib (not nbtools), so the browser harness can
be checked on its own: ``healthy`` must pass every check, and each broken kind
must fail the check that is meant to catch it ("break one on purpose, see red").

Conventions reproduced (see tests/browser/README.md):

- root ``VBox`` with DOM class ``nbtools-panel``; inside it an ``HTML`` with
  class ``nbtools-figure`` holding an ``<img>`` (its src changes on every
  redraw; an ``Image`` widget with that class works too), an ``HTML`` with
  class ``nbtools-readout``, an ``HTML`` with class ``nbtools-error`` and the
  controls, among them a ``Button`` "Reset";
- ``panel.show()`` emits ONE display_data with the widget view, an
  ``image/png`` fallback and ``text/plain``, and output metadata
  ``{"nbtools": {"panel": "<PanelClassName>"}}``.

Usage from a shell (development)::

    python tests/browser/dummy_notebooks.py /tmp/dummy      # writes + executes
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

#: kind -> what is broken in it
KINDS = {
    "healthy": "nothing: two working panels, a warning and a raises-exception cell",
    "frozen": "the slider callback is never connected: the panel stops responding",
    "failing": "the callback raises: the panel's error box fills",
    "erroring": "an untagged cell raises (Run All shows a traceback)",
    "missing": "a stored panel output whose widget no longer renders",
}

PANEL_CODE = textwrap.dedent('''
    import base64, html, io
    import numpy as np
    import ipywidgets as widgets
    from IPython.display import display
    from matplotlib.figure import Figure


    class FakePanel:
        """One figure, one slider, one dropdown, a readout, an error box, Reset."""

        def __init__(self, mode="ok", w=1.0):
            self.mode, self.w0 = mode, w
            self.fig = Figure(figsize=(4.5, 2.6), dpi=80, layout="constrained")
            self.ax = self.fig.add_subplot()
            self.s = np.linspace(-3, 3, 200)
            (self.line,) = self.ax.plot(self.s, np.tanh(w * self.s))
            self.ax.set_xlabel("s"); self.ax.set_ylabel("theta(w s)")
            self.ax.set_ylim(-1.1, 1.1)
            self.w = widgets.FloatSlider(value=w, min=0.1, max=3.0, step=0.1,
                                         description="w", readout_format=".2f")
            self.theta = widgets.Dropdown(options=["tanh", "sigmoid"], value="tanh",
                                          description="theta")
            self.reset = widgets.Button(description="Reset")
            # the figure: an HTML widget holding an <img> with alt text, as nbtools does
            # (an ipywidgets.Image has no alt: axe reports image-alt)
            self.image = widgets.HTML()
            self.image.add_class("nbtools-figure")
            self.readout = widgets.HTML()
            self.readout.add_class("nbtools-readout")
            self.error = widgets.HTML()
            self.error.add_class("nbtools-error")
            self.root = widgets.VBox([self.w, self.theta, self.reset, self.image,
                                      self.readout, self.error])
            self.root.add_class("nbtools-panel")
            if mode != "frozen":
                self.w.observe(self._changed, "value")
                self.theta.observe(self._changed, "value")
            self.reset.on_click(lambda _: setattr(self.w, "value", self.w0))
            self.update()

        def _changed(self, _change):
            try:
                self.update()
                self.error.value = ""
            except Exception as exc:  # shown in the panel, as nbtools does
                self.error.value = f"<pre>{html.escape(repr(exc))}</pre>"

        def update(self):
            if self.mode == "failing" and self.w.value != self.w0:
                raise RuntimeError("fake callback failure")
            w = self.w.value
            y = np.tanh(w * self.s) if self.theta.value == "tanh" else 1 / (1 + np.exp(-w * self.s))
            self.line.set_ydata(y)
            self.ax.set_title(f"{self.theta.value}(w s), w = {w:.2f}")
            buf = io.BytesIO()
            self.fig.savefig(buf, format="png")
            self.png = buf.getvalue()
            self.image.value = (
                f'<img src="data:image/png;base64,{base64.b64encode(self.png).decode()}" '
                f'alt="{self.theta.value}(w s) against s for w = {w:.2f}">')
            self.readout.value = f"w = {w:.2f}, theta(w) = {y[-1]:.4f}"

        def show(self):
            data = {
                "application/vnd.jupyter.widget-view+json": {
                    "model_id": self.root.model_id, "version_major": 2, "version_minor": 0},
                "image/png": base64.b64encode(self.png).decode("ascii"),
                "text/plain": f"FakePanel(w={self.w.value:.2f})",
            }
            display(data, raw=True, metadata={"nbtools": {"panel": type(self).__name__}})
''').strip()


def _stored_panel_output() -> nbformat.NotebookNode:
    """What ``panel.show()`` leaves in a stored notebook (without widget state)."""
    return nbformat.from_dict({
        "output_type": "display_data",
        "data": {"application/vnd.jupyter.widget-view+json": {
            "model_id": "0" * 32, "version_major": 2, "version_minor": 0},
            "text/plain": "FakePanel()"},
        "metadata": {"nbtools": {"panel": "FakePanel"}},
    })


def build(kind: str) -> nbformat.NotebookNode:
    """A dummy notebook of the given kind (see KINDS), not executed: the cells
    that show a panel carry a stored panel output, as an executed one would."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {sorted(KINDS)}; got {kind!r}")
    mode = {"frozen": "frozen", "failing": "failing"}.get(kind, "ok")
    cells = [
        new_markdown_cell("[Contents](00_start_here.ipynb) | [Next >](02_next.ipynb)"),
        new_markdown_cell(f"# Try a fake panel ({kind})\n\nA stand-in notebook: {KINDS[kind]}."),
        new_code_cell("import warnings\nimport numpy as np"),
        new_code_cell(PANEL_CODE),
        new_markdown_cell("## Move the slider\n\nThe picture changes: $\\theta(s) = \\tanh(w s)$."),
        new_code_cell(f'panel = FakePanel(mode="{mode}")\npanel.show()',
                      outputs=[_stored_panel_output()]),
        new_code_cell('warnings.warn("a harmless warning on stderr")\nprint("stdout is fine")'),
        new_markdown_cell("### A second panel"),
        new_code_cell('FakePanel(mode="ok", w=2.0).show()', outputs=[_stored_panel_output()]),
        new_code_cell('raise ValueError("shown on purpose")',
                      metadata={"tags": ["raises-exception"]}),
        new_markdown_cell("## Summary\n\nDone."),
    ]
    if kind == "erroring":
        cells.insert(7, new_code_cell("1 / 0"))
    if kind == "missing":
        # a stored panel whose code is gone: the page renders one panel fewer
        cells.insert(9, new_code_cell("# the panel that was shown here was deleted",
                                      outputs=[_stored_panel_output()]))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


def _slide_metadata():
    """scripts/slide_metadata.py as a module (scripts/ is not a package)."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "scripts" / "slide_metadata.py"
    spec = importlib.util.spec_from_file_location("slide_metadata", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(directory: Path, kinds=tuple(KINDS), execute: bool = False) -> list[Path]:
    """Write dummy notebooks; with ``execute``, run them first and store real
    outputs and widget state (slow: a kernel per notebook)."""
    from nbclient import NotebookClient

    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in kinds:
        nb = build(kind)
        if execute:
            NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                           resources={"metadata": {"path": str(directory)}}).execute()
            if kind == "missing":   # executing cleared the stale output: put it back
                nb.cells[9].outputs = [_stored_panel_output()]
        _slide_metadata().apply(nb)
        path = directory / f"dummy_{kind}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/dummy_notebooks")
    for p in write(out, execute=True):
        print(p)
