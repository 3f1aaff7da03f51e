#!/usr/bin/env bash
# Browser benchmarks (issue 14): first-run ratios to native and time to interactive against a Yew
# hello-world, in one run (benches/web/bench.mjs). Builds the release site and the hello-world
# (benches/hello_yew, its own target dir under target/) when they are missing.
#   bash scripts/bench_web.sh [--quick]       (make bench-web)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [ ! -f dist/index.html ] || [ ! -f dist/embed/index.html ]; then
  trunk build --release --offline --locked
fi
if [ ! -f target/hello-yew/dist/index.html ] || [ ! -f target/hello-yew/dist/.short-imports ]; then
  (cd benches/hello_yew && CARGO_TARGET_DIR="$PWD/../../target/hello-yew" \
    trunk build --release --offline --locked --dist ../../target/hello-yew/dist)
  # The same post-build step as every page of the site (scripts/trunk_embed.sh), so the time to
  # interactive compares like with like.
  python3 scripts/short_imports.py target/hello-yew/dist
  touch target/hello-yew/dist/.short-imports
fi
node benches/web/bench.mjs "$@"
