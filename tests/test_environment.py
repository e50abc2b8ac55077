"""environment.yml (conda, Binder) and pyproject.toml (pip) name the same packages.

Conda specs are parsed with conda's own syntax (py-rattler's ``MatchSpec``),
pip entries with ``packaging.requirements.Requirement``; nothing is installed
or downloaded.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from rattler import MatchSpec, VersionSpec
from rattler import Version as CondaVersion
from rattler.exceptions import InvalidMatchSpecError

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]

# Extras that environment.yml installs besides the runtime dependencies.
EXTRAS = ("lab", "test", "browser")
# Conda package name -> PyPI name, where they differ.
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}
# Conda entries that are the interpreter and its installer, not dependencies.
NOT_DEPENDENCIES = {"python", "pip"}
# pip-section entries that install this repository itself.
THIS_PACKAGE = {"-e .", "."}


def normalize(name: str) -> str:
    """PEP 503 name: lowercase, runs of -, _ and . become one -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def lower_bound(constraints: list[str]) -> Version | None:
    """The version after ``>=`` in a list of constraints, or None."""
    bounds = [Version(c[2:].strip()) for c in constraints if c.startswith(">=")]
    return max(bounds) if bounds else None


def pip_packages(pyproject: dict) -> dict[str, Version | None]:
    """Runtime and EXTRAS requirements of a parsed pyproject.toml: name -> lower bound."""
    project = pyproject["project"]
    lines = list(project.get("dependencies", []))
    for extra in EXTRAS:
        lines += project.get("optional-dependencies", {}).get(extra, [])
    packages = {}
    for line in lines:
        req = Requirement(line)
        packages[normalize(req.name)] = lower_bound([str(s) for s in req.specifier])
    return packages


def conda_packages(environment: dict) -> tuple[dict[str, Version | None], list[str]]:
    """Dependencies of a parsed environment.yml: (name -> lower bound, pip-section entries).

    Conda entries go through ``MatchSpec`` and ``CONDA_TO_PYPI``; requirements
    in the pip section count as PyPI names; entries that install a local path
    (``-e .``) are returned separately.
    """
    packages = {}
    pip_section: list[str] = []
    for entry in environment.get("dependencies", []):
        if isinstance(entry, dict):
            pip_section += entry.get("pip", [])
            continue
        spec = MatchSpec(entry)
        name = normalize(spec.name.normalized)
        if name in NOT_DEPENDENCIES:
            continue
        constraints = spec.version.split(",") if spec.version else []
        packages[normalize(CONDA_TO_PYPI.get(name, name))] = lower_bound(constraints)
    local = []
    for line in pip_section:
        if line.strip() in THIS_PACKAGE:
            local.append(line.strip())
            continue
        req = Requirement(line)
        packages[normalize(req.name)] = lower_bound([str(s) for s in req.specifier])
    return packages, local


def differences(pyproject: dict, environment: dict) -> list[str]:
    """Every way the two files disagree on packages and lower bounds (empty: they agree)."""
    pip = pip_packages(pyproject)
    conda, _ = conda_packages(environment)
    problems = []
    for name in sorted(pip.keys() - conda.keys()):
        problems.append(f"{name}: in pyproject.toml, missing from environment.yml")
    for name in sorted(conda.keys() - pip.keys()):
        problems.append(f"{name}: in environment.yml, missing from pyproject.toml")
    for name in sorted(pip.keys() & conda.keys()):
        if pip[name] != conda[name]:
            problems.append(
                f"{name}: lower bound {pip[name]} in pyproject.toml, "
                f"{conda[name]} in environment.yml"
            )
    return problems


def lowest_python(accepts) -> tuple[int, int]:
    """The first 3.x release (x.0) that ``accepts(version_string)`` allows."""
    for minor in range(0, 30):
        if accepts(f"3.{minor}.0"):
            return (3, minor)
    raise AssertionError("no Python 3.0-3.29 is allowed")


def pip_python(pyproject: dict) -> tuple[int, int]:
    allowed = SpecifierSet(pyproject["project"]["requires-python"])
    return lowest_python(lambda v: Version(v) in allowed)


def conda_python(environment: dict) -> tuple[int, int]:
    specs = [MatchSpec(e) for e in environment["dependencies"] if isinstance(e, str)]
    (python,) = [s for s in specs if s.name.normalized == "python"]
    assert python.version, "environment.yml must give python a lower bound"
    allowed = VersionSpec(python.version)
    return lowest_python(lambda v: allowed.matches(CondaVersion(v)))


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_same_packages_and_lower_bounds(pyproject, environment):
    problems = differences(pyproject, environment)
    assert not problems, "pyproject.toml and environment.yml disagree:\n" + "\n".join(problems)


def test_python_lower_bound_is_3_10_in_both(pyproject, environment):
    assert pip_python(pyproject) == (3, 10)
    assert conda_python(environment) == (3, 10)


def test_environment_installs_this_package_for_binder(environment):
    _, local = conda_packages(environment)
    assert len(local) == 1, f"pip section must install this repository once; got {local}"


def test_environment_uses_conda_forge_only(environment):
    assert environment["channels"] == ["conda-forge"]


def test_no_extra_pulls_torch(pyproject):
    extras = pyproject["project"]["optional-dependencies"]
    for extra, lines in extras.items():
        names = {normalize(Requirement(line).name) for line in lines}
        assert "torch" not in names, f"extra {extra!r} would pull a multi-GB CUDA build"


def test_differences_reports_every_kind_of_mismatch():
    pyproject = {
        "project": {
            "requires-python": ">=3.10",
            "dependencies": ["numpy>=1.24", "matplotlib>=3.7", "Only_In_Pip"],
            "optional-dependencies": {"test": ["pytest>=7.4"], "docs": ["sphinx"]},
        }
    }
    environment = {
        "channels": ["conda-forge"],
        "dependencies": [
            "python>=3.9",
            "pip",
            "numpy >=1.26,<3",  # bound differs
            "conda-forge::matplotlib-base>=3.7",  # same package under its conda name
            "pytest>=7.4",
            "only-in-conda",
            {"pip": ["-e .", "only.in.pip.section>=2"]},
        ],
    }
    assert differences(pyproject, environment) == [
        "only-in-pip: in pyproject.toml, missing from environment.yml",
        "only-in-conda: in environment.yml, missing from pyproject.toml",
        "only-in-pip-section: in environment.yml, missing from pyproject.toml",
        "numpy: lower bound 1.24 in pyproject.toml, 1.26 in environment.yml",
    ]
    # "docs" is not an extra environment.yml installs: sphinx is not expected.
    assert pip_python(pyproject) == (3, 10)
    assert conda_python(environment) == (3, 9)


def test_differences_is_empty_for_an_agreeing_pair():
    pyproject = {"project": {"dependencies": ["NumPy>=1.24", "py_rattler>=0.28"]}}
    environment = {"dependencies": ["python>=3.10", "numpy>=1.24", "py-rattler >=0.28"]}
    assert differences(pyproject, environment) == []


def test_invalid_conda_spec_is_an_error():
    with pytest.raises(InvalidMatchSpecError):
        conda_packages({"dependencies": ["numpy >=>1.24"]})
