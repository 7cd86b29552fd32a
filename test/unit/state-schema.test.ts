import { describe, expect, it } from 'vitest';
import { parseState } from '../../src/state/parse.js';

const exercise = { attempts: 1, failedAttempts: 1, runs: 2, levelsSeen: [1], answerRevealed: false, lastMistakes: [] };
const v2 = (ex: Record<string, unknown>) => JSON.stringify({ version: 4, courses: { builtin: { labs: { 'lab-01': { exercises: { '1b': ex } } } } } });
const problem = (text: string) => {
  const r = parseState(text);
  return r.ok ? null : r.problem;
};

describe('state schema on load', () => {
  it('accepts a current file as it is', () => {
    const r = parseState(v2({ ...exercise, lastResult: 'fail', lastMistakes: ['m'], countedFingerprint: 'abc', lastRunAt: 'x' }));
    expect(r).toMatchObject({ ok: true, upgradedFrom: null, state: { courses: { builtin: { labs: { 'lab-01': { exercises: { '1b': { countedFingerprint: 'abc' } } } } } } } });
  });

  it('names the field, what was expected and what was found', () => {
    expect(problem(v2({ ...exercise, attempts: 'x' }))).toMatchInlineSnapshot(
      `"does not have the expected shape: courses.builtin.labs.lab-01.exercises.1b.attempts: expected number, found "x""`,
    );
    expect(problem(v2({ ...exercise, levelsSeen: [1, 7], lastResult: 'great', answerRevealed: undefined }))).toMatchInlineSnapshot(
      `"does not have the expected shape: courses.builtin.labs.lab-01.exercises.1b.levelsSeen.1: expected at most 3, found 7; courses.builtin.labs.lab-01.exercises.1b.answerRevealed: expected boolean, found nothing; courses.builtin.labs.lab-01.exercises.1b.lastResult: expected one of "pass", "fail", "error", found "great""`,
    );
  });

  it('says when the problem appeared after an upgrade', () => {
    const v1 = JSON.stringify({ version: 1, labs: { 'lab-01': { exercises: { '1b': { ...exercise, runs: undefined, failedAttempts: -1 } } } } });
    expect(problem(v1)).toMatchInlineSnapshot(
      `"does not have the expected shape after upgrading it from state version 1: courses.builtin.labs.lab-01.exercises.1b.failedAttempts: expected at least 0, found -1"`,
    );
  });

  it('reports files that are not JSON, not objects, or have no version', () => {
    expect(problem('{ not json')).toMatch(/^is not valid JSON \(/);
    expect(problem('[]')).toBe('does not have the expected shape (not an object)');
    expect(problem('{"labs": {}}')).toBe('does not have the expected shape (no state version)');
    expect(problem('{"version": 4, "courses": []}')).toMatch(/^does not have the expected shape: courses: expected record/);
  });
});
