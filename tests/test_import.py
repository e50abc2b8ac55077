"""``import nbtools`` is quiet, light and changes nothing global.

Each check runs in a fresh interpreter, since this test process has long
imported matplotlib and friends.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(code: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONSTARTUP", None)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def run_json(code: str):
    """Run ``code``, which ends by printing one JSON value; return it."""
    done = run(code)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_import_prints_nothing():
    done = run("import nbtools")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""


def test_import_loads_neither_matplotlib_nor_ipywidgets():
    loaded = run_json(
        "import sys, json, nbtools\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "    ('matplotlib', 'ipywidgets', 'IPython', 'nbtools'))))"
    )
    assert "nbtools" in loaded  # the probe does see modules
    assert not [m for m in loaded if m.split(".")[0] in ("matplotlib", "ipywidgets", "IPython")]
    assert "nbtools.figures" not in loaded and "nbtools.panels" not in loaded


def test_import_leaves_numpy_random_state_alone():
    same = run_json(
        "import json, numpy as np\n"
        "np.random.seed(123); expected = np.random.random(4).tolist()\n"
        "np.random.seed(123)\n"
        "import nbtools\n"
        # seeded constructors use a generator of their own
        "net = nbtools.Network.random((2, 3, 1), seed=0)\n"
        "print(json.dumps(np.random.random(4).tolist() == expected))"
    )
    assert same is True


def test_figures_and_panels_load_lazily():
    steps = run_json(
        "import sys, json, nbtools\n"
        "seen = [('matplotlib' in sys.modules, 'ipywidgets' in sys.modules)]\n"
        "nbtools.figures\n"
        "seen.append(('matplotlib' in sys.modules, 'ipywidgets' in sys.modules))\n"
        "nbtools.panels\n"
        "seen.append(('matplotlib' in sys.modules, 'ipywidgets' in sys.modules))\n"
        "print(json.dumps(seen))"
    )
    assert steps == [[False, False], [True, False], [True, True]]


def test_unknown_attribute_is_an_attribute_error():
    outcome = run_json(
        "import json, nbtools\n"
        "try:\n"
        "    nbtools.no_such_thing\n"
        "except AttributeError as exc:\n"
        "    print(json.dumps(str(exc)))\n"
    )
    assert "no_such_thing" in outcome


def test_public_names_exist():
    import nbtools

    missing = [name for name in nbtools.__all__ if not hasattr(nbtools, name)]
    assert not missing
    for name in (
        "Network",
        "worked_example",
        "forward",
        "backward",
        "gradient",
        "error",
        "numerical_gradient",
        "train",
        "error_surface",
        "backprop_one_point",
    ):
        assert name in nbtools.__all__


def test_figures_and_panels_leave_rcparams_alone():
    """The package style is applied with a context, never to the global rcParams."""
    changed = run_json(
        "import json, matplotlib\n"
        # the backend entry is resolved on first use of pyplot, not by nbtools
        "before = {k: repr(v) for k, v in matplotlib.rcParams.items() if k != 'backend'}\n"
        "import nbtools\n"
        "nbtools.figures, nbtools.panels\n"
        "after = {k: repr(v) for k, v in matplotlib.rcParams.items() if k != 'backend'}\n"
        "print(json.dumps([k for k in before if before[k] != after[k]]))"
    )
    assert changed == []
