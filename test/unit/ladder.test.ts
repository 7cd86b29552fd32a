import { describe, expect, it } from 'vitest';
import { nextStep } from '../../src/ladder.js';
import type { ExerciseState } from '../../src/state/types.js';

const t = { level2: 1, level3: 2, answer: 3 };
const ex = (levelsSeen: number[], failedAttempts: number, answerRevealed = false): ExerciseState => ({
  attempts: failedAttempts, failedAttempts, levelsSeen, answerRevealed, lastMistakes: [],
});

describe('hint ladder', () => {
  it('opens level 1 with no attempts at all', () => {
    expect(nextStep(undefined, t, 'lab-02')).toEqual({ level: 1, locked: false, unlock: null, missing: 0 });
  });

  it('keeps level 2 locked until a failed attempt, and says what unlocks it', () => {
    expect(nextStep(ex([1], 0), t, 'lab-02')).toMatchInlineSnapshot(`
      {
        "level": 2,
        "locked": true,
        "missing": 1,
        "unlock": "1 more failed attempt unlocks level 2: work on the hint you have, run \`dojo check lab-02\`, and ask again.",
      }
    `);
    expect(nextStep(ex([1], 1), t, 'lab-02').locked).toBe(false);
  });

  it('needs each level seen, not only attempts: failures alone do not skip rungs', () => {
    expect(nextStep(ex([], 5), t, 'lab-02').level).toBe(1);
    expect(nextStep(ex([1, 2], 5), t, 'lab-02').level).toBe(3);
  });

  it('gates the answer behind level 3 and the threshold', () => {
    expect(nextStep(ex([1, 2, 3], 2), t, 'lab-02')).toMatchObject({ level: 'answer', locked: true, missing: 1 });
    expect(nextStep(ex([1, 2, 3], 3), t, 'lab-02')).toMatchObject({ level: 'answer', locked: false });
    expect(nextStep(ex([1], 0, true), t, 'lab-02')).toMatchObject({ level: 'answer', locked: false });
  });

  it('honours per-lab thresholds', () => {
    expect(nextStep(ex([1], 1), { level2: 2, level3: 4, answer: 6 }, 'lab-05')).toMatchObject({ level: 2, locked: true, missing: 1 });
  });
});
