#!/usr/bin/env bash
# usecases.sh: the network use cases (src/app/networks.h) through `lantern network` on a
# database: the demo partnership (3 boroughs, CHILDREN children) with PEOPLE synthetic
# persons of concern in groups of ten added by SQL, each group's members linked to each
# other in a chain, each person linked to a child and each tenth to a second child
# (all made up, a pure function of the row numbers). Prints the wall time of each
# command (best of RUNS), as a partnership-wide police supervisor and as a social worker
# who sees only her agency's cases. Usage: bench/graph/usecases.sh BUILD/lantern
# [CHILDREN] [PEOPLE] [RUNS]
set -euo pipefail
L=$(realpath "$1")
CHILDREN=${2:-3000}
PEOPLE=${3:-5000}
RUNS=${4:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export LANTERN_DB="sqlite:$dir/b.db"
"$L" init >/dev/null
"$L" demo --children "$CHILDREN" --boroughs 3 --seed 5 --today 2026-12-01 >/dev/null
sqlite3 b.db <<SQL
CREATE TEMP TABLE kids AS SELECT row_number() OVER (ORDER BY id) AS kn, id FROM children;
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $PEOPLE)
INSERT INTO people (id, label, agency_id, created_at, updated_at)
SELECT printf('poc_bench%011d', n), printf('Bench Person %d', n),
       (SELECT id FROM agencies WHERE name = 'Northbrook Police (demo)'),
       '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM s;
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $PEOPLE)
INSERT INTO links (id, kind, from_type, from_id, to_type, to_id, nature, source, recorded_at,
                   recorded_by_name)
SELECT printf('lnk_bencha%010d', n), 'associate', 'person', printf('poc_bench%011d', n),
       'person', printf('poc_bench%011d', n + 1), 'fact', 'bench', '2026-11-01T00:00:00Z', 'bench'
FROM s WHERE n % 10 <> 0;
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $PEOPLE)
INSERT INTO links (id, kind, from_type, from_id, to_type, to_id, to_child_id, nature, source,
                   recorded_at, recorded_by_name)
SELECT printf('lnk_benchb%010d', n), 'associate', 'person', printf('poc_bench%011d', n),
       'child', k.id, k.id, 'fact', 'bench', '2026-11-01T00:00:00Z', 'bench'
FROM s JOIN kids k ON k.kn = 1 + (n * 7919) % (SELECT count(*) FROM kids);
WITH RECURSIVE s(n) AS (SELECT 10 UNION ALL SELECT n + 10 FROM s WHERE n + 10 <= $PEOPLE)
INSERT INTO links (id, kind, from_type, from_id, to_type, to_id, to_child_id, nature, source,
                   recorded_at, recorded_by_name)
SELECT printf('lnk_benchc%010d', n), 'seen_with', 'person', printf('poc_bench%011d', n),
       'child', k.id, k.id, 'fact', 'bench', '2026-11-01T00:00:00Z', 'bench'
FROM s JOIN kids k ON k.kn = 1 + (n * 104729) % (SELECT count(*) FROM kids);
SQL
links=$(sqlite3 b.db "select count(*) from links")
child=$(sqlite3 b.db "select to_id from links where id = 'lnk_benchb0000000001'")
social_child=$(sqlite3 b.db "select l.to_id from links l join child_agencies ca on ca.child_id = l.to_id
  join agencies a on a.id = ca.agency_id where l.id like 'lnk_benchb%' and a.name = 'Northbrook Children''s Social Care (demo)'
  and ca.kind <> 'filed' and ca.ended_at is null limit 1")
echo "children $CHILDREN, persons of concern $(sqlite3 b.db 'select count(*) from people'), links $links"
best() { # best wall time of RUNS runs of the command, in seconds
	local b="" t
	for _ in $(seq "$RUNS"); do
		t=$( { TIMEFORMAT=%R; time "$@" >/dev/null 2>&1; } 2>&1 | tail -1)
		if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t; fi
	done
	echo "$b"
}
SUP=(--as supervisor.northbrook)
SOC=(--as social.northbrook)
"$L" network show "$child" --hops 3 "${SUP[@]}" --json >show.json
"$L" network summary "${SUP[@]}" --json >summary.json
echo "networks the supervisor sees: $(sed -n 's/^  "components": \([0-9]*\).*/\1/p' summary.json)," \
	"largest sizes: $(grep -A1 '"size"' summary.json | grep -o '"size": [0-9]*' | head -3 | sed 's/"size": //' | tr '\n' ' ')"
echo "nodes within 3 links of the child: $(grep -c '"hops":' show.json)"
printf '%-58s %s\n' "command (wall time, best of $RUNS)" "seconds"
printf '%-58s %s\n' "network flag CHILD (supervisor)" "$(best "$L" network flag "$child" "${SUP[@]}")"
printf '%-58s %s\n' "network show CHILD --hops 2 (supervisor)" "$(best "$L" network show "$child" --hops 2 "${SUP[@]}")"
printf '%-58s %s\n' "network flag CHILD (social worker)" "$(best "$L" network flag "$social_child" "${SOC[@]}")"
printf '%-58s %s\n' "network cases Northbrook (supervisor)" "$(best "$L" network cases Northbrook "${SUP[@]}")"
printf '%-58s %s\n' "network summary (supervisor)" "$(best "$L" network summary "${SUP[@]}")"
printf '%-58s %s\n' "network summary (social worker)" "$(best "$L" network summary "${SOC[@]}")"
printf '%-58s %s\n' "network export --file edges (supervisor)" "$(best "$L" network export --file edges "${SUP[@]}")"
printf '%-58s %s\n' "version (process start, for comparison)" "$(best "$L" version)"
