#!/usr/bin/env bash
# `make run`: creates the demo database if absent, prints the URL and demo logins,
# and serves Lantern on the loopback address.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1 db=$2 listen=$3
path=${db#sqlite:}
if [ "$path" != "$db" ] && [ ! -f "$path" ]; then
  mkdir -p "$(dirname "$path")"
  "$bin" init --db "$db"
  "$bin" demo --db "$db" --seed 1 --boroughs 3 --children 300 --logins
fi
exec "$bin" serve --db "$db" --listen "$listen"
