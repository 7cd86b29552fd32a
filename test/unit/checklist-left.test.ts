import { describe, expect, it } from 'vitest';
import { whatIsLeft, type ExerciseBox, type ValidationBox } from '../../src/commands/checklist.js';
import { builtinCourseDir, type GlobalOptions } from '../../src/context.js';

const g = { workspace: process.cwd(), course: builtinCourseDir() } as GlobalOptions;
const box = (lab: string, exercise: string, open: ExerciseBox['open']): ExerciseBox => ({ lab, exercise, title: '', ticked: !open.length, open });
const question = (lab: string, exercise: string, state: ValidationBox['state']): ValidationBox =>
  ({ lab, exercise, question: 'Why?', ticked: false, answer: null, answeredAt: null, state });

describe('what is left at the gate', () => {
  it('comes in lab and exercise order, an exercise\'s checks before its questions', () => {
    const left = whatIsLeft(g, [box('lab-05', '5a', [{ id: 'image-scan', status: 'skip', summary: 'no scanner' }])],
      [question('lab-03', '3b', 'unanswered'), question('lab-05', '5a', 'waits')]);
    expect(left.map((l) => l.slice(0, l.indexOf(':')) + (l.includes('validation') ? ' questions' : ' checks'))).toEqual([
      'lab-03 3b questions', 'lab-05 5a checks', 'lab-05 5a questions',
    ]);
  });
});
