#!/usr/bin/env bash
# Fetch the front-end assets that the slides, the static exports and the
# browser tests need, from the npm registry, and copy the parts that are used
# into build/assets/. Nothing is loaded from a CDN when a page is viewed.
#
#   bash scripts/fetch_assets.sh           # npm ci (or npm install) + copy
#   FORCE=1 bash scripts/fetch_assets.sh   # redo even if build/assets is current
#
# Layout of build/assets/ (URLs below are relative to that folder):
#   reveal.js/dist, reveal.js/plugin     reveal.js 4 (slides)
#   require.js                            require.js 2 (AMD loader of exports)
#   jquery.min.js                         jQuery 2 (nbconvert's reveal template)
#   html-manager/embed-amd.js (+ fonts)   @jupyter-widgets/html-manager 1
#   mathjax/MathJax.js (subset)           MathJax 2 for exported HTML
#   fontawesome/css, fontawesome/webfonts Font Awesome 5 (Voila's reveal template)
#   axe.min.js                            axe-core (accessibility tests)
# The stamp file build/assets/.stamp holds the hash of package-lock.json; a
# second run with the same lock file does nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/build/assets"
NM="$ROOT/node_modules"

command -v npm >/dev/null || { echo "fetch_assets: npm not found (install nodejs/npm)" >&2; exit 1; }

lock_hash() { sha256sum package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-16; }

if [[ -z "${FORCE:-}" && -f "$OUT/.stamp" && -f package-lock.json \
      && "$(cat "$OUT/.stamp")" == "$(lock_hash)" ]]; then
    echo "fetch_assets: build/assets is up to date"
    exit 0
fi

# --ignore-scripts: none of these packages needs an install script, and it keeps
# npm from running code at install time.
npm_flags=(--no-audit --no-fund --ignore-scripts --loglevel=error)
if [[ -f package-lock.json ]]; then
    npm ci "${npm_flags[@]}"
else
    npm install "${npm_flags[@]}"
fi

rm -rf "$OUT"
mkdir -p "$OUT"

# reveal.js: the CSS/themes for Voila (which bundles reveal's JS itself) and the
# UMD build + notes plugin that nbconvert's reveal template loads with require.
mkdir -p "$OUT/reveal.js"
cp -r "$NM/reveal.js/dist" "$OUT/reveal.js/dist"
mkdir -p "$OUT/reveal.js/plugin"
cp -r "$NM/reveal.js/plugin/notes" "$OUT/reveal.js/plugin/notes"
rm -f "$OUT"/reveal.js/dist/*.map

cp "$NM/requirejs/require.js" "$OUT/require.js"
cp "$NM/jquery/dist/jquery.min.js" "$OUT/jquery.min.js"

# Widget manager for static HTML: embed-amd.js loads its fonts relative to itself.
mkdir -p "$OUT/html-manager"
( cd "$NM/@jupyter-widgets/html-manager/dist" \
  && cp embed-amd.js ./*.woff ./*.woff2 ./*.ttf ./*.eot ./*.svg "$OUT/html-manager/" )

# MathJax 2, only what config=TeX-AMS_CHTML-full,Safe uses (CommonHTML output
# with the TeX fonts); the full package is ~70 MB.
MJ="$OUT/mathjax"
mkdir -p "$MJ/config" "$MJ/jax/output" "$MJ/fonts/HTML-CSS/TeX" "$MJ/localization"
cp "$NM/mathjax/MathJax.js" "$NM/mathjax/LICENSE" "$MJ/"
cp "$NM/mathjax/config/TeX-AMS_CHTML-full.js" "$NM/mathjax/config/Safe.js" "$MJ/config/"
cp -r "$NM/mathjax/config/local" "$MJ/config/local"
cp -r "$NM/mathjax/extensions" "$MJ/extensions"
cp -r "$NM/mathjax/jax/input" "$MJ/jax/input"
cp -r "$NM/mathjax/jax/element" "$MJ/jax/element"
cp -r "$NM/mathjax/jax/output/CommonHTML" "$NM/mathjax/jax/output/PreviewHTML" "$MJ/jax/output/"
cp -r "$NM/mathjax/fonts/HTML-CSS/TeX/woff" "$NM/mathjax/fonts/HTML-CSS/TeX/otf" "$MJ/fonts/HTML-CSS/TeX/"
cp -r "$NM/mathjax/localization/en" "$MJ/localization/en"

mkdir -p "$OUT/fontawesome"
cp -r "$NM/@fortawesome/fontawesome-free/css" "$NM/@fortawesome/fontawesome-free/webfonts" \
      "$NM/@fortawesome/fontawesome-free/LICENSE.txt" "$OUT/fontawesome/"

cp "$NM/axe-core/axe.min.js" "$OUT/axe.min.js"

# Record versions (for the report) and the stamp.
node -e '
const lock = require("./package-lock.json");
const deps = Object.keys(require("./package.json").dependencies);
for (const d of deps) console.log(d + " " + lock.packages["node_modules/" + d].version);
' > "$OUT/VERSIONS.txt"
lock_hash > "$OUT/.stamp"
echo "fetch_assets: wrote $(du -sh "$OUT" | cut -f1) to build/assets ($(tr '\n' ' ' < "$OUT/VERSIONS.txt"))"
