"""nbtools: forward propagation, backpropagation and gradient descent in the
notation of the lecture notes, for the notebooks of this course kit.

The core (this namespace) needs numpy only. ``nbtools.figures`` (matplotlib)
and ``nbtools.panels`` (ipywidgets) are imported on first use, so
``import nbtools`` stays fast and changes nothing global.
"""

from importlib import import_module

from .activations import ACTIVATIONS, Activation, get_activation
from .algorithm_box import backprop_one_point, gradient_point_by_point
from .datasets import CLASSIFICATION, DATASETS, circles, make_dataset, moons, regression_1d, xor
from .layers import Layers
from .measures import ERROR_MEASURES, ErrorMeasure, get_error_measure
from .network import Network, worked_example
from .numerical import numerical_gradient
from .propagation import Trace, backward, error, forward, gradient, pointwise_errors
from .surface import error_surface
from .training import GradientDescent, TrainResult, train

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "Activation", "CLASSIFICATION", "DATASETS", "ERROR_MEASURES", "ErrorMeasure",
    "GradientDescent", "Layers", "Network", "Trace", "TrainResult", "backprop_one_point", "backward",
    "circles", "error", "error_surface", "forward", "get_activation", "get_error_measure", "gradient",
    "gradient_point_by_point", "make_dataset", "moons", "numerical_gradient", "pointwise_errors",
    "regression_1d", "train", "worked_example", "xor",
]

_LAZY = ("figures", "panels")


def __getattr__(name):
    if name in _LAZY:
        return import_module(f".{name}", __name__)
    raise AttributeError(f"module 'nbtools' has no attribute {name!r}")
