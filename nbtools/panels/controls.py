"""Control values: read as the panel uses them, set only where the control
can take them, and a note for a slider at an end of its range."""

from __future__ import annotations

import html

import ipywidgets as widgets


def clean(value):
    """A float rounded to 12 significant digits (the browser snaps a slider to
    min + k·step in its own arithmetic: 10.000000000000002 for 10.0)."""
    return float(f"{value:.12g}") if isinstance(value, float) else value


def control_values(controls: dict) -> dict:
    """The values of the controls that have one, by name, cleaned."""
    return {name: clean(w.value) for name, w in controls.items() if hasattr(w, "value")}


def set_value(name: str, widget, value) -> None:
    """Set a control's value, refusing what it would silently clamp or reject."""
    low, high = getattr(widget, "min", None), getattr(widget, "max", None)
    if isinstance(widget, widgets.FloatLogSlider):  # its min and max are exponents
        low, high = widget.base**low, widget.base**high
    options = getattr(widget, "options", None)
    if low is not None and high is not None and not isinstance(value, (str, bool)):
        if not low <= value <= high:
            raise ValueError(f"{name} must be between {low} and {high}; got {value!r}")
    if options is not None and not isinstance(widget, widgets.SelectMultiple):
        labels = [o[1] if isinstance(o, tuple) else o for o in options]
        names = [o[0] if isinstance(o, tuple) else o for o in options]
        if value not in labels and value not in names:
            raise ValueError(f"{name} must be one of {names}; got {value!r}")
        if value in names and value not in labels:
            value = labels[names.index(value)]
    widget.value = value


def range_note(controls: dict, values: dict, defaults: dict) -> str:
    """A line for every slider moved to an end of its range: a value typed
    beyond it was set to that end by the slider, and the student should know."""
    notes = []
    for name, w in controls.items():
        low, high = getattr(w, "min", None), getattr(w, "max", None)
        if low is None or high is None or isinstance(w, widgets.Dropdown):
            continue
        if isinstance(w, widgets.FloatLogSlider):
            low, high = w.base**low, w.base**high
        value = values[name]
        if value == defaults.get(name) or not (value <= low or value >= high):
            continue
        end = "maximum" if value >= high else "minimum"
        label = html.escape(getattr(w, "description", "") or name)
        notes.append(f"{label} is at its {end}, {value:.4g}: a value typed beyond it is "
                     "set to that end.")
    if not notes:
        return ""
    return "<p class='nbtools-range-note' style='color:#555'>" + " ".join(notes) + "</p>"
