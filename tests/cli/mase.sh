#!/usr/bin/env bash
# CLI for the monthly multi-agency meeting: a schedule and the next meeting due
# (R-MASE-1, R-DL-5); a meeting chaired below Inspector flagged with its gaps (R-MASE-2,
# R-MASE-3); refusals naming the rule, exit 2, nothing written (R-MASE-2, R-MASE-4,
# R-MASE-8); the generated agenda with the linked-case place (R-MASE-6, R-MASE-9); a
# decision carried into the next agenda's review (R-MASE-7). On a synthetic demo
# partnership.
# Usage: mase.sh LANTERN_BIN
. "$(dirname "$0")/lib.bash"

"$L" init >/dev/null
"$L" demo --children 30 --boroughs 1 >/dev/null
CHAIR=(--as chair.northbrook)
ref=$(sqlite3 t.db "select r.reference from records r where exists (select 1 from referrals f where f.child_id = r.child_id) and r.status = 'open' and r.restricted = 0 order by r.reference limit 1")

expect 0 "mase --help" -- "$L" mase --help
expect 2 "mase without a subcommand" -- "$L" mase

# R-MASE-1, R-DL-5
echo '{"rule": "nth_weekday", "nth": 2, "weekday": 2, "time": "10:00"}' >sched.json
expect 0 "schedule set" -- "$L" mase schedule Northbrook sched.json "${CHAIR[@]}"
check "the next meeting due" "grep -q 'Next meeting due' out.txt"
echo '{"rule": "nth_weekday", "nth": 9, "weekday": 2, "time": "10:00"}' >bad.json
expect 2 "a fifth-week schedule (R-MASE-1)" -- "$L" mase schedule Northbrook bad.json "${CHAIR[@]}"
check "names R-MASE-1" "grep -q 'R-MASE-1' err.txt"
expect 2 "an officer cannot set it" -- "$L" mase schedule Northbrook sched.json --as officer.northbrook

# R-MASE-2, R-MASE-3: flagged
cat >flagged.json <<JSON
{"borough": "Northbrook", "held_at": "$(day 50)T10:00:00Z", "attendees": [
 {"name": "Demo Sergeant", "member": "police", "rank": "sergeant", "chair": true},
 {"name": "Demo SW", "member": "childrens_social_care"}]}
JSON
expect 0 "a meeting chaired by a sergeant" -- "$L" mase meeting add flagged.json "${CHAIR[@]}"
check "flagged below Inspector" "grep -q 'FLAGGED The chair.s rank was below Inspector' out.txt"
check "health absent" "grep -q 'FLAGGED A statutory member was absent: Health' out.txt"
meetings=$(count mase_meetings)
echo '{"borough": "Northbrook", "held_at": "'"$(day 50)"'T10:00:00Z", "attendees": [{"name": "X", "member": "police", "rank": "inspector"}]}' >nochair.json
expect 2 "no chair (R-MASE-2)" -- "$L" mase meeting add nochair.json "${CHAIR[@]}"
check "names R-MASE-2" "grep -q 'R-MASE-2' err.txt"
check "nothing written" "[ \$(count mase_meetings) = $meetings ]"

# R-MASE-6, R-MASE-9: the agenda
expect 0 "agenda" -- "$L" mase agenda Northbrook "${CHAIR[@]}"
check "seven sections and the linked cases" "grep -q '^7. Problem locations' out.txt && grep -q '^8. Linked cases from network analysis' out.txt"
check "the case is new" "sed -n '/^2. New cases/,/^3. /p' out.txt | grep -q '$ref'"

# R-MASE-4, R-MASE-7, R-MASE-8: a meeting, a decision, the review
cat >held.json <<JSON
{"borough": "Northbrook", "held_at": "$(day 58)T10:00:00Z", "attendees": [
 {"name": "Demo Chair", "username": "chair.northbrook", "member": "police", "rank": "chief_inspector", "chair": true},
 {"name": "Demo DI", "member": "police", "rank": "detective_inspector"},
 {"name": "Demo SW", "member": "childrens_social_care"}, {"name": "Demo Nurse", "member": "health"},
 {"name": "Demo Teacher", "member": "education"}, {"name": "Demo Worker", "member": "support_service"},
 {"name": "Demo YOS", "member": "youth_offending"}]}
JSON
expect 0 "a meeting as the protocol requires" -- "$L" mase meeting add held.json "${CHAIR[@]}" --json
mtg=$(sed -n 's/^  "id": "\(mtg_[^"]*\)".*/\1/p' out.txt)
check "a meeting id" "[ -n '$mtg' ]"
check "not flagged" "grep -q '\"flagged\": false' out.txt"
echo '{"record_ref": "'"$ref"'", "decision": "Refer to the support service."}' >decide.json
expect 0 "a decision" -- "$L" mase decide "$mtg" decide.json "${CHAIR[@]}"
check "the case" "grep -q 'case $ref: Refer to the support service.' out.txt"
sed "s/$(day 58)/$(day -2000)/" held.json | sed 's/"held_at": "[^"]*"/"held_at": "2015-01-13T10:00:00Z"/' >old.json
expect 0 "a meeting years before the referral" -- "$L" mase meeting add old.json "${CHAIR[@]}" --json
old=$(sed -n 's/^  "id": "\(mtg_[^"]*\)".*/\1/p' out.txt)
expect 2 "a case not referred before the meeting (R-MASE-4)" -- "$L" mase decide "$old" decide.json "${CHAIR[@]}"
check "names R-MASE-4" "grep -q 'R-MASE-4' err.txt"
expect 0 "the next agenda" -- "$L" mase agenda Northbrook "${CHAIR[@]}"
check "the case is reviewed" "sed -n '/^3. Review cases/,/^4. /p' out.txt | grep -q '$ref'"
echo '{"duties": [{"done": true}, {"done": true}, {"done": true}, {"done": true}, {"done": true}]}' >duties.json
expect 2 "duties by someone not the chair (R-MASE-8)" -- "$L" mase duties "$mtg" duties.json --as supervisor.northbrook
check "names R-MASE-8" "grep -q 'R-MASE-8' err.txt"
expect 0 "duties by the chair" -- "$L" mase duties "$mtg" duties.json "${CHAIR[@]}"
# R-MASE-7: the chair records what the meeting agreed: an action with its owner, due
# date and tactical option, and a tactical option of the case's checklist
cat >action.json <<JSON
{"record_ref": "$ref", "text": "Visit the address with licensing.", "owner_agency": "Northbrook Police (demo)", "due_on": "$(day 75)", "tactic": "T12"}
JSON
actions=$(count plan_actions)
expect 2 "the chair adds no action outside a meeting" -- "$L" action add action.json "${CHAIR[@]}"
check "nothing written" "[ \$(count plan_actions) = $actions ]"
expect 2 "an action at an unknown meeting" -- "$L" mase action mtg_00000000000000000000 action.json "${CHAIR[@]}"
check "names the meeting" "grep -q 'meeting_id' err.txt"
expect 0 "the chair agrees an action at the meeting" -- "$L" mase action "$mtg" action.json "${CHAIR[@]}"
check "kept with the meeting, owner and due date" "[ \$(sqlite3 t.db \"select count(*) from plan_actions where meeting_id = '$mtg' and owner_agency_id is not null and due_at like '$(day 75)%' and tactic = 'T12'\") = 1 ]"
echo '{"code": "T12", "mark": "considered", "note": "CCTV staff to be briefed.", "owner": "Northbrook Police (demo)"}' >tactic.json
expect 0 "the chair marks a tactical option at the meeting" -- "$L" mase tactic "$mtg" "$ref" tactic.json "${CHAIR[@]}"
check "the mark keeps the meeting" "[ \$(sqlite3 t.db \"select count(*) from tactic_marks where meeting_id = '$mtg' and code = 'T12' and current = 1\") = 1 ]"
expect 0 "the meeting shows the action" -- "$L" mase meeting show "$mtg" "${CHAIR[@]}" --json
check "the action on the case" "grep -q 'Visit the address with licensing.' out.txt"
expect 0 "show" -- "$L" mase show Northbrook "${CHAIR[@]}"
check "the flagged meeting listed" "grep -q 'FLAGGED' out.txt"
# R-RPT-1, R-INFO-1: the board's report
expect 0 "report --help" -- "$L" report --help
expect 0 "the board's report" -- "$L" report board Northbrook "$(day 0)" "$(day 60)" "${CHAIR[@]}"
held=$(sqlite3 t.db "select count(*) from mase_meetings where held_at >= '$(day 0)' and borough_id = (select id from boroughs where name = 'Northbrook')")
check "meetings counted from the records" "grep -q 'Meetings held: $held' out.txt && [ $held -ge 2 ]"
check "the flagged gap" "grep -q 'FLAGGED.*below Inspector' out.txt"
expect 0 "an empty period" -- "$L" report board Northbrook 1990-01-01 1990-12-31 "${CHAIR[@]}"
check "says so" "grep -q 'nothing to report' out.txt"
expect 2 "a period ending before it starts" -- "$L" report board Northbrook "$(day 60)" "$(day 0)" "${CHAIR[@]}"
check "names the field" "grep -q 'to' err.txt"
expect 0 "the report as CSV" -- "$L" report board-csv Northbrook "$(day 0)" "$(day 60)" "${CHAIR[@]}"
check "the CSV header" "head -1 out.txt | grep -q '^borough,from,to,section,table,label,value'"
csv_rows=$(($(tr -d '\r' < out.txt | wc -l) - 1))
expect 0 "the report as a workbook" -- "$L" report board-xlsx Northbrook "$(day 0)" "$(day 60)" "${CHAIR[@]}"
cp out.txt board.xlsx
python3 "$LANTERN_SOURCE_DIR/tests/xlsx_sheets.py" board.xlsx >book.json
check "a zip read back" "[ -s book.json ]"
check "no formula, figures first, the CSV's columns and rows" "python3 -c \"
import json; b = json.load(open('book.json'))
assert b['formulas'] == 0 and b['sheets'][0]['name'] == 'Figures', b
assert all(s['rows'][0] == ['borough', 'from', 'to', 'section', 'table', 'label', 'value'] for s in b['sheets'])
assert sum(len(s['rows']) - 1 for s in b['sheets']) == $csv_rows
\""
expect 0 "census factor codes" -- "$L" report cin Northbrook "$(day -300)" "$(day 60)" --as analyst
check "codes only from the list" "[ \$(tail -n +2 out.txt | tr -d '\\r' | grep -c -v -E '^ch_[a-z0-9]+,LAN-[0-9]{4}-[0-9]{6},(10A|11A|12A|13A|24A)(;(10A|11A|12A|13A|24A))*\$') = 0 ]"
check "a child counted" "[ \$(wc -l < out.txt) -gt 1 ]"
expect 2 "census codes for a nurse" -- "$L" report cin Northbrook "$(day 0)" "$(day 60)" --as health.northbrook
echo '{"lead": "Demo Superintendent", "spoc": "Duty desk"}' >contacts.json
expect 0 "contacts" -- "$L" report contacts "Northbrook Police (demo)" contacts.json
echo '{"lead": "Demo Superintendent"}' >nospoc.json
expect 2 "contacts without a single point of contact (R-INFO-1)" -- "$L" report contacts "Northbrook Police (demo)" nospoc.json
check "names R-INFO-1" "grep -q 'R-INFO-1' err.txt"
expect 0 "audit verify" -- "$L" audit verify

echo "cli mase: $pass passed, $fails failed"
[ "$fails" -eq 0 ]
