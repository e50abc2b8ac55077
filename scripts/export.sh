#!/usr/bin/env bash
# Static exports that work offline: for each notebook,
#   build/export/<nb>.html          the notebook as a web page (nbconvert, lab template)
#   build/export/<nb>.slides.html   the notebook as reveal.js slides
# with every panel as its stored static picture and a note saying so (a slider
# that moved without a kernel would leave the picture behind, which looks broken),
# and every script from build/export/assets/, referenced by relative
# URL: reveal.js, require.js, jQuery, @jupyter-widgets/html-manager and MathJax 2,
# all from the npm registry at build time (scripts/fetch_assets.sh). Nothing is
# loaded from a CDN when the pages are viewed; copy build/export/ anywhere
# (a USB stick, a web server) and open the .html files.
#
#   bash scripts/export.sh                      # every notebook scripts/published.py lists
#                                               # (notebooks/*.ipynb; 08 as handed out)
#   bash scripts/export.sh notebooks/02_*.ipynb # some
#   OUT=/tmp/site bash scripts/export.sh        # another folder
#
# Slides follow the cells' slide metadata; a notebook (or cell) without it gets
# the rules of scripts/slide_metadata.py in the export only (the notebook file is
# not changed). Mermaid diagrams are not supported (their script is not bundled).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$ROOT/build/export}"
if [[ -x "$ROOT/.venv/bin/python" ]]; then PY="${PY:-$ROOT/.venv/bin/python}"; else PY="${PY:-python3}"; fi

if [[ $# -gt 0 ]]; then
    NOTEBOOKS=("$@")
else
    mapfile -t NOTEBOOKS < <("$PY" "$ROOT/scripts/published.py")
fi
if [[ ${#NOTEBOOKS[@]} -eq 0 ]]; then
    echo "export: no notebooks to export" >&2
    exit 1
fi

bash "$ROOT/scripts/fetch_assets.sh" >&2

mkdir -p "$OUT/assets"
for part in reveal.js require.js jquery.min.js html-manager mathjax; do
    rm -rf "${OUT:?}/assets/$part"
    cp -r "$ROOT/build/assets/$part" "$OUT/assets/$part"
done
cp "$ROOT/build/assets/VERSIONS.txt" "$OUT/assets/"

"$PY" - "$OUT" "$ROOT/scripts" "${NOTEBOOKS[@]}" <<'PYEOF'
import sys
import time
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter, SlidesExporter
from traitlets.config import Config

out, scripts, notebooks = Path(sys.argv[1]), Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]]
sys.path.insert(0, str(scripts))
import slide_metadata  # noqa: E402

c = Config()
# URLs relative to the exported page (build/export/<nb>.html)
c.HTMLExporter.require_js_url = "assets/require.js"
c.HTMLExporter.jquery_url = "assets/jquery.min.js"
c.HTMLExporter.mathjax_url = "assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
c.HTMLExporter.widget_renderer_url = "assets/html-manager/embed-amd.js"
c.SlidesExporter.reveal_url_prefix = "assets/reveal.js"
c.SlidesExporter.reveal_theme = "white"
c.SlidesExporter.reveal_transition = "slide"
c.SlidesExporter.reveal_scroll = True
c.SlidesExporter.reveal_width = "1280"
c.SlidesExporter.reveal_height = "800"

# Two changes to the stock templates:
# - no mermaid.js: they import it from cdnjs (the reveal one on every page load,
#   even with no diagram);
# - require.js paths for the widget manager: embed-amd.js finds its fonts (Font
#   Awesome, for button icons) next to the URL requirejs gives its AMD modules,
#   by default <page dir>/@jupyter-widgets/...; point those at assets/html-manager.
OFFLINE_BLOCKS = """
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_js_requirejs -%}
{{ super() }}
<script>
require.config({paths: {
  "@jupyter-widgets/html-manager/dist": "assets/html-manager",
  "@jupyter-widgets": "assets/html-manager"
}});
</script>
{%- endblock html_head_js_requirejs -%}
"""
loader = DictLoader({
    "offline_lab.html.j2": "{%- extends 'lab/index.html.j2' -%}" + OFFLINE_BLOCKS,
    "offline_reveal.html.j2": "{%- extends 'reveal/index.html.j2' -%}" + OFFLINE_BLOCKS,
})
html = HTMLExporter(config=c, extra_loaders=[loader], template_name="lab",
                    template_file="offline_lab.html.j2")
slides = SlidesExporter(config=c, extra_loaders=[loader], template_name="reveal",
                        template_file="offline_reveal.html.j2")

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STATIC_NOTE = (
    '<p class="nbtools-static-note" style="margin:2px 0;padding:3px 8px;border-left:4px solid '
    '#8a5a00;background:#fff7e6;color:#222;font-size:14px">Static picture of the panel as the '
    "notebook first draws it. Open the notebook in JupyterLab (<code>make lab</code>) to move "
    "its controls.</p>"
)


def static_panels(nb) -> int:
    """Each panel output keeps only its static picture and text, after a note."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            if "nbtools" in out.get("metadata", {}) and WIDGET_VIEW in out.get("data", {}):
                del out["data"][WIDGET_VIEW]
                outputs.append(nbformat.v4.new_output("display_data", data={"text/html": STATIC_NOTE}))
                count += 1
            outputs.append(out)
        cell.outputs = outputs
    nb.metadata.pop("widgets", None)   # no widget state: nothing left to make live
    return count


for path in notebooks:
    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    static_panels(nb)                        # in memory only
    resources = {"metadata": {"name": path.stem, "path": str(path.parent)}}
    body, _ = html.from_notebook_node(nb, resources=dict(resources))
    (out / f"{path.stem}.html").write_text(body, encoding="utf-8")
    changed = slide_metadata.apply(nb)       # in memory only
    body, _ = slides.from_notebook_node(nb, resources=dict(resources))
    (out / f"{path.stem}.slides.html").write_text(body, encoding="utf-8")
    note = f" ({len(changed)} cells without slide metadata: rules applied)" if changed else ""
    print(f"export: {path.name} -> {path.stem}.html, {path.stem}.slides.html "
          f"in {time.perf_counter() - start:.1f} s{note}")
PYEOF

# No page may load a script, a style sheet or a module from the network
# (plain links in the text are fine).
remote='<script[^>]*src="https?://|<link[^>]*href="https?://|(import|from)[ (]*["'"'"']https?://'
if grep -qE "$remote" "$OUT"/*.html; then
    echo "export: these pages still load something from the network:" >&2
    grep -oE "$remote"'[^"'"'"']*' "$OUT"/*.html | sort | uniq -c >&2
    exit 1
fi
echo "export: wrote ${#NOTEBOOKS[@]} notebook(s) to $OUT"
