import type { GlobalOptions } from '../context.js';
import type { Course, Lab } from '../content/types.js';
import { interruptSignal } from '../engine/cleanup.js';
import { DojoError, ExitCode } from '../errors.js';
import { readState } from '../state/store.js';
import { peekExercise, type CourseState } from '../state/types.js';
import { courseKey } from '../state/course-key.js';
import { watchSession } from '../watch/session.js';
import { hint } from './hint.js';
import { exerciseStatus, openCourse, requireLab } from './shared.js';

export interface WatchResult {
  type: 'watch';
  lab: string;
  runs: number;
  passed: number;
  total: number;
  exitCode: number;
  notices: string[];
}

/** `dojo watch [lab]`: the live view until the student quits; returns what to print after it. */
export async function watch(g: GlobalOptions, labId: string | undefined): Promise<WatchResult> {
  if (g.ci || !process.stdin.isTTY || !process.stdout.isTTY) {
    const why = !process.stdin.isTTY || !process.stdout.isTTY ? 'its input or output is not a terminal' : 'it runs in CI mode (--ci or CI=true)';
    throw new DojoError({
      code: 'E_NO_TERMINAL',
      message: `dojo watch needs a terminal: it redraws the screen and reads keys, and ${why}`,
      suggestion: 'Run it in a terminal window. In CI or a script, use `dojo check <lab>` (with --format json or junit).',
      exitCode: ExitCode.badInput,
    });
  }
  const course = await openCourse(g);
  const lab = labId ? requireLab(course, labId) : currentLab(course, (await readState(g.workspace, courseKey(course.dir))).progress);
  const summary = await watchSession({
    g, course, lab,
    input: process.stdin,
    output: process.stdout,
    interrupt: interruptSignal(),
    hint: (workspace) => hint({ ...g, workspace }, lab.meta.id, {}),
  });
  return { type: 'watch', lab: lab.meta.id, runs: summary.runs, passed: summary.passed, total: summary.total, exitCode: ExitCode.ok, notices: [] };
}

/** As rustlings does: the first lab with an exercise not passed yet, else the last one. */
function currentLab(course: Course, progress: CourseState): Lab {
  const open = course.labs.find((l) => l.meta.exercises.some((e) => exerciseStatus(peekExercise(progress, l.meta.id, e.id)) !== 'passed'));
  return open ?? course.labs[course.labs.length - 1]!;
}
