#!/usr/bin/env bash
# Sets up everything the tests need (packages, dockerd, npm deps, local base images) and runs the whole suite
# against the real Docker engine, nginx, git and Pebble. Ends with one line: `N passed, N failed`.
#   deploy/test.sh                 everything: the parallel suite, then test/integration/serial alone
#   deploy/test.sh FILTER...       only the test files matching FILTER (vitest's filters)
set -uo pipefail
cd "$(dirname "$0")/.."
deploy/setup.sh --with-test-tools || { echo "0 passed, 1 failed"; exit 1; }
test/setup/base-images.sh || { echo "0 passed, 1 failed"; exit 1; }

reports=$(mktemp -d)
status=0
phase() { # NAME, then vitest arguments
  local name=$1; shift
  npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/$name.json" "$@" || status=1
}
if (($#)); then
  PAAS_TEST_SERIAL=1 phase filtered "$@"
else
  # Type errors in tests and benchmarks (vitest runs them untyped): counted as one test.
  if npm run --silent typecheck; then result='"numPassedTests":1,"numFailedTests":0'; else result='"numPassedTests":0,"numFailedTests":1'; status=1; fi
  echo "{$result}" >"$reports/typecheck.json"
  phase parallel
  # These restart the shared Docker engine: nothing else may run beside them.
  PAAS_TEST_SERIAL=1 phase serial --maxWorkers=1 test/integration/serial
fi
node -e '
  const fs = require("fs");
  const [dir, status] = process.argv.slice(1);
  let passed = 0, failed = 0;
  for (const f of fs.readdirSync(dir)) {
    try {
      const r = JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8"));
      passed += r.numPassedTests ?? 0;
      failed += r.numFailedTests ?? 0;
    } catch { failed += 1; }
  }
  // A suite that failed to load, or a crash, fails the run even when no single test was counted as failed.
  if (failed === 0 && status !== "0") failed = 1;
  console.log(`${passed} passed, ${failed} failed`);
' "$reports" "$status"
rm -rf "$reports"
exit $status
