import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { copyBeforeDeps, fixedOrder, tempWorkspace } from '../support/workspace.js';

const hint = async (ws: string, ...extra: string[]) => (await dojo(['hint', 'lab-02', '2a', '-w', ws, '--format', 'json', ...extra])).json();
const check = (ws: string, format = 'json') => dojo(['check', 'lab-02', '--only', 'layer-order', '-w', ws, '--format', format]);
/** Still the same mistake, but a different Dockerfile: a real new attempt. */
const edit = (ws: string, n: number) =>
  writeFileSync(join(ws, 'api-service/Dockerfile'), copyBeforeDeps['api-service/Dockerfile'].replace('WORKDIR /src', `WORKDIR /app${n}`));
const stateOf = (ws: string) => JSON.parse(readFileSync(join(ws, '.dojo/state.json'), 'utf8'));

describe('honest attempts', () => {
  it('rerunning an unchanged failing check does not climb the ladder, and says so', async () => {
    const ws = tempWorkspace(copyBeforeDeps);
    expect(await hint(ws)).toMatchObject({ level: 1, locked: false });
    const first = await check(ws);
    expect(first.code).toBe(1);
    expect(first.stderr).not.toContain('not counted');
    for (const _ of [2, 3]) {
      const again = await check(ws);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('dojo: lab-02 2a: nothing changed since your last attempt: not counted');
    }
    // The first run was a real attempt: level 2 opens; the two reruns open nothing more.
    expect(await hint(ws)).toMatchObject({ level: 2, locked: false });
    const three = await hint(ws);
    expect(three).toMatchObject({ level: 3, locked: true });
    expect(three.unlock).toContain('1 more failed attempt');
    expect(stateOf(ws).courses.builtin.labs['lab-02'].exercises['2a']).toMatchObject({ runs: 3, attempts: 1, failedAttempts: 1 });
  });

  it('a comment added at the top, which moves every line, is not a new attempt', async () => {
    const ws = tempWorkspace(copyBeforeDeps);
    expect((await check(ws)).code).toBe(1);
    writeFileSync(join(ws, 'api-service/Dockerfile'), `# tried again\n\n${copyBeforeDeps['api-service/Dockerfile']}`);
    const again = await check(ws);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('nothing changed since your last attempt: not counted');
  });

  it('a changed Dockerfile between runs is a new attempt', async () => {
    const ws = tempWorkspace(copyBeforeDeps);
    await hint(ws);
    await check(ws);
    await hint(ws);
    edit(ws, 1);
    const changed = await check(ws);
    expect(changed.stderr).not.toContain('not counted');
    expect(await hint(ws)).toMatchObject({ level: 3, locked: false });
  });

  it('status shows counted failed attempts and all runs', async () => {
    const ws = tempWorkspace(copyBeforeDeps);
    await check(ws);
    await check(ws);
    edit(ws, 1);
    await check(ws);
    await check(ws);
    const json = (await dojo(['status', '-w', ws, '--format', 'json'])).json();
    const ex = json.labs.find((l: { id: string }) => l.id === 'lab-02').exercises.find((e: { id: string }) => e.id === '2a');
    expect(ex).toMatchObject({ runs: 4, attempts: 2, failedAttempts: 2, status: 'failing' });
    const text = (await dojo(['status', '-w', ws])).stdout;
    expect(text).toMatch(/2a\s+failing\s+4 runs, 2 failed attempts counted/);
  });

  it('hint --format junit is refused before anything is recorded', async () => {
    const ws = tempWorkspace(copyBeforeDeps);
    const r = await dojo(['hint', 'lab-01', '--format', 'junit', '-w', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format junit is not available for `dojo hint`');
    expect(existsSync(join(ws, '.dojo/state.json'))).toBe(false);
    expect((await dojo(['reset', '--yes', '--format', 'junit', '-w', ws])).code).toBe(2);
  });
});

describe('hint on passed exercises', () => {
  const passed = { runs: 1, attempts: 1, failedAttempts: 0, levelsSeen: [1], answerRevealed: false, lastMistakes: [], lastResult: 'pass', passedAt: '2026-01-01T00:00:00.000Z' };
  const allPassed = JSON.stringify({ version: 4, courses: { builtin: { labs: { 'lab-02': { exercises: { '2a': passed, '2b': passed } } } } } }, null, 2);

  it('says everything passes, shows nothing new and records nothing', async () => {
    const ws = tempWorkspace({ ...copyBeforeDeps, '.dojo/state.json': allPassed });
    for (const args of [['lab-02'], ['lab-02', '2a'], ['lab-02', '2b', '--answer', '--yes']]) {
      const r = await dojo(['hint', ...args, '-w', ws, '--format', 'json']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.json()).toMatchObject({ passed: true, level: null, locked: false, links: [], mistakes: [], previous: null });
    }
    expect(readFileSync(join(ws, '.dojo/state.json'), 'utf8')).toBe(allPassed);
    const text = await dojo(['hint', 'lab-02', '-w', ws]);
    expect(text.stdout).toContain('Every exercise of lab-02 passes its checks');
  });

  it('names the exercise still open when a passed one is asked for', async () => {
    const onePassed = JSON.stringify({ version: 4, courses: { builtin: { labs: { 'lab-02': { exercises: { '2a': passed } } } } } });
    const ws = tempWorkspace({ ...copyBeforeDeps, '.dojo/state.json': onePassed });
    // The suggested command works when pasted: the run named its workspace with -w.
    expect((await hint(ws)).text).toBe(`lab-02 2a passes its checks: there is nothing new to show. Still open: 2b (\`dojo hint lab-02 2b -w ${ws}\`).`);
    expect((await dojo(['hint', 'lab-02', '-w', ws, '--format', 'json'])).json()).toMatchObject({ exercise: '2b', passed: false, level: 1 });
  });
});

describe('a quiz attempt', () => {
  const quiz = (ws: string, uts: number, pid: number) => {
    const file = join(ws, 'answers.yaml');
    writeFileSync(file, `lab-01:\n  namespaces-quiz:\n    uts-hostname: ${uts}\n    pid-view: ${pid}\n    cgroups-role: 1\n    kernel-sharing: 1\n`);
    return dojo(['check', 'lab-01', '--only', 'namespaces-quiz', '--answers', file, '-w', ws]);
  };

  it('counts changed answers as a new attempt, the same answers again as none', async () => {
    const ws = tempWorkspace(copyBeforeDeps);
    expect((await quiz(ws, 1, 1)).code).toBe(1);
    const same = await quiz(ws, 1, 1);
    expect(same.stderr).toContain('lab-01 1a: nothing changed since your last attempt: not counted');
    const changed = await quiz(ws, 1, 3);
    expect(changed.stderr).not.toContain('not counted');
    expect(JSON.parse(readFileSync(join(ws, '.dojo/state.json'), 'utf8')).courses.builtin.labs['lab-01'].exercises['1a']).toMatchObject({ runs: 3, failedAttempts: 2 });
  });
});

describe('a missing Dockerfile', () => {
  it('asks where the file is, not which line of it is wrong, in every lab that reads one', async () => {
    const ws = tempWorkspace({ 'README.md': 'nothing built yet\n' });
    for (const [lab, only] of [['lab-01', 'dockerfile-parses'], ['lab-02', 'layer-order'], ['lab-05', 'pinned-base']]) {
      const r = await dojo(['check', lab!, '--only', only!, '-w', ws, '--format', 'json']);
      const c = r.json<{ checks: { id: string; status: string; mistake: string; question: string }[] }>().checks.find((x) => x.id === only)!;
      expect(`${lab} ${c.status} ${c.mistake}`).toBe(`${lab} fail dockerfile-missing`);
      expect(c.question).toContain('ls -a');
    }
  });
});

describe('the summary of a partial run', () => {
  it('says a PASS covers the selected checks only', async () => {
    const ws = tempWorkspace(fixedOrder);
    const r = await dojo(['check', 'lab-02', '--only', 'layer-order', '-w', ws]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS lab-02 \(the selected checks; the lab passes when all of them do\): 1 passed, 0 failed, \d+ not selected$/m);
  });
});
