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
source scripts/leftovers.sh
before=$(temp_objects)
# Each leg writes its verdict tables; the 26 leg diffs against this run's 20.10 tables, never old ones.
rm -rf test/.work/verdicts-*
npx vitest run --reporter=default --reporter=json --outputFile=test/.work/vitest.json || status=$?

check_leftovers "$before" "the engine" || status=1

# The Engine 26.1 leg (BuildKit, Compose v2): scripts/test-engine26.sh. It cannot be skipped
# silently: a leg that cannot be provisioned fails; DOJO_TEST_ENGINE26=0 leaves it out outside CI
# only, and says so.
reports=(test/.work/vitest.json)
if [ "${DOJO_TEST_ENGINE26:-1}" = 0 ]; then
  if [ "${CI:-}" = true ]; then echo "test: DOJO_TEST_ENGINE26=0 is refused under CI=true: CI must run the Engine 26.1 leg" >&2; exit 1; fi
  echo "test: DOJO_TEST_ENGINE26=0: the Engine 26.1 leg is NOT run"
else
  reports+=(test/.work/vitest-26.json)
  bash scripts/test-engine26.sh || status=1
fi

# The closing line CI reads: N passed, N failed (vitest's own summary is not one it knows), summed
# over both legs' reports; a leg's missing report is a failure.
node -e '
  const fs = require("fs");
  let p = 0, f = 0, s = 0, missing = [];
  for (const file of process.argv.slice(1)) {
    if (!fs.existsSync(file)) { missing.push(file); continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    p += r.numPassedTests; f += r.numFailedTests; s += r.numPendingTests + r.numTodoTests;
  }
  for (const m of missing) console.error(`tests: the vitest report ${m} is missing`);
  console.log(`\ntests: ${p} passed, ${f} failed, ${s} skipped`);
  process.exit(missing.length ? 1 : 0);
' "${reports[@]}" || status=1
exit $status
