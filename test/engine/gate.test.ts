// The exit gate and CI grading end to end, through the built CLI on the real engine: a workspace
// that does every lab right (Dockerfile and images for labs 01-02, a hand-started trio on a user
// network with a named volume for lab 03, a Compose stack for lab 04) passes `dojo checklist`; a
// copy with two mistakes fails with exactly those boxes open. Every format a grader reads is checked
// the way its reader reads it. Everything the test starts carries its own prefix and is removed.
import { execa } from 'execa';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerHash } from '../../src/checks/kinds/quiz.js';
import { dojo } from '../support/cli.js';
import { waitHealthy } from '../support/health.js';
import { copyCourse } from '../support/course.js';
import { parseJunit, schemaErrors } from '../support/schemas.js';
import { buildStackImages, IMAGES, materializeStack, STACK } from '../fixtures/stacks/stack.mjs';

const ID = `gt${process.pid}`;
const LABEL = 'io.dojo.testobj=1';
const docker = (...args: string[]) => execa('docker', args).then((r) => String(r.stdout).trim());
const dojoYaml = `services:
  api-service: { image: "${IMAGES.apiProd}", container: ${ID}-api }
  worker-service: { image: "${IMAGES.worker}", container: ${ID}-worker }
  postgres: { container: ${ID}-pg }
compose: { project: ${ID} }
`;
const BASE = readFileSync(join(STACK, 'docker-compose.yml'), 'utf8');
const HEALTHCHECK = '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U postgres"]\n      interval: 2s\n      timeout: 3s\n      retries: 15\n';
// The gate over labs 01-04: this workspace does those right. A workspace that also does lab 05 (a
// hardened api-service container, the break-fix scenarios fixed) is not built here yet (README).
const COURSE = copyCourse('dojo-gate-course-');
for (const f of ['labs/lab-05.md', 'hints/lab-05.yaml', 'checks/lab-05.yaml', 'scenarios/lab-05.yaml']) rmSync(join(COURSE, f), { force: true });
let good = '';
let broken = '';
let answers = '';
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
  good = materializeStack(`${ID}-good`, {}, dojoYaml);
  broken = materializeStack(`${ID}-broken`, {
    'api-service/.dockerignore': '.git\n*.md\n',
    'docker-compose.yml': BASE.replace(HEALTHCHECK, ''),
  }, dojoYaml);
  answers = answersFile();
  // Lab 03, by hand: a user network, postgres on a named volume, the worker writing to a bind mount it owns.
  mkdirSync(join(good, 'exports'));
  chownSync(join(good, 'exports'), 65532, 65532);
  await docker('network', 'create', '--label', LABEL, `${ID}-net`);
  await docker('volume', 'create', '--label', LABEL, `${ID}-pgdata`);
  const run = (...args: string[]) => docker('run', '-d', '--label', LABEL, '--network', `${ID}-net`, ...args);
  await run('--name', `${ID}-pg`, '--network-alias', 'postgres', '-v', `${ID}-pgdata:/var/lib/postgresql/data`, '-e', 'POSTGRES_PASSWORD_FILE=/dev/null', 'dojo-fixture/postgres:15-1');
  await run('--name', `${ID}-api`, '-e', 'DB_HOST=postgres', '-p', '127.0.0.1::8080', IMAGES.apiProd);
  await run('--name', `${ID}-worker`, '-e', 'DB_HOST=postgres', '-e', 'EXPORT_DIR=/exports', '-v', `${join(good, 'exports')}:/exports`, IMAGES.worker);
  // Lab 04: the Compose stack of the same workspace.
  started.push(ID);
  const up = await execa('docker', ['compose', '-p', ID, 'up', '-d'], { cwd: good, reject: false });
  if (up.exitCode !== 0) throw new Error(`compose up failed:\n${up.stderr}`);
  const pg = await docker('ps', '-q', '--filter', `label=com.docker.compose.project=${ID}`, '--filter', 'label=com.docker.compose.service=postgres');
  await Promise.all([waitHealthy(`${ID}-pg`), waitHealthy(pg)]);
}, 300_000);

afterAll(async () => {
  if (started.length) await execa('docker', ['compose', '-p', ID, 'down', '-v', '--remove-orphans'], { cwd: good, reject: false });
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`, '--filter', `name=${ID}-`)).split('\n').filter(Boolean);
  if (ids.length) await execa('docker', ['rm', '-f', '-v', ...ids], { reject: false });
  await execa('docker', ['network', 'rm', `${ID}-net`], { reject: false });
  await execa('docker', ['volume', 'rm', `${ID}-pgdata`], { reject: false });
});

type Box = { lab: string; exercise: string; ticked: boolean; open: { id: string; status: string }[] };
const gate = (ws: string, args: string[] = [], env: Record<string, string> = {}) =>
  dojo(['checklist', '--course', COURSE, '--ci', '--answers', answers, '-w', ws, ...args], env);

describe('dojo checklist, the exit gate', () => {
  it('passes on a workspace that does every lab right: every box ticked, exit 0, a report the schema accepts', async () => {
    const r = await gate(good, ['--format', 'json']);
    const json = r.json();
    const open = (json.checklist.exercises as Box[]).filter((b) => !b.ticked);
    expect(open, JSON.stringify(open, null, 1)).toEqual([]);
    expect(r.code).toBe(0);
    expect(json.checklist).toMatchObject({ ready: true, validationJudged: false, left: [] });
    expect(json.checklist.note).toMatch(/not asked with --ci: this verdict covers the automated checks only/);
    expect(json.labs.map((l: { lab: string }) => l.lab)).toEqual(['lab-01', 'lab-02', 'lab-03', 'lab-04']);
    expect(json.totals).toMatchObject({ fail: 0, error: 0, ungraded: 0 });
    expect(schemaErrors('dojo-report.schema.json', json)).toEqual([]);
    expect(existsSync(join(good, '.dojo'))).toBe(false);
  });

  it('fails on a broken copy with exactly its mistakes open, and says what is left', async () => {
    const r = await gate(broken);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[ \] 1b {2}/);
    expect(r.stdout).toMatch(/\[ \] 4a {2}/);
    expect(r.stdout).toMatch(/NOT READY for the next module: 6 of 8 boxes ticked/);
    expect(r.stdout).toMatch(/lab-01 1b: fix dockerignore/);
    expect(r.stdout).toMatch(/lab-04 4a: fix db-healthcheck/);
    expect(r.stdout).toContain('Note: validation questions are not asked with --ci');
    const json = (await gate(broken, ['--format', 'json'])).json();
    const open = (json.checklist.exercises as Box[]).filter((b) => !b.ticked).map((b) => `${b.lab} ${b.exercise}: ${b.open.map((o) => `${o.id} ${o.status}`).join(', ')}`);
    expect(open).toEqual(['lab-01 1b: dockerignore fail', 'lab-04 4a: db-healthcheck fail']);
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
    expect(labs.map((s) => s.name)).toEqual(['alice lab-01', 'alice lab-02', 'alice lab-03', 'alice lab-04']);
    expect(testsuites.testsuite.at(-1)!.name).toBe('alice validation');
    const failures = labs.flatMap((s) => s.testcase.filter((c) => c.failure).map((c) => [c.classname, c.name, c.failure!.type]));
    expect(failures).toEqual([['alice.lab-01.1b', 'dockerignore', 'dockerignore'], ['alice.lab-04.4a', 'db-healthcheck', 'compose-healthcheck']]);
    const db = labs[3]!.testcase.find((c) => c.name === 'db-healthcheck')!;
    expect([db.file, Number(db.line)]).toEqual(['docker-compose.yml', expect.any(Number)]);
    expect(db.failure!['#text']).toMatch(/Question: /);
    for (const s of labs) {
      const sum = s.testcase.reduce((t, c) => t + Number(c.time), 0);
      expect(sum, s.name).toBeLessThanOrEqual(Number(s.time) + 0.001 * s.testcase.length);
      expect(Number(s.tests)).toBe(s.testcase.length);
      expect(s.properties!.property.find((p) => p.name === 'dojo.course.hash')!.value).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(Number(testsuites.failures)).toBe(2 + testsuites.testsuite.at(-1)!.testcase.filter((c) => c.failure).length);
  });

  it('sarif: validates against the 2.1.0 schema; the compose and ignore-file findings carry file and line; a rule per kind', async () => {
    const r = await gate(broken, ['--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    expect(schemaErrors('sarif-schema-2.1.0.json', sarif)).toEqual([]);
    const run = sarif.runs[0];
    const results = run.results.map((x: { ruleId: string; level: string; locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }) =>
      [x.ruleId, x.level, x.locations?.[0]?.physicalLocation.artifactLocation.uri]);
    expect(results).toEqual([['dockerignore', 'error', expect.stringMatching(/^api-service\//)], ['compose-healthcheck', 'error', 'docker-compose.yml']]);
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(ruleIds).toEqual(expect.arrayContaining(['dockerignore', 'compose-healthcheck', 'exec-form', 'quiz']));
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
    expect(gha.stdout).toMatch(/^<\?xml/);
    expect(parseJunit(gha.stdout).testsuites.testsuite.length).toBe(5);
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(/^## ❌ dojo checklist: failed/);
    expect(md).toContain('| lab-04 | failed | 9 | 1 | 0 | 0 |');
  });

  it('--output writes the report while the terminal gets text', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dojo-out-')), 'reports', 'gate.xml');
    const r = await gate(broken, ['--format', 'junit', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT READY for the next module/);
    expect(parseJunit(readFileSync(out, 'utf8')).testsuites.testsuite.length).toBe(5);
  });
});

describe('a class of real reports', () => {
  it('check --all gives one report per student; dojo report counts them per lab and check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dojo-class-'));
    for (const [student, ws] of [['alice', good], ['bob', broken]] as const) {
      const r = await dojo(['check', '--all', '--course', COURSE, '--ci', '--answers', answers, '-w', ws, '--format', 'json', '--output', join(dir, `${student}.json`)], { DOJO_STUDENT: student });
      expect(r.code, student).toBe(student === 'alice' ? 0 : 1);
      expect(r.stdout, student).toMatch(student === 'alice' ? /PASS 4 labs/ : /FAIL 4 labs \(passed: lab-02, lab-03; failed: lab-01, lab-04\)/);
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
  });
});
