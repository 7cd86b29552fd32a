import { copyCourse as copyCourseTo } from '../support/course.js';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, dojo } from '../support/cli.js';
import { copyBeforeDeps, tempWorkspace } from '../support/workspace.js';

const COURSE = join(BIN, '..', '..');
const copyCourse = () => copyCourseTo('dojo-course-');

describe('progress file', () => {
  it('moves a corrupt state file aside with a message instead of overwriting it', async () => {
    const ws = tempWorkspace({ '.dojo/state.json': '{ not json' });
    const r = await dojo(['hint', 'lab-01', '-w', ws]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/is not valid JSON.*moved to .*\.bak/);
    const kept = readdirSync(join(ws, '.dojo')).find((f) => f.endsWith('.bak'))!;
    expect(readFileSync(join(ws, '.dojo', kept), 'utf8')).toBe('{ not json');
  });

  it('does not downgrade a state file written by a newer dojo', async () => {
    const ws = tempWorkspace({ '.dojo/state.json': JSON.stringify({ version: 99, labs: {} }) });
    const r = await dojo(['status', '-w', ws]);
    expect(r.stderr).toContain('written by a newer dojo (state version 99');
  });

  it('moves aside a file of the right version with a wrongly typed field, naming the file and the field', async () => {
    const bad = JSON.stringify({ version: 4, courses: { builtin: { labs: { 'lab-01': { exercises: { '1a': { attempts: 'x', failedAttempts: 0, levelsSeen: [], answerRevealed: false, lastMistakes: [] } } } } } } });
    const ws = tempWorkspace({ '.dojo/state.json': bad });
    const r = await dojo(['hint', 'lab-01', '-w', ws, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ exercise: '1a', level: 1 });
    expect(r.stderr).toContain(`dojo: Your progress file ${join(ws, '.dojo', 'state.json')} does not have the expected shape: courses.builtin.labs.lab-01.exercises.1a.attempts: expected number, found "x"; it was moved to `);
    const kept = readdirSync(join(ws, '.dojo')).find((f) => f.endsWith('.bak'))!;
    expect(readFileSync(join(ws, '.dojo', kept), 'utf8')).toBe(bad);
  });

  it('upgrades a v1 file in place, keeping every bit of progress and the original beside it', async () => {
    const v1 = readFileSync(new URL('../fixtures/state/v1-state.json', import.meta.url), 'utf8');
    const ws = tempWorkspace({ '.dojo/state.json': v1 });
    const r = await dojo(['status', '-w', ws, '--format', 'json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const ex = r.json().labs.find((l: { id: string }) => l.id === 'lab-02').exercises.find((e: { id: string }) => e.id === '2a');
    expect(ex).toMatchObject({ runs: 3, attempts: 3, failedAttempts: 3, levelsSeen: [1, 2, 3], answerRevealed: true, lastResult: 'fail' });
    const saved = JSON.parse(readFileSync(join(ws, '.dojo', 'state.json'), 'utf8'));
    expect(saved.version).toBe(4);
    expect(readFileSync(join(ws, '.dojo', 'state.json.v1.bak'), 'utf8')).toBe(v1);
  });
});

describe('bad input: clear errors, exit 2, no stack traces', () => {
  it('offers the lab meant by lab-3, lab3 or 3 (walkthrough item 25)', async () => {
    const ws = tempWorkspace({});
    const runs = await Promise.all(['lab-3', 'lab3', '3', 'lab-30'].map((id) => dojo(['show', id, '-w', ws]).then((r) => [r.code, r.stderr.split('\n')[0]])));
    expect(runs).toMatchInlineSnapshot(`
      [
        [
          2,
          "dojo: no lab "lab-3" in this course; did you mean lab-03?",
        ],
        [
          2,
          "dojo: no lab "lab3" in this course; did you mean lab-03?",
        ],
        [
          0,
          "",
        ],
        [
          2,
          "dojo: no lab "lab-30" in this course",
        ],
      ]
    `);
  });

  it('names file:line:column of a bad dojo.yaml', async () => {
    const ws = tempWorkspace({ ...copyBeforeDeps, 'dojo.yaml': 'services:\n  api-service:\n    imag: "x"\n' });
    const r = await dojo(['check', 'lab-02', '--only', 'layer-order', '-w', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dojo\.yaml:3:5: .*imag/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('validate lists every content problem with file:line', async () => {
    const course = copyCourse();
    writeFileSync(join(course, 'hints/lab-01.yaml'), readFileSync(join(course, 'hints/lab-01.yaml'), 'utf8').replace('    level3:', '  level3:'));
    const checks = readFileSync(join(course, 'checks/lab-02.yaml'), 'utf8').replace('kind: image-size', 'kind: image-sise').replace('mistake: cgo-on-scratch', 'mistake: nope');
    writeFileSync(join(course, 'checks/lab-02.yaml'), checks);
    writeFileSync(join(course, 'checks/lab-09.yaml'), 'lab: lab-09\nchecks: []\n');
    const r = await dojo(['validate', course]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/hints\/lab-01\.yaml:\d+:\d+: invalid YAML/);
    expect(r.stdout).toMatch(/checks\/lab-02\.yaml:\d+:\d+: check image-size: unknown kind image-sise/);
    expect(r.stdout).toMatch(/check static-binary: unknown mistake nope/);
    expect(r.stdout).toMatch(/checks\/lab-09\.yaml: orphan file/);
  });

  it('validate refuses a service in check params that the lab does not target, with a did-you-mean', async () => {
    const course = copyCourse();
    const original = readFileSync(join(course, 'checks/lab-03.yaml'), 'utf8');
    const checks = original.replace(/(params: \{ from: api-service, to: )postgres\b/, '$1postgress');
    expect(checks).not.toBe(original);
    writeFileSync(join(course, 'checks/lab-03.yaml'), checks);
    const r = await dojo(['validate', course]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/checks\/lab-03\.yaml:\d+:\d+: check name-resolution: params names service postgress, which is not among the lab's targets\.services \(api-service, worker-service, postgres\); did you mean postgres\?/);
  });

  it('a schema error names the line and shows the right form', async () => {
    const course = copyCourse();
    writeFileSync(join(course, 'checks/lab-01.yaml'), readFileSync(join(course, 'checks/lab-01.yaml'), 'utf8').replace('  - id: exec-form\n    exercise: 1b', '  - id: Exec Form\n    exercise: 1b'));
    const r = await dojo(['list', '--course', course]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/checks\/lab-01\.yaml:\d+:\d+: checks\.\d+\.id: use lower-case letters/);
    expect(r.stderr).toContain('Expected a form like:');
  });

  it('unknown lab, unknown option, junit outside check', async () => {
    const ws = tempWorkspace({});
    const unknown = await dojo(['hint', 'lab-42', '-w', ws]);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('Known labs: lab-01, lab-02')]);
    expect((await dojo(['list', '--bogus'])).code).toBe(2);
    expect((await dojo(['list', '--format', 'junit', '-w', ws])).code).toBe(2);
  });

  it('prints machine-readable errors with --format json', async () => {
    const r = await dojo(['hint', 'lab-42', '--format', 'json', '-w', tempWorkspace({})]);
    expect(r.json()).toMatchObject({ error: { code: 'E_USAGE', message: expect.stringContaining('lab-42') } });
  });
});

describe('list and show', () => {
  it('list --format json gives labs with ids and exercises', async () => {
    const r = (await dojo(['list', '--format', 'json', '-w', tempWorkspace({})])).json();
    // Labs arrive one by one; the first two are the core course.
    expect(r.labs.map((l: { id: string }) => l.id).slice(0, 2)).toEqual(['lab-01', 'lab-02']);
    expect(r.labs[0].exercises[0]).toEqual({ id: '1a', title: expect.any(String), status: 'not-started' });
  });

  it('show renders the instructions; --format json gives the metadata', async () => {
    const text = await dojo(['show', 'lab-01']);
    expect(text.stdout).toContain('Exercise 1b: your first Dockerfile');
    expect(text.stdout).not.toContain('```');
    const meta = (await dojo(['show', 'lab-02', '--format', 'json'])).json();
    expect(meta).toMatchObject({ id: 'lab-02', targets: { services: ['api-service'] }, hasChecks: expect.arrayContaining(['cache-reuse']) });
  });
});

describe('start-up cost', () => {
  // The engine and parser libraries are bundled into chunks loaded on demand, so the probe records
  // every module file Node resolves (ESM hook) or requires (CJS cache) and looks inside them.
  const HEAVY = /node_modules\/(dockerode|docker-modem|ssh2|dockerfile-ast|execa|@inquirer|tar-stream|tar-fs)\//;
  const MARKERS = ['/containers/create', 'DockerfileParser', 'readable-stream'];

  function loadedFiles(log: string): { file: string; text: string }[] {
    const files = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
    return files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  }

  it('dojo hint and dojo list never load the engine libraries or the Dockerfile parser', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dojo-probe-'));
    const log = join(dir, 'loaded.log');
    const hook = `export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith('file:')) (await import('node:fs')).appendFileSync(${JSON.stringify(log)}, (await import('node:url')).fileURLToPath(r.url) + '\\n'); return r; }`;
    const probe = join(dir, 'probe.mjs');
    writeFileSync(probe, [
      `import { register } from 'node:module';`,
      `import { appendFileSync } from 'node:fs';`,
      `import { createRequire } from 'node:module';`,
      `register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));`,
      `const req = createRequire(import.meta.url);`,
      `process.on('exit', () => { for (const k of Object.keys(req.cache)) appendFileSync(${JSON.stringify(log)}, k + '\\n'); });`,
    ].join('\n'));
    const ws = tempWorkspace({});
    for (const args of [['hint', 'lab-01'], ['list']]) {
      writeFileSync(log, '');
      const r = await dojo([...args, '-w', ws], { NODE_OPTIONS: `--import ${probe}` });
      expect(r.code).toBe(0);
      const loaded = loadedFiles(log);
      expect(loaded.some((l) => l.file.endsWith('dist/index.js'))).toBe(true);
      expect(loaded.filter((l) => HEAVY.test(l.file) || MARKERS.some((m) => l.text.includes(m))).map((l) => l.file)).toEqual([]);
    }
    // The same probe does see them on `dojo check`, so a pass above means something.
    writeFileSync(log, '');
    await dojo(['check', 'lab-02', '--only', 'layer-order', '-w', ws], { NODE_OPTIONS: `--import ${probe}` });
    const onCheck = loadedFiles(log);
    expect(MARKERS.slice(0, 2).every((m) => onCheck.some((l) => l.text.includes(m)))).toBe(true);
  });
});
