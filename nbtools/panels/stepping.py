"""Stepping through a computation on the worked example: a ``step`` slider
between Previous and Next buttons, beside the sliders of the lecture's values.

BackwardPanel (one equation per step) and GraphPanel (one node per step)
share it: the subclass says how many steps there are in ``step_count()``.
"""

from __future__ import annotations

import ipywidgets as widgets

from ._worked import LectureValuesPanel
from .closing import weakly


class SteppingPanel(LectureValuesPanel):
    """A LectureValuesPanel with a ``step`` control (0..``step_count()``) and Previous / Next."""

    def step_count(self) -> int:
        raise NotImplementedError

    def extra_controls(self):
        step = widgets.IntSlider(
            value=0,
            min=0,
            max=self.step_count(),
            description="step",
            continuous_update=True,
            layout=widgets.Layout(width="260px"),
            style={"description_width": "40px"},
        )
        return {"step": step}

    def arrange(self):
        step = self.controls["step"]
        previous = widgets.Button(description="Previous", icon="arrow-left", tooltip="One step back")
        following = widgets.Button(description="Next", icon="arrow-right", tooltip="The next step")
        previous.on_click(weakly(self, lambda p, _: p.update(step=max(step.value - 1, step.min))))
        following.on_click(weakly(self, lambda p, _: p.update(step=min(step.value + 1, step.max))))
        self.step_buttons = (previous, following)
        sliders = [w for name, w in self.controls.items() if name != "step"]
        left = widgets.VBox(sliders + [self.reset_button], layout=widgets.Layout(min_width="300px"))
        right = widgets.VBox(
            [widgets.HBox([previous, step, following]), self.figure_html, self.readout]
        )
        step.observe(weakly(self, lambda p, _: p._enable_step_buttons()), names="value")
        self._enable_step_buttons()
        return self.side_by_side(left, right)

    def _enable_step_buttons(self) -> None:
        """Previous is off at the first step, Next at the last."""
        previous, following = self.step_buttons
        step = self.controls["step"]
        previous.disabled = step.value <= step.min
        following.disabled = step.value >= step.max
