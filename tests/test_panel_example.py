"""The example in nbtools/panels/README.md builds a working panel, as written."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "nbtools" / "panels" / "README.md"


@pytest.fixture(scope="module")
def TangentPanel():
    (code,) = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert len(code.splitlines()) <= 40, "the example is meant to fit in 40 lines"
    namespace: dict = {}
    exec(compile(code, str(README), "exec"), namespace)
    return namespace["TangentPanel"]


def test_the_example_panel_draws_and_updates(TangentPanel):
    panel = TangentPanel()
    assert panel.last_error is None and panel.png.startswith(b"\x89PNG")
    first = panel.png
    shown = panel.update(s=1.0)
    assert shown["slope"] == pytest.approx(1 - math.tanh(1.0) ** 2)
    assert panel.png != first
    assert "θ'(s) = 0.4200" in panel.readout.value
    with pytest.raises(ValueError, match="s must be between"):
        panel.update(s=10)
    assert panel.reset()["s"] == 0.5


def test_the_example_panel_keeps_the_picture_rule(TangentPanel):
    """A keypress in the browser redraws: the picture is a full redraw's, for the new value."""
    from test_panel_pictures import pixels

    from nbtools.figures.style import png_bytes

    panel = TangentPanel()
    panel.controls["s"].value = 0.6   # a keypress in the browser
    assert panel.shown["s"] == 0.6
    assert (pixels(panel.png) == pixels(png_bytes(panel.fig))).all()
