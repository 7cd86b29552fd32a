import type { Lab } from '../content/types.js';
import type { RunReport } from '../checks/runner.js';
import { exerciseState, type CourseState } from './types.js';

/** How one run was recorded for one exercise; `counted` runs move the hint ladder. */
export interface AttemptRecord {
  exercise: string;
  counted: boolean;
  reason: 'passed' | 'failed' | 'unchanged' | 'could-not-check';
}

/**
 * Records one check run for each exercise it evaluated. A failed run counts as a failed attempt
 * only when what its checks looked at differs from the last counted attempt: rerunning without
 * changing anything must not climb the ladder. Runs where dojo could not look (only `error`s) and
 * unchanged failures are runs, not attempts. A pass is always counted.
 */
export function recordRun(progress: CourseState, lab: Lab, report: RunReport, now = new Date().toISOString()): AttemptRecord[] {
  const records: AttemptRecord[] = [];
  for (const ex of lab.meta.exercises) {
    const ran = report.checks.filter((c) => c.exercise === ex.id && c.status !== 'skip');
    if (!ran.length) continue;
    const fingerprint = report.exercises.find((e) => e.id === ex.id)?.fingerprint;
    const s = exerciseState(progress, lab.meta.id, ex.id);
    s.runs = (s.runs ?? 0) + 1;
    s.lastRunAt = now;
    const failed = ran.filter((c) => c.status === 'fail');
    if (failed.length) {
      s.lastResult = 'fail';
      s.lastMistakes = [...new Set(failed.map((c) => c.mistake).filter((m): m is string => m !== null))];
      const unchanged = fingerprint !== undefined && fingerprint === s.countedFingerprint;
      if (!unchanged) {
        s.attempts += 1;
        s.failedAttempts += 1;
        s.countedFingerprint = fingerprint;
      }
      records.push({ exercise: ex.id, counted: !unchanged, reason: unchanged ? 'unchanged' : 'failed' });
    } else if (ran.some((c) => c.status === 'error')) {
      s.lastResult = 'error';
      records.push({ exercise: ex.id, counted: false, reason: 'could-not-check' });
    } else {
      s.attempts += 1;
      s.lastResult = 'pass';
      s.lastMistakes = [];
      s.countedFingerprint = fingerprint;
      const all = lab.checks.filter((c) => c.exercise === ex.id).every((c) => ran.some((r) => r.id === c.id));
      if (all) s.passedAt ??= now;
      records.push({ exercise: ex.id, counted: true, reason: 'passed' });
    }
  }
  return records;
}

/** What a student reads about runs that did not count. */
export function attemptNotices(lab: string, records: AttemptRecord[]): string[] {
  return records
    .filter((r) => r.reason === 'unchanged')
    .map((r) => `${lab} ${r.exercise}: nothing changed since your last attempt: not counted`);
}
