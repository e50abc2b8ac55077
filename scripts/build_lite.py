"""Build the whole course as a static JupyterLite site: make lite.

    build/lite-venv/bin/python scripts/build_lite.py [--out build/lite] [--pyodide DIR_OR_TARBALL]

Run by make lite from a venv of its own holding this package's ``lite`` extra
(JupyterLite's tools) and nothing of the course's JupyterLab.

The site runs Python in the browser tab (Pyodide): nothing to install. It
holds the notebooks scripts/published.py lists (notebooks/: 00-09, 08 as
handed out, without its answers), this package's wheel, ipywidgets and what
the kernel needs to start, so it loads with no network at all. The one exception is
Pyodide's compiled package wheels (numpy, matplotlib, pillow, contourpy,
kiwisolver): by default the kernel loads them from Pyodide's own release host
(cdn.jsdelivr.net), as JupyterLite does. With --pyodide (make lite
PYODIDE=...) a local full Pyodide release (a folder or the
pyodide-<version>.tar.bz2 of a release) is bundled instead, for a classroom
without internet.

Downloads (the Pyodide core from the npm registry, pure-Python wheels from
PyPI) are kept in build/cache/lite/, so a second build needs no network.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
from importlib import metadata
from pathlib import Path

from jupyterlite_pyodide_kernel.constants import (
    PYODIDE_CDN_URL,
    PYODIDE_PYTHON_VERSION,
    PYODIDE_VERSION,
)

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "build" / "cache" / "lite"
sys.path.insert(0, str(ROOT / "scripts"))
import published  # noqa: E402  (scripts/published.py: the notebooks every published build takes)

KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
#: Pyodide packages the kernel loads to start, and the ones nbtools imports.
NEEDED = ["micropip", "ipython", "jedi", "packaging", "numpy", "matplotlib"]
#: Pure-Python wheels the Pyodide lock file does not list, installed by piplite:
#: ipywidgets and what it needs (the kernel's own wheels bring ipykernel and
#: widgetsnbextension).
PIPLITE = ["ipywidgets", "jupyterlab_widgets", "comm", "prompt_toolkit"]


def run(*args: str, cwd: Path = ROOT) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(args, check=True, cwd=cwd)


def wheel_of(name: str, version: str) -> Path:
    """The pure-Python wheel of ``name`` ``version`` for Pyodide's Python, from PyPI (cached)."""
    folder = CACHE / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    stem = name.replace("-", "_").lower()
    found = [p for p in folder.glob("*.whl")
             if p.name.lower().startswith(f"{stem}-{version}-") and "none-any" in p.name]
    if not found:
        run(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--only-binary=:all:", "--python-version", PYODIDE_PYTHON_VERSION, "--platform", "any",
            "--dest", str(folder), f"{name}=={version}")
        found = [p for p in folder.glob("*.whl")
                 if p.name.lower().startswith(f"{stem}-{version}-") and "none-any" in p.name]
    if not found:
        raise SystemExit(f"error: no pure-Python wheel of {name} {version} on PyPI")
    return found[0]


def pyodide_core() -> Path:
    """The Pyodide core (runtime and standard library) of the version the
    kernel was built for, from the npm registry (cached)."""
    folder = CACHE / f"pyodide-core-{PYODIDE_VERSION}"
    if not (folder / "pyodide.mjs").exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        run("npm", "pack", "--silent", f"pyodide@{PYODIDE_VERSION}", cwd=CACHE)
        tarball = CACHE / f"pyodide-{PYODIDE_VERSION}.tgz"
        with tarfile.open(tarball) as tar:
            tar.extractall(CACHE / "npm", filter="data")
        shutil.rmtree(folder, ignore_errors=True)
        (CACHE / "npm" / "package").rename(folder)
        tarball.unlink()
    return folder


def closure(packages: dict, names: list[str]) -> list[str]:
    """``names`` and everything they depend on in a Pyodide lock file (its
    keys are normalized names; ``depends`` may spell them otherwise)."""
    keys = {normalize(key): key for key in packages}
    seen, todo = [], list(names)
    while todo:
        key = keys.get(normalize(todo.pop(0)))
        if key is not None and key not in seen:
            seen.append(key)
            todo += packages[key]["depends"]
    return seen


def normalize(name: str) -> str:
    """PEP 503: lowercase, runs of -, _ and . as one -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pyodide_with_pure_wheels(out: Path) -> Path:
    """A Pyodide folder: the npm core, the pure-Python wheels of ``NEEDED``
    (from PyPI, byte for byte the wheels Pyodide publishes), and a lock file
    that sends every other package to Pyodide's release host."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(pyodide_core(), out)
    lock = json.loads((out / "pyodide-lock.json").read_text())
    packages = lock["packages"]
    local = []
    for name in closure(packages, NEEDED):
        entry = packages[name]
        if entry["file_name"].endswith("-none-any.whl"):
            wheel = wheel_of(entry["name"], entry["version"])
            shutil.copy2(wheel, out / wheel.name)
            entry["file_name"] = wheel.name
            entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
            local.append(name)
    for name, entry in packages.items():
        if name not in local:
            entry["file_name"] = f"{PYODIDE_CDN_URL}/{entry['file_name']}"
    (out / "pyodide-lock.json").write_text(json.dumps(lock))
    print(f"pyodide {PYODIDE_VERSION}: {len(local)} pure-Python packages bundled, "
          f"{len(packages) - len(local)} from {PYODIDE_CDN_URL}")
    return out


def this_wheel(folder: Path) -> Path:
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
        "--wheel-dir", str(folder), str(ROOT))
    (found,) = folder.glob("backprop_step_by_step-*.whl")
    return found


def lite_config(pyodide_local: bool) -> dict:
    settings = {"disablePyPIFallback": True}  # every wheel comes from the site
    return {"jupyter-lite-schema-version": 0, "jupyter-config-data": {
        "appName": "Backprop, step by step",
        "exposeAppInBrowser": True,   # window.jupyterapp, for the browser test
        "litePluginSettings": {KERNEL_PLUGIN: settings},
        "nbtools": {"pyodide": "local" if pyodide_local else PYODIDE_CDN_URL},
    }}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "lite")
    parser.add_argument("--pyodide", type=Path, default=None,
                        help="a full Pyodide release (folder or .tar.bz2) to bundle")
    args = parser.parse_args(argv)
    src = ROOT / "build" / "lite-src"
    shutil.rmtree(src, ignore_errors=True)
    files, wheels = src / "files", src / "pypi"
    files.mkdir(parents=True)
    wheels.mkdir()
    for notebook in published.notebooks():
        shutil.copy2(notebook, files / notebook.name)
    this_wheel(wheels)
    for name in PIPLITE:
        shutil.copy2(wheel_of(name, metadata.version(name)), wheels)
    widgets = wheel_of("jupyterlab_widgets", metadata.version("jupyterlab_widgets"))
    kernel_ext = Path(sys.prefix) / "share/jupyter/labextensions" / KERNEL_PLUGIN.split(":")[0]
    addon = {}
    well_known = src / "static" / "pyodide"   # copied into the site as it is
    if args.pyodide is None:
        pyodide_with_pure_wheels(well_known)
    elif args.pyodide.is_dir():
        if not (args.pyodide / "pyodide.mjs").exists():
            raise SystemExit(f"error: PYODIDE={args.pyodide} must be a Pyodide release folder "
                             "(one holding pyodide.mjs and pyodide-lock.json)")
        well_known.parent.mkdir(parents=True)
        well_known.symlink_to(args.pyodide.resolve(), target_is_directory=True)
    elif args.pyodide.name.endswith(".tar.bz2"):
        addon = {"pyodide_url": str(args.pyodide.resolve())}   # extracted by the addon
    else:
        raise SystemExit(f"error: PYODIDE={args.pyodide}: expected a Pyodide release folder or "
                         "its pyodide-<version>.tar.bz2")
    config = lite_config(args.pyodide is not None)
    (src / "jupyter-lite.json").write_text(json.dumps(config, indent=2))
    build = {"contents": [str(files)], "output_dir": str(args.out.resolve()),
             "ignore_sys_prefix": True, "no_sourcemaps": True,
             "federated_extensions": [str(widgets), str(kernel_ext)]}
    (src / "jupyter_lite_config.json").write_text(json.dumps(
        {"LiteBuildConfig": build, "PyodideAddon": addon}, indent=2))
    shutil.rmtree(args.out, ignore_errors=True)
    run(sys.executable, "-m", "jupyterlite_core", "build", cwd=src)
    # the browser asks every host for /favicon.ico: answer it (a 404 is a console error)
    shutil.copy2(args.out / "lab" / "favicon.ico", args.out / "favicon.ico")
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"JupyterLite site in {args.out}: {size / 1e6:.0f} MB; serve it from any static "
          f"host, e.g. python -m http.server -d {args.out}")


if __name__ == "__main__":
    main()
