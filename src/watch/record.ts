import type { CheckOutcome, ExerciseOutcome, RunReport } from '../checks/runner.js';
import { hashPrints } from '../checks/runner.js';
import type { Lab } from '../content/types.js';
import { recordRun, type AttemptRecord } from '../state/attempts.js';
import { readState, writeState } from '../state/store.js';
import type { PlannedCheck } from './plan.js';

/**
 * A watch session's runs each re-check part of a lab; the attempt machinery judges whole exercises.
 * This merges the latest verdict of every check and the latest fingerprint part of every fact into
 * one report of the exercises the runs touched, so an attempt counts only when what the exercise's
 * checks look at changed, exactly as for `dojo check` (the same hash over the same facts).
 */
export function mergedReport(lab: Lab, dir: string, plan: PlannedCheck[], outcomes: Map<string, CheckOutcome>, prints: Record<string, unknown>, touched: Set<string>): RunReport {
  const checks = lab.checks.filter((d) => touched.has(d.exercise)).flatMap((d) => outcomes.get(d.id) ?? []);
  const exercises = lab.meta.exercises.filter((e) => touched.has(e.id)).map((e): ExerciseOutcome => {
    const mine = checks.filter((c) => c.exercise === e.id);
    const status = mine.some((c) => c.status === 'fail' || c.status === 'error') ? 'fail' : mine.some((c) => c.status === 'pass') ? 'pass' : 'skip';
    const keys = [...new Set(plan.filter((p) => p.exercise === e.id).flatMap((p) => p.keys))].filter((k) => k in prints);
    return { id: e.id, passed: status === 'pass', status, fingerprint: hashPrints(keys.map((k) => [k, prints[k]])) };
  });
  const failed = checks.some((c) => c.status === 'fail');
  const status = failed ? 'failed' : checks.some((c) => c.status === 'error') ? 'incomplete' : 'passed';
  return {
    lab: lab.meta.id, title: lab.meta.title, workspace: dir,
    passed: status === 'passed', status, ungraded: [], unjudged: [], startedAt: new Date().toISOString(), durationMs: 0,
    exercises, checks, engine: { reachable: true },
  };
}

/** Records the merged report in the progress file; returns what the student reads about it. */
export async function recordWatchRun(lab: Lab, dir: string, course: string, report: RunReport): Promise<string[]> {
  const { state, progress, notices } = await readState(dir, course);
  const records = recordRun(progress, lab, report);
  writeState(dir, state);
  return [...notices, ...records.map((r) => attemptLine(lab.meta.id, r))];
}

export function attemptLine(lab: string, r: AttemptRecord): string {
  switch (r.reason) {
    case 'passed': return `${lab} ${r.exercise}: passes: recorded`;
    case 'failed': return `${lab} ${r.exercise}: fails, and something changed since your last attempt: counted as a failed attempt`;
    case 'unchanged': return `${lab} ${r.exercise}: nothing changed since your last attempt: not counted`;
    case 'could-not-check': return `${lab} ${r.exercise}: dojo could not look: not counted`;
  }
}
