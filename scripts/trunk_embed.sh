#!/usr/bin/env bash
# Trunk hooks (Trunk.toml) that add the two light embeds to the site being built, so one `trunk build`
# (or `trunk serve`) produces every page: dist/index.html (the full simulator), dist/embed/index.html
# (the light embed, bin portsim-embed from embed.html) and dist/embed/charts/index.html (the embed with
# its Charts view, asked by ?charts; bin portsim-embed-charts from embed-charts.html), each embed with
# the French it fetches when asked (embed/i18n/fr.json, embed/charts/i18n/fr.json).
#
#   trunk_embed.sh build   (stage "build": runs beside trunk's own pipelines of the full page)
#     waits until the full page's cargo build is done, then builds both embeds with nested trunk runs,
#     side by side, while trunk runs wasm-bindgen and wasm-opt on the full page. Each page's last
#     steps run on one core (the crate and fat LTO at codegen-units=1, then wasm-opt, which is npm
#     binaryen under node: single-threaded), so one after the other they left the second core idle
#     (issue 14 §5). The embeds wait for the page's cargo because the three cargo runs share one target
#     folder (one profile, the dependencies compiled once) and cargo lets one run at a time in it:
#     the page's cargo then its wasm-opt are the longest chain, so they go first.
#   trunk_embed.sh post    (stage "post_build": every page is staged)
#     every page's wasm imports under short names (scripts/short_imports.py), and the embeds' French.
#
# The nested trunk runs see PORTSIM_EMBED_BUILD and do not recurse. Same commands as when the embeds
# were built one after the other in post_build: every file of dist/ is byte-identical.
set -euo pipefail
[ -z "${PORTSIM_EMBED_BUILD:-}" ] || exit 0
cd "${TRUNK_SOURCE_DIR:-$(dirname "$0")/..}"
stage_dir=$TRUNK_STAGING_DIR

case "${1:-}" in
build)
  profile=()
  [ "${TRUNK_PROFILE:-debug}" = release ] && profile=(--release)
  # The full page's wasm-bindgen output lands in the staging folder right after its cargo runs
  # (trunk's rust pipeline: cargo build, cargo build --message-format=json, wasm-bindgen, wasm-opt).
  # Stop waiting if trunk is gone (the page's build failed under `trunk build`: this hook then has
  # another parent) or if the staging folder was made anew (under `trunk serve`, a failed build is
  # followed by a new one with its own hooks): the marker goes with the folder.
  trunk_pid=$PPID
  marker="$stage_dir/.embed-hook-$$"
  : >"$marker"
  until compgen -G "$stage_dir/*_bg.wasm" >/dev/null; do
    if [ "$(ps -o ppid= -p $$ | tr -d ' ')" != "$trunk_pid" ] || [ ! -e "$marker" ]; then
      echo "trunk_embed.sh: the full page's build did not finish; embeds not built" >&2
      exit 1
    fi
    sleep 0.2
  done
  rm -f "$marker"
  # --offline: the page's build has just compiled every dependency, so nothing needs fetching.
  # The embed with charts goes to a folder of its own first: the light embed's trunk run replaces
  # its whole --dist folder (embed/) when it ends, which may be after the other one's.
  charts_tmp="$stage_dir/.embed-charts"
  nested() { # name html dist: one nested trunk build, its lines prefixed with the page's name
    local name=$1 html=$2 dist=$3
    PORTSIM_EMBED_BUILD=1 trunk build "$html" "${profile[@]}" --offline --locked --dist "$dist" 2>&1 |
      sed -u "s/^/[$name] /"
  }
  nested embed embed.html "$stage_dir/embed" & embed_pid=$!
  nested embed-charts embed-charts.html "$charts_tmp" & charts_pid=$!
  failed=()
  wait "$embed_pid" || failed+=(embed.html)
  wait "$charts_pid" || failed+=(embed-charts.html)
  if [ "${#failed[@]}" -gt 0 ]; then
    echo "trunk_embed.sh: trunk build failed for ${failed[*]} (lines above, prefixed)" >&2
    exit 1
  fi
  mv "$charts_tmp" "$stage_dir/embed/charts"
  ;;
post)
  # Every page's wasm imports under short names (scripts/short_imports.py: the wasm-bindgen import
  # names carry 16 random hex digits each, written in the wasm and in the js; issue 14 §1, §2).
  for page in "$stage_dir" "$stage_dir/embed" "$stage_dir/embed/charts"; do
    python3 scripts/short_imports.py "$page"
  done
  # Each embed's French, fetched next to its page only when French is asked (src/ui/french.rs).
  mkdir -p "$stage_dir/embed/i18n" "$stage_dir/embed/charts/i18n"
  python3 scripts/i18n_french.py --embed >"$stage_dir/embed/i18n/fr.json"
  python3 scripts/i18n_french.py --embed-charts >"$stage_dir/embed/charts/i18n/fr.json"
  ;;
*)
  echo "usage: trunk_embed.sh build|post (a trunk hook, see Trunk.toml)" >&2
  exit 2
  ;;
esac
