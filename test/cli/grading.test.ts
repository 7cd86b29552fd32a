// CI grading without an engine: errors in the machine format asked for, the progress file left alone
// under --ci/--no-state, the instructor's switches, `dojo ci init`, and `dojo report` on reports the
// CLI itself wrote. Only static checks run here (layer-order, dockerfile-parses, dockerignore).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { parseJunit, schemaErrors } from '../support/schemas.js';
import { copyBeforeDeps, fixedOrder, tempWorkspace } from '../support/workspace.js';

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const layerOrder = (ws: string, ...args: string[]) => dojo(['check', 'lab-02', '--only', 'layer-order', '-w', ws, ...args]);

describe('errors come out in the machine format asked for, exit code unchanged', () => {
  it('junit: an <error> testcase with the code as type, also for commander parse errors', async () => {
    const unknownLab = await dojo(['check', 'lab-42', '--format', 'junit', '-w', tempWorkspace({})]);
    expect(unknownLab.code).toBe(2);
    const tc = parseJunit(unknownLab.stdout).testsuites.testsuite[0]!.testcase[0]!;
    expect([tc.name, tc.error?.type]).toEqual(['E_USAGE', 'E_USAGE']);
    expect(tc.error!.message).toContain('lab-42');
    const bogus = await dojo(['checklist', '--format', 'junit', '--bogus']);
    expect(bogus.code).toBe(2);
    expect(parseJunit(bogus.stdout).testsuites.testsuite[0]!.testcase[0]!.error!.message).toContain("unknown option '--bogus'");
  });

  it('a bad dojo.yaml names its file and line in the JUnit error and in the JSON error object', async () => {
    const ws = tempWorkspace({ ...copyBeforeDeps, 'dojo.yaml': 'services:\n  api-service:\n    imag: "x"\n' });
    const junit = await layerOrder(ws, '--format', 'junit');
    expect(junit.code).toBe(2);
    const tc = parseJunit(junit.stdout).testsuites.testsuite[0]!.testcase[0]!;
    expect([tc.error!.type, tc.file, tc.line]).toEqual(['E_WORKSPACE_CONFIG', join(ws, 'dojo.yaml'), '3']);
    const json = await layerOrder(ws, '--format', 'json');
    expect(json.json().error).toMatchObject({ code: 'E_WORKSPACE_CONFIG', location: { line: 3 }, exitCode: 2 });
    expect(schemaErrors('dojo-report.schema.json', json.json())).toEqual([]);
  });

  it('an unknown --format with --output report.xml still leaves a JUnit file a CI reporter can read; sarif errors are SARIF', async () => {
    const out = join(tmp('dojo-err-'), 'report.xml');
    const r = await dojo(['checklist', '--format', 'xml', '--output', out]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(parseJunit(readFileSync(out, 'utf8')).testsuites.testsuite[0]!.testcase[0]!.error!.message).toMatch(/argument 'xml' is invalid/);
    const sarif = await layerOrder(tempWorkspace(copyBeforeDeps), '--only', 'nope', '--format', 'sarif');
    expect(sarif.code).toBe(2);
    const log = JSON.parse(sarif.stdout);
    expect(schemaErrors('sarif-schema-2.1.0.json', log)).toEqual([]);
    expect(log.runs[0].invocations[0]).toMatchObject({ executionSuccessful: false, exitCode: 2 });
  });
});

describe("the student's progress under grading", () => {
  it('--ci and --no-state judge without creating or changing the progress file', async () => {
    for (const flag of ['--ci', '--no-state']) {
      const ws = tempWorkspace(copyBeforeDeps);
      const r = await layerOrder(ws, flag, '--format', 'json');
      expect(r.code, flag).toBe(1);
      expect(r.json().mode.recordState, flag).toBe(false);
      expect(r.json().attempts, flag).toEqual([]);
      expect(existsSync(join(ws, '.dojo')), flag).toBe(false);
    }
  });

  it('a progress file that cannot be written is a warning: the verdicts are still reported with their exit code', async () => {
    const ws = tempWorkspace({ ...copyBeforeDeps, '.dojo': 'not a folder' });
    const r = await layerOrder(ws, '--format', 'junit');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/warning: cannot save progress to .*state\.json: (ENOTDIR|EEXIST); the report is complete/);
    const suite = parseJunit(r.stdout).testsuites.testsuite[0]!;
    expect(suite.testcase.find((c) => c.name === 'layer-order')!.failure!.type).toBe('layer-order');
  });
});

describe("the instructor's switches", () => {
  // The course layout reads api-service/Dockerfile; the student points dojo at a good copy elsewhere.
  const dodge = () => tempWorkspace({ ...copyBeforeDeps, 'good/Dockerfile': fixedOrder['api-service/Dockerfile'], 'dojo.yaml': 'services:\n  api-service: { dockerfile: good/Dockerfile }\n' });

  it("--strict ignores the student's dojo.yaml and checks the course's own targets", async () => {
    const ws = dodge();
    expect((await layerOrder(ws, '--ci')).code).toBe(0);
    const strict = await layerOrder(ws, '--ci', '--strict', '--format', 'json');
    expect(strict.code).toBe(1);
    expect(strict.json().mode).toMatchObject({ strict: true, config: null });
  });

  it('--config reads the instructor file instead, and a missing one is exit 2', async () => {
    const ws = dodge();
    const cfg = join(tmp('dojo-cfg-'), 'instructor.yaml');
    writeFileSync(cfg, 'services:\n  api-service: { dockerfile: api-service/Dockerfile }\n');
    const r = await layerOrder(ws, '--ci', '--config', cfg, '--format', 'json');
    expect([r.code, r.json().mode.config]).toEqual([1, cfg]);
    expect((await layerOrder(ws, '--ci', '--config', join(tmp('dojo-cfg-'), 'none.yaml'))).code).toBe(2);
  });

  it('--answers is checked against the course: an unknown question or choice is exit 2 with file:line', async () => {
    const file = join(tmp('dojo-ans-'), 'answers.yaml');
    writeFileSync(file, 'lab-01:\n  namespaces-quiz:\n    uts-hostname: 9\n    no-such-question: "x"\n');
    const r = await dojo(['check', 'lab-01', '--ci', '--answers', file, '-w', tempWorkspace(fixedOrder)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:3: lab-01.namespaces-quiz.uts-hostname: "9" is none of its 3 choices`);
    expect(r.stderr).toContain(`${file}:4: lab-01.namespaces-quiz has no question "no-such-question"`);
  });
});

describe('dojo ci init', () => {
  it('writes a workflow that is valid YAML and runs the gate; refuses to overwrite without --force', async () => {
    const ws = tempWorkspace({ ...fixedOrder, 'docker-compose.yml': 'services:\n  api-service:\n    build: ./api-service\n' });
    const r = await dojo(['ci', 'init', '-w', ws]);
    expect(r.code).toBe(0);
    const file = join(ws, '.github/workflows/dojo.yml');
    expect(r.stdout).toContain(`Wrote ${file}`);
    const wf = parse(readFileSync(file, 'utf8'));
    const runs = wf.jobs.checklist.steps.map((s: { run?: string; uses?: string }) => s.run ?? s.uses);
    expect(runs).toEqual(expect.arrayContaining([
      'actions/checkout@v4',
      'docker build -t "flowforge/api-service:dev" -f "api-service/Dockerfile" "api-service"',
      'docker compose -f docker-compose.yml up --detach --wait',
      'dojo checklist --ci --format junit --output dojo-report.xml',
      'actions/upload-artifact@v4',
    ]));
    expect(wf.jobs.checklist.steps.find((s: { uses?: string }) => s.uses === 'actions/upload-artifact@v4').if).toBe('always()');
    writeFileSync(file, '# my edits\n');
    const again = await dojo(['ci', 'init', '-w', ws]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; dojo did not change it[\s\S]*--force/);
    expect(readFileSync(file, 'utf8')).toBe('# my edits\n');
    const forced = await dojo(['ci', 'init', '--force', '-w', ws]);
    expect([forced.code, forced.stdout]).toEqual([0, expect.stringContaining(`Replaced ${file}`)]);
  });
});

describe('dojo report', () => {
  it('tabulates real reports of several students and lists the files it skipped', async () => {
    const dir = tmp('dojo-class-');
    const students = { alice: fixedOrder, bob: copyBeforeDeps, carol: copyBeforeDeps };
    for (const [name, files] of Object.entries(students)) {
      const r = await dojo(['check', 'lab-02', '--only', 'layer-order', '--ci', '--format', 'json', '--output', join(dir, `${name}.json`), '-w', tempWorkspace(files)], { DOJO_STUDENT: name });
      expect(r.code).toBe(name === 'alice' ? 0 : 1);
    }
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'more', 'broken.json'), '{ "schemaVersion": 2, ');
    writeFileSync(join(dir, 'package.json'), '{ "name": "x" }');
    await dojo(['check', 'lab-42', '--format', 'json', '--output', join(dir, 'dave.json')]);
    writeFileSync(join(dir, 'notes.txt'), 'not a report');
    const r = await dojo(['report', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = r.json();
    expect(json.reports.map((x: { subject: string }) => x.subject)).toEqual(['alice', 'bob', 'carol']);
    const row = json.labs[0].checks.find((c: { check: string }) => c.check === 'layer-order');
    expect(row).toMatchObject({ pass: 1, fail: 2, error: 0, skip: 0, mistakes: [{ id: 'copy-before-deps', count: 2 }] });
    expect(json.labs[0]).toMatchObject({ lab: 'lab-02', students: 3, passed: 1, failed: 2 });
    expect(json.skipped.map((s: { file: string; reason: string }) => [s.file.split('/').slice(-1)[0], s.reason.split(' ')[0]])).toEqual([
      ['dave.json', 'an'], ['broken.json', 'not'], ['package.json', 'not'],
    ]);
    expect(r.stderr).toMatch(/skipped .*broken\.json: not valid JSON/);
    const csv = (await dojo(['report', dir, '--format', 'csv'])).stdout.split('\n');
    expect(csv[0]).toBe('lab,check,title,students,passed,failed,error,skipped,mistakes');
    expect(csv).toContain('lab-02,layer-order,Dependencies are installed before the source is copied,3,1,2,0,0,copy-before-deps:2');
    const text = (await dojo(['report', dir])).stdout;
    expect(text).toMatch(/layer-order +1 +2 +0 +0 +copy-before-deps \(2\)/);
    expect(text).toMatch(/Skipped 3 files:/);
    const md = (await dojo(['report', dir, '--format', 'markdown'])).stdout;
    expect(md).toContain('| layer-order | 1 | 2 | 0 | 0 | copy-before-deps (2) |');
  });
});
