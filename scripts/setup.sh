#!/usr/bin/env bash
# Installs every tool the build and the tests need. Each step checks the installed version first and is
# skipped when it is already right, so a second run takes a couple of seconds.
# Only package registries are used (crates.io, npm, Debian); nothing is downloaded from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1
# wasm-bindgen-cli must equal the wasm-bindgen crate version locked in Cargo.lock (trunk checks it).
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Downloads (apt, npm) run in the background while cargo compiles the two tools, so a cold setup
# pays for compilation only; each background step logs to target/setup-logs/ and is waited for below.
mkdir -p target/setup-logs
bg_pids=(); bg_names=()
in_background() { local name=$1; shift; step "$name (in the background, log: target/setup-logs/$name.log)"
  ( "$@" ) >"target/setup-logs/$name.log" 2>&1 & bg_pids+=($!); bg_names+=("$name"); }

install_chromium() {
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
}
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  in_background chromium install_chromium
fi

# wasm-opt (npm binaryen), Playwright (uses the system Chromium; no browser download), axe-core.
install_npm() { cd e2e && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.portsim-lock; }
if [ ! -f e2e/node_modules/.package-lock.json ] || ! cmp -s e2e/package-lock.json e2e/node_modules/.portsim-lock; then
  in_background npm-ci install_npm
fi

# Debian's binaryen (wasm-opt 108) cannot parse wasm-bindgen's output and would shadow the npm one.
if [ -x /usr/bin/wasm-opt ]; then
  echo "warning: /usr/bin/wasm-opt (Debian binaryen) is installed; the npm binaryen in e2e/node_modules/.bin is put first on PATH" >&2
fi

# Both tools are debug builds (issue 14 §5): each compiles in well under half the time of its release
# build, and neither does heavy work itself during a site build (trunk drives cargo, wasm-bindgen and
# wasm-opt; wasm-bindgen spends under a second per wasm even unoptimised). Same output bytes.
# Without debug info (a debugger is never run on them): less to generate and to link (issue 14 §5;
# measured side by side in docs/measurements.md). The environment variable applies to these
# two `cargo install`s only.
tools_profile=(env CARGO_PROFILE_DEV_DEBUG=false)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
   [ "$(wasm-bindgen-test-runner --version 2>/dev/null || true)" != "wasm-bindgen-test-runner $WASM_BINDGEN_VERSION" ]; then
  # Debug build, compiled beside trunk (about 1.5 minutes of CPU). Built from source: no prebuilt package at this exact version exists in the ordinary clients
  # (checked 2026-12-07 for issue 14 §5: `apt-cache policy wasm-bindgen-cli` and `apt-cache search
  # wasm-bindgen` list only librust-wasm-bindgen-*-dev source crates; `npm view wasm-bindgen-cli` → 404).
  # No --locked: wasm-bindgen-cli's own lock pins webpki-roots 1.0.11, which the registry here lacks.
  in_background wasm-bindgen-cli "${tools_profile[@]}" cargo install --force --debug "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  step "trunk $TRUNK_VERSION (debug build, about 4 minutes on 2 cores)"
  # trunk 0.22.x declares rust-version 1.96.1; it builds and works on 1.95 with --ignore-rust-version.
  "${tools_profile[@]}" cargo install "trunk@$TRUNK_VERSION" --locked --ignore-rust-version --no-default-features --features rustls --debug
fi

for i in "${!bg_pids[@]}"; do
  if ! wait "${bg_pids[$i]}"; then
    echo "setup: ${bg_names[$i]} failed; its log (target/setup-logs/${bg_names[$i]}.log) follows" >&2
    cat "target/setup-logs/${bg_names[$i]}.log" >&2
    exit 1
  fi
done

step "tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(e2e/node_modules/.bin/wasm-opt --version), $(chromium --version 2>/dev/null | tail -n1)"
