#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): builds the light embed (embed.html → bin portsim-embed) into
# the `embed/` folder of the site being built, so one `trunk build` (or `trunk serve`) produces both
# pages: dist/index.html (the full simulator) and dist/embed/index.html (the light embed).
# The nested trunk run sees PORTSIM_EMBED_BUILD and does not recurse.
set -euo pipefail
[ -z "${PORTSIM_EMBED_BUILD:-}" ] || exit 0
cd "${TRUNK_SOURCE_DIR:-$(dirname "$0")/..}"
profile=()
[ "${TRUNK_PROFILE:-debug}" = release ] && profile=(--release)
# --offline: the outer build has just compiled every dependency, so nothing needs fetching.
PORTSIM_EMBED_BUILD=1 trunk build embed.html "${profile[@]}" --offline --locked --dist "$TRUNK_STAGING_DIR/embed"
