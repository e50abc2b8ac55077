"""Interactive panels (ipywidgets + figures + core)."""

from .base import Panel

__all__ = ["Panel"]
