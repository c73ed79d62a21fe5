#!/usr/bin/env bash
# CLI for disruption: an order from application to service with the outcome code
# (R-ORD-4, R-OUT-5); refusals naming the rule and the field, exit 2, nothing written
# (R-ORD-1, R-ORD-2, R-ORD-3, R-ORD-4); the tactical options checklist (R-ORD-5);
# actions and the queue of their deadlines (R-MASE-7, R-DL-9); criminal justice cases
# with attrition (R-OUTC-2); an NRM referral (R-DL-6). On a synthetic demo partnership.
# Usage: disruption.sh LANTERN_BIN
. "$(dirname "$0")/lib.bash"

"$L" init >/dev/null
"$L" demo --children 30 --boroughs 1 >/dev/null
SUP=(--as supervisor.northbrook)
person=$(sqlite3 t.db "select person_id from disruptions where type = 'shpo' limit 1")
child=$(sqlite3 t.db "select to_child_id from links where from_id = '$person' and to_child_id is not null limit 1")
ref=$(sqlite3 t.db "select reference from records where child_id = '$child'")
older=$(sqlite3 t.db "select id from children where looked_after = 0 and date_of_birth <= date('now', '-16 years', '-1 month') order by id limit 1")
orders() { count disruptions; }

for c in order tactics action cj nrm; do
	expect 0 "$c --help" -- "$L" "$c" --help
done
expect 2 "order without a subcommand" -- "$L" order
expect 2 "order with an unknown subcommand" -- "$L" order frobnicate x

# R-ORD-4, R-OUT-5: from application to service
echo '{"type": "sro", "person_id": "'"$person"'", "applied_on": "'"$(day 10)"'"}' >applied.json
expect 0 "SRO applied for" -- "$L" order add applied.json "${SUP[@]}" --json
id=$(sed -n 's/^  "id": "\(dsr_[^"]*\)".*/\1/p' out.txt)
check "an order id" "[ -n '$id' ]"
echo '{"made_on": "'"$(day 20)"'", "ends_on": "'"$(day 800)"'"}' >made.json
expect 0 "made" -- "$L" order change "$id" made.json "${SUP[@]}"
check "made" "grep -q 'Made by the court' out.txt"
before=$(orders)
hist=$(count disruption_history)
echo '{"served_at": "'"$(day 19)"'T10:00:00Z", "serving_officer": "PC 1 Demo"}' >early.json
expect 2 "served before it was made (R-ORD-4)" -- "$L" order change "$id" early.json "${SUP[@]}"
check "names R-ORD-4 and served_at" "grep -q 'R-ORD-4' err.txt && grep -q 'served_at' err.txt"
check "nothing written" "[ \$(count disruption_history) = $hist ]"
echo '{"served_at": "'"$(day 21)"'T10:00:00Z", "serving_officer": "PC 1 Demo"}' >served.json
fp=$(sqlite3 t.db "select count(*) from outcomes where person_id = '$person' and code = 'FP'")
expect 0 "served" -- "$L" order change "$id" served.json "${SUP[@]}"
check "outcome code FP added" "grep -q 'outcome code FP' out.txt"
check "FP on the person" "[ \$(sqlite3 t.db \"select count(*) from outcomes where person_id = '$person' and code = 'FP'\") = $((fp + 1)) ]"
echo '{"breach_on": "'"$(day 15)"'"}' >breach.json
expect 2 "a breach before the order (R-ORD-3)" -- "$L" order change "$id" breach.json "${SUP[@]}"
check "names R-ORD-3 and breaches" "grep -q 'R-ORD-3' err.txt && grep -q 'breaches' err.txt"

# R-ORD-1, R-ORD-2, R-ORD-3: refused, nothing written
echo '{"type": "cawn", "person_id": "'"$person"'", "child_id": "'"$older"'", "served_at": "'"$(day 30)"'T10:00:00Z", "serving_officer": "PC 1 Demo"}' >cawn.json
expect 2 "CAWN for a child of 16 (R-ORD-1)" -- "$L" order add cawn.json "${SUP[@]}"
check "names R-ORD-1 and child_id" "grep -q 'R-ORD-1' err.txt && grep -q 'child_id' err.txt"
echo '{"type": "shpo", "person_id": "'"$person"'", "status": "made", "made_on": "'"$(day 30)"'", "ends_on": "'"$(day 1000)"'"}' >shpo.json
expect 2 "SHPO under five years (R-ORD-2)" -- "$L" order add shpo.json "${SUP[@]}"
check "names R-ORD-2 and ends_on" "grep -q 'R-ORD-2' err.txt && grep -q 'ends_on' err.txt"
echo '{"type": "sro", "person_id": "'"$person"'", "status": "made", "made_on": "'"$(day 30)"'", "ends_on": "'"$(day 400)"'"}' >sro.json
expect 2 "SRO under two years (R-ORD-3)" -- "$L" order add sro.json "${SUP[@]}"
check "names R-ORD-3" "grep -q 'R-ORD-3' err.txt"
check "nothing written" "[ \$(orders) = $before ]"
expect 2 "an order on a person a nurse does not see" -- "$L" order add applied.json --as health.northbrook
expect 0 "order show" -- "$L" order show "$id" "${SUP[@]}"
expect 0 "the person's orders" -- "$L" order person "$person" "${SUP[@]}"
check "lists the SHPO" "grep -q 'Sexual Harm Prevention Order' out.txt"
expect 0 "borough summary" -- "$L" order summary Northbrook --as analyst
check "summary counts" "grep -q 'Orders and disruptions:' out.txt && grep -q 'overdue' out.txt"

# R-ORD-5
expect 0 "tactics show" -- "$L" tactics show "$ref" "${SUP[@]}"
check "not yet considered counted" "grep -q 'not yet considered' out.txt"
expect 2 "considered without an owner (R-ORD-5)" -- "$L" tactics mark "$ref" --code T12 --mark considered --note 'CCTV staff to be briefed.' "${SUP[@]}"
check "names R-ORD-5" "grep -q 'R-ORD-5' err.txt"
expect 0 "tactics mark" -- "$L" tactics mark "$ref" --code T12 --mark considered --note 'CCTV staff to be briefed.' --owner 'Northbrook Police (demo)' "${SUP[@]}"

# R-MASE-7, R-DL-9
echo '{"text": "Check the hotel register.", "owner_person": "officer.northbrook", "record_ref": "'"$ref"'", "agreed_at": "'"$(day 50)"'T09:00:00Z", "due_on": "'"$(day 55)"'"}' >act.json
expect 0 "action add" -- "$L" action add act.json "${SUP[@]}" --json
act=$(sed -n 's/^  "id": "\(act_[^"]*\)".*/\1/p' out.txt)
expect 0 "action queue (supervisor)" -- "$L" action queue "${SUP[@]}"
check "overdue in the supervisor's queue" "grep -q 'supervisor view' out.txt && grep -q 'Check the hotel register' out.txt"
echo '{"status": "cancelled"}' >cancel.json
expect 2 "cancelled without a reason (R-MASE-7)" -- "$L" action update "$act" cancel.json --as officer.northbrook
echo '{"status": "done"}' >done.json
expect 0 "done" -- "$L" action update "$act" done.json --as officer.northbrook
check "who closed it" "grep -q 'closed .* by Demo Police Officer' out.txt"
expect 0 "action list" -- "$L" action list --record "$ref" "${SUP[@]}"
expect 2 "action list without a subject" -- "$L" action list "${SUP[@]}"

# R-OUTC-2
echo '{"person_id": "'"$person"'", "network": "Operation Cli (demo)", "arrested_on": "'"$(day 40)"'", "referred_on": "'"$(day 41)"'"}' >cj.json
expect 0 "cj add" -- "$L" cj add cj.json "${SUP[@]}"
expect 0 "cj list" -- "$L" cj list --network 'Operation Cli (demo)' --as analyst
check "attrition" "grep -q '1 referred -> 0 charged -> 0 convicted' out.txt"

# R-DL-6
echo '{"referred_at": "'"$(day 55)"'T09:00:00Z", "reference": "NRM-CLI-1"}' >nrm.json
expect 0 "nrm refer" -- "$L" nrm refer "$child" nrm.json --as mash.northbrook
check "the period" "grep -q 'reflection_ends_at' out.txt"
expect 0 "nrm list" -- "$L" nrm list "$child" --as mash.northbrook
expect 0 "audit verify" -- "$L" audit verify

echo "cli disruption: $pass passed, $fails failed"
[ "$fails" -eq 0 ]
