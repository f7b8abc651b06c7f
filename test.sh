#!/usr/bin/env bash
# The one test command (README "Quick start"): restores, builds and runs every test in the solution,
# then prints the totals as one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

results=TestResults
rm -rf "$results"

dotnet test Trader.Streams.sln \
  --blame-hang-timeout 5m \
  -p:TestingPlatformCaptureOutput=false
status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited $status (build or runner failure)" >&2
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
