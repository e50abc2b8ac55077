"""Figures of the worked example: number formats, the lecture's tables, the
network diagram, sensitivity bars, gradient heat maps, and the rendering
helpers (cached text, baked background, PNG encoder).

Expected numbers are typed from the lecture notes (shared/seed/
backprop_lecture_notes.md) or computed here with nbtools' core, never copied
from the figures' own output.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from helpers import assert_printed
from matplotlib.colors import to_rgba
from matplotlib.patches import ArrowStyle
from PIL import Image

import nbtools as nb
from nbtools.figures import (
    Table,
    delta_table,
    draw_gradient_heatmaps,
    draw_network,
    draw_sensitivities,
    draw_table,
    forward_table,
    png_bytes,
    subplots,
    update_gradient_heatmaps,
    update_network,
    update_sensitivities,
    update_table,
)
from nbtools.figures.background import Background, plot_key
from nbtools.figures.colors import ACCENT
from nbtools.figures.labels import number, scientific, weight_name, weight_symbol

MINUS = "\u2212"


@pytest.fixture
def example():
    """The lecture's network with x = 2, y = 1: net, trace, delta, G."""
    net, x, y = nb.worked_example()
    trace = nb.forward(net, x)
    delta = nb.backward(net, trace, y)
    _, G = nb.gradient(net, x, y)
    return net, trace, delta, G


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


# ----- numbers and names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, decimals, text",
    [
        (-0.66576144, 2, f"{MINUS}0.67"),  # rounded, not truncated as the notes print it
        (-0.66576144, 3, f"{MINUS}0.666"),
        (0.604368, 2, "0.60"),
        (-0.004, 2, "0.00"),  # no "−0.00"
        (2.0, 0, "2"),
        (float("nan"), 2, "?"),
        (None, 2, "?"),
    ],
)
def test_number_has_a_fixed_format(value, decimals, text):
    assert number(value, decimals) == text


def test_number_ascii_minus_on_request():
    assert number(-1.48041, 2, minus="-") == "-1.48"


def test_scientific_uses_the_typographic_minus():
    assert scientific(3.2e-7) == f"3.2e{MINUS}07"
    assert scientific(float("nan")) == "?"


def test_weight_names_follow_the_lecture_numbering():
    # W[1][0, 0] is the bias weight into node 1 of layer 1: w^(1)_01 in the notes.
    assert weight_symbol(1, 0, 0) == "w⁽¹⁾₀₁"
    assert weight_name(1, 0, 0) == "w1_01"
    assert weight_name(2, 2, 0) == "w2_21"
    assert weight_name(1, 12, 3) == "w1_12_4"  # unambiguous beyond 9


# ----- tables ------------------------------------------------------------------------------------


def test_forward_table_reproduces_the_lecture(example):
    _, trace, _, _ = example
    table = forward_table(trace)
    assert table.headers == ["x(0)", "s(1)", "x(1)", "s(2)", "x(2)", "s(3)", "x(3)"]
    # The notes: x0 = [1; 2], s1 = [0.7; 1], x1 = [1; 0.6; 0.76], s2 = -1.48,
    # x2 = [1; -0.90], s3 = -0.8, x3 = -0.66 (truncated; rounded it is -0.67).
    assert table.columns == (
        ("1", "2.00"),
        ("0.70", "1.00"),
        ("1", "0.60", "0.76"),
        ("-1.48",),
        ("1", "-0.90"),
        ("-0.80",),
        ("-0.67",),
    )


def test_forward_table_text_is_the_lecture_table(example):
    _, trace, _, _ = example
    expected = (
        "x(0)  s(1)  x(1)   s(2)   x(2)   s(3)   x(3)\n"
        "   1  0.70     1  -1.48      1  -0.80  -0.67\n"
        "2.00  1.00  0.60         -0.90\n"
        "            0.76"
    )
    table = forward_table(trace)
    assert table.text == expected
    assert repr(table) == expected  # what a notebook stores as text/plain
    assert table.rows[0] == ("1", "0.70", "1", "-1.48", "1", "-0.80", "-0.67")
    assert table.rows[2] == ("", "", "0.76", "", "", "", "")


def test_x3_shows_the_notes_truncation_at_three_decimals(example):
    _, trace, _, _ = example
    x3 = forward_table(trace, decimals=3).columns[-1][0]
    assert x3 == "-0.666"
    # The notes' -0.66 is x3 truncated to two decimals; the table rounds it.
    assert_printed(trace.x[3][0], "-0.66", truncated=True)
    assert_printed(trace.x[3][0], "-0.67")


def test_table_html_has_math_headers_and_stacked_vectors(example):
    _, trace, _, _ = example
    page = forward_table(trace)._repr_html_()
    assert page.startswith('<table class="nbtools-table">')
    for header in ("x<sup>(0)</sup>", "s<sup>(1)</sup>", "x<sup>(3)</sup>"):
        assert header in page
    assert ">1<br>0.60<br>0.76<" in page
    assert f">{MINUS}1.48<" in page  # typographic minus in HTML
    assert page == forward_table(trace)._repr_html_()  # deterministic (nbval compares it)
    assert "0x" not in page


def test_delta_table_in_the_notes_order(example):
    _, _, delta, _ = example
    table = delta_table(delta)
    assert table.headers == ["delta(3)", "delta(2)", "delta(1)"]
    # The notes: δ3 = -1.855, δ2 = -0.69, δ1 = [-0.44; 0.88].
    assert table.columns == (("-1.85",), ("-0.69",), ("-0.44", "0.88"))
    assert delta_table(delta, decimals=3).columns[0] == ("-1.855",)
    assert "δ<sup>(2)</sup>" in table._repr_html_()


def test_tables_refuse_a_batch():
    net, _, _ = nb.worked_example()
    batch = nb.forward(net, np.array([[1.0], [2.0]]))
    with pytest.raises(ValueError, match="one data point"):
        forward_table(batch)
    with pytest.raises(ValueError, match="one data point"):
        delta_table(nb.backward(net, batch, [1.0, 1.0]))
    with pytest.raises(ValueError, match="decimals"):
        forward_table(nb.forward(net, [2.0]), decimals=-1)


def test_draw_table_shows_the_table_strings(example):
    _, trace, _, _ = example
    table = forward_table(trace)
    artists = draw_table(table)
    assert [[t.get_text() for t in column] for column in artists.cells] == [
        [entry.replace("-", MINUS) for entry in column] for column in table.columns
    ]
    other = Table(table.symbols, tuple(tuple("9.99" for _ in c) for c in table.columns))
    cell = artists.cells[3][0]
    update_table(artists, other)
    assert artists.cells[3][0] is cell and cell.get_text() == "9.99"
    with pytest.raises(ValueError, match="shape"):
        update_table(artists, delta_table(nb.backward(*nb.worked_example()[:1], trace, 1.0)))


# ----- the network diagram -----------------------------------------------------------------------


def test_network_diagram_has_every_node_and_weight(example):
    net, trace, _, _ = example
    artists = draw_network(net, trace, node_label=("s", "x"))
    # d = (1, 2, 1, 1): bias nodes in layers 0..2, 1 + 2 + 1 + 1 other nodes.
    assert sorted(artists.keys) == [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (3, 1)]
    assert len(artists.edges) == net.n_weights == 9
    text = {key: t.get_text() for key, t in artists.node_texts.items()}
    assert text[(0, 0)] == "1"  # bias nodes are the constant 1
    assert text[(0, 1)] == "x 2.00"  # the input has no s
    assert text[(1, 1)] == "s 0.70\nx 0.60"
    assert text[(3, 1)] == f"s {MINUS}0.80\nx {MINUS}0.67"
    weights = {key: t.get_text() for key, t in artists.edge_texts.items()}
    assert weights[(1, 0, 1)] == "0.20" and weights[(2, 2, 0)] == f"{MINUS}3.00"
    labels = [t.get_text() for t in artists.layer_texts]
    assert labels[0].startswith("layer 0 (input)") and "d⁽⁰⁾ = 1" in labels[0]
    assert labels[3].startswith("layer 3 (output)")


def test_network_edges_colour_sign_and_width_size(example):
    net, trace, _, _ = example
    artists = draw_network(net, trace)
    red, _, blue, _ = artists.edges[(2, 2, 0)].get_edgecolor()  # w = -3: blue side of RdBu_r
    assert blue > red
    red, _, blue, _ = artists.edges[(3, 1, 0)].get_edgecolor()  # w = 2: red side
    assert red > blue
    assert artists.edges[(2, 2, 0)].get_linewidth() > artists.edges[(1, 0, 0)].get_linewidth()


def test_network_gradients_on_edges_and_deltas_in_nodes(example):
    net, trace, delta, G = example
    artists = draw_network(net, trace, delta, G, node_label="delta", edge_label="grad")
    # The notes: dE/dW1 = [[-0.44, 0.88], [-0.88, 1.75]], delta1 = [-0.44, 0.88].
    assert artists.edge_texts[(1, 1, 1)].get_text() == "1.75"
    assert artists.edge_texts[(1, 1, 0)].get_text() == f"{MINUS}0.88"
    assert artists.node_texts[(1, 2)].get_text() == "δ 0.88"
    assert artists.node_texts[(0, 1)].get_text() == "x 2.00"  # no δ for the input: shows x


def test_network_without_values_shows_symbols():
    net, _, _ = nb.worked_example()
    artists = draw_network(net, node_label=("s", "x"), edge_label="none")
    assert artists.node_texts[(1, 2)].get_text() == "s⁽¹⁾₂\nx⁽¹⁾₂"
    assert artists.edge_texts == {}


def test_network_backward_direction_and_highlight(example):
    net, trace, delta, _ = example
    artists = draw_network(
        net,
        trace,
        delta,
        node_label=("x", "delta"),
        direction="backward",
        highlight=[(2, 1), (3, 1), (3, 1, 0)],
    )
    assert all(arrow.backward for arrow in artists.edges.values())
    # no δ flows back into a bias node: its edges carry no arrowhead
    assert type(artists.edges[(3, 0, 0)].get_arrowstyle()) is ArrowStyle.Curve
    assert type(artists.edges[(3, 1, 0)].get_arrowstyle()) is ArrowStyle.CurveFilledB
    faces = artists.nodes.get_facecolors()
    edges = artists.nodes.get_edgecolors()
    position = {key: n for n, key in enumerate(artists.keys)}
    assert tuple(edges[position[(2, 1)]][:3]) == pytest.approx(to_rgba(ACCENT)[:3])
    assert faces[position[(2, 1)]][3] == 1.0 and faces[position[(1, 1)]][3] < 0.5  # the rest dims
    assert (
        artists.edges[(3, 1, 0)].get_alpha() == 1.0 and artists.edges[(1, 0, 0)].get_alpha() < 0.5
    )
    with pytest.raises(ValueError, match="highlight"):
        update_network(artists, net, trace, highlight=[(4, 1)])
    with pytest.raises(ValueError, match="direction"):
        update_network(artists, net, trace, direction="sideways")


def test_update_network_changes_the_same_artists(example):
    net, trace, _, _ = example
    artists = draw_network(net, trace, node_label=("s", "x"))
    before = {key: id(t) for key, t in artists.node_texts.items()}
    changed = net.copy()
    changed.W[3][1, 0] = 0.5
    update_network(artists, changed, nb.forward(changed, [2.0]), title="new")
    assert {key: id(t) for key, t in artists.node_texts.items()} == before
    s3 = changed.W[3][0, 0] + 0.5 * trace.x[2][1]  # s3 = W3ᵀ x2 with the new weight
    assert artists.node_texts[(3, 1)].get_text().startswith(f"s {number(s3)}")
    assert artists.edge_texts[(3, 1, 0)].get_text() == "0.50"
    assert artists.title.get_text() == "new"


def test_network_refuses_a_batch_and_bad_options():
    net, _, _ = nb.worked_example()
    with pytest.raises(ValueError, match="one data point"):
        draw_network(net, nb.forward(net, np.array([[1.0], [2.0]])))
    with pytest.raises(ValueError, match="node_label"):
        draw_network(net, node_label="w")
    with pytest.raises(ValueError, match="edge_label"):
        draw_network(net, edge_label="x")


@pytest.mark.parametrize("d", [(2, 3, 1), (3, 4, 4, 2)])
def test_network_draws_other_small_networks(d):
    net = nb.Network.random(d, seed=1)
    trace = nb.forward(net, np.ones(d[0]))
    artists = draw_network(net, trace, node_label="x")
    assert len(artists.edges) == net.n_weights
    assert len(artists.keys) == sum(d) + len(d) - 1  # every layer but the output has a bias node
    assert artists.node_texts[(len(d) - 1, d[-1])].get_text() == f"x {number(trace.x[-1][-1])}"


# ----- sensitivities and gradients ---------------------------------------------------------------


def test_sensitivity_bars_are_the_deltas(example):
    _, _, delta, _ = example
    artists = draw_sensitivities(delta)
    heights = {key: bar.get_height() for key, bar in artists.bars.items()}
    assert heights == {
        (1, 1): delta[1][0],
        (1, 2): delta[1][1],
        (2, 1): delta[2][0],
        (3, 1): delta[3][0],
    }
    # The notes: δ1 = [-0.44, 0.88], δ2 = -0.69, δ3 = -1.855.
    assert artists.texts[(1, 1)].get_text() == f"{MINUS}0.44"
    assert artists.texts[(3, 1)].get_text() == f"{MINUS}1.85"
    red, _, blue, _ = artists.bars[(3, 1)].get_facecolor()
    assert blue > red  # negative: blue side
    low, high = artists.ax.get_ylim()
    assert low == -high and high > abs(delta[3][0])  # zero in the middle, every bar inside


def test_sensitivity_bars_reveal_layers_step_by_step(example):
    _, _, delta, _ = example
    artists = draw_sensitivities(delta)
    update_sensitivities(artists, delta, shown={3}, highlight={3})
    assert artists.texts[(1, 2)].get_text() == "?" and artists.bars[(1, 2)].get_height() == 0
    assert artists.placeholders[(1, 2)].get_visible()  # a grey box stands in for the bar
    assert not artists.placeholders[(3, 1)].get_visible()
    assert artists.bars[(3, 1)].get_height() == delta[3][0]
    assert to_rgba(artists.bars[(3, 1)].get_edgecolor()) == pytest.approx(to_rgba(ACCENT))


def test_gradient_heatmaps_are_the_gradient(example):
    _, _, _, G = example
    maps = draw_gradient_heatmaps(G)
    assert [m.layer for m in maps] == [1, 2, 3]
    for m in maps:
        np.testing.assert_array_equal(m.image.get_array(), G[m.layer])
        low, high = m.image.get_clim()  # shared and symmetric: the largest |∂e/∂w| of all layers
        assert low == -high
        assert_printed(high, "1.85")  # |∂e/∂w⁽³⁾₀₁| = |δ⁽³⁾|, the largest in the notes
    # Each map names exactly its own rows, row 0 the bias (d⁽⁰⁾ = 1, d⁽¹⁾ = 2, d⁽²⁾ = 1) ...
    assert [[t.get_text() for t in m.ax.get_yticklabels()] for m in maps] == [
        ["bias", "i=1"],
        ["bias", "i=1", "i=2"],
        ["bias", "i=1"],
    ]
    # ... and rows line up across the maps: every map spans the rows of the tallest.
    assert {m.ax.get_ylim() for m in maps} == {(2.5, -0.5)}
    # The notes: dE/dW3 = [-1.85; 1.67], dE/dW2 = [-0.69; -0.42; -0.53].
    assert [row[0].get_text() for row in maps[2].texts] == [f"{MINUS}1.85", "1.67"]
    assert [row[0].get_text() for row in maps[1].texts] == [
        f"{MINUS}0.69",
        f"{MINUS}0.42",
        f"{MINUS}0.53",
    ]
    assert [t.get_text() for t in maps[1].ax.get_xticklabels()] == ["j=1"]
    update_gradient_heatmaps(maps, G, shown={3}, highlight={3})
    assert maps[0].texts[1][1].get_text() == "?" and maps[2].frame.get_visible()
    # not computed yet: masked, painted in the map's grey "bad" colour
    assert np.ma.getmaskarray(maps[0].image.get_array()).all()
    assert not maps[1].frame.get_visible()


# ----- rendering helpers -------------------------------------------------------------------------


def test_background_pastes_what_a_full_draw_draws():
    """Static part pasted (blitting API) + dynamic artists drawn = a full draw at the same layout."""
    fig, ax = subplots(figsize=(4.0, 3.0))
    ax.set_title("static title")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    (line,) = ax.plot([0.1, 0.9], [0.1, 0.9], linewidth=3)  # clear of the spines (drawn over lines)
    label = ax.text(0.5, 0.8, "one", ha="center")
    background = Background(fig)
    background.png([line, label], key="k")  # lays out and bakes
    line.set_ydata([0.9, 0.1])
    label.set_text("two")
    baked = pixels(background.png([line, label], key="k"))
    full = pixels(png_bytes(fig))  # the layout engine is off: the same positions
    np.testing.assert_array_equal(baked, full)


def test_background_leaves_savefig_alone():
    """Nothing is added to the figure: savefig at another dpi draws everything as usual."""
    fig, ax = subplots(figsize=(4.0, 3.0))
    (line,) = ax.plot([0.2, 0.8], [0.2, 0.8], linewidth=3)
    Background(fig).png([line], key=())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=160)
    assert pixels(buffer.getvalue()).shape[:2] == (480, 640)
    assert len(fig.artists) == 0 and line.get_visible() and ax.title.get_visible()


def test_a_new_key_lays_out_afresh_and_an_old_one_comes_back_the_same():
    fig, ax = subplots(figsize=(4.0, 3.0))
    (line,) = ax.plot([0, 1], [0, 1])
    ax.set_ylim(0, 1)
    background = Background(fig, keep=1)
    first = background.png([line], key=plot_key(fig))
    ax.set_ylim(0, 100000)  # wider tick labels: another layout
    other = background.png([line], key=plot_key(fig))
    ax.set_ylim(0, 1)
    again = background.png([line], key=plot_key(fig))  # re-baked (keep=1): the same picture
    assert first != other
    np.testing.assert_array_equal(pixels(first), pixels(again))
