import { describe, expect, it } from 'vitest';
import { answerHash, quiz } from '../../src/checks/kinds/quiz.js';
import { judge, target } from '../support/rules.js';

const params = quiz.params.parse({
  questions: [
    { id: 'q1', prompt: 'Which?', choices: ['a', 'b'], answer: answerHash('q1', 'b') },
    { id: 'q2', prompt: 'And?', choices: ['x', 'y'], answer: answerHash('q2', 'x') },
  ],
});

describe('quiz', () => {
  it('is skipped without a terminal', () => {
    expect(judge(quiz, {}, params).status).toBe('skip');
  });

  it('passes right answers and names the questions to revisit, never the right choice', async () => {
    const answers = (picks: Record<string, string>) => ({ select: async ({ message }: { message: string }) => picks[message]! });
    expect(await quiz.interact!(target, params, answers({ 'Which?': 'b', 'And?': 'x' }))).toEqual({ status: 'pass', summary: '2 of 2 answered well' });
    const wrong = await quiz.interact!(target, params, answers({ 'Which?': 'a', 'And?': 'x' }));
    expect(wrong).toEqual({ status: 'fail', summary: '1 of 2 answered well', evidence: ['revisit: Which?'] });
  });

  it('keeps the key out of plain text in the course', async () => {
    const { readFileSync } = await import('node:fs');
    const yaml = readFileSync(new URL('../../checks/lab-01.yaml', import.meta.url), 'utf8');
    expect(yaml).toMatch(/answer: [0-9a-f]{64}/);
    expect(yaml).not.toMatch(/answer: [A-Z]/);
  });
});
