import type { GlobalOptions } from '../context.js';
import { exerciseHints, type Lab } from '../content/types.js';
import { DojoError } from '../errors.js';
import { earlyAnswerAllowed, nextStep, type Level } from '../ladder.js';
import { readState, writeState } from '../state/store.js';
import { exerciseState, peekExercise, type CourseState } from '../state/types.js';
import { courseKey } from '../state/course-key.js';
import { dojoCommand } from '../rerun.js';
import { defaultExercise, exerciseStatus, openCourse, requireExercise, requireLab } from './shared.js';

export interface HintResult {
  type: 'hint';
  lab: string;
  exercise: string;
  /** The exercise passes: nothing is shown or recorded, `level` is null and `text` says so. */
  passed: boolean;
  level: Level | null;
  locked: boolean;
  unlock: string | null;
  text: string;
  links: { title: string; url: string; lookFor?: string }[];
  /** Guiding questions of the mistakes the last check run found; they lead the hint. */
  mistakes: { id: string; question: string }[];
  /** The rung already seen, shown again while the next one is locked. */
  previous: { level: Level; text: string; links: { title: string; url: string }[] } | null;
  notices: string[];
}

export interface HintOptions {
  exercise?: string;
  answer?: boolean;
  yes?: boolean;
  confirm?: (message: string) => Promise<boolean>;
}

export async function hint(g: GlobalOptions, labId: string, opts: HintOptions): Promise<HintResult> {
  const course = await openCourse(g);
  const lab = requireLab(course, labId);
  const { state, progress, notices } = await readState(g.workspace, courseKey(course.dir));
  const exercise = opts.exercise ? requireExercise(lab, opts.exercise) : defaultExercise(lab, progress);
  const id = lab.meta.id;
  const before = peekExercise(progress, id, exercise);
  if (exerciseStatus(before) === 'passed') return passedResult(g, lab, exercise, !opts.exercise, progress, notices);
  let step = nextStep(before, lab.hints.unlock, id, dojoCommand(g, ['check', id]));

  // `--answer` also when the answer is the next rung but still locked.
  if (opts.answer && (step.level !== 'answer' || step.locked)) {
    if (!earlyAnswerAllowed(before)) {
      throw new DojoError({
        code: 'E_ANSWER_LOCKED',
        message: `The answer to ${id} ${exercise} opens after at least one failed check attempt.`,
        suggestion: `Try it first: run \`${dojoCommand(g, ['check', id])}\`, then \`${dojoCommand(g, ['hint', id])}\` for a guiding question.`,
      });
    }
    const ok = opts.yes || (g.interactive && opts.confirm && (await opts.confirm(
      `Reveal the answer to ${id} ${exercise} now? Working through the hints teaches more, and dojo records that you asked.`,
    )));
    if (!ok) {
      throw new DojoError({
        code: 'E_ANSWER_NOT_CONFIRMED',
        message: `The answer to ${id} ${exercise} was not revealed: it needs your confirmation.`,
        suggestion: g.interactive ? 'Answer yes at the prompt to see it.' : 'Without a terminal, confirm with --yes.',
      });
    }
    step = { level: 'answer', locked: false, unlock: null, missing: 0 };
  }

  const ex = exerciseState(progress, id, exercise);
  const mistakes = ex.lastResult === 'fail' ? lastMistakes(lab, ex.lastMistakes) : [];
  const previousLevel = ex.answerRevealed ? null : (Math.max(0, ...ex.levelsSeen) as 0 | 1 | 2 | 3);
  const previous = step.locked && previousLevel ? { level: previousLevel as Level, ...rung(lab, exercise, previousLevel) } : null;

  if (!step.locked) {
    if (step.level === 'answer') {
      if (!ex.answerRevealed) ex.answerRevealedAt = new Date().toISOString();
      ex.answerRevealed = true;
    } else if (!ex.levelsSeen.includes(step.level)) {
      ex.levelsSeen.push(step.level);
    }
    writeState(g.workspace, state);
  }
  const lockedText = `${step.level === 'answer' ? 'The answer' : `Level ${step.level}`} is locked. ${step.unlock}`;
  const shown = step.locked ? { text: lockedText, links: [] } : rung(lab, exercise, step.level);
  return { type: 'hint', lab: id, exercise, passed: false, level: step.level, locked: step.locked, unlock: step.unlock, ...shown, mistakes, previous, notices };
}

/** A passed exercise needs no hint: climbing on would record hints (or an answer) against the student. */
function passedResult(g: GlobalOptions, lab: Lab, exercise: string, chosenByDojo: boolean, progress: CourseState, notices: string[]): HintResult {
  const id = lab.meta.id;
  const open = lab.meta.exercises.find((e) => exerciseStatus(peekExercise(progress, id, e.id)) !== 'passed');
  const text = chosenByDojo
    ? `Every exercise of ${id} passes its checks: there is no hint to give.`
    : `${id} ${exercise} passes its checks: there is nothing new to show.` + (open ? ` Still open: ${open.id} (\`${dojoCommand(g, ['hint', id, open.id])}\`).` : '');
  return { type: 'hint', lab: id, exercise, passed: true, level: null, locked: false, unlock: null, text, links: [], mistakes: [], previous: null, notices };
}

function rung(lab: Lab, exercise: string, level: Level): { text: string; links: { title: string; url: string; lookFor?: string }[] } {
  const h = exerciseHints(lab, exercise);
  switch (level) {
    case 1:
      return { text: h.level1.join('\n'), links: [] };
    case 2:
      return { text: 'Read these, looking for the part named after each link:', links: h.level2 };
    case 3:
      return { text: h.level3, links: [] };
    default:
      return { text: h.answer, links: [] };
  }
}

function lastMistakes(lab: Lab, ids: string[]): { id: string; question: string }[] {
  return ids.flatMap((mid) => {
    const m = lab.hints.mistakes.find((x) => x.id === mid);
    return m ? [{ id: m.id, question: m.question }] : [];
  });
}
