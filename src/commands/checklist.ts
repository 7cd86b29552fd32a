import { existsSync, readFileSync } from 'node:fs';
import type { Lab } from '../content/types.js';
import type { GlobalOptions } from '../context.js';
import { ExitCode } from '../errors.js';
import type { RunEvent, RunReport } from '../checks/runner.js';
import { grade, type GradeRun } from '../grading/grade.js';
import { parseState } from '../state/parse.js';
import { readState, statePath, writeState } from '../state/store.js';
import { courseState, exerciseState, type State } from '../state/types.js';
import { courseKey } from '../state/course-key.js';
import { dojoCommand } from '../rerun.js';
import { terminalPrompt, type PromptHooks } from './check.js';
import { openCourse } from './shared.js';

/** One automated box: every check of the exercise, judged live in this run. */
export interface ExerciseBox {
  lab: string;
  exercise: string;
  title: string;
  ticked: boolean;
  /**
   * The checks that keep it open: failed, could not be evaluated, not graded, or skipped with a
   * reason (`skip`: no scanner, a probe that could not run): a box is ticked only on what was judged.
   */
  open: { id: string; status: 'fail' | 'error' | 'ungraded' | 'skip'; summary: string }[];
}

/** One validation box: a question the student answers in their own words (kept in the progress file). */
export interface ValidationBox {
  lab: string;
  exercise: string;
  question: string;
  ticked: boolean;
  answer: string | null;
  answeredAt: string | null;
  /** `waits`: its exercise's checks do not pass yet; `not-asked`: no terminal, --ci or --no-state. */
  state: 'answered' | 'unanswered' | 'waits' | 'not-asked';
}

export interface ChecklistResult {
  type: 'checklist';
  run: GradeRun;
  exercises: ExerciseBox[];
  validation: ValidationBox[];
  /** False when the questions cannot be asked: the verdict then covers the automated checks only. */
  validationJudged: boolean;
  validationNote: string | null;
  ready: boolean;
  /** Exactly what is left, one line per open box group. */
  left: string[];
  exitCode: number;
  notices: string[];
}

export interface ChecklistOptions {
  strict?: boolean;
  config?: string;
  answers?: string;
  onEvent?: (e: RunEvent) => void;
  promptHooks?: PromptHooks;
  /** Asks one validation question on a terminal; '' = skipped. */
  askText?: (message: string, previous: string | undefined) => Promise<string>;
}

/** The module's exit gate: every lab's checks live, then the validation questions, then the verdict. */
export async function checklist(g: GlobalOptions, opts: ChecklistOptions = {}): Promise<ChecklistResult> {
  const course = await openCourse(g);
  const prompt = g.interactive && !opts.answers ? await terminalPrompt(opts.promptHooks) : undefined;
  const run = await grade(g, course, course.labs, { strict: opts.strict, config: opts.config, answers: opts.answers, prompt, onEvent: opts.onEvent });
  const exercises = course.labs.flatMap((lab, i) => exerciseBoxes(lab, run.labs[i]!));
  const judged = g.interactive && g.recordState && Boolean(opts.askText);
  const note = judged ? null
    : !g.recordState ? `validation questions are not asked with ${g.ci ? '--ci' : '--no-state'}: this verdict covers the automated checks only`
    : 'validation questions need a terminal: this verdict covers the automated checks only';
  const notices = [...run.notices];
  const key = courseKey(course.dir);
  const state = judged ? await readState(g.workspace, key) : { state: await peekState(g.workspace), notices: [] };
  notices.push(...state.notices);
  const validation: ValidationBox[] = [];
  for (const lab of course.labs) {
    for (const ex of lab.meta.exercises) {
      const box = exercises.find((b) => b.lab === lab.meta.id && b.exercise === ex.id)!;
      for (const question of lab.hints.exercises[ex.id]?.validation ?? []) {
        const kept = state.state?.courses[key]?.labs[lab.meta.id]?.exercises[ex.id]?.validation?.find((v) => v.question === question);
        let answer = kept?.answer.trim() ? kept : undefined;
        if (judged && box.ticked && !answer) {
          const given = (await opts.askText!(`${lab.meta.id} ${ex.id} · ${question}`, undefined)).trim();
          if (given) {
            answer = { question, answer: given, answeredAt: new Date().toISOString() };
            saveAnswer(g.workspace, state.state!, key, lab.meta.id, ex.id, answer, notices);
          }
        }
        validation.push({
          lab: lab.meta.id, exercise: ex.id, question,
          ticked: judged && Boolean(answer),
          answer: answer?.answer ?? null, answeredAt: answer?.answeredAt ?? null,
          state: !judged ? 'not-asked' : answer ? 'answered' : box.ticked ? 'unanswered' : 'waits',
        });
      }
    }
  }
  const left = whatIsLeft(g, exercises, judged ? validation : []);
  const ready = left.length === 0;
  const exitCode = run.exitCode !== ExitCode.ok ? run.exitCode : ready ? ExitCode.ok : ExitCode.incomplete;
  return { type: 'checklist', run, exercises, validation, validationJudged: judged, validationNote: note, ready, left, exitCode, notices };
}

function exerciseBoxes(lab: Lab, report: RunReport): ExerciseBox[] {
  return lab.meta.exercises.map((ex) => {
    // The gate has no --only/--skip, so every skip here is a check dojo could not judge.
    const open = report.checks
      .filter((c) => c.exercise === ex.id && c.status !== 'pass')
      .map((c) => ({ id: c.id, status: report.ungraded.includes(c.id) ? ('ungraded' as const) : (c.status as 'fail' | 'error' | 'skip'), summary: c.summary }));
    return { lab: lab.meta.id, exercise: ex.id, title: ex.title, ticked: open.length === 0, open };
  });
}

/** In lab and exercise order, an exercise's checks before its questions (the walkthrough got 5a, 3b, 5a). */
export function whatIsLeft(g: GlobalOptions, exercises: ExerciseBox[], validation: ValidationBox[]): string[] {
  const left = exercises.filter((b) => !b.ticked).map((b) => {
    const by = (s: string) => b.open.filter((o) => o.status === s).map((o) => o.id);
    const parts = [
      ...(by('fail').length ? [`fix ${by('fail').join(', ')} (\`${dojoCommand(g, ['check', b.lab])}\`, \`${dojoCommand(g, ['hint', b.lab, b.exercise])}\`)`] : []),
      ...(by('error').length ? [`let dojo look at ${by('error').join(', ')} (build or start what it could not find, then rerun)`] : []),
      ...(by('ungraded').length ? [`answer ${by('ungraded').join(', ')} at a terminal (\`${dojoCommand(g, ['check', b.lab])}\`) or grade it with --answers`] : []),
      // Its reason is what the student must act on (install a scanner, …): say it here too.
      ...b.open.filter((o) => o.status === 'skip').map((o) => `let dojo judge ${o.id} — ${o.summary}; \`${dojoCommand(g, ['check', b.lab, '--only', o.id])}\` shows why`),
    ];
    return `${b.lab} ${b.exercise}: ${parts.join('; ')}`;
  });
  const groups = new Map<string, { n: number; waits: boolean }>();
  for (const v of validation.filter((x) => !x.ticked)) {
    const g = groups.get(`${v.lab} ${v.exercise}`) ?? { n: 0, waits: false };
    groups.set(`${v.lab} ${v.exercise}`, { n: g.n + 1, waits: g.waits || v.state === 'waits' });
  }
  for (const [where, { n, waits }] of groups) {
    left.push(`${where}: answer ${n} validation question${n === 1 ? '' : 's'} in your own words (\`${dojoCommand(g, ['checklist'])}\`${waits ? ', once its checks pass' : ''})`);
  }
  const where = (line: string) => line.slice(0, line.indexOf(':'));
  return left.map((line, i) => ({ line, i })).sort((a, b) => where(a.line).localeCompare(where(b.line)) || a.i - b.i).map((x) => x.line);
}

/** The progress file as it is, read only (never moved aside or upgraded on disk): for --ci and --no-state. */
async function peekState(workspace: string): Promise<State | null> {
  const file = statePath(workspace);
  if (!existsSync(file)) return null;
  try {
    const parsed = await parseState(readFileSync(file, 'utf8'));
    return parsed.ok ? parsed.state : null;
  } catch {
    return null;
  }
}

/** Saved after each answer, so Ctrl-C at the next question keeps the ones already given. */
function saveAnswer(workspace: string, state: State, course: string, lab: string, exercise: string, answer: { question: string; answer: string; answeredAt: string }, notices: string[]): void {
  const ex = exerciseState(courseState(state, course), lab, exercise);
  ex.validation = [...(ex.validation ?? []).filter((v) => v.question !== answer.question), answer];
  try {
    writeState(workspace, state);
  } catch (err) {
    if (!notices.some((n) => n.includes('answers were not saved'))) notices.push(`warning: ${(err as Error).message}; your answers were not saved.`);
  }
}
