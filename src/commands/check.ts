import type { GlobalOptions } from '../context.js';
import { usageError } from '../errors.js';
import type { RunEvent } from '../checks/runner.js';
import type { PromptApi } from '../checks/types.js';
import { grade, refuseSelectionsWithAll, type GradeRun } from '../grading/grade.js';
import { openCourse, requireExercise, requireLab } from './shared.js';

export interface CheckResult {
  type: 'check';
  run: GradeRun;
  exitCode: number;
  notices: string[];
}

export interface CheckOptions {
  all?: boolean;
  exercise?: string;
  only?: string[];
  skip?: string[];
  strict?: boolean;
  config?: string;
  answers?: string;
  onEvent?: (e: RunEvent) => void;
  /** Called around each terminal question (a progress line hides meanwhile). */
  promptHooks?: PromptHooks;
}

export interface PromptHooks { pause(): void; resume(): void }

export async function check(g: GlobalOptions, labId: string | undefined, opts: CheckOptions): Promise<CheckResult> {
  const course = await openCourse(g);
  if (opts.all && labId) throw usageError(`give a lab or --all, not both (got ${labId} and --all)`);
  if (!opts.all && !labId) throw usageError('which lab? `dojo check <lab>`, or `dojo check --all` for every lab', `Known labs: ${course.labs.map((l) => l.meta.id).join(', ')}.`);
  if (opts.all) refuseSelectionsWithAll(opts);
  const labs = opts.all ? course.labs : [requireLab(course, labId!)];
  const lab = labs[0]!;
  const exercise = opts.exercise ? requireExercise(lab, opts.exercise) : undefined;
  const only = exercise ? lab.checks.filter((c) => c.exercise === exercise && (!opts.only?.length || opts.only.includes(c.id))).map((c) => c.id) : opts.only;
  const prompt = g.interactive && !opts.answers ? await terminalPrompt(opts.promptHooks) : undefined;
  const run = await grade(g, course, labs, { only, skip: opts.skip, strict: opts.strict, config: opts.config, answers: opts.answers, prompt, onEvent: opts.onEvent });
  return { type: 'check', run, exitCode: run.exitCode, notices: run.notices };
}

export async function terminalPrompt(hooks?: PromptHooks): Promise<PromptApi> {
  const { select } = await import('@inquirer/prompts');
  return {
    async select({ message, choices, lab, check }) {
      hooks?.pause();
      try {
        // Named like the gate's validation questions, so a quiz among many labs says whose it is.
        const named = lab && check ? `${lab} ${check} · ${message}` : message;
        return await select({ message: named, choices: choices.map((c) => ({ name: c, value: c })) });
      } finally {
        hooks?.resume();
      }
    },
  };
}
