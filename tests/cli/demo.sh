#!/usr/bin/env bash
# demo.sh: `lantern demo` end to end: usage errors exit 2, a small demo is generated,
# a second run on the same database is refused (exit 2), the demo users are listed,
# and the audit chain verifies. Run by ctest with the lantern binary as $1.
set -u
bin=${1:?usage: demo.sh PATH/TO/lantern}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="sqlite:$dir/demo.db"
fails=0
check() { # check NAME EXPECTED_RC ACTUAL_RC
  if [ "$2" != "$3" ]; then
    echo "FAIL: $1: exit $3, expected $2"
    fails=$((fails + 1))
  else
    echo "ok: $1"
  fi
}

"$bin" init --db "$db" >/dev/null; check "init" 0 $?
"$bin" demo --db "$db" --boroughs 0 >/dev/null 2>&1; check "demo --boroughs 0" 2 $?
"$bin" demo --db "$db" --children abc >/dev/null 2>&1; check "demo --children abc" 2 $?
"$bin" demo --db "$db" --bogus >/dev/null 2>&1; check "demo --bogus" 2 $?
"$bin" demo --db "$db" --seed >/dev/null 2>&1; check "demo --seed without value" 2 $?
"$bin" demo --db "sqlite:$dir/missing.db" >/dev/null 2>&1; check "demo on a missing db" 1 $?

"$bin" demo --db "$db" --seed 5 --boroughs 2 --children 20 --logins >"$dir/out" 2>"$dir/err"
check "demo" 0 $?
grep -q "officer.northbrook" "$dir/out" || { echo "FAIL: logins table"; fails=$((fails + 1)); }
grep -q "lantern-demo-2026" "$dir/out" || { echo "FAIL: demo password"; fails=$((fails + 1)); }
grep -q "WARNING" "$dir/out" || { echo "FAIL: demo warning"; fails=$((fails + 1)); }

"$bin" demo --db "$db" --seed 5 --boroughs 2 --children 20 >/dev/null 2>"$dir/err2"
check "demo again on the same db" 2 $?
grep -q "already holds" "$dir/err2" || { echo "FAIL: refusal message"; fails=$((fails + 1)); }

"$bin" user list --db "$db" >"$dir/users"; check "user list" 0 $?
for u in officer.northbrook supervisor.riverside mash.northbrook social.riverside \
         chair.northbrook analyst auditor admin assessment; do
  grep -q "\"$u\"" "$dir/users" || { echo "FAIL: user $u not listed"; fails=$((fails + 1)); }
done

"$bin" audit verify --db "$db" >/dev/null; check "audit verify" 0 $?

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all demo CLI checks passed"
