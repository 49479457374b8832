#!/usr/bin/env bash
# Measures every shipped scenario's claim headless (`rnnbook run ID --check`), from its fixed
# seed, in the release build, and fails if any claim does not hold. Prints each claim's time.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/rnnbook
[ -x "$bin" ] || swift build -c release
# `rnnbook list` prints chapter names flush left and "  id  title" under them.
ids=$("$bin" list | awk '/^  / {print $1}')
failed=()
total_start=$EPOCHREALTIME
for id in $ids; do
  start=$EPOCHREALTIME
  if "$bin" run "$id" --check > "/tmp/rnnbook-check-$id.log" 2>&1; then status=holds; else status=FAILED; failed+=("$id"); fi
  printf '%-26s %-7s %6.1f s\n' "$id" "$status" "$(awk "BEGIN {print $EPOCHREALTIME - $start}")"
  [ "$status" = holds ] || sed 's/^/    /' "/tmp/rnnbook-check-$id.log"
done
printf 'all claims: %.1f s\n' "$(awk "BEGIN {print $EPOCHREALTIME - $total_start}")"
if [ ${#failed[@]} -gt 0 ]; then echo "claims that do not hold: ${failed[*]}"; exit 1; fi
