import { describe, expect, it } from 'vitest';
import { parseState } from '../../src/state/parse.js';

const exercise = { attempts: 1, failedAttempts: 1, runs: 2, levelsSeen: [1], answerRevealed: false, lastMistakes: [] };
const v2 = (ex: Record<string, unknown>) => JSON.stringify({ version: 4, courses: { builtin: { labs: { 'lab-01': { exercises: { '1b': ex } } } } } });
const problem = async (text: string) => {
  const r = await parseState(text);
  return r.ok ? null : r.problem;
};

describe('state schema on load', () => {
  it('accepts a current file as it is', async () => {
    const r = await parseState(v2({ ...exercise, lastResult: 'fail', lastMistakes: ['m'], countedFingerprint: 'abc', lastRunAt: 'x' }));
    expect(r).toMatchObject({ ok: true, upgradedFrom: null, state: { courses: { builtin: { labs: { 'lab-01': { exercises: { '1b': { countedFingerprint: 'abc' } } } } } } } });
  });

  it('names the field, what was expected and what was found', async () => {
    expect(await problem(v2({ ...exercise, attempts: 'x' }))).toMatchInlineSnapshot(
      `"does not have the expected shape: courses.builtin.labs.lab-01.exercises.1b.attempts: expected number, found "x""`,
    );
    expect(await problem(v2({ ...exercise, levelsSeen: [1, 7], lastResult: 'great', answerRevealed: undefined }))).toMatchInlineSnapshot(
      `"does not have the expected shape: courses.builtin.labs.lab-01.exercises.1b.levelsSeen.1: expected at most 3, found 7; courses.builtin.labs.lab-01.exercises.1b.answerRevealed: expected boolean, found nothing; courses.builtin.labs.lab-01.exercises.1b.lastResult: expected one of "pass", "fail", "error", found "great""`,
    );
  });

  it('says when the problem appeared after an upgrade', async () => {
    const v1 = JSON.stringify({ version: 1, labs: { 'lab-01': { exercises: { '1b': { ...exercise, runs: undefined, failedAttempts: -1 } } } } });
    expect(await problem(v1)).toMatchInlineSnapshot(
      `"does not have the expected shape after upgrading it from state version 1: courses.builtin.labs.lab-01.exercises.1b.failedAttempts: expected at least 0, found -1"`,
    );
  });

  it('reports files that are not JSON, not objects, or have no version', async () => {
    expect(await problem('{ not json')).toMatch(/^is not valid JSON \(/);
    expect(await problem('[]')).toBe('does not have the expected shape (not an object)');
    expect(await problem('{"labs": {}}')).toBe('does not have the expected shape (no state version)');
    expect(await problem('{"version": 4, "courses": []}')).toMatch(/^does not have the expected shape: courses: expected record/);
  });
});

describe('the generated state check (scripts/state-check.mjs)', () => {
  it('is generated from the current zod schema', async () => {
    const { GENERATED, stateCheckSource } = await import('../../scripts/state-check.mjs');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(GENERATED, 'utf8'), 'run `node scripts/state-check.mjs` (npm run build does)').toBe(await stateCheckSource());
  });

  it('lets zod strip keys it does not know, as before', async () => {
    const r = await parseState(v2({ ...exercise, somethingNew: 1 }));
    expect(r.ok && r.state.courses.builtin!.labs['lab-01']!.exercises['1b']).not.toHaveProperty('somethingNew');
  });
});
