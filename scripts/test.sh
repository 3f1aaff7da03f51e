#!/usr/bin/env bash
# Runs every test layer, in order, stopping at the first failure:
#   fmt → clippy (native + wasm32) → native tests → wasm tests in headless Chromium →
#   release site build → Playwright browser tests against the built site → release sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # wasm-opt from npm binaryen first
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# chromedriver's temporary profiles go to a scratch dir instead of /tmp.
export TMPDIR="${TMPDIR:-/tmp}/portsim-tmp"; mkdir -p "$TMPDIR"

stage() { printf '\n==== %s\n' "$*"; }
t0=$(date +%s)

stage "cargo fetch"
cargo fetch --locked
stage "cargo fmt --check"
cargo fmt --all -- --check
stage "cargo clippy (native)"
cargo clippy --locked --all-targets -- -D warnings
stage "cargo clippy (wasm32)"
cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings
stage "native tests (unit, doc, tests/it)"
cargo test --locked
stage "wasm tests in headless Chromium (wasm-bindgen-test)"
cargo test --locked --target wasm32-unknown-unknown --test wasm
stage "release site build (trunk)"
trunk build --release --offline --locked
stage "browser tests (Playwright, headless system Chromium)"
(cd e2e && npx playwright test)
stage "release sizes"
bash scripts/sizes.sh dist
echo
echo "all test layers passed in $(( $(date +%s) - t0 )) s"
