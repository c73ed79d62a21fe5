#!/usr/bin/env bash
# bench/web/run.sh: wrk against a signed-in user's record views on a database of 100,000
# synthetic children, with audit writes on (every view appends a hash-chained audit
# event), and a static ~2 KB file from the same server as the ceiling.
#
#   bench/web/run.sh [path/to/lantern]          (default build/lantern)
#   DURATION=20s WARMUP=5s CONNECTIONS=64 THREADS=2 CHILDREN=100000 bench/web/run.sh
#
# The demo database takes minutes to build, so it is cached under /tmp keyed by the
# binary's version and the generator sources; each run copies the cache, so
# the audit events a run writes never carry over. Loopback only; every wrk run is
# bounded by DURATION.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-build/lantern}")
duration=${DURATION:-20s}
warmup=${WARMUP:-5s}
conns=${CONNECTIONS:-64}
threads=${THREADS:-2}
children=${CHILDREN:-100000}
port=${PORT:-18765}
host=127.0.0.1
base="http://$host:$port"

# Keyed by what generates the data (not the schema: later migrations are applied to the
# copy by `lantern init`, as an upgrade would).
key=$( { "$bin" version; cat src/demo/*.[ch] src/store/demo.c; echo "$children"; } | sha256sum | cut -c1-16)
cache="/tmp/lantern-bench-web-$key.db"
if [ ! -f "$cache" ]; then
  echo "building the demo database ($children children; minutes, cached as $cache)"
  rm -f "$cache.tmp"
  "$bin" init --db "sqlite:$cache.tmp" >/dev/null
  time "$bin" demo --children "$children" --db "sqlite:$cache.tmp" >/dev/null
  mv "$cache.tmp" "$cache"
fi

work=$(mktemp -d /tmp/lantern-bench-web.XXXXXX)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cp "$cache" "$work/bench.db"
db="sqlite:$work/bench.db"
"$bin" init --db "$db" >/dev/null

# A static directory with a ~2 KB file for the ceiling.
mkdir -p "$work/static"
cp -r static/. "$work/static/"
head -c 2048 /dev/zero | tr '\0' 'x' > "$work/static/bench-2k.txt"

# Record references for the spread: 2,000 records the signed-in user may see (a
# partnership-wide role sees them all).
user=${BENCH_USER:-mash.northbrook}
sqlite3 "$work/bench.db" "SELECT reference FROM records ORDER BY random() LIMIT 2000" > "$work/refs.txt"
[ -s "$work/refs.txt" ] || { echo "no records in the database" >&2; exit 1; }

LANTERN_SECURE_COOKIES=false LANTERN_STATIC_DIR="$work/static" LANTERN_LOG_LEVEL=warn \
  "$bin" serve --db "$db" --listen "$host:$port" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  curl -fs "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "$base/healthz" >/dev/null || { echo "server did not start:"; cat "$work/serve.log"; exit 1; }

cookie=$(curl -fs -D - -o /dev/null -H 'content-type: application/json' \
  -d "{\"username\":\"$user\",\"password\":\"lantern-demo-2026\"}" "$base/api/v1/session" |
  tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }

# wrk script: a spread of refs, one per request, round robin per thread.
cat > "$work/records.lua" <<LUA
local refs = {}
for line in io.lines("$work/refs.txt") do refs[#refs + 1] = line end
local prefix = os.getenv("BENCH_PREFIX")
local i = 0
function setup(thread) thread:set("offset", math.random(#refs)) end
request = function()
  i = i + 1
  local ref = refs[((i + (offset or 0)) % #refs) + 1]
  return wrk.format("GET", prefix .. ref, { ["Cookie"] = "$cookie" })
end
LUA

audit_before=$(sqlite3 "$work/bench.db" "SELECT count(*) FROM audit_events")
results="$work/results.txt"
: > "$results"
# The server's CPU time so far (user + system, in clock ticks): its CPU per request holds
# better than requests per second on a machine shared with other work.
server_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
hz=$(getconf CLK_TCK)
run() { # name, path prefix ("" for a fixed URL), URL, [duration]
  local name=$1 prefix=$2 url=$3 d=${4:-$duration}
  echo "== $name"
  local out ticks0
  ticks0=$(server_ticks)
  if [ -n "$prefix" ]; then
    out=$(BENCH_PREFIX="$prefix" wrk -t"$threads" -c"$conns" -d"$d" --latency -s "$work/records.lua" "$url")
  else
    out=$(wrk -t"$threads" -c"$conns" -d"$d" --latency "$url")
  fi
  echo "$out" | sed -n '/Latency Distribution/,/requests in/p;/Requests\/sec/p;/Non-2xx/p;/Socket errors/p'
  if echo "$out" | grep -q 'Non-2xx'; then echo "!! $name had non-2xx answers" >&2; fi
  local rps p50 p99 n cpu
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  cpu=$(awk -v t="$(( $(server_ticks) - ticks0 ))" -v hz="$hz" -v n="$n" \
    'BEGIN {printf "%.3f", n ? 1000 * t / hz / n : 0}')
  echo "$name $rps $p50 $p99 $cpu" >> "$results"
}

run static "" "$base/static/bench-2k.txt"
# The first view of each record builds it (the later ones are served from the view cache
# until the record changes): a first run over the same records, reported on its own as
# "cold", then the measured one.
run api_cold /api/v1/records/ "$base" "$warmup"
run api_record /api/v1/records/ "$base"
if grep -q '{HTTP_GET, "/records/{ref}"' src/web/routes.c; then
  run page_record /records/ "$base"
else
  echo "== page_record: skipped (no GET /records/{ref} page in this build)"
fi

audit_after=$(sqlite3 "$work/bench.db" "SELECT count(*) FROM audit_events")
echo
echo "audit events written during the run: $((audit_after - audit_before))"
echo "children: $children; connections: $conns; threads: $threads; duration: $duration; cores: $(nproc)"
ceiling=$(awk '$1 == "static" {print $2}' "$results")
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %12s %10s %10s %9s %14s\n' target rps p50 p99 ceiling 'server CPU/req'
while read -r name rps p50 p99 cpu; do
  printf '%-12s %12s %10s %10s %8.1f%% %11s ms\n' "$name" "$rps" "$p50" "$p99" \
    "$(awk -v a="$rps" -v b="$ceiling" 'BEGIN {print 100 * a / b}')" "$cpu"
done < "$results"
