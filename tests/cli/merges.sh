#!/usr/bin/env bash
# CLI for merging two children found to be the same child (R-REC-1): `child merge`
# keeps both children and hides the merged one from search, `child merges` lists it,
# `child unmerge` undoes it exactly; refusals (a role that does not merge, the child
# itself, no reason, twice) exit 2 and write no merge. On a synthetic demo partnership.
# Usage: merges.sh LANTERN_BIN
. "$(dirname "$0")/lib.bash"

"$L" init >/dev/null
"$L" demo --children 10 --boroughs 1 >/dev/null
MASH=(--as mash.northbrook)
dob=$(born 13)
for n in 1 2; do
	echo '{"given_names": "Ashby", "family_name": "Merge'"$n"'-Demo", "date_of_birth": "'"$dob"'", "confirm_new": true}' >c$n.json
	expect 0 "add child $n" -- "$L" child add c$n.json --json "${MASH[@]}"
	eval "c$n=\$(sqlite3 t.db \"select id from children where family_name = 'Merge$n-Demo'\")"
done
children=$(count children)

expect 2 "an officer cannot merge (R-REC-1)" -- "$L" child merge "$c1" "$c2" --reason "Same." --as officer.northbrook
check "names R-REC-1" "grep -q 'R-REC-1' err.txt"
expect 2 "not into itself" -- "$L" child merge "$c1" "$c1" --reason "Same." "${MASH[@]}"
expect 2 "a reason is needed" -- "$L" child merge "$c1" "$c2" "${MASH[@]}"
expect 2 "two children are needed" -- "$L" child merge "$c1" "${MASH[@]}" --reason "Same."
check "no merge written" "[ \"\$(count child_merges)\" = 0 ]"

expect 0 "merge" -- "$L" child merge "$c1" "$c2" --reason "Same school and date of birth." "${MASH[@]}"
check "says what was merged" "grep -q 'merged into' out.txt"
merge=$(sqlite3 t.db "select id from child_merges")
check "both children kept" "[ \"\$(count children)\" = $children ]"
expect 2 "not twice" -- "$L" child merge "$c1" "$c2" --reason "Same." "${MASH[@]}"
expect 0 "the merged child is not found" -- "$L" child find --name "Ashby Merge2-Demo" "${MASH[@]}"
check "search leaves the merged child out" "! grep -q '$c2' out.txt"
expect 0 "merges listed" -- "$L" child merges "$c2" "${MASH[@]}"
check "the merge listed" "grep -q '$merge' out.txt"

expect 2 "undo needs a reason" -- "$L" child unmerge "$merge" "${MASH[@]}"
expect 0 "undo" -- "$L" child unmerge "$merge" --reason "Two different children." "${MASH[@]}"
check "undone" "grep -q 'undone at' out.txt"
expect 0 "found again" -- "$L" child find --name "Ashby Merge2-Demo" "${MASH[@]}"
check "search finds the child again" "grep -q '$c2' out.txt"
expect 2 "not undone twice" -- "$L" child unmerge "$merge" --reason "Again." "${MASH[@]}"

echo "merges.sh: $pass passed, $fails failed"
[ "$fails" -eq 0 ]
