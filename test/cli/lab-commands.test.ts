// `dojo lab start/stop` and `dojo diagnose` refuse bad input before they touch the engine or the
// progress file; with the engine unreachable they say so (exit 3) and change nothing.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, dojo } from '../support/cli.js';
import { tempWorkspace } from '../support/workspace.js';

const DOWN = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
const stateFile = (ws: string) => join(ws, '.dojo', 'state.json');

describe('dojo lab', () => {
  it('refuses a lab without scenarios, an unknown lab and a junit format, with exit 2', async () => {
    const ws = tempWorkspace({});
    const none = await dojo(['lab', 'start', 'lab-03', '-w', ws, '--format', 'json'], DOWN);
    expect(none.code).toBe(2);
    expect(none.json().error).toMatchObject({ code: 'E_USAGE', message: 'lab-03 has no break-fix scenarios to start or stop', suggestion: 'Labs with scenarios: lab-05.' });
    expect((await dojo(['lab', 'stop', 'lab-99', '-w', ws], DOWN)).code).toBe(2);
    expect((await dojo(['lab', 'start', 'lab-05', '-w', ws, '--format', 'junit'], DOWN)).code).toBe(2);
    expect(existsSync(stateFile(ws))).toBe(false);
  });

  it('reports a broken dojo.yaml with its line before it reaches the engine', async () => {
    const ws = tempWorkspace({ 'dojo.yaml': 'probeImages: busybox:1.36\n' });
    const r = await dojo(['lab', 'start', 'lab-05', '-w', ws], DOWN);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dojo.yaml:1:1: unknown key "probeImages"; did you mean "probeImage"?');
  });

  it('says the engine is unreachable (exit 3) and writes no progress', async () => {
    const ws = tempWorkspace({});
    for (const action of ['start', 'stop']) {
      const r = await dojo(['lab', action, 'lab-05', '-w', ws], DOWN);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain('does not answer');
    }
    expect(existsSync(stateFile(ws))).toBe(false);
  });

  it('reports a broken scenarios file with its file and line', async () => {
    const course = mkdtempSync(join(tmpdir(), 'dojo-course-'));
    for (const d of ['labs', 'hints', 'checks', 'scenarios']) cpSync(join(BIN, '..', '..', d), join(course, d), { recursive: true });
    writeFileSync(join(course, 'scenarios', 'lab-05.yaml'), 'lab: lab-05\nexercise: 5b\nimage: dojo-scenario/lab-05:1\nprograms: {}\nscenarios:\n  - id: x\n    symptom: s\n    task: t\n    containers: [{ name: a, program: nope }]\n');
    const r = await dojo(['--course', course, 'lab', 'start', 'lab-05', '-w', tempWorkspace({})], DOWN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/lab-05\.yaml:9(:\d+)?: scenarios\.0\.containers\.0\.program: unknown program nope/);
  });
});

describe('dojo diagnose', () => {
  it('needs the engine (exit 3 when it is down) and refuses junit', async () => {
    const ws = tempWorkspace({});
    expect((await dojo(['diagnose', 'web', '-w', ws], DOWN)).code).toBe(3);
    expect((await dojo(['diagnose', 'web', '-w', ws, '--format', 'junit'], DOWN)).code).toBe(2);
    expect((await dojo(['diagnose', '-w', ws], DOWN)).code).toBe(2);
  });

  it('reset forgets progress when the engine is down and keeps the scenario objects recorded for later', async () => {
    const ws = tempWorkspace({ '.dojo/state.json': JSON.stringify({ version: 4, courses: { builtin: { labs: { 'lab-05': { exercises: {}, scenarioObjects: [{ type: 'container', id: 'abc', name: 'lab05-api' }] }, 'lab-01': { exercises: {} } } } } }) });
    const r = await dojo(['reset', 'lab-05', '--yes', '-w', ws], DOWN);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("lab-05's 1 scenario object(s) stay recorded; run `dojo lab stop lab-05` when the engine is back.");
    const after = JSON.parse(readFileSync(stateFile(ws), 'utf8'));
    expect(after.courses.builtin.labs).toEqual({ 'lab-05': { exercises: {}, scenarioObjects: [{ type: 'container', id: 'abc', name: 'lab05-api' }] }, 'lab-01': { exercises: {} } });
  });
});
