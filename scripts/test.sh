#!/usr/bin/env bash
# Runs every test, in a release build: the numerical tests train real models and debug Swift
# is ten to fifty times slower.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
swift test -c release -Xswiftc -enable-testing "$@"
# Every scenario's claim, measured headless from its fixed seed (issue 4: at most 15 minutes).
./scripts/check-claims.sh
