#!/usr/bin/env bash
# Builds the release site and serves it on http://127.0.0.1:8080 (PORT=... to change).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
port="${PORT:-8080}"
cargo fetch --locked
trunk build --release --offline --locked
echo
echo "portsim is running at http://127.0.0.1:$port/   (Ctrl+C to stop)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
