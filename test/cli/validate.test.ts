import { copyCourse as copyCourseTo } from '../support/course.js';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, dojo } from '../support/cli.js';

const COURSE = join(BIN, '..', '..');
const copyCourse = () => copyCourseTo('dojo-author-');
/** Replaces the first `from` in a course file (failing loudly if the file no longer has it). */
const edit = (course: string, file: string, from: string, to: string) => {
  const text = readFileSync(join(course, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(join(course, file), text.replace(from, to));
};
const lineOf = (course: string, file: string, needle: string) => readFileSync(join(course, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
interface Issue { code: string; file: string; line: number | null; column: number | null; message: string; suggestion: string | null }
const issues = async (course: string) => {
  const r = await dojo(['validate', course, '--format', 'json']);
  expect(r.code).toBe(2);
  return (r.json().issues as Issue[]).map((i) => ({ ...i, file: i.file.slice(course.length + 1) }));
};

describe('dojo validate: every problem of every file, in one pass', () => {
  it('a lab file without front matter hides neither a YAML error elsewhere nor a kind typo in its own checks', async () => {
    const course = copyCourse();
    writeFileSync(join(course, 'labs/lab-01.md'), readFileSync(join(course, 'labs/lab-01.md'), 'utf8').split('---').slice(2).join('---'));
    edit(course, 'hints/lab-02.yaml', '    level3:', '  level3:');
    edit(course, 'checks/lab-01.yaml', 'kind: dockerfile-parses', 'kind: dockerfile-parse');
    const found = await issues(course);
    expect(found.map((i) => [i.code, i.file])).toEqual(expect.arrayContaining([
      ['E_FRONT_MATTER', 'labs/lab-01.md'], ['E_YAML', 'hints/lab-02.yaml'], ['E_UNKNOWN_KIND', 'checks/lab-01.yaml'],
    ]));
    const kind = found.find((i) => i.code === 'E_UNKNOWN_KIND')!;
    expect(kind).toMatchObject({ line: lineOf(course, 'checks/lab-01.yaml', 'kind: dockerfile-parse'), column: 11, message: expect.stringContaining('did you mean dockerfile-parses?'), suggestion: expect.stringContaining('dojo validate --kinds') });
  });

  it('seven mistakes give seven reports, each at the line of the bad value, with a did-you-mean', async () => {
    const course = copyCourse();
    edit(course, 'checks/lab-03.yaml', '    exercise: 3a', '    exrcise: 3a'); // schema: unknown key (and the missing one)
    edit(course, 'checks/lab-03.yaml', '    exercise: 3b', '    exercise: 3c'); // unknown exercise
    edit(course, 'checks/lab-03.yaml', 'mistake: worker-published', 'mistake: worker-publishd'); // unknown mistake
    edit(course, 'checks/lab-04.yaml', '  - id: db-healthcheck', '  - id: compose-valid'); // duplicate id
    edit(course, 'checks/lab-04.yaml', 'params: { service: postgres }', 'params: { service: postgres, retries: 3 }'); // unknown param
    edit(course, 'hints/lab-04.yaml', 'lab: lab-04', 'lab: lab-04\nunlok: { level2: 1 }'); // unknown top-level key
    edit(course, 'checks/lab-02.yaml', 'kind: image-size', 'kind: image-sise'); // kind typo
    const found = await issues(course);
    const one = (code: string, text: string) => {
      const hit = found.filter((i) => i.code === code && i.message.includes(text));
      expect(hit, `${code} ${text} in ${JSON.stringify(found, null, 1)}`).toHaveLength(1);
      return hit[0]!;
    };
    expect(one('E_UNKNOWN_KEY', '"exrcise"')).toMatchObject({ line: lineOf(course, 'checks/lab-03.yaml', 'exrcise:'), column: 5, message: expect.stringContaining('did you mean "exercise"?'), suggestion: 'allowed keys in checks.0: id, exercise, kind, title, service, params, mistake' });
    expect(one('E_UNKNOWN_REF', 'unknown exercise 3c')).toMatchObject({ line: lineOf(course, 'checks/lab-03.yaml', 'exercise: 3c'), suggestion: 'exercises of lab-03: 3a, 3b' });
    expect(one('E_UNKNOWN_REF', 'unknown mistake worker-publishd')).toMatchObject({ line: lineOf(course, 'checks/lab-03.yaml', 'worker-publishd'), message: expect.stringContaining('did you mean worker-published?') });
    const dup = one('E_DUPLICATE_ID', 'duplicate check id compose-valid');
    const lines = readFileSync(join(course, 'checks/lab-04.yaml'), 'utf8').split('\n');
    const [first, second] = lines.flatMap((l, i) => (l.includes('- id: compose-valid') ? [i + 1] : []));
    expect(dup.line).toBe(second);
    expect(dup.message).toContain(`first defined at ${join(course, 'checks/lab-04.yaml')}:${first}:`);
    expect(one('E_UNKNOWN_KEY', '"retries"')).toMatchObject({ line: lineOf(course, 'checks/lab-04.yaml', 'retries: 3'), suggestion: expect.stringContaining('allowed keys in checks.1.params: service') });
    expect(one('E_UNKNOWN_KEY', '"unlok"')).toMatchObject({ file: 'hints/lab-04.yaml', line: lineOf(course, 'hints/lab-04.yaml', 'unlok:'), column: 1, message: expect.stringContaining('did you mean "unlock"?') });
    expect(one('E_UNKNOWN_KIND', 'image-sise')).toMatchObject({ line: lineOf(course, 'checks/lab-02.yaml', 'image-sise'), message: expect.stringContaining('did you mean image-size?') });
  });

  it('text output shows each suggestion and the form of the file once', async () => {
    const course = copyCourse();
    edit(course, 'checks/lab-03.yaml', '    exercise: 3a', '    exrcise: 3a');
    const r = await dojo(['validate', course]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('unknown key "exrcise"; did you mean "exercise"? [E_UNKNOWN_KEY]\n    → allowed keys in checks.0: id, exercise, kind, title, service, params, mistake');
    expect(r.stdout.match(/the form of this file:/g)).toHaveLength(1);
  });
});

describe('dojo validate: mistakes that used to pass silently', () => {
  it('a lab: key naming another lab, unlock thresholds out of order', async () => {
    const course = copyCourse();
    edit(course, 'checks/lab-02.yaml', 'lab: lab-02', 'lab: lab-03');
    edit(course, 'hints/lab-02.yaml', 'lab: lab-02', 'lab: lab-01\nunlock: { level2: 3, level3: 1, answer: 2 }');
    const found = await issues(course);
    expect(found.filter((i) => i.code === 'E_WRONG_LAB').map((i) => [i.file, i.line, i.message])).toEqual([
      ['checks/lab-02.yaml', lineOf(course, 'checks/lab-02.yaml', 'lab: lab-03'), 'lab: names lab-03, but this file belongs to lab-02'],
      ['hints/lab-02.yaml', lineOf(course, 'hints/lab-02.yaml', 'lab: lab-01'), 'lab: names lab-01, but this file belongs to lab-02'],
    ]);
    expect(found).toContainEqual(expect.objectContaining({ file: 'hints/lab-02.yaml', line: lineOf(course, 'hints/lab-02.yaml', 'unlock:'), code: 'E_SCHEMA', message: expect.stringContaining('unlock.level3: level3 (1) opens before level2 (3)') }));
  });

  it('a quiz answer that matches no choice, an unquoted all-digit hash; quiz-hash computes the right one', async () => {
    const course = copyCourse();
    const good = '235a9e9a9a546aa851e07064e3fa54c9e042d162323def01dc61d816bea0e5d2';
    edit(course, 'checks/lab-01.yaml', `answer: ${good}`, `answer: ${'1'.repeat(64)}`);
    edit(course, 'checks/lab-01.yaml', 'answer: 8f936dbe6be406a7a9ada0d458d81f1082228527a2f7604da72faabd92c9feac', `answer: ${'a'.repeat(64)}`);
    const found = await issues(course);
    expect(found.map((i) => [i.code, i.line, i.message, i.suggestion])).toEqual([
      ['E_PARAMS', lineOf(course, 'checks/lab-01.yaml', '1'.repeat(64)), `check namespaces-quiz: checks.0.params.questions.0.answer: expected text, but YAML read the unquoted ${'1'.repeat(64)} as a number`, `put it in quotes: "${'1'.repeat(64)}"`],
      ['E_PARAMS', lineOf(course, 'checks/lab-01.yaml', 'a'.repeat(64)), 'check namespaces-quiz: the answer of question pid-view matches none of its 3 choices: the quiz cannot be passed', 'the answer is sha256 of "<question id>:<correct choice>"; compute it with: dojo quiz-hash pid-view "<the correct choice>"'],
    ]);
    const hash = await dojo(['quiz-hash', 'uts-hostname', 'Only processes inside that namespace see the new name; the host keeps its own']);
    expect([hash.code, hash.stdout]).toEqual([0, good]);
  });

  it('an orphan hints file still has its YAML read; a missing checks file names the form', async () => {
    const course = copyCourse();
    writeFileSync(join(course, 'hints/lab-09.yaml'), 'lab: lab-09\nexercises: [\n');
    cpSync(join(course, 'checks/lab-04.yaml'), join(course, 'checks/lab-04.yml'));
    const found = await issues(course);
    expect(found.map((i) => [i.code, i.file])).toEqual([
      ['E_ORPHAN_FILE', 'checks/lab-04.yml'], ['E_ORPHAN_FILE', 'hints/lab-09.yaml'], ['E_YAML', 'hints/lab-09.yaml'],
    ]);
  });
});

describe('dojo validate --kinds', () => {
  it('lists every registered kind with parameters, types, defaults and an example, from the kinds\' schemas', async () => {
    const { KINDS } = await import('../../src/checks/kinds/index.js');
    const r = await dojo(['validate', '--kinds', '--format', 'json']);
    expect(r.code).toBe(0);
    const kinds = r.json().kinds as { name: string; params: unknown[]; example: string }[];
    expect(kinds.map((k) => k.name)).toEqual(KINDS.map((k) => k.name));
    const byName = new Map(kinds.map((k) => [k.name, k]));
    expect(byName.get('image-size')!.params).toEqual([{ name: 'budgetMb', type: 'number > 0', required: false, default: 30 }]);
    expect(byName.get('compose-depends-healthy')!.params).toEqual([
      { name: 'service', type: 'string | list of string', required: true },
      { name: 'on', type: 'string', required: true },
    ]);
    // The example is a real use from the course when there is one.
    expect(byName.get('image-size')!.example).toContain('kind: image-size');
    const text = await dojo(['validate', '--kinds']);
    expect(text.stdout).toContain('image-size  The final image fits the size budget');
    expect(text.stdout).toMatch(/ {4}budgetMb +number > 0 +default 30/);
  });
});

describe('dojo new lab', () => {
  it('scaffolds three files that validate as written, in an empty folder and next to the built-in labs', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dojo-author-new-'));
    const made = await dojo(['new', 'lab', 'lab-01', empty]);
    expect([made.code, made.stdout]).toEqual([0, `+ labs/lab-01.md\n+ hints/lab-01.yaml\n+ checks/lab-01.yaml\n\nEdit them, then run: dojo validate ${empty}`]);
    expect(await dojo(['validate', empty])).toMatchObject({ code: 0, stdout: `✓ ${empty}: 1 labs, 1 checks, no problems` });

    const course = copyCourse();
    const builtIn = readdirSync(join(course, 'labs')).map((f) => f.replace(/\.md$/, '')).sort();
    expect((await dojo(['new', 'lab', 'lab-09', course])).code).toBe(0);
    expect((await dojo(['validate', course])).code).toBe(0);
    const listed = await dojo(['list', '--course', course, '--format', 'json', '-w', empty]);
    expect(listed.json().labs.map((l: { id: string }) => l.id)).toEqual([...builtIn, 'lab-09']);
  });

  it('names the schemas relative to each file: a pack under courses/ gets dojo\'s own, a folder elsewhere the installed dojo\'s', async () => {
    const pack = join(COURSE, 'courses', `dojo-test-new-${process.pid}`);
    try {
      expect((await dojo(['new', 'lab', 'lab-01', pack])).code).toBe(0);
      const first = (f: string) => readFileSync(join(pack, f), 'utf8').split('\n').find((l) => l.includes('$schema'));
      expect(first('labs/lab-01.md')).toBe('# yaml-language-server: $schema=../../../schemas/lab.schema.json');
      expect(first('hints/lab-01.yaml')).toBe('# yaml-language-server: $schema=../../../schemas/hints.schema.json');
      expect(first('checks/lab-01.yaml')).toBe('# yaml-language-server: $schema=../../../schemas/checks.schema.json');
      expect(existsSync(resolve(pack, 'labs', '../../../schemas/lab.schema.json'))).toBe(true);
    } finally {
      rmSync(pack, { recursive: true, force: true });
    }
    const elsewhere = mkdtempSync(join(tmpdir(), 'dojo-author-schema-'));
    expect((await dojo(['new', 'lab', 'lab-01', elsewhere])).code).toBe(0);
    const line = readFileSync(join(elsewhere, 'checks/lab-01.yaml'), 'utf8').split('\n')[0]!;
    const target = resolve(elsewhere, 'checks', line.replace('# yaml-language-server: $schema=', ''));
    expect(target).toBe(join(COURSE, 'schemas', 'checks.schema.json'));
  });

  it('never overwrites, and refuses an id that is not a lab id', async () => {
    const course = copyCourse();
    const again = await dojo(['new', 'lab', 'lab-02', course]);
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('labs/lab-02.md, hints/lab-02.yaml, checks/lab-02.yaml already exist')]);
    expect((await dojo(['new', 'lab', 'networking', course])).code).toBe(2);
  });
});

describe('dojo validate: solutions and starters without the engine', () => {
  it('reports a setup.yaml that is not valid for its lab at its line, and a folder named after no lab', async () => {
    const course = copyCourse();
    for (const d of ['solutions', 'starters']) cpSync(join(COURSE, d), join(course, d), { recursive: true });
    writeFileSync(join(course, 'solutions/lab-02/setup.yaml'), 'build: [api-service]\nrun:\n  - service: api-servce\n');
    cpSync(join(course, 'starters/lab-01'), join(course, 'starters/lab-9'), { recursive: true });
    const r = await dojo(['validate', course, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.json().issues.map((i: { code: string; file: string; line: number | null; message: string }) => [i.code, i.file.replace(course, ''), i.line, i.message])).toEqual([
      ['E_SOLUTION_SETUP', '/solutions/lab-02/setup.yaml', 3, 'run: "api-servce" is no service of this lab (its services: api-service)'],
      ['E_ORPHAN_FILE', '/starters/lab-9', null, 'starters/lab-9 belongs to no lab of this course'],
    ]);
  });
});
