import type { ExerciseState } from './state/types.js';

export type Level = 1 | 2 | 3 | 'answer';

export interface Thresholds {
  level2: number;
  level3: number;
  answer: number;
}

export interface LadderStep {
  level: Level;
  locked: boolean;
  /** What the student must do to unlock `level`; null when open. */
  unlock: string | null;
  /** Failed attempts still needed. */
  missing: number;
}

const NEXT: Record<number, Level> = { 0: 1, 1: 2, 2: 3, 3: 'answer' };

export const highestSeen = (ex: ExerciseState | undefined): number => Math.max(0, ...(ex?.levelsSeen ?? []));

export function requiredFailures(level: Level, t: Thresholds): number {
  return level === 1 ? 0 : level === 2 ? t.level2 : level === 3 ? t.level3 : t.answer;
}

/** The next rung: level N+1 opens once level N was seen and enough check attempts have failed. */
/** `checkCommand`: the `dojo check` line to suggest, with the run's --course and -w. */
export function nextStep(ex: ExerciseState | undefined, t: Thresholds, lab: string, checkCommand = `dojo check ${lab}`): LadderStep {
  if (ex?.answerRevealed) return { level: 'answer', locked: false, unlock: null, missing: 0 };
  const level = NEXT[highestSeen(ex)] ?? 'answer';
  const missing = Math.max(0, requiredFailures(level, t) - (ex?.failedAttempts ?? 0));
  if (missing === 0) return { level, locked: false, unlock: null, missing: 0 };
  const what = level === 'answer' ? 'the answer' : `level ${level}`;
  const unlock =
    `${missing} more failed attempt${missing === 1 ? '' : 's'} unlock${missing === 1 ? 's' : ''} ${what}: ` +
    `work on the hint you have, run \`${checkCommand}\`, and ask again.`;
  return { level, locked: true, unlock, missing };
}

/** `--answer` before the ladder is done: allowed only after a real attempt, and only when confirmed. */
export function earlyAnswerAllowed(ex: ExerciseState | undefined): boolean {
  return (ex?.failedAttempts ?? 0) >= 1;
}
