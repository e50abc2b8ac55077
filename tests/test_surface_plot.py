"""The colour bar of the error-surface picture: it says the colours are E, and
after other weights are chosen it shows the new surface's scale (a matplotlib
colour bar made for one contour set keeps that set's levels unless told)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.colors import to_rgb

from nbtools.figures.surface_plot import error_surface_plot
from nbtools.panels import ErrorSurfacePanel


def _pixels(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def _colour_bar(fig, main_ax):
    bars = [ax for ax in fig.axes if ax is not main_ax]
    assert len(bars) == 1, f"expected one colour bar beside the surface, found {len(bars)} other axes"
    return bars[0]


def _assert_spans(bar, surface):
    """The bar's axis runs from the surface's lowest to its highest E (the
    contour levels reach 1 % beyond each end so that plateaus are filled)."""
    low, high = float(surface.min()), float(surface.max())
    bottom, top = bar.get_ylim()
    margin = 0.05 * (high - low)
    assert low - margin <= bottom <= low and high <= top <= high + margin, (
        f"colour bar from {bottom:.4g} to {top:.4g}; the surface's E runs from {low:.4g} to {high:.4g}"
    )
    inside = [t for t in bar.get_yticks() if bottom <= t <= top]
    assert 2 <= len(inside) <= 5, f"ticks {inside}: a few round values, readable from the back"


def _bar_colour_at(png, fig, bar, E):
    """The colour the shown picture has in the middle of the bar at height E."""
    x, y = bar.transData.transform((0.5, E))
    pixels = _pixels(png)
    return pixels[int(round(fig.bbox.height - y)), int(round(x))] / 255.0


def _band_colours(fill):
    """The face colours of a filled contour set's bands, lower extension first
    (matplotlib < 3.8 keeps one collection per band instead)."""
    if hasattr(fill, "get_facecolor"):
        return list(fill.get_facecolor())
    return [c.get_facecolor()[0] for c in fill.collections]


def _band_colour(fill, k):
    """The colour of the filled-contour band from level k to level k + 1."""
    return np.asarray(to_rgb(_band_colours(fill)[k + 1]))  # entry 0 is the lower extension


@pytest.mark.parametrize(
    "move",
    [
        {"a": (1, 0, 0), "half_width": 1.0},  # another weight: E from 0.67 to 3.84 (first: 0 to 4)
        {"a": (3, 0, 0), "b": (2, 2, 0), "half_width": 0.25},  # a narrow window: E from 2.06 to 3.26
    ],
)
def test_surface_panel_colour_bar_is_E_and_follows_other_weights(move):
    panel = ErrorSurfacePanel()
    bar = _colour_bar(panel.fig, panel.ax)
    assert bar.get_ylabel() == "$E$"
    _assert_spans(bar, panel.shown["surface"])
    first, first_png = bar.get_ylim(), panel.png

    shown = panel.update(**move)
    _assert_spans(bar, shown["surface"])
    assert bar.get_ylim() != first
    # In the picture the student sees (static part pasted, the rest drawn live),
    # the bar at a given E has the colour of that E's band in the contours.
    fill = panel.picture.fill
    assert len(_band_colours(fill)) == len(fill.levels) + 1  # bands and both extensions
    for k in (5, 9, 13):  # bands tall enough on the bar to sample (levels crowd at low E)
        E = 0.5 * (fill.levels[k] + fill.levels[k + 1])
        np.testing.assert_allclose(
            _bar_colour_at(panel.png, panel.fig, bar, E), _band_colour(fill, k), atol=0.03,
            err_msg=f"colour of the bar at E = {E:.4g}",
        )

    # Only the path moves: same bar. Back to the first weights: the first bar again.
    panel.update(start_a=0.3)
    _assert_spans(bar, shown["surface"])
    panel.reset()
    assert bar.get_ylim() == first
    assert panel.png == first_png  # the bar, its ticks and its label where they first were


def test_surface_plot_colour_bar_is_optional_and_follows_set_surface():
    a, b = np.linspace(-1, 1, 21), np.linspace(-2, 2, 11)
    plain = error_surface_plot(a, b, np.add.outer(b**2, a**2))
    assert plain.colorbar is None and plain.ax.figure.axes == [plain.ax]

    plot = error_surface_plot(a, b, np.add.outer(b**2, a**2), colorbar="$E$")
    bar = _colour_bar(plot.ax.figure, plot.ax)
    assert plot.colorbar.ax is bar and bar.get_ylabel() == "$E$"
    _assert_spans(bar, np.add.outer(b**2, a**2))
    steeper = 10.0 + 3.0 * np.add.outer(b**2, a**2)  # E from 10 to 25
    plot.set_surface(a, b, steeper)
    _assert_spans(bar, steeper)
    assert plot.colorbar.mappable is plot.fill
