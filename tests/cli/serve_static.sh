#!/usr/bin/env bash
# `lantern serve` finds its static files (CSS, JavaScript) wherever it is started from:
# here from a temporary directory with no static/ of its own and no static_dir set, the
# binary being in the build directory beside the source tree's static/. A static_dir
# that is set is used as it is, and one without lantern.css stops serve (exit 1).
# Usage: serve_static.sh LANTERN_BIN
. "$(dirname "$0")/lib.bash"
unset LANTERN_STATIC_DIR
EXPECT_TIMEOUT=10
"$L" init >/dev/null || { echo "FAIL: init"; exit 1; }
check "no static/ here" '[ ! -e static ]'

expect 1 "a static_dir without lantern.css" -- "$L" serve --listen 127.0.0.1:0 --static-dir "$T/nowhere"
check "the error names the directory" 'grep -q "nowhere" err.txt'

# Starts serve with the given extra arguments on a free port ($port, $pid) and reads
# lantern.css into $css; a port another process holds makes serve exit, so another is
# tried (at most five).
serve_css() {
	css=""
	for _try in 1 2 3 4 5; do
		port=$((20000 + RANDOM % 20000))
		"$L" serve --listen 127.0.0.1:$port --secure-cookies false "$@" >serve.out 2>serve.err &
		pid=$!
		for _ in $(seq 1 200); do
			css=$(curl -fsS "http://127.0.0.1:$port/static/lantern.css" 2>/dev/null) && return 0
			kill -0 $pid 2>/dev/null || break
			sleep 0.05
		done
		kill -0 $pid 2>/dev/null && return 0
		wait $pid 2>/dev/null
	done
}

serve_css
check "lantern.css served from another directory" '[[ "$css" == *"lantern-header__name"* ]]'
check "lantern.js too" 'curl -fsS "http://127.0.0.1:$port/static/lantern.js" | grep -q initAll'
check "where they were found is logged" 'grep -q "static files from /" serve.err'
kill -TERM $pid
wait $pid
check "stops cleanly" '[ $? -eq 0 ]'

# a static_dir given is used as it is: a copy with a marker
mkdir -p mine && cp "$LANTERN_SOURCE_DIR/static/lantern.css" mine/ && echo "/* marker-for-test */" >>mine/lantern.css
serve_css --static-dir mine
check "the setting overrides" '[[ "$css" == *"marker-for-test"* ]]'
kill -TERM $pid
wait $pid

[ $fails -eq 0 ] && echo "serve_static.sh: all $pass passed"
exit $fails
