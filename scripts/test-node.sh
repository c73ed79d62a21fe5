#!/usr/bin/env bash
# Runs the API tests (tests/api) and browser tests (tests/browser) with node's test
# runner against the built binary. Each test file starts its own server.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1")
files=$(ls tests/api/*.test.mjs tests/browser/*.test.mjs 2>/dev/null || true)
if [ -z "$files" ]; then
  echo "test-node: no API or browser tests yet"
  exit 0
fi
LANTERN_BIN="$bin" node --test --test-concurrency=2 $files
