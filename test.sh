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
  # The TRX logger leaves notExecuted at 0 for skipped tests: count what was not executed.
  skipped=$((skipped + $(get total) - $(get executed)))
done

# Requirements traceability: docs/RTM.md from the [Trait("Req", …)] tags and these results.
# A spec requirement without a passing test fails the run (RTM_REQUIRE_ALL=0 only writes the matrix).
rtm_flags=()
[ "${RTM_REQUIRE_ALL:-1}" = "1" ] && rtm_flags+=(--require-all)
spec=../shared/spec/requirements-v0.2.md
if [ -f "$spec" ]; then
  dotnet run --project tools/Trader.Rtm -v q -- --root . --spec "$spec" --results "$results" --out docs/RTM.md "${rtm_flags[@]}" || status=1
else
  echo "RTM: $spec not found; matrix not written" >&2
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited $status (build or runner failure)" >&2
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
