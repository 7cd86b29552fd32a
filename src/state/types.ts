import type * as z from 'zod/v4/mini';
import type { exerciseStateSchema, labStateSchema, scenarioObjectSchema } from './schema.js';

/** Bump it together with a new entry in migrations.ts and the schema in schema.ts. */
export const STATE_VERSION = 3;

export type RunOutcome = 'pass' | 'fail' | 'error';

export type ExerciseState = z.infer<typeof exerciseStateSchema>;
export type LabState = z.infer<typeof labStateSchema>;
export type ScenarioObject = z.infer<typeof scenarioObjectSchema>;

export interface State {
  version: typeof STATE_VERSION;
  labs: Record<string, LabState>;
}

export const emptyState = (): State => ({ version: STATE_VERSION, labs: {} });

export function exerciseState(state: State, lab: string, exercise: string): ExerciseState {
  const labState = (state.labs[lab] ??= { exercises: {} });
  return (labState.exercises[exercise] ??= {
    attempts: 0,
    failedAttempts: 0,
    runs: 0,
    levelsSeen: [],
    answerRevealed: false,
    lastMistakes: [],
  });
}

export function peekExercise(state: State, lab: string, exercise: string): ExerciseState | undefined {
  return state.labs[lab]?.exercises[exercise];
}
