#!/usr/bin/env bash
# Runs each libFuzzer harness in BUILD for SECONDS seconds, seeded from
# tests/fuzz/corpus/NAME/ when present. Fails on the first crash.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1 secs=${2:-20}
for f in "$build"/fuzz_*; do
  [ -x "$f" ] || continue
  name=$(basename "$f")
  corpus=tests/fuzz/corpus/$name
  work=$(mktemp -d)
  [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
  echo "fuzz: $name for ${secs}s"
  "$f" -max_total_time="$secs" -max_len=4096 -print_final_stats=0 "$work" >"$work.log" 2>&1 \
    || { tail -40 "$work.log"; exit 1; }
  rm -rf "$work" "$work.log"
done
