import { createHash } from 'node:crypto';
import { z } from 'zod';
import { fail, pass, skip, type CheckKind } from '../types.js';

const question = z
  .object({
    id: z.string().min(1),
    prompt: z.string().min(1),
    choices: z.array(z.string().min(1)).min(2),
    /** sha256 of "<id>:<correct choice>", so the key is not readable in the YAML. */
    answer: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 hex of "<id>:<correct choice>"'),
  })
  .strict();
const params = z.object({ questions: z.array(question).min(1), passMark: z.number().min(0).max(1).default(1) }).strict();

export const answerHash = (id: string, choice: string): string => createHash('sha256').update(`${id}:${choice}`).digest('hex');

export const quiz: CheckKind<z.infer<typeof params>> = {
  name: 'quiz',
  description: 'An interactive knowledge check; answers are stored hashed. `skip` without a terminal.',
  params,
  needs: () => [],
  evaluate: () => skip('needs a terminal: run this check interactively (not in CI or with --format json)'),
  async interact(_t, p, prompt) {
    // Named by their prompt, which the student saw; ids are internal, and the right choice stays unsaid.
    const wrong: string[] = [];
    for (const q of p.questions) {
      const choice = await prompt.select({ id: q.id, message: q.prompt, choices: q.choices });
      if (answerHash(q.id, choice) !== q.answer) wrong.push(q.prompt);
    }
    const score = (p.questions.length - wrong.length) / p.questions.length;
    const summary = `${p.questions.length - wrong.length} of ${p.questions.length} answered well`;
    return score >= p.passMark ? pass(summary) : fail(summary, wrong.map((question) => `revisit: ${question}`));
  },
};
