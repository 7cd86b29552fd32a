import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/checks/runner.js';
import type { Lab } from '../../src/content/types.js';
import { attemptNotices, recordRun } from '../../src/state/attempts.js';
import { courseState, emptyState } from '../../src/state/types.js';

const lab = {
  meta: { id: 'lab-02', exercises: [{ id: '2a' }, { id: '2b' }] },
  checks: [{ id: 'layer-order', exercise: '2a' }, { id: 'image-size', exercise: '2b' }],
} as unknown as Lab;

type Status = 'pass' | 'fail' | 'error' | 'skip';
/** A run of both checks: their statuses and the fingerprint of each exercise. */
function run(a: Status, b: Status, fp = { '2a': 'A', '2b': 'B' }): RunReport {
  return {
    exercises: [{ id: '2a', fingerprint: fp['2a'] }, { id: '2b', fingerprint: fp['2b'] }],
    checks: [
      { id: 'layer-order', exercise: '2a', status: a, mistake: a === 'fail' ? 'copy-before-deps' : null },
      { id: 'image-size', exercise: '2b', status: b, mistake: null },
    ],
  } as unknown as RunReport;
}

describe('honest attempts', () => {
  it('counts a failed run only when something changed since the last counted attempt', () => {
    const state = courseState(emptyState(), 'builtin');
    expect(recordRun(state, lab, run('fail', 'skip'))).toEqual([{ exercise: '2a', counted: true, reason: 'failed' }]);
    expect(recordRun(state, lab, run('fail', 'skip'))).toEqual([{ exercise: '2a', counted: false, reason: 'unchanged' }]);
    expect(recordRun(state, lab, run('fail', 'skip'))).toEqual([{ exercise: '2a', counted: false, reason: 'unchanged' }]);
    expect(recordRun(state, lab, run('fail', 'skip', { '2a': 'A2', '2b': 'B' }))[0]).toMatchObject({ counted: true });
    expect(state.labs['lab-02']!.exercises['2a']).toMatchObject({
      runs: 4, attempts: 2, failedAttempts: 2, countedFingerprint: 'A2', lastResult: 'fail', lastMistakes: ['copy-before-deps'],
    });
  });

  it('an uncounted run still updates what the last run found', () => {
    const state = courseState(emptyState(), 'builtin');
    recordRun(state, lab, run('fail', 'skip'), 't1');
    recordRun(state, lab, run('fail', 'skip'), 't2');
    expect(state.labs['lab-02']!.exercises['2a']).toMatchObject({ lastRunAt: 't2', lastResult: 'fail' });
  });

  it('a run where dojo could not look (only errors) is no failed attempt', () => {
    const state = courseState(emptyState(), 'builtin');
    expect(recordRun(state, lab, run('skip', 'error'))).toEqual([{ exercise: '2b', counted: false, reason: 'could-not-check' }]);
    expect(state.labs['lab-02']!.exercises['2b']).toMatchObject({ runs: 1, attempts: 0, failedAttempts: 0, lastResult: 'error' });
  });

  it('a pass is always recorded, even unchanged, and becomes the fingerprint to compare with', () => {
    const state = courseState(emptyState(), 'builtin');
    recordRun(state, lab, run('pass', 'pass'), 't1');
    expect(recordRun(state, lab, run('pass', 'pass'), 't2')).toEqual([
      { exercise: '2a', counted: true, reason: 'passed' },
      { exercise: '2b', counted: true, reason: 'passed' },
    ]);
    expect(state.labs['lab-02']!.exercises['2a']).toMatchObject({ runs: 2, attempts: 2, failedAttempts: 0, passedAt: 't1', countedFingerprint: 'A' });
    // The same files failing right after a pass: nothing the student did, so nothing counted.
    expect(recordRun(state, lab, run('fail', 'pass'))[0]).toEqual({ exercise: '2a', counted: false, reason: 'unchanged' });
  });

  it('tells the student which runs did not count', () => {
    expect(attemptNotices('lab-02', [
      { exercise: '2a', counted: false, reason: 'unchanged' },
      { exercise: '2b', counted: true, reason: 'failed' },
    ])).toEqual(['lab-02 2a: nothing changed since your last attempt: not counted']);
  });
});

describe('exercise status for list and status', () => {
  it('calls a passing run of part of an exercise in progress, not failing (walkthrough item 21)', async () => {
    const { exerciseStatus } = await import('../../src/commands/shared.js');
    const ex = (over: object) => ({ attempts: 1, failedAttempts: 0, runs: 1, ...over }) as never;
    expect([exerciseStatus(undefined), exerciseStatus(ex({ lastResult: 'pass' })), exerciseStatus(ex({ lastResult: 'error' })), exerciseStatus(ex({ lastResult: 'fail' })), exerciseStatus(ex({ lastResult: 'pass', passedAt: 'x' }))])
      .toMatchInlineSnapshot(`
        [
          "not-started",
          "in-progress",
          "in-progress",
          "failing",
          "passed",
        ]
      `);
  });
});
