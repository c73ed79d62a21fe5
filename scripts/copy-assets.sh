#!/usr/bin/env bash
# Copies GOV.UK Frontend's precompiled CSS and JS into static/govuk/. The GDS
# Transport font files and the crown/crest images are not shipped: Lantern is not a
# GOV.UK service, so the @font-face rules are removed and the CSS falls back to Arial.
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules/govuk-frontend/dist/govuk
dst=static/govuk
[ -d "$src" ] || { echo "copy-assets: $src missing (run scripts/install-deps.sh)" >&2; exit 1; }
mkdir -p "$dst"
if [ ! -f "$dst/govuk-frontend.min.css" ] || [ "$src/govuk-frontend.min.css" -nt "$dst/govuk-frontend.min.css" ]; then
  sed -E 's/@font-face\{[^}]*\}//g; s#/\*\# sourceMappingURL=[^*]*\*/##' \
    "$src/govuk-frontend.min.css" > "$dst/govuk-frontend.min.css"
  sed -E 's#//\# sourceMappingURL=.*##' "$src/govuk-frontend.min.js" > "$dst/govuk-frontend.min.js"
fi
