import type { ChalkInstance } from 'chalk';
import type { QuizHashResult } from '../commands/quiz-hash.js';

/** Results of the authoring commands (quiz-hash, validate --kinds, new lab, completion). */
export type AuthoringResult = QuizHashResult;

const TYPES = new Set<string>(['quiz-hash']);
export const isAuthoring = (r: { type: string }): r is AuthoringResult => TYPES.has(r.type);

export function authoringText(r: AuthoringResult, _c: ChalkInstance): string {
  switch (r.type) {
    case 'quiz-hash':
      return `${r.hash}\n`;
  }
}

export function authoringJson(r: AuthoringResult): unknown {
  const { type: _t, notices: _n, ...rest } = r;
  return rest;
}
