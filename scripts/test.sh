#!/usr/bin/env bash
# Runs every test layer, in order, stopping at the first failure:
#   fmt → clippy (native + wasm32) → native tests' build → release site build, with the native test
#   run and the wasm tests (headless Chromium) beside it → Playwright browser tests against the built
#   site → release sizes.
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
# The native test run and the wasm test (its build, then its run in headless Chromium) go on beside
# the release site build: after the pages' dependencies, that build runs on one core (each page's final
# crate with LTO, then wasm-opt), so the second core runs these meanwhile (issue 14 §5, cold
# `make test`). They use other cargo build directories (target/debug, target/wasm32-unknown-unknown/
# debug) than trunk's (…/wasm-release), so neither waits for the other's lock. Their output is
# printed when the site build is done; any failure there fails the run, as a stage of its own would.
side_log="$TMPDIR/tests-beside-site-build.log"
side_times="$TMPDIR/tests-beside-site-build.times"
tests_beside_site_build() {
  local t
  : > "$side_times"
  t=$(date +%s); printf '\n==== native tests: run (unit, doc, tests/it)\n'
  cargo test --locked || return 1
  printf '%6d s  native tests: run (unit, doc, tests/it), beside the site build\n' "$(( $(date +%s) - t ))" >> "$side_times"
  t=$(date +%s); printf '\n==== wasm tests: build\n'
  cargo test --locked --target wasm32-unknown-unknown --test wasm --no-run || return 1
  printf '%6d s  wasm tests: build, beside the site build\n' "$(( $(date +%s) - t ))" >> "$side_times"
  t=$(date +%s); printf '\n==== wasm tests: run in headless Chromium (wasm-bindgen-test)\n'
  cargo test --locked --target wasm32-unknown-unknown --test wasm || return 1
  printf '%6d s  wasm tests: run in headless Chromium (wasm-bindgen-test), beside the site build\n' "$(( $(date +%s) - t ))" >> "$side_times"
}
stage "release site build (trunk); native test run and wasm tests beside it (their output follows)"
tests_beside_site_build > "$side_log" 2>&1 &
side_pid=$!
site_rc=0
trunk build --release --offline --locked || site_rc=$?
side_rc=0
wait "$side_pid" || side_rc=$?
cat "$side_log"
while IFS= read -r line; do timings+=("$line"); done < "$side_times"
if [ "$side_rc" != 0 ]; then echo "test.sh: the native test run or the wasm tests failed (output above)" >&2; exit "$side_rc"; fi
if [ "$site_rc" != 0 ]; then echo "test.sh: the release site build failed" >&2; exit "$site_rc"; fi
stage "browser tests (Playwright, headless system Chromium)"
(cd e2e && npx playwright test)
stage "release sizes"
bash scripts/sizes.sh dist
end_stage
echo
echo "all test layers passed in $(( $(date +%s) - t0 )) s"
