import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { copyBeforeDeps, fixedOrder, tempWorkspace } from '../support/workspace.js';

const hint = async (ws: string, ...extra: string[]) => (await dojo(['hint', 'lab-02', '2a', '-w', ws, '--format', 'json', ...extra])).json();
let edits = 0;
/** A failed attempt after a real change: unchanged reruns do not count (see attempts.test.ts). */
const failAttempt = async (ws: string) => {
  const broken = copyBeforeDeps['api-service/Dockerfile'].replace('WORKDIR /src', `WORKDIR /src${++edits}`);
  writeFileSync(join(ws, 'api-service/Dockerfile'), broken);
  const r = await dojo(['check', 'lab-02', '--only', 'layer-order', '-w', ws, '--format', 'json']);
  expect(r.code).toBe(1);
  return r.json();
};

describe('hint ladder through the CLI', () => {
  it('opens each level only after it was seen and enough check attempts failed', async () => {
    const ws = tempWorkspace(copyBeforeDeps);
    const first = await hint(ws);
    expect(first).toMatchObject({ lab: 'lab-02', exercise: '2a', level: 1, locked: false, unlock: null, links: [] });
    expect(first.text).toContain('?');

    const locked = await hint(ws);
    expect(locked).toMatchObject({ level: 2, locked: true });
    expect(locked.unlock).toContain('1 more failed attempt');
    expect(locked.unlock).toContain('dojo check lab-02');

    await failAttempt(ws);
    const two = await hint(ws);
    expect(two).toMatchObject({ level: 2, locked: false });
    expect(two.links[0]).toMatchObject({ title: expect.any(String), url: expect.stringMatching(/^https:\/\//) });
    expect(two.mistakes).toEqual([{ id: 'copy-before-deps', question: expect.stringContaining('dependencies') }]);

    expect(await hint(ws)).toMatchObject({ level: 3, locked: true });
    await failAttempt(ws);
    expect(await hint(ws)).toMatchObject({ level: 3, locked: false });
    expect(await hint(ws)).toMatchObject({ level: 'answer', locked: true });
    await failAttempt(ws);
    const answer = await hint(ws);
    expect(answer).toMatchObject({ level: 'answer', locked: false });
    expect(answer.text).toContain('go mod download');

    const status = (await dojo(['status', '-w', ws, '--format', 'json'])).json();
    expect(status.answersRevealed).toEqual([{ lab: 'lab-02', exercise: '2a', at: expect.any(String) }]);
  });

  it('never shows the answer early without a failed attempt, nor without confirmation', async () => {
    const ws = tempWorkspace(copyBeforeDeps);
    const early = await dojo(['hint', 'lab-02', '2a', '--answer', '--yes', '-w', ws]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('opens after at least one failed check attempt');

    await failAttempt(ws);
    const unconfirmed = await dojo(['hint', 'lab-02', '2a', '--answer', '-w', ws]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('confirm with --yes');
    expect(unconfirmed.stdout).not.toContain('go mod download');

    const confirmed = await dojo(['hint', 'lab-02', '2a', '--answer', '--yes', '-w', ws, '--format', 'json']);
    expect(confirmed.json()).toMatchObject({ level: 'answer', locked: false });
  });

  it('--answer also opens the answer when it is the next rung but still locked', async () => {
    const ws = tempWorkspace(copyBeforeDeps);
    await hint(ws);
    await failAttempt(ws);
    await hint(ws);
    await failAttempt(ws);
    await hint(ws);
    expect(await hint(ws)).toMatchObject({ level: 'answer', locked: true });
    expect((await dojo(['hint', 'lab-02', '2a', '--answer', '-w', ws])).code).toBe(2);
    expect(await hint(ws, '--answer', '--yes')).toMatchObject({ level: 'answer', locked: false });
  });

  it('defaults to the exercise that failed last, and a passing run records it passed', async () => {
    const ws = tempWorkspace(copyBeforeDeps);
    await failAttempt(ws);
    expect((await dojo(['hint', 'lab-02', '-w', ws, '--format', 'json'])).json().exercise).toBe('2a');
    writeFileSync(join(ws, 'api-service/Dockerfile'), fixedOrder['api-service/Dockerfile']);
    const ok = await dojo(['check', 'lab-02', '--only', 'layer-order', '-w', ws]);
    expect(ok.code).toBe(0);
    const state = JSON.parse(readFileSync(join(ws, '.dojo/state.json'), 'utf8'));
    expect(state.courses.builtin.labs['lab-02'].exercises['2a']).toMatchObject({ runs: 2, attempts: 2, failedAttempts: 1, lastResult: 'pass' });
  });

  it('reset forgets progress only when confirmed', async () => {
    const ws = tempWorkspace(copyBeforeDeps);
    await failAttempt(ws);
    expect((await dojo(['reset', 'lab-02', '-w', ws])).code).toBe(2);
    const done = await dojo(['reset', 'lab-02', '--yes', '-w', ws]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('lab-02');
    expect((await hint(ws))).toMatchObject({ level: 1 });
    expect((await hint(ws))).toMatchObject({ level: 2, locked: true });
  });
});
