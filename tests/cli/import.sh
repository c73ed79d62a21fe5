#!/usr/bin/env bash
# CLI for bulk import and export of children: a dry run writes nothing; refused rows
# exit 2 with their line and reason and nothing of the batch written; the good rows when
# asked explicitly; a mapping file; a row that may be a known child held, never merged
# (R-REC-1); the export reads back; the matching model shown and training refused with
# too few children. On a synthetic demo partnership.
# Usage: import.sh LANTERN_BIN
. "$(dirname "$0")/lib.bash"

"$L" init >/dev/null
"$L" demo --children 30 --boroughs 1 >/dev/null
H=given_names,family_name,other_names,date_of_birth,gender,nhs_number,school,address,postcode
named() { sqlite3 t.db "select count(*) from children where family_name = '$1'"; }

expect 0 "import --help" -- "$L" import --help
expect 2 "import without a file" -- "$L" import children
expect 2 "import of something else" -- "$L" import people x.csv
expect 2 "a file that is not there" -- "$L" import children nothere.csv

cat >good.csv <<CSV
$H
Ottoline,Vasquez-Demo,Otti,$(born 12),F,,,3 Birch Lane,N1 9GU
Pascoe,Vasquez-Demo,,$(ukday -4000),M,,,,
CSV
expect 0 "dry run" -- "$L" import children good.csv --dry-run
check "the dry run says what it would do" "grep -q 'dry_run: 2 rows read, 2 would be created' out.txt"
check "the dry run writes no child" "[ \$(named Vasquez-Demo) = 0 ]"

cat >bad.csv <<CSV
$H
Ottoline,Vasquez-Demo,Otti,$(born 12),F,,,3 Birch Lane,N1 9GU
Quentin,Vasquez-Demo,,2013-02-30,M,,,,
Ottoline,Vasquez-Demo,Otti,$(born 12),F,,,3 Birch Lane,N1 9GU
Rufus,Vasquez-Demo,,$(born 40),M,,,,
Sable,Vasquez-Demo,,,,,,
CSV
printf 'Tamsin,Vasquez-Demo,,,,,,,\n' >>bad.csv
printf 'Ulla,Vasquez-Demo,,,,,\xe9cole,,\n' >>bad.csv
children=$(count children)
expect 2 "refused rows exit 2" -- "$L" import children bad.csv
check "line 3: a date that does not exist" "grep -q '^line 3: date_of_birth \"2013-02-30\" is not a date that exists' err.txt"
check "line 4: a duplicate row" "grep -q '^line 4: The row repeats line 2' err.txt"
check "line 5: an adult (R-DEF-1)" "grep -q '^line 5: date_of_birth: .*R-DEF-1' err.txt"
check "line 6: the wrong number of fields" "grep -q '^line 6: The row has 8 fields where the header has 9' err.txt"
check "line 8: not UTF-8" "grep -q '^line 8: school is not UTF-8' err.txt"
check "nothing written" "[ \$(count children) = $children ] && [ \$(named Vasquez-Demo) = 0 ]"
check "the refused batch's report is kept" "[ \$(sqlite3 t.db \"select count(*) from import_batches where status = 'refused'\") = 1 ]"
expect 0 "the good rows, when asked" -- "$L" import children bad.csv --commit-good-rows
check "two good rows created" "[ \$(named Vasquez-Demo) = 2 ]"
expect 2 "dry run and commit-good-rows together" -- "$L" import children bad.csv --dry-run --commit-good-rows

printf 'given_names\nA\n' >noheader.csv
expect 2 "wrong header" -- "$L" import children noheader.csv
check "line 1: the missing column" "grep -q '^line 1: Wrong header: there is no family_name column' err.txt"

# a mapping file
printf 'Forename = given_names\nSurname = family_name\nDOB = date_of_birth\n' >map.txt
printf 'Forename,Surname,DOB\nWilhelmina,Achterberg-Demo,%s\n' "$(born 10)" >mapped.csv
expect 0 "a mapped file" -- "$L" import children mapped.csv --mapping map.txt
check "the mapped child" "[ \$(named Achterberg-Demo) = 1 ]"
printf 'Forename = first_name\n' >badmap.txt
expect 2 "a mapping to no field" -- "$L" import children mapped.csv --mapping badmap.txt
check "names the field" "grep -q 'first_name' err.txt"

# R-REC-1: a known child again (a nickname) is held, never merged or added
printf '%s\nWilma,Achterberg-Demo,,%s,,,,,\n' "$H" "$(born 10)" >again.csv
expect 0 "a possible match is held" -- "$L" import children again.csv
check "held" "grep -q 'line 2: held' out.txt"
check "not added" "[ \$(named Achterberg-Demo) = 1 ]"
check "a held row" "[ \$(sqlite3 t.db \"select count(*) from import_held where status = 'held'\") = 1 ]"
expect 2 "a nurse may not import" -- "$L" import children again.csv --as health.northbrook

# the export reads back
expect 0 "export children" -- "$L" export children
check "the header" "head -1 out.txt | grep -q '^$H'"
check "the imported children" "grep -q 'Ottoline,Vasquez-Demo,Otti' out.txt"
cp out.txt exported.csv
expect 0 "the export imports again as a dry run" -- "$L" import children exported.csv --dry-run
check "every exported child is held as possibly known" "grep -q ' 0 would be created' out.txt"
expect 2 "a nurse may not export" -- "$L" export children --as health.northbrook

# the matching model
expect 0 "match model" -- "$L" match model
check "in words" "grep -q 'likely the same child' out.txt && grep -q 'same date of birth' out.txt"
expect 2 "match train with too few children" -- "$L" match train
check "the reason" "grep -q 'too little to learn from' err.txt"
expect 2 "match with no subcommand" -- "$L" match

echo "import: $pass passed, $fails failed"
[ "$fails" -eq 0 ]
