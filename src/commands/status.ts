import type { GlobalOptions } from '../context.js';
import { courseKey } from '../state/course-key.js';
import { readState, statePath } from '../state/store.js';
import { exerciseStatus, openCourse, type ExerciseStatus } from './shared.js';

export interface StatusResult {
  type: 'status';
  stateFile: string;
  labs: {
    id: string;
    title: string;
    exercises: {
      id: string;
      status: ExerciseStatus;
      /** Every check run that evaluated the exercise. */
      runs: number;
      /** Counted attempts: passes, and failed runs after a change. */
      attempts: number;
      /** Counted failed attempts: what opens hint levels. */
      failedAttempts: number;
      levelsSeen: number[];
      answerRevealed: boolean;
      lastResult: string | null;
      passedAt: string | null;
    }[];
  }[];
  answersRevealed: { lab: string; exercise: string; at: string | null }[];
  notices: string[];
}

export async function status(g: GlobalOptions): Promise<StatusResult> {
  const course = (await openCourse(g));
  const { progress, notices } = await readState(g.workspace, courseKey(course.dir));
  const labs = course.labs.map((lab) => ({
    id: lab.meta.id,
    title: lab.meta.title,
    exercises: lab.meta.exercises.map((e) => {
      const s = progress.labs[lab.meta.id]?.exercises[e.id];
      return {
        id: e.id,
        status: exerciseStatus(s),
        runs: s?.runs ?? 0,
        attempts: s?.attempts ?? 0,
        failedAttempts: s?.failedAttempts ?? 0,
        levelsSeen: [...(s?.levelsSeen ?? [])].sort(),
        answerRevealed: s?.answerRevealed ?? false,
        lastResult: s?.lastResult ?? null,
        passedAt: s?.passedAt ?? null,
      };
    }),
  }));
  const answersRevealed = labs.flatMap((l) =>
    l.exercises
      .filter((e) => e.answerRevealed)
      .map((e) => ({ lab: l.id, exercise: e.id, at: progress.labs[l.id]?.exercises[e.id]?.answerRevealedAt ?? null })),
  );
  return { type: 'status', stateFile: statePath(g.workspace), labs, answersRevealed, notices };
}
