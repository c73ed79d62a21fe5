#!/usr/bin/env bash
# `lantern serve` refuses bad settings before listening (exit 2 for usage, 1 for the
# environment), and with good ones serves, answers and stops cleanly on SIGTERM.
# Usage: serve.sh LANTERN_BIN
. "$(dirname "$0")/lib.bash"
export LANTERN_STATIC_DIR="${LANTERN_SOURCE_DIR:-.}/static"
EXPECT_TIMEOUT=10

expect 0 "help" -- "$L" serve --help
expect 1 "no database yet" -- "$L" serve --listen 127.0.0.1:0
"$L" init >/dev/null || { echo "FAIL: init"; exit 1; }
expect 2 "unknown flag" -- "$L" serve --bogus 1
expect 2 "stray argument" -- "$L" serve extra
expect 2 "flag without value" -- "$L" serve --listen
expect 2 "bad thread count" -- "$L" serve --threads 0
expect 2 "bad view cache size" -- "$L" serve --view-cache-mb -1
expect 2 "plain cookies off loopback" -- "$L" serve --listen 0.0.0.0:0 --secure-cookies false
expect 2 "bad listen address" -- "$L" serve --listen nowhere
expect 2 "certificate without key" -- "$L" serve --listen 127.0.0.1:0 --tls-cert missing.pem
expect 1 "unreadable certificate" -- "$L" serve --listen 127.0.0.1:0 --tls-cert missing.pem --tls-key missing.pem

# Serves, answers, and stops on SIGTERM with exit 0.
port=$((20000 + RANDOM % 20000))
"$L" serve --listen 127.0.0.1:$port --secure-cookies false >serve.out 2>serve.err &
pid=$!
ok=0
for _ in $(seq 1 100); do
	if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then ok=1; break; fi
	sleep 0.05
done
if [ $ok -ne 1 ]; then
	echo "FAIL: server did not answer"; sed 's/^/    /' serve.err | head -5; fails=$((fails + 1))
fi
kill -TERM $pid
wait $pid
rc=$?
if [ $rc -ne 0 ]; then echo "FAIL: exit $rc after SIGTERM"; fails=$((fails + 1)); fi
grep -q 'level=info stopped' serve.err || { echo "FAIL: no clean stop logged"; fails=$((fails + 1)); }

[ $fails -eq 0 ] && echo "serve.sh: all passed"
exit $fails
