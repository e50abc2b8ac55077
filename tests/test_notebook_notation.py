"""One notation and one voice in every notebook.

- The layer index is ℓ in maths (``\\ell``) and ``ell`` in code, never a bare ``l``:
  ``(l)``, ``(l+1)``, ``[l]``, ``layer l``. A quotation of the lecture notes (text
  between double quotes, where the notes' own ``l`` is kept) is exempt.
- Weights are named on controls and in pictures by the lecture's symbol w⁽ℓ⁾ᵢⱼ (or
  its ASCII keyword ``w3_11``), never by numpy's ``W3[1,0]``.
- A side trip is headed "Going further" and says in its first line that it is optional.
- Lessons talk about backpropagation, not about the test harness: no "notebook tests",
  "nbval" or "compared by the tests" in the prose (that goes in cell metadata).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))

QUOTED = re.compile(r'"[^"\n]*"')
BARE_L_MATH = re.compile(r"\(l(?:\s*[+-]\s*1)?\)|[_^]\{l\s*=|\$l\$|\$l\s*[-+]\s*1\$")
BARE_L_TEXT = re.compile(r"\^\(l(?:\s*[+-]\s*1)?\)|\[l\]|\blayer l\b|\bfor l (?:in|=)")
NUMPY_WEIGHT_NAME = re.compile(r"\bW\d+\[\d+,\d+\]")
HARNESS = re.compile(r"notebook tests|\bnbval\b|compared by the tests|ignored by the (?:notebook )?tests",
                     re.IGNORECASE)
GOING_FURTHER = re.compile(r"^#{2,3} Going further", re.MULTILINE)


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return src if isinstance(src, str) else "".join(src)


def _shown_text(cell: dict) -> str:
    """What a reader sees of a cell: its source, and for code its text and HTML outputs."""
    parts = [_source(cell)]
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        for kind in ("text/plain", "text/html"):
            data = out.get("data", {}).get(kind, "")
            parts.append(data if isinstance(data, str) else "".join(data))
    return "\n".join(parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_layer_index_is_ell(path):
    found = []
    for index, cell in enumerate(_cells(path)):
        if cell["cell_type"] not in ("markdown", "code"):
            continue
        text = QUOTED.sub('""', _source(cell)) if cell["cell_type"] == "markdown" else _source(cell)
        for pattern in (BARE_L_MATH, BARE_L_TEXT):
            found += [f"cell {index}: {m.group(0)!r}" for m in pattern.finditer(text)]
    assert not found, f"{path.name}: the layer index must be ℓ / ell, found " + "; ".join(found)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_weights_are_named_like_the_lecture(path):
    found = [
        f"cell {index}: {m.group(0)}"
        for index, cell in enumerate(_cells(path))
        for m in NUMPY_WEIGHT_NAME.finditer(_shown_text(cell))
    ]
    assert not found, f"{path.name}: name weights w⁽ℓ⁾ᵢⱼ (lecture), not numpy's W3[1,0]: " + "; ".join(found)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_side_trips_say_they_are_optional(path):
    for index, cell in enumerate(_cells(path)):
        src = _source(cell)
        if cell["cell_type"] == "markdown" and GOING_FURTHER.search(src):
            after = src[GOING_FURTHER.search(src).end():].split("\n", 1)[1].lstrip()
            assert after.startswith("*Optional"), (
                f"{path.name}: cell {index} opens a 'Going further' section without the line "
                f"'*Optional ...*' under its heading"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lessons_do_not_talk_about_the_test_harness(path):
    found = [
        f"cell {index}: {m.group(0)!r}"
        for index, cell in enumerate(_cells(path))
        if cell["cell_type"] == "markdown"
        for m in HARNESS.finditer(_source(cell))
    ]
    assert not found, f"{path.name}: lessons speak about backprop, not the test harness: " + "; ".join(found)


def test_the_checks_catch_what_they_are_for():
    """Each pattern above rejects the kind of text it is meant to, and spares a quotation."""
    assert BARE_L_MATH.search(r"$\delta^{(l)}$") and BARE_L_MATH.search(r"\prod_{l=1}")
    assert not BARE_L_MATH.search(QUOTED.sub('""', r'"we thus use $\delta^{(l)}$ to seed"'))
    assert not BARE_L_MATH.search(r"$\delta^{(\ell)}$")
    assert BARE_L_TEXT.search("# s^(l) = W x") and BARE_L_TEXT.search("net.W[l]")
    assert not BARE_L_TEXT.search("net.W[ell]; s^(ℓ)")
    assert NUMPY_WEIGHT_NAME.search("as W2[0,0] (across)") and not NUMPY_WEIGHT_NAME.search("W[2][0, 0]")
    assert HARNESS.search("so this output is not compared by the tests")
