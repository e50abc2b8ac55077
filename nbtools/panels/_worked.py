"""What the worked-example panels share: the lecture's values as controls.

Weights are named in the lecture's numbering, ``w1_01`` for w⁽¹⁾₀₁ =
W^(1)[0, 0] (row i = 0 is the bias; the lecture numbers the nodes of a layer
from 1, numpy from 0): these names are the keywords of ``update``.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from ..figures.labels import number, weight_name, weight_symbol
from ..network import Network, worked_example
from ..propagation import error, forward, gradient
from .base import Panel

SLIDER_WIDTH = "290px"
SLIDER_STYLE = {"description_width": "64px"}
#: Width of the one slider beside a weight Dropdown (OneWeightPanel).
ONE_SLIDER_WIDTH = "320px"


def lecture_network() -> tuple[Network, float, float]:
    """The lecture's network and its point: (net, x, y) with x = 2, y = 1."""
    net, x, y = worked_example()
    return net, float(x[0]), float(y)


def weight_index(net: Network) -> dict[str, tuple[int, int, int]]:
    """Every weight by name, W^(1) first, row by row: {"w1_01": (1, 0, 0), ...}."""
    return {
        weight_name(ell, i, j): (ell, i, j)
        for ell, W in net.W.items()
        for i, j in np.ndindex(W.shape)
    }


def weight_options(net: Network) -> list[tuple[str, str]]:
    """Dropdown options (label, name): ("w⁽¹⁾₀₁", "w1_01"), ..."""
    return [(weight_symbol(*index), name) for name, index in weight_index(net).items()]


def weight_sliders(net: Network) -> dict[str, widgets.FloatSlider]:
    """One slider per weight, starting at its value in ``net``, range −4..4."""
    return {
        name: widgets.FloatSlider(
            value=float(net.W[ell][i, j]),
            min=-4.0,
            max=4.0,
            step=0.05,
            readout_format=".2f",
            description=weight_symbol(ell, i, j),
            tooltip=f"W[{ell}][{i}, {j}] in numpy's indices. Arrow keys: steps of 0.05; "
            "PageUp/PageDown: 0.25; type in the box for any value in the range",
            continuous_update=True,
            layout=widgets.Layout(width=SLIDER_WIDTH),
            style=SLIDER_STYLE,
        )
        for name, (ell, i, j) in weight_index(net).items()
    }


def point_sliders(x: float, y: float) -> dict[str, widgets.FloatSlider]:
    """The input x (−3..3) and the target y (−1..1)."""
    common = {
        "step": 0.05,
        "readout_format": ".2f",
        "continuous_update": True,
        
        "style": SLIDER_STYLE,
    }
    return {
        "x": widgets.FloatSlider(value=x, min=-3.0, max=3.0, description="input x",
                                 layout=widgets.Layout(width=SLIDER_WIDTH), **common),
        "y": widgets.FloatSlider(value=y, min=-1.0, max=1.0, description="target y",
                                 layout=widgets.Layout(width=SLIDER_WIDTH), **common),
    }


def network_from(values: dict, template: Network) -> Network:
    """A network shaped like ``template`` with the weights named in ``values``."""
    W = [np.array(w, copy=True) for w in template.W]
    for name, (ell, i, j) in weight_index(template).items():
        W[ell - 1][i, j] = values[name]
    return Network(W, hidden=template.hidden.name, output=template.output.name)


def vector_html(values, decimals: int = 2) -> str:
    """[a, b, c] with fixed decimals, HTML-escaped."""
    return html.escape("[" + ", ".join(number(v, decimals) for v in np.ravel(values)) + "]")


class LectureValuesPanel(Panel):
    """A panel with a slider for every weight of the lecture's network, the input and the target.

    Subclasses may add controls with ``extra_controls``; ``forward_pass``
    turns the control values into the network and its forward trace.
    """

    def build_controls(self):
        self.template, x, y = lecture_network()
        return {**weight_sliders(self.template), **point_sliders(x, y), **self.extra_controls()}

    def extra_controls(self) -> dict:
        return {}

    def forward_pass(self, values: dict):
        """(net, trace): the network with the sliders' weights, forward-propagated at x."""
        net = network_from(values, self.template)
        return net, forward(net, [values["x"]])


class OneWeightPanel(Panel):
    """A panel about one weight of the lecture's network (x = 2, y = 1), chosen from a Dropdown.

    Every other weight keeps the lecture's value. Subclasses name their second
    control in ``extra_controls`` and their starting weight in ``default_weight``.
    """

    default_weight = "w1_01"

    def build_controls(self):
        self.net, self.x, self.y = lecture_network()
        self.index = weight_index(self.net)
        self.e0, self.G = gradient(self.net, [self.x], self.y)
        self._curves: dict = {}
        weight = widgets.Dropdown(
            options=weight_options(self.net),
            value=self.default_weight,
            description="weight",
            layout=widgets.Layout(width="220px"),
        )
        return {"weight": weight, **self.extra_controls()}

    def extra_controls(self) -> dict:
        raise NotImplementedError

    def weight(self, name: str) -> tuple[tuple[int, int, int], float, float]:
        """The weight called ``name``: its index (l, i, j), its value, and ∂e/∂w from backprop."""
        index = self.index[name]
        return index, float(self.net.W[index[0]][index[1:]]), float(self.G[index[0]][index[1:]])

    def e_at(self, index, w: float) -> float:
        """e with W[l][i, j] = w and every other weight at the lecture's value."""
        probe = self.net.copy()
        probe.W[index[0]][index[1:]] = w
        return error(probe, [self.x], self.y)

    def curve(self, name: str):
        """What ``make_curve`` computes for the weight ``name``, computed once per weight."""
        if name not in self._curves:
            self._curves[name] = self.make_curve(name)
        return self._curves[name]

    def make_curve(self, name: str):
        raise NotImplementedError
