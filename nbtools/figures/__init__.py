"""Drawing functions (matplotlib): each takes ``ax=None`` and returns its artists."""

from .style import COLORS, DIVERGING, MARKERS, SEQUENTIAL, STYLE, new_figure, png_bytes, style, subplots

__all__ = ["COLORS", "DIVERGING", "MARKERS", "SEQUENTIAL", "STYLE", "new_figure", "png_bytes", "style", "subplots"]

# Learning: descent paths, error surfaces, training curves, decision boundaries.
from .boundary import decision_boundary  # noqa: E402
from .curves import error_curves, sensitivity_history  # noqa: E402
from .descent import descent_contours, descent_curve  # noqa: E402
from .surface_plot import error_surface_plot  # noqa: E402

__all__ += [
    "decision_boundary",
    "descent_contours",
    "descent_curve",
    "error_curves",
    "error_surface_plot",
    "sensitivity_history",
]

# The worked example: network diagram, sensitivities and gradients, the lecture's tables.
from .network import draw_network, update_network  # noqa: E402
from .gradient_heatmaps import draw_gradient_heatmaps, update_gradient_heatmaps  # noqa: E402
from .sensitivity import draw_sensitivities, update_sensitivities  # noqa: E402
from .tables import Table, delta_table, draw_table, forward_table, update_table  # noqa: E402

__all__ += [
    "Table",
    "delta_table",
    "draw_gradient_heatmaps",
    "draw_network",
    "draw_sensitivities",
    "draw_table",
    "forward_table",
    "update_gradient_heatmaps",
    "update_network",
    "update_sensitivities",
    "update_table",
]
