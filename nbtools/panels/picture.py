"""How a panel's picture is put on the page: an <img> that keeps its proportions."""

from __future__ import annotations

import base64
import html

#: A picture is shown as wide as the notebook lets it, up to this many times its
#: own width (Presentation Mode, a projector), and wraps below the controls
#: rather than shrink (a laptop with the file browser open).
GROW, SHRINK = 1.5, 1.0


def figure_html(png: bytes, alt: str, min_text_px: float, width: float) -> str:
    """The ``<img>`` a panel's figure widget shows: the PNG inline, its alt text,
    the smallest label in pixels of the picture (``data-min-text-px``, for the
    legibility tests), as wide as the notebook lets it up to GROW × ``width``."""
    return (
        f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}" '
        f'alt="{html.escape(alt, quote=True)}" '
        f'data-min-text-px="{min_text_px:.1f}" '
        f'style="width:100%;max-width:{GROW * width:.0f}px;height:auto">'
    )
