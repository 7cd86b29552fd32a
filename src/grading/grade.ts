import { basename, isAbsolute, relative, resolve } from 'node:path';
import type { Course, Lab } from '../content/types.js';
import type { GlobalOptions } from '../context.js';
import { usageError } from '../errors.js';
import { interruptedError, runChecks, type RunEvent, type RunReport } from '../checks/runner.js';
import { kindByName } from '../checks/kinds/index.js';
import type { PromptApi } from '../checks/types.js';
import { interruptSignal } from '../engine/cleanup.js';
import { attemptNotices, recordRun, type AttemptRecord } from '../state/attempts.js';
import { readState, writeState } from '../state/store.js';
import { courseKey } from '../state/course-key.js';
import { loadWorkspace, workspaceOptions } from '../workspace.js';
import { DOJO_VERSION } from '../version.js';
import { courseId, type CourseId } from './course-id.js';
import { gradeExitCode } from './exit-code.js';

/** What a grading run was asked for: by a student at a terminal, or by an instructor in CI. */
export interface GradeOptions {
  only?: string[];
  skip?: string[];
  /** Ignore the workspace's dojo.yaml (course defaults), or read this instructor file instead. */
  strict?: boolean;
  config?: string;
  /** An instructor's answers for the interactive checks. */
  answers?: string;
  /** A terminal's prompt for interactive checks (none in CI). */
  prompt?: PromptApi;
  onEvent?: (e: RunEvent) => void;
}

/** One run over one or more labs: everything a report needs, in every format. */
export interface GradeRun {
  dojoVersion: string;
  course: CourseId;
  workspace: string;
  /** Whose work this is, so merged reports of a class can be told apart: DOJO_STUDENT, else GITHUB_REPOSITORY, else the workspace folder's name. */
  subject: string;
  startedAt: string;
  durationMs: number;
  mode: { ci: boolean; recordState: boolean; strict: boolean; config: string | null; answers: string | null };
  labs: RunReport[];
  engine: RunReport['engine'];
  /** How each exercise's run was recorded; empty when progress is not recorded (--ci, --no-state). */
  attempts: (AttemptRecord & { lab: string })[];
  exitCode: number;
  notices: string[];
  /** Secret values this run saw, for anything else that is printed. */
  secrets: string[];
  /** What each check kind (rule) that ran judges, for SARIF's rule entries. */
  rules: Record<string, string>;
}

export async function grade(g: GlobalOptions, course: Course, labs: Lab[], opts: GradeOptions): Promise<GradeRun> {
  const started = Date.now();
  const configFile = opts.config ?? (opts.strict ? null : undefined);
  // Every input is read and checked before anything runs or is recorded.
  const workspaces = await Promise.all(labs.map((lab) => loadWorkspace(g.workspace, workspaceOptions(course.labs, lab, configFile))));
  const answers = opts.answers ? await import('./answers.js').then((m) => m.readAnswers(opts.answers!, course.labs)) : undefined;
  const prompt = answers?.prompt ?? (opts.prompt ? oneAtATime(opts.prompt) : undefined);
  const signal = interruptSignal();
  const runs = await unlessInterrupted(
    Promise.all(labs.map((lab, i) => runChecks(lab, workspaces[i]!, { only: opts.only, skip: opts.skip, prompt, signal, onEvent: opts.onEvent }))),
    signal,
  );
  // Half-done checks are no attempt: an interrupted run leaves the progress file as it was.
  if (signal.aborted) throw interruptedError();

  const reports = runs.map((r) => r.report);
  if (answers) await placeQuizzes(reports, opts.answers!, workspaces[0]?.dir ?? g.workspace);
  const notices: string[] = [];
  const attempts = g.recordState ? await record(g.workspace, courseKey(course.dir), labs, reports, notices) : [];
  const engineError = runs.find((r) => r.engineError)?.engineError;
  const unreachable = Boolean(engineError) && reports.some((r) => r.checks.some((c) => c.status === 'error'));
  if (unreachable) notices.push(`${engineError!.message} ${engineError!.suggestion ?? ''}`.trim());
  return {
    dojoVersion: DOJO_VERSION,
    course: courseId(course.dir),
    workspace: workspaces[0]?.dir ?? g.workspace,
    subject: process.env.DOJO_STUDENT || process.env.GITHUB_REPOSITORY || basename(g.workspace),
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    mode: { ci: g.ci, recordState: g.recordState, strict: Boolean(opts.strict || opts.config), config: opts.config ?? null, answers: opts.answers ?? null },
    labs: reports,
    engine: reports.find((r) => r.engine.reachable)?.engine ?? reports[0]?.engine ?? { reachable: false },
    attempts,
    exitCode: gradeExitCode(reports, unreachable),
    notices,
    secrets: [...new Set(runs.flatMap((r) => r.secrets))],
    rules: Object.fromEntries(reports.flatMap((r) => r.checks).map((c) => [c.rule, kindByName.get(c.rule)?.description ?? c.rule])),
  };
}

/** A quiz graded from an answers file in the workspace stems from that file: its failure points at the check's answers. */
async function placeQuizzes(reports: RunReport[], file: string, dir: string): Promise<void> {
  const path = resolve(file);
  const rel = relative(dir, path).split('\\').join('/');
  if (rel.startsWith('..') || isAbsolute(rel)) return;
  const { answersPlace } = await import('./answers.js');
  for (const r of reports) {
    for (const c of r.checks) {
      if (c.status !== 'fail' || c.location || !kindByName.get(c.rule)?.interact) continue;
      const at = await answersPlace(path, r.lab, c.id);
      if (at) c.anchor = { ...at, file: rel };
    }
  }
}

/** Records each lab's run; a progress file that cannot be written costs the record, never the report. */
async function record(workspace: string, courseKeyOf: string, labs: Lab[], reports: RunReport[], notices: string[]): Promise<GradeRun['attempts']> {
  let loaded: Awaited<ReturnType<typeof readState>>;
  try {
    loaded = await readState(workspace, courseKeyOf);
  } catch (err) {
    notices.push(`warning: progress not recorded: ${(err as Error).message}`);
    return [];
  }
  const { state, progress } = loaded;
  notices.push(...loaded.notices);
  const attempts = labs.flatMap((lab, i) => recordRun(progress, lab, reports[i]!).map((a) => ({ ...a, lab: lab.meta.id })));
  try {
    writeState(workspace, state);
  } catch (err) {
    notices.push(`warning: ${(err as Error).message}; the report is complete, only your progress was not saved.`);
    return [];
  }
  for (const lab of labs) notices.push(...attemptNotices(lab.meta.id, attempts.filter((a) => a.lab === lab.meta.id)));
  return attempts;
}

/** Labs run side by side; their questions must not: one prompt at a time. */
function oneAtATime(prompt: PromptApi): PromptApi {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    select(q) {
      const next = chain.then(() => prompt.select(q));
      chain = next.catch(() => undefined);
      return next;
    },
  };
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

/** `--all` runs whole labs: per-check and per-exercise selections name checks of one lab. */
export function refuseSelectionsWithAll(o: { exercise?: string; only?: string[]; skip?: string[] }): void {
  if (o.exercise || o.only?.length || o.skip?.length) {
    throw usageError('--all runs every check of every lab; --exercise, --only and --skip name checks of one lab', 'Run `dojo check <lab> --only …` for a selection.');
  }
}
