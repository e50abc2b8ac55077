"""The README's make-free commands: CI runs the marked macOS/Linux blocks as
printed (scripts/readme_commands.py); they must do what the Makefile does, and
the PowerShell lines must be the same commands."""

from __future__ import annotations

import importlib.util
import re

import pytest

from helpers import ROOT

spec = importlib.util.spec_from_file_location("readme_commands", ROOT / "scripts/readme_commands.py")
readme_commands = importlib.util.module_from_spec(spec)
spec.loader.exec_module(readme_commands)

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
VENV_PYTHON = ".venv/bin/python"


def fenced(section: str, language: str) -> list[str]:
    """The command lines of every ```language block in ``section``."""
    lines = []
    for body in re.findall(rf"^```{language}\n(.*?)\n```", section, re.S | re.M):
        lines += [line for line in body.splitlines() if line.strip()]
    return lines


def makefile_line(start: str) -> str:
    """The first Makefile line that starts with ``start`` (continuations joined), $(PY) spelled out."""
    line = next(line.strip() for line in MAKEFILE.splitlines() if line.strip().startswith(start))
    return " ".join(line.replace("$(PY)", VENV_PYTHON).split())


@pytest.fixture(scope="module")
def ci_lines() -> list[str]:
    return [line for block in readme_commands.blocks(README) for line in block.splitlines()]


@pytest.fixture(scope="module")
def without_make() -> str:
    """The README's 'Without make' section."""
    match = re.search(r"^### Without make.*?(?=^##)", README, re.S | re.M)
    assert match, "README has no '### Without make' section"
    return match.group(0)


def test_ci_runs_every_step_but_the_lab(ci_lines):
    assert ci_lines[0] == "python3 -m venv .venv"
    nbval = makefile_line("NBVAL =").removeprefix("NBVAL = ")
    assert ci_lines[-2:] == [
        makefile_line("MPLBACKEND=Agg $(PY) -m pytest"),         # make test-unit
        f"env -u MPLBACKEND {VENV_PYTHON} -m pytest {nbval} notebooks",   # make test-notebooks
    ]
    assert not [line for line in ci_lines if "jupyter lab" in line]  # it would never return


def test_install_line_has_the_extras_the_tests_need(ci_lines):
    make_extras = re.search(r'pip install --quiet -e "\.\[(.*?)\]"', MAKEFILE).group(1).split(",")
    installs = [line for line in ci_lines if " pip install -e " in line]
    assert installs == [f'{VENV_PYTHON} -m pip install -e ".[{",".join(make_extras[:2])}]"']
    # the Makefile's third extra is the browser tests', which the README's lines do not run
    assert make_extras == ["lab", "test", "browser"]


def test_powershell_lines_are_the_same_commands(without_make):
    """Each PowerShell line, spelled the POSIX way, is one of the macOS/Linux lines."""
    spelled = {
        "py -m venv": "python3 -m venv",
        ".venv\\Scripts\\": ".venv/bin/",
        '$env:MPLBACKEND = "Agg"; ': "MPLBACKEND=Agg ",
        "Remove-Item Env:MPLBACKEND -ErrorAction SilentlyContinue; ": "env -u MPLBACKEND ",
    }
    posix = []
    for line in fenced(without_make, "powershell"):
        for windows, unix in spelled.items():
            line = line.replace(windows, unix)
        posix.append(line)
    assert posix == fenced(without_make, "bash")
    assert len(posix) == 6     # venv, pip upgrade, install, lab, unit tests, notebooks


def test_marked_blocks_are_those_of_the_section(without_make, ci_lines):
    assert README.count(readme_commands.MARKER) == 2
    assert readme_commands.blocks(without_make) == readme_commands.blocks(README)
    assert len(ci_lines) == 5


def test_ci_runs_the_readme_lines_on_python_3_10():
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "py310=$(find_python 3.10)" in ci
    assert re.search(r'scripts/readme_commands\.py --python "\$py310"', ci)


def test_a_marker_away_from_a_bash_fence_is_refused():
    text = f"{readme_commands.MARKER}\n\n```bash\necho hi\n```\n"
    with pytest.raises(ValueError, match="must stand right above"):
        readme_commands.blocks(text)
