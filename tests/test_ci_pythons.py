""".ci/run's find_python: the newest working pythonX.Y among pyenv's versions,
and a message naming the version when there is none."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from helpers import ROOT

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason=".ci/run is a bash script")

FIND_PYTHON = re.search(r"^find_python\(\) \{\n.*?^\}\n", (ROOT / ".ci/run").read_text(encoding="utf-8"),
                        re.S | re.M).group(0)


def find_python(version: str, root) -> subprocess.CompletedProcess:
    """Run .ci/run's find_python with a pyenv whose root is ``root``."""
    script = f'pyenv() {{ echo "{root}"; }}\n{FIND_PYTHON}find_python {version}\n'
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"})


@pytest.fixture
def pyenv_root(tmp_path):
    """Fake pyenv versions: 3.10.9 and 3.10.13 run, 3.10.20 refuses (exit 1)."""
    for patch, status in (("9", 0), ("13", 0), ("20", 1)):
        python = tmp_path / f"versions/3.10.{patch}/bin/python3.10"
        python.parent.mkdir(parents=True)
        python.write_text(f"#!/bin/sh\nexit {status}\n")
        python.chmod(0o755)
    return tmp_path


def test_the_newest_working_patch_release_is_chosen(pyenv_root):
    found = find_python("3.10", pyenv_root)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == str(pyenv_root / "versions/3.10.13/bin/python3.10")


def test_a_missing_version_stops_with_a_message_naming_it(pyenv_root):
    found = find_python("3.13", pyenv_root)
    assert found.returncode == 1
    assert found.stdout == ""
    assert "no working Python 3.13" in found.stderr
    assert "pyenv install 3.13" in found.stderr
