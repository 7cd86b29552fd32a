// The gate ticks a box only on what it judged: a check that skipped with a reason (here pinned-base,
// whose base comes from a build argument without a value) keeps its box open, and the gate exits 4
// with the reason in what is left; `dojo check` calls the lab incomplete too (exit 4).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { schemaErrors } from '../support/schemas.js';
import { tempWorkspace } from '../support/workspace.js';

function courseWithPinnedBase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dojo-unjudged-course-'));
  cpSync(fileURLToPath(new URL('../fixtures/gate-course', import.meta.url)), dir, { recursive: true });
  const checks = join(dir, 'checks', 'lab-80.yaml');
  writeFileSync(checks, `${readFileSync(checks, 'utf8')}  - { id: pinned, exercise: 80a, kind: pinned-base, service: api-service, title: Every base is pinned, mistake: m }\n`);
  return dir;
}

describe('a check the gate could not judge', () => {
  const course = courseWithPinnedBase();
  const ws = tempWorkspace({ 'api-service/Dockerfile': 'ARG BASE\nFROM ${BASE}\nCMD ["/app"]\n', 'api-service/.dockerignore': '.env\n.git\n' });

  it('keeps its box open as not judged: exit 4, the reason in what is left, the report incomplete', async () => {
    const text = await dojo(['checklist', '--ci', '--course', course, '-w', ws]);
    expect(text.code).toBe(4);
    expect(text.stdout).toMatch(/\[ \] 80a {2}A Dockerfile that parses\n {8}not judged: pinned: unknown: the base image depends on a build argument/);
    expect(text.stdout).toMatch(/\[x\] 80b {2}A \.dockerignore {2}\(checks pass\)/);
    expect(text.stdout).toContain('NOT READY for the next module: 1 of 2 boxes ticked');
    // The suggested command carries the run's --course and -w, so it works when pasted.
    expect(text.stdout).toContain(`lab-80 80a: let dojo judge pinned — unknown: the base image depends on a build argument dojo has no value for; \`dojo check lab-80 --only pinned --course ${course} -w ${ws}\` shows why`);
    const json = (await dojo(['checklist', '--ci', '--course', course, '-w', ws, '--format', 'json'])).json();
    expect(json).toMatchObject({ status: 'incomplete', passed: false, exitCode: 4, checklist: { ready: false } });
    expect(json.checklist.exercises[0].open).toEqual([expect.objectContaining({ id: 'pinned', status: 'skip' })]);
    expect(json.labs[0].status).toBe('incomplete');
    expect(schemaErrors('dojo-report.schema.json', json)).toEqual([]);
    const sarif = JSON.parse((await dojo(['checklist', '--ci', '--course', course, '-w', ws, '--format', 'sarif'])).stdout).runs[0];
    expect([sarif.invocations[0].exitCode, sarif.properties.status]).toEqual([4, 'incomplete']);
  });

  it('dojo check agrees: the lab is incomplete, exit 4, the check named as not judged', async () => {
    const r = await dojo(['check', 'lab-80', '--ci', '--course', course, '-w', ws]);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/INCOMPLETE lab-80: 2 passed, 0 failed, 1 not judged \(pinned: see why above\)/);
    const json = (await dojo(['check', 'lab-80', '--ci', '--course', course, '-w', ws, '--format', 'json'])).json();
    expect(json.labs[0]).toMatchObject({ status: 'incomplete', unjudged: ['pinned'], exercises: [expect.objectContaining({ id: '80a', status: 'skip', passed: false }), expect.objectContaining({ id: '80b', status: 'pass' })] });
  });
});
