// The exit gate and CI grading end to end, through the built CLI on the real engine: a workspace
// that does every lab right (Dockerfile and images for labs 01-02, a hand-started trio on a user
// network with a named volume for lab 03, a Compose stack for lab 04, a hardened api-service
// container and the lab-05 break-fix scenarios started by `dojo lab start` and fixed as a student
// would for lab 05) passes `dojo checklist`; a copy with mistakes in three labs fails with exactly
// those boxes open. Without a vulnerability scanner the image-scan box stays open (exit 4, as README
// says); with a stand-in trivy that finds nothing CRITICAL every box is ticked (exit 0). Every format
// a grader reads is checked the way its reader reads it. Everything the test starts carries its own
// prefix and is removed, also when an assertion fails.
import { execa, execaSync } from 'execa';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerHash } from '../../src/checks/kinds/quiz.js';
import { dojo } from '../support/cli.js';
import { waitHealthy } from '../support/health.js';
import { COURSE as BUILT_IN } from '../support/course.js';
import { TRIVY_REPORT } from '../fixtures/lab05/lab05.mjs';
import { parseJunit, schemaErrors } from '../support/schemas.js';
import { buildStackImages, IMAGES, materializeStack, STACK } from '../fixtures/stacks/stack.mjs';

const ID = `gt${process.pid}`;
const LABEL = 'io.dojo.testobj=1';
const docker = (...args: string[]) => execa('docker', args).then((r) => String(r.stdout).trim());
const SCENARIO_IMAGE = `dojo-scenario/${ID}:1`;
/** The scenario containers' and networks' prefix (lab05- in the course), apart from the lab-03 trio's names. */
const SCN = `${ID}-s5-`;
const yamlFor = (api: string) => `services:
  api-service: { image: "${IMAGES.apiProd}", container: ${api} }
  worker-service: { image: "${IMAGES.worker}", container: ${ID}-worker }
  postgres: { container: ${ID}-pg }
compose: { project: ${ID} }
probeImage: dojo-fixture/busybox:1
`;
// Lab 05 step 4, every flag the lab asks for; the broken copy's api-service was started without any.
const HARDENED = ['--cap-drop', 'ALL', '--security-opt', 'no-new-privileges', '--read-only', '--tmpfs', '/tmp', '--memory', '64m', '--pids-limit', '50'];
const BASE = readFileSync(join(STACK, 'docker-compose.yml'), 'utf8');
const HEALTHCHECK = '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U postgres"]\n      interval: 2s\n      timeout: 3s\n      retries: 15\n';

/** The built-in course, all five labs, with the scenario names (lab05-*) and image made unique to this run. */
function courseCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dojo-gate-course-'));
  for (const sub of ['labs', 'hints', 'checks', 'scenarios']) {
    cpSync(join(BUILT_IN, sub), join(dir, sub), { recursive: true });
    for (const f of readdirSync(join(dir, sub))) {
      const p = join(dir, sub, f);
      writeFileSync(p, readFileSync(p, 'utf8').replaceAll('dojo-scenario/lab-05:1', SCENARIO_IMAGE).replaceAll('lab05-', SCN));
    }
  }
  return dir;
}
const COURSE = courseCopy();

/** A PATH with node and docker only: no trivy or grype, whatever this machine has installed. */
function barePath(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dojo-gate-bin-'));
  for (const tool of ['node', 'docker', 'docker-compose']) {
    const found = execaSync('sh', ['-c', `command -v ${tool} || true`]).stdout.trim();
    if (found) symlinkSync(found, join(dir, tool));
  }
  for (const [name, script] of Object.entries(extra)) {
    writeFileSync(join(dir, name), script);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}
const NO_SCANNER = barePath();
/** A stand-in trivy printing a captured real report with its CRITICAL finding taken out (lab-05.test.ts proves how dojo reads one). */
function cleanTrivy(): string {
  const report = JSON.parse(readFileSync(TRIVY_REPORT, 'utf8'));
  report.Results[0].Vulnerabilities = report.Results[0].Vulnerabilities.filter((v: { Severity: string }) => v.Severity !== 'CRITICAL');
  const file = join(mkdtempSync(join(tmpdir(), 'dojo-gate-trivy-')), 'report.json');
  writeFileSync(file, JSON.stringify(report));
  return barePath({ trivy: `#!/bin/sh\nexec /bin/cat "${file}"\n` });
}
let good = '';
let broken = '';
let answers = '';
let stateBefore = '';
const started: string[] = [];

/** The instructor's answers to the lab-01 quiz, found from the hashed key as an instructor would write them. */
function answersFile(): string {
  const checks = parse(readFileSync(new URL('../../checks/lab-01.yaml', import.meta.url), 'utf8'));
  const quiz = checks.checks.find((c: { kind: string }) => c.kind === 'quiz');
  const right = Object.fromEntries(quiz.params.questions.map((q: { id: string; choices: string[]; answer: string }) =>
    [q.id, q.choices.find((c) => answerHash(q.id, c) === q.answer)]));
  const file = join(mkdtempSync(join(tmpdir(), 'dojo-answers-')), 'answers.yaml');
  writeFileSync(file, `lab-01:\n  ${quiz.id}:\n${Object.entries(right).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`).join('\n')}\n`);
  return file;
}

beforeAll(async () => {
  await buildStackImages();
  good = materializeStack(`${ID}-good`, {}, yamlFor(`${ID}-api`));
  broken = materializeStack(`${ID}-broken`, {
    'api-service/.dockerignore': '.git\n*.md\n',
    // A healthcheck that cannot fail (a student walkthrough's mistake); with none at all the fixture
    // postgres image's own HEALTHCHECK would count.
    'docker-compose.yml': BASE.replace(HEALTHCHECK, '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres || true"]\n'),
  }, yamlFor(`${ID}-api-soft`));
  answers = answersFile();
  // Lab 03, by hand: a user network, postgres on a named volume, the worker writing to a bind mount it owns.
  mkdirSync(join(good, 'exports'));
  chownSync(join(good, 'exports'), 65532, 65532);
  await docker('network', 'create', '--label', LABEL, `${ID}-net`);
  await docker('volume', 'create', '--label', LABEL, `${ID}-pgdata`);
  const run = (...args: string[]) => docker('run', '-d', '--label', LABEL, '--network', `${ID}-net`, ...args);
  await run('--name', `${ID}-pg`, '--network-alias', 'postgres', '-v', `${ID}-pgdata:/var/lib/postgresql/data`, '-e', 'POSTGRES_PASSWORD_FILE=/dev/null', 'dojo-fixture/postgres:15-1');
  // Lab 05 5a: the same api-service hardened (the good workspace's), and left as lab 03 had it (the broken one's).
  await run('--name', `${ID}-api`, ...HARDENED, '-e', 'DB_HOST=postgres', '-p', '127.0.0.1::8080', IMAGES.apiProd);
  await run('--name', `${ID}-api-soft`, '-e', 'DB_HOST=postgres', '-p', '127.0.0.1::8080', IMAGES.apiProd);
  await run('--name', `${ID}-worker`, '-e', 'DB_HOST=postgres', '-e', 'EXPORT_DIR=/exports', '-v', `${join(good, 'exports')}:/exports`, IMAGES.worker);
  // Lab 04: the Compose stack of the same workspace.
  started.push(ID);
  const up = await execa('docker', ['compose', '-p', ID, 'up', '-d'], { cwd: good, reject: false });
  if (up.exitCode !== 0) throw new Error(`compose up failed:\n${up.stderr}`);
  const pg = await docker('ps', '-q', '--filter', `label=com.docker.compose.project=${ID}`, '--filter', 'label=com.docker.compose.service=postgres');
  await Promise.all([waitHealthy(`${ID}-pg`), waitHealthy(pg)]);
  // Lab 05 5b: the break-fix scenarios, started by dojo and fixed the way lab-05.md asks.
  const start = await dojo(['lab', 'start', 'lab-05', '--course', COURSE, '-w', good]);
  if (start.code !== 0) throw new Error(`dojo lab start lab-05 failed:\n${start.stdout}${start.stderr}`);
  const s = (name: string) => `${SCN}${name}`;
  await docker('rm', '-f', s('api'));
  await docker('run', '-d', '--name', s('api'), '-e', 'DATABASE_URL=postgres://flowforge@db:5432/ff', '-p', '127.0.0.1::8080', SCENARIO_IMAGE, 'api');
  await docker('update', '--memory', '128m', '--memory-swap', '128m', s('report'));
  await docker('start', s('report'));
  await docker('network', 'connect', s('data'), s('worker'));
  await docker('rm', '-f', s('web'));
  await docker('run', '-d', '--name', s('web'), '-e', 'DATABASE_URL=x', '-e', 'LISTEN_ADDR=0.0.0.0', '-p', '127.0.0.1::8080', SCENARIO_IMAGE, 'api');
  // The worker retries every 3 s: wait (with a deadline) until the fixed scenarios are judged fixed.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await dojo(['check', 'lab-05', '--exercise', '5b', '--course', COURSE, '-w', good, '--ci', '--format', 'json']);
    if (r.code === 0) break;
    if (Date.now() > deadline) throw new Error(`the fixed scenarios are not judged fixed:\n${r.stdout}`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
  stateBefore = readFileSync(join(good, '.dojo', 'state.json'), 'utf8');
}, 300_000);

afterAll(async () => {
  if (good) await dojo(['lab', 'stop', 'lab-05', '--course', COURSE, '-w', good]);
  // Whatever `lab stop` could not reach (a start that failed half-way): by this run's names only.
  const scenario = (await docker('ps', '-aq', '--filter', `name=${SCN}`)).split('\n').filter(Boolean);
  if (scenario.length) await execa('docker', ['rm', '-f', '-v', ...scenario], { reject: false });
  const nets = (await docker('network', 'ls', '-q', '--filter', `name=${SCN}`)).split('\n').filter(Boolean);
  if (nets.length) await execa('docker', ['network', 'rm', ...nets], { reject: false });
  await execa('docker', ['rmi', '-f', SCENARIO_IMAGE], { reject: false });
  if (started.length) await execa('docker', ['compose', '-p', ID, 'down', '-v', '--remove-orphans'], { cwd: good, reject: false });
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`, '--filter', `name=${ID}-`)).split('\n').filter(Boolean);
  if (ids.length) await execa('docker', ['rm', '-f', '-v', ...ids], { reject: false });
  await execa('docker', ['network', 'rm', `${ID}-net`], { reject: false });
  await execa('docker', ['volume', 'rm', `${ID}-pgdata`], { reject: false });
});

type Box = { lab: string; exercise: string; ticked: boolean; open: { id: string; status: string }[] };
const gate = (ws: string, args: string[] = [], env: Record<string, string> = {}) =>
  dojo(['checklist', '--course', COURSE, '--ci', '--answers', answers, '-w', ws, ...args], { PATH: NO_SCANNER, ...env });
const openBoxes = (json: { checklist: { exercises: Box[] } }) =>
  json.checklist.exercises.filter((b) => !b.ticked).map((b) => `${b.lab} ${b.exercise}: ${b.open.map((o) => `${o.id} ${o.status}`).join(', ')}`);

describe('dojo checklist, the exit gate', () => {
  it('passes on a workspace that does every lab right once a scanner judges the image: every box ticked, exit 0, a report the schema accepts', async () => {
    const r = await gate(good, ['--format', 'json'], { PATH: cleanTrivy() });
    const json = r.json();
    expect(openBoxes(json)).toEqual([]);
    expect(r.code).toBe(0);
    expect(json.checklist).toMatchObject({ ready: true, validationJudged: false, left: [] });
    expect(json.checklist.note).toMatch(/not asked with --ci: this verdict covers the automated checks only/);
    expect(json.labs.map((l: { lab: string }) => l.lab)).toEqual(['lab-01', 'lab-02', 'lab-03', 'lab-04', 'lab-05']);
    expect(json.totals).toMatchObject({ fail: 0, error: 0, skip: 0, ungraded: 0 });
    expect(schemaErrors('dojo-report.schema.json', json)).toEqual([]);
    // --ci neither reads nor writes the progress file that `dojo lab start` wrote.
    expect(readFileSync(join(good, '.dojo', 'state.json'), 'utf8')).toBe(stateBefore);
  });

  it('without a scanner the image-scan box stays open: nothing failed, not everything judged, exit 4 (README: Exit codes)', async () => {
    const r = await gate(good);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/\[ \] 5a {2}Container security\n {8}not judged: image-scan: no vulnerability scanner on PATH/);
    expect(r.stdout).toMatch(/\[x\] 5b {2}Debugging challenge {2}\(checks pass\)/);
    expect(r.stdout).toMatch(/NOT READY for the next module: 9 of 10 boxes ticked/);
    // The suggested command carries the run's --course and -w, so it works when pasted.
    expect(r.stdout).toContain(`lab-05 5a: let dojo judge image-scan — no vulnerability scanner on PATH (looked for trivy, grype); \`dojo check lab-05 --only image-scan --course ${COURSE} -w ${relative(process.cwd(), good)}\` shows why`);
    const json = (await gate(good, ['--format', 'json'])).json();
    expect(openBoxes(json)).toEqual(['lab-05 5a: image-scan skip']);
    // The report says what the exit code says, and so does lab 05's own status.
    expect(json).toMatchObject({ status: 'incomplete', passed: false, exitCode: 4, checklist: { ready: false } });
    expect(json.labs.find((l: { lab: string }) => l.lab === 'lab-05')).toMatchObject({ status: 'incomplete', unjudged: ['image-scan'] });
    expect(schemaErrors('dojo-report.schema.json', json)).toEqual([]);
  });

  it('fails on a broken copy with exactly its mistakes open, and says what is left', async () => {
    const r = await gate(broken, [], { PATH: cleanTrivy() });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[ \] 1b {2}/);
    expect(r.stdout).toMatch(/\[ \] 4a {2}/);
    expect(r.stdout).toMatch(/\[ \] 5a {2}/);
    expect(r.stdout).toMatch(/NOT READY for the next module: 7 of 10 boxes ticked/);
    expect(r.stdout).toMatch(/lab-01 1b: fix dockerignore/);
    expect(r.stdout).toMatch(/lab-04 4a: fix db-healthcheck/);
    expect(r.stdout).toMatch(/lab-05 5a: fix caps-dropped, resource-limits, read-only-rootfs \(/);
    expect(r.stdout).toContain('Note: validation questions are not asked with --ci');
    const json = (await gate(broken, ['--format', 'json'], { PATH: cleanTrivy() })).json();
    expect(openBoxes(json)).toEqual(['lab-01 1b: dockerignore fail', 'lab-04 4a: db-healthcheck fail', 'lab-05 5a: caps-dropped fail, resource-limits fail, read-only-rootfs fail']);
    // Without a scanner the same copy still exits 1 (a failure wins), with image-scan open beside the failures.
    const bare = (await gate(broken, ['--format', 'json'])).json();
    expect(openBoxes(bare)).toContain('lab-05 5a: caps-dropped fail, resource-limits fail, read-only-rootfs fail, image-scan skip');
  });

  it('without --answers the quiz is not graded: lab-01 is incomplete, never passed (exit 4 when nothing failed)', async () => {
    const r = await dojo(['check', 'lab-01', '--course', COURSE, '--ci', '-w', good, '--format', 'json']);
    expect(r.code).toBe(4);
    expect(r.json()).toMatchObject({ status: 'incomplete', passed: false, labs: [{ lab: 'lab-01', ungraded: ['namespaces-quiz'] }] });
    const graded = await dojo(['check', 'lab-01', '--course', COURSE, '--ci', '--answers', answers, '-w', good, '--format', 'json']);
    expect([graded.code, graded.json().status]).toEqual([0, 'passed']);
  });
});

describe('CI formats of one run over every lab', () => {
  it('junit: one testsuite per lab in one file, a testcase per check, failures typed with evidence, times that add up', async () => {
    const r = await gate(broken, ['--format', 'junit'], { DOJO_STUDENT: 'alice' });
    const { testsuites } = parseJunit(r.stdout);
    const labs = testsuites.testsuite.filter((s) => s.name.startsWith('alice lab-'));
    expect(labs.map((s) => s.name)).toEqual(['alice lab-01', 'alice lab-02', 'alice lab-03', 'alice lab-04', 'alice lab-05']);
    expect(testsuites.testsuite.at(-1)!.name).toBe('alice validation');
    const failures = labs.flatMap((s) => s.testcase.filter((c) => c.failure).map((c) => [c.classname, c.name, c.failure!.type]));
    expect(failures).toEqual([
      ['alice.lab-01.1b', 'dockerignore', 'dockerignore'], ['alice.lab-04.4a', 'db-healthcheck', 'compose-healthcheck'],
      ['alice.lab-05.5a', 'caps-dropped', 'caps-dropped'], ['alice.lab-05.5a', 'resource-limits', 'resource-limits'], ['alice.lab-05.5a', 'read-only-rootfs', 'read-only-rootfs'],
    ]);
    // Without a scanner image-scan is a skipped testcase with its reason, never a pass.
    expect(labs[4]!.testcase.find((c) => c.name === 'image-scan')!.skipped).toBeDefined();
    const db = labs[3]!.testcase.find((c) => c.name === 'db-healthcheck')!;
    expect([db.file, Number(db.line)]).toEqual(['docker-compose.yml', expect.any(Number)]);
    expect(db.failure!['#text']).toMatch(/Question: /);
    for (const s of labs) {
      const sum = s.testcase.reduce((t, c) => t + Number(c.time), 0);
      expect(sum, s.name).toBeLessThanOrEqual(Number(s.time) + 0.001 * s.testcase.length);
      expect(Number(s.tests)).toBe(s.testcase.length);
      expect(s.properties!.property.find((p) => p.name === 'dojo.course.hash')!.value).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(Number(testsuites.failures)).toBe(5 + testsuites.testsuite.at(-1)!.testcase.filter((c) => c.failure).length);
  });

  it('sarif: validates against the 2.1.0 schema; the compose and ignore-file findings carry file and line; a rule per kind', async () => {
    const r = await gate(broken, ['--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    expect(schemaErrors('sarif-schema-2.1.0.json', sarif)).toEqual([]);
    const run = sarif.runs[0];
    const results = run.results.map((x: { ruleId: string; level: string; locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }) =>
      [x.ruleId, x.level, x.locations?.[0]?.physicalLocation.artifactLocation.uri]);
    // Findings on a running container started by hand point at dojo.yaml's entry naming it (line 2), so code scanning keeps them.
    expect(results).toEqual([['dockerignore', 'error', expect.stringMatching(/^api-service\//)], ['compose-healthcheck', 'error', 'docker-compose.yml'],
      ['caps-dropped', 'error', 'dojo.yaml'], ['resource-limits', 'error', 'dojo.yaml'], ['read-only-rootfs', 'error', 'dojo.yaml']]);
    expect(run.results.filter((x: { properties: { located: string } }) => x.properties.located === 'stems-from').map((x: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => x.locations[0]!.physicalLocation.region.startLine)).toEqual([2, 2, 2]);
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(ruleIds).toEqual(expect.arrayContaining(['dockerignore', 'compose-healthcheck', 'exec-form', 'quiz', 'caps-dropped', 'scenario-fixed']));
    for (const x of run.results) expect(run.tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
  });

  it('annotations and the step summary appear only under GitHub Actions', async () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'dojo-summary-')), 'summary.md');
    writeFileSync(summary, '');
    const plain = await gate(broken, ['--format', 'junit'], { GITHUB_STEP_SUMMARY: summary });
    expect(plain.stdout + plain.stderr).not.toMatch(/^::(error|warning)/m);
    expect(readFileSync(summary, 'utf8')).toBe('');
    const gha = await gate(broken, ['--format', 'junit'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(gha.stderr).toMatch(/^::error file=docker-compose\.yml,line=\d+(,col=\d+)?,title=dojo lab-04 db-healthcheck%3A [^:]+::.+/m);
    expect(gha.stderr).toMatch(/^::error file=api-service\/\.dockerignore(,line=\d+)?,title=dojo lab-01 dockerignore%3A /m);
    expect(gha.stderr).toMatch(/^::error file=dojo\.yaml,line=2,col=\d+,title=dojo lab-05 caps-dropped%3A /m);
    expect(gha.stdout).toMatch(/^<\?xml/);
    expect(parseJunit(gha.stdout).testsuites.testsuite.length).toBe(6);
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(/^## ❌ dojo checklist: failed/);
    expect(md).toContain('| lab-04 | failed | 9 | 1 | 0 | 0 |');
    expect(md).toContain('| lab-05 | failed | 7 | 3 | 0 | 1 |');
  });

  it('--output writes the report while the terminal gets text', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dojo-out-')), 'reports', 'gate.xml');
    const r = await gate(broken, ['--format', 'junit', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT READY for the next module/);
    expect(parseJunit(readFileSync(out, 'utf8')).testsuites.testsuite.length).toBe(6);
  });
});

describe('a class of real reports', () => {
  it('check --all gives one report per student; dojo report counts them per lab and check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dojo-class-'));
    for (const [student, ws] of [['alice', good], ['bob', broken]] as const) {
      const r = await dojo(['check', '--all', '--course', COURSE, '--ci', '--answers', answers, '-w', ws, '--format', 'json', '--output', join(dir, `${student}.json`)], { DOJO_STUDENT: student, PATH: NO_SCANNER });
      // A skip with its reason (no scanner) is not judged: lab 05 is incomplete for dojo check as for the gate.
      expect(r.code, student).toBe(student === 'alice' ? 4 : 1);
      expect(r.stdout, student).toMatch(student === 'alice' ? /INCOMPLETE 5 labs \(passed: lab-01, lab-02, lab-03, lab-04; incomplete: lab-05\)/ : /FAIL 5 labs \(passed: lab-02, lab-03; failed: lab-01, lab-04, lab-05\)/);
    }
    const json = (await dojo(['report', dir, '--format', 'json'])).json();
    expect(json.skipped).toEqual([]);
    const lab = (id: string) => json.labs.find((l: { lab: string }) => l.lab === id);
    const row = (l: string, c: string) => lab(l).checks.find((x: { check: string }) => x.check === c);
    expect(lab('lab-01')).toMatchObject({ students: 2, passed: 1, failed: 1, incomplete: 0 });
    expect(lab('lab-02')).toMatchObject({ students: 2, passed: 2, failed: 0 });
    expect(lab('lab-03')).toMatchObject({ students: 2, passed: 2, failed: 0 });
    expect(row('lab-01', 'dockerignore')).toMatchObject({ pass: 1, fail: 1, error: 0, mistakes: [{ id: 'missing-dockerignore', count: 1 }] });
    expect(row('lab-01', 'namespaces-quiz')).toMatchObject({ pass: 2, fail: 0, skip: 0 });
    expect(row('lab-04', 'db-healthcheck')).toMatchObject({ pass: 1, fail: 1 });
    expect(row('lab-04', 'stack-healthy')).toMatchObject({ pass: 2, fail: 0 });
    expect(lab('lab-05')).toMatchObject({ students: 2, passed: 0, failed: 1, incomplete: 1 });
    expect(row('lab-05', 'caps-dropped')).toMatchObject({ pass: 1, fail: 1, mistakes: [{ id: 'default-privileges', count: 1 }] });
    expect(row('lab-05', 'image-scan')).toMatchObject({ pass: 0, fail: 0, skip: 2 });
    expect(row('lab-05', 'web-answers')).toMatchObject({ pass: 2, fail: 0 });
  });
});
