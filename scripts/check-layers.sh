#!/usr/bin/env bash
# Checks the layers of src/ (docs/decisions.md, DESIGN.md "Layout"): which of src/'s
# directories a file may include headers from.
#   web/, cli/       never store/ or audit/: they reach the database and the audit log
#                    through app/, which owns transactions and audit
#   protocol/        only protocol/ and util/: the rules are pure
#   link/            never app/, web/, cli/ or store/: matching knows no use case,
#                    HTTP, command line or storage
#   store/, audit/   never app/, web/ or cli/ (nothing below app/ knows who calls it)
#   util/            only util/
# Usage: scripts/check-layers.sh [SOURCE_DIR]   prints each include that breaks a rule
#                                               (file:line) and exits 1 if there is one
#        scripts/check-layers.sh --self-test    checks that each rule catches a breach
# Run by .ci/run before `make test`, and by ctest (check_layers, check_layers_self_test).
set -euo pipefail

# layer, "only" or "never", the directories, and why
RULES=(
	"web|never|store audit|web/ reaches the database and the audit log through app/"
	"cli|never|store audit|cli/ reaches the database and the audit log through app/"
	"protocol|only|protocol util|protocol/ is pure: it includes only protocol/ and util/"
	"link|never|app web cli store|link/ knows nothing of use cases, HTTP, the CLI or storage"
	"store|never|app web cli|store/ is below app/"
	"audit|never|app web cli|audit/ is below app/"
	"util|only|util|util/ includes only util/"
)

# check_tree ROOT: prints every breach under ROOT/src; returns 1 if there is one.
check_tree() {
	local root=$1 bad=0 rule layer kind dirs why hit file line text dir breach inc
	local known=" $(cd "$root/src" && ls -d -- */ | tr -d / | tr '\n' ' ') "
	for rule in "${RULES[@]}"; do
		IFS='|' read -r layer kind dirs why <<<"$rule"
		[ -d "$root/src/$layer" ] || continue
		while IFS= read -r hit; do
			file=${hit%%:*}
			line=${hit#*:}
			text=${line#*:}
			line=${line%%:*}
			dir=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([A-Za-z0-9_]+)\/.*/\1/' \
				<<<"$text")
			# only src/'s own directories count (not <sys/socket.h> and the like)
			[[ "$known" == *" $dir "* ]] || continue
			if [ "$kind" = only ]; then
				breach=1
				[[ " $dirs " == *" $dir "* ]] && breach=0
			else
				breach=0
				[[ " $dirs " == *" $dir "* ]] && breach=1
			fi
			if [ $breach = 1 ]; then
				inc=$(sed -E 's/^[^<"]*[<"]([^">]*).*/\1/' <<<"$text")
				echo "check-layers: ${file#"$root"/}:$line: includes $inc: $why"
				bad=1
			fi
		done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"][A-Za-z0-9_]+/' \
			--include='*.c' --include='*.h' "$root/src/$layer" || true)
	done
	return $bad
}

# Builds a small tree that keeps every rule, checks it passes, then breaks each rule
# in turn and checks that the breach is caught.
self_test() {
	local tmp fails=0 rule layer kind dirs why target
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' RETURN
	for d in app audit cli link protocol store util web; do
		mkdir -p "$tmp/src/$d"
		printf '#include <stdio.h>\n#include <sys/types.h>\n#include "%s/x.h"\n' "$d" \
			>"$tmp/src/$d/x.c"
	done
	printf '#include "app/app.h"\n#include "util/buf.h"\n#include "protocol/x.h"\n' \
		>>"$tmp/src/web/x.c"
	printf '#include "web/server.h"\n' >>"$tmp/src/cli/x.c"
	printf '#include "store/db.h"\n#include "audit/audit.h"\n' >>"$tmp/src/app/x.c"
	if ! check_tree "$tmp" >/dev/null; then
		echo "check-layers self-test: a tree that keeps the rules was refused"
		fails=1
	fi
	for rule in "${RULES[@]}"; do
		IFS='|' read -r layer kind dirs why <<<"$rule"
		if [ "$kind" = only ]; then target=app; else target=${dirs%% *}; fi
		cp "$tmp/src/$layer/x.c" "$tmp/x.c.keep"
		printf '  #  include "%s/breach.h"\n' "$target" >>"$tmp/src/$layer/x.c"
		if check_tree "$tmp" >/dev/null; then
			echo "check-layers self-test: $layer/ including $target/ was not caught"
			fails=1
		fi
		mv "$tmp/x.c.keep" "$tmp/src/$layer/x.c"
	done
	[ $fails = 0 ] && echo "check-layers self-test: every rule catches its breach"
	return $fails
}

if [ "${1:-}" = --self-test ]; then
	self_test
	exit
fi
root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
check_tree "$root"
