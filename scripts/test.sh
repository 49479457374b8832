#!/usr/bin/env bash
# Runs every test, in a release build: the numerical tests train real models and debug Swift
# is ten to fifty times slower.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
swift test -c release -Xswiftc -enable-testing "$@"
