export const STATE_VERSION = 1;

export type RunOutcome = 'pass' | 'fail' | 'error';

export interface ExerciseState {
  attempts: number;
  failedAttempts: number;
  levelsSeen: number[];
  answerRevealed: boolean;
  answerRevealedAt?: string;
  lastResult?: RunOutcome;
  lastRunAt?: string;
  lastMistakes: string[];
  passedAt?: string;
}

export interface LabState {
  exercises: Record<string, ExerciseState>;
}

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
    levelsSeen: [],
    answerRevealed: false,
    lastMistakes: [],
  });
}

export function peekExercise(state: State, lab: string, exercise: string): ExerciseState | undefined {
  return state.labs[lab]?.exercises[exercise];
}
