import type { CheckOutcome, RunReport } from '../checks/runner.js';
import type { GradeRun } from '../grading/grade.js';

/** The version of the JSON report contract (README "The JSON report", schemas/dojo-report.schema.json). */
export const REPORT_SCHEMA_VERSION = 2;

export interface Totals { checks: number; pass: number; fail: number; error: number; skip: number; ungraded: number }

export function totals(labs: readonly RunReport[]): Totals {
  const checks = labs.flatMap((l) => l.checks);
  const n = (s: CheckOutcome['status']) => checks.filter((c) => c.status === s).length;
  return { checks: checks.length, pass: n('pass'), fail: n('fail'), error: n('error'), skip: n('skip'), ungraded: labs.reduce((k, l) => k + l.ungraded.length, 0) };
}

export const runStatus = (labs: readonly RunReport[]): RunReport['status'] =>
  labs.some((l) => l.status === 'failed') ? 'failed' : labs.some((l) => l.status === 'incomplete') ? 'incomplete' : 'passed';

const checkJson = (c: CheckOutcome) => ({
  id: c.id, exercise: c.exercise, rule: c.rule, kind: c.kind, title: c.title, service: c.service, status: c.status,
  severity: c.severity, summary: c.summary, location: c.location, evidence: c.evidence, question: c.question,
  mistake: c.mistake, durationMs: c.durationMs, readyAtMs: c.readyAtMs,
});

export const labJson = (r: RunReport) => ({
  lab: r.lab, title: r.title, status: r.status, passed: r.passed, startedAt: r.startedAt, durationMs: r.durationMs,
  totals: totals([r]), ungraded: r.ungraded, unjudged: r.unjudged, exercises: r.exercises, checks: r.checks.map(checkJson),
});

/**
 * A grading run as the versioned JSON contract. A report of one lab (`dojo check <lab>`) also
 * carries that lab's `lab`, `exercises` and `checks` at the top, as version 1 did.
 */
export function runJson(command: 'check' | 'checklist', run: GradeRun, extra: Record<string, unknown> = {}) {
  const single = command === 'check' && run.labs.length === 1 ? run.labs[0]! : undefined;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    report: 'dojo',
    command,
    dojoVersion: run.dojoVersion,
    course: run.course,
    workspace: run.workspace,
    subject: run.subject,
    timestamp: run.startedAt,
    durationMs: run.durationMs,
    mode: run.mode,
    status: runStatus(run.labs),
    passed: runStatus(run.labs) === 'passed',
    exitCode: run.exitCode,
    totals: { labs: run.labs.length, ...totals(run.labs) },
    ...(single ? { lab: single.lab, exercises: single.exercises, checks: single.checks.map(checkJson) } : {}),
    labs: run.labs.map(labJson),
    engine: run.engine,
    attempts: run.attempts,
    ...extra,
  };
}
