import type { ChalkInstance } from 'chalk';
import type { CompletionResult } from '../commands/completion.js';
import type { KindsResult } from '../commands/kinds.js';
import type { NewLabResult } from '../commands/new-lab.js';
import type { QuizHashResult } from '../commands/quiz-hash.js';
import type { SolutionsResult } from '../commands/validate-solutions.js';
import { solutionsJson, solutionsText } from './solutions.js';

/** Results of the authoring and set-up commands (quiz-hash, validate --kinds, new lab, completion). */
export type AuthoringResult = QuizHashResult | KindsResult | NewLabResult | CompletionResult | SolutionsResult;

const TYPES = new Set<string>(['quiz-hash', 'kinds', 'new-lab', 'completion', 'validate-solutions']);
export const isAuthoring = (r: { type: string }): r is AuthoringResult => TYPES.has(r.type);

export function authoringText(r: AuthoringResult, c: ChalkInstance): string {
  switch (r.type) {
    case 'quiz-hash':
      return `${r.hash}\n`;
    case 'validate-solutions':
      return solutionsText(r, c);
    case 'completion':
      return r.script;
    case 'new-lab':
      return [...r.files.map((f) => `${c.green('+')} ${f}`), '', `Edit them, then run: dojo validate ${r.dir}`].join('\n') + '\n';
    case 'kinds':
      return r.kinds.map((k) => {
        const width = Math.max(0, ...k.params.map((p) => p.name.length));
        const params = k.params.length
          ? k.params.map((p) => `    ${p.name.padEnd(width)}  ${p.type}${p.required ? c.yellow('  required') : `  default ${JSON.stringify(p.default ?? null)}`}`)
          : ['    (no parameters)'];
        return [`${c.bold(k.name)}  ${k.description}`, '  params:', ...params, '  example:', ...k.example.split('\n').map((l) => `    ${c.dim(l)}`)].join('\n');
      }).join('\n\n') + '\n';
  }
}

export function authoringJson(r: AuthoringResult): unknown {
  if (r.type === 'validate-solutions') return solutionsJson(r);
  const { type: _t, notices: _n, ...rest } = r;
  return rest;
}
