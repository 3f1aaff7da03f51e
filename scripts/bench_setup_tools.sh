#!/usr/bin/env bash
# Cold compile time of the two tools scripts/setup.sh builds (issue 14 §5), side by side:
# A = `cargo install --debug` as before, B = the same without debug info (CARGO_PROFILE_DEV_DEBUG=false,
# as setup.sh does now). Each install goes to a private --root and target dir (~/.cargo/bin is not
# touched), A and B alternating; prints wall and CPU seconds, B ÷ A and the binaries' sizes, and checks
# that B's binaries answer --version. Uses the crate cache in ~/.cargo/registry (what a cold setup keeps).
#
#   bash scripts/bench_setup_tools.sh [trunk] [wasm-bindgen-cli]     (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
trunk_version=$(sed -n 's/^TRUNK_VERSION=//p' scripts/setup.sh)
wbg_version=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
work=$(mktemp -d "${TMPDIR:-/tmp}/portsim-bench-tools.XXXXXX")
trap 'rm -rf "$work"' EXIT
tools=("$@"); [ ${#tools[@]} -gt 0 ] || tools=(trunk wasm-bindgen-cli)
results=()
for tool in "${tools[@]}"; do
  case $tool in
    trunk) args=("trunk@$trunk_version" --locked --ignore-rust-version --no-default-features --features rustls --debug); bin=trunk ;;
    wasm-bindgen-cli) args=(--debug "wasm-bindgen-cli@$wbg_version"); bin=wasm-bindgen ;;
    *) echo "unknown tool $tool" >&2; exit 2 ;;
  esac
  row=$(printf '%-18s' "$tool")
  declare -A wall=() cpu=()
  for side in A B; do
    debug=(); [ "$side" = B ] && debug=(CARGO_PROFILE_DEV_DEBUG=false)
    printf '== %s %s (load %s)\n' "$side" "$tool" "$(cut -d' ' -f1 /proc/loadavg)"
    env "${debug[@]}" /usr/bin/time -f '%e %U %S' -o "$work/time" \
      cargo install --quiet --root "$work/root-$side-$tool" --target-dir "$work/target-$side-$tool" "${args[@]}" \
      >"$work/log" 2>&1 || { tail -30 "$work/log"; exit 1; }
    read -r w u s < "$work/time"
    wall[$side]=$w; cpu[$side]=$(echo "$u + $s" | bc)
    size=$(wc -c < "$work/root-$side-$tool/bin/$bin")
    "$work/root-$side-$tool/bin/$bin" --version >/dev/null
    row+=$(printf '  %s %6.1f s wall %6.1f s cpu %4d MB' "$side" "$w" "${cpu[$side]}" $((size / 1000000)))
    rm -rf "$work/target-$side-$tool"
  done
  row+=$(printf '  B/A wall %.2f cpu %.2f' "$(echo "${wall[B]} / ${wall[A]}" | bc -l)" "$(echo "${cpu[B]} / ${cpu[A]}" | bc -l)")
  echo "$row"; results+=("$row")
done
printf '\n==== tool installs, A = debug build, B = debug build without debug info (load average now %s)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${results[@]}"
