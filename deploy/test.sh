#!/usr/bin/env bash
# Sets up everything the tests need (packages, dockerd, npm deps, local base images) and runs the whole suite
# against the real Docker engine, nginx, git and Pebble. Ends with one line: `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
deploy/setup.sh --with-test-tools || { echo "0 passed, 1 failed"; exit 1; }
test/setup/base-images.sh || { echo "0 passed, 1 failed"; exit 1; }

report=$(mktemp)
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
node -e '
  const fs = require("fs");
  let r = {};
  try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch {}
  let failed = r.numFailedTests ?? 0;
  // A suite that failed to load, or a crash, fails the run even when no single test was counted as failed.
  if (failed === 0 && process.argv[2] !== "0") failed = 1;
  console.log(`${r.numPassedTests ?? 0} passed, ${failed} failed`);
' "$report" "$status"
rm -f "$report"
exit $status
