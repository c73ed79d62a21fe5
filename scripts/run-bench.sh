#!/usr/bin/env bash
# Builds and runs every benchmark (bench/*/bench_*.c and bench/*/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1
for src in bench/*/bench_*.c; do
  [ -f "$src" ] || continue
  name=$(basename "$src" .c)
  cmake --build "$build" --target "$name" >/dev/null
  echo "== $name"
  "$build/$name"
done
for s in bench/*/run.sh; do
  [ -f "$s" ] || continue
  echo "== $s"
  bash "$s" "$build"
done
