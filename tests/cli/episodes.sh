#!/usr/bin/env bash
# CLI for missing episodes: report -> refused absent (R-MISS-2) -> escalate -> return ->
# safe and well -> return interview -> deadlines run -> exports. Bad input gets exit 2
# and writes nothing. Usage: episodes.sh LANTERN_BIN
. "$(dirname "$0")/lib.bash"

"$L" init >/dev/null
"$L" borough add Northbrook --code NB >/dev/null
# R-MISS-7: a looked-after child's placing authority is an agency in Lantern
"$L" agency add "Northbrook Children's Services" --type childrens_social_care --borough Northbrook >/dev/null
echo '{"given_names": "Test", "family_name": "Wanderer-Demo", "date_of_birth": "'"$(born 11)"'", "looked_after": true, "home_authority": "Northbrook", "host_authority": "Northbrook", "confirm_new": true}' >c.json
"$L" child add c.json >/dev/null
child=$(sqlite3 t.db "select id from children limit 1")

# R-MISS-2: a 12-year-old is never absent
printf '{"child_id": "%s", "missing_from": "care", "classification": "absent", "reported_at": "'"$(day 0)"'T10:00:00Z"}' "$child" >absent.json
before=$(count audit_events)
expect 2 "absent for a 12-year-old refused" -- "$L" episode report absent.json
check "refusal names R-MISS-2" "grep -q R-MISS-2 err.txt"
check "refusal wrote nothing" "[ \$(count episodes) = 0 ] && [ \$(count audit_events) = $before ]"
printf '{"child_id": "%s", "missing_from": "care", "classification": "absent", "auto_correct": true, "reported_at": "'"$(day 0)"'T10:00:00Z", "last_seen_where": "Fernbank Park"}' "$child" >fix.json
expect 0 "auto-corrected to missing" -- "$L" episode report fix.json
check "classed missing" "grep -q '\"classification\": \"missing\"' out.txt"
ep=$(sqlite3 t.db "select id from episodes limit 1")

expect 2 "bad JSON" -- "$L" episode report nothing.json
expect 2 "unknown episode" -- "$L" episode show mep_00000000000000000000
expect 2 "escalate a missing episode is a conflict" -- "$L" episode escalate "$ep" --reason "test"
expect 2 "escalate without reason" -- "$L" episode escalate "$ep"

echo '{"returned_at": "'"$(day -1)"'T10:00:00Z"}' >early.json
expect 2 "return before report refused" -- "$L" episode return "$ep" early.json
echo '{"interviewer": "Dana Worker", "child_asked": true, "child_preference": "Dana"}' >iv.json
expect 2 "interview before return refused" -- "$L" episode interview "$ep" iv.json
check "nothing returned" "[ -z \"\$(sqlite3 t.db 'select returned_at from episodes')\" ]"

echo '{"returned_at": "'"$(day 1)"'T09:00:00Z", "where": "Fernbank Park"}' >ret.json
expect 0 "return" -- "$L" episode return "$ep" ret.json
echo '{"done_by": "PC Able", "where_found": "Fernbank Park", "what_happened": "Stayed with a friend.", "found_alone": true, "done_at": "'"$(day 1)"'T10:00:00Z"}' >saw.json
expect 0 "safe and well" -- "$L" episode safe-and-well "$ep" saw.json
echo '{"interviewer": "PC Able", "child_asked": true, "child_preference": "Dana"}' >iv-bad.json
expect 2 "the officer who did the police interview refused (R-MISS-6)" -- "$L" episode interview "$ep" iv-bad.json
check "independence refusal names R-MISS-6" "grep -q R-MISS-6 err.txt"
expect 0 "interview offered" -- "$L" episode interview "$ep" iv.json
echo '{"status": "completed", "at": "'"$(day 2)"'T10:00:00Z", "findings": "The child stayed at a friend'"'"'s home."}' >done.json
expect 0 "interview completed" -- "$L" episode interview "$ep" done.json
echo '{"clothing": false, "early_evidence_kit": false, "devices": false, "decision": "no_forensic_action", "rationale": "No indication of an offence."}' >for.json
expect 0 "forensic decision" -- "$L" episode forensic "$ep" for.json
expect 0 "show" -- "$L" episode show "$ep"
expect 0 "list" -- "$L" episode list "$child"
check "repeat counts listed" "grep -q days_365 out.txt"

# R-MISS-4 / R-DL-2: an older child's absent episode escalates once the timeframe passes
echo '{"given_names": "Test", "family_name": "Stroller-Demo", "date_of_birth": "'"$(born 15)"'", "confirm_new": true}' >c2.json
"$L" child add c2.json >/dev/null
child2=$(sqlite3 t.db "select id from children where family_name = 'Stroller-Demo'")
# reported an hour ago (a report dated past its timeframe would be missing at once)
rep=$(date -u -d "@$(( $(date -u +%s) / 60 * 60 - 3600 ))" +%FT%TZ)
later() { date -u -d "@$(( $(date -u -d "$rep" +%s) + $1 ))" +%FT%TZ; }
printf '{"child_id": "%s", "missing_from": "home", "classification": "absent", "reported_at": "%s"}' "$child2" "$rep" >a2.json
expect 0 "absent report" -- "$L" episode report a2.json
check "still absent" "grep -q '\"classification\": \"absent\"' out.txt"
expect 0 "deadlines run before the timeframe" -- "$L" deadlines run --at "$(later 18000)"
check "nothing escalated yet" "grep -q '\"count\": 0' out.txt"
expect 0 "deadlines list" -- "$L" deadlines list --at "$(later 18000)"
check "amber escalation listed" "grep -q amber out.txt"
expect 0 "deadlines run after the timeframe" -- "$L" deadlines run --at "$(later 23400)"
check "one escalated" "grep -q '\"count\": 1' out.txt"
check "escalation recorded with reason" "[ \"\$(sqlite3 t.db \"select reason from episode_changes where kind = 'escalation'\")\" = 'managed timeframe passed' ]"

expect 0 "ssda903 export" -- "$L" export ssda903 --from $(day 0) --to $(day 30)
check "ssda903 row" "grep -q \"^$child,M,$(ukday 0),$(ukday 1)\" out.txt"
expect 0 "annex a export" -- "$L" export annex-a --from $(day 0) --to $(day 30)
expect 2 "export with a bad date" -- "$L" export ssda903 --from $(day 0 | sed s/-..-/-13-/) --to $(day 30)
expect 2 "export without dates" -- "$L" export annex-a
expect 0 "profile print" -- "$L" profile print "$child"
expect 0 "audit verify" -- "$L" audit verify

echo "cli episodes: $pass passed, $fails failed"
[ "$fails" -eq 0 ]
