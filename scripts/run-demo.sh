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
else
  "$bin" init --db "$db" # a database from an earlier version gets the newer migrations
fi
# Plain HTTP on this machine: browsers do not send a cookie marked Secure over
# http:// (and refuse a __Host- cookie without Secure), so the session cookie must
# drop Secure here or nobody could sign in. `lantern serve` allows this only on a
# loopback address; anything reachable over a network needs TLS (docs/web.md).
case "$listen" in
  127.*|\[::1\]:*) cookies=(--secure-cookies false) ;;
  *) cookies=() ;;
esac
exec "$bin" serve --db "$db" --listen "$listen" "${cookies[@]}"
