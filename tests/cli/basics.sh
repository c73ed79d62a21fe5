#!/usr/bin/env bash
# CLI behaviour on good and bad input: every bad input gets a one-line message, exit
# code 2 (1 for environment failures), and writes nothing. Usage: basics.sh LANTERN_BIN
. "$(dirname "$0")/lib.bash"

# the error is one line starting "lantern: "
one_line_error() {
	if [ "$(wc -l <err.txt)" -lt 1 ] || ! head -1 err.txt | grep -q '^lantern: '; then
		echo "FAIL: $1: no 'lantern:' error line"
		fails=$((fails + 1))
	else
		pass=$((pass + 1))
	fi
}

audit_count() { sqlite3 t.db "select count(*) from audit_events"; }

expect 2 "no command" -- "$L"
expect 0 "help" -- "$L" help
expect 2 "unknown command" -- "$L" frobnicate
one_line_error "unknown command"
expect 0 "version" -- "$L" version
expect 1 "database missing" -- "$L" user list
one_line_error "database missing"
[ ! -e t.db ] && pass=$((pass + 1)) || { echo "FAIL: a command other than init created the database"; fails=$((fails + 1)); }

expect 0 "init" -- "$L" init
expect 0 "init again is a no-op" -- "$L" init
expect 2 "init with an argument" -- "$L" init extra
expect 2 "bad database URL" -- "$L" init --db mysql://x
one_line_error "bad database URL"

# malformed config
printf 'db = sqlite:t.db\nthis line is wrong\n' >bad.conf
expect 2 "malformed config" -- env LANTERN_CONFIG=bad.conf "$L" user list
grep -q 'bad.conf:2' err.txt && pass=$((pass + 1)) || { echo "FAIL: config error does not name the line"; fails=$((fails + 1)); }
printf 'colour = blue\n' >unknown.conf
expect 2 "unknown config key" -- env LANTERN_CONFIG=unknown.conf "$L" user list
expect 2 "bad environment value" -- env LANTERN_SESSION_IDLE=forever "$L" user list

# corrupt and foreign database files
head -c 4096 /dev/urandom >corrupt.db
expect 2 "corrupt database" -- "$L" init --db sqlite:corrupt.db
one_line_error "corrupt database"
sqlite3 foreign.db 'create table accounts(id integer)'
expect 2 "foreign database" -- "$L" init --db sqlite:foreign.db
[ "$(sqlite3 foreign.db "select count(*) from sqlite_master")" = 1 ] && pass=$((pass + 1)) \
	|| { echo "FAIL: foreign database was written"; fails=$((fails + 1)); }

expect 0 "borough add" -- "$L" borough add Northbrook --code NB
expect 0 "agency add" -- "$L" agency add "Northbrook Police" --type police --borough NB
expect 2 "agency with unknown type" -- "$L" agency add "Nowhere" --type spies
expect 2 "agency with unknown borough" -- "$L" agency add "Nowhere" --type police --borough XX
expect 2 "unknown flag" -- "$L" agency add "Nowhere" --colour red

before=$(audit_count)
expect 2 "password on the command line refused" -- "$L" user add pc --agency "Northbrook Police" --role police_officer --password hunter2
echo "short" | expect 2 "short password" -- "$L" user add pc --agency "Northbrook Police" --role police_officer --password-stdin
echo "a-long-enough-password" | expect 2 "unknown role" -- "$L" user add pc --agency "Northbrook Police" --role wizard --password-stdin
echo "a-long-enough-password" | expect 2 "bad username" -- "$L" user add "p c" --agency "Northbrook Police" --role police_officer --password-stdin
[ "$(audit_count)" = "$before" ] && pass=$((pass + 1)) || { echo "FAIL: a refused user add wrote"; fails=$((fails + 1)); }
echo "a-long-enough-password" | expect 0 "user add" -- "$L" user add pc --agency "Northbrook Police" --role police_officer --password-stdin
echo "a-long-enough-password" | expect 2 "duplicate user" -- "$L" user add pc --agency "Northbrook Police" --role police_officer --password-stdin
grep -q 'hunter2\|a-long-enough' t.db && { echo "FAIL: password stored in clear"; fails=$((fails + 1)); } || pass=$((pass + 1))

# children: invalid dates, future dates of birth, over-long names, invalid UTF-8
before=$(sqlite3 t.db "select count(*) from children")
echo '{"given_names": "Test", "family_name": "Child", "date_of_birth": "2011-02-30"}' >c.json
expect 2 "impossible date of birth" -- "$L" child add c.json
grep -q 'date_of_birth' err.txt && pass=$((pass + 1)) || { echo "FAIL: date error does not name the field"; fails=$((fails + 1)); }
echo '{"given_names": "Test", "family_name": "Child", "date_of_birth": "'"$(day 3650)"'"}' >c.json
expect 2 "date of birth in the future" -- "$L" child add c.json
echo '{"given_names": "Test", "family_name": "Child", "date_of_birth": "1990-01-01"}' >c.json
expect 2 "an adult is not a child (R-DEF-1)" -- "$L" child add c.json
printf '{"given_names": "%s", "family_name": "Child"}' "$(head -c 300 /dev/zero | tr '\0' a)" >c.json
expect 2 "over-long name" -- "$L" child add c.json
printf '{"given_names": "Te\xffst", "family_name": "Child"}' >c.json
expect 2 "invalid UTF-8" -- "$L" child add c.json
echo '{"given_names": "Test", "family_name": "Child", "favourite": "x"}' >c.json
expect 2 "unknown field" -- "$L" child add c.json
echo '{"given_names": "Test", ' >c.json
expect 2 "malformed JSON" -- "$L" child add c.json
expect 2 "missing input file" -- "$L" child add nothing-here.json
[ "$(sqlite3 t.db "select count(*) from children")" = "$before" ] && pass=$((pass + 1)) \
	|| { echo "FAIL: a refused child add wrote"; fails=$((fails + 1)); }

echo '{"given_names": "Test", "family_name": "Child-Demo", "date_of_birth": "'"$(born 14)"'"}' >c.json
expect 0 "child add" -- "$L" child add c.json --json
id=$(sqlite3 t.db "select id from children limit 1")
expect 0 "child show" -- "$L" child show "$id"
expect 2 "child show unknown" -- "$L" child show ch_00000000000000000000
expect 2 "same child again is a possible match (R-REC-1)" -- "$L" child add c.json
grep -q "$id" err.txt && pass=$((pass + 1)) || { echo "FAIL: candidate not listed"; fails=$((fails + 1)); }
expect 0 "child find" -- "$L" child find --name "Test Child-Demo" --json
grep -q "$id" out.txt && pass=$((pass + 1)) || { echo "FAIL: find did not find the child"; fails=$((fails + 1)); }

expect 0 "audit verify" -- "$L" audit verify
sqlite3 t.db 'drop trigger audit_events_no_update; update audit_events set action = "tampered" where seq = 2'
expect 1 "audit verify detects an edit" -- "$L" audit verify
grep -q 'event 2' out.txt && pass=$((pass + 1)) || { echo "FAIL: verify did not name event 2"; fails=$((fails + 1)); }

echo "cli basics: $pass passed, $fails failed"
[ "$fails" -eq 0 ]
