# lib.bash: what the CLI tests share; each tests/cli/*.sh sources it first (it is
# not a test itself: ctest runs only the *.sh files). Takes the lantern binary as $1
# (into L), makes a temporary directory, enters it and removes it on exit, points
# LANTERN_DB at t.db there, and keeps the tally in pass and fails.
set -u
L=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T"
export LANTERN_DB=sqlite:t.db
fails=0
pass=0

# expect CODE DESCRIPTION -- command...: runs the command (standard output to out.txt,
# standard error to err.txt; within EXPECT_TIMEOUT seconds when that is set) and
# checks its exit code, showing the start of its output when it differs.
expect() {
	local want=$1 what=$2
	shift 3
	${EXPECT_TIMEOUT:+timeout "$EXPECT_TIMEOUT"} "$@" >out.txt 2>err.txt
	local got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: $what: exit $got, expected $want"
		sed 's/^/    /' err.txt out.txt | head -5
		fails=$((fails + 1))
	else
		pass=$((pass + 1))
	fi
}

# check DESCRIPTION CONDITION: passes when the shell condition (eval'd) holds.
check() { if eval "$2"; then pass=$((pass + 1)); else echo "FAIL: $1"; fails=$((fails + 1)); fi; }

# count TABLE: the number of rows in TABLE of t.db.
count() { sqlite3 t.db "select count(*) from $1"; }

# Dates relative to the day the test runs, so that no test depends on today's date.
# BASE is midnight UTC sixty days ago; `day N` is the date N days after it (YYYY-MM-DD),
# `ukday N` the same written DD/MM/YYYY, `born AGE` a date of birth that makes a child
# AGE years and about half a year old on the base day (and for the weeks after it).
BASE=$(( ($(date -u +%s) / 86400 - 60) * 86400 ))
day() { date -u -d "@$((BASE + $1 * 86400))" +%F; }
ukday() { date -u -d "@$((BASE + $1 * 86400))" +%d/%m/%Y; }
born() {
	local y m d
	read -r y m d < <(date -u -d "@$((BASE - 183 * 86400))" '+%Y %m %d')
	[ "$m$d" = 0229 ] && d=28
	echo "$((10#$y - $1))-$m-$d"
}
