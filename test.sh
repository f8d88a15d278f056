#!/usr/bin/env bash
# Runs every test of the solution and ends with one line: "N passed, N failed".
# Works on a fresh machine: installs the npm test tooling (Garmin's FIT decoder) when it is missing.
set -uo pipefail
cd "$(dirname "$0")"

if [ -f tests/fit-decoder/package.json ] && [ ! -d tests/fit-decoder/node_modules ]; then
  (cd tests/fit-decoder && npm ci --no-audit --no-fund --silent) || { echo "npm ci failed in tests/fit-decoder"; exit 1; }
fi

if [ -f tests/browser/package.json ] && [ ! -d tests/browser/node_modules ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --silent) || { echo "npm ci failed in tests/browser"; exit 1; }
fi

rm -rf TestResults
# A test that hangs fails after 15 minutes (the longest, the native publish behind NativeToolTests, takes ~3) instead
# of holding the run until CI's limit.
dotnet test HealthSync.slnx -c Release --logger "trx" --results-directory TestResults --blame-hang-timeout 15m --blame-hang-dump-type none "$@"
status=$?

passed=0; failed=0; found=0
for trx in TestResults/*.trx; do
  [ -f "$trx" ] || continue
  found=1
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$found" = 0 ] && [ "$status" != 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed"
exit "$status"
