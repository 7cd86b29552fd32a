import type { GlobalOptions } from '../context.js';
import type { Lab } from '../content/types.js';
import { ExitCode } from '../errors.js';
import { runChecks, type RunReport } from '../checks/runner.js';
import type { PromptApi } from '../checks/types.js';
import { readState, writeState } from '../state/store.js';
import { exerciseState, type State } from '../state/types.js';
import { loadWorkspace } from '../workspace.js';
import { openCourse, requireExercise, requireLab } from './shared.js';

export interface CheckResult {
  type: 'check';
  report: RunReport;
  exitCode: number;
  notices: string[];
}

export interface CheckOptions {
  exercise?: string;
  only?: string[];
  skip?: string[];
}

export async function check(g: GlobalOptions, labId: string, opts: CheckOptions): Promise<CheckResult> {
  const lab = requireLab(await openCourse(g), labId);
  const ws = await loadWorkspace(g.workspace);
  const exercise = opts.exercise ? requireExercise(lab, opts.exercise) : undefined;
  const only = exercise ? lab.checks.filter((c) => c.exercise === exercise && (!opts.only?.length || opts.only.includes(c.id))).map((c) => c.id) : opts.only;
  const prompt = g.interactive ? await terminalPrompt() : undefined;
  const { report, engineError } = await runChecks(lab, ws, { only, skip: opts.skip, prompt });

  const { state, notices } = readState(ws.dir);
  recordAttempt(state, lab, report);
  writeState(ws.dir, state);

  const engineFailed = engineError && report.checks.some((c) => c.status === 'error');
  const exitCode = engineFailed ? engineError.exitCode : report.passed ? ExitCode.ok : ExitCode.checkFailed;
  if (engineFailed) notices.push(`${engineError.message} ${engineError.suggestion ?? ''}`.trim());
  return { type: 'check', report, exitCode, notices };
}

/** One run is one attempt for each exercise it evaluated; a failed check makes it a failed attempt. */
export function recordAttempt(state: State, lab: Lab, report: RunReport, now = new Date().toISOString()): void {
  for (const ex of lab.meta.exercises) {
    const ran = report.checks.filter((c) => c.exercise === ex.id && c.status !== 'skip');
    if (!ran.length) continue;
    const s = exerciseState(state, lab.meta.id, ex.id);
    s.attempts += 1;
    s.lastRunAt = now;
    const failed = ran.filter((c) => c.status === 'fail');
    if (failed.length) {
      s.failedAttempts += 1;
      s.lastResult = 'fail';
      s.lastMistakes = [...new Set(failed.map((c) => c.mistake).filter((m): m is string => m !== null))];
    } else if (ran.some((c) => c.status === 'error')) {
      s.lastResult = 'error';
    } else {
      s.lastResult = 'pass';
      s.lastMistakes = [];
      const all = lab.checks.filter((c) => c.exercise === ex.id).every((c) => ran.some((r) => r.id === c.id));
      if (all) s.passedAt ??= now;
    }
  }
}

async function terminalPrompt(): Promise<PromptApi> {
  const { select } = await import('@inquirer/prompts');
  return {
    select: ({ message, choices }) => select({ message, choices: choices.map((c) => ({ name: c, value: c })) }),
  };
}
