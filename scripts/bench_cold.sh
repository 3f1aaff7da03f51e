#!/usr/bin/env bash
# Cold build time of `make test`'s cargo layers, two source trees side by side (issue 14 §5):
#
#   bash scripts/bench_cold.sh [BASE_REF [LAYER...]]    (default: main, every layer)
#   LAYER: clippy clippy-wasm test doc wasm site — e.g. `main test doc wasm site` leaves out the two
#   clippy layers (they only check, so the profiles' debug settings do not change them).
#
# Side A is a fresh clone of BASE_REF, side B this working tree as it is (uncommitted changes
# included). Each side builds into its own empty CARGO_TARGET_DIR, with the environment
# scripts/test.sh sets under CI (CARGO_INCREMENTAL=0 when that tree's test.sh sets it), and the layers
# run in test.sh's order, A and B alternating layer by layer so that both see the same machine load:
# clippy native, clippy wasm32, native test build, doc tests (compiled when run), wasm test build and
# run, release site build (trunk: the three pages). Prints wall and CPU (user + sys) seconds per layer
# and B ÷ A, and whether both sides' dist/ files are byte-identical. Needs the tools of
# scripts/setup.sh; takes 2 × a cold `make test` minus Playwright; leaves nothing behind.
set -euo pipefail
cd "$(dirname "$0")/.."
base_ref=${1:-main}
[ $# -gt 0 ] && shift
only=" $* "
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
work=$(mktemp -d "${TMPDIR:-/tmp}/portsim-bench-cold.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work/tmp"; mkdir -p "$TMPDIR"

base_commit=$(git rev-parse --verify "$base_ref^{commit}")
git clone --quiet --no-checkout --no-hardlinks "$(git rev-parse --show-toplevel)" "$work/A"
git -C "$work/A" checkout --quiet --detach "$base_commit"
ln -s "$PWD/e2e/node_modules" "$work/A/e2e/node_modules"
declare -A src=([A]="$work/A" [B]="$PWD")
echo "A = $base_ref ($(git -C "$work/A" rev-parse --short HEAD)), B = this tree ($(git rev-parse --short HEAD) + working changes)"

side_env() {  # the variables that side's scripts/test.sh exports under CI
  if grep -q 'CARGO_INCREMENTAL=' "${src[$1]}/scripts/test.sh"; then echo CARGO_INCREMENTAL=0; else echo CARGO_INCREMENTAL=; fi
}

layers=(
  "clippy|clippy native|cargo clippy --locked --all-targets -- -D warnings"
  "clippy-wasm|clippy wasm32|cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings"
  "test|native test build|cargo test --locked --no-run"
  "doc|doc tests|cargo test --locked --doc"
  "wasm|wasm test build+run|cargo test --locked --target wasm32-unknown-unknown --test wasm"
  "site|site (trunk, 3 pages)|trunk build --release --offline --locked --dist DIST"
)
results=()
for layer in "${layers[@]}"; do
  key=${layer%%|*} layer=${layer#*|}
  [ "$only" = "  " ] || [[ "$only" == *" $key "* ]] || continue
  name=${layer%%|*} cmd=${layer#*|}
  row=$(printf '%-24s' "$name")
  declare -A wall=() cpu=()
  for side in A B; do
    dir=${src[$side]}
    c=${cmd//DIST/$work/dist-$side}
    log="$work/$side.log"
    printf '\n== %s %s (load %s)\n' "$side" "$name" "$(cut -d' ' -f1 /proc/loadavg)"
    ( cd "$dir" && env $(side_env "$side") CARGO_TARGET_DIR="$work/target-$side" \
        /usr/bin/time -f '%e %U %S' -o "$work/time" $c ) >"$log" 2>&1 || { tail -40 "$log"; exit 1; }
    read -r w u s < "$work/time"
    wall[$side]=$w; cpu[$side]=$(echo "$u + $s" | bc)
    row+=$(printf '  %s %7.1f s wall %7.1f s cpu' "$side" "$w" "${cpu[$side]}")
    echo "$row"
  done
  row+=$(printf '  B/A wall %.2f cpu %.2f' "$(echo "${wall[B]} / ${wall[A]}" | bc -l)" "$(echo "${cpu[B]} / ${cpu[A]}" | bc -l)")
  results+=("$row")
done

printf '\n==== cold layers, A = %s, B = this tree (load average now %s)\n' "$base_ref" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${results[@]}"
if diff -r -q "$work/dist-A" "$work/dist-B" >/dev/null; then
  echo "dist/: every file byte-identical between A and B"
else
  echo "dist/: files differ between A and B:"; diff -r -q "$work/dist-A" "$work/dist-B" || true
fi
