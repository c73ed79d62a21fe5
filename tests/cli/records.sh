#!/usr/bin/env bash
# CLI for a record's chronology: `lantern record chronology REF` prints the entries
# newest first for a user who sees the record, `record timeline` (its older name) prints
# the same, and an unknown record or one the user may not see is answered as absent
# (R-INFO-3), exit 2 with nothing printed. On a synthetic demo partnership.
# Usage: records.sh LANTERN_BIN
. "$(dirname "$0")/lib.bash"

"$L" init >/dev/null
"$L" demo --children 40 --boroughs 2 >/dev/null
SUP=(--as supervisor.northbrook)
ref=$(sqlite3 t.db "select r.reference from records r join children c on c.id = r.child_id where c.residence_borough_id = (select id from boroughs where name = 'Northbrook') and r.restricted = 0 and exists (select 1 from record_entries e where e.record_id = r.id) order by r.reference limit 1")
check "a Northbrook record with entries" "[ -n '$ref' ]"

expect 0 "record chronology" -- "$L" record chronology "$ref" "${SUP[@]}"
cp out.txt chronology.txt
check "the chronology lists entries with who wrote them" "grep -q '^    by ' chronology.txt"
first=$(grep -m1 -o '^[0-9T:Z-]*' chronology.txt)
last=$(grep -o '^[0-9T:Z-]*' chronology.txt | tail -1)
check "newest first" "[ '$first' \\> '$last' ] || [ '$first' = '$last' ]"
expect 0 "record timeline, the older name" -- "$L" record timeline "$ref" "${SUP[@]}"
check "both names print the same" "cmp -s out.txt chronology.txt"
expect 0 "record chronology --json" -- "$L" record chronology "$ref" --json "${SUP[@]}"
check "the JSON holds the entries" "grep -q '\"entries\"' out.txt"
expect 2 "an unknown record" -- "$L" record chronology LAN-1999-000001 "${SUP[@]}"
check "nothing printed for it" "[ ! -s out.txt ]"
expect 2 "record chronology without a reference" -- "$L" record chronology "${SUP[@]}"

echo "records.sh: $pass passed, $fails failed"
[ "$fails" -eq 0 ]
