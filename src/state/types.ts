import type * as z from 'zod/v4/mini';
import type { courseStateSchema, exerciseStateSchema, labStateSchema, scenarioObjectSchema } from './schema.js';

/** Bump it together with a new entry in migrations.ts and the schema in schema.ts. */
export const STATE_VERSION = 4;

export type RunOutcome = 'pass' | 'fail' | 'error';

export type ExerciseState = z.infer<typeof exerciseStateSchema>;
export type LabState = z.infer<typeof labStateSchema>;
export type ScenarioObject = z.infer<typeof scenarioObjectSchema>;
/** One course's progress in the workspace: labs by id (two courses may both have a lab-01). */
export type CourseState = z.infer<typeof courseStateSchema>;

export interface State {
  version: typeof STATE_VERSION;
  /** By course key (src/state/course-key.ts): `builtin`, or a course pack's folder name. */
  courses: Record<string, CourseState>;
}

export const emptyState = (): State => ({ version: STATE_VERSION, courses: {} });

/** A course's progress, created empty when the course has none yet: for writers. */
export const courseState = (state: State, key: string): CourseState => (state.courses[key] ??= { labs: {} });

/** A course's progress for readers: never adds an entry to the file. */
export const peekCourse = (state: State, key: string): CourseState => state.courses[key] ?? { labs: {} };

export function exerciseState(progress: CourseState, lab: string, exercise: string): ExerciseState {
  const labState = (progress.labs[lab] ??= { exercises: {} });
  return (labState.exercises[exercise] ??= {
    attempts: 0,
    failedAttempts: 0,
    runs: 0,
    levelsSeen: [],
    answerRevealed: false,
    lastMistakes: [],
  });
}

export function peekExercise(progress: CourseState, lab: string, exercise: string): ExerciseState | undefined {
  return progress.labs[lab]?.exercises[exercise];
}
