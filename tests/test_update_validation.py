"""panel.update checks values as the core checks its arguments: wrong types and
fractional steps are refused with a message naming the control, the rule and
the value received; nothing is set or redrawn then."""

import numpy as np
import pytest

from nbtools.panels import BackwardPanel, ForwardPanel, PlaygroundPanel


@pytest.fixture(scope="module")
def forward():
    return ForwardPanel()


@pytest.fixture(scope="module")
def backward():
    return BackwardPanel()


@pytest.fixture(scope="module")
def playground():
    return PlaygroundPanel(N=40)


@pytest.mark.parametrize("value", ["1", None, True, np.bool_(False), [1.0], 1 + 0j])
def test_a_slider_refuses_what_is_not_a_real_number(forward, value):
    before = forward.values["x"]
    with pytest.raises(TypeError) as info:
        forward.update(x=value)
    message = str(info.value)
    assert message.startswith("x (the control 'input x') must be a real number")
    assert repr(value)[:20] in message  # the value received
    assert f"Its value now is x={before!r}" in message  # the hint
    assert forward.values["x"] == before  # nothing was set


@pytest.mark.parametrize("value", [np.float64(0.5), np.float32(-1.25), np.int64(1), 2])
def test_a_slider_takes_numpy_scalars_and_ints(forward, value):
    shown = forward.update(x=value)
    assert shown["input"] == pytest.approx(float(value))


def test_a_slider_still_reports_a_value_out_of_range(forward):
    with pytest.raises(ValueError, match=r"x \(the control 'input x'\) must be between -3 and 3; got 7\.5"):
        forward.update(x=7.5)


@pytest.mark.parametrize("value, hint", [(2.5, "Round it: step=2 or step=3."),
                                         (2.0, "Pass it as an int: step=2."),
                                         (np.float64(1.5), "Round it: step=1 or step=2.")])
def test_an_int_slider_refuses_a_fractional_step(backward, value, hint):
    before = backward.values["step"]
    with pytest.raises(TypeError) as info:
        backward.update(step=value)
    message = str(info.value)
    assert "step must be an integer (its steps are whole numbers)" in message
    assert f"got {value!r}" in message and hint in message
    assert backward.values["step"] == before


def test_an_int_slider_takes_numpy_integers(backward):
    assert backward.update(step=np.int64(2))["step"] == 2
    with pytest.raises(TypeError, match="got True"):  # a bool is not a step
        backward.update(step=True)


def test_a_text_box_wants_a_string_and_a_dropdown_one_of_its_choices(playground):
    with pytest.raises(TypeError, match=r"layers \(the control 'hidden widths'\) must be a string; got 8 \(type int\)"):
        playground.update(layers=8)
    with pytest.raises(TypeError, match=r"dataset \(the control 'data'\) must be given a value; got None"):
        playground.update(dataset=None)
    with pytest.raises(ValueError, match=r"dataset \(the control 'data'\) must be one of \['xor', 'circles', 'moons'\]; got 'spiral'"):
        playground.update(dataset="spiral")
    with pytest.raises(TypeError, match=r"k \(the control 'mini-batch k'\) must be an integer.*got 3\.5.*k=3 or k=4"):
        playground.update(k=3.5)


def test_a_refused_value_leaves_every_control_as_it_was(forward):
    before = forward.values
    with pytest.raises(TypeError):
        forward.update(w1_01=0.25, x="2")  # the first is fine, the second is not
    assert forward.values == before
