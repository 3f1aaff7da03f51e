#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): writes i18n/fr.json — the French of the full page's own
# catalogue tables, which its wasm does not carry (src/ui/french.rs, issue 14 §2) — into the site
# being built. The light embed's nested trunk run (PORTSIM_EMBED_BUILD) needs no such file.
set -euo pipefail
[ -z "${PORTSIM_EMBED_BUILD:-}" ] || exit 0
cd "${TRUNK_SOURCE_DIR:-$(dirname "$0")/..}"
mkdir -p "$TRUNK_STAGING_DIR/i18n"
python3 scripts/i18n_french.py > "$TRUNK_STAGING_DIR/i18n/fr.json"
