"""Control values: read as the panel uses them, set only where the control
can take them, and a note for a slider at an end of its range."""

from __future__ import annotations

import html
import math
import numbers

import ipywidgets as widgets
import numpy as np

from .._checks import describe


def clean(value):
    """A float rounded to 12 significant digits (the browser snaps a slider to
    min + k·step in its own arithmetic: 10.000000000000002 for 10.0)."""
    return float(f"{value:.12g}") if isinstance(value, float) else value


def control_values(controls: dict) -> dict:
    """The values of the controls that have one, by name, cleaned."""
    return {name: clean(w.value) for name, w in controls.items() if hasattr(w, "value")}


def checked_value(name: str, widget, value):
    """``value`` as control ``widget`` (called ``name``) takes it, or an error.

    Checked as the core checks its arguments (``nbtools._checks``): a slider
    takes a real number (an int or float, numpy scalars too, never a bool or a
    string), an ``IntSlider`` an integer (its steps are whole), a check box a
    bool, a text box a string, a drop-down one of its choices; a number must lie
    in the slider's range. TypeError or ValueError naming the control, the rule
    and the value received.
    """
    kind = _kind(widget)
    if value is None or (kind is not None and not _is_kind(value, kind)):
        raise TypeError(f"{_named(name, widget)} {_RULES.get(kind, 'must be given a value')}; "
                        f"got {describe(value)}. {_hint(name, widget, value, kind)}")
    low, high = getattr(widget, "min", None), getattr(widget, "max", None)
    if isinstance(widget, widgets.FloatLogSlider):  # its min and max are exponents
        low, high = widget.base**low, widget.base**high
    options = getattr(widget, "options", None)
    if kind in ("int", "real") and low is not None and high is not None:
        if not low <= value <= high:
            raise ValueError(f"{_named(name, widget)} must be between {low:g} and {high:g}; "
                             f"got {value!r}")
    if options is not None and not isinstance(widget, widgets.SelectMultiple):
        labels = [o[1] if isinstance(o, tuple) else o for o in options]
        names = [o[0] if isinstance(o, tuple) else o for o in options]
        if value not in labels and value not in names:
            raise ValueError(f"{_named(name, widget)} must be one of {names}; got {value!r}")
        if value in names and value not in labels:
            value = labels[names.index(value)]
    return value


#: The rule for each kind of control's value.
_RULES = {
    "int": "must be an integer (its steps are whole numbers)",
    "real": "must be a real number (an int or a float)",
    "bool": "must be True or False",
    "str": "must be a string",
}


def _hint(name: str, widget, value, kind) -> str:
    """What to pass instead: a whole number near ``value``, or the value the control has now."""
    if kind == "int" and isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)):
        low, high = math.floor(value), math.ceil(value)
        if low == high:
            return f"Pass it as an int: {name}={low}."
        return f"Round it: {name}={low} or {name}={high}."
    return f"Its value now is {name}={widget.value!r}."


def _kind(widget) -> str | None:
    """What a control's value is: "int", "real", "bool", "str", or None (choices)."""
    if getattr(widget, "options", None) is not None:
        return None
    current = getattr(widget, "value", None)
    for kind, types in (("bool", (bool, np.bool_)), ("int", numbers.Integral),
                        ("real", numbers.Real), ("str", str)):
        if isinstance(current, types):
            return kind
    return None


def _is_kind(value, kind: str) -> bool:
    if kind == "bool":
        return isinstance(value, (bool, np.bool_))
    if isinstance(value, (bool, np.bool_)):  # True is 1 to Python, not a number here
        return False
    return isinstance(value, {"int": numbers.Integral, "real": numbers.Real, "str": str}[kind])


def _named(name: str, widget) -> str:
    """The control as the student sees it: its name and, if different, its label."""
    label = getattr(widget, "description", "") or ""
    return f"{name} (the control '{label}')" if label and label != name else name


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
