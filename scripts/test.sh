#!/usr/bin/env bash
# Runs every test layer, in order, stopping at the first failure:
#   fmt → clippy (native + wasm32) → native tests → wasm tests in headless Chromium →
#   release site build → Playwright browser tests against the built site → release sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # wasm-opt from npm binaryen first
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# CI builds from an empty target/ once: incremental compilation's bookkeeping would only cost time
# there (issue 14 §5). Local runs keep it, for the next edit-and-test.
if [ -n "${CI:-}" ]; then export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"; fi
# chromedriver's temporary profiles go to a scratch dir instead of /tmp.
export TMPDIR="${TMPDIR:-/tmp}/portsim-tmp"; mkdir -p "$TMPDIR"

# Each stage's wall time is printed when it ends, and all of them (with the load average) at the end,
# also when a stage fails, so a slow layer shows which one it is (issue 14 §5, cold setup).
t0=$(date +%s); stage_t0=$t0; stage_name=""; timings=()
end_stage() {
  [ -n "$stage_name" ] || return 0
  local d=$(( $(date +%s) - stage_t0 ))
  timings+=("$(printf '%6d s  %s' "$d" "$stage_name")"); stage_name=""
}
stage() { end_stage; stage_name="$*"; stage_t0=$(date +%s); printf '\n==== %s\n' "$*"; }
print_timings() {
  local rc=$?
  end_stage
  printf '\n==== stage times (wall; load average now: %s)\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
  printf '%s\n' "${timings[@]}"
  printf '%6d s  total\n' "$(( $(date +%s) - t0 ))"
  return $rc
}
trap print_timings EXIT

stage "cargo fetch"
cargo fetch --locked
stage "cargo fmt --check"
cargo fmt --all -- --check
stage "cargo clippy (native)"
cargo clippy --locked --all-targets -- -D warnings
stage "cargo clippy (wasm32)"
cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings
# Each test layer's build is its own stage (same commands, same tests), so its time shows apart from the run.
stage "native tests: build"
cargo test --locked --no-run
stage "native tests: run (unit, doc, tests/it)"
cargo test --locked
stage "wasm tests: build"
cargo test --locked --target wasm32-unknown-unknown --test wasm --no-run
stage "wasm tests: run in headless Chromium (wasm-bindgen-test)"
cargo test --locked --target wasm32-unknown-unknown --test wasm
stage "release site build (trunk)"
trunk build --release --offline --locked
stage "browser tests (Playwright, headless system Chromium)"
(cd e2e && npx playwright test)
stage "release sizes"
bash scripts/sizes.sh dist
end_stage
echo
echo "all test layers passed in $(( $(date +%s) - t0 )) s"
