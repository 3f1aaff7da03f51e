#!/usr/bin/env bash
# Prints the release artefacts' sizes (raw and gzip -9) and checks the wasm budget.
set -euo pipefail
dist="${1:-dist}"
budget_gzip_wasm=${PORTSIM_WASM_GZIP_BUDGET:-500000}
printf '%-8s %-44s %10s %10s\n' kind file raw gzip
status=0
for kind in wasm js css; do
  for f in "$dist"/*."$kind"; do
    [ -e "$f" ] || continue
    raw=$(wc -c < "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    printf '%-8s %-44s %10d %10d\n' "$kind" "$(basename "$f")" "$raw" "$gz"
    if [ "$kind" = wasm ] && [ "$gz" -gt "$budget_gzip_wasm" ]; then
      echo "wasm gzip size $gz exceeds the budget of $budget_gzip_wasm bytes" >&2; status=1
    fi
  done
done
exit $status
