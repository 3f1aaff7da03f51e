#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): builds the light embed (embed.html → bin portsim-embed) into
# the `embed/` folder of the site being built, then the embed with its Charts view (embed-charts.html
# → bin portsim-embed-charts) into `embed/charts/`, so one `trunk build` (or `trunk serve`) produces
# every page: dist/index.html (the full simulator), dist/embed/index.html (the light embed) and
# dist/embed/charts/index.html (the embed with charts, asked by ?charts), each embed with the
# French it fetches when asked (embed/i18n/fr.json, embed/charts/i18n/fr.json); then every page's
# wasm imports get short names (scripts/short_imports.py).
# The nested trunk run sees PORTSIM_EMBED_BUILD and does not recurse.
set -euo pipefail
[ -z "${PORTSIM_EMBED_BUILD:-}" ] || exit 0
cd "${TRUNK_SOURCE_DIR:-$(dirname "$0")/..}"
profile=()
[ "${TRUNK_PROFILE:-debug}" = release ] && profile=(--release)
# --offline: the outer build has just compiled every dependency, so nothing needs fetching.
PORTSIM_EMBED_BUILD=1 trunk build embed.html "${profile[@]}" --offline --locked --dist "$TRUNK_STAGING_DIR/embed"
# After embed/ (a trunk build replaces its whole --dist folder).
PORTSIM_EMBED_BUILD=1 trunk build embed-charts.html "${profile[@]}" --offline --locked --dist "$TRUNK_STAGING_DIR/embed/charts"
# Every page's wasm imports under short names (scripts/short_imports.py: the wasm-bindgen import
# names carry 16 random hex digits each, written in the wasm and in the js; issue 14 §1, §2). The
# full page's files are staged by now (post_build), the embeds' were just built.
for page in "$TRUNK_STAGING_DIR" "$TRUNK_STAGING_DIR/embed" "$TRUNK_STAGING_DIR/embed/charts"; do
  python3 scripts/short_imports.py "$page"
done
# Each embed's French, fetched next to its page only when French is asked (src/ui/french.rs).
mkdir -p "$TRUNK_STAGING_DIR/embed/i18n" "$TRUNK_STAGING_DIR/embed/charts/i18n"
python3 scripts/i18n_french.py --embed > "$TRUNK_STAGING_DIR/embed/i18n/fr.json"
python3 scripts/i18n_french.py --embed-charts > "$TRUNK_STAGING_DIR/embed/charts/i18n/fr.json"
