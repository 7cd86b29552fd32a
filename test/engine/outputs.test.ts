import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, dojo } from '../support/cli.js';
import { WORK } from '../support/fixtures.mjs';
import { schemaErrors } from '../support/schemas.js';

const SHELL_FORM = `${WORK}/shell-form`;
const SECRET = 'hunter2-in-cmd-line';

describe('output formats', () => {
  it('text: one line per check, evidence, the guiding question, never the answer', async () => {
    const r = await dojo(['check', 'lab-01', '-w', SHELL_FORM]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ exec-form');
    expect(r.stdout).toMatch(/api-service\/Dockerfile:12 {2}CMD DB_PASSWORD=\*{4} \/app\/api-service/);
    expect(r.stdout).toMatch(/\? .*docker inspect/);
    expect(r.stdout).toMatch(/FAIL lab-01: 4 passed, 1 failed, 1 not graded \(namespaces-quiz: needs a terminal or --answers\)/);
    const hints = readFileSync(join(BIN, '../../hints/lab-01.yaml'), 'utf8');
    expect(hints).toContain('CMD ["api-service"]');
    expect(r.stdout).not.toContain('CMD ["api-service"]');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('json follows the documented contract', async () => {
    const json = (await dojo(['check', 'lab-01', '-w', SHELL_FORM, '--format', 'json'])).json();
    expect(Object.keys(json)).toEqual([
      'schemaVersion', 'report', 'command', 'dojoVersion', 'course', 'workspace', 'subject', 'timestamp', 'durationMs', 'mode',
      'status', 'passed', 'exitCode', 'totals', 'lab', 'exercises', 'checks', 'labs', 'engine', 'attempts',
    ]);
    expect(json).toMatchObject({ schemaVersion: 2, report: 'dojo', command: 'check', dojoVersion: '0.1.0', status: 'failed', exitCode: 1, subject: 'shell-form' });
    expect(json.totals).toEqual({ labs: 1, checks: 6, pass: 4, fail: 1, error: 0, skip: 1, ungraded: 1 });
    expect(json.labs[0].checks).toEqual(json.checks);
    expect(schemaErrors('dojo-report.schema.json', json)).toEqual([]);
    expect(json.checks[2]).toEqual({
      id: 'exec-form', exercise: '1b', rule: 'exec-form', kind: 'exec-form', title: expect.any(String), service: 'api-service',
      status: 'fail', severity: 'error', summary: expect.any(String),
      location: { file: 'api-service/Dockerfile', line: 12 }, evidence: [expect.stringContaining('Dockerfile:12')],
      question: expect.stringContaining('?'), mistake: 'shell-form-cmd', durationMs: expect.any(Number), readyAtMs: expect.any(Number),
    });
    expect(json.exercises[1]).toEqual({ id: '1b', passed: false, status: 'fail', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('junit: a testcase per check, failures and skips marked', async () => {
    const r = await dojo(['check', 'lab-01', '-w', SHELL_FORM, '--format', 'junit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml/);
    expect(r.stdout).toMatch(/<testsuite name="shell-form lab-01" id="0" package="shell-form" hostname="[^"]+" timestamp="[\d-]+T[\d:]+" tests="6" failures="1" errors="0" skipped="1"/);
    expect(r.stdout).toMatch(/<testcase classname="shell-form\.lab-01\.1b" name="exec-form" file="api-service\/Dockerfile" line="12" time="[\d.]+"><failure message="[^"]*" type="exec-form">/);
  });

  it('redacts the secret value in every format', async () => {
    for (const format of ['text', 'json', 'junit', 'sarif']) {
      const r = await dojo(['check', 'lab-01', '-w', SHELL_FORM, '--format', format]);
      expect(r.stdout + r.stderr, format).not.toContain(SECRET);
    }
    const state = readFileSync(join(SHELL_FORM, '.dojo/state.json'), 'utf8');
    expect(state).not.toContain(SECRET);
  });
});
