"""The worked-example panels driven headlessly: what each shows (``shown``,
the readout, the table strings, the figure) is compared with nbtools'
core called directly on a network built here from the same values, and the
starting state with numbers typed from the lecture notes.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from helpers import assert_all_printed, assert_printed

import nbtools as nb
from nbtools.figures import delta_table, forward_table
from nbtools.panels import BackwardPanel, FirstOrderPanel, ForwardPanel, GradientCheckPanel

PANELS = [ForwardPanel, BackwardPanel, GradientCheckPanel, FirstOrderPanel]
MINUS = "\u2212"
# W[l][i, j] by the panels' control names (lecture numbering: column j + 1).
INDEX = {
    "w1_01": (1, 0, 0), "w1_02": (1, 0, 1), "w1_11": (1, 1, 0), "w1_12": (1, 1, 1),
    "w2_01": (2, 0, 0), "w2_11": (2, 1, 0), "w2_21": (2, 2, 0),
    "w3_01": (3, 0, 0), "w3_11": (3, 1, 0),
}  # fmt: skip
# The lecture's values, typed from the notes.
LECTURE = {
    "w1_01": 0.1, "w1_02": 0.2, "w1_11": 0.3, "w1_12": 0.4,
    "w2_01": 0.2, "w2_11": 1.0, "w2_21": -3.0, "w3_01": 1.0, "w3_11": 2.0, "x": 2.0, "y": 1.0,
}  # fmt: skip


def network(values: dict) -> nb.Network:
    """The worked example's shape with the weights named in ``values``."""
    W = [np.zeros((2, 2)), np.zeros((3, 1)), np.zeros((2, 1))]
    for name, (ell, i, j) in INDEX.items():
        W[ell - 1][i, j] = values[name]
    return nb.Network(W, hidden="tanh", output="tanh")


def moved(**changes) -> dict:
    return {**LECTURE, **changes}


def computed(changes: dict):
    """nbtools' numbers at the lecture's values with ``changes``.

    Returns values, net, trace, delta, E, G.
    """
    values = moved(**changes)
    net = network(values)
    trace = nb.forward(net, [values["x"]])
    delta = nb.backward(net, trace, values["y"])
    E, G = nb.gradient(net, [values["x"]], values["y"])
    return values, net, trace, delta, E, G


def to_float(text: str) -> float:
    return float(text.replace(MINUS, "-"))


@pytest.fixture(scope="module")
def panels():
    """One of each panel, shared (building a panel lays out and bakes its figure)."""
    return {cls: cls() for cls in PANELS}


@pytest.fixture
def panel(request, panels):
    p = panels[request.param]
    p.reset()
    yield p
    p.reset()


# ----- every panel -------------------------------------------------------------------------------


@pytest.mark.parametrize("panel", PANELS, indirect=True)
def test_demo_moves_move_every_control_without_error(panel):
    moved_controls = set()
    for move in panel.demo_moves():
        before = dict(panel.values)
        panel.update(**move)
        assert panel.last_error is None, (move, panel.last_error)
        assert panel.error_box.value == ""
        moved_controls |= {name for name in move if panel.values[name] != before[name]}
    assert moved_controls, "demo_moves changes nothing"
    important = {"weight", "h", "dw", "step", "x", "y"} & set(panel.controls)
    assert important <= moved_controls


@pytest.mark.parametrize("panel", PANELS, indirect=True)
def test_one_figure_updated_in_place(panel):
    fig, first = panel.fig, panel.png

    def artists():  # every artist but the baked background (renewed when ticks change)
        found = [*fig.get_children(), *(a for ax in fig.axes for a in ax.get_children())]
        return [id(a) for a in found if type(a).__name__ != "_Restore"]

    before = artists()
    for move in panel.demo_moves():
        panel.update(**move)
        assert panel.fig is fig
    assert artists() == before  # the same artists, updated: nothing added or replaced
    assert panel.png != first
    assert panel.png.startswith(b"\x89PNG")


@pytest.mark.parametrize("panel", PANELS, indirect=True)
def test_reset_goes_back_to_the_start(panel):
    start = dict(panel.values)
    shown = dict(panel.shown)
    for move in panel.demo_moves():
        panel.update(**move)
    panel.reset_button.click()
    assert panel.values == start
    for key in ("e", "e_exact", "backprop", "h"):
        if key in shown:
            assert panel.shown[key] == shown[key]


@pytest.mark.parametrize("panel", PANELS, indirect=True)
def test_bad_value_shows_in_the_error_box(panel):
    good = dict(panel.shown)
    png = panel.png
    name = next(n for n in ("x", "h", "dw") if n in panel.controls)
    panel.controls[name].value = float("nan")  # as a front end could send it: no exception here
    assert panel.last_error is not None
    assert "ValueError" in panel.error_box.value and 'role="alert"' in panel.error_box.value
    assert panel.shown == good and panel.png == png  # the last good picture stays
    panel.reset()
    assert panel.error_box.value == "" and panel.last_error is None


@pytest.mark.parametrize("panel", PANELS, indirect=True)
def test_update_refuses_what_a_control_cannot_take(panel):
    with pytest.raises(ValueError, match="unknown control"):
        panel.update(not_a_control=1)
    name, widget = next((n, w) for n, w in panel.controls.items() if hasattr(w, "max"))
    high = widget.base**widget.max if hasattr(widget, "base") else widget.max
    with pytest.raises(ValueError, match="between"):
        panel.update(**{name: high * 10 + 1})


@pytest.mark.parametrize("panel", PANELS, indirect=True)
def test_description_is_the_alt_text_with_numbers(panel):
    text = panel.describe(panel.shown)
    assert text.startswith("<p>") and re.search(r"\d\.\d\d", text)
    assert panel.alt_text(panel.shown) in panel.figure_html.value or "&" in panel.figure_html.value
    assert panel.readout.value == text


# ----- ForwardPanel ------------------------------------------------------------------------------


@pytest.mark.parametrize("panel", [ForwardPanel], indirect=True)
def test_forward_panel_starts_at_the_lecture(panel):
    assert panel.values == LECTURE
    shown = panel.shown
    # The notes' forward table: s1 = [0.7, 1], x1 = [1, 0.6, 0.76], s2 = -1.48,
    # x2 = [1, -0.90], s3 = -0.8, x3 = -0.66 (truncated).
    assert_all_printed(shown["s"][1], ["0.7", "1"])
    assert_all_printed(shown["x"][1], ["1", "0.6", "0.76"])
    assert_printed(shown["s"][2][0], "-1.48")
    assert_all_printed(shown["x"][2], ["1", "-0.90"])
    assert_printed(shown["s"][3][0], "-0.8")
    assert_printed(shown["x"][3][0], "-0.66", truncated=True)
    assert shown["table"].rows[0] == ("1", "0.70", "1", "-1.48", "1", "-0.80", "-0.67")
    assert [c[0] for c in shown["table"].columns[3:]] == ["-1.48", "1", "-0.80", "-0.67"]


@pytest.mark.parametrize("panel", [ForwardPanel], indirect=True)
def test_forward_panel_sliders_are_readable_and_unique(panel):
    weights = [w for name, w in panel.controls.items() if name.startswith("w")]
    assert len(weights) == 9
    descriptions = [w.description for w in weights]
    assert len(set(descriptions)) == 9 and all(d.startswith("w⁽") for d in descriptions)
    assert panel.controls["w1_02"].description == "w⁽¹⁾₀₂"  # W[1][0, 1]: bias into node 2


@pytest.mark.parametrize("panel", [ForwardPanel], indirect=True)
@pytest.mark.parametrize(
    "changes", [{"w1_01": 0.5, "x": -1.0}, {"w2_21": 1.5, "y": -0.3}, {"w3_01": -2.2, "w1_12": 3.0}]
)
def test_forward_panel_shows_what_nbtools_computes(panel, changes):
    shown = panel.update(**changes)
    values = moved(**changes)
    net = network(values)
    trace = nb.forward(net, [values["x"]])
    for ell in range(4):
        np.testing.assert_allclose(shown["x"][ell], trace.x[ell], rtol=1e-13)
    for ell in range(1, 4):
        np.testing.assert_allclose(shown["s"][ell], trace.s[ell], rtol=1e-13)
        np.testing.assert_array_equal(shown["W"][ell], net.W[ell])
    assert shown["e"] == pytest.approx(nb.error(net, [values["x"]], values["y"]), rel=1e-13)
    assert shown["E"] == shown["e"]
    assert shown["table"].text == forward_table(trace).text
    drawn = [[t.get_text() for t in column] for column in panel.table.cells]
    assert drawn == [[e.replace("-", MINUS) for e in c] for c in forward_table(trace).columns]
    node = panel.network.node_texts[(3, 1)].get_text()
    s3, x3 = forward_table(trace).columns[5][0], forward_table(trace).columns[6][0]
    assert node == f"s {s3}\nx {x3}".replace("-", MINUS)


@pytest.mark.parametrize("panel", [ForwardPanel], indirect=True)
def test_forward_panel_png_changes_with_a_weight(panel):
    before = panel.png
    panel.update(w3_11=-1.0)
    assert panel.png != before
    panel.update(w3_11=2.0)
    assert panel.png == before  # same values, same picture


# ----- BackwardPanel -----------------------------------------------------------------------------


@pytest.mark.parametrize("panel", [BackwardPanel], indirect=True)
def test_backward_panel_starts_at_the_lecture(panel):
    shown = panel.shown
    assert shown["step"] == 0
    # The notes: δ3 = -1.855, δ2 = -0.69, δ1 = [-0.44, 0.88].
    assert_printed(shown["delta"][3][0], "-1.855")
    assert_printed(shown["delta"][2][0], "-0.69")
    assert_all_printed(shown["delta"][1], ["-0.44", "0.88"])
    # ∂e/∂W1 = [[-0.44, 0.88], [-0.88, 1.75]], ∂e/∂W2 = [-0.69, -0.42, -0.53],
    # ∂e/∂W3 = [-1.85, 1.67]
    assert_all_printed(shown["G"][1], [["-0.44", "0.88"], ["-0.88", "1.75"]])
    assert_all_printed(shown["G"][2], [["-0.69"], ["-0.42"], ["-0.53"]])
    assert_all_printed(shown["G"][3], [["-1.85"], ["1.67"]])
    assert delta_table(shown["delta"]).columns == (("-1.85",), ("-0.69",), ("-0.44", "0.88"))


@pytest.mark.parametrize("panel", [BackwardPanel], indirect=True)
@pytest.mark.parametrize(
    "changes", [{}, {"w3_11": 0.7, "x": -1.3}, {"w2_01": -1.0, "y": 0.2, "w1_11": 2.5}]
)
def test_backward_panel_shows_what_nbtools_computes(panel, changes):
    _, _, _, delta, E, G = computed(changes)
    for step in range(7):
        shown = panel.update(step=step, **changes)
        assert shown["step"] == step
        for ell in range(1, 4):
            np.testing.assert_allclose(shown["delta"][ell], delta[ell], rtol=1e-12)
            np.testing.assert_allclose(shown["G"][ell], G[ell], rtol=1e-12)
        assert shown["E"] == pytest.approx(E, rel=1e-13)


HEADLINES = ["forward propagation", "δ⁽³⁾", "δ⁽²⁾", "δ⁽¹⁾", "∂e/∂W⁽³⁾", "∂e/∂W⁽²⁾", "∂e/∂W⁽¹⁾"]


@pytest.mark.parametrize("panel", [BackwardPanel], indirect=True)
def test_backward_steps_follow_the_algorithm(panel):
    for step, what in enumerate(HEADLINES):
        shown = panel.update(step=step)
        assert shown["headline"].startswith(f"Step {step} of 6")
        assert what in shown["headline"]
        assert shown["headline"] in panel.readout.value
        # The figure names the step; the equation is the readout's, not repeated above the diagram.
        title = panel.network.title.get_text()
        assert title.startswith(f"Step {step} of 6") and what in title
        assert title != shown["headline"]
    # δ⁽²⁾ uses node 1 of layers 2 and 3 and the weight between them, W[3][1, 0].
    assert {(2, 1), (3, 1), (3, 1, 0)} <= panel.update(step=2)["highlight"]
    # ∂e/∂W⁽¹⁾ = x⁽⁰⁾ (δ⁽¹⁾)ᵀ: every weight of layer 1, the input nodes (bias too), layer 1's nodes.
    chosen = panel.update(step=6)["highlight"]
    assert {(1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1), (0, 0), (0, 1), (1, 1), (1, 2)} <= chosen
    assert (3, 1, 0) not in chosen


@pytest.mark.parametrize("panel", [ForwardPanel, BackwardPanel], indirect=True)
def test_diagram_labels_keep_clear_of_nodes_and_each_other(panel):
    net = panel.network
    renderer = panel.fig.canvas.get_renderer()
    radius = np.sqrt(net.nodes.get_sizes()[0]) / 2 * panel.fig.dpi / 72  # pixels
    centres = net.ax.transData.transform([net.positions[key] for key in net.keys])
    boxes = [text.get_window_extent(renderer) for text in net.edge_texts.values()]
    for box in boxes:
        nearest = np.clip(centres, [box.x0, box.y0], [box.x1, box.y1])  # of the box, to each node
        assert np.all(np.hypot(*(nearest - centres).T) > radius)
    for n, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[n + 1 :])


@pytest.mark.parametrize("panel", [BackwardPanel], indirect=True)
def test_backward_nodes_are_round(panel):
    net = panel.network
    for key, path in zip(net.keys, net.nodes.get_paths()):
        width, height = np.ptp(path.vertices, axis=0)
        assert width == pytest.approx(height), key  # circles (and bias squares), not ellipses


@pytest.mark.parametrize("panel", [BackwardPanel], indirect=True)
def test_backward_reveals_only_what_is_computed(panel):
    panel.update(step=1)
    assert panel.network.node_texts[(1, 1)].get_text().endswith("δ ?")
    assert panel.network.node_texts[(3, 1)].get_text().endswith(f"δ {MINUS}1.85")
    assert panel.bars.texts[(2, 1)].get_text() == "?"
    assert panel.bars.placeholders[(2, 1)].get_visible()  # a grey box, not an empty strip
    assert not panel.bars.placeholders[(3, 1)].get_visible()
    assert panel.heatmaps[2].texts[0][0].get_text() == "?"
    panel.update(step=4)
    assert panel.network.node_texts[(1, 1)].get_text().endswith(f"δ {MINUS}0.44")
    assert panel.heatmaps[2].texts[0][0].get_text() == f"{MINUS}1.85"  # ∂e/∂W⁽³⁾ now known
    assert panel.heatmaps[0].texts[1][1].get_text() == "?"  # ∂e/∂W⁽¹⁾ not yet


NUMBER = r"−?\d+\.\d+|\b1\b"


@pytest.mark.parametrize("panel", [BackwardPanel], indirect=True)
@pytest.mark.parametrize("changes", [{}, {"w3_11": -0.6, "x": 0.8}])
def test_backward_equations_substitute_the_current_numbers(panel, changes):
    values, net, trace, delta, _, G = computed(changes)
    # Step 1: δ3 = 2 (x3 − y)(1 − x3²), with x3, y, x3² and the result written out.
    line = panel.update(step=1, **changes)["equation"]
    x3, y, x3sq, result = (to_float(t) for t in re.findall(r"−?\d+\.\d{4}", line.split("=", 2)[2]))
    assert x3 == pytest.approx(trace.x[3][0], abs=5e-5) and y == values["y"]
    assert x3sq == pytest.approx(trace.x[3][0] ** 2, abs=5e-5)
    assert result == pytest.approx(delta[3][0], abs=5e-5)
    assert result == pytest.approx(2 * (x3 - y) * (1 - x3sq), abs=5e-4)
    # Step 2: δ2 = (1 − x2²) · w · δ3.
    line = panel.update(step=2)["equation"]
    x2sq, w, d3, result = (to_float(t) for t in re.findall(r"−?\d+\.\d{4}", line.split("=", 2)[2]))
    assert w == net.W[3][1, 0] and d3 == pytest.approx(delta[3][0], abs=5e-5)
    assert x2sq == pytest.approx(trace.x[2][1] ** 2, abs=5e-5)
    assert result == pytest.approx(delta[2][0], abs=5e-5)
    assert result == pytest.approx((1 - x2sq) * w * d3, abs=5e-4)
    # Step 3: one line per node of layer 1.
    lines = panel.update(step=3)["equation"].split("\n")
    assert len(lines) == 2 and lines[1].startswith("δ⁽¹⁾₂")
    assert to_float(lines[1].rsplit("= ", 1)[1]) == pytest.approx(delta[1][1], abs=5e-5)
    # Step 6: ∂e/∂w(1)_ij = x(0)_i · δ(1)_j for the four weights of layer 1.
    lines = panel.update(step=6)["equation"].split("\n")
    assert len(lines) == 4
    assert lines[3].startswith("∂e/∂w⁽¹⁾₁₂ = x⁽⁰⁾₁ · δ⁽¹⁾₂")
    assert to_float(lines[3].rsplit("= ", 1)[1]) == pytest.approx(G[1][1, 1], abs=5e-5)
    assert lines[0].split("= ", 2)[2].startswith("1 · ")  # the bias entry x0 = 1


@pytest.mark.parametrize("panel", [BackwardPanel], indirect=True)
def test_backward_lecture_equation_for_delta2(panel):
    # The notes: δ2 = (1 − 0.9²) · 2 · (−1.855) = −0.69 (with x2 rounded to 0.90).
    line = panel.update(step=2)["equation"]
    numbers = [to_float(t) for t in re.findall(r"−?\d+\.\d{4}", line.split("=", 2)[2])]
    assert_printed(np.sqrt(numbers[0]), "0.90")
    assert numbers[1] == 2.0
    assert_printed(numbers[2], "-1.855")
    assert_printed(numbers[3], "-0.69")


@pytest.mark.parametrize("panel", [BackwardPanel], indirect=True)
def test_backward_next_and_previous_buttons(panel):
    previous, following = panel.step_buttons
    following.click()
    following.click()
    assert panel.shown["step"] == 2
    previous.click()
    assert panel.shown["step"] == 1
    for _ in range(10):
        following.click()
    assert panel.shown["step"] == 6  # stops at the last step
    assert panel.last_error is None


# ----- GradientCheckPanel ------------------------------------------------------------------------


def lecture_error(name: str, w: float) -> float:
    """e at the lecture's values with one weight set to w."""
    return nb.error(network({**LECTURE, name: w}), [2.0], 1.0)


@pytest.mark.parametrize("panel", [GradientCheckPanel], indirect=True)
@pytest.mark.parametrize(
    "name, h", [("w1_01", 1e-5), ("w2_21", 1e-3), ("w3_11", 1e-9), ("w1_12", 0.05)]
)
def test_gradient_check_numbers(panel, name, h):
    shown = panel.update(weight=name, h=h)
    w = LECTURE[name]
    e_plus, e_w, e_minus = (
        lecture_error(name, w + h),
        lecture_error(name, w),
        lecture_error(name, w - h),
    )
    assert shown["forward"] == pytest.approx((e_plus - e_w) / h, rel=1e-12)
    assert shown["central"] == pytest.approx((e_plus - e_minus) / (2 * h), rel=1e-12)
    _, G = nb.gradient(network(LECTURE), [2.0], 1.0)
    ell, i, j = INDEX[name]
    assert shown["backprop"] == G[ell][i, j]
    assert shown["h"] == h and shown["index"] == (ell, i, j)
    assert shown["rel_error_central"] == pytest.approx(
        abs(shown["central"] - G[ell][i, j]) / abs(G[ell][i, j])
    )
    numerical = nb.numerical_gradient(network(LECTURE), [2.0], 1.0, h=h)
    assert shown["central"] == pytest.approx(numerical[ell][i, j], rel=1e-9)


@pytest.mark.parametrize("panel", [GradientCheckPanel], indirect=True)
def test_gradient_check_error_against_h(panel):
    good = panel.update(weight="w1_12", h=1e-5)
    assert good["rel_error_central"] < 1e-8  # TOOLCHAIN: h ≈ 1e-5 gives ~1e-8 or better
    assert good["rel_error_forward"] < 1e-3
    big = panel.update(h=1e-1)  # truncation: forward ∝ h, central ∝ h²
    assert big["rel_error_forward"] > 1e-3 and big["rel_error_central"] < big["rel_error_forward"]
    tiny = panel.update(h=1e-12)  # round-off: ≈ ε / h
    assert tiny["rel_error_central"] > 1e-6
    hs, forward, central = tiny["curve"]
    assert len(hs) >= 40 and hs[0] == pytest.approx(1e-12) and hs[-1] == pytest.approx(1e-1)
    assert 1e-8 < tiny["best_h_central"] < 1e-2 and tiny["best_h_forward"] < tiny["best_h_central"]
    np.testing.assert_array_equal(panel.lines[1].get_xdata(), hs)
    assert panel.markers[0].get_xdata()[0] == 1e-12


@pytest.mark.parametrize("panel", [GradientCheckPanel], indirect=True)
def test_gradient_check_offers_every_weight(panel):
    options = panel.controls["weight"].options
    assert [name for _, name in options] == list(INDEX)
    assert panel.controls["h"].min == -12 and panel.controls["h"].max == -1  # exponents of 10
    shown = panel.update(weight="w⁽²⁾₂₁")  # by its label, too
    assert shown["weight"] == "w2_21"


# ----- FirstOrderPanel ---------------------------------------------------------------------------


@pytest.mark.parametrize("panel", [FirstOrderPanel], indirect=True)
@pytest.mark.parametrize(
    "name, dw", [("w1_12", 0.5), ("w2_21", -1.0), ("w3_01", 0.01), ("w1_01", 0.0)]
)
def test_first_order_numbers(panel, name, dw):
    shown = panel.update(weight=name, dw=dw)
    E, G = nb.gradient(network(LECTURE), [2.0], 1.0)
    ell, i, j = INDEX[name]
    assert shown["gradient"] == G[ell][i, j]
    assert shown["e_exact"] == pytest.approx(lecture_error(name, LECTURE[name] + dw), rel=1e-13)
    assert shown["e_linear"] == pytest.approx(E + dw * G[ell][i, j], rel=1e-13)
    assert shown["gap"] == pytest.approx(shown["e_exact"] - shown["e_linear"])
    assert shown["dw"] == dw
    dws, es = shown["curve"]
    assert es[np.argmin(abs(dws))] == pytest.approx(E)  # the curve passes through e(w)
    assert panel.exact.get_ydata()[0] == shown["e_exact"]
    assert panel.linear.get_ydata()[0] == shown["e_linear"]


@pytest.mark.parametrize("panel", [FirstOrderPanel], indirect=True)
def test_first_order_gap_is_second_order(panel):
    small = panel.update(weight="w1_12", dw=0.02)["gap"]
    smaller = panel.update(dw=0.01)["gap"]
    assert abs(small) < 1e-2
    assert small / smaller == pytest.approx(4.0, rel=0.1)  # gap ≈ ½ e''(w) Δw²
    assert panel.update(dw=0.0)["gap"] == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize("panel", [FirstOrderPanel], indirect=True)
def test_first_order_starts_at_the_lecture(panel):
    shown = panel.shown
    # e = (x3 − y)² = (−0.6658 − 1)² = 2.77; the notes' ∂e/∂W1[1, 1] = 1.75.
    assert_printed(shown["e"], "2.77")
    assert shown["weight"] == "w1_12"
    assert_printed(shown["gradient"], "1.75")


def test_a_slider_at_the_end_of_its_range_says_typed_values_are_set_to_it():
    from nbtools.panels import ForwardPanel

    panel = ForwardPanel()
    assert "nbtools-range-note" not in panel.readout.value
    panel.update(x=3.0)
    assert "input x is at its maximum, 3" in panel.readout.value
    panel.reset()
    assert "nbtools-range-note" not in panel.readout.value
