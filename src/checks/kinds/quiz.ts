import { createHash } from 'node:crypto';
import { z } from 'zod';
import { fail, pass, skip, type CheckKind, type ParamsProblem } from '../types.js';

const question = z
  .object({
    id: z.string().min(1),
    prompt: z.string().min(1),
    choices: z.array(z.string().min(1)).min(2),
    /** sha256 of "<id>:<correct choice>", so the key is not readable in the YAML. */
    answer: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 hex of "<id>:<correct choice>"'),
  })
  .strict();
type Question = z.infer<typeof question>;
const params = z.object({ questions: z.array(question).min(1), passMark: z.number().min(0).max(1).default(1) }).strict();

export const answerHash = (id: string, choice: string): string => createHash('sha256').update(`${id}:${choice}`).digest('hex');

export const quiz: CheckKind<z.infer<typeof params>> = {
  name: 'quiz',
  description: 'An interactive knowledge check; answers are stored hashed. `skip` without a terminal.',
  params,
  needs: () => [],
  lint: (raw) => {
    const questions = Array.isArray((raw as { questions?: unknown })?.questions) ? (raw as { questions: Partial<Question>[] }).questions : [];
    const problems: ParamsProblem[] = [];
    questions.forEach((q, i) => {
      if (typeof q?.id !== 'string' || !Array.isArray(q.choices) || !/^[0-9a-f]{64}$/.test(String(q.answer))) return; // the schema says why
      if (questions.findIndex((o) => o?.id === q.id) !== i) problems.push({ path: ['questions', i, 'id'], message: `duplicate question id ${q.id}: the answer hash is computed from the id` });
      if (!q.choices.some((c) => answerHash(q.id!, String(c)) === q.answer)) {
        problems.push({
          path: ['questions', i, 'answer'],
          message: `the answer of question ${q.id} matches none of its ${q.choices.length} choices: the quiz cannot be passed`,
          suggestion: `the answer is sha256 of "<question id>:<correct choice>"; compute it with: dojo quiz-hash ${q.id} "<the correct choice>"`,
        });
      }
    });
    return problems;
  },
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
