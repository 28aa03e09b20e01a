#!/usr/bin/env bash
# Installs what it needs (environment/setup.sh), builds in Release, and runs every test project.
# Prints one closing line "Tests: N passed, N failed[, N skipped]" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
environment/setup.sh
dotnet build FgCrossNet.sln -c Release --nologo -v quiet --no-restore
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test FgCrossNet.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log" || status=$?
# Sum the per-assembly summaries ("Failed!  - Failed: 1, Passed: 66, Skipped: 0, Total: 67, ...").
read -r passed failed skipped < <(awk -F'[:,]' '/ - Failed: *[0-9]+, Passed: *[0-9]+/ {
    for (i = 1; i <= NF; i++) { gsub(/ /, "", $i); if ($i ~ /Failed$/) f += $(i+1); if ($i == "Passed") p += $(i+1); if ($i == "Skipped") s += $(i+1) }
  } END { print p + 0, f + 0, s + 0 }' "$log")
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
