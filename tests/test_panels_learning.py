"""The learning panels driven headlessly: what each shows is compared with
nbtools computed directly (hand loops, nb.error_surface, nb.train, nb.forward)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_descent import hand_loop

import nbtools as nb
from nbtools import descent
from nbtools.panels import (
    BatchComparisonPanel,
    ErrorSurfacePanel,
    GradientDescentPanel,
    PlaygroundPanel,
)


def assert_finite(shown, where="shown"):
    """No NaN or infinity anywhere in what a panel shows (None is allowed)."""
    if isinstance(shown, dict):
        for key, value in shown.items():
            assert_finite(value, f"{where}[{key!r}]")
    elif isinstance(shown, (list, tuple)):
        for i, value in enumerate(shown):
            assert_finite(value, f"{where}[{i}]")
    elif isinstance(shown, np.ndarray) and shown.dtype.kind == "f":
        assert np.all(np.isfinite(shown)), f"{where} is not finite"
    elif isinstance(shown, float):
        assert math.isfinite(shown), f"{where} = {shown}"


def replay_demo_moves(panel):
    for move in panel.demo_moves():
        shown = panel.update(**move)
        assert panel.last_error is None, f"{move}: {panel.last_error!r}"
        assert_finite(shown)
        assert panel.describe(shown)


# ----- GradientDescentPanel -----------------------------------------------------------------------


def test_gd_1d_path_is_the_update_rule():
    panel = GradientDescentPanel()
    shown = panel.update(curvature=2.0, eta=0.2, start=-1.5, steps=12)
    # E = (λ/2) w² so E'(w) = λ w: w ← w − η λ w.
    expected = hand_loop(lambda w: 2.0 * w, [-1.5], 0.2, 12)
    np.testing.assert_allclose(shown["path"], expected, rtol=1e-12)
    np.testing.assert_allclose(shown["E"], 0.5 * 2.0 * expected[:, 0] ** 2, rtol=1e-12)
    assert shown["status"] == "converges"
    assert shown["threshold"] == pytest.approx(1.0)


@pytest.mark.parametrize(
    "eta, status", [(0.5, "converges"), (1.5, "oscillates"), (2.5, "diverges"), (9.0, "diverges")]
)
def test_gd_1d_status_against_two_over_curvature(eta, status):
    panel = GradientDescentPanel(dimension=1)
    shown = panel.update(function="quadratic", curvature=1.0, eta=eta)
    assert shown["status"] == status
    assert shown["threshold"] == pytest.approx(2.0)
    assert_finite(shown)
    if status == "diverges":
        assert "Try η < 2" in shown["message"]
        assert "diverges" in panel.describe(shown).lower()


def test_gd_curvature_moves_the_threshold():
    panel = GradientDescentPanel()
    shown = panel.update(curvature=4.0, eta=0.6)
    assert shown["threshold"] == pytest.approx(0.5)
    assert shown["status"] == "diverges"
    assert "0.5" in panel.readout.value


def test_gd_nonconvex_disables_curvature_and_reports_local_threshold():
    panel = GradientDescentPanel()
    shown = panel.update(function="non-convex", eta=0.05, start=2.5, steps=100)
    assert panel.controls["curvature"].disabled
    assert shown["curvatures"] is None
    w_min = descent.nonconvex_1d().minima[1][0]  # the shallow minimum, right of 0
    assert shown["path"][-1, 0] == pytest.approx(w_min, abs=1e-4)
    assert shown["threshold"] == pytest.approx(2.0 / (3 * w_min**2 - 2))
    expected = hand_loop(lambda w: w**3 - 2 * w + 0.5, [2.5], 0.05, 100)
    np.testing.assert_allclose(shown["path"], expected, rtol=1e-10)
    assert panel.update(function="quadratic")["curvatures"] == (1.0,)
    assert not panel.controls["curvature"].disabled


def test_gd_2d_path_is_the_update_rule_in_the_valley():
    panel = GradientDescentPanel(dimension=2)
    shown = panel.update(curvature=8.0, eta=0.1, start_w1=-2.0, start_w2=1.0, steps=15)
    expected = hand_loop(lambda w: np.array([1.0, 8.0]) * w, [-2.0, 1.0], 0.1, 15)
    np.testing.assert_allclose(shown["path"], expected, rtol=1e-12)
    assert shown["threshold"] == pytest.approx(2 / 8)
    assert shown["status"] == "converges"
    assert panel.update(eta=0.2)["status"] == "oscillates"
    diverged = panel.update(eta=0.3, steps=100)
    assert diverged["status"] == "diverges" and diverged["stopped_at"] is not None
    assert_finite(diverged)


def test_gd_rosenbrock_and_round():
    panel = GradientDescentPanel(dimension=2)
    shown = panel.update(
        function="Rosenbrock valley", eta=0.02, start_w1=-1.0, start_w2=2.0, steps=100
    )
    b = 2.0
    expected = hand_loop(
        lambda w: np.array(
            [-2 * (1 - w[0]) - 4 * b * w[0] * (w[1] - w[0] ** 2), 2 * b * (w[1] - w[0] ** 2)]
        ),
        [-1.0, 2.0],
        0.02,
        100,
    )
    np.testing.assert_allclose(shown["path"], expected, rtol=1e-10)
    assert shown["E"][-1] < shown["E"][0]
    # round, λ = 5 both ways: straight in below 1/λ = 0.2, zig-zag up to 2/λ = 0.4, then out
    for eta, status in ((0.15, "converges"), (0.39, "oscillates"), (0.41, "diverges")):
        assert panel.update(function="round quadratic", curvature=5.0, eta=eta)["status"] == status


@pytest.mark.parametrize("dimension", [1, 2])
def test_gd_demo_moves_and_reset(dimension):
    panel = GradientDescentPanel(dimension)
    first = {
        key: np.copy(value) if isinstance(value, np.ndarray) else value
        for key, value in panel.shown.items()
    }
    replay_demo_moves(panel)
    shown = panel.reset()
    assert panel.values == panel._defaults
    np.testing.assert_array_equal(shown["path"], first["path"])
    assert shown["status"] == first["status"]


def test_gd_rejects_bad_dimension_and_values():
    with pytest.raises(ValueError, match="dimension"):
        GradientDescentPanel(dimension=3)
    panel = GradientDescentPanel()
    with pytest.raises(ValueError, match="eta"):
        panel.update(eta=100.0)
    with pytest.raises(ValueError, match="unknown control"):
        panel.update(start_w1=1.0)


# ----- ErrorSurfacePanel --------------------------------------------------------------------------


def test_surface_grid_is_nb_error_surface():
    panel = ErrorSurfacePanel()
    net, x, y = nb.worked_example()
    shown = panel.update(a=(1, 0, 1), b=(2, 2, 0), half_width=2.0)
    assert shown["a"] == (1, 0, 1) and shown["b"] == (2, 2, 0)
    np.testing.assert_allclose(shown["a_values"], np.linspace(0.2 - 2.0, 0.2 + 2.0, 60))
    np.testing.assert_allclose(shown["b_values"], np.linspace(-3.0 - 2.0, -3.0 + 2.0, 60))
    expected = nb.error_surface(
        net, x, y, (1, 0, 1), (2, 2, 0), shown["a_values"], shown["b_values"]
    )
    np.testing.assert_allclose(shown["surface"], expected, rtol=1e-12)


def test_surface_path_is_gradient_descent_on_the_two_weights():
    panel = ErrorSurfacePanel()
    net, x, y = nb.worked_example()
    shown = panel.update(
        a=(3, 0, 0), b=(3, 1, 0), half_width=1.0, start_a=-0.5, start_b=0.5, eta=0.4, steps=10
    )
    a, b = (3, 0, 0), (3, 1, 0)

    def gradient(w):
        moved = net.copy()
        moved.W[3][0, 0], moved.W[3][1, 0] = w
        G = nb.gradient(moved, x, y)[1]
        return np.array([G[3][0, 0], G[3][1, 0]])

    start = [1.0 - 0.5, 2.0 + 0.5]  # the current weights plus start × half-width
    np.testing.assert_allclose(shown["path"], hand_loop(gradient, start, 0.4, 10), rtol=1e-10)
    assert shown["E"][-1] < shown["E"][0]
    assert shown["status"] == "converges"
    assert (a, b) == (shown["a"], shown["b"])


def test_surface_is_cached_when_only_the_path_changes():
    panel = ErrorSurfacePanel()
    surface = panel.shown["surface"]
    assert panel.update(eta=0.05)["surface"] is surface
    assert panel.update(start_a=0.3, steps=5)["surface"] is surface
    assert panel.update(half_width=1.0)["surface"] is not surface


def test_surface_weight_labels_cover_the_network():
    panel = ErrorSurfacePanel()
    labels = [label for label, _ in panel.controls["a"].options]
    # the lecture's symbols, j numbered from 1 like the notes (numpy column j - 1)
    assert labels == ["w⁽¹⁾₀₁", "w⁽¹⁾₀₂", "w⁽¹⁾₁₁", "w⁽¹⁾₁₂", "w⁽²⁾₀₁", "w⁽²⁾₁₁", "w⁽²⁾₂₁", "w⁽³⁾₀₁", "w⁽³⁾₁₁"]


def test_surface_same_weight_twice_is_an_error_in_the_panel():
    panel = ErrorSurfacePanel()
    panel.update(a=(2, 0, 0), b=(2, 0, 0))
    assert isinstance(panel.last_error, ValueError)
    assert "must differ" in panel.error_box.value
    panel.update(b=(3, 1, 0))
    assert panel.last_error is None and panel.error_box.value == ""


def test_surface_of_a_trained_network_says_it_is_a_slice():
    X, y = nb.make_dataset("moons", N=80, seed=1)
    net = nb.train(nb.Network.random((2, 4, 1), seed=1), X, y, eta=0.1, epochs=5).net
    panel = ErrorSurfacePanel(net, X, y)
    assert "17-dimensional" in panel.readout.value and "other 15 weights" in panel.readout.value
    shown = panel.update(a=(1, 1, 2), b=(2, 3, 0))
    expected = nb.error_surface(
        net, X, y, (1, 1, 2), (2, 3, 0), shown["a_values"], shown["b_values"]
    )
    np.testing.assert_allclose(shown["surface"], expected, rtol=1e-12)
    with pytest.raises(ValueError, match="X and y"):
        ErrorSurfacePanel(net)


def test_surface_divergence_is_a_message_not_nan():
    X, y = nb.make_dataset("circles", N=50, seed=0)
    net = nb.Network.random((2, 3, 1), hidden="tanh", output="identity", seed=0)
    panel = ErrorSurfacePanel(net, X, y)
    shown = panel.update(eta=30.0, steps=200)
    assert shown["status"] == "diverges"
    assert "too large" in shown["message"]
    assert_finite(shown)
    assert "diverges" in panel.readout.value.lower()


def test_surface_demo_moves_and_reset():
    panel = ErrorSurfacePanel()
    first = panel.shown
    replay_demo_moves(panel)
    shown = panel.reset()
    assert panel.values == panel._defaults
    np.testing.assert_allclose(shown["surface"], first["surface"])
    np.testing.assert_allclose(shown["path"], first["path"])


# ----- BatchComparisonPanel -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def comparison():
    return BatchComparisonPanel(N=60)


def reference_run(panel, k, epochs, eta):
    return nb.train(
        panel.start_net, panel.X, panel.y, eta=eta, batch_size=k, epochs=epochs, seed=panel.seed
    )


def test_batch_panel_starts_untrained(comparison):
    shown = comparison.reset()
    assert shown["frame"] == 0
    E0 = {kind: run["E_epochs"].tolist() for kind, run in shown["runs"].items()}
    assert E0["batch"] == E0["stochastic"] == E0["mini-batch"]  # one starting network
    assert E0["batch"][0] == pytest.approx(
        nb.error(comparison.start_net, comparison.X, comparison.y)
    )


def test_batch_panel_histories_equal_train(comparison):
    comparison.reset()
    comparison.update(eta=0.2, k=7)
    for _ in range(3):
        shown = comparison.animation_frame()
    assert shown["frame"] == 3
    for kind, k in (("batch", None), ("stochastic", 1), ("mini-batch", 7)):
        reference = reference_run(comparison, k, 3, 0.2)
        run = shown["runs"][kind]
        np.testing.assert_allclose(run["E_epochs"], reference.E_epochs, rtol=1e-12)
        np.testing.assert_allclose(run["E_iterations"], reference.E_iterations, rtol=1e-12)
        assert run["iterations"].tolist() == [e * math.ceil(60 / (k or 60)) for e in range(4)]
        assert run["k"] == (k or 60)


def test_batch_panel_step_button_and_play_tick_advance_one_frame(comparison):
    comparison.reset()
    comparison.step_button.click()
    assert comparison.shown["frame"] == 1
    comparison.play.playing = True
    comparison.play.value += 1  # what a tick of the Play widget does
    assert comparison.shown["frame"] == 2
    reference = reference_run(comparison, comparison.controls["k"].value, 2, 0.1)
    np.testing.assert_allclose(
        comparison.shown["runs"]["mini-batch"]["E_epochs"], reference.E_epochs
    )


def test_batch_panel_view_controls_keep_training_others_restart(comparison):
    comparison.reset()
    comparison.run(2)
    assert comparison.update(x_axis="seconds")["frame"] == 2
    assert comparison.update(selected="batch")["frame"] == 2
    assert comparison.update(eta=0.05)["frame"] == comparison.start_frames


def test_batch_panel_boundary_is_the_selected_networks_output(comparison):
    comparison.reset()
    shown = comparison.run(2)
    for kind in ("batch", "stochastic"):
        shown = comparison.update(selected=kind)
        net = comparison.runs[["batch", "stochastic", "mini-batch"].index(kind)].net
        x1, x2 = np.meshgrid(shown["x1"], shown["x2"])
        h = nb.forward(net, np.column_stack([x1.ravel(), x2.ravel()])).h[:, 0].reshape(x1.shape)
        np.testing.assert_allclose(shown["boundary"], h, rtol=1e-12)
        assert shown["boundary"].shape == (60, 60)
        assert (
            shown["x1"][0] <= comparison.X[:, 0].min()
            and shown["x1"][-1] >= comparison.X[:, 0].max()
        )


def test_batch_panel_divergence_is_a_message_and_curves_stop():
    panel = BatchComparisonPanel(N=40, output="identity")
    panel.update(eta=8.0)
    for _ in range(3):
        shown = panel.animation_frame()
    assert panel.last_error is None
    assert shown["runs"]["stochastic"]["diverged"]
    reference = reference_run(panel, 1, 3, 8.0)
    assert reference.diverged
    assert reference.message in shown["runs"]["stochastic"]["message"]
    assert shown["runs"]["stochastic"]["E_epochs"].tolist() == reference.E_epochs.tolist()
    assert any("try η = 0.8" in m for m in shown["messages"])
    assert 'role="alert"' in panel.readout.value
    assert_finite(shown)
    assert panel.play.playing is not True


def test_batch_panel_demo_moves_frames_and_reset():
    panel = BatchComparisonPanel(N=40, hidden=(4,), dataset="xor", seed=2)
    replay_demo_moves(panel)
    panel.animation_frame()
    shown = panel.reset()
    assert shown["frame"] == 0 and panel.values == panel._defaults
    assert all(len(run["E_epochs"]) == 1 for run in shown["runs"].values())
    with pytest.raises(ValueError, match="dataset"):
        BatchComparisonPanel(dataset="regression_1d")


# ----- PlaygroundPanel ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def playground():
    return PlaygroundPanel(N=60)


def test_playground_history_equals_train(playground):
    playground.reset()
    shown = playground.update(
        dataset="moons", layers="5, 3", hidden="relu", output="identity", eta=0.05, k=10
    )
    for _ in range(2):
        shown = playground.animation_frame()
    X, y = nb.make_dataset("moons", N=60, seed=0)
    net = nb.Network.random((2, 5, 3, 1), hidden="relu", output="identity", seed=0)
    reference = nb.train(net, X, y, eta=0.05, batch_size=10, epochs=2, seed=0)
    run = shown["runs"]["training"]
    np.testing.assert_allclose(run["E_epochs"], reference.E_epochs, rtol=1e-12)
    assert shown["d"] == (2, 5, 3, 1)
    # mean |δ^(l)| after the last frame, by forward and backward passes written here
    trained = reference.net
    delta = nb.backward(trained, nb.forward(trained, X), y)
    np.testing.assert_allclose(
        run["deltas"][-1], [np.mean(np.abs(delta[ell])) for ell in (1, 2, 3)]
    )
    assert run["deltas"].shape == (3, 3)


def test_playground_logistic_error(playground):
    playground.reset()
    playground.update(error="logistic", eta=0.3)
    shown = playground.run(3)
    X, y = nb.make_dataset("circles", N=60, seed=0)
    net = nb.Network.random((2, 8, 1), hidden="tanh", output="tanh", seed=0)
    reference = nb.train(net, X, y, eta=0.3, batch_size=20, epochs=3, seed=0, error="logistic")
    np.testing.assert_allclose(
        shown["runs"]["training"]["E_epochs"], reference.E_epochs, rtol=1e-12
    )


def test_playground_deep_sigmoid_shows_vanishing_sensitivities(playground):
    playground.reset()
    playground.update(layers="8, 8, 8, 8", hidden="sigmoid")
    deltas = playground.run(2)["runs"]["training"]["deltas"]
    assert deltas.shape == (3, 5)
    assert np.all(np.diff(deltas[-1]) > 0) and deltas[-1, 0] < deltas[-1, -1] / 100
    assert "δ^(1)" in playground.readout.value


def test_playground_bad_layers_text_is_an_error_in_the_panel(playground):
    playground.reset()
    playground.update(layers="8, x")
    assert isinstance(playground.last_error, ValueError)
    assert "is not one" in playground.error_box.value
    frame = playground.frame
    playground.animation_frame()  # no training while the controls are in error
    assert playground.frame == frame
    playground.update(layers="")  # no hidden layer: a linear model
    assert playground.last_error is None and playground.shown["d"] == (2, 1)


def test_playground_divergence(playground):
    playground.reset()
    playground.update(output="identity", eta=10.0, k=1)
    shown = playground.run(2)
    run = shown["runs"]["training"]
    assert run["diverged"] and "too large" in run["message"]
    assert_finite(shown)
    assert 'role="alert"' in playground.readout.value


def test_playground_changing_data_moves_points_and_grid(playground):
    playground.reset()
    shown = playground.update(dataset="xor")
    X, _ = nb.make_dataset("xor", N=60, seed=0)
    assert shown["x1"][0] < X[:, 0].min() and shown["x2"][-1] > X[:, 1].max()
    points = playground.boundary.positive.get_xydata()
    assert len(points) == 30  # balanced labels


def test_playground_demo_moves_and_reset(playground):
    playground.reset()
    replay_demo_moves(playground)
    playground.animation_frame()
    shown = playground.reset()
    assert playground.values == playground._defaults
    assert shown["frame"] == 0 and shown["d"] == (2, 8, 1)


# ----- the figures on their own (ax=None in, artists out, updated in place) ----------------------


def test_figures_update_in_place():
    from nbtools.figures import (
        decision_boundary,
        descent_contours,
        descent_curve,
        error_curves,
        error_surface_plot,
        sensitivity_history,
    )

    curve = descent_curve(descent.quadratic_1d(2.0), path=[[1.0], [0.5]])
    np.testing.assert_allclose(curve.path.line.get_ydata(), [1.0, 0.25])  # E = w² on the path
    curve.set_path([[2.0]])
    assert curve.path.end.get_xdata().tolist() == [2.0]

    contours = descent_contours(descent.quadratic_2d((1.0, 4.0)), path=np.zeros((3, 2)))
    assert contours.quiver.N == 144  # 12 × 12 arrows of −∇E
    a, b = np.linspace(-1, 1, 21), np.linspace(-2, 2, 11)
    surface = np.add.outer(b**2, a**2)
    plot = error_surface_plot(a, b, surface, arrows=4)
    U, V = plot.quiver.U, plot.quiver.V
    offsets = plot.quiver.get_offsets()
    # −∇E points back towards the minimum at the origin
    assert np.all(U * offsets[:, 0] <= 1e-12) and np.all(V * offsets[:, 1] <= 1e-12)
    plot.set_path([[0.5, 1.0], [0.2, 0.3]])
    assert plot.path.line.get_xdata().tolist() == [0.5, 0.2]

    X, y = nb.make_dataset("xor", N=40, seed=0)
    net = nb.Network.random((2, 4, 1), seed=0)
    boundary = decision_boundary(net, X, y)
    H = boundary.set_network(net)
    x1, x2 = np.meshgrid(boundary.x1, boundary.x2)
    expected = nb.forward(net, np.column_stack([x1.ravel(), x2.ravel()])).h[:, 0]
    np.testing.assert_allclose(H.ravel(), expected)

    curves = error_curves({"a": ([0, 1], [1.0, 0.5]), "b": ([0, 1], [1.0, 0.8])})
    assert [line.get_marker() for line in curves.lines.values()] == ["o", "s"]  # not colour alone
    assert len({line.get_linestyle() for line in curves.lines.values()}) == 2
    curves.set_data({"b": ([0, 1, 2], [1.0, 0.8, 0.7])})
    assert list(curves.lines) == ["b"] and len(curves.ax.lines) == 1

    history = sensitivity_history([0, 1], [[0.1, 1.0], [0.2, 0.9]])
    assert list(history.lines) == ["δ⁽¹⁾", "δ⁽²⁾"]


def test_training_panel_leaves_its_runs_to_subclasses():
    from nbtools.panels import TrainingPanel

    with pytest.raises(NotImplementedError):
        TrainingPanel.run_settings(None, {})


def test_training_panel_move_trains_as_far_as_the_first_picture():
    panel = PlaygroundPanel(N=60, frames=3)
    assert panel.shown["frame"] == 3
    shown = panel.update(eta=0.2)
    assert shown["frame"] == 3
    assert shown["runs"]["training"]["epochs"].tolist() == [0, 1, 2, 3]
    assert "after 3 epochs" in panel.readout.value


def test_training_panel_redraws_never_interleave_across_threads():
    """ipykernel 7 may run a Play tick and a click on two threads at once."""
    import threading

    panel = PlaygroundPanel(N=60, frames=2)
    first = panel.png
    stop = threading.Event()

    def play():
        while not stop.is_set():
            panel.animation_frame()

    worker = threading.Thread(target=play)
    worker.start()
    try:
        for _ in range(4):
            panel.step_button.click()
            panel.update(eta=0.2)
            panel.reset()
    finally:
        stop.set()
        worker.join()
    panel.reset()
    assert panel.png == first


def test_batch_panel_default_mini_batch_visibly_beats_batch_per_epoch():
    panel = BatchComparisonPanel(dataset="circles", N=200, hidden=(8,), seed=0, frames=10)
    runs = panel.shown["runs"]
    assert runs["mini-batch"]["E_epochs"][-1] < 0.8 * runs["batch"]["E_epochs"][-1]


def test_descent_panel_moves_a_start_outside_the_picture_inside_and_says_so():
    panel = GradientDescentPanel(2)
    shown = panel.update(function="Rosenbrock valley")
    (x_low, x_high), (y_low, y_high) = panel._function.window
    w1, w2 = shown["path"][0]
    assert x_low <= w1 <= x_high and y_low <= w2 <= y_high
    assert panel.controls["start_w1"].value == w1
    assert "lay outside the picture" in shown["message"]


def test_descent_panel_divergence_at_the_first_step_says_no_step_is_drawn():
    panel = GradientDescentPanel(2)
    shown = panel.update(function="Rosenbrock valley", eta=10.0)
    assert "up to" not in shown["message"]
    assert "no step is drawn" in shown["message"]


@pytest.mark.parametrize(
    "make, start, detour",
    [
        (ErrorSurfacePanel, {"half_width": 3.0}, {"half_width": 0.25}),  # tick labels lengthen
        (lambda: PlaygroundPanel(frames=3), {"eta": 0.1}, {"eta": 10.0}),  # δ axis reaches 1e-07
        (lambda: BatchComparisonPanel(N=60, frames=2), {"k": 10}, {"k": 1}),
        (lambda: GradientDescentPanel(dimension=1), {"curvature": 1.0}, {"curvature": 0.3}),
        # same lengths, other labels on the way: one layout was kept for both before
        (ErrorSurfacePanel, {"half_width": 5.0}, {"half_width": 4.75}),
    ],
)
def test_picture_depends_on_the_values_shown_not_on_the_way_there(make, start, detour):
    """A held key whose intermediate values the browser skips must end on the
    picture that the same value reached step by step gives: byte for byte."""
    direct = make()
    direct.update(**start)
    around = make()
    around.update(**detour)
    around.update(**start)
    assert around.png == direct.png


def test_a_layout_keeps_room_for_a_digit_more_in_steps_of_two():
    from nbtools.figures.background import room

    assert room([]) == 0
    assert room(["0", "1"]) == 2
    assert room(["−1", "0", "1"]) == 4   # a minus sign is wider than a digit
    assert room(["−2.5", "0.0"]) == room(["−2.50"]) == 6
    assert room(["1e-05", "0.1"]) == 6


def test_log_labels_of_powers_of_ten_take_at_most_five_characters():
    from nbtools.figures._axes import plain_log

    labels = [plain_log(10.0**k) for k in range(-30, 31)]
    assert max(map(len, labels)) == 5
    assert plain_log(1e-4) == "1e-04" and plain_log(0.001) == "0.001" and plain_log(1e4) == "1e+04"
    assert plain_log(1.0) == "1" and plain_log(1000.0) == "1000"
