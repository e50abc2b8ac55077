#!/usr/bin/env bash
# Lecture mode: serve one notebook as reveal.js slides through Voila, with code
# hidden and the panels live, and with every asset served locally (the deck
# works with no network).
#
#   bash scripts/slides.sh notebooks/02_forward_propagation.ipynb
#   PORT=8870 bash scripts/slides.sh NB        # another port (default 8866)
#   NO_BROWSER=1 bash scripts/slides.sh NB     # do not open a browser
#   THEME=simple TRANSITION=none bash scripts/slides.sh NB
#
# Then open http://127.0.0.1:8866/ (Voila prints the URL). Keys: arrows or
# space to move, Esc for the overview, F for full screen. Keys on a focused
# control (a clicked slider, a button) go to the control only: click on the
# slide background before pressing an arrow to change the slide.
# A folder instead of a notebook: Voila lists its notebooks, each a deck.
#
# How: a Voila template "nbtools-reveal" (written into build/voila/ on each run)
# extends Voila's "reveal" template, takes reveal.js's CSS, jQuery and Font
# Awesome from build/assets/ (scripts/fetch_assets.sh, npm registry) instead of
# unpkg/jsDelivr/cdnjs, and serves them under /voila/static/offline/. Cells'
# slide types come from their metadata (scripts/slide_metadata.py sets them).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NB="${1:-}"
if [[ -z "$NB" || ! -e "$NB" ]]; then
    echo "usage: bash scripts/slides.sh NOTEBOOK.ipynb|FOLDER   (got '${NB}')" >&2
    exit 2
fi
shift
PORT="${PORT:-8866}"
THEME="${THEME:-white}"
TRANSITION="${TRANSITION:-slide}"
if [[ -x "$ROOT/.venv/bin/python" ]]; then PY="${PY:-$ROOT/.venv/bin/python}"; else PY="${PY:-python3}"; fi

bash "$ROOT/scripts/fetch_assets.sh" >&2

DATA="$ROOT/build/voila"
TPL="$DATA/voila/templates/nbtools-reveal"
rm -rf "$TPL"
mkdir -p "$TPL/static/offline"
cp -r "$ROOT/build/assets/reveal.js" "$ROOT/build/assets/fontawesome" \
      "$ROOT/build/assets/jquery.min.js" "$TPL/static/offline/"

cat > "$TPL/conf.json" <<JSON
{
  "base_template": "reveal",
  "traitlet_configuration": {
    "resources": {
      "reveal": {
        "url_prefix": "/voila/static/offline/reveal.js",
        "theme": "$THEME",
        "transition": "$TRANSITION",
        "number": "c/t",
        "width": "1280",
        "height": "800",
        "scroll": true
      }
    }
  }
}
JSON

cat > "$TPL/index.html.j2" <<'J2'
{#- Voila's reveal template with its CDN links replaced by local copies. -#}
{%- extends 'voila/templates/reveal/index.html.j2' -%}

{#- Voila sends <script>window.voila_heartbeat()</script> every 10 s while the
    notebook runs, but the reveal template defines that function only in the
    body, after the run: a notebook taking over 10 s threw a TypeError. -#}
{%- block html_head_js_jquery -%}
  <script>window.voila_heartbeat = window.voila_heartbeat || function () {};</script>
  <script src="{{ resources.base_url }}voila/static/offline/jquery.min.js"></script>
{%- endblock html_head_js_jquery -%}

{#- Same as Voila's block, with Font Awesome from build/assets, then nbconvert's. -#}
{%- block notebook_css -%}
  {{ resources.include_css("static/materialcolors.css") }}
  {{ resources.include_css("static/labvariables.css") }}
  {% if frontend == "voila" %}
    {{ resources.include_js("static/voila-style.js") }}
  {% endif %}
  {{ spinner.css() }}
  <style>
    .jp-mod-noOutputs.jp-mod-noInput { display: none; }
    #rendered_cells { padding: 0px!important }
    /* a panel is wide: use the slide's width, keep the figure inside it */
    .reveal .nbtools-panel img { max-width: 100%; max-height: 360px; width: auto; height: auto; }
    /* the theme writes headings in capitals: not the math in them (δ is not Δ) */
    .reveal h1 mjx-container, .reveal h2 mjx-container, .reveal h3 mjx-container { text-transform: none; }
    /* a long listing (a function's source) scrolls inside its box, not off the slide */
    .reveal .jp-OutputArea-output pre { max-height: 600px; overflow-y: auto; }
    /* tables: the theme's padding makes a 12-row table taller than the slide */
    .reveal .jp-RenderedHTMLCommon table th, .reveal .jp-RenderedHTMLCommon table td { padding: 0.12em 0.5em; line-height: 1.25; }
    .reveal .jp-RenderedHTMLCommon table { font-size: 0.92em; }
    /* a figure taller than the slide is drawn smaller, whole */
    .reveal .jp-RenderedImage img { max-height: 680px; width: auto; max-width: 100%; }
  </style>
  <script>
    // A key pressed on a focused control (slider handle, text box, drop-down,
    // button) is for the control: reveal.js listens on the document and would
    // also change the slide. This listener is registered before reveal.js's, so
    // stopping it here keeps the key from reveal.js (the control already had it).
    document.addEventListener("keydown", function (event) {
      var t = event.target;
      if (t && t.closest && t.closest(".jupyter-widgets, input, textarea, select, button, [contenteditable]")) {
        event.stopImmediatePropagation();
      }
    }, false);
  </script>
  <link rel="stylesheet" href="{{ resources.base_url }}voila/static/offline/fontawesome/css/all.min.css" type="text/css" />
  <link rel="stylesheet" href="{{ resources.base_url }}voila/static/offline/fontawesome/css/v4-shims.min.css" type="text/css" />
  {{ super.super() }}
{%- endblock notebook_css -%}

{#- Voila's bundled reveal.js calls MathJax.Hub (MathJax 2) on every slide change,
    but Voila renders math with JupyterLab's own MathJax 3 and never loads
    MathJax 2: without this stand-in each slide change throws a TypeError. -#}
{%- block footer_js -%}
  <script>
    if (!window.MathJax) {
      window.MathJax = {Hub: {getAllJax: function () { return null; }, Rerender: function () {}}};
    }
  </script>
  {{ super() }}
{%- endblock footer_js -%}
J2

export JUPYTER_PATH="$DATA${JUPYTER_PATH:+:$JUPYTER_PATH}"
# kernels use the inline backend only when MPLBACKEND is unset
unset MPLBACKEND
browser_flag=()
[[ -n "${NO_BROWSER:-}" ]] && browser_flag=(--no-browser)
exec "$PY" -m voila "$NB" --template=nbtools-reveal --port="$PORT" --Voila.ip=127.0.0.1 \
    --strip_sources=True --show_tracebacks=True \
    `# JupyterLab-only extensions that otter-grader brings fail to start here (console errors)` \
    --VoilaConfiguration.extension_denylist=ipylab \
    --VoilaConfiguration.extension_denylist=jupyterlab-jupytext \
    "${browser_flag[@]}" "$@"
