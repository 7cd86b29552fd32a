#!/usr/bin/env bash
# The test command (README: `npm test`). On a fresh Debian machine as root it provisions what the
# tests need: Debian's docker.io engine, the offline fixture images, the fixture workspaces' images.
# Without an engine it fails; DOJO_TEST_NO_ENGINE=1 runs only the tests that need none, and says so.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm install --no-audit --no-fund

if [ "${DOJO_TEST_NO_ENGINE:-0}" = 1 ]; then
  if [ "${CI:-}" = true ]; then echo "test: DOJO_TEST_NO_ENGINE=1 is refused under CI=true: CI must run the engine tests" >&2; exit 1; fi
  echo "test: DOJO_TEST_NO_ENGINE=1: running only the tests that need no engine (the engine tests are NOT run)"
  npm run build
  exec npx vitest run --project unit --project cli
fi

bash scripts/provision-engine.sh
bash test/setup/fixture-images.sh
npx tsc --noEmit -p .
npm run build
node bin/dojo.js validate
node test/support/fixtures.mjs

status=0
npx vitest run --reporter=default --reporter=json --outputFile=test/.work/vitest.json || status=$?

leftovers=$(docker ps -aq --filter label=io.dojo.temp=1 | wc -l)
leftovers=$((leftovers + $(docker images -aq --filter label=io.dojo.temp=1 | wc -l)))
leftovers=$((leftovers + $(docker images -q 'dojo-probe/*' | wc -l)))
if [ "$leftovers" != 0 ]; then
  echo "test: $leftovers dojo-created object(s) left in the engine after the suite:" >&2
  docker ps -a --filter label=io.dojo.temp=1 >&2; docker images -a --filter label=io.dojo.temp=1 >&2; docker images 'dojo-probe/*' >&2
  status=1
fi

# The closing line CI reads: N passed, N failed (vitest's own summary is not one it knows).
node -e '
  const r = require("./test/.work/vitest.json");
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' || { echo "tests: the vitest report is missing" >&2; status=1; }
exit $status
