// Progress is kept per course (state v4), and the commands dojo suggests carry the course and the
// workspace the run used, so they work when pasted. The gate course has static checks only.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { tempWorkspace } from '../support/workspace.js';

const GATE = fileURLToPath(new URL('../fixtures/gate-course', import.meta.url));
/** The same course under another folder name: another pack with the same lab ids. */
function otherPack(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'dojo-packs-')), 'other-pack');
  cpSync(GATE, dir, { recursive: true });
  return dir;
}

describe('progress per course', () => {
  it('two packs with the same lab ids do not share progress; the state file keys them by course', async () => {
    const ws = tempWorkspace({});
    const other = otherPack();
    const failed = await dojo(['check', 'lab-80', '--course', GATE, '-w', ws]);
    expect(failed.code).toBe(1);
    const status = async (course: string) => (await dojo(['status', '--course', course, '-w', ws, '--format', 'json'])).json().labs[0].exercises[0];
    expect(await status(GATE)).toMatchObject({ id: '80a', status: 'failing', runs: 1, failedAttempts: 1 });
    expect(await status(other)).toMatchObject({ id: '80a', status: 'not-started', runs: 0, failedAttempts: 0 });
    const saved = JSON.parse(readFileSync(join(ws, '.dojo', 'state.json'), 'utf8'));
    expect(saved.version).toBe(4);
    expect(Object.keys(saved.courses)).toEqual(['gate-course']);
  });

  it('a v3 file keeps its progress under the built-in course after the upgrade', async () => {
    const ex = { attempts: 2, failedAttempts: 2, runs: 4, levelsSeen: [1], answerRevealed: false, lastMistakes: ['copy-before-deps'], lastResult: 'fail' };
    const ws = tempWorkspace({ '.dojo/state.json': JSON.stringify({ version: 3, labs: { 'lab-02': { exercises: { '2a': ex } } } }) });
    const r = await dojo(['status', '-w', ws, '--format', 'json']);
    expect(r.code).toBe(0);
    const lab02 = r.json().labs.find((l: { id: string }) => l.id === 'lab-02');
    expect(lab02.exercises[0]).toMatchObject({ id: '2a', runs: 4, attempts: 2, failedAttempts: 2, lastResult: 'fail' });
    expect(JSON.parse(readFileSync(join(ws, '.dojo', 'state.json'), 'utf8')).courses.builtin.labs['lab-02'].exercises['2a']).toEqual(ex);
  });
});

describe('suggested commands work when pasted', () => {
  it('the hint suggestion after a failed check names the course and the workspace of the run', async () => {
    const ws = tempWorkspace({});
    const r = await dojo(['check', 'lab-80', '--course', GATE, '-w', ws]);
    expect(r.code).toBe(1);
    // The course under the current folder is written relative to it, as a student would type it.
    expect(r.stdout).toContain(`Stuck? \`dojo hint lab-80 --course ${relative(process.cwd(), GATE)} -w ${ws}\` asks you the next guiding question.`);
    const hint = await dojo(['hint', 'lab-80', '--course', GATE, '-w', ws]);
    expect(hint.code).toBe(0);
  });

  it('the built-in course run from its workspace needs neither', async () => {
    const ws = tempWorkspace({ 'api-service/Dockerfile': 'FROM golang:1.22\nCOPY . .\nRUN go mod download\n' });
    const r = await dojo(['check', 'lab-02', '--only', 'layer-order'], {}, ws);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Stuck? `dojo hint lab-02` asks you the next guiding question.');
  });
});
