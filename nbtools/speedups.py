"""Switches for the speed mechanisms, to measure what each one buys.

Every mechanism below only makes pictures come sooner; with it switched off a
panel shows the same picture (up to antialiasing), drawn the plain way. They
are all on unless the environment variable ``NBTOOLS_WITHOUT`` names some,
comma-separated, before ``nbtools`` is imported (the kernel's environment):

    NBTOOLS_WITHOUT=baked_background,drawing_ahead jupyter lab

``benchmarks/mechanisms.py`` runs the browser latency test with each switched
off in turn; its table is in ``benchmarks/README.md``.
"""

from __future__ import annotations

import os

#: Each mechanism, and where it lives.
MECHANISMS = {
    "baked_background": "figures/background.py: the static part of the network diagrams baked",
    "fast_redraw": "panels/helpers.FastRedraw: layout kept, static part of the plots baked",
    "drawing_ahead": "panels/ahead.py: the pictures one keypress away drawn on a thread",
    "training_ahead": "panels/training_ahead.py: the training panels' runs trained ahead",
    "few_points": "few_points.py: buffers kept for stochastic and mini-batch steps",
}


def _without(text: str) -> frozenset:
    names = frozenset(n.strip() for n in text.split(",") if n.strip())
    unknown = sorted(names - MECHANISMS.keys())
    if unknown:
        raise ValueError(
            f"NBTOOLS_WITHOUT names {', '.join(map(repr, unknown))}, which is not a speed "
            f"mechanism; it must be a comma-separated list of {', '.join(MECHANISMS)} "
            f"(got {text!r})"
        )
    return names


WITHOUT = _without(os.environ.get("NBTOOLS_WITHOUT", ""))


def on(name: str) -> bool:
    """Whether mechanism ``name`` (a key of ``MECHANISMS``) is switched on."""
    if name not in MECHANISMS:
        raise ValueError(f"name must be one of {', '.join(MECHANISMS)}; got {name!r}")
    return name not in WITHOUT
