#!/usr/bin/env bash
# CLI for people of concern, places, links and networks: a person added with a phone
# that is not a number (kept as written and marked, R-POI-1), found by street name;
# links refused naming the field, exit 2, nothing written (a self-link, an end before its
# start, a grading outside its scale; a child the user may not see answered as absent,
# R-INFO-3); the R-CAT-7 flag with its path and the borough's linked cases (R-MASE-9);
# a place marked as a hotspot (R-LOC-1); the CSV export for i2 and Gephi, formula-safe;
# a link ended and kept. On a synthetic demo partnership.
# Usage: people.sh LANTERN_BIN
. "$(dirname "$0")/lib.bash"

"$L" init >/dev/null
"$L" demo --children 40 --boroughs 2 >/dev/null
SUP=(--as supervisor.northbrook)
unlinked="not exists (select 1 from links l where l.from_child_id = c.id or l.to_child_id = c.id)"
low=$(sqlite3 t.db "select c.id from children c join records r on r.child_id = c.id where coalesce(r.current_category, 1) = 1 and r.restricted = 0 and $unlinked order by c.id limit 1")
high=$(sqlite3 t.db "select c.id from children c join records r on r.child_id = c.id where r.current_category = 3 and r.restricted = 0 and c.id <> '$low' and $unlinked order by c.id limit 1")
riverside=$(sqlite3 t.db "select c.id from children c where c.residence_borough_id = (select id from boroughs where name = 'Riverside') and not exists (select 1 from child_agencies ca join agencies a on a.id = ca.agency_id where ca.child_id = c.id and a.name like 'Northbrook%') order by c.id limit 1")
check "demo children found" "[ -n '$low' ] && [ -n '$high' ] && [ -n '$riverside' ]"
links() { count links; }

for c in person place link network; do
	expect 0 "$c --help" -- "$L" "$c" --help
done
expect 2 "person without a subcommand" -- "$L" person
expect 2 "network with an unknown subcommand" -- "$L" network frobnicate

# R-POI-1: a person with a phone that is not a number
cat >person.json <<'JSON'
{"names": [{"name": "Dwayne Corrick-Demo", "kind": "name"}, {"name": "Corky", "kind": "street_name"}],
 "phones": ["ring the barber's and ask"], "nature": "intelligence", "grading": "2/B/P",
 "source": "Officer sighting (demo)", "confirm_new": true}
JSON
expect 0 "person add" -- "$L" person add person.json "${SUP[@]}"
poc=$(sed -n 's/^\(poc_[a-z0-9]*\) .*/\1/p' out.txt | head -1)
check "a person id" "[ -n '$poc' ]"
check "phone kept as written and marked" "grep -q \"ring the barber's and ask.*not parsed\" out.txt"
expect 0 "person search by street name" -- "$L" person search --name Corky "${SUP[@]}"
check "found" "grep -q '$poc' out.txt"
echo '{"names": ["Someone Demo"], "nature": "intelligence", "grading": "4/F/X", "source": "x y z", "confirm_new": true}' >bad.json
before=$(count people)
expect 2 "a grading outside its scale" -- "$L" person add bad.json "${SUP[@]}"
check "names the grading" "grep -q 'grading' err.txt"
check "nothing written" "[ \$(count people) = $before ]"

# links refused, naming the field, nothing written
before=$(links)
expect 2 "a self-link" -- "$L" link add "$poc" "$poc" --kind associate --source 'Officer sighting (demo)' "${SUP[@]}"
check "names to" "grep -q '\bto\b' err.txt"
expect 2 "an end before its start" -- "$L" link add "$poc" "$low" --kind seen_with --from-date "$(day 50)" --to-date "$(day 40)" --source 'Officer sighting (demo)' "${SUP[@]}"
check "names to_date" "grep -q 'to_date' err.txt"
expect 2 "a grading outside its scale" -- "$L" link add "$poc" "$low" --kind seen_with --nature intelligence --grading 9/Z/Q --source 'Officer sighting (demo)' "${SUP[@]}"
check "names grading" "grep -q 'grading' err.txt"
echo '{"names": ["Trevor Nash-Demo"], "nature": "fact", "source": "Home visit (demo)", "confirm_new": true}' >hers.json
expect 0 "a person the social worker records" -- "$L" person add hers.json --as social.northbrook
hers=$(sed -n 's/^\(poc_[a-z0-9]*\) .*/\1/p' out.txt | head -1)
before=$(links)
refused=$(sqlite3 t.db "select count(*) from audit_events where action = 'refused' and entity_id = '$riverside'")
expect 2 "a child the user may not see, as if absent (R-INFO-3)" -- "$L" link add "$hers" "$riverside" --kind associate --source 'Home visit (demo)' --as social.northbrook
check "answered as absent" "grep -q 'No such child' err.txt"
check "the refusal audited" "[ \$(sqlite3 t.db \"select count(*) from audit_events where action = 'refused' and entity_id = '$riverside'\") = $((refused + 1)) ]"
check "nothing written" "[ \$(links) = $before ]"

# R-CAT-7: the category 1 child linked through the person to a category 3 child
expect 0 "link to the low child" -- "$L" link add "$poc" "$low" --kind seen_with --from-date "$(day 50)" --source 'Officer sighting (demo)' "${SUP[@]}"
lnk=$(sed -n 's/^\(lnk_[a-z0-9]*\) .*/\1/p' out.txt | head -1)
expect 0 "link to the high child" -- "$L" link add "$poc" "$high" --kind associate --nature intelligence --grading 2/B/P --source 'Officer sighting (demo)' "${SUP[@]}"
expect 0 "network flag" -- "$L" network flag "$low" "${SUP[@]}"
check "flagged R-CAT-7 in 2 links" "grep -q 'R-CAT-7 linked in 2 links' out.txt"
check "the path through the person" "grep -q 'Dwayne Corrick-Demo (person)' out.txt"
borough=$(sqlite3 t.db "select b.name from records r join children c on c.id = r.child_id join boroughs b on b.id = coalesce(r.owning_borough_id, c.residence_borough_id) where c.id = '$low'")
expect 0 "the borough's linked cases" -- "$L" network cases "$borough" "${SUP[@]}" --json
check "the low child listed" "grep -q '\"child_id\": \"$low\"' out.txt"
expect 0 "network show" -- "$L" network show "$poc" --hops 1 "${SUP[@]}"
check "both children" "grep -c ' child ' out.txt | grep -q 2"
expect 0 "network summary" -- "$L" network summary "${SUP[@]}"
check "a serial person" "grep -A20 'Serial persons' out.txt | grep -q 'Dwayne Corrick-Demo'"
expect 2 "a kind that is not one" -- "$L" network show "$poc" --kinds friend "${SUP[@]}"
check "names kinds" "grep -q 'kinds' err.txt"

# R-LOC-1: a place marked as a hotspot
echo '{"type": "takeaway", "name": "Chicken Corner (demo)", "borough": "Northbrook", "confirm_new": true}' >place.json
expect 0 "place add" -- "$L" place add place.json "${SUP[@]}"
plc=$(sed -n 's/^\(plc_[a-z0-9]*\) .*/\1/p' out.txt | head -1)
expect 2 "a hotspot without its rationale" -- "$L" place hotspot "$plc" "${SUP[@]}"
expect 0 "hotspot marked" -- "$L" place hotspot "$plc" --rationale 'Three children found here after going missing.' "${SUP[@]}"
check "marked" "grep -q HOTSPOT out.txt"

# the export for i2 and Gephi, formula-safe
echo '{"names": ["=cmd|calc Demo"], "nature": "fact", "source": "Officer sighting (demo)", "confirm_new": true}' >evil.json
expect 0 "a person whose name looks like a formula" -- "$L" person add evil.json "${SUP[@]}"
evil=$(sed -n 's/^\(poc_[a-z0-9]*\) .*/\1/p' out.txt | head -1)
expect 0 "linked" -- "$L" link add "$evil" "$poc" --kind associate --source 'Officer sighting (demo)' "${SUP[@]}"
expect 0 "export nodes" -- "$L" network export "$poc" --file nodes "${SUP[@]}"
check "Gephi header" "head -1 out.txt | grep -q '^Id,Label,Type,Category,Order'"
check "formula defused" "grep -q \"'=cmd|calc Demo\" out.txt"
expect 0 "export links" -- "$L" network export "$poc" --file links "${SUP[@]}"
check "i2 header" "head -1 out.txt | grep -q '^Link Identity,From Identity'"
expect 2 "an unknown file" -- "$L" network export "$poc" --file xlsx "${SUP[@]}"
check "names file" "grep -q 'file' err.txt"

# a link ended is kept, and the flag goes
expect 0 "link end" -- "$L" link end "$lnk" --reason 'Recorded against the wrong child.' "${SUP[@]}"
check "ended" "grep -q '(ended)' out.txt"
expect 0 "network flag after" -- "$L" network flag "$low" "${SUP[@]}"
check "no longer flagged" "grep -q 'not linked' out.txt"
check "the link kept" "[ \$(sqlite3 t.db \"select count(*) from links where id = '$lnk' and ended_at is not null\") = 1 ]"
expect 0 "audit verify" -- "$L" audit verify

echo "cli people: $pass passed, $fails failed"
[ "$fails" -eq 0 ]
