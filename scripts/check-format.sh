#!/usr/bin/env bash
# Checks that the C sources are formatted by .clang-format and that no line is wider
# than 100 columns (tabs counted as 8). Prints the offending files; exits 1 if any.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 'bench/*.c' 'bench/*.h')
bad=0
if ! clang-format --dry-run --Werror $files 2>/dev/null; then
	echo "check-format: these files are not formatted (run \`make format\`):"
	for f in $files; do
		clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || echo "  $f"
	done
	bad=1
fi
for f in $files; do
	expand -t8 "$f" | awk -v f="$f" 'length > 100 { print "  " f ":" NR ": wider than 100 columns"; n++ }
		END { exit n > 0 }' || bad=1
done
exit $bad
