import type { ChalkInstance } from 'chalk';
import type { CheckResult } from '../commands/check.js';

const MARK = { pass: '✓', fail: '✗', error: '!', skip: '-' } as const;

export function checkText(r: CheckResult, c: ChalkInstance): string {
  const rep = r.report;
  const paint = { pass: c.green, fail: c.red, error: c.yellow, skip: c.dim } as const;
  const width = Math.max(...rep.checks.map((k) => k.id.length));
  const lines = [c.bold(`${rep.lab} · ${rep.title}`) + c.dim(`  (workspace ${rep.workspace})`)];
  let exercise = '';
  const asked = new Set<string>();
  for (const k of rep.checks) {
    if (k.exercise !== exercise) {
      exercise = k.exercise;
      lines.push(c.dim(`  exercise ${exercise}`));
    }
    lines.push(`  ${paint[k.status](MARK[k.status])} ${k.id.padEnd(width)}  ${k.status === 'pass' ? k.summary : paint[k.status](k.summary)}`);
    for (const e of k.evidence) lines.push(c.dim(`      ${e}`));
    // Two checks can point at one mistake: ask its question once.
    if (k.question && !asked.has(k.question)) lines.push(`      ${c.cyan('?')} ${k.question}`);
    if (k.question) asked.add(k.question);
  }
  const n = (s: string) => rep.checks.filter((k) => k.status === s).length;
  const parts = [`${n('pass')} passed`, `${n('fail')} failed`];
  if (n('error')) parts.push(`${n('error')} could not be evaluated`);
  if (n('skip')) parts.push(`${n('skip')} skipped`);
  lines.push('', `${rep.passed ? c.green('PASS') : c.red('FAIL')} ${rep.lab}: ${parts.join(', ')}`);
  if (n('fail')) lines.push(c.dim(`Stuck? \`dojo hint ${rep.lab}\` asks you the next guiding question.`));
  return lines.join('\n') + '\n';
}
