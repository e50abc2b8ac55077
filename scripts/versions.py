"""Print the Python and package versions a test run used, one line.

    python scripts/versions.py LABEL     e.g. "lowest tested"
"""

from __future__ import annotations

import platform
import sys
from importlib.metadata import version

NAMES = ["numpy", "matplotlib", "ipywidgets", "jupyterlab", "ipykernel", "pytest", "nbval"]

if __name__ == "__main__":
    label = " ".join(sys.argv[1:]) or "tested"
    print(f"{label} (Python {platform.python_version()}): "
          + ", ".join(f"{n} {version(n)}" for n in NAMES))
