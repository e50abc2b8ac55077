"""Interactive panels (ipywidgets + figures + core)."""

from .base import Panel

__all__ = ["Panel"]

# Learning: gradient descent, error surfaces, batch sizes, a playground.
from .batch_comparison import BatchComparisonPanel  # noqa: E402
from .error_surface import ErrorSurfacePanel  # noqa: E402
from .gradient_descent import GradientDescentPanel  # noqa: E402
from .playground import PlaygroundPanel  # noqa: E402
from .training_base import TrainingPanel  # noqa: E402

__all__ += [
    "BatchComparisonPanel",
    "ErrorSurfacePanel",
    "GradientDescentPanel",
    "PlaygroundPanel",
    "TrainingPanel",
]

# The worked example, alive: forward pass, backward pass, gradient check, first order.
from .backward import BackwardPanel  # noqa: E402
from .first_order import FirstOrderPanel  # noqa: E402
from .forward import ForwardPanel  # noqa: E402
from .gradient_check import GradientCheckPanel  # noqa: E402
from .graph import GraphPanel  # noqa: E402

__all__ += ["BackwardPanel", "FirstOrderPanel", "ForwardPanel", "GradientCheckPanel", "GraphPanel"]
