import type { GlobalOptions } from '../context.js';
import { ExitCode } from '../errors.js';
import { interruptedError, runChecks, type RunReport } from '../checks/runner.js';
import type { PromptApi } from '../checks/types.js';
import { interruptSignal } from '../engine/cleanup.js';
import { attemptNotices, recordRun, type AttemptRecord } from '../state/attempts.js';
import { readState, writeState } from '../state/store.js';
import { loadWorkspace, workspaceOptions } from '../workspace.js';
import { openCourse, requireExercise, requireLab } from './shared.js';

export interface CheckResult {
  type: 'check';
  report: RunReport;
  /** Per exercise this run evaluated: whether it counted as an attempt, and why. */
  attempts: AttemptRecord[];
  exitCode: number;
  notices: string[];
}

export interface CheckOptions {
  exercise?: string;
  only?: string[];
  skip?: string[];
}

export async function check(g: GlobalOptions, labId: string, opts: CheckOptions): Promise<CheckResult> {
  const course = await openCourse(g);
  const lab = requireLab(course, labId);
  // The lab's own targets say which services, network and volume it knows.
  const ws = await loadWorkspace(g.workspace, workspaceOptions(course.labs, lab));
  const exercise = opts.exercise ? requireExercise(lab, opts.exercise) : undefined;
  const only = exercise ? lab.checks.filter((c) => c.exercise === exercise && (!opts.only?.length || opts.only.includes(c.id))).map((c) => c.id) : opts.only;
  const prompt = g.interactive ? await terminalPrompt() : undefined;
  const signal = interruptSignal();
  const { report, engineError } = await unlessInterrupted(runChecks(lab, ws, { only, skip: opts.skip, prompt, signal }), signal);
  // Half-done checks are no attempt: an interrupted run leaves the progress file as it was.
  if (signal.aborted) throw interruptedError();

  const { state, notices } = readState(ws.dir);
  const attempts = recordRun(state, lab, report);
  writeState(ws.dir, state);
  notices.push(...attemptNotices(lab.meta.id, attempts));

  const engineFailed = engineError && report.checks.some((c) => c.status === 'error');
  const exitCode = engineFailed ? engineError.exitCode : report.passed ? ExitCode.ok : ExitCode.checkFailed;
  if (engineFailed) notices.push(`${engineError.message} ${engineError.suggestion ?? ''}`.trim());
  return { type: 'check', report, attempts, exitCode, notices };
}

/** Rejects as soon as the signal aborts: an engine call that does not hear the abort must not hold up the exit. */
function unlessInterrupted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(interruptedError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function terminalPrompt(): Promise<PromptApi> {
  const { select } = await import('@inquirer/prompts');
  return {
    select: ({ message, choices }) => select({ message, choices: choices.map((c) => ({ name: c, value: c })) }),
  };
}
