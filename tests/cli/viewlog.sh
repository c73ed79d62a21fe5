#!/usr/bin/env bash
# viewlog.sh: a server's record views are logged through its view log and reach the
# audit chain: while it runs (the API and the page), at a clean stop (nothing left
# waiting), and after a crash, when `lantern audit verify` moves what a killed server
# left waiting exactly once (rows already moved are dropped, not moved again).
# Usage: viewlog.sh LANTERN_BIN
. "$(dirname "$0")/lib.bash"
export LANTERN_STATIC_DIR="${LANTERN_SOURCE_DIR:-.}/static"
EXPECT_TIMEOUT=60

expect 0 "init" -- "$L" init
expect 0 "demo" -- "$L" demo --seed 3 --boroughs 1 --children 12

port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
start() {
	"$L" serve --listen 127.0.0.1:$port --secure-cookies false >serve.out 2>serve.err &
	pid=$!
	for _ in $(seq 1 100); do
		curl -fsS "$base/healthz" >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	echo "FAIL: server did not answer"; sed 's/^/    /' serve.err | head -5
	fails=$((fails + 1))
}
signin() {
	curl -fsS -D - -o /dev/null -H 'content-type: application/json' \
		-d '{"username":"mash.northbrook","password":"lantern-demo-2026"}' \
		"$base/api/v1/session" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p'
}
views() { sqlite3 t.db "select count(*) from audit_events where action = 'view' and entity_type = 'record'"; }

refs=$(sqlite3 t.db "select reference from records order by reference limit 5")
before=$(views)
start
cookie=$(signin)
check "signed in" '[ -n "$cookie" ]'
served=0
for r in $refs; do
	code=$(curl -s -o view.json -w '%{http_code}' -H "Cookie: $cookie" "$base/api/v1/records/$r")
	[ "$code" = 200 ] && grep -q "\"reference\":\"$r\"" view.json && served=$((served + 1))
	code=$(curl -s -o page.html -w '%{http_code}' -H "Cookie: $cookie" "$base/records/$r")
	[ "$code" = 200 ] && served=$((served + 1))
done
check "ten views served (five API, five pages)" '[ $served -eq 10 ]'
check "an unknown record is 404 and logs no view" \
	'[ "$(curl -s -o /dev/null -w "%{http_code}" -H "Cookie: $cookie" "$base/api/v1/records/LAN-1999-000001")" = 404 ]'
kill -TERM $pid
wait $pid
check "clean stop" '[ $? -eq 0 ]'
check "the view log exists beside the database" '[ -f t.db-viewlog ]'
check "nothing left waiting after a clean stop" '[ "$(sqlite3 t.db-viewlog "select count(*) from pending")" = 0 ]'
check "every view reached the audit log" '[ $(($(views) - before)) -eq 10 ]'
expect 0 "chain intact" -- "$L" audit verify

# A killed server leaves events waiting: two new ones, and one already moved (at or
# below the mark, as when a crash falls between the fold's two steps).
mark=$(sqlite3 t.db "select folded from viewlog_state")
check "the mark moved" '[ "$mark" -ge 10 ]'
sqlite3 t.db-viewlog "insert into pending (seq, at, action, entity_type, entity_id) values ($mark, 1790000000, 'view', 'record', 'rec_moved_already');
insert into pending (at, action, entity_type, entity_id) values (1790000001, 'view', 'record', 'rec_waiting_1');
insert into pending (at, action, entity_type, entity_id) values (1790000002, 'view', 'record', 'rec_waiting_2');"
events=$(count audit_events)
expect 0 "verify moves what waits, then checks" -- "$L" audit verify
check "it says so" 'grep -q "moved 2 waiting view event" out.txt'
check "exactly the two waiting events joined" '[ $(($(count audit_events) - events)) -eq 2 ]'
check "in order" '[ "$(sqlite3 t.db "select group_concat(entity_id) from (select entity_id from audit_events order by seq desc limit 2)")" = "rec_waiting_2,rec_waiting_1" ]'
check "the one already moved was not moved again" '[ "$(sqlite3 t.db "select count(*) from audit_events where entity_id = '"'"'rec_moved_already'"'"'")" = 0 ]'
check "the view log is empty" '[ "$(sqlite3 t.db-viewlog "select count(*) from pending")" = 0 ]'
expect 0 "verify again moves nothing" -- "$L" audit verify
check "quietly" '! grep -q "moved" out.txt'

# A file in the view log's place that is not Lantern's stops the server before it serves.
mv t.db-viewlog keep.viewlog
rm -f t.db-viewlog-wal t.db-viewlog-shm
sqlite3 t.db-viewlog "create table other (x); insert into other values (1)"
expect 1 "a foreign view log is refused" -- "$L" serve --listen 127.0.0.1:$port --secure-cookies false
rm -f t.db-viewlog

[ $fails -eq 0 ] && echo "viewlog.sh: all $pass passed"
exit $fails
