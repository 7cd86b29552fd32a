// The workflow `dojo ci init` writes, run by hand on the real engine: its `run:` steps in the order
// the file has them, from the workspace as CI checks it out (a student's committed lab-03/run.sh,
// lab-05/harden.sh, lab-05/fix.sh and dojo-answers.yaml), on an engine that has none of the
// student's containers. The gate at the end passes. Three steps reach the network on GitHub and are
// stood in for here, each by what it provides: `npm install` of dojo (the built CLI on PATH), the
// trivy install (a stand-in trivy printing a real report without CRITICAL findings), and builds
// use the classic builder (offline). Everything the steps create carries this run's `ci-` prefix
// (the course copy renames the scenario containers and image to it) and is removed afterwards.
import { execa } from 'execa';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerHash } from '../../src/checks/kinds/quiz.js';
import { BIN, dojo } from '../support/cli.js';
import { COURSE as BUILT_IN } from '../support/course.js';
import { parseJunit, schemaErrors } from '../support/schemas.js';
import { TRIVY_REPORT } from '../fixtures/lab05/lab05.mjs';
import { STACK } from '../fixtures/stacks/stack.mjs';

const P = `ci-${process.pid}`;
const SCN = `${P}-s5-`;
const SCENARIO_IMAGE = `${P}-scenario:1`;
const IMG = { api: `${P}-api:prod`, dev: `${P}-api:dev`, worker: `${P}-worker:prod` };
const LABEL = 'io.dojo.testobj=1';

/** The built-in course with the scenario containers, networks and image named with this run's prefix. */
function courseCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), `${P}-course-`));
  for (const sub of ['labs', 'hints', 'checks', 'scenarios']) {
    cpSync(join(BUILT_IN, sub), join(dir, sub), { recursive: true });
    for (const f of readdirSync(join(dir, sub))) {
      const p = join(dir, sub, f);
      writeFileSync(p, readFileSync(p, 'utf8').replaceAll('dojo-scenario/lab-05:1', SCENARIO_IMAGE).replaceAll('lab05-', SCN));
    }
  }
  return dir;
}

/** The quiz answers a student who understood lab 01 commits: the right choice of each question. */
function answers(): string {
  const checks = parse(readFileSync(join(BUILT_IN, 'checks', 'lab-01.yaml'), 'utf8'));
  const quiz = checks.checks.find((c: { kind: string }) => c.kind === 'quiz');
  const lines = quiz.params.questions.map((q: { id: string; choices: string[]; answer: string }) =>
    `    ${q.id}: ${1 + q.choices.findIndex((c) => answerHash(q.id, c) === q.answer)}`);
  return `lab-01:\n  ${quiz.id}:\n${lines.join('\n')}\n`;
}

// What the student committed: the commands they typed by hand in labs 03 and 05, as scripts.
const LAB03 = `#!/bin/bash
set -eu
docker network create --label ${LABEL} ${P}-net
docker volume create --label ${LABEL} ${P}-pgdata
mkdir -p exports && chown 65532:65532 exports
docker run -d --label ${LABEL} --name ${P}-pg --network ${P}-net --network-alias postgres \\
  -v ${P}-pgdata:/var/lib/postgresql/data -e POSTGRES_PASSWORD_FILE=/dev/null dojo-fixture/postgres:15-1
docker run -d --label ${LABEL} --name ${P}-api --network ${P}-net -e DB_HOST=postgres -p 127.0.0.1::8080 ${IMG.api}
docker run -d --label ${LABEL} --name ${P}-worker --network ${P}-net -e DB_HOST=postgres -e EXPORT_DIR=/exports \\
  -v "$PWD/exports:/exports" ${IMG.worker}
# the data-survives check reads an initialised cluster: wait for it, with a deadline
for _ in $(seq 90); do
  [ "$(docker inspect -f '{{.State.Health.Status}}' ${P}-pg)" = healthy ] && exit 0
  sleep 1
done
echo "postgres did not become healthy" >&2; exit 1
`;
const LAB05_HARDEN = `set -eu
docker rm -f ${P}-api
docker run -d --label ${LABEL} --name ${P}-api --network ${P}-net -e DB_HOST=postgres -p 127.0.0.1::8080 \\
  --cap-drop ALL --security-opt no-new-privileges --read-only --tmpfs /tmp --memory 64m --pids-limit 50 ${IMG.api}
`;
const LAB05_FIX = `set -eu
S=${SCN}
IMG=${SCENARIO_IMAGE}
docker rm -f \${S}api && docker run -d --name \${S}api -e DATABASE_URL=postgres://flowforge@db:5432/ff -p 127.0.0.1::8080 $IMG api
docker update --memory 128m --memory-swap 128m \${S}report && docker start \${S}report
docker rm -f \${S}worker && docker run -d --name \${S}worker --network \${S}data -e DB_HOST=\${S}db -e DB_PORT=5432 $IMG worker
docker rm -f \${S}web && docker run -d --name \${S}web -e DATABASE_URL=x -e LISTEN_ADDR=0.0.0.0 -p 127.0.0.1::8080 $IMG api
`;

/** The FlowForge stack (lab 04) with this run's image tags, plus what the student committed for CI. */
function workspace(): string {
  const dir = join(mkdtempSync(join(tmpdir(), `${P}-`)), 'flowforge');
  cpSync(STACK, dir, { recursive: true });
  const retag = (f: string) => writeFileSync(join(dir, f), readFileSync(join(dir, f), 'utf8')
    .replace('dojo-test/stack-api:prod', IMG.api).replace('dojo-test/stack-api:dev', IMG.dev).replace('dojo-test/stack-worker:prod', IMG.worker));
  retag('docker-compose.yml');
  retag('docker-compose.override.yml');
  const files: Record<string, string> = {
    'dojo.yaml': `services:
  api-service: { image: "${IMG.api}", container: ${P}-api }
  worker-service: { image: "${IMG.worker}", container: ${P}-worker }
  postgres: { container: ${P}-pg }
network: ${P}-net
volume: ${P}-pgdata
compose: { project: ${P} }
probeImage: dojo-fixture/busybox:1
`,
    'lab-03/run.sh': LAB03,
    'lab-05/harden.sh': LAB05_HARDEN,
    'lab-05/fix.sh': LAB05_FIX,
    'dojo-answers.yaml': answers(),
  };
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

/** What the steps that reach the network on GitHub provide: dojo on PATH, and a scanner whose database is there. */
function runnerTools(): string {
  const bin = mkdtempSync(join(tmpdir(), `${P}-bin-`));
  const report = JSON.parse(readFileSync(TRIVY_REPORT, 'utf8'));
  report.Results[0].Vulnerabilities = report.Results[0].Vulnerabilities.filter((v: { Severity: string }) => v.Severity !== 'CRITICAL');
  writeFileSync(join(bin, 'report.json'), JSON.stringify(report));
  writeFileSync(join(bin, 'dojo'), `#!/bin/sh\nexec node "${BIN}" "$@"\n`);
  writeFileSync(join(bin, 'trivy'), `#!/bin/sh\nexec /bin/cat "${join(bin, 'report.json')}"\n`);
  for (const f of ['dojo', 'trivy']) chmodSync(join(bin, f), 0o755);
  return bin;
}

type Step = { id: string; name: string; if?: string; uses?: string; run?: string };
const COURSE = courseCopy();
let ws = '';
let steps: Step[] = [];
let init: Awaited<ReturnType<typeof dojo>>;
const ran: { id: string; code: number; output: string }[] = [];
let summary = '';
let tools = '';

beforeAll(async () => {
  ws = workspace();
  init = await dojo(['ci', 'init', '-w', ws, '--course', COURSE]);
  if (init.code !== 0) throw new Error(`dojo ci init failed:\n${init.stdout}${init.stderr}`);
  steps = parse(readFileSync(join(ws, '.github/workflows/dojo.yml'), 'utf8')).jobs.checklist.steps;
  tools = runnerTools();
  summary = join(tools, 'step-summary.md');
  writeFileSync(summary, '');
  const env = {
    PATH: `${tools}:${process.env.PATH}`, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary,
    DOCKER_BUILDKIT: '0', FORCE_COLOR: '0',
  };
  const standIns: Record<string, string> = { 'install-dojo': 'dojo on PATH', 'install-scanner': 'trivy on PATH, its database in the report' };
  let failed = false;
  for (const s of steps) {
    if (s.uses || standIns[s.id]) continue;
    // As GitHub runs a step: skipped after a failure unless `if: always()`; bash -e -o pipefail.
    if (failed && s.if !== 'always()') continue;
    const r = await execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', s.run!], { cwd: ws, env, reject: false, all: true, stdin: 'ignore' });
    ran.push({ id: s.id, code: r.exitCode ?? -1, output: String(r.all) });
    if (r.exitCode !== 0) failed = true;
  }
}, 600_000);

afterAll(async () => {
  if (ws) await dojo(['lab', 'stop', 'lab-05', '--course', COURSE, '-w', ws]);
  const ids = (await execa('docker', ['ps', '-aq', '--filter', `name=${P}-`])).stdout.split('\n').filter(Boolean);
  if (ids.length) await execa('docker', ['rm', '-f', '-v', ...ids], { reject: false });
  if (ws) await execa('docker', ['compose', '-p', P, 'down', '-v', '--remove-orphans'], { cwd: ws, reject: false });
  const nets = (await execa('docker', ['network', 'ls', '-q', '--filter', `name=${P}-`])).stdout.split('\n').filter(Boolean);
  if (nets.length) await execa('docker', ['network', 'rm', ...nets], { reject: false });
  await execa('docker', ['volume', 'rm', `${P}-pgdata`], { reject: false });
  await execa('docker', ['rmi', '-f', IMG.api, IMG.dev, IMG.worker, SCENARIO_IMAGE], { reject: false });
  for (const dir of [ws && dirname(ws), tools, COURSE]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the workflow dojo ci init writes, step by step on a fresh engine', () => {
  it('has a step for everything the student committed, in course order, and nothing to commit is left', () => {
    // Only the notice that the registry name is written (this workspace carries no dojo tarball).
    expect(init.stderr.split('\n').filter((l) => l && !l.includes('from the npm registry'))).toEqual([]);
    expect(steps.map((s) => s.id)).toEqual([
      'checkout', 'setup-node', 'install-dojo', 'probe-image', 'install-scanner', 'build-api-service', 'build-worker-service',
      'lab-03-script-1', 'stack-up', 'lab-05-scenarios', 'lab-05-script-1', 'lab-05-script-2', 'gate', 'upload', 'stack-down',
    ]);
    expect(steps.find((s) => s.id === 'install-dojo')!.run).toMatch(/^npm install --global dojo-docker@\d+\.\d+\.\d+$/);
    expect(steps.find((s) => s.id === 'stack-up')!.run).toBe(`docker compose -f docker-compose.yml -f docker-compose.override.yml -p ${P} up --detach --wait`);
  });

  it('every step succeeds, and the gate at the end passes: every box ticked, nothing failed, skipped or ungraded', () => {
    expect(ran.filter((r) => r.code !== 0).map((r) => `${r.id} exited ${r.code}:\n${r.output}`)).toEqual([]);
    expect(ran.map((r) => r.id)).toEqual([
      'probe-image', 'build-api-service', 'build-worker-service', 'lab-03-script-1', 'stack-up',
      'lab-05-scenarios', 'lab-05-script-1', 'lab-05-script-2', 'gate', 'stack-down',
    ]);
    const gate = ran.find((r) => r.id === 'gate')!;
    expect(gate.output).toMatch(/^READY for the next module: (\d+) of \1 boxes ticked\.$/m);
    expect(gate.output).not.toMatch(/^::(error|warning)/m);
  });

  it('the report the workflow uploads: every lab suite passes; only the validation questions, which need a person, are skipped', () => {
    const report = join(ws, 'dojo-report.xml');
    expect(existsSync(report)).toBe(true);
    const { testsuites } = parseJunit(readFileSync(report, 'utf8'));
    const labs = testsuites.testsuite.filter((s) => !s.name.endsWith('validation'));
    expect(labs.map((s) => s.name.split(' ').at(-1))).toEqual(['lab-01', 'lab-02', 'lab-03', 'lab-04', 'lab-05']);
    for (const s of labs) expect([s.name, Number(s.failures), Number(s.errors), Number(s.skipped ?? 0)]).toEqual([s.name, 0, 0, 0]);
    expect(readFileSync(summary, 'utf8')).toMatch(/^## ✅ dojo checklist: passed/);
  });
});

describe('where SARIF and annotations put findings about what runs on the engine', () => {
  it('a Compose service at its line in the compose file, a hand-started container at dojo.yaml, a scenario at the lab script', async () => {
    // After the workflow: its last step took the stack down; now a worker and a fixed scenario stop too.
    await execa('docker', ['stop', '-t', '1', `${P}-worker`, `${SCN}web`]);
    const r = await dojo(['checklist', '--ci', '--answers', 'dojo-answers.yaml', '--course', COURSE, '--format', 'sarif'], { PATH: `${tools}:${process.env.PATH}`, GITHUB_ACTIONS: 'true' }, ws);
    const sarif = JSON.parse(r.stdout);
    expect(schemaErrors('sarif-schema-2.1.0.json', sarif)).toEqual([]);
    type Result = { properties: { lab: string; check: string; located: string }; locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] };
    const at = (lab: string, check: string) => {
      const x = (sarif.runs[0].results as Result[]).find((y) => y.properties.lab === lab && y.properties.check === check)!;
      const loc = x.locations?.[0]?.physicalLocation;
      return [loc?.artifactLocation.uri, loc?.region?.startLine, x.properties.located];
    };
    expect(at('lab-04', 'stack-healthy')).toEqual(['docker-compose.override.yml', 3, 'stems-from']);
    // Checks on api-service and the worker: the stopped worker the summary names, at its dojo.yaml entry.
    expect(at('lab-03', 'worker-unpublished')).toEqual(['dojo.yaml', 3, 'stems-from']);
    expect(at('lab-03', 'name-resolution')).toEqual(['dojo.yaml', 3, 'stems-from']);
    expect(at('lab-05', 'web-answers')).toEqual(['lab-05/fix.sh', 1, 'stems-from']);
    // Every result has a place, so code scanning keeps them all; the annotations use the same places.
    expect((sarif.runs[0].results as Result[]).filter((x) => !x.locations).map((x) => x.properties.check)).toEqual([]);
    expect(r.stderr).toMatch(/^::error file=docker-compose\.override\.yml,line=3,col=3,title=dojo lab-04 stack-healthy%3A /m);
    expect(r.stderr).toMatch(/^::(error|warning) file=lab-05\/fix\.sh,line=1,title=dojo lab-05 web-answers%3A /m);
  });
});
