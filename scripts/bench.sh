#!/usr/bin/env bash
# Times rnnbook against the reference implementations in one run, on one machine, with the same
# thread count, and prints the ratios the issue asks for.
#   scripts/bench.sh [THREADS]        (needs numpy; torch for W1-W4: pip install torch)
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
anchors=${ANCHORS:-../shared/bench/anchors.py}
swift build -c release --product rnnbook >&2
ref=$(python3 "$anchors" --threads "$threads" --json)
ours=$(.build/release/rnnbook bench --threads "$threads" --json)
python3 - "$ref" "$ours" <<'PY'
import json, sys
ref = json.loads(sys.argv[1])["results"]; ours = json.loads(sys.argv[2])["results"]
print(f"{'workload':8} {'reference ms':>13} {'rnnbook ms':>11} {'speed-up':>9}")
for w in sorted(ours):
    r, o = ref.get(w), ours[w]
    if not r: print(f"{w:8} {'-':>13} {o['ms_per_step']:11.3f}"); continue
    line = f"{w:8} {r['ms_per_step']:13.3f} {o['ms_per_step']:11.3f} {r['ms_per_step'] / o['ms_per_step']:8.2f}x"
    if "gflops" in r: line += f"   GFLOP/s {o['gflops']:.1f} vs {r['gflops']:.1f} ({o['gflops'] / r['gflops']:.2f}x)"
    print(line)
PY
