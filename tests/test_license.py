"""The license: files present, pyproject.toml's SPDX expression naming them,
and the installed package's metadata saying the same (setuptools older than
77 would not write it: the build-system bound is checked by the install)."""

from __future__ import annotations

import re
from importlib.metadata import metadata

import pytest

from helpers import ROOT, pyproject

# Each SPDX identifier the project may use -> a phrase its license file must hold.
LICENSE_TEXT = {
    "MIT": "Permission is hereby granted, free of charge, to any person obtaining a copy",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/legalcode",
}


@pytest.fixture(scope="module")
def project() -> dict:
    return pyproject()["project"]


def spdx_ids(expression: str) -> set[str]:
    """The license identifiers of an SPDX expression joined by AND/OR."""
    return set(re.split(r"\s+(?:AND|OR)\s+", expression.strip("() ")))


def test_expression_is_code_mit_and_content_cc_by(project):
    assert project["license"] == "MIT AND CC-BY-4.0"


def test_every_license_in_the_expression_has_its_file(project):
    files = project["license-files"]
    texts = {name: (ROOT / name).read_text(encoding="utf-8") for name in files}
    for spdx in spdx_ids(project["license"]):
        assert spdx in LICENSE_TEXT, f"no license text known for {spdx!r}"
        holding = [name for name, text in texts.items() if LICENSE_TEXT[spdx] in text]
        assert len(holding) == 1, f"{spdx}: expected one of {files} to hold it, found {holding}"
    # and no license file is left over
    assert len(files) == len(spdx_ids(project["license"]))


def test_each_license_file_points_to_the_other():
    assert "LICENSE-CONTENT" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "see LICENSE" in (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")


def test_installed_metadata_carries_the_license(project):
    meta = metadata(project["name"])
    assert meta.get("License-Expression") == project["license"], (
        "the installed package's metadata lacks pyproject.toml's license: reinstall it")
    assert sorted(meta.get_all("License-File") or []) == sorted(project["license-files"])


def test_readme_reuse_section_credits_the_source():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Reuse\n(.*?)(?=^## |\Z)", readme, re.S | re.M)
    assert match, "README has no '## Reuse' section"
    reuse = " ".join(match.group(1).split())
    for needed in ("MIT", "CC BY 4.0", "[`LICENSE`](LICENSE)", "[`LICENSE-CONTENT`](LICENSE-CONTENT)",
                   "*Learning From Data*", "Abu-Mostafa", "Magdon-Ismail", "Lin",
                   "AMLbook.com", "e-Chapter 7"):
        assert needed in reuse, f"README's Reuse section does not mention {needed}"
