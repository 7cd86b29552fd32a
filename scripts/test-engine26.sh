#!/usr/bin/env bash
# test-engine26.sh : the Engine 26.1 leg of `npm test` (run after the 20.10 suite, which built the
# fixture images and wrote the verdict tables test/.work/verdicts-20.10/*.json). Starts dockerd 26
# beside 20.10 in its own network namespace (provision-engine26.sh), copies the fixture images over,
# and runs the engine files whose verdicts depend on the engine: every lab's fixture runs (lab 01/02
# in verdict-table, lab 03-05 in their own files), each of which writes its verdict table and diffs
# it against 20.10's; the builder and size checks, the runtime kinds, cleanup and interrupts. Left
# out: verdicts (lab 01/02's verdicts against variant.yaml: the lab-01-02 table carries them here,
# equal to 20.10's, and verdict-table asserts the evidence an engine words differently) and files
# that test no engine behaviour of their own (gate and outputs: report formats of the same findings;
# podman: its own leg; endpoints: TLS/context discovery; package: npm pack; watch: the terminal UI).
# Lab 04 runs with Compose v2 only, the Compose Docker 26 ships.
# Stops dockerd 26 when it ends, passed, failed or interrupted; DOJO_KEEP_ENGINE26=1 leaves it running
# (to rerun a file against it). Writes test/.work/vitest-26.json; exits non-zero when the leg cannot
# be provisioned or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=(verdict-table builders lab-03 lab-04 lab-05 lab-05-breakfix runtime-kinds safety course-pack)
started=$(date +%s)
rm -f test/.work/vitest-26.json
stop_engine() {
  if [ "${DOJO_KEEP_ENGINE26:-0}" = 1 ]; then echo "test: DOJO_KEEP_ENGINE26=1: dockerd 26 is left running (bash scripts/provision-engine26.sh --stop stops it)" >&2
  else bash scripts/provision-engine26.sh --stop || echo "test: could not stop dockerd 26 (bash scripts/provision-engine26.sh --stop)" >&2; fi
}
trap stop_engine EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if ! env26=$(bash scripts/provision-engine26.sh); then
  echo "test: the Engine 26.1 leg could not be provisioned (scripts/provision-engine26.sh); it counts as failed" >&2
  exit 1
fi
eval "$env26"
bash scripts/engine26-images.sh
echo "test: Engine 26.1 leg ($(docker version --format 'Engine {{.Server.Version}}, API {{.Server.APIVersion}}'), buildx $(docker buildx version | awk '{print $2}'), compose $(docker compose version --short))"
status=0
source scripts/leftovers.sh
before=$(temp_objects)
files=(); for f in "${FILES[@]}"; do files+=("test/engine/$f.test.ts"); done
DOJO_TEST_COMPOSE=v2 DOJO_VERDICT_TABLE_AGAINST=20.10 nsenter --net="/var/run/netns/$DOJO_ENGINE26_NETNS" npx vitest run --project engine "${files[@]}" \
  --reporter=default --reporter=json --outputFile=test/.work/vitest-26.json || status=1
check_leftovers "$before" "the Engine 26.1 engine" || status=1
echo "test: Engine 26.1 leg took $(( $(date +%s) - started )) s"
exit $status
